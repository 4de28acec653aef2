# dassco-ext: every target sets itself up (Debian packages, .venv/) before it runs.
#   make html   build the site into _build/html/<lang>/
#   make test   run the test suite (what CI runs)
#   make pdf    PDF briefs into _build/pdf/<lang>/<lang-ref>.pdf

SHELL       := /bin/bash
PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
SOURCEDIR   := docs
BUILDDIR    := _build
SPHINXOPTS  ?= -W --keep-going
LANGUAGES   ?=
LIVE_PORT   ?= 8000
INTL         = $(BIN)/python -m dassco_ext.cli.intl $(SOURCEDIR) $(BUILDDIR)

SYSTEM_STAMP := $(VENV)/.system-ok
VENV_STAMP   := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup html livehtml gettext test clean intl-update intl-stat intl-check intl-templates pdf bench

help:
	@echo "make html      build the site into $(BUILDDIR)/html/<lang>/ (sets everything up first)"
	@echo "make test      set up and run the test suite"
	@echo "make livehtml  live-reloading preview on http://127.0.0.1:$(LIVE_PORT)"
	@echo "make gettext   extract message catalogs (.pot) into $(BUILDDIR)/gettext"
	@echo "make pdf       PDF briefs into $(BUILDDIR)/pdf/<lang>/<lang-ref>.pdf (LANGUAGES=\"en da\")"
	@echo "make clean     remove build outputs (keeps $(VENV)/)"
	@echo "make intl-update  extract .pot files and update every language's .po (keeps old translations)"
	@echo "make intl-stat    translated / fuzzy / untranslated counts per language and page"
	@echo "make intl-check   fail on broken, inconsistent or stale translations"
	@echo "make intl-templates  rewrite the package's own .pot templates (dassco_ext/locale/*.pot)"
	@echo "make bench     build-speed figures into $(BUILDDIR)/bench/ (FULL=1: adds N=1000)"

# --- set-up --------------------------------------------------------------------------------
$(SYSTEM_STAMP): tools/apt-packages.txt tools/bootstrap
	@bash tools/bootstrap
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@touch $@

$(VENV_STAMP): $(SYSTEM_STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,live]'
	@touch $@

setup: $(VENV_STAMP)

# --- the site ------------------------------------------------------------------------------
# every configured language (dassco_languages in conf.py), side by side; LANGUAGES=da: only Danish
html: $(VENV_STAMP)
	$(BIN)/python -m dassco_ext.cli.build $(SOURCEDIR) $(BUILDDIR) --sphinxopts "$(SPHINXOPTS)" \
	  --languages "$(LANGUAGES)"

livehtml: $(VENV_STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(LIVE_PORT) -D language=$(or $(firstword $(LANGUAGES)),en) \
	  -d $(BUILDDIR)/doctrees/live $(SOURCEDIR) $(BUILDDIR)/live

gettext: $(VENV_STAMP)
	$(BIN)/sphinx-build -b gettext $(SPHINXOPTS) -d $(BUILDDIR)/doctrees/gettext \
	  $(SOURCEDIR) $(BUILDDIR)/gettext

# --- PDF briefs: one sphinx-build per language, side by side -------------------------------
# Languages: LANGUAGES when given (make pdf LANGUAGES="en da"), else conf.py's dassco_languages.
PDF_LANGUAGES = $(if $(filter command line environment,$(origin LANGUAGES)),--languages "$(LANGUAGES)")

pdf: $(VENV_STAMP)
	$(BIN)/python -m dassco_ext.cli.briefrun $(SOURCEDIR) $(BUILDDIR)/pdf $(PDF_LANGUAGES) \
	  --doctrees $(BUILDDIR)/doctrees/pdf -- $(SPHINXOPTS)

# --- checks --------------------------------------------------------------------------------
test: $(VENV_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(MAKE) --no-print-directory intl-check

# --- translations (see README: "Translating") ----------------------------------------------
intl-update: gettext
	$(INTL) update

intl-stat: $(VENV_STAMP)
	$(INTL) stat

intl-check: $(VENV_STAMP)
	$(INTL) check

# the package's own templates (its words, the theme's), after changing a _() message
intl-templates: $(VENV_STAMP)
	$(BIN)/python -m dassco_ext.i18n.package_catalogs templates

clean:
	rm -rf $(BUILDDIR) .pytest_cache

# --- browser checks (tests/browser): axe-core and vnu-jar from npm, package-lock.json pinned --
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json $(SYSTEM_STAMP)
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

test: $(NODE_STAMP)

# --- build speed (issue 7) -----------------------------------------------------------------
bench: $(VENV_STAMP)
	$(BIN)/python -m benchmarks.run $(if $(FULL),--full) $(BENCH_ARGS)
