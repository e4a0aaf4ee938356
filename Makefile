# Anatomy of a Comeback: set-up, course, notebooks and tests with nothing but python3 and pip.
# `make lab` opens the course; `make test` runs every test. Both set up .venv first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   ?= requirements/lock.txt
EXTRAS ?= test,e2e
STAMP  := $(VENV)/.installed-$(EXTRAS)
# pytest workers for make test / test-fast: nbval and the browser tests spread over the cores
JOBS   ?= 2
PYTEST_JOBS := $(if $(filter 1 0,$(JOBS)),,-n $(JOBS))
CONSTRAINTS := $(if $(filter none,$(LOCK)),,-c $(LOCK))

.PHONY: setup lab course-check notebooks test test-e2e test-fast lint lock student site bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml $(if $(filter none,$(LOCK)),,$(LOCK))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(CONSTRAINTS) -e ".[$(EXTRAS)]"
	touch $@

## Open the course in JupyterLab at the start-here notebook.
lab: setup
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root,) notebooks/00-start-here.ipynb

# A notebook's source is its MyST Markdown file; the executed .ipynb is built from it.
SOURCES := $(wildcard notebooks/[0-9][0-9]-*.md notebooks/instructor/*.md)

## Headless: run every notebook source top to bottom in memory; fails on the first error.
course-check: setup
	$(BIN)/python scripts/run_notebooks.py --check $(SOURCES)

## Build the committed notebooks from their .md sources: executed in order, with outputs.
notebooks: setup
	$(BIN)/python scripts/run_notebooks.py --inplace $(SOURCES)

## Every test: library, quizzes, nbval on every notebook, browser tests.
test: setup
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/python -m pytest $(PYTEST_JOBS)

## Only the browser tests (JupyterLab, Voila, axe); screenshots in build/e2e/.
test-e2e: setup
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/python -m pytest tests/e2e -m e2e -p no:nbval -o addopts="" $(PYTEST_JOBS)

## Library and notebook tests without the browser.
test-fast: setup
	$(BIN)/python -m pytest -m "not e2e" $(PYTEST_JOBS)

lint: setup
	$(BIN)/ruff check casestudy tests scripts benchmarks
	$(BIN)/ruff format --check casestudy tests scripts benchmarks

## Speed report: notebooks against the floor (a bare kernel), charts, tables, quizzes, sizes.
bench: setup
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

## Student copies: solution cells emptied, quiz keys hashed (in build/student/).
student: setup
	$(BIN)/python scripts/student_copy.py --out build/student

## The static site: one offline page per notebook, quizzes included (in build/site/).
site: setup
	$(BIN)/python -m casestudy site --out build/site

## Re-pin every dependency after a deliberate upgrade (commit the result).
lock:
	rm -rf build/lockenv && $(PYTHON) -m venv build/lockenv
	build/lockenv/bin/python -m pip install --quiet --upgrade pip
	build/lockenv/bin/python -m pip install --quiet ".[test,e2e]"
	build/lockenv/bin/python -m pip freeze --exclude casestudy > $(LOCK)

clean:
	rm -rf $(VENV) build .pytest_cache
