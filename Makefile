# MedTech Cluster Alliance D-A-CH — build, test and edit the site.
# `make build` and `make test` set everything up themselves on a fresh machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The set-up every target needs: .venv with the pinned dependencies, and the browser editor's pinned npm packages
# with admin/'s files prepared from them (tools/cms/install.sh; needs npm, which it installs as root).
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt constraints.txt tools/cms/package-lock.json | cksum | cut -d' ' -f1)
TODAY  ?=
TODAY_ARG := $(if $(TODAY),--today $(TODAY),)
# Another site folder (content/ and data/) instead of this repository's, e.g. SITE=tests/sites/example.
SITE   ?=
SITE_ARG := $(if $(SITE),--source $(SITE),)

.DEFAULT_GOAL := help
.PHONY: help venv build serve bench bench-compare bench-gate golden soak check test test-under-load test-fast test-tools i18n-extract i18n-update i18n-compile clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt constraints.txt tools/cms/package-lock.json sitegen/admin_assets.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	@bash tools/cms/install.sh $(BIN)/python
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP) ## Create .venv with the pinned dependencies (build and test do it themselves)

build: $(STAMP) ## Build the site into output/ (TODAY=YYYY-MM-DD to fix "today", SITE=folder for another site)
	$(BIN)/python build.py build $(SITE_ARG) $(TODAY_ARG)
	@$(BIN)/python build.py schema $(SITE_ARG) >/dev/null

HOST ?= 127.0.0.1
PORT ?= 8000
serve: $(STAMP) ## Preview with live reload on http://127.0.0.1:8000/ (HOST=, PORT=, DRAFTS=1 to show drafts, SITE=)
	@$(BIN)/python build.py schema $(SITE_ARG) >/dev/null 2>&1 || true  # schema/ for editors' editors (not in git)
	$(BIN)/python build.py serve $(SITE_ARG) --host $(HOST) --port $(PORT) $(if $(DRAFTS),--drafts,)

N ?= 500 2000
bench: $(STAMP) ## Benchmark builds of synthetic sites S(N) (N="500 2000" by default) and hostile texts; not part of make test
	$(BIN)/python bench/run.py $(N)

OLD ?=
given = $(if $(filter command line environment,$(origin $(1))),$($(1)),$(2))
bench-compare: $(STAMP) ## Benchmark OLD=<git rev> against this tree, alternating, on S(N) (N=5000, RUNS=5): medians, NEW/OLD, rows >10 % worse marked
	@test -n "$(OLD)" || { echo "make bench-compare needs OLD=<git revision>, e.g. OLD=HEAD~3" >&2; exit 2; }
	$(BIN)/python bench/compare.py $(OLD) $(call given,N,5000) $(call given,RUNS,5)

RUNS ?= 3
bench-gate: $(STAMP) test-tools ## Time the publishing gate over the real site with one new release (RUNS=3); not part of make test
	$(BIN)/python bench/gate.py $(RUNS)

golden: $(STAMP) ## Rebuild the golden tree tests/golden/ from tests/sites/small/ after an intended change; review its diff in the commit
	$(BIN)/python tools/golden.py --refresh

SOAK ?= 200
soak: $(STAMP) ## Try SOAK (200) random edit sequences, mistakes among them, on incremental builds; not part of make test
	SOAK_EXAMPLES=$(SOAK) $(BIN)/python -m pytest tests/test_incremental.py -k incremental_build_equals_clean_build

check: $(STAMP) ## Validate data, content (its links within the site too) and catalogs, compare events with their last published version in git (and refresh schema/*.json for editors' editors; SITE=)
	$(BIN)/python build.py check $(SITE_ARG)
	@$(BIN)/python build.py schema $(SITE_ARG) >/dev/null

