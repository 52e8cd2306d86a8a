"""The desk's API and pages on a real uvicorn server (thread) over a real store: twins, envelope, security."""

from __future__ import annotations

import datetime as dt
import socket
import time

import httpx
import pytest

from lanner.ingest import iter_inputs
from lanner.model import RawDocument
from lanner.serve import serve_in_thread
from lanner.store import Store
from lanner.store.ingest import ingest
from tests.conftest import REPO, SEED

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HOSTILE_TEXT = (
    "Rebels of the <b>Sultan</b> Murad Division attacked government forces near Afrin on Monday, killing "
    f"three soldiers, a local monitor said. {HOSTILE} The army of Syria shelled the town of "
    "<i onmouseover=alert(2)>Jisr al-Shughur</i> in response, residents told reporters."
)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "serve.db"
    store = Store(f"sqlite:///{db}")
    items = list(iter_inputs([str(REPO / "examples")]))
    seed = next(iter_inputs([str(SEED)]))
    seed.published, seed.outlet, seed.title = dt.date(2022, 12, 5), "Alwaght", "Seed: arms to Idlib"
    hostile = RawDocument(text=HOSTILE_TEXT, title=HOSTILE, outlet=f"Outlet {HOSTILE}",
                          published=dt.date(2023, 1, 9), url="javascript:alert(3)")  # fmt: skip
    report = ingest([*items, seed, hostile], store)
    assert report.stored == 9 and not report.errors
    running = serve_in_thread(store, read_deadline=1.5)
    yield running, store
    running.stop()


@pytest.fixture(scope="module")
def base_url(desk):
    return desk[0].url


@pytest.mark.parametrize("path", ["/", "/events", "/documents", "/network"])
def test_every_page_has_a_json_twin(base_url, path):
    twin = {"/": "/index.json", "/events": "/facets.json"}.get(path, path + ".json")
    html, data = httpx.get(base_url + path), httpx.get(base_url + twin)
    assert html.status_code == data.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert data.headers["content-type"].startswith("application/json")
    assert isinstance(data.json(), dict)


def test_openapi_lists_the_json_api(base_url):
    spec = httpx.get(base_url + "/openapi.json").json()
    for path in ("/events.json", "/events.geojson", "/facets.json", "/timeline.json", "/network.json",
                 "/documents.json", "/documents/{doc_id}.json", "/analyse.json"):  # fmt: skip
        assert path in spec["paths"], path
    params = {p["name"]: p for p in spec["paths"]["/events.json"]["get"]["parameters"]}
    assert {"type", "actor", "since", "limit", "offset"} <= set(params)
    assert params["limit"]["schema"]["maximum"] == 5000


def test_events_json_filters_and_pages(base_url):
    everything = httpx.get(base_url + "/events.json", params={"limit": 5000})
    assaults = httpx.get(base_url + "/events.json", params={"type": "assault", "limit": 5000}).json()
    rows = everything.json()
    assert rows and assaults and len(assaults) < len(rows)
    assert {e["type"] for e in assaults} == {"ASSAULT"}
    assert int(everything.headers["x-total-count"]) == len(rows)
    two = httpx.get(base_url + "/events.json", params={"limit": 2, "offset": 1}).json()
    assert [e["uid"] for e in two] == [e["uid"] for e in rows[1:3]]
    both = httpx.get(base_url + "/events.json", params=[("type", "ASSAULT"), ("type", "PROTEST")]).json()
    assert {e["type"] for e in both} <= {"ASSAULT", "PROTEST"}
    geo = httpx.get(base_url + "/events.geojson").json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert all(f["geometry"]["coordinates"][0] is not None for f in geo["features"])


def test_facets_count_under_the_other_filters(base_url):
    data = httpx.get(base_url + "/facets.json", params={"type": "ASSAULT"}).json()
    facets = data["facets"]
    assert {"type", "acled", "actor", "country", "province", "outlet", "epistemic", "year"} <= set(facets)
    assert len(facets["type"]) > 1, "the type facet still offers the other types"
    assert sum(n for _, n in facets["epistemic"]) == data["total"], "other facets count the filtered events"
    page = httpx.get(base_url + "/events", params={"type": "ASSAULT"}).text
    assert 'class="on"' in page and "type=ASSAULT" in page


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/nope.json", 404),
        ("/events.json?since=yesterday", 400),
        ("/events.json?limit=0", 400),
        ("/events.json?limit=999999999999999999999", 400),
        ("/events.json?offset=-1", 400),
        ("/documents/" + "0" * 64 + ".json", 404),
        ("/documents/..%2F..%2Fetc%2Fpasswd.json", 404),
        ("/documents/abc.json", 400),
    ],
)
def test_one_error_envelope(base_url, path, status):
    resp = httpx.get(base_url + path)
    assert resp.status_code == status
    body = resp.json()
    assert set(body) == {"ok", "status", "error"} and body["ok"] is False and body["status"] == status


