# Two commands on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV ?= .venv
# Django 6 needs Python >= 3.12: take the first interpreter that runs, including pyenv's installs.
PYTHON_BOOT := $(shell for p in python3.13 python3.12 python3; do \
	  $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1 && { command -v $$p; exit 0; }; done; \
	  for d in $$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)/versions/3.1[2-9]*/bin; do \
	  [ -x $$d/python3 ] && { echo $$d/python3; exit 0; }; done; echo python3)
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint typecheck migrate demo serve clean bench browser-deps messages

$(STAMP): pyproject.toml
	@$(PYTHON_BOOT) -c 'import sys; assert sys.version_info >= (3, 12), "sifang needs Python >= 3.12"'
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

.env:
	@echo "SECRET_KEY=$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" > .env
	@echo "DEBUG=1" >> .env
	@echo "wrote .env with a generated SECRET_KEY"

migrate: install .env
	$(PY) -m sifang.cli migrate --noinput
	$(PY) -m sifang.cli compilemessages_if_needed

demo: migrate
	$(PY) -m sifang.cli demo --if-empty

# Serves the platform and the background-job worker together; Ctrl-C stops both.
run: demo
	$(PY) -m sifang.cli demo_users
	@echo "Serving http://$(HOST):$(PORT)/ with the background-job worker; Ctrl-C stops both."
	@$(PY) -m sifang.cli run_huey --quiet & huey=$$!; \
	$(PY) -m sifang.cli runserver $(HOST):$(PORT) --noreload & web=$$!; \
	trap 'kill $$huey $$web 2>/dev/null; wait; exit 0' INT TERM; \
	wait $$web; kill $$huey 2>/dev/null; wait

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }) ; \
	  else echo "chromium is missing: install Debian's chromium package for the browser tests"; fi; }

test: install browser-deps
	$(PY) -m sifang.cli compilemessages_if_needed
	$(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: install
	$(PY) -m mypy sifang/*/services.py sifang/*/selectors.py sifang/*/permissions.py sifang/ingest

# Refresh the foundation catalogue (apps with their own locale/ keep theirs), then fill known translations.
messages: install
	$(PY) -m django makemessages -l zh_Hans --settings=config.settings -i '.venv/*' -i 'var/*' -i 'bench/*' \
	  -i '*/tests/*' -i 'tests/*' -i 'sifang/demo/data/*' -i 'sifang/projects/*' -i 'sifang/talent/*' \
	  -i 'sifang/instruments/*' -i 'sifang/meetings/*' -i 'sifang/matcher/*' -i 'sifang/ingest/*'
	$(PY) -m sifang.cli translations_fill

bench: install
	$(PY) bench/quality.py
	$(PY) bench/matching.py

clean:
	rm -rf $(VENV) .pytest_cache
