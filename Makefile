# Two commands: `make run` (demo site on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=
PROFILE_ARGS ?=

.PHONY: run test lint format audit bench bench-short profile migrate demo worker beat clean lock

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Installs come from the hash-pinned lock files, never straight from requirements*.txt.
$(VENV)/.runtime: requirements.lock | $(VENV)/bin/activate
	$(PIP) install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements.lock requirements-dev.lock | $(VENV)/bin/activate
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	touch $(VENV)/.runtime $@

# Regenerates both lock files from requirements*.txt (every transitive dependency, with the
# hashes of all its files on PyPI). The machine's pip configuration (local wheel folders,
# mirrors) is ignored so the locks name only what PyPI serves. docs/operations.md "Dependencies".
LOCK_ENV := PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= PIP_CONSTRAINT=
LOCK_ARGS := --quiet --no-config --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	--no-emit-find-links --index-url https://pypi.org/simple
lock: $(VENV)/.dev
	$(LOCK_ENV) $(VENV)/bin/pip-compile $(LOCK_ARGS) --output-file requirements.lock requirements.txt
	$(LOCK_ENV) $(VENV)/bin/pip-compile $(LOCK_ARGS) --constraint requirements.lock \
		--output-file requirements-dev.lock requirements-dev.txt

migrate: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput

# Every link the site writes (emails, feeds, API) uses SITE_URL, unless set the address served here;
# load_demo (through init_site) moves the Site record to it.
demo run: export SITE_URL ?= http://$(HOST):$(PORT)

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo "Webbplatsen: http://$(HOST):$(PORT)/  Admin: http://$(HOST):$(PORT)/admin/"
	@echo "Andra förbundet (fiktivt): http://exempeldalen.localhost:$(PORT)/"
	$(PY) manage.py runserver $(HOST):$(PORT)

# pytest exits 5 when it collected no test: that is a failure here, never a pass.
test: $(VENV)/.dev
	@$(VENV)/bin/pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Known vulnerabilities in every locked dependency (needs PyPI's vulnerability data).
audit: $(VENV)/.dev
	$(PY) .ci/audit.py requirements.lock

# Every benchmark in bench/ plus the load test; `make bench-short` is the CI variant.
bench: $(VENV)/.dev
	$(PY) bench/run_all.py $(BENCH_ARGS)

bench-short: $(VENV)/.dev
	$(PY) bench/run_all.py --short $(BENCH_ARGS)

# The top frames of one uncached request per public page type (cProfile), bench/profile_pages.py.
profile: $(VENV)/.dev
	$(PY) bench/profile_pages.py $(PROFILE_ARGS)

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

worker: $(VENV)/.runtime
	$(VENV)/bin/celery -A site_lycksele worker -l INFO

beat: $(VENV)/.runtime
	$(VENV)/bin/celery -A site_lycksele beat -l INFO

clean:
	rm -rf var/ static/
