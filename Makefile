# newsloc: `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
NEWSLOC := $(VENV)/bin/newsloc
STAMP  := $(VENV)/.newsloc-installed

# LibreTranslate (a real server for the engine tests) pins exact versions of its
# dependencies, so it gets a venv of its own; reused once complete (the stamp holds the
# version it was made for).
LT_VENV    ?= .venv-libretranslate
LT_VERSION ?= 1.9.6
LT_STAMP   := $(LT_VENV)/.newsloc-lt-installed

.PHONY: setup demo test browser wheelhouse libretranslate lint typecheck bench messages clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@echo "note: setuptools' 'Editable installation' notice, if shown above, is information only:"
	@echo "      newsloc runs from this checkout (base/, glossary/, translate/ install as newsloc.*)"
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null) \
		|| echo "note: GNU gettext (msgfmt) is missing; the tests that run msgfmt will skip"
	@command -v xmllint >/dev/null || (apt-get update -qq && apt-get install -y -qq libxml2-utils >/dev/null) \
		|| echo "note: xmllint (libxml2-utils) is missing; the TBX well-formedness test will skip"
	@command -v strace >/dev/null || (apt-get update -qq && apt-get install -y -qq strace >/dev/null) \
		|| echo "note: strace is missing; the test that watches for network connections will skip"
	@test -f /usr/share/bash-completion/bash_completion || (apt-get update -qq && apt-get install -y -qq bash-completion >/dev/null) \
		|| echo "note: bash-completion is missing; the test of its loader finding newsloc's completion will skip"
	touch $@

demo: setup
	bash scripts/demo.sh

test: setup browser wheelhouse libretranslate typecheck
	$(PY) -m ruff check .
	$(PY) -m pytest

# Wheels for the test that installs newsloc beside translate-toolkit in throwaway venvs:
# fetched here, by package name, so the tests themselves never reach an index.
WHEELHOUSE := build/wheelhouse
# The lowest click pyproject.toml allows, for tests/packaging/test_click_lowest.py.
CLICK_LOWEST := build/wheelhouse-click-lowest
wheelhouse: setup
	@$(PY) -m pip wheel --quiet --disable-pip-version-check -w $(WHEELHOUSE) . translate-toolkit setuptools wheel 2>/dev/null \
		|| echo "note: could not fill $(WHEELHOUSE); the translate-toolkit test will skip"
	@$(PY) -m pip wheel --quiet --disable-pip-version-check --no-deps -w $(CLICK_LOWEST) 'click==8.2.0' 2>/dev/null \
		|| echo "note: could not fill $(CLICK_LOWEST); the lowest-click test will skip"

# Chromium and fonts for the test that looks at an HTML edition; that test skips (saying
# why) only where they cannot be installed.
browser:
	@bash scripts/install-browser.sh || echo "note: Chromium could not be installed; the browser test will skip"

# Where it cannot be made (no PyPI, say), one line says so and the tests that need a
# server skip, naming the missing venv; the pip log stays in $(LT_VENV).log.
libretranslate:
	@test "$$(cat $(LT_STAMP) 2>/dev/null)" = "$(LT_VERSION)" || { \
		echo "making $(LT_VENV) (LibreTranslate $(LT_VERSION) from PyPI, about 600 MB)"; \
		rm -rf $(LT_VENV); \
		{ $(PYTHON) -m venv $(LT_VENV) \
		  && $(LT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
		       libretranslate==$(LT_VERSION) \
		  && echo $(LT_VERSION) >$(LT_STAMP); } >$(LT_VENV).log 2>&1 \
		|| { rm -rf $(LT_VENV); \
		     echo "note: LibreTranslate could not be installed (see $(LT_VENV).log); the LibreTranslate server tests will skip"; }; }

lint: setup typecheck
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# The folders install as newsloc.base, newsloc.glossary and newsloc.translate; mypy reads them under
# those names through a tree of links.
typecheck: setup
	@mkdir -p build/typecheck/newsloc
	@ln -sfn ../../../base build/typecheck/newsloc/base
	@ln -sfn ../../../glossary build/typecheck/newsloc/glossary
	@ln -sfn ../../../translate build/typecheck/newsloc/translate
	cd build/typecheck && MYPYPATH=. ../../$(PY) -m mypy --config-file ../../pyproject.toml -p newsloc

# The figures in the README's "Speed" section (the long ones take tens of minutes on two
# cores); tests/bench runs each of them at a tiny size as part of `make test`.
bench: setup libretranslate
	$(PY) bench/startup_bench.py
	$(PY) bench/glossary_bench.py
	$(PY) bench/glossary_scale_bench.py
	$(PY) bench/fixed_cost_bench.py
	$(PY) bench/translate_bench.py
	$(PY) bench/libretranslate_bench.py
	$(PY) bench/catalog_bench.py
	$(PY) bench/scale_bench.py
	$(PY) bench/batch_bench.py
	$(PY) bench/segment_bench.py --check
	$(PY) bench/source_matcher_bench.py
	$(PY) bench/long_token_bench.py
	$(PY) bench/families_bench.py

# Re-extract newsloc's own strings into translate/locales/newsloc.pot and merge them into
# the hy/az/ru catalogues (docs/editions.md, "newsloc's own words").
messages: setup
	$(PY) scripts/messages.py

clean:
	rm -rf build .pytest_cache
