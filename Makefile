# dassco-ext: every target sets itself up (Debian packages, .venv/) before it runs.
#   make html   build the site into _build/html/<lang>/
#   make test   run the test suite (what CI runs)

SHELL       := /bin/bash
PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
SOURCEDIR   := docs
BUILDDIR    := _build
SPHINXOPTS  ?= -W --keep-going
LANGUAGES   ?= en
LIVE_PORT   ?= 8000

SYSTEM_STAMP := $(VENV)/.system-ok
VENV_STAMP   := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup html livehtml gettext test clean

help:
	@echo "make html      build the site into $(BUILDDIR)/html/<lang>/ (sets everything up first)"
	@echo "make test      set up and run the test suite"
	@echo "make livehtml  live-reloading preview on http://127.0.0.1:$(LIVE_PORT)"
	@echo "make gettext   extract message catalogs (.pot) into $(BUILDDIR)/gettext"
	@echo "make clean     remove build outputs (keeps $(VENV)/)"
	@echo "make bench     build-speed figures into $(BUILDDIR)/bench/ (FULL=1: adds N=1000, 5 runs)"

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
html: $(VENV_STAMP)
	@for lang in $(LANGUAGES); do \
	  $(BIN)/sphinx-build -b html $(SPHINXOPTS) -D language=$$lang \
	    -d $(BUILDDIR)/doctrees/$$lang $(SOURCEDIR) $(BUILDDIR)/html/$$lang || exit $$?; \
	done

livehtml: $(VENV_STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(LIVE_PORT) -D language=$(firstword $(LANGUAGES)) \
	  -d $(BUILDDIR)/doctrees/live $(SOURCEDIR) $(BUILDDIR)/live

gettext: $(VENV_STAMP)
	$(BIN)/sphinx-build -b gettext $(SPHINXOPTS) -d $(BUILDDIR)/doctrees/gettext \
	  $(SOURCEDIR) $(BUILDDIR)/gettext

# --- checks --------------------------------------------------------------------------------
test: $(VENV_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(BUILDDIR) .pytest_cache

# --- build speed (issue 7) -----------------------------------------------------------------
.PHONY: bench
bench: $(VENV_STAMP)
	$(BIN)/python -m benchmarks.run $(if $(FULL),--full) $(BENCH_ARGS)
