# dassco-ext: every target sets itself up (Debian packages, .venv/) before it runs.
#   make html   build the site into _build/html/<lang>/
#   make test   run the test suite and make lint (what CI runs)
#   make pdf    PDF briefs into _build/pdf/<lang>/<lang-ref>.pdf

SHELL       := /bin/bash
PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
SOURCEDIR   := docs
BUILDDIR    := _build
SPHINXOPTS  ?= -W --keep-going
# SPHINXOPTS reaches `dassco` through the environment ("$$SPHINXOPTS"), so whatever it holds
# (quotes, options like --keep-going) passes through as it is, split as a shell would
export SPHINXOPTS
LANGUAGES   ?=
LIVE_PORT   ?= 8000
DASSCO       = $(BIN)/dassco

SYSTEM_STAMP := $(VENV)/.system-ok
VENV_STAMP   := $(VENV)/.installed
# what only the checks need (make test): tools/apt-test.txt, the test extras
TEST_SYSTEM_STAMP := $(VENV)/.system-test-ok
TEST_STAMP   := $(VENV)/.installed-test
LIVE_STAMP   := $(VENV)/.installed-live

.DEFAULT_GOAL := help
.PHONY: help setup html livehtml gettext manual test lint test-oldest clean test-peers peers-setup intl-update intl-stat intl-check intl-glossary intl-templates pdf bench

help:
	@echo "make html      build the site into $(BUILDDIR)/html/<lang>/ (sets everything up first)"
	@echo "make test      set up and run the test suite, then make lint"
	@echo "make lint      ruff check, ruff format --check and mypy over the package"
	@echo "make test-oldest  the test suite on the oldest Sphinx and MyST supported (.venv-oldest/)"
	@echo "make livehtml  live-reloading preview on http://127.0.0.1:$(LIVE_PORT)"
	@echo "make gettext   extract message catalogs (.pot) into $(BUILDDIR)/gettext"
	@echo "make pdf       PDF briefs into $(BUILDDIR)/pdf/<lang>/<lang-ref>.pdf (LANGUAGES=\"en da\")"
	@echo "make manual    the package's manual (manual/) into $(BUILDDIR)/manual/"
	@echo "make clean     remove build outputs (keeps $(VENV)/)"
	@echo "make intl-update  extract the templates (locale/templates/) and update every language's .po (msgmerge --previous)"
	@echo "make intl-stat    translated / fuzzy / untranslated counts of every page per language (JSON=1: as JSON)"
	@echo "make intl-check   fail on broken, inconsistent, stale or (dassco_required_translated) unfinished translations"
	@echo "make intl-glossary  locale/glossary.csv as TBX (for Weblate) into $(BUILDDIR)/glossary.tbx"
	@echo "make intl-templates  rewrite the package's own .pot templates (dassco_ext/locale/*.pot)"
	@echo "make bench     build-speed figures into $(BUILDDIR)/bench/ (FULL=1: adds N=1000)"
	@echo "(the targets run $(BIN)/dassco: dassco --help; make html sets up only what building needs)"
	@echo "make test-peers  Sphinx's own tests, without and with dassco_ext in every app"

# --- set-up: sized to the task ------------------------------------------------------------
# make html: Python, gettext, Pango and fonts (tools/apt-build.txt), the package;
# make test adds Chromium, Java, Node.js (tools/apt-test.txt), the test extras and npm packages.
$(SYSTEM_STAMP): tools/apt-build.txt tools/bootstrap
	@bash tools/bootstrap tools/apt-build.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@touch $@

