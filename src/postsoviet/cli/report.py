"""``postsoviet report``: write the report (one self-contained HTML file, or its Markdown/JSON twin)."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from postsoviet.cli import limits
from postsoviet.cli.common import DataOption, atomic_path, check_output, user_errors
from postsoviet.cli.progress import progress
from postsoviet.errors import PostsovietError
from postsoviet.reports import FORMATS

if TYPE_CHECKING:
    from postsoviet.data.config import Config
    from postsoviet.reports.track_record import TrackRecord
    from postsoviet.world import World

# The example targets and resolutions of a source checkout (examples/, docs/forecasting.md).
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _track(
    world: World, config: Config, targets: Path | None, resolutions: Path | None
) -> TrackRecord | None:
    """The track record of ``targets`` against ``resolutions`` (default: the examples, if here)."""
    from postsoviet.data.judgment import read_judgment_vintages
    from postsoviet.forecasts import read_resolutions, read_targets
    from postsoviet.forecasts.forecast import Models
    from postsoviet.reports.track_record import track_record

    if targets is None or resolutions is None:
        targets, resolutions = EXAMPLES / "targets.yaml", EXAMPLES / "resolutions.csv"
        if not (targets.is_file() and resolutions.is_file()):
            return None
    readable, problems = read_targets(targets)
    return track_record(
        world,
        readable,
        problems,
        read_resolutions(resolutions),
        targets_file=_shown(targets),
        resolutions_file=_shown(resolutions),
        models=Models(config, read_judgment_vintages()),
    )


def _shown(path: Path) -> str:
    """A file as the report names it: an example by its path in the repository."""
    return f"examples/{path.name}" if path.parent == EXAMPLES else str(path)


@user_errors
def report(
    scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            help="A built-in scenario name or a YAML file; repeat for several (default: all built-in).",
        ),
    ] = None,
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples",
            help="Also run each scenario on N draws of its uncertain inputs (seed 0) and add "
            "the section 'How sure'.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="The file to write (default: postsoviet-report.FORMAT here)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")] = "html",
    date: Annotated[
        str | None, typer.Option("--date", help="The report day (YYYY-MM-DD); default today.")
    ] = None,
    open_it: Annotated[
        bool, typer.Option("--open", help="Open the written file in the default browser.")
    ] = False,
    targets: Annotated[
        Path | None,
        typer.Option(
            "--targets",
            help="A targets YAML file for the section 'Track record' (default: examples/).",
        ),
    ] = None,
    resolutions: Annotated[
        Path | None,
        typer.Option("--resolutions", help="Its resolutions CSV (id,outcome,resolved_on,source)."),
    ] = None,
    data: DataOption = None,
) -> None:
    """Write the report: maps and charts of every model, scenarios against the baseline, sources."""
    from postsoviet.data.config import load_config
    from postsoviet.reports import build_report, render
    from postsoviet.scenarios.files import builtin_names, scenario_path
    from postsoviet.world import load_world
    from postsoviet.world.world import as_timestamp

    if fmt not in FORMATS:
        raise PostsovietError(
            f"option '--format': expected one of {', '.join(FORMATS)}, got '{fmt}'"
        )
    if (targets is None) != (resolutions is None):
        raise PostsovietError("options '--targets' and '--resolutions': give both or neither")
    if samples is not None:
        limits.check_count("--samples", samples, limits.SAMPLES)
    if date is not None:
        as_timestamp(date, argument="--date")
    for name in scenario or ():
        scenario_path(name)  # an unknown name is an error before any work is done
    # absolute() and not resolve(): a symbolic link must not be followed (atomic_path refuses it)
    path = (out or Path(f"postsoviet-report.{fmt}")).absolute()
    if path.is_dir():
        raise PostsovietError(f"option '--out': '{path}' is a folder, expected a file name")
    check_output(path)
    with progress("report", total=5) as steps:
        steps.step("report: reading the world")
        world = load_world(data)
        config = load_config(data)
        steps.step("report: scoring the track record")
        track = _track(world, config, targets, resolutions)
        steps.step("report: running the models and scenarios")
        with progress("draws", quiet=samples is None) as draws:
            content = build_report(
                world,
                scenario or builtin_names(),
                day=date,
                samples=samples,
                data_dir=data,
                config=config,
                track=track,
                progress=draws.advance,
                on_design=draws.add_total,
            )
        steps.step("report: drawing")
        text = render(content, fmt)
        steps.step(f"report: writing {path.name}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(path) as part:
                part.write_text(text, encoding="utf-8")
        except OSError as error:
            raise PostsovietError(
                f"option '--out': cannot write '{path}' ({error.strerror})"
            ) from None
    for note in content.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(str(path))
    if open_it:
        webbrowser.open(path.as_uri())
