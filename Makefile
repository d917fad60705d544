# newsloc: `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
NEWSLOC := $(VENV)/bin/newsloc
STAMP  := $(VENV)/.newsloc-installed

.PHONY: setup demo test browser lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null) \
		|| echo "note: GNU gettext (msgfmt) is missing; the tests that run msgfmt will skip"
	touch $@

demo: setup
	bash scripts/demo.sh

test: setup browser
	$(PY) -m ruff check .
	$(PY) -m pytest

# Chromium and fonts for the test that looks at an HTML edition; that test skips (saying
# why) only where they cannot be installed.
browser:
	@bash scripts/install-browser.sh || echo "note: Chromium could not be installed; the browser test will skip"

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

bench: setup
	$(PY) bench/glossary_bench.py
	$(PY) bench/translate_bench.py
	$(PY) bench/batch_bench.py

clean:
	rm -rf build .pytest_cache
