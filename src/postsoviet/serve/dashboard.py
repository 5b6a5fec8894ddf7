"""The dashboard's files: one HTML page, its script and style, and plotly.js from the plotly package.

Everything is served from the installed packages, so the page works with no network at all.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse

STATIC = {
    "dashboard.js": "text/javascript",
    "dashboard.css": "text/css",
}
router = APIRouter()


def _static(name: str) -> Path:
    return Path(str(resources.files("postsoviet.serve") / "static" / name))


def plotly_js() -> Path:
    """plotly.js as shipped inside the plotly Python package."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def page() -> HTMLResponse:
    """The dashboard's page (its view is read from the URL query by the script)."""
    return HTMLResponse(_static("index.html").read_text(encoding="utf-8"))


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> FileResponse:
    """A file of the dashboard: a fixed list of names, never a path from the request."""
    if name == "plotly.min.js":
        return FileResponse(plotly_js(), media_type="text/javascript")
    if name not in STATIC:
        raise HTTPException(404, f"no file {name!r}")
    return FileResponse(_static(name), media_type=STATIC[name])
