"""Build `lanner/data/map/countries_110m.json`: country outlines for the dashboard map (offline, no tiles).

Source: Natural Earth 1:110m Admin 0 countries (public domain, https://www.naturalearthdata.com/), as
bundled in the geopandas 0.14.4 wheel (`geopandas/datasets/naturalearth_lowres/`, BSD-3 package; the data
itself is public domain). Build-only dependencies, not needed at run time:

    .venv/bin/pip download --no-deps geopandas==0.14.4 -d /tmp/wheels
    .venv/bin/pip install pyshp==3.1.6
    .venv/bin/python scripts/build_world_outline.py /tmp/wheels/geopandas-0.14.4-py3-none-any.whl

Coordinates are rounded to 0.01 degree (about 1 km), far finer than the 1:110m lines themselves.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "lanner" / "data" / "map" / "countries_110m.json"
PREFIX = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"


def main(wheel: str) -> None:
    import shapefile  # pyshp, build-only

    with zipfile.ZipFile(wheel) as zf:
        parts = {ext: io.BytesIO(zf.read(f"{PREFIX}.{ext}")) for ext in ("shp", "shx", "dbf")}
    # the .cpg file says ISO-8859-1
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding="latin-1")
    fields = [f[0] for f in reader.fields[1:]]
    countries = []
    for rec, shape in zip(reader.records(), reader.shapes(), strict=True):
        attrs = dict(zip(fields, rec, strict=True))
        bounds = [*shape.parts, len(shape.points)]
        ends = zip(bounds, bounds[1:], strict=False)
        rings = [[[round(x, 2), round(y, 2)] for x, y in shape.points[a:b]] for a, b in ends]
        countries.append({"iso3": attrs["iso_a3"], "name": attrs["name"], "rings": rings})
    countries.sort(key=lambda c: c["name"])
    doc = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via the geopandas 0.14.4 wheel",
        "built_by": "scripts/build_world_outline.py",
        "countries": countries,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(countries)} countries, {sum(len(c['rings']) for c in countries)} rings -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
