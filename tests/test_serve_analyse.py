"""The "analyse a report" page on a real server: CSRF, size limits, SSRF refusals, storing a report."""

from __future__ import annotations

import re

import httpx
import pytest

from lanner.errors import Refused, TooLarge
from lanner.serve import serve_in_thread
from lanner.serve.fetch import check_public, fetch_public
from lanner.store import Store

REPORT = (
    "Turkish drones struck positions of the Syrian Democratic Forces near Kobani on Tuesday, killing three "
    "fighters, the Syrian Observatory for Human Rights said. Local sources said government troops moved "
    "towards Ain Issa on Wednesday."
)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('analyse') / 'a.db'}")
    running = serve_in_thread(store)
    yield running, store
    running.stop()


def _form(client: httpx.Client, url: str) -> str:
    page = client.get(url + "/analyse")
    assert page.status_code == 200 and "lanner_csrf" in page.headers["set-cookie"]
    assert "samesite=strict" in page.headers["set-cookie"].lower()
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def test_paste_analyse_and_store(desk):
    running, store = desk
    with httpx.Client(timeout=120) as client:
        token = _form(client, running.url)
        page = client.post(
            running.url + "/analyse", data={"csrf": token, "text": REPORT, "published": "2023-01-12"}
        )
        assert page.status_code == 200, page.text[-500:]
        assert (
            'id="article"' in page.text and 'class="trigger' in page.text and "Store this report" in page.text
        )
        assert store.count("documents") == 0, "analysing does not store"
        stored = client.post(
            running.url + "/analyse/store", data={"csrf": token, "text": REPORT, "published": "2023-01-12"}
        )
        assert stored.status_code == 303 and stored.headers["location"].startswith("/documents/")
    assert store.count("documents") == 1
    assert httpx.get(running.url + stored.headers["location"]).status_code == 200


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_csrf_token_required(desk, token):
    running, store = desk
    with httpx.Client(timeout=120) as client:
        _form(client, running.url)
        data = {"text": REPORT} | ({"csrf": token} if token is not None else {})
        resp = client.post(running.url + "/analyse/store", data=data)
    assert resp.status_code == 403 and "security token" in resp.text
    assert 'role="alert"' in resp.text


def test_cross_site_origin_refused(desk):
    running, _ = desk
    with httpx.Client(timeout=120) as client:
        token = _form(client, running.url)
        resp = client.post(
            running.url + "/analyse",
            data={"csrf": token, "text": REPORT},
            headers={"Origin": "https://evil.example"},
        )
    assert resp.status_code == 403 and "another web site" in resp.text


def test_size_limits(desk):
    running, _ = desk
    with httpx.Client(timeout=120) as client:
        token = _form(client, running.url)
        huge = client.post(running.url + "/analyse", data={"csrf": token, "text": "word " * 200_000})
        assert huge.status_code == 413 and "limit" in huge.text
        long = client.post(running.url + "/analyse", data={"csrf": token, "text": "word " * 32_000})
        assert long.status_code == 413 and "150,000" in long.text
        empty = client.post(running.url + "/analyse", data={"csrf": token, "text": "  "})
        assert empty.status_code == 400 and "paste the report" in empty.text


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8017/events.json",
        "http://localhost/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://2130706433/",
        "http://192.168.1.1/admin",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "http://user:pw@example.org/",
    ],  # fmt: skip
)
def test_private_and_odd_urls_refused(desk, url):
    """Refused before any connection is made (no traffic leaves the machine)."""
    with pytest.raises(Refused):
        check_public(url)
    running, _ = desk
    with httpx.Client(timeout=120) as client:
        token = _form(client, running.url)
        resp = client.post(running.url + "/analyse", data={"csrf": token, "url": url})
    assert resp.status_code == 403 and "E012" in resp.text


def test_fetch_reads_a_page_and_caps_its_size(desk, monkeypatch):
    running, _ = desk
    text, suffix = fetch_public(running.url + "/analyse", allow_private=True)
    assert suffix == ".html" and "Analyse a report" in text
    monkeypatch.setenv("LANNER_MAX_BYTES", "1000")
    with pytest.raises(TooLarge):
        fetch_public(running.url + "/analyse", allow_private=True)


def test_json_twin_needs_a_json_body(desk):
    running, store = desk
    form = httpx.post(running.url + "/analyse.json", data={"text": REPORT})
    assert form.status_code == 403 and form.json()["ok"] is False
    resp = httpx.post(
        running.url + "/analyse.json", json={"text": REPORT, "published": "2023-01-12"}, timeout=120
    )
    assert resp.status_code == 200 and resp.json()["analysis"]["events"] and resp.json()["stored"] is False
    bad = httpx.post(running.url + "/analyse.json", json={"text": 12})
    assert bad.status_code == 400 and set(bad.json()) == {"ok", "status", "error"}
