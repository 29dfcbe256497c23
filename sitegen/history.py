"""Own reading files' earlier versions from git (for `build.py check`): the last published version of a data file,
and the versions of a text (what changed in a translation's source since it was translated).

"Last published" is the commit a change is compared with: `--since REV` when given; in GitHub Actions the
pull request's base branch (`GITHUB_BASE_REF` → `origin/<base>`) or, on a push, the commit before it
(`GITHUB_EVENT_BEFORE`, which the workflow passes from `github.event.before`); elsewhere the merge base of HEAD
with the main branch (`origin/main`, else `main`). The file is read with `git show REV:./path` from the site
folder, which may be a subfolder of the repository. Without a version to compare with (no git checkout, no such
commit, a shallow clone lacking it, a first push) the answer says why, in words for the editor.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

MAIN_BRANCHES = ("origin/main", "main")
"""Where a local checkout finds the published history, first found first."""
FETCH_HINT = "fetch the history: actions/checkout with fetch-depth: 0"
"""What a CI job lacking the commit must do."""


@dataclass(frozen=True)
class Published:
    """The last published version of a file, or why there is none to compare with."""

    text: str | None
    """The file's text in that version ('' when the file was not there yet: nothing of it was published); None when
    there is no version to compare with."""
    why_not: str = ""
    """Why there is none, for the editor (e.g. 'no git history here'); '' when `text` is known."""
    revision: str = ""
    """The commit compared with (as given: a name or a hash)."""


def published(folder: Path, path: str, since: str | None = None, env: Mapping[str, str] | None = None) -> Published:
    """Return the last published version of the file `path` of the site folder `folder` (see the module)."""
    env = {} if env is None else env
    if _git(folder, "rev-parse", "--is-inside-work-tree") != "true":
        return Published(None, "no git history here")
    if _git(folder, "ls-files", "--error-unmatch", "--", path) is None:
        return Published(None, f"{path} is not in git")
    revision, why_not = base_revision(folder, since, env)
    if revision is None:
        return Published(None, why_not)
    if revision.startswith("-") or _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}") is None:
        return Published(None, f"commit {revision} is not here; {FETCH_HINT}")
    if _git(folder, "cat-file", "-e", f"{revision}:./{path}") is None:
        return Published("", revision=revision)  # added since: nothing of it was published
    text = _git(folder, "show", f"{revision}:./{path}", strip=False)
    return Published(None, f"{path} could not be read from commit {revision}") if text is None else (
        Published(text.removeprefix("\ufeff"), revision=revision))


def base_revision(folder: Path, since: str | None, env: Mapping[str, str]) -> tuple[str | None, str]:
    """Return the commit the site folder's files are compared with, or None and why there is none."""
    if since:
        return since, ""
    if env.get("GITHUB_BASE_REF"):
        return f"origin/{env['GITHUB_BASE_REF']}", ""
    if env.get("GITHUB_EVENT_NAME") == "push":
        before = env.get("GITHUB_EVENT_BEFORE", "")
        if not before:
            return None, "the workflow passes no GITHUB_EVENT_BEFORE"
        if not before.strip("0"):
            return None, "the first push of this branch"
        return before, ""
    for branch in MAIN_BRANCHES:
        if _git(folder, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}") is not None:
            base = _git(folder, "merge-base", "HEAD", branch)
            return (base, "") if base else (None, f"HEAD has no commit in common with {branch}")
    return None, "no branch " + " or ".join(MAIN_BRANCHES) + " to compare with"


@dataclass(frozen=True)
class Version:
    """A committed version of a file."""

    commit: str
    """The commit's short hash."""
    date: str
    """The commit's date, YYYY-MM-DD."""
    text: str
    """The file's text in that commit."""


def versions(folder: Path, path: str, limit: int = 50) -> Iterator[Version]:
    """Yield the committed versions of the file `path` of the site folder `folder`, newest first, at most `limit`
    (none without git; for `build.py check`'s "what changed" of a translation's source)."""
    listed = _git(folder, "log", f"-{limit}", "--format=%h %cs", "--", f"./{path}")
    for line in (listed or "").splitlines():
        commit, _, date = line.partition(" ")
        text = _git(folder, "show", f"{commit}:./{path}", strip=False)
        if text is not None:
            yield Version(commit, date, text.removeprefix("\ufeff").replace("\r\n", "\n"))


def _git(folder: Path, *args: str, strip: bool = True) -> str | None:
    """Return what a git command run in `folder` printed, None when it failed (or git is not installed)."""
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    except OSError:
        return None
    if done.returncode != 0:
        return None
    try:
        text = done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.strip() if strip else text
