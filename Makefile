# santenum — the two set-up commands are `make report` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
AS_OF ?= 2023-06-30
PREVIOUS_AS_OF ?= 2022-06-30
# The Occitanie study's benchmark, which the demo reproduces (santenum.demo.calibration.PEERS);
# without --peers a région gets its neighbours or régions of its size (docs/reports.md).
STUDY_PEERS ?= 11,75,44

.PHONY: install report clean-demo demo lab test test-fast lint docs browser bench reference snapshots

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,docs]'
	touch $(STAMP)

# The demo and its previous edition (santenum demo writes both), each cleaned at its own date.
# Each edition is identified in its own register (data/raw/demo*/registre: INSEE-layout stock files).
clean-demo: install
	$(VENV)/bin/santenum clean data/raw/demo --out data/processed --as-of $(AS_OF) \
		--unites-legales data/raw/demo/registre/StockUniteLegale.csv \
		--etablissements data/raw/demo/registre/StockEtablissement.csv
	$(VENV)/bin/santenum clean data/raw/demo-$(PREVIOUS_AS_OF) --out data/processed-$(PREVIOUS_AS_OF) --as-of $(PREVIOUS_AS_OF) \
		--unites-legales data/raw/demo-$(PREVIOUS_AS_OF)/registre/StockUniteLegale.csv \
		--etablissements data/raw/demo-$(PREVIOUS_AS_OF)/registre/StockEtablissement.csv

report: clean-demo browser
	$(VENV)/bin/santenum report --as-of $(AS_OF) --out reports/occitanie-$(AS_OF) -j 2 \
		--previous data/processed-$(PREVIOUS_AS_OF)/companies.parquet --texts data/texts/demo \
		--peers $(STUDY_PEERS) --publisher "Agence de démonstration" --logo data/texts/demo-logo.svg

demo: install
	$(VENV)/bin/santenum demo --out data/raw/demo

# JupyterLab on notebooks/ with the santenum kernel; the demo data is cleaned first if needed.
lab: install
	$(VENV)/bin/santenum lab

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# The documentation site (docs/, mkdocs-material, API pages from docstrings) into site/.
docs: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet

browser:
	bash scripts/install-browser.sh

# Tests run in parallel (pytest-xdist): a worker per core, at most 4, each module's tests on one
# worker so that its fixtures are built once, modules handed out in the order collected (e2e and
# integration, the longest, first; not the most tests first, which left the long single-test
# modules for the end). TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= auto
PARALLEL = -n $(TEST_WORKERS) --maxprocesses 4 --dist loadscope --no-loadscope-reorder

# Everything: unit tests, notebooks and reports, the real-browser tests.
test: install browser
	$(PY) -m pytest -q $(PARALLEL)

# The edit-test loop (about 20 s): no notebook, report, browser or test over half a second.
test-fast: install
	$(PY) -m pytest -q $(PARALLEL) -m "not slow and not browser"

# Rewrite the golden snapshots of the demo outputs (tests/integration/test_golden/) after an intended change;
# `git diff tests/integration/test_golden` then shows what changed, to say in the commit.
snapshots: install
	$(PY) -m pytest -q tests/integration/test_golden.py --force-regen || true
	$(PY) -m pytest -q tests/integration/test_golden.py

bench: install
	$(PY) benchmarks/bench_clean.py

reference:
	bash data/reference/build/rebuild.sh
