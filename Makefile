# Budget disclosure PDFs → validated data packages → static site.
# `make` sets everything up and builds; `make test` runs the tests.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables

# Two `make` runs in one clone would write the same files at once (build/sources.mk, each source's
# status file, the corpus, the exports, site/). So `make` takes a lock (build/.make.lock, flock)
# and runs the build inside it, with the same goals and variables: a second run waits for the
# first, then finds everything up to date. -n and -q write nothing, so they skip the lock.
LOCKED_IN ?=
ifeq ($(LOCKED_IN),$(CURDIR))
TAKE_LOCK :=
else
SHORT_FLAGS := $(filter-out -% %=%,$(firstword $(MAKEFLAGS)))
TAKE_LOCK := $(if $(findstring n,$(SHORT_FLAGS))$(findstring q,$(SHORT_FLAGS)),,yes)
endif

ifeq ($(TAKE_LOCK),yes)
.NOTPARALLEL:
.PHONY: $(or $(MAKECMDGOALS),all)
$(or $(MAKECMDGOALS),all):
	@mkdir -p build
	@flock build/.make.lock $(MAKE) --no-print-directory LOCKED_IN='$(CURDIR)' $@
else

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
FRICTIONLESS := $(VENV)/bin/frictionless
INSTALLED := $(VENV)/.installed
PACKAGES_DIR := datapackages
DOCS := build/docs

# Everything a package depends on besides its PDF; the site, corpus and export code are not among them.
CORPUS_CODE := pipeline/corpus.py pipeline/codes.py pipeline/exports.py
SITE_CODE := $(wildcard pipeline/site/*.py) pipeline/charts.py pipeline/spreadsheet.py $(wildcard pipeline/templates/*) \
  $(wildcard pipeline/site_assets/*)
PIPELINE_DEPS := $(INSTALLED) pipeline/vocabulary.toml pipeline/identity.toml $(wildcard pipeline/checks/*.py) $(wildcard pipeline/grids/*.py) \
  $(filter-out $(SITE_CODE) $(CORPUS_CODE) pipeline/makerules.py pipeline/cli.py,$(wildcard pipeline/*.py))

.PHONY: all test lint site analysis clean bench
all: site/index.html analysis

$(INSTALLED): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

# One explicit rule per source PDF, its target a status file named from the file name (doc-ids
# come from what the PDF says, so Make cannot know them; see pipeline/makerules.py).
build/sources.mk: sources pipeline/makerules.py pipeline/ids.py $(INSTALLED)
	mkdir -p build
	$(PY) -m pipeline make-rules --sources sources --out $(PACKAGES_DIR) > $@.tmp
	mv $@.tmp $@

include build/sources.mk

# The corpus folder is written as a whole, so its datapackage.json stands for its CSV files too.
CORPUS := $(PACKAGES_DIR)/corpus/datapackage.json
$(CORPUS): $(PACKAGES) pipeline/corpus.py pipeline/codes.py pipeline/exports.py
	$(PY) -m pipeline corpus --packages $(PACKAGES_DIR)
	$(FRICTIONLESS) validate $@ > /dev/null || { $(FRICTIONLESS) validate $@; exit 1; }

# Analysis formats of the corpus package; each is written under a temporary name, then renamed.
EXPORT_DEPS := $(CORPUS) pipeline/exports.py pipeline/cli.py $(INSTALLED)
build/corpus.sqlite: $(EXPORT_DEPS)
	$(PY) -m pipeline sqlite --corpus $(PACKAGES_DIR)/corpus --out $@

build/corpus.duckdb: $(EXPORT_DEPS)
	$(PY) -m pipeline duckdb --corpus $(PACKAGES_DIR)/corpus --out $@

# One Parquet file per corpus resource; the folder is replaced whole, so its own mtime is the build's.
build/parquet: $(EXPORT_DEPS)
	$(PY) -m pipeline parquet --corpus $(PACKAGES_DIR)/corpus --out $@

analysis: build/corpus.sqlite build/corpus.duckdb build/parquet

$(DOCS)/.built: $(PACKAGES) $(CORPUS) build/corpus.sqlite $(SITE_CODE) pipeline/cli.py $(INSTALLED)
	$(PY) -m pipeline site --packages $(PACKAGES_DIR) --docs $(DOCS) --sources sources --corpus-sqlite build/corpus.sqlite \
	  --status build/status
	touch $@

# --strict fails the build on any warning (a broken link, a missing page); --quiet would hide the
# warnings from it, so that it never failed: the INFO lines are filtered out instead.
site/index.html: $(DOCS)/.built mkdocs.yml
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict 2>&1 | { grep -v '^INFO ' || true; }
	touch $@

site: site/index.html

test: site/index.html
	$(PY) -m pytest -q

bench: $(INSTALLED)
	$(PY) scripts/bench.py

lint: $(INSTALLED)
	$(VENV)/bin/ruff check pipeline tests scripts

clean:
	rm -rf build site

endif
