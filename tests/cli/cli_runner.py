"""Run the real ``postsoviet`` console script of this environment, as the CLI tests do."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
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


def run_on_terminal(
    *args: str, stream: str = "stderr", columns: int = 100
) -> tuple[int, bytes, bytes]:
    """Run ``postsoviet ARGS`` with ``stream`` (stdout or stderr) on a pseudo-terminal of
    ``columns`` columns and the other piped: the exit code, what reached the terminal, the pipe."""
    leader, follower = pty.openpty()
    drawn = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: follower}
    try:
        done = subprocess.run(
            [str(SCRIPT), *args],
            **streams,
            env={**os.environ, "TERM": "xterm", "COLUMNS": str(columns)},
            timeout=300,
            check=False,
        )
    finally:
        os.close(follower)
        reader.join(timeout=10)
        os.close(leader)
    piped = done.stderr if stream == "stdout" else done.stdout
    return done.returncode, bytes(drawn), piped