.PHONY: translated
FILE ?=
translated: $(STAMP) ## Record that FILE (a translation; a German text: each of its translations) is up to date with its source (SITE=)
	@test -n "$(FILE)" || { echo "make translated needs FILE=content/press/<name>.en.md (the translation brought up to date)" >&2; exit 2; }
	$(BIN)/python build.py translated $(SITE_ARG) $(FILE)

test-tools: $(STAMP) ## Install what the browser, HTML and calendar-client checks need, if missing (test does it itself)
	@bash tools/setup-test-tools.sh

test: $(STAMP) test-tools ## Run the whole test suite (browser and standards checks included)
	$(BIN)/python -m pytest -n 2

BUSY := $(BIN)/python -c "while True: pass"
test-under-load: $(STAMP) test-tools ## Run the whole suite while two busy loops keep both cores busy: no test may depend on speed
	@$(BUSY) & one=$$!; $(BUSY) & two=$$!; \
	trap 'kill $$one $$two 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	echo "two busy loops running ($$one, $$two); they are stopped when the tests end"; \
	$(BIN)/python -m pytest -n 2

test-fast: $(STAMP) ## Run the tests that need no browser, Java or Node tools
	$(BIN)/python -m pytest -m "not browser and not standards and not node"

.PHONY: gate test-edits
BASE_URL ?=
gate: $(STAMP) test-tools ## The publishing gate: check, build into output/, check that output (BASE_URL=, TODAY=, SITE=)
	$(BIN)/python tools/gate.py $(SITE_ARG) --out output $(TODAY_ARG) $(if $(BASE_URL),--base-url $(BASE_URL),)

test-edits: $(STAMP) test-tools ## Each monthly editors' change alone, on a copy of the real site, through the whole gate
	MONTHLY_EDITS_GATE=full $(BIN)/python -m pytest tests/test_monthly_changes.py -k each_monthly_edit_alone

.PHONY: lighthouse
LIGHTHOUSE_VERSION := 12.2.3
LIGHTHOUSE_STAMP := .tools/lighthouse/.installed-$(LIGHTHOUSE_VERSION)
$(LIGHTHOUSE_STAMP):
	@command -v npm >/dev/null 2>&1 || { echo "make lighthouse needs npm (sudo apt-get install -y npm)" >&2; exit 1; }
	@echo "Installing npm lighthouse@$(LIGHTHOUSE_VERSION) into .tools/lighthouse/ ..." >&2
	@mkdir -p .tools/lighthouse && rm -f .tools/lighthouse/.installed-*
	@npm install --silent --no-audit --no-fund --save-exact --prefix .tools/lighthouse lighthouse@$(LIGHTHOUSE_VERSION) >/dev/null
	@touch $@

lighthouse: $(STAMP) $(LIGHTHOUSE_STAMP) ## Lighthouse (mobile) on the example site: a11y, best practices, SEO 1.0, no layout shift; screenshots
	$(BIN)/python tools/lighthouse.py

.PHONY: cms-screenshots
cms-screenshots: $(STAMP) test-tools ## Screenshots of the browser editor (example site, test repository) into docs/img/ for docs/editing.md; not part of make test
	$(BIN)/python tools/cms_screenshots.py

i18n-extract: $(STAMP) ## Extract UI strings from the templates into i18n/messages.pot
	$(BIN)/pybabel extract -F babel.cfg -o i18n/messages.pot --no-location --sort-output --omit-header .

i18n-update: $(STAMP) ## Extract UI strings and merge them into both catalogs (then translate the German ones)
	flock i18n/de/LC_MESSAGES/messages.lock $(MAKE) --no-print-directory i18n-extract
	flock i18n/de/LC_MESSAGES/messages.lock $(BIN)/python tools/update_catalogs.py

i18n-compile: $(STAMP) ## Compile the catalogs to .mo files (the build itself reads the .po files)
	$(BIN)/pybabel compile -d i18n --statistics

clean: ## Remove output/ and caches
	rm -rf output .output.tmp-* .output.spare .pytest_cache test-artifacts .cache
