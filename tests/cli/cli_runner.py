"""Run the real ``postsoviet`` console script of this environment, as the CLI tests do."""

from __future__ import annotations

import subprocess
import sys
from functools import partial
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "postsoviet"


def run_postsoviet(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``postsoviet ARGS`` and capture its output (no shell, bounded in time)."""
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, timeout=300, check=False
    )


def command(*words: str) -> partial[subprocess.CompletedProcess[str]]:
    """A runner of one subcommand: ``command("align")("--json")`` runs ``postsoviet align --json``."""
    return partial(run_postsoviet, *words)
