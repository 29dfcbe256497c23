"""Own the write stage: files go into a temporary sibling of the output folder, which is swapped in whole.

There is no moment in which the output folder is missing or half-written: on Linux the
two folders are exchanged atomically (renameat2 RENAME_EXCHANGE); a build killed
before that leaves the previous site in place and a stale temporary folder, which the
next build removes.

The site swapped out may be kept beside the output folder as its spare (`.<output name>.spare`):
the next build starts from it instead of an empty folder, replacing only what differs, so an
edit costs what it changed, not a link per unchanged page and the deletion of a whole site.
(The pipeline keeps and uses a spare only for sites without a search index.)
Files in the spare may be hard links shared with the published site, so a file in the folder
being built is never written into: it is deleted and made anew.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable

TEMP_MARK = ".tmp-"
"""Infix of temporary sibling folders: `.<output name>.tmp-<random>`."""
SPARE_MARK = ".spare"
"""Suffix of the previous site kept beside the output folder: `.<output name>.spare`."""

EMPTY, SPARE, IN_PLACE = "an empty folder", "the spare", "the output folder"
"""Where a write plan starts from: an empty temporary folder, the spare, or the output folder itself (the dev
server's, whose changed files are replaced one by one)."""


@dataclass(frozen=True)
class WritePlan:
    """What the write stage does: the pages to render and write, the files to copy, link and delete."""

    render: list
    """The pages (OutPage) rendered and written, in address order."""
    copies: list
    """(file, output path) of the files copied as they are."""
    links: list = ()
    """(file of the published site, output path) of unchanged files, linked rather than written again."""
    delete: list = ()
    """Output paths of files of the folder started from that the new site has not."""
    start: str = EMPTY
    """What the new site is made from: EMPTY, SPARE or IN_PLACE."""
    then: Callable[[], Iterable[tuple[str, bytes]]] = tuple
    """Files (output path, bytes) written once the pages are, e.g. what describes the site for the next build."""
    first: tuple = ()
    """Of those, the ones an update in place deletes before anything changes (see `update_in_place`)."""
    keep_spare: bool = False
    """Whether the site swapped out stays beside the output folder as the next build's spare."""


def everything(pages: list, copies: list) -> WritePlan:
    """Return the plan that renders every page (not those copied as they are) into an empty folder."""
    return WritePlan([page for page in pages if page.template != "copy"], copies)


def apply(out: Path, plan: WritePlan, rendered: Iterable, finish: Callable[[Path], None] | None = None) -> int:
    """Carry out a write plan with the pages `rendered` (Rendered, in the plan's order); return how many files were
    written. `finish` runs on the complete new site before it is swapped in (e.g. the search index)."""
    files = chain(((page.output, page.content) for page in rendered), _later(plan.then))
    if plan.start == IN_PLACE:
        return update_in_place(out, files, plan.copies, plan.delete, plan.first)
    return publish(out, files, plan.copies, finish, plan.links, plan.start == SPARE, plan.delete, plan.keep_spare)


def _later(make: Callable[[], Iterable]) -> Iterable:
    """Yield what `make` returns, made only when the first item is asked for."""
    yield from make()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def temp_prefix(out: Path) -> str:
    """Return the name prefix of temporary siblings of `out`."""
    return f".{out.name}{TEMP_MARK}"


def spare_of(out: Path) -> Path:
    """Return where the site swapped out of `out` is kept (see the module's docstring)."""
    return out.absolute().parent / f".{out.name}{SPARE_MARK}"


def remove_stale(out: Path) -> None:
    """Delete temporary siblings left by killed builds."""
    if not out.parent.is_dir():
        return
    for stale in out.parent.glob(temp_prefix(out) + "*"):
        shutil.rmtree(stale, ignore_errors=True)


def publish(out: Path, files: Iterable[tuple[str, bytes]], copies: Iterable[tuple[Path, str]] = (),
            finish: Callable[[Path], None] | None = None, links: Iterable[tuple[str, str]] = (),
            from_spare: bool = False, remove: Iterable[str] = (), keep_spare: bool = True) -> int:
    """Write `files` (relative path, bytes) and `copies` (source, relative path) as the new `out`; return the count.

    `links` (previous file, relative path) are unchanged files: hard-linked from the previous
    site instead of written again (copied where the file system cannot link).

    With `from_spare`, the new site is made from the spare (`spare_of(out)`) instead of an empty
    folder: the files in it that are right already are kept (those not named at all), `remove`
    names those to delete. Without, a spare is deleted. With `keep_spare`, the site swapped out is
    kept as the next spare, else deleted.

    `finish` runs on the complete temporary folder before it is swapped in (e.g. the search index).
    """
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    spare = spare_of(out)
    staging = Path(tempfile.mkdtemp(prefix=temp_prefix(out), dir=out.parent))
    if from_spare:  # renamed over the empty folder, a temporary one from now on: a killed build leaves no half spare
        os.rename(spare, staging)
    else:
        shutil.rmtree(spare, ignore_errors=True)
    top = str(staging)
    last_made = top  # pages come in the order of their addresses: those of a folder one after another
    for relative in remove:
        _delete(top, relative)

    def target_of(relative: str) -> str:
        nonlocal last_made
        target = _inside(top, relative)
        folder = os.path.dirname(target)
        if folder != last_made:  # not a set of every folder: kept while the pages pass, it fragments memory
            try:
                os.mkdir(folder)  # most often its parent is there already
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            except FileExistsError:
                pass
            last_made = folder
        if from_spare:  # never write into a file that may be a link to one of the published site
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
        return target

    try:
        count = 0
        for relative, content in files:
            with open(target_of(relative), "wb") as stream:
                stream.write(content)
            count += 1
        for source, relative in copies:
            if from_spare and _same_file_contents(source, _inside(top, relative)):
                continue  # the spare's copy is right already
            shutil.copyfile(source, target_of(relative))
            count += 1
        for source, relative in links:
            target = target_of(relative)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        if finish is not None:
            finish(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    staging.chmod(0o755)
    swap_in(staging, out, keep_spare)
    return count


def update_in_place(out: Path, files: Iterable[tuple[str, bytes]], copies: Iterable[tuple[Path, str]],
                    remove: Iterable[str], first: Iterable[str] = ()) -> int:
    """Replace changed files in `out`, copy changed `copies`, delete `remove`; return the count written.

    For a process that rebuilds the site it serves (the dev server): each file is written beside
    its place while `files` are made, and only when every one of them was made are they renamed
    into place, so a page that fails leaves the site as it was (its manifest too), and a page is
    always either the old or the new one. `first` (the files describing the site, e.g. its
    manifest) is deleted before anything changes and written again with `files`, so an update
    cut short while renaming is not taken for a complete site.
    """
    top = str(out.absolute())
    staged: list[str] = []
    try:
        for relative, content in files:
            target = _inside(top, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            Path(target + TEMP_MARK).write_bytes(content)
            staged.append(target)
    except BaseException:
        for target in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target + TEMP_MARK)
        raise
    for relative in first:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(_inside(top, relative))
    for target in staged:
        os.replace(target + TEMP_MARK, target)
    count = len(staged)
    for source, relative in copies:
        target = _inside(top, relative)
        if not _same_file_contents(source, target):
            _replace(target, lambda temporary: shutil.copyfile(source, temporary))
            count += 1
    for relative in remove:
        _delete(top, relative)
    return count


def _delete(top: str, relative: str) -> None:
    """Delete a file of the site in folder `top`, and the folders it leaves empty."""
    target = _inside(top, relative)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    folder = os.path.dirname(target)
    while folder != top and folder.startswith(top + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            break
        folder = os.path.dirname(folder)


def _replace(target: str, write: Callable[[str], object]) -> None:
    """Write a file beside `target` and rename it over `target` (readers see the old or the new file)."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    temporary = target + TEMP_MARK
    write(temporary)
    os.replace(temporary, target)


def _same_file_contents(first: Path, second: str) -> bool:
    try:
        if os.path.getsize(first) != os.path.getsize(second):
            return False
        with open(first, "rb") as one, open(second, "rb") as other:
            return one.read() == other.read()
    except OSError:
        return False


def _inside(folder: str, relative: str) -> str:
    """Return folder/relative, refusing anything that could leave the folder.

    The folder is made by this generator (fresh, or the spare of an earlier build) and holds no
    symbolic links, so a relative path without empty, '.' or '..' segments stays inside it.
    """
    parts = relative.split("/")
    if relative.startswith("/") or "\\" in relative or "\0" in relative or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    return os.path.join(folder, relative)


def swap_in(staging: Path, out: Path, keep_spare: bool = True) -> None:
    """Make `staging` the new `out` atomically; the previous site becomes the spare (`spare_of(out)`) or goes."""
    if not out.exists() and not out.is_symlink():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        previous = staging
    else:
        previous = staging.with_name(staging.name + "-old")
        os.rename(out, previous)
        os.rename(staging, out)
    if keep_spare:
        os.rename(previous, spare_of(out))
    else:
        shutil.rmtree(previous, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0
