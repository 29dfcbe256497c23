"""Own what tells one version of a file from another: the hash of its text, or without reading it its stat,
trusted once settled."""
from __future__ import annotations

import hashlib
import os
import time

RACY_NS = 2_000_000_000
"""A file changed less than this long before it was read may change again within the same
timestamp tick (file times are coarse): its stat is not trusted, its text is compared."""


def text_digest(text: str) -> bytes:
    """Return the hash that names a file's text (in what a build keeps of it, the cache folder and fingerprints)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def signature(info: os.stat_result) -> tuple:
    """Return what tells one version of a file from another: its device, inode, size and times."""
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def settled(info: os.stat_result) -> bool:
    """Return whether a file's signature can tell its version: it changed at least RACY_NS ago."""
    return time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > RACY_NS


def version(info: os.stat_result) -> tuple | object:
    """Return the file's signature when it can tell the version, else a value equal to nothing else."""
    return signature(info) if settled(info) else object()
