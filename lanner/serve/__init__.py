"""The analyst's desk: JSON API and web pages on Starlette/FastAPI + uvicorn, served from the store."""

from lanner.serve.app import create_app
from lanner.serve.server import Running, serve, serve_in_thread

__all__ = ["Running", "create_app", "serve", "serve_in_thread"]
