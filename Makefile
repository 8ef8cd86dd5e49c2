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
	@if [ '$@' = all ]; then flock build/.make.lock $(MAKE) --no-print-directory LOCKED_IN='$(CURDIR)' summary; fi
else

.DEFAULT_GOAL := all
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
FRICTIONLESS := $(VENV)/bin/frictionless
INSTALLED := $(VENV)/.installed
PACKAGES_DIR := datapackages
DOCS := build/docs

# What each target's code is comes from the code's imports (pipeline/run/deps.py): editing any
# module a package's build imports, or a data file beside it, rebuilds the packages.
build/deps.mk: $(wildcard pipeline/*.py pipeline/*/*.py pipeline/*/*/*.py) $(INSTALLED)
	mkdir -p build
	$(PY) -m pipeline make-deps > $@.tmp
	mv $@.tmp $@

BUILD_CODE :=
CORPUS_CODE :=
EXPORT_CODE :=
SITE_CODE :=
include build/deps.mk
PIPELINE_DEPS := $(INSTALLED) $(BUILD_CODE)

.PHONY: all summary test lint site analysis clean bench
all: site/index.html analysis

# The run's last words (after `all`): how many sources were packaged, which failed and why; exits
# 1 when any failed, after everything else was published.
summary:
	@$(PY) -m pipeline make-summary build/status

$(INSTALLED): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

# The site serves its own page viewer (pdf.js, pinned with its digest in package-lock.json): npm
# puts it in node_modules/ (and writes this file there), the site build copies the few files the
# browser loads. Only the site needs it.
PDFJS := node_modules/.package-lock.json
$(PDFJS): package-lock.json
	npm ci --omit=optional --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# One explicit rule per source PDF, its target a status file named from the file name (doc-ids
# come from what the PDF says, so Make cannot know them; see pipeline/run/makerules.py).
build/sources.mk: sources pipeline/run/makerules.py pipeline/package/ids.py $(INSTALLED)
	mkdir -p build
	$(PY) -m pipeline make-rules --sources sources --out $(PACKAGES_DIR) > $@.tmp
	mv $@.tmp $@

PACKAGES :=
include build/sources.mk

# A source whose last build failed is built again by every `make`: its reason may have been the
# machine's (memory, time); the same failure again rebuilds nothing after it.
FAILED_STATUS := $(shell grep -l '^FAILED' build/status/*.txt 2>/dev/null || true)
.PHONY: FORCE
FORCE:
$(FAILED_STATUS): FORCE

# The corpus folder is written as a whole, so its datapackage.json stands for its CSV files too.
CORPUS := $(PACKAGES_DIR)/corpus/datapackage.json
$(CORPUS): $(PACKAGES) $(CORPUS_CODE)
	$(PY) -m pipeline corpus --packages $(PACKAGES_DIR)
	$(FRICTIONLESS) validate $@ > /dev/null || { $(FRICTIONLESS) validate $@; exit 1; }

# Analysis formats of the corpus package; each is written under a temporary name, then renamed.
EXPORT_DEPS := $(CORPUS) $(EXPORT_CODE) $(INSTALLED)
build/corpus.sqlite: $(EXPORT_DEPS)
	$(PY) -m pipeline sqlite --corpus $(PACKAGES_DIR)/corpus --out $@

build/corpus.duckdb: $(EXPORT_DEPS)
	$(PY) -m pipeline duckdb --corpus $(PACKAGES_DIR)/corpus --out $@

# One Parquet file per corpus resource; the folder is replaced whole, so its own mtime is the build's.
build/parquet: $(EXPORT_DEPS)
	$(PY) -m pipeline parquet --corpus $(PACKAGES_DIR)/corpus --out $@

analysis: build/corpus.sqlite build/corpus.duckdb build/parquet

# build/sources.mk: the site lists the failed sources, and a source removed takes its failure away
$(DOCS)/.built: $(PACKAGES) build/sources.mk $(CORPUS) build/corpus.sqlite $(SITE_CODE) $(INSTALLED) $(PDFJS)
	$(PY) -m pipeline site --packages $(PACKAGES_DIR) --docs $(DOCS) --sources sources --corpus-sqlite build/corpus.sqlite \
	  --status build/status
	touch $@

# mkdocs in strict mode (any warning, such as a broken link, fails the build), remaking only the
# pages whose Markdown changed (pipeline/publish/site/html.py); warnings are shown, INFO lines not.
site/index.html: $(DOCS)/.built mkdocs.yml
	NO_MKDOCS_2_WARNING=1 $(PY) -m pipeline html --config mkdocs.yml
	touch $@

site: site/index.html

# One worker per core (pytest-xdist); a test file runs whole in one worker, in order, so that the
# fixtures a file shares (the corpus built once) are built once; the costliest files first
# (tests/conftest.py HEAVIEST_FIRST), so that the workers finish together.
TEST_WORKERS ?= auto
test: site/index.html
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

bench: $(INSTALLED)
	$(PY) scripts/bench.py

lint: $(INSTALLED)
	$(VENV)/bin/ruff check pipeline tests scripts
	$(VENV)/bin/mypy

clean:
	rm -rf build site

endif
