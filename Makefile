# dortmund-kg — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the package with its dev tools

BROWSER_STAMP := $(VENV)/.browser
$(BROWSER_STAMP): $(STAMP) scripts/install-browser.sh
	PY=$(PY) sh scripts/install-browser.sh && touch $(BROWSER_STAMP)

browser: $(BROWSER_STAMP) ## install Debian's chromium + playwright for the browser tests

ASSETS_STAMP := api/static/vendor/.built
$(ASSETS_STAMP): package.json package-lock.json scripts/install-assets.sh $(wildcard api/static/src/*.js)
	sh scripts/install-assets.sh

assets: $(ASSETS_STAMP) ## npm: the SPARQL editor bundle and Swagger UI into api/static/vendor/ (served locally)

build: $(STAMP) ## build the graph into build/ (checksums, parse, map, link, reason, validate, write)
	$(VENV)/bin/dortmund-kg build

build/summary.json: $(STAMP)
	$(VENV)/bin/dortmund-kg build

validate: $(STAMP) ## SHACL-validate the built graph
	$(VENV)/bin/dortmund-kg validate

serve: build/summary.json $(ASSETS_STAMP) ## set up, build if needed, serve on http://localhost:8000
	$(VENV)/bin/dortmund-kg serve --host $(HOST) --port $(PORT)

# The fast lane leaves out what needs a browser, remote SPARQL servers, minutes of load,
# thousands of generated inputs, or more than a few seconds on its own (marked `slow`: the
# differential tests of the reference engines, cluster and double builds, full-graph SHACL);
# `make test` runs everything (and is what CI runs).
CHECK_MARKERS := not browser and not remote and not soak and not fuzz and not slow
check: $(STAMP) ## the fast lane: unit, doctest and integration tests without browser/remote/soak/fuzz/slow
	$(PY) -m pytest -q -m "$(CHECK_MARKERS)"

test: $(STAMP) $(ASSETS_STAMP) ## run the whole test suite (installs chromium for the browser tests if it can)
	-@$(MAKE) --no-print-directory browser
	$(PY) -m pytest -q

lint: $(STAMP) ## ruff and mypy
	$(VENV)/bin/ruff check dortmund_kg mappings graph_build api bench tests
	$(VENV)/bin/mypy

BENCH_SIZES ?= 1,10
bench: $(STAMP) ## run the benchmarks and write bench/results/ (BENCH_SIZES=1,10,100 for x100)
	$(PY) -m bench.run --sizes $(BENCH_SIZES)
	$(PY) -m bench.build_scale --sizes $(BENCH_SIZES)
	$(PY) -m bench.pages build
	$(PY) -m bench.document_page build

eval: build/summary.json ## score the built graph against the gold set → bench/results/extraction-eval.{md,json}
	$(PY) -m bench.extraction

screenshots: build/summary.json $(ASSETS_STAMP) $(BROWSER_STAMP) ## PNGs of every page kind → docs/screenshots/
	$(PY) -m tests.api.screenshots docs/screenshots

eval-alignment: build/summary.json ## score the alignment against tests/evaluation/alignment/ → bench/results/alignment-eval.{md,json}
	$(PY) -m bench.alignment_eval --annotations tests/evaluation/alignment/dev --half dev --out bench/results/alignment-eval-dev
	$(PY) -m bench.alignment_eval --annotations tests/evaluation/alignment/test --half test --out bench/results/alignment-eval-test

clean: ## remove build outputs
	rm -rf build build.swap .builds

.PHONY: help setup browser assets screenshots build validate serve check test lint bench eval eval-alignment clean
