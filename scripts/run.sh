#!/usr/bin/env bash
# Set everything up, load the data, start a Celery worker in the background and the development
# server in the foreground at http://127.0.0.1:${PORT:-8000}/. Ctrl-C stops both.
#
# Optional: DJANGO_SUPERUSER_PASSWORD (with DJANGO_SUPERUSER_USERNAME, default "admin", and
# DJANGO_SUPERUSER_EMAIL) creates a development superuser for /admin/.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_all

if manage help load >/dev/null 2>&1; then
    log "Data: manage.py load (from ${REGIOATLAS_DATA_DIR:-the default data dir})"
    manage load
else
    warn "manage.py load does not exist yet; the atlas starts without data"
fi

if [[ -n "${DJANGO_SUPERUSER_PASSWORD:-}" ]]; then
    export DJANGO_SUPERUSER_USERNAME="${DJANGO_SUPERUSER_USERNAME:-admin}"
    export DJANGO_SUPERUSER_EMAIL="${DJANGO_SUPERUSER_EMAIL:-admin@example.org}"
    exists_py='import os, sys
from django.contrib.auth import get_user_model
User = get_user_model()
name = os.environ["DJANGO_SUPERUSER_USERNAME"]
sys.exit(0 if User.objects.filter(**{User.USERNAME_FIELD: name}).exists() else 1)'
    if manage shell -v 0 -c "$exists_py"; then
        log "Admin: superuser $DJANGO_SUPERUSER_USERNAME already exists"
    else
        manage createsuperuser --noinput
        log "Admin: created superuser $DJANGO_SUPERUSER_USERNAME"
    fi
fi

# Stop the worker however this script ends; INT and TERM are trapped explicitly so that bash
# always runs the cleanup once the server (which gets the same signal) has exited.
trap stop_worker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_worker

port="${PORT:-8000}"
log "Regioatlas:  http://127.0.0.1:$port/"
log "Admin:       http://127.0.0.1:$port/admin/"
log "Stop with Ctrl-C (the worker stops too; 'make stop' cleans up a leftover worker)"
manage runserver "127.0.0.1:$port"
