"""Store: analysed documents and their flattened events, actors, places, relations and spans."""

from lanner.store.db import Store

__all__ = ["Store"]
