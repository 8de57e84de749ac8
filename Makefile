# make run   - set up (once) and serve the dashboard on the bundled sample, offline
# make test  - set up (once) and run ruff and the whole test suite, browser tests included
# make bench - run the benchmarks under bench/
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
GAZETTEER := data/build/gazetteer.sqlite
PORT ?= 8501

.PHONY: run test lint bench build clean setup

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

$(GAZETTEER): $(STAMP) data/gazetteer/curated.csv data/gazetteer/exonyms.csv
	$(PY) -m lib build-gazetteer

build: $(STAMP) $(GAZETTEER)
	$(PY) -m lib.assets

run: build
	$(VENV)/bin/streamlit run dashboard.py --server.port $(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: build lint
	$(PY) -m pytest

bench: build
	for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf data/build static/vendor data/store.sqlite*
