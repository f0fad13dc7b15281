# The two commands of the README: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# With DATABASE_URL set the project uses that database and starts no local cluster.
DB_START = $(if $(DATABASE_URL),true,scripts/pg.sh start)

.PHONY: run test stop serve setup db migrate seed lint format bench check-deploy collectstatic worker

setup:
	@scripts/venv.sh
	@$(DB_START)

migrate: setup
	@$(PY) manage.py migrate --noinput -v 0

seed: migrate
	@$(PY) manage.py seed_demo

run: seed
	@echo ""
	@echo "  Наставничество: http://$(HOST):$(PORT)/"
	@echo "  Демо-входы (пароль у всех: demo): admin, director, curator, mentor, mentee, parent, coordinator"
	@echo "  Фоновые задания (выгрузки, документы, уведомления): один обработчик рядом с сервером"
	@echo ""
	@PY=$(PY) scripts/run.sh $(HOST):$(PORT)

# A job worker (exports, documents, periodic jobs, e-mail); run as many as needed, on any machine.
WORKER_QUEUES ?= exports,periodic,mail
worker: migrate
	@$(PY) manage.py procrastinate worker --queues $(WORKER_QUEUES) $(if $(WORKER_CONCURRENCY),--concurrency $(WORKER_CONCURRENCY),)

test: setup
	@scripts/browser.sh
	@$(PY) -m pytest $(PYTEST_ARGS)

stop:
	@scripts/pg.sh stop

lint:
	@.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	@.venv/bin/ruff format . && .venv/bin/ruff check --fix .

# Collected with the production storage (hashed names + manifest), whatever DEBUG is here.
collectstatic: setup
	@DEBUG=0 SECRET_KEY=$${SECRET_KEY:-collectstatic-only-key-not-used-for-anything-else-0123456789} \
	  $(PY) manage.py collectstatic --noinput -v 0

# Production-like serving: gunicorn with whitenoise; TLS is the reverse proxy's job.
serve: migrate collectstatic
	@DEBUG=$${DEBUG:-0} .venv/bin/gunicorn mentoring.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

check-deploy: setup
	@DEBUG=0 SECRET_KEY=$${SECRET_KEY:-check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=')} \
	  ALLOWED_HOSTS=example.ru $(PY) manage.py check --deploy --fail-level WARNING

.PHONY: backup restore
backup: setup
	@scripts/backup.sh backup

# make restore FILE=var/backups/mentoring-20261122-101500.tar  (the database and the stored files)
restore: setup
	@scripts/backup.sh restore "$(FILE)"

.PHONY: loadtest
# 20 clients for 60 s against gunicorn (2 workers) on loopback; PostgreSQL is restarted mid-run.
loadtest: seed collectstatic
	@$(PY) bench/loadtest.py $(LOADTEST_ARGS)

.PHONY: check-upgrade
# A database seeded by an earlier version (FROM=<git ref>) migrates to this one with every row kept.
check-upgrade: setup
	@$(PY) scripts/check_upgrade.py

.PHONY: bench
# Municipality-scale benchmark in a separate database (mentoring_bench); QUICK=1 for a tenth.
bench: setup collectstatic
	@$(PY) bench/run.py $(if $(QUICK),--quick,) $(if $(SCALE),--scale $(SCALE),)

.PHONY: cluster-check
# Two gunicorn servers and two job workers on one PostgreSQL (database mentoring_cluster) and one
# S3 store (moto on loopback): a load through both, 20 exports, a worker killed mid-job; a report.
cluster-check: setup
	@$(PY) scripts/cluster_check.py $(CLUSTER_CHECK_ARGS)
