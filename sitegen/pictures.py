"""Own pictures: what a picture file is (its size on screen and its identity), and its smaller copies.

A release's picture is shown from copies as wide as a screen needs (`WIDTHS`), so that a phone does
not fetch an editor's 8-megabyte photo; the page names them in `srcset` with the picture's width and
height (no jump while it loads), and offers the original for download. Copies are made upright (a
camera's orientation tag applied) and without the original's metadata (no camera, place or time).

Pillow is imported only when a site has a picture: most builds never pay for it.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from . import links, steps
from .problems import Problem, ProblemsFound

WIDTHS = (480, 960, 1600)
"""Widths of the smaller copies, in pixels: a phone, a phone's sharp screen or a desktop column, a sharp one."""

LARGEST_SHOWN = 2400
"""A picture at most this wide is also offered to browsers as it is; a wider one only for download."""

FALLBACK_WIDTH = 960
"""The copy browsers that do not choose (no `srcset`) are given, when the picture is at least this wide."""

RESIZABLE = frozenset({"JPEG", "PNG", "WEBP"})
"""Pillow's names of the formats copies are made of (a GIF may move: it is shown as it is)."""

TYPES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WebP", ".gif": "GIF"}
"""Picture files a page may show: file name ending → the name editors know."""
EXTENSIONS = tuple(TYPES)
"""File names whose files are examined as pictures."""

MAX_PIXELS = 40_000_000
"""Most pixels a picture may have: making its copies must fit the memory a build may use (a camera's 45-megapixel
photo is the rare exception; a file claiming billions of pixels is an attack)."""

NOT_SHOWN = ("is not a picture that can be shown (damaged, or of another kind)", "a JPEG, PNG, WebP or GIF file")
"""What is wrong, and what was expected, when a file a page would show is no picture (`examine` found none)."""

_ORIENTATION = 0x0112
"""The EXIF tag of the orientation in which a camera was held."""

_TURNED = {5, 6, 7, 8}
"""EXIF orientations that swap width and height."""

_GPS = 0x8825
"""The EXIF tag of the GPS position."""

HEAVY_GIF = (FALLBACK_WIDTH, 1_000_000)
"""A GIF wider than this many pixels, or larger than this many bytes, is warned of: it is shown as it is (it may
move: no smaller copies are made of it), to phones too."""
HEAVY_GIF_ADVICE = "a JPEG or PNG, of which phones load a smaller copy, or a smaller GIF"

LOCATED = ("tells where it was taken (a GPS position): the original file is published as it is",
           "remove the position in a photo program if the place must not be public")
"""A warning's message and advice for a published picture that holds its GPS position."""


@dataclass(frozen=True)
class Picture:
    """What the build needs to know of a picture file."""

    width: int
    """Width in pixels, upright (after the camera's orientation tag)."""
    height: int
    """Height in pixels, upright."""
    format: str
    """Pillow's name of its format: JPEG, PNG, WEBP or GIF."""
    digest: str
    """SHA-256 of the file (its copies are made again when it changes)."""
    size: int
    """Size of the file in bytes."""
    located: bool = False
    """Whether the file tells where it was taken (a GPS position, as phones write it)."""

    @property
    def too_large(self) -> bool:
        """Whether it has more pixels than copies may be made of (MAX_PIXELS)."""
        return self.width * self.height > MAX_PIXELS

    def height_at(self, width: int) -> int:
        """Return the height of its copy `width` pixels wide."""
        return _scaled_height(self.width, self.height, width)

    @property
    def widths(self) -> tuple[int, ...]:
        """Return the widths of the smaller copies made of it (none for a GIF or a small picture)."""
        return tuple(w for w in WIDTHS if w < self.width) if self.format in RESIZABLE else ()


def examine(path: str) -> Picture | None:
    """Return what a picture file is, or None when it is no picture Pillow can read."""
    from PIL import Image

    with open(path, "rb") as stream:
        content = stream.read()
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # only its header is read: MAX_PIXELS decides
    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            exif = _exif(image)
            turned, located = exif.get(_ORIENTATION) in _TURNED, _GPS in exif
            found = image.format
            if width * height <= MAX_PIXELS:  # (one with more is refused as it is)
                _read_to_its_end(image)
    except Exception:  # a file from outside: whatever its parser trips over, it is no picture to show
        return None
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    if found not in (*RESIZABLE, "GIF"):
        return None
    if turned:
        width, height = height, width
    return Picture(width, height, found, hashlib.sha256(content).hexdigest(), len(content), located)


def _read_to_its_end(image) -> None:
    """Raise an error when the picture is cut short (a failed upload): a JPEG is decoded at an eighth of its size,
    a PNG's parts are checked by their checksums, a GIF's first picture is decoded (a WebP cut short does not open)."""
    if image.format == "JPEG":
        image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
    elif image.format == "PNG":
        image.verify()
    elif image.format == "GIF":
        image.load()


def _exif(image):
    """Return a picture's EXIF data as far as its header holds it (Pillow would read a whole PNG to look further)."""
    from PIL import Image

    if image.format in ("JPEG", "WEBP"):
        return image.getexif()
    exif = Image.Exif()
    if isinstance(image.info.get("exif"), bytes):
        exif.load(image.info["exif"])
    return exif


def _upright(image, orientation):
    """Return the picture turned as its orientation tag (`orientation`, the one `examine` read) says."""
    from PIL import Image

    turn = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
            5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
            8: Image.Transpose.ROTATE_90}.get(orientation)
    return image.transpose(turn) if turn is not None else image


