# Thin wrappers: the real work lives in the `gamja` command and in pytest.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := tests/node/node_modules/.installed-stamp
LOG_DIR := var/log
EDITABLE := -e '.[test,dev]'

# $(call quietly,what,log,command): one line saying what; the command's output goes to $(LOG_DIR)/log and is
# shown (its last lines) only when the command fails.
define quietly
	@mkdir -p $(LOG_DIR)
	@echo "make: $(1) (output in $(LOG_DIR)/$(2))"
	@($(3)) >$(LOG_DIR)/$(2) 2>&1 || { tail -n 40 $(LOG_DIR)/$(2); echo "make: $(1) failed; the whole output is in $(LOG_DIR)/$(2)" >&2; exit 1; }
endef

.PHONY: install run test lint docker-compose chromium web FORCE

# The web app (web/, served by the router at /): `npm ci` when its lock file changes, `npm run build` when its
# sources changed. "Changed" is a content hash of every file under web/ but node_modules/, dist/ and the
# generated src/gql/ (kept in $(WEB_HASH)), so a checkout, a deleted file or an edit rebuilds and a touch does not.
WEB_MODULES := web/node_modules/.ci-stamp
WEB_BUILT := web/dist/index.html
WEB_HASH := var/web-sources.sha256

$(STAMP): pyproject.toml
	$(call quietly,installing Python packages into $(VENV),pip-install.log,{ test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); } && $(BIN)/python -m pip install --upgrade pip && $(BIN)/python -m pip install $(EDITABLE))
	@touch $(STAMP)

$(NODE_STAMP): tests/node/package.json
	$(call quietly,installing the npm test peers into tests/node,npm-install.log,cd tests/node && npm install --no-audit --no-fund)
	@touch $(NODE_STAMP)

install: $(STAMP)

ifneq ($(wildcard web/package.json),)
$(WEB_MODULES): web/package-lock.json
	@command -v npm >/dev/null || { echo "make: npm is needed to build the web app (Node 20 + npm)" >&2; exit 1; }
	$(call quietly,installing the web app's npm packages (npm ci),web-npm-ci.log,cd web && npm ci --no-audit --no-fund)
	@mkdir -p $(dir $@) && touch $@

# Rewritten only when the hash differs, so its mtime says when the sources last changed.
$(WEB_HASH): FORCE
	@mkdir -p $(dir $@)
	@find web \( -path web/node_modules -o -path web/dist -o -path web/src/gql \) -prune -o -type f -print | LC_ALL=C sort \
		| xargs -d '\n' sha256sum | sha256sum >$@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

$(WEB_BUILT): $(WEB_HASH) $(WEB_MODULES)
	$(call quietly,building the web app into web/dist (npm run build),web-build.log,cd web && npm run build)
	@touch $@

web: $(WEB_BUILT)
else
web:
	@echo "make: no web/ app in this checkout; the router serves the API alone"
endif

# tests/deploy validates docker-compose.yml with Debian's docker-compose (no Docker engine is needed for that).
docker-compose:
	@command -v docker-compose >/dev/null || { mkdir -p $(LOG_DIR) && echo "make: installing docker-compose (output in $(LOG_DIR)/apt-docker-compose.log)" && { apt-get install -y docker-compose || { apt-get update -qq && apt-get install -y docker-compose; }; } >$(LOG_DIR)/apt-docker-compose.log 2>&1 || { tail -n 40 $(LOG_DIR)/apt-docker-compose.log; exit 1; }; }

# The playground and web app tests drive Debian's chromium (never a downloaded browser); CI runs as root. The fonts
# draw the app's Korean and emoji in its screenshots (docs/web-*.png) instead of empty boxes.
BROWSER_PACKAGES := chromium fonts-nanum fonts-noto-color-emoji
chromium:
	@dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1 || { mkdir -p $(LOG_DIR) && echo "make: installing $(BROWSER_PACKAGES) (output in $(LOG_DIR)/apt-chromium.log)" && { apt-get update -qq && apt-get install -y -qq $(BROWSER_PACKAGES); } >$(LOG_DIR)/apt-chromium.log 2>&1 || { tail -n 40 $(LOG_DIR)/apt-chromium.log; exit 1; }; }

run: $(STAMP) web
	@$(BIN)/gamja up

lint: $(STAMP)
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@$(BIN)/mypy gamja router subgraphs

# The browser tests (tests/web) drive the built app, so it is built first.
test: $(STAMP) $(NODE_STAMP) docker-compose chromium lint web
	@$(BIN)/pytest
