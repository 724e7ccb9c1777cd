#!/usr/bin/env bash
# Production-like locally (issue 15): set up as `make run` does, then gunicorn with
# gunicorn.conf.py (gthread, one worker per core), a Celery worker with beat, production
# settings (DEBUG off) and the static files collected and served by WhiteNoise, at
# http://127.0.0.1:${PORT:-8000}/. Ctrl-C stops both.
#
# SKIP_SETUP=1 skips setup and loading (the database must be ready); DJANGO_SECRET_KEY is
# generated for this run when unset. Over plain HTTP the session and CSRF cookies are
# Secure-only as in production, so logging in needs HTTPS in front (a proxy); the map and the
# API work as they are.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ "${SKIP_SETUP:-0}" != 1 ]]; then
    setup_all
    manage load
else
    init_env
    cd "$REPO_ROOT"
fi

port="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE=regioatlas.settings.production
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"
export DJANGO_SECURE_SSL_REDIRECT="${DJANGO_SECURE_SSL_REDIRECT:-false}"
export REGIOATLAS_PROXY_COUNT="${REGIOATLAS_PROXY_COUNT:-0}"
export GUNICORN_BIND="${GUNICORN_BIND:-127.0.0.1:$port}"
log "Django: collectstatic (production settings, WhiteNoise)"
manage collectstatic --noinput -v 0

trap stop_worker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_worker

log "Regioatlas (production-like): http://$GUNICORN_BIND/"
"$VENV/bin/python" -m gunicorn regioatlas.wsgi:application --config "$REPO_ROOT/gunicorn.conf.py"
