"""The data version: one digest of every data file the package reads, and of an overlay's.

A run records it (:mod:`postsoviet.runs.run`) so its figures can be traced to the bytes they came
from; the disk cache keys on it (:mod:`postsoviet.disk_cache`), so nothing kept from other data is
ever read back.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from postsoviet.disk_cache import add_files

DATA_DIR = Path(__file__).parent
DATA_SUFFIXES = (".csv", ".yaml", ".yml", ".json", ".txt")


def data_version(overlay: str | Path | None = None) -> str:
    """SHA-256 over the embedded data files (and an overlay folder's), by relative path and bytes."""
    digest = hashlib.sha256()
    for root in (DATA_DIR, *(() if overlay is None else (Path(overlay),))):
        add_files(digest, root, (p for p in root.rglob("*") if p.suffix in DATA_SUFFIXES))
    return digest.hexdigest()
