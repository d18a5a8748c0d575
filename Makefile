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

build: $(STAMP) ## build the graph into build/ (checksums, parse, map, link, reason, validate, write)
	$(VENV)/bin/dortmund-kg build

build/summary.json: $(STAMP)
	$(VENV)/bin/dortmund-kg build

validate: $(STAMP) ## SHACL-validate the built graph
	$(VENV)/bin/dortmund-kg validate

serve: build/summary.json ## set up, build if needed, serve on http://localhost:8000
	$(VENV)/bin/dortmund-kg serve --host $(HOST) --port $(PORT)

test: $(STAMP) ## run the test suite (installs chromium for the browser tests if it can)
	-@$(MAKE) --no-print-directory browser
	$(PY) -m pytest -q

lint: $(STAMP) ## ruff and mypy
	$(VENV)/bin/ruff check mappings graph_build api bench tests
	$(VENV)/bin/mypy

BENCH_SIZES ?= 1,10
bench: $(STAMP) ## run the benchmarks and write bench/results/ (BENCH_SIZES=1,10,100 for x100)
	$(PY) -m bench.run --sizes $(BENCH_SIZES)

eval: build/summary.json ## score the built graph against the gold set → bench/results/extraction-eval.{md,json}
	$(PY) -m bench.extraction

eval-alignment: build/summary.json ## score the alignment against tests/evaluation/alignment/ → bench/results/alignment-eval.{md,json}
	$(PY) -m bench.alignment_eval

clean: ## remove build outputs
	rm -rf build build.swap .builds

.PHONY: help setup browser build validate serve test lint bench eval eval-alignment clean
