# The two commands of the README. Both set up what they need (idempotent, quick when done).
.PHONY: demo test lint lock setup-demo setup-test clean

VENV := .venv/bin

setup-demo:
	@scripts/setup.sh demo

setup-test:
	@scripts/setup.sh test

demo: setup-demo
	@$(VENV)/tanu demo

# Lint, types, then the suite against SQLite and a PostgreSQL server started here, its files
# spread over the cores (a file's tests stay together: they share its servers).
PYTEST_ARGS ?= -n auto --dist loadfile --no-loadscope-reorder
test: setup-test lint
	@url=$$(scripts/pg-test-server.sh start) && \
	TANU_TEST_POSTGRES_URL="$$url" TANU_REQUIRE_POSTGRES=1 TANU_REQUIRE_BROWSER=1 $(VENV)/python -m pytest -q $(PYTEST_ARGS); \
	status=$$?; scripts/pg-test-server.sh stop; exit $$status

lint: setup-test
	@$(VENV)/ruff check .
	@$(VENV)/ruff format --check .
	@$(VENV)/mypy recognition extractors verifiers flows tests
	@$(VENV)/lint-imports --no-cache

# Newer releases of every Python package within pyproject.toml's ranges, written to
# constraints.txt; run make test before committing it.
lock: setup-test
	@$(VENV)/python -m pip install -q --upgrade --upgrade-strategy eager -e ".[dev]"
	@{ sed -n '/^#/p' constraints.txt; $(VENV)/python -m pip freeze --exclude-editable; } > constraints.txt.new
	@mv constraints.txt.new constraints.txt
	@rm -f .venv/.tanu-installed-*
	@echo "constraints.txt: $$(grep -vc '^#' constraints.txt) packages; now run make test"

clean:
	rm -rf .venv var
