"""The reviewer's web workspace and REST API over the corpus (`fazhi serve`).

    from fazhi.web import WebConfig, create_app
    app = create_app(WebConfig(db="永清县.duckdb"))     # an ASGI app; uvicorn runs it

See docs/web.md for routes, roles and the security model.
"""
from __future__ import annotations

from .app import create_app
from .config import WebConfig

__all__ = ["WebConfig", "create_app"]