$(VENV_STAMP): $(SYSTEM_STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(TEST_SYSTEM_STAMP): tools/apt-test.txt tools/bootstrap $(SYSTEM_STAMP)
	@bash tools/bootstrap tools/apt-test.txt
	@touch $@

$(TEST_STAMP): $(VENV_STAMP) $(TEST_SYSTEM_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,live]'
	@touch $@

$(LIVE_STAMP): $(VENV_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[live]'
	@touch $@

setup: $(VENV_STAMP)

# --- the site ------------------------------------------------------------------------------
# every configured language (dassco_languages in conf.py), side by side; LANGUAGES=da: only Danish
html: $(VENV_STAMP)
	$(DASSCO) build $(SOURCEDIR) $(BUILDDIR) --sphinxopts="$$SPHINXOPTS" --languages="$(LANGUAGES)"

livehtml: $(LIVE_STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(LIVE_PORT) -D language=$(or $(firstword $(LANGUAGES)),en) \
	  -d $(BUILDDIR)/doctrees/live $(SOURCEDIR) $(BUILDDIR)/live

gettext: $(VENV_STAMP)
	$(BIN)/sphinx-build -b gettext $(SPHINXOPTS) -d $(BUILDDIR)/doctrees/gettext \
	  $(SOURCEDIR) $(BUILDDIR)/gettext

# --- the package's manual, built with the package (no warning allowed) ------------------------
manual: $(VENV_STAMP)
	$(BIN)/sphinx-build -W --keep-going -b html -d $(BUILDDIR)/doctrees/manual manual $(BUILDDIR)/manual

# --- PDF briefs: one sphinx-build per language, side by side -------------------------------
# Languages: LANGUAGES when given (make pdf LANGUAGES="en da"), else conf.py's dassco_languages.
PDF_LANGUAGES = $(if $(filter command line environment,$(origin LANGUAGES)),--languages="$(LANGUAGES)")

pdf: $(VENV_STAMP)
	$(DASSCO) pdf $(SOURCEDIR) $(BUILDDIR) --sphinxopts="$$SPHINXOPTS" $(PDF_LANGUAGES)

# --- checks --------------------------------------------------------------------------------
test: $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(MAKE) --no-print-directory intl-check
	$(MAKE) --no-print-directory lint

# style and types (settings in pyproject.toml); `ruff format $(LINT_PATHS)` and
# `ruff check --fix $(LINT_PATHS)` repair most of what it reports
LINT_PATHS := dassco_ext manual/conf.py manual/_ext

# all three run, so one run reports every finding; it fails if any of them did
lint: $(TEST_STAMP)
	@status=0; \
	$(BIN)/ruff check $(LINT_PATHS) || status=1; \
	$(BIN)/ruff format --check $(LINT_PATHS) || status=1; \
	$(BIN)/mypy || status=1; \
	exit $$status

# --- translations (the manual's translator's guide) -------------------------------------
intl-update: $(VENV_STAMP)
	$(DASSCO) intl update $(SOURCEDIR) $(BUILDDIR)

intl-stat: $(VENV_STAMP)
	$(DASSCO) intl stat $(SOURCEDIR) $(BUILDDIR) $(if $(JSON),--json)

intl-check: $(VENV_STAMP)
	$(DASSCO) intl check $(SOURCEDIR) $(BUILDDIR)

intl-glossary: $(VENV_STAMP)
	$(DASSCO) intl glossary-tbx $(SOURCEDIR) $(BUILDDIR) -o $(BUILDDIR)/glossary.tbx

# the package's own templates (its words, the theme's), after changing a _() message
intl-templates: $(VENV_STAMP)
	$(BIN)/python -m dassco_ext.i18n.package_catalogs templates

clean:
	rm -rf $(BUILDDIR) .pytest_cache

# --- browser checks (tests/browser): axe-core and vnu-jar from npm, package-lock.json pinned --
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json $(TEST_SYSTEM_STAMP)
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

test: $(NODE_STAMP)

# --- the oldest Sphinx and MyST the package supports (tools/oldest.txt), in a venv of its own --
# The package goes in without its own requirements (--no-deps): tools/oldest.py lists them
# with the pins of tools/oldest.txt in place of its own ranges.
OLDEST_VENV  := .venv-oldest
OLDEST_STAMP := $(OLDEST_VENV)/.installed

$(OLDEST_STAMP): $(TEST_SYSTEM_STAMP) pyproject.toml tools/oldest.txt tools/oldest.py
	@test -x $(OLDEST_VENV)/bin/python || $(PYTHON) -m venv $(OLDEST_VENV)
	$(OLDEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST_VENV)/bin/python tools/oldest.py > $(OLDEST_VENV)/requirements.txt
	$(OLDEST_VENV)/bin/python -m pip install --quiet -r $(OLDEST_VENV)/requirements.txt
	$(OLDEST_VENV)/bin/python -m pip install --quiet --no-deps -e .
	@touch $@

test-oldest: $(OLDEST_STAMP) $(NODE_STAMP)
	@$(OLDEST_VENV)/bin/python -c "import sphinx, myst_parser; print('Sphinx', sphinx.__version__, 'and myst-parser', myst_parser.__version__)"
	$(OLDEST_VENV)/bin/python -m pytest $(PYTEST_ARGS)

# --- build speed (issue 7) -----------------------------------------------------------------
bench: $(VENV_STAMP)
	$(BIN)/python -m benchmarks.run $(if $(FULL),--full) $(BENCH_ARGS)

# --- Sphinx's own tests, without and with dassco_ext (issue 14) -----------------------------
# Set-up (network, once per Sphinx version): the installed Sphinx's sdist, its tests/ kept in
# .venv/sphinx-tests/<version>/; a no-op when they are there. The runs use no network.
peers-setup: $(TEST_STAMP)
	@$(BIN)/python tools/peers.py fetch

test-peers: peers-setup
	$(BIN)/python tools/peers.py run $(PEERS_ARGS)
