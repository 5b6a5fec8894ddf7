"""Where numba keeps its compiled functions: a writable folder, or the import fails.

numba caches a ``cache=True`` function beside its source (the package's ``__pycache__``) or in the
user's cache folder (``~/.cache``); when neither can be written (an install the user cannot write,
a read-only or missing HOME) it raises at import, so every command would fail, ``--help`` included.
:func:`ensure_cache_dir` then sets ``NUMBA_CACHE_DIR`` to a private folder in the temporary
directory. It must run before numba is imported (``postsoviet/__init__.py`` calls it) and never
overrides a ``NUMBA_CACHE_DIR`` the user set.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
CACHED = ("models/landscape",)
"""The package's folders with ``cache=True`` functions (numba caches in their ``__pycache__``)."""


def _writable(folder: Path) -> bool:
    """Whether ``folder`` (or the nearest existing parent it would be created in) can be written."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate.is_dir() and os.access(candidate, os.W_OK | os.X_OK)
    return False


def _user_cache() -> Path | None:
    """numba's user-wide cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``), if there is a home."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base)
    home = os.environ.get("HOME")
    return Path(home) / ".cache" if home else None


def _private_temp() -> Path | None:
    """``$TMPDIR/postsoviet-numba-<uid>``, owned by this user and private, or None."""
    folder = Path(tempfile.gettempdir()) / f"postsoviet-numba-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    mine = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    return folder if mine and os.access(folder, os.W_OK) else None


def ensure_cache_dir() -> str | None:
    """Set ``NUMBA_CACHE_DIR`` to a writable private folder if numba would find none; return it."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return os.environ["NUMBA_CACHE_DIR"]
    user = _user_cache()
    beside = all(_writable(PACKAGE_DIR / folder / "__pycache__") for folder in CACHED)
    if beside or (user is not None and _writable(user)):
        return None
    folder = _private_temp()
    if folder is not None:
        os.environ["NUMBA_CACHE_DIR"] = str(folder)
        return str(folder)
    return None
