"""The server: the HTTP API and the dashboard in one FastAPI application.

:func:`create_app` takes the world and configuration already loaded (read once at the door) and the
run store's path; the API's schema is at ``/api/v1/openapi.json``. Interactive docs pages are off:
they load their scripts from a CDN, and the server works offline.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from postsoviet.data.config import Config
from postsoviet.data.judgment import read_judgment_vintages
from postsoviet.data.version import data_version
from postsoviet.errors import DataError, PostsovietError
from postsoviet.forecasts.backtest import history_calibration
from postsoviet.runs.run import package_version
from postsoviet.serve import api, dashboard
from postsoviet.serve.jobs import Jobs
from postsoviet.serve.security import BodyLimit, BodyTooLargeError, token_matches
from postsoviet.serve.views import UnknownNameError, Views
from postsoviet.world import World

API = "/api/"


def _problems(request: Request, error: DataError) -> JSONResponse:
    problems = [{"field": p.field, "message": p.message} for p in error.problems]
    return JSONResponse({"detail": str(error), "problems": problems}, status_code=400)


def _refused(request: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, status_code=400)


def _too_large(request: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, status_code=413)


def _unknown(request: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, status_code=404)


def create_app(world: World, config: Config, store: Path, *, token: str | None = None) -> FastAPI:
    """The application over ``world`` and ``config``, writing runs to ``store``.

    With ``token``, every ``/api/`` request must carry ``Authorization: Bearer <token>``.
    """
    context = api.Context(
        world=world,
        config=config,
        store=Path(store),
        views=Views(world, config),
        jobs=Jobs(world, config, Path(store)),
        judgment=read_judgment_vintages(),
        data_version=data_version(),
        calibration=history_calibration(world),
        forecasting=threading.Lock(),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        context.jobs.close()

    app = FastAPI(
        title="postsoviet",
        version=package_version(),
        summary="The post-Soviet space as a computable, sourced model: its world, models and scenarios.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.context = context
    app.add_exception_handler(DataError, _problems)
    app.add_exception_handler(PostsovietError, _refused)
    app.add_exception_handler(UnknownNameError, _unknown)
    app.add_exception_handler(BodyTooLargeError, _too_large)
    if token:

        @app.middleware("http")
        async def bearer(
            request: Request, call_next: Callable[[Request], Awaitable[Response]]
        ) -> Response:
            if request.url.path.startswith(API) and not token_matches(
                request.headers.get("authorization"), token
            ):
                return JSONResponse(
                    {"detail": "header 'Authorization': expected 'Bearer <token>'"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            return await call_next(request)

    app.add_middleware(BodyLimit)
    app.include_router(api.router)
    app.include_router(dashboard.router)
    return app
