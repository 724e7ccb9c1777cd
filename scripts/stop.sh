#!/usr/bin/env bash
# Stop the Celery worker that scripts/run.sh started (from its pid file under var/run/).
# PostgreSQL and Redis are shared machine services and keep running.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if worker_pid >/dev/null; then
    stop_worker
    log "Celery: worker stopped"
else
    rm -f "$WORKER_PIDFILE"
    log "Celery: no worker running"
fi
