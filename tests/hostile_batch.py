"""Build the hostile batch of issue 16: FA-KES articles (read in place) with every hostile kind mixed in.

Kept apart from the test so that what the batch holds, and what each document should become, reads in
one place: `Batch.errors` is {origin: code} for every document that must be refused, `Batch.stored` is
{document id: origin} for every text that must be stored, under its first occurrence in input order.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from lanner.eval import shared_path

FAKES = shared_path("data", "fa-kes", "FA-KES-Dataset.csv")

# Short English lines that an identifier trained on long texts used to refuse (issue 16): our own words,
# in the form of headlines and ACLED-style notes.
SHORT_ENGLISH = [
    "Turkish drone strike kills three SDF fighters near Kobani",
    "Rebels shell government-held district of Aleppo",
    "On 3 May, unidentified gunmen shot dead a local council member in Daraa al-Balad. 1 fatality.",
]


@dataclass
class Batch:
    folder: Path
    errors: dict[str, str] = field(default_factory=dict)  # origin -> expected error code
    stored: dict[str, str] = field(default_factory=dict)  # document id -> origin of its first occurrence

    def good(self, text: str, origin: str) -> None:
        self.stored.setdefault(hashlib.sha256(text.encode("utf-8")).hexdigest(), origin)


def fakes_rows(n: int) -> list[dict[str, str]]:
    with FAKES.open(encoding="utf-8", errors="replace") as fh:
        return [r for r in csv.DictReader(fh) if len(r["article_content"].split()) > 40][:n]


def _line(text: str, **meta: str) -> bytes:
    return json.dumps({"text": text, **meta}).encode()


def hostile_lines(rows: list[dict[str, str]]) -> list[tuple[bytes, str | None, str | None]]:
    """(JSONL line, expected code or None, the stored text when it is good)."""
    a = rows[0]["article_content"]
    ascii_a = a[:400].encode("ascii", "replace").replace(b'"', b"").replace(b"\\", b"")
    odd = rows[1]["article_content"] + "\u2028Also\u0085said."
    nul_outlet = rows[2]["article_content"] + " Outlet."
    surrogate_meta = rows[3]["article_content"] + " Title."
    copy = rows[4]["article_content"]
    out: list[tuple[bytes, str | None, str | None]] = [
        (b'{"text": "caf\xe9 ' + ascii_a + b'"}', "E003", None),  # not UTF-8: this line only
        (_line("Shelling. " * 600_000), "E004", None),  # a 6 MB record, over LANNER_MAX_BYTES
        (_line("Shelling was reported. " * 130_000), "E004", None),  # 3,000,000 characters
        # valid JSON with U+2028 and U+0085 written raw (json.dumps would escape them): one document
        (json.dumps({"text": odd}, ensure_ascii=False).encode(), None, odd),
        (_line(""), "E001", None),  # "text": "" is an empty text, not a missing field
        (_line(a.replace(".", ".\u0000", 1) + " NUL"), "E002", None),
        (_line(nul_outlet, outlet="N\u0000" + "O" * 400), None, nul_outlet),  # stored on both databases
        (_line(a + " Long outlet.", outlet="O" * 600), "E006", None),  # a text, not a name
        (b'{"text": "' + ascii_a + b' \\udc00"}', "E003", None),  # an unpaired surrogate in the text
        (
            b'{"text": '
            + json.dumps(surrogate_meta).encode()
            + b', "title": "T\\ud800", "outlet": "\\udc00W"}',
            None,
            surrogate_meta,
        ),
        (
            _line("Les forces gouvernementales ont bombard\u00e9 la ville lundi, selon des habitants."),
            "E005",
            None,
        ),
        (b"", "E001", None),  # a blank line between records
        (b"not json at all", "E006", None),
        (b'["a", "list"]', "E006", None),
        (b'{"headline": "no text field"}', "E006", None),
        (_line(copy, outlet="A later copy", date="2001-01-01"), None, copy),  # stored under the first copy
        *[(_line(t), None, t) for t in SHORT_ENGLISH],
    ]
    return out


def build_batch(folder: Path, n_articles: int) -> Batch:
    """The batch folder: batch.jsonl (articles and hostile lines), rows.csv, and odd files."""
    folder.mkdir(parents=True)
    rows = fakes_rows(n_articles + 1)
    spare = rows.pop()
    batch = Batch(folder)
    good = [
        (
            _line(r["article_content"], title=r["article_title"], outlet=r["source"], date=r["date"]),
            None,
            r["article_content"],
        )
        for r in rows
    ]
    hostile = hostile_lines(rows)
    lines = list(good)
    step = len(good) // len(hostile)
    for k, item in enumerate(hostile):
        lines.insert(k * (step + 1) + step // 2, item)
    jsonl = folder / "batch.jsonl"
    for n, (_line_bytes, code, stored) in enumerate(lines, 1):
        if code:
            batch.errors[f"{jsonl}:{n}"] = code
        if stored is not None:
            batch.good(stored, f"{jsonl}:{n}")
    jsonl.write_bytes(b"\n".join(line for line, _, _ in lines) + b"\n")

    table = folder / "rows.csv"
    csv_a = rows[5]["article_content"].replace('"', "") + " CSV."
    csv_c = rows[6]["article_content"].replace('"', "") + " CSV."
    table.write_text(
        f'text,outlet\n"{csv_a}",A\n"{"Shelling was reported. " * 11_000}",B\n"{csv_c}",C\n', encoding="utf-8"
    )
    batch.good(csv_a, f"{table}:2")
    batch.errors[f"{table}:3"] = "E004"  # a 253,000-character field: that row only
    batch.good(csv_c, f"{table}:4")
    (folder / "zz-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    batch.errors[str(folder / "zz-binary.txt")] = "E002"
    (folder / "zz-empty.txt").write_bytes(b"")
    batch.errors[str(folder / "zz-empty.txt")] = "E001"
    utf16 = folder / "zz-utf16.txt"
    utf16.write_bytes(spare["article_content"].encode("utf-16"))  # with its byte-order mark
    batch.good(spare["article_content"], str(utf16))
    os.mkfifo(folder / "zz-fifo.txt")  # not a regular file: a directory walk passes it by, without blocking
    return batch
