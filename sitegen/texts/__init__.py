"""Own validating the Markdown texts (the validate stage's part for content/): plain pages and press releases with
their translations, pictures and press kits.

- `names`: a text's file name (key, language, a release's date) and what is wrong with it;
- `releases`: press releases, one file per language linked by their key, language-neutral fields written once;
- `pages`: plain pages;
- `bodies`: a text's body, the pictures it shows (each with a text alternative) and the files beside it.
"""
from .bodies import ATTACHMENT_TYPES, IMAGE_TYPES, MAX_ATTACHMENT_BYTES, body_of
from .names import DOCUMENT_NAME, RELEASE_KEY, TEXT_SUFFIXES
from .pages import pages_of
from .releases import checking_context, releases_of

__all__ = ["ATTACHMENT_TYPES", "DOCUMENT_NAME", "IMAGE_TYPES", "MAX_ATTACHMENT_BYTES", "RELEASE_KEY", "TEXT_SUFFIXES",
           "body_of", "checking_context", "pages_of", "releases_of"]