def test_errors_never_expose_internals(base_url):
    resp = httpx.get(base_url + "/events.json", params={"actor": "x" * 50_000})
    assert resp.status_code in (400, 414, 431)
    assert "SELECT" not in resp.text and "Traceback" not in resp.text and len(resp.text) < 1000
    html = httpx.get(base_url + "/events", params={"since": "2020-13-45"})
    assert html.status_code == 400 and "E011" in html.text and "Traceback" not in html.text


def test_like_wildcards_match_themselves(base_url):
    assert httpx.get(base_url + "/events.json", params={"actor": "%"}).json() == []
    assert httpx.get(base_url + "/events.json", params={"actor": "_"}).json() == []
    some = httpx.get(base_url + "/events.json", params={"actor": "Syria"}).json()
    assert some and all("syria" in f"{e['actor1']} {e['actor2']}".lower() for e in some)


INJECTIONS = ["' OR '1'='1", "'; DROP TABLE events; --", '" OR 1=1 --', "1 UNION SELECT sqlite_version()",
              "%' OR 1=1 --", "\\'; --", "ASSAULT' --", "' OR actor1 LIKE '%"]  # fmt: skip


@pytest.mark.parametrize("param", ["actor", "type", "country", "province", "outlet", "epistemic", "acled"])
def test_no_sql_injection(desk, param):
    running, store = desk
    before = store.count("events")
    for payload in INJECTIONS:
        resp = httpx.get(running.url + "/events.json", params={param: payload})
        assert resp.status_code == 200, (param, payload, resp.text[:200])
        assert resp.json() == [], (param, payload)
        assert httpx.get(running.url + "/facets.json", params={param: payload}).status_code == 200
    assert store.count("events") == before
    nul = httpx.get(running.url + "/events.json", params={param: "\x00"})
    assert nul.status_code == 400 and "control characters" in nul.json()["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/..%2Fapp.py",
        "/static/%2e%2e/%2e%2e/store/db.py",
        "/static//etc/passwd",
        "/documents/../../etc/passwd",
    ],  # fmt: skip
)
def test_path_traversal_refused(base_url, path):
    resp = httpx.get(base_url + path)
    assert resp.status_code in (400, 404), path
    assert "import" not in resp.text and "root:" not in resp.text


def test_hostile_content_is_escaped_everywhere(base_url):
    docs = httpx.get(base_url + "/documents.json").json()["documents"]
    bad = next(d for d in docs if d["title"] == HOSTILE)
    pages = ["/", "/events", "/documents", f"/documents/{bad['id']}", "/network",
             "/events?outlet=" + httpx.QueryParams({"o": f"Outlet {HOSTILE}"})["o"]]  # fmt: skip
    for path in pages:
        html = httpx.get(base_url + path, params=None).text
        for raw in ("<script>alert", "<img src=x", "<b>Sultan", "<i onmouseover", 'href="javascript:'):
            assert raw not in html, (path, raw)
    article = httpx.get(f"{base_url}/documents/{bad['id']}").text
    assert "&lt;script&gt;alert" in article


def test_security_headers_on_every_answer(base_url):
    for path in ("/", "/events.json", "/static/desk.css", "/nope", "/network.json"):
        h = httpx.get(base_url + path).headers
        assert (
            "script-src 'self'" in h["content-security-policy"]
            and "unsafe-inline" not in h["content-security-policy"]
        )
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.attacker"])
def test_foreign_host_refused(base_url, host):
    resp = httpx.get(base_url + "/events.json", headers={"Host": host})
    assert resp.status_code == 400 and resp.json()["error"].startswith("E012")
    assert httpx.get(base_url + "/events.json", headers={"Host": "localhost:8017"}).status_code == 200


def test_network_shows_named_actors_only_and_is_built_once(desk):
    running, store = desk
    data = httpx.get(running.url + "/network.json").json()
    assert data["nodes"] and data["edges"]
    assert not [n for n in data["nodes"] if n["id"].startswith("name:") or ":" in n["id"]]
    from lanner.resolve.actor_kb import load_kb

    actors = [load_kb().get(n["id"]) for n in data["nodes"]]
    assert not {a.role for a in actors} & {"media", "monitor", "humanitarian"}
    assert not [a.name for a in actors if a.template in ("civ", "pro", "rio", "uag", "aog")], "categories"
    assert {"Civilians (Syria)", "Unidentified Armed Group (Syria)", "Syrian opposition factions"} <= set(
        data["left_out"]
    ), "the examples name these categories; the picture leaves them out"
    t0 = time.perf_counter()
    for _ in range(5):
        httpx.get(running.url + "/network.json")
    assert (time.perf_counter() - t0) / 5 < 0.5, "cached: no rebuild per request"
    first = running.server.config.app.state.desk.network()
    assert running.server.config.app.state.desk.network() is first


def test_slow_sockets_are_closed_by_the_read_deadline(base_url):
    port = int(base_url.rsplit(":", 1)[1])
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(b"GET /events.json HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finishes its headers
    slow.settimeout(5)
    t0 = time.perf_counter()
    assert slow.recv(100) == b"", "the server closes the half-sent request"
    assert 1.0 < time.perf_counter() - t0 < 4.5
    slow.close()
    assert httpx.get(base_url + "/index.json").status_code == 200
