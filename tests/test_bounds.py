"""Every input has a bound: URL bodies (raw and decompressed), slow servers, stdin, and long texts,
which are parsed in windows with every span still pointing into the whole text."""

from __future__ import annotations

import gzip
import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lanner.nlp.windows import split_windows
from tests.cli_runner import run_cli

ENGLISH = b"Government forces shelled the town of Ariha on Monday, killing two civilians, residents said.\n"
BOMB = gzip.compress(b" " * 50_000_000)  # 50 MB of spaces in ~50 kB


class Hostile(http.server.BaseHTTPRequestHandler):
    """/endless: a body that never ends; /bomb: a gzip bomb; /trickle: a byte every 0.3 s, for ever."""

    def log_message(self, *args):  # noqa: D102 - quiet
        pass

    def do_GET(self):  # noqa: N802 - the stdlib's name
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if self.path == "/bomb":
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(BOMB)))
            self.end_headers()
            self.wfile.write(BOMB)
            return
        self.end_headers()
        try:
            if self.path == "/endless":
                while True:
                    self.wfile.write(ENGLISH * 1000)
            while True:  # /trickle
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.3)
        except (BrokenPipeError, ConnectionResetError):
            return


@pytest.fixture(scope="module")
def hostile_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("path", ["/endless", "/bomb"])
def test_url_body_is_capped_while_streaming(hostile_url, path, capsys):
    t0 = time.monotonic()
    res = run_cli(capsys, "analyze", hostile_url + path)
    assert res.code != 0 and "E004" in res.err and "LANNER_MAX_BYTES" in res.err, res.err
    assert time.monotonic() - t0 < 10


def test_trickling_server_ends_at_the_fetch_timeout(hostile_url, capsys, monkeypatch):
    monkeypatch.setenv("LANNER_FETCH_TIMEOUT", "3")
    t0 = time.monotonic()
    res = run_cli(capsys, "analyze", hostile_url + "/trickle")
    took = time.monotonic() - t0
    assert res.code != 0 and "E008" in res.err and "LANNER_FETCH_TIMEOUT" in res.err, res.err
    assert 2.9 < took < 3 + 0.3 + 2, took  # the deadline, not a single read's timeout, ended it


def test_stdin_has_the_file_cap():
    """`lanner analyze - < /dev/zero`: a clear E004 at the cap, quickly, without reading on."""
    exe = Path(sys.executable).with_name("lanner")
    t0 = time.monotonic()
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(
            [str(exe), "analyze", "-"], stdin=zero, capture_output=True, text=True, timeout=60, check=False
        )
    assert proc.returncode != 0
    assert proc.stderr.count("\n") == 1 and "E004" in proc.stderr and "stdin" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and time.monotonic() - t0 < 30


def test_text_over_max_chars_is_refused_up_front(capsys, tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(ENGLISH * 30_000)  # 2.8 million characters, under LANNER_MAX_BYTES
    t0 = time.monotonic()
    res = run_cli(capsys, "analyze", str(path))
    assert res.code != 0 and "E004" in res.err and "100,000" in res.err and "LANNER_MAX_CHARS" in res.err
    assert "Traceback" not in res.err and time.monotonic() - t0 < 10


def test_long_text_is_parsed_in_windows_with_whole_text_offsets():
    """Over two windows long: parsed window by window, every span indexes the whole text."""
    import lanner
    from lanner.nlp.windows import WINDOW

    paragraph = (
        "Government forces shelled the town of Ariha on Monday, killing two civilians, residents said. "
        "Rebels of Hayat Tahrir al-Sham attacked an army post near Saraqib, the Syrian Observatory said.\n\n"
    )
    text = paragraph * (2 * WINDOW // len(paragraph) + 2)
    assert len(text) > 2 * WINDOW
    doc = lanner.analyze(text)
    assert doc.events
    spans = [e.trigger for e in doc.events] + [p.mention for p in doc.places]
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert len(doc.places) > 100  # mentions from every window
    assert max(s.end for s in spans) > len(text) - len(paragraph) * 2  # the last window was read too


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n\t!"), max_size=400), st.integers(min_value=8, max_value=60))
def test_windows_rejoin_to_the_text_and_respect_the_size(text, size):
    pieces = split_windows(text, size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces)


def test_parse_long_never_meets_max_length():
    """A text far over the model's max_length is parsed in windows into one Doc with the exact text."""
    import spacy

    from lanner.nlp.windows import parse_long

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 1_000
    text = "".join(f"Paragraph {i} says the town was shelled. Two died.\n\n" for i in range(400))
    doc = parse_long(nlp, text, size=900)
    assert doc.text == text and len(text) > 20 * nlp.max_length
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)


def _fakes_text(chars: int) -> str:
    """FA-KES articles (read in place) joined as paragraphs up to `chars` characters."""
    import csv

    from lanner.eval import shared_path

    with shared_path("data", "fa-kes", "FA-KES-Dataset.csv").open(encoding="utf-8", errors="replace") as fh:
        paras = [r["article_content"].strip() for r in csv.DictReader(fh) if len(r["article_content"]) > 500]
    out, size = [], 0
    while size < chars:
        out.append(paras[len(out) % len(paras)])
        size += len(out[-1]) + 2
    return "\n\n".join(out)[:chars]


def test_analysis_time_grows_linearly_with_length():
    """Four times the text costs about four times the CPU, not sixteen: a stage that rebuilt the whole
    text per candidate place (spaCy's `Doc.text`) made 100,000 characters cost 11x 25,000."""
    import lanner
    from lanner.eval import shared_path

    if not shared_path("data", "fa-kes", "FA-KES-Dataset.csv").exists():
        pytest.skip("FA-KES not present")
    lanner.analyze(_fakes_text(3_000))  # models load outside the measure
    cpu = {}
    for n in (20_000, 80_000):
        text = _fakes_text(n)
        t0 = time.process_time()
        lanner.analyze(text)
        cpu[n] = time.process_time() - t0
    assert cpu[80_000] < 6.5 * cpu[20_000], cpu
