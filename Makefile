# newscrawl: two commands do all the set-up on a fresh clone.
#   make demo   install, then crawl the bundled sample news site offline into output/
#   make test   install with test extras, then run every test

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/python -m newscrawl.demo

test: install-test
	$(BIN)/python -m pytest -q

lint: install-test
	$(BIN)/python -m pip install --quiet ruff mypy
	$(BIN)/ruff check newscrawl tests bench
	$(BIN)/mypy newscrawl

bench: install-test
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/extraction.py

clean:
	rm -rf output/articles output/runs output/state output/quarantine output/warc .pytest_cache
