"""Parameter vintages: judgment values set after a cutoff are refused unless hindsight is allowed."""

from __future__ import annotations

import pytest

from postsoviet.data.judgment import judgment_as_of, read_judgment_vintages
from postsoviet.errors import DataError, PostsovietError

HEADER = "file,component,kind,set_on,data_through,note\n"


def test_every_configuration_file_has_a_vintage():
    """Weights, directions, ladder stages and built-in scenarios all record when they were set."""
    from postsoviet.data.model_files import MODELS_DIR
    from postsoviet.scenarios.files import BUILTIN_DIR

    files = set(read_judgment_vintages()["file"])
    for path in MODELS_DIR.glob("*.csv"):
        if path.name != "judgment_vintages.csv":
            assert f"data/models/{path.name}" in files
    for path in BUILTIN_DIR.glob("*.yaml"):
        assert f"scenarios/builtin/{path.name}" in files


def test_values_set_after_the_cutoff_are_refused():
    with pytest.raises(PostsovietError, match="before the judgment values were set"):
        judgment_as_of("2024-01-15")


def test_hindsight_allowed_marks_every_late_value():
    table = judgment_as_of("2024-01-15", allow_hindsight=True)
    late = table[table["hindsight"]]
    assert len(late) > 0
    assert "data/models/attrition_weights.csv:weight_milex" in table.attrs["hindsight"]
    fitted = table[table["kind"] == "fitted"]
    assert not fitted["hindsight"].any()


def test_after_set_on_nothing_is_hindsight():
    table = judgment_as_of("2026-12-01")
    assert table.attrs["hindsight"] == []
    weights = table[table["file"] == "data/models/attrition_weights.csv"]
    assert weights.set_index("component")["value"]["weight_milex"] == 0.5


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("data/models/nope.csv,*,judgment,2026-11-25,2026-11-25,x\n", "file"),
        ("data/models/attrition_weights.csv,*,guess,2026-11-25,2026-11-25,x\n", "kind"),
        ("data/models/attrition_weights.csv,*,judgment,2026-13-25,2026-11-25,x\n", "set_on"),
        ("data/models/attrition_weights.csv,*,judgment,2026-11-25,2026-12-25,x\n", "data_through"),
    ],
)
def test_a_broken_vintage_row_names_its_field(tmp_path, row, field):
    path = tmp_path / "judgment_vintages.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(DataError) as error:
        read_judgment_vintages(path)
    assert (error.value.problems[0].row, error.value.problems[0].field) == (2, field)
