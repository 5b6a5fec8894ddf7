"""Results derived from the data, kept on disk between runs and keyed by everything they came from.

Parsing and checking the world's files takes about 2 s, and the generated history behind a
calibrated forecast about 30 s; both are the same for the same data and the same code. They are
kept as pickles in a private folder, each under a key that digests the package's code (every
``.py`` file), the Python, numpy and pandas versions, and the caller's own parts (the data
version, a day): any change to any of them is a different key, so an entry is never read for
other inputs. A missing, unreadable or corrupt entry is recomputed; a folder that cannot be
written means nothing is kept. At most :data:`MAX_KEPT` entries of a kind are kept, the least
recently used removed first. Processes that want the same missing entry at once build it once
(:func:`kept_or_built`: a lock file per entry).

The folder is ``$POSTSOVIET_CACHE_DIR``, or ``postsoviet`` in ``$XDG_CACHE_HOME`` or ``~/.cache``;
``POSTSOVIET_CACHE_DIR=off`` keeps nothing. It must belong to the user and be closed to others
(it is created so): a pickle runs code when read, so none is read from a folder others can write.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

PACKAGE_DIR = Path(__file__).parent
ENV = "POSTSOVIET_CACHE_DIR"
OFF = "off"
MAX_KEPT = 8
"""Entries kept per kind: the embedded data and a few overlays, or a few forecast days."""


def cache_folder() -> Path | None:
    """The private folder entries are kept in, created if need be; None when caching is off or
    no such folder can be had."""
    chosen = os.environ.get(ENV)
    if chosen == OFF:
        return None
    if chosen:
        folder = Path(chosen)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or (
            str(Path(os.environ["HOME"]) / ".cache") if os.environ.get("HOME") else None
        )
        if base is None:
            return None
        folder = Path(base) / "postsoviet"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    private = not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    mine = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    return folder if mine and private and os.access(folder, os.W_OK | os.X_OK) else None


@functools.cache
def code_digest() -> str:
    """SHA-256 of the package's ``.py`` files and of the Python, numpy and pandas versions."""
    import numpy
    import pandas

    digest = hashlib.sha256(
        f"{sys.version_info[:3]} numpy {numpy.__version__} pandas {pandas.__version__}".encode()
    )
    add_files(digest, PACKAGE_DIR, PACKAGE_DIR.rglob("*.py"))
    return digest.hexdigest()


def add_files(digest: Any, root: Path, paths: Iterable[Path]) -> None:
    """Add to ``digest`` each file's path below ``root`` and the SHA-256 of its bytes, in the
    order of the paths sorted (so the same files give the same digest wherever they lie)."""
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def entry_key(*parts: str) -> str:
    """The key of an entry derived from ``parts`` by this code."""
    return hashlib.sha256("\0".join((code_digest(), *parts)).encode("utf-8")).hexdigest()


def _entry(kind: str, parts: tuple[str, ...]) -> Path | None:
    folder = cache_folder()
    return None if folder is None else folder / kind / f"{entry_key(*parts)}.pickle"


def fetch(kind: str, *parts: str) -> Any | None:
    """The entry of ``kind`` kept for ``parts``, or None (a corrupt entry is removed)."""
    path = _entry(kind, parts)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)  # noqa: S301 - written by this code, in a private folder
        os.utime(path)  # marks it used, for the pruning
    except Exception:  # any failure to read it back means: compute it again
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    return value


def keep(kind: str, value: Any, *parts: str) -> None:
    """Keep ``value`` as the entry of ``kind`` for ``parts``: written whole to a temporary file
    and renamed, so a reader never sees half an entry. A failure to write keeps nothing."""
    path = _entry(kind, parts)
    if path is None:
        return
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as part:
            try:
                pickle.dump(value, part, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                part.close()
                Path(part.name).unlink()
                raise
        os.replace(part.name, path)
        _prune(path.parent)
    except Exception:  # a cache that cannot keep something only costs the next run time
        return


def kept_or_built(kind: str, build: Callable[[], T], *parts: str) -> T:
    """The entry of ``kind`` kept for ``parts``, or ``build()`` kept as it.

    Processes that want the same missing entry at once build it once: the first holds a lock on
    the entry while it builds, the others wait and read what it kept (on two cores, building it
    twice side by side would take each of them twice as long)."""
    value = fetch(kind, *parts)
    if value is not None:
        return value
    with _building(kind, parts):
        value = fetch(kind, *parts)
        if value is None:
            value = build()
            keep(kind, value, *parts)
    return value


@contextlib.contextmanager
def _building(kind: str, parts: tuple[str, ...]) -> Iterator[None]:
    """An exclusive lock on the entry's ``.lock`` file while it is built (none when the folder
    cannot be had or the system has no ``fcntl``)."""
    path = _entry(kind, parts)
    try:
        import fcntl

        if path is None:
            raise OSError("no cache folder")
        path.parent.mkdir(mode=0o700, exist_ok=True)
        handle = path.with_suffix(".lock").open("a")
    except (ImportError, OSError):
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _prune(folder: Path) -> None:
    """Remove all but the :data:`MAX_KEPT` most recently used entries of ``folder``."""
    entries = []
    for path in folder.glob("*.pickle"):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime_ns, path))
    for _, path in sorted(entries, reverse=True)[MAX_KEPT:]:
        with contextlib.suppress(OSError):
            path.unlink()
            path.with_suffix(".lock").unlink(missing_ok=True)
