"""Ingest: files, directories, JSONL, CSV, HTML, RSS/Atom, URLs and stdin into `RawDocument`s.

Every reader yields either a RawDocument or a LannerError for that item, so one bad document is
reported and skipped while the rest go on.
"""

from lanner.ingest.readers import iter_inputs, read_path
from lanner.ingest.validate import check_text, decode_bytes

__all__ = ["check_text", "decode_bytes", "iter_inputs", "read_path"]
