"""One door for every file a user hands over: checked before it is opened, bounded while it is read.

A file must be a regular file (a FIFO, a device such as ``/dev/zero`` or a folder is refused before
anything is read, so nothing can hang), at most :data:`MAX_BYTES` long (YAML :data:`MAX_YAML_BYTES`), UTF-8 text with or without a
byte-order mark. CSV fields are at most :data:`MAX_FIELD` characters (Python's own CSV limit, 128
KiB). YAML is safe-loaded with duplicate keys refused, keys that are lists or maps refused, nesting at
most :data:`MAX_DEPTH` deep and aliases expanding to at most :data:`MAX_NODES` nodes ("billion
laughs" fails at once). Every failure is an :class:`~postsoviet.errors.InputFileError` naming the
file, and the line (``row``) and field where there is one.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import yaml

from postsoviet.errors import InputFileError, Problem

MAX_BYTES = 16 * 2**20
"""Largest file read (16 MiB): ample for any data, scenario or targets file."""
MAX_YAML_BYTES = 2**20
"""Largest YAML file read (1 MiB): a scenario or targets file is a few kilobytes."""
MAX_FIELD = 128 * 2**10
"""Longest CSV field (128 KiB, the limit of Python's ``csv`` module)."""
MAX_DEPTH = 50
"""Deepest nesting of lists and maps in a YAML file."""
MAX_NODES = 100_000
"""Most YAML nodes once every alias is expanded."""


def _fail(label: str, message: str, line: int | None = None, field: str | None = None) -> NoReturn:
    raise InputFileError(Problem(label, line, field, message))


def read_bytes(path: str | Path, *, label: str | None = None, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    The file is opened without blocking and checked with ``fstat`` before any byte is read, so a
    FIFO, a device or a folder is refused at once (and a file swapped for one after a check too).
    """
    label = label or str(path)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        _fail(label, "is a folder: expected a file")
    except FileNotFoundError:
        _fail(label, "cannot read the file: it does not exist")
    except OSError as error:
        _fail(label, f"cannot read the file ({error.strerror})")
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            _fail(label, "is a folder: expected a file")
        if not stat.S_ISREG(info.st_mode):
            _fail(label, "is not a regular file (a pipe, device or socket): expected a file")
        if info.st_size > limit:
            _fail(label, f"is {info.st_size:,} bytes: expected at most {limit:,}")
        with os.fdopen(handle, "rb", closefd=True) as stream:
            handle = -1
            data = stream.read(limit + 1)
    except OSError as error:
        _fail(label, f"cannot read the file ({error.strerror})")
    finally:
        if handle >= 0:
            os.close(handle)
    if len(data) > limit:
        _fail(label, f"is over {limit:,} bytes: expected at most {limit:,}")
    return data


def read_text(path: str | Path, *, label: str | None = None, limit: int = MAX_BYTES) -> str:
    """The UTF-8 text of ``path`` (a leading byte-order mark is dropped), bounded as :func:`read_bytes`."""
    label = label or str(path)
    data = read_bytes(path, label=label, limit=limit)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        _fail(label, f"is not UTF-8 text (byte {error.start + 1}: {error.reason})", line)
    if "\x00" in text:
        _fail(
            label,
            "holds a NUL character: expected text",
            text[: text.index("\x00")].count("\n") + 1,
        )
    return text


def csv_rows(text: str, *, label: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of CSV ``text`` with the line each starts on; a parser error names its line."""
    # only \r and \n end a line, as in a file opened with newline="" (str.splitlines would also
    # split on \x0b, \x1c, \u2028 and others, breaking a row in two)
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = str(error)
            if "field larger than field limit" in reason:
                reason = f"a field is over {MAX_FIELD:,} characters"
            _fail(label, f"is not valid CSV: {reason}", reader.line_num)
        yield start, cells
        start = reader.line_num + 1


def read_csv_records(
    path: str | Path, *, label: str | None = None, limit: int = MAX_BYTES
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """A CSV file's header and its rows as ``(line, {column: cell})``, every cell stripped.

    Refused: an empty file, a header with an empty or duplicated column, a row with more or fewer
    cells than the header. Blank rows are skipped.
    """
    label = label or str(path)
    rows = csv_rows(read_text(path, label=label, limit=limit), label=label)
    first = next(rows, None)
    if first is None:
        _fail(label, "is empty: expected a header row")
    header = [name.strip() for name in first[1]]
    for position, name in enumerate(header, start=1):
        if not name:
            _fail(label, f"column {position} of the header has no name", 1)
        if name in header[: position - 1]:
            _fail(label, "is duplicated in the header", 1, name)
    records = []
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            _fail(label, f"has {len(cells)} cells: expected {len(header)} like the header", line)
        records.append((line, {k: v.strip() for k, v in zip(header, cells, strict=True)}))
    return header, records


class _BoundedLoader(yaml.SafeLoader):
    """YAML's safe loader with dates kept as text, nesting bounded and keys checked."""

    depth = 0
    label = "YAML"

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                _fail(self.label, f"nests deeper than {MAX_DEPTH} levels", mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, list | dict):
                _fail(self.label, "a list or map is used as a key: expected a name", line)
            if key in seen:
                _fail(self.label, "is duplicated", line, str(key)[:80])
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _expanded_nodes(root: yaml.Node, label: str) -> int:
    """How many nodes ``root`` holds once its aliases are expanded (a cycle is refused)."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            sizes[key] = min(1 + sum(sizes[id(c)] for c in children), MAX_NODES + 1)
            continue
        if key in sizes:
            continue
        if key in on_path:
            _fail(
                label,
                "an alias refers to itself: expected a finite document",
                node.start_mark.line + 1,
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def parse_yaml(text: str, *, label: str) -> Any:
    """The YAML document in ``text``, bounded and checked as the module says."""
    try:
        loader = _BoundedLoader(text)  # the reader checks the characters here already
    except yaml.YAMLError as error:
        _yaml_fail(label, error)
    loader.label = label
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_nodes(node, label) > MAX_NODES:
            _fail(label, f"expands to over {MAX_NODES:,} values through its aliases", 1)
        return loader.construct_document(node)
    except InputFileError:
        raise
    except yaml.YAMLError as error:
        _yaml_fail(label, error)
    except ValueError as error:
        if "integer string conversion" in str(error):
            _fail(label, "holds an integer of over 4,300 digits: expected a number")
        _fail(label, f"is not valid YAML: {str(error)[:120]}")
    finally:
        loader.dispose()


def _yaml_fail(label: str, error: yaml.YAMLError) -> NoReturn:
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or getattr(error, "reason", None) or "cannot be parsed"
    _fail(label, f"is not valid YAML: {reason}", mark.line + 1 if mark is not None else None)


def read_yaml(path: str | Path, *, label: str | None = None, limit: int = MAX_YAML_BYTES) -> Any:
    """The YAML document in the file ``path``: :func:`read_text` then :func:`parse_yaml`."""
    label = label or str(path)
    return parse_yaml(read_text(path, label=label, limit=limit), label=label)
