"""Progress of long commands: shown on a terminal's stderr, silent when piped or with --json, and
safe when one progress opens inside another."""

from __future__ import annotations

import io
import subprocess

from cli_runner import SCRIPT, run_on_terminal
from rich.console import Console

from postsoviet.cli.progress import progress

SAMPLED = ("scenario", "run", "baseline", "--samples", "2", "--models", "exposure")


def _console(*, terminal: bool) -> tuple[Console, io.StringIO]:
    text = io.StringIO()
    return Console(file=text, force_terminal=terminal, width=100), text


def test_phases_show_on_a_terminal():
    console, text = _console(terminal=True)
    with progress("align", total=3, console=console) as steps:
        steps.step("align: reading the world")
        steps.step("align: sensitivity to each weight")
    assert "align: sensitivity to each weight" in text.getvalue()
    assert "1/3" in text.getvalue()


def test_a_description_is_shown_as_text_never_as_markup():
    """A phase may name a file the user chose: ``[/bold]`` would crash Rich's markup parser."""
    console, text = _console(terminal=True)
    with progress("report", console=console) as steps:
        steps.step("report: writing [/bold][link=x]a.html\a")
    assert "report: writing [/bold][link=x]a.html" in text.getvalue()
    assert "\a" not in text.getvalue()


def test_nothing_shows_when_stderr_is_not_a_terminal_or_when_quiet():
    for terminal, quiet in ((False, False), (True, True)):
        console, text = _console(terminal=terminal)
        with progress("claims", total=2, quiet=quiet, console=console) as steps:
            steps.step("claims: reading the world")
            steps.advance()
        assert text.getvalue() == ""


def test_a_progress_inside_another_joins_its_display():
    """A sampled run inside a report: one display, the inner line drawn in the outer's."""
    console, text = _console(terminal=True)
    with progress("report", total=2, console=console) as steps:
        steps.step("report: running the models and scenarios")
        with progress("draws", console=_console(terminal=False)[0]) as draws:
            draws.set_total(4)
            draws.advance(2)
        steps.step("report: drawing")
    assert "draws" in text.getvalue()
    with progress("again", console=console) as steps:  # the outer one closed: a new one opens
        steps.step("again: shown")
    assert "again: shown" in text.getvalue()


def test_a_quiet_progress_inside_a_shown_one_adds_no_line():
    """A report without --samples samples nothing: its draws' line stays away."""
    console, text = _console(terminal=True)
    with progress("report", console=console) as steps:
        steps.step("report: running the models and scenarios")
        with progress("draws", quiet=True, console=console) as draws:
            draws.add_total(3)
            draws.advance(3)
    assert "report: running the models and scenarios" in text.getvalue()
    assert "draws" not in text.getvalue()


def test_several_runs_add_up_their_draws():
    console, text = _console(terminal=True)
    with progress("draws", console=console) as draws:
        for _ in range(2):
            draws.add_total(3)
            draws.advance(3)
    assert "6/6" in text.getvalue()


def test_a_progress_inside_a_quiet_one_stays_quiet():
    """``--json`` on the outer command silences a sampled run's draws inside it."""
    console, text = _console(terminal=True)
    with (
        progress("report", quiet=True, console=console),
        progress("draws", console=console) as draws,
    ):
        draws.set_total(4)
        draws.advance(4)
    assert text.getvalue() == ""


def test_a_sampled_run_shows_its_draws_on_a_terminal_only_without_json(tmp_path):
    store = ("--store", str(tmp_path / "runs.duckdb"))
    code, drawn, _ = run_on_terminal(*SAMPLED, *store)
    assert code == 0
    assert b"draws" in drawn
    code, drawn, _ = run_on_terminal(*SAMPLED, *store, "--json")
    assert code == 0
    assert b"draws" not in drawn


def test_a_sampled_run_piped_shows_no_progress(tmp_path):
    piped = subprocess.run(
        [str(SCRIPT), *SAMPLED, "--store", str(tmp_path / "runs.duckdb")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert piped.returncode == 0
    assert "draws" not in piped.stderr
    assert "\x1b[" not in piped.stderr


def test_claims_shows_its_phases_on_a_terminal():
    """One of the long commands (25-75 s) end to end: its phases reach a terminal's stderr."""
    code, drawn, table = run_on_terminal("claims")
    assert code == 0
    assert b"claims: running the scenarios and checking each claim" in drawn
    assert b"borne_out" in table