def _scaled_height(width: int, height: int, to: int) -> int:
    """Return the height of a picture `width` × `height` made `to` pixels wide."""
    return max(1, round(height * to / width))


def copy_name(file: str, width: int) -> str:
    """Return the file name of a picture's copy `width` pixels wide ('signing.jpg' → 'signing-480w.jpg')."""
    name = PurePosixPath(file)
    return f"{name.stem}-{width}w{name.suffix}"


@dataclass(frozen=True)
class Shown:
    """The files a page shows a picture from: their names beside the original, as a web address holds them (a
    space or an umlaut percent-encoded: a `srcset` separates its entries by spaces)."""

    candidates: tuple[tuple[str, int], ...]
    """(file name, width) of every file a browser may choose, narrowest first."""
    src: str
    """The file for browsers that do not choose."""
    largest: str
    """The widest of the candidates (for previews in social networks and search engines)."""
    largest_size: tuple[int, int]
    """Its width and height."""
    download: bool
    """Whether the original is offered for download: it is wider than the widest copy."""


def shown(file: str, picture: Picture) -> Shown:
    """Return the files a page shows the picture `file` from."""
    name = PurePosixPath(file).name
    candidates = [(quote(copy_name(name, width)), width) for width in picture.widths]
    if picture.width <= LARGEST_SHOWN or not candidates:
        candidates.append((quote(name), picture.width))
    src = next((candidate for candidate, width in candidates if width >= FALLBACK_WIDTH), candidates[-1][0])
    widest = candidates[-1][1]
    return Shown(tuple(candidates), src, candidates[-1][0], (widest, picture.height_at(widest)),
                 bool(picture.widths) and picture.width > WIDTHS[-1])


SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
"""How wide a picture is shown (the text column: 46rem, or the phone's width less the margins)."""


def srcset(files_url: str, shown: Shown) -> str:
    """Return the `srcset` of a picture's files shown from `files_url` (nothing when there is one file)."""
    if len(shown.candidates) < 2:
        return ""
    return ", ".join(f"{files_url}{name} {width}w" for name, width in shown.candidates)


def sized(html: str, files_url: str, picture_files: tuple) -> str:
    """Return a text's HTML with each of its pictures (`model.PictureFile`s) shown from its copies, at its size.

    A picture is found by the file its `src` leads to as a browser follows it (`a b.jpg`, `a%20b.jpg`, `./a b.jpg`
    lead to one file), and given addresses written one way. The attributes follow the `src` the Markdown gave (the
    text's HTML is sanitised before: nothing in it can carry these); pictures in the text below the first screen load
    when they are scrolled to.
    """
    by_name = {PurePosixPath(item.file).name: item for item in picture_files}
    start = f' src="{files_url}'

    def shown_sized(match: re.Match) -> str:
        item = by_name.get(links.beside(unescape(match[1])) or "")
        if item is None:
            return match[0]
        shown_files = shown(item.file, item.picture)
        choice = srcset(files_url, shown_files)
        return (f' src="{files_url}{escape(shown_files.src)}"'
                + (f' srcset="{escape(choice)}" sizes="{SIZES}"' if choice else "")
                + f' width="{item.picture.width}" height="{item.picture.height}" loading="lazy"')

    return re.sub(re.escape(start) + r'([^"]*)"', shown_sized, html) if start in html else html


COPY_VERSION = "2"
"""Changed whenever copies are made differently (the copies kept in the cache folder are then made again)."""


def smaller_copy(root: Path, source: str, width: int, digest: str) -> bytes:
    """Return a copy of the picture `source` (in the site folder `root`, with the SHA-256 `digest` the build
    found), upright, `width` pixels wide, without the original's metadata (a piece of work depending on these:
    `steps.stored`).

    Raise ProblemsFound when the picture changed since the build looked at it, or cannot be read to its end.
    """
    import PIL

    return steps.stored("pictures", (COPY_VERSION, PIL.__version__, digest, width),
                        lambda: _copy_of(root, source, width, digest))


def _copy_of(root: Path, source: str, width: int, digest: str) -> bytes:
    content = (root / source).read_bytes()
    if hashlib.sha256(content).hexdigest() != digest:
        raise ProblemsFound([Problem(source, 1, "", "the picture changed while the site was being built",
                                     "build again now that it is saved")])
    try:
        made = _smaller(content, width)
    except Exception:  # e.g. a file cut short by a failed upload (a file from outside: any error of its parser)
        raise ProblemsFound([Problem(source, 1, "", "the picture is damaged: it cannot be read to its end",
                                     "save or export it again, or replace it")]) from None
    return made


def _smaller(content: bytes, width: int) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(content)) as image:
        kind = image.format
        orientation = _exif(image).get(_ORIENTATION)
        across, down = image.size if orientation not in _TURNED else image.size[::-1]
        height = _scaled_height(across, down, width)  # from the whole size, as the page says (not the draft's)
        if kind == "JPEG":
            image.draft("RGB", (width, width))  # decode at a fraction of the size when that is enough
        upright = _upright(image, orientation)
        if upright.mode not in ("RGB", "RGBA", "L", "LA"):
            upright = upright.convert("RGBA" if "transparency" in upright.info or upright.mode == "P" else "RGB")
        if kind == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        resized = upright.resize((width, height), Image.Resampling.LANCZOS)
    stream = io.BytesIO()
    options = {"JPEG": {"quality": 82, "optimize": True, "progressive": True},
               "PNG": {"optimize": True}, "WEBP": {"quality": 80, "method": 4}}[kind]
    resized.save(stream, kind, **options)
    return stream.getvalue()
