"""Links in the report: every URL an anchor, every file of the project a link to its published text.

The project's files are cited by their path in the repository (``docs/models/attrition.md``,
``scripts/build_geometry.py``); a mailed report cannot open a path, so each becomes a link to
:data:`PUBLISHED_AT` + path. pyproject.toml and the README name no repository, so the base is this
one constant (docs/report.md, "Links"): change it where the project is published.
"""

from __future__ import annotations

import html
import re

PUBLISHED_AT = "https://github.com/postsoviet/postsoviet/blob/main/"
# A web address, or a path to a file of the repository that a reader can open.
_URL = r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:]"
_PATH = r"(?<![\w/.-])(?:docs|examples|scripts|benchmarks|src/postsoviet)/[\w./-]*\w\.(?:md|py|yaml|csv|png)"
_LINKABLE = re.compile(f"({_URL})|({_PATH})")


def published(path: str) -> str:
    """The address of the published text of a file of the repository."""
    return PUBLISHED_AT + path


def _target(match: re.Match[str]) -> str:
    url, path = match.groups()
    return url if url else published(path)


def linked_html(text: str) -> str:
    """``text`` escaped for HTML, each URL and repository path in it an ``<a href>``."""
    parts, end = [], 0
    for match in _LINKABLE.finditer(text):
        parts.append(html.escape(text[end : match.start()]))
        href = html.escape(_target(match), quote=True)
        parts.append(f'<a href="{href}">{html.escape(match.group(0))}</a>')
        end = match.end()
    parts.append(html.escape(text[end:]))
    return "".join(parts)


def linked_markdown(text: str) -> str:
    """``text`` with each repository path a Markdown link (bare URLs are links already)."""
    return _LINKABLE.sub(
        lambda m: m.group(0) if m.group(1) else f"[{m.group(0)}]({published(m.group(0))})", text
    )
