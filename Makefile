# Thin wrappers: the real work lives in the `gamja` command and in pytest.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := tests/node/node_modules/.installed-stamp
INSTALL_LOG := var/log/install.log
EDITABLE := -e '.[test,dev]'

# $(call quietly,what,command): one line saying what, the command's output into $(INSTALL_LOG), shown on failure.
define quietly
	@mkdir -p $(dir $(INSTALL_LOG))
	@echo "make: $(1) (output in $(INSTALL_LOG))"
	@echo "=== $(1): $(2)" >>$(INSTALL_LOG)
	@($(2)) >>$(INSTALL_LOG) 2>&1 || { tail -n 40 $(INSTALL_LOG); echo "make: $(1) failed; the whole output is in $(INSTALL_LOG)" >&2; exit 1; }
endef

.PHONY: install run test lint

$(STAMP): pyproject.toml
	$(call quietly,installing Python packages into $(VENV),test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); $(BIN)/python -m pip install --upgrade pip && $(BIN)/python -m pip install $(EDITABLE))
	@touch $(STAMP)

$(NODE_STAMP): tests/node/package.json
	$(call quietly,installing the npm test peers into tests/node,cd tests/node && npm install --no-audit --no-fund)
	@touch $(NODE_STAMP)

install: $(STAMP)

run: $(STAMP)
	@$(BIN)/gamja up

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy gamja router subgraphs

test: $(STAMP) $(NODE_STAMP) lint
	$(BIN)/pytest
