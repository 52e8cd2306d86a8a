"""The JSON API and the web dashboard, served from the store with the standard library only."""

from lanner.serve.app import make_server, serve

__all__ = ["make_server", "serve"]
