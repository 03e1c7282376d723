# The two set-up commands are `make demo` and `make test` (see README.md).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint types check-migrations pytest bench serve clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "需要 Python 3.11（找不到 $(PY)）"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install -q --no-deps -e . >$(VENV)/install-editable.log 2>&1 || { cat $(VENV)/install-editable.log; exit 1; }
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py load_demo
	@echo "演示站点： http://127.0.0.1:8000/"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: install
	$(BIN)/mypy

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run -v0

pytest: install
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -q

test: lint types check-migrations pytest

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) var/*.sqlite3
