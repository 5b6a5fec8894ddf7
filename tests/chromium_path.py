"""The Chromium the browser tests drive (shared by the report's and the dashboard's browser tests).

``$POSTSOVIET_CHROMIUM``, else ``chromium`` on the PATH, else ``/usr/bin/chromium`` (Debian's
package). Playwright's own browser download cannot work here (no network at test time).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def chromium() -> str:
    """The browser's path, or fail (under CI) / skip (elsewhere) saying how to get one."""
    path = os.environ.get("POSTSOVIET_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if Path(path).is_file():
        return path
    message = (
        f"no chromium at {path}: install Debian's package (apt-get install -y chromium) or set "
        "POSTSOVIET_CHROMIUM to a Chromium binary"
    )
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)
