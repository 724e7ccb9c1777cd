#!/usr/bin/env bash
# Set up (no data load, no server), lint with ruff and Biome, run the front end's unit tests
# (node --test tests/js/), then run pytest. Extra arguments go to pytest, e.g.
# `scripts/test.sh -k municipality -x`.
#
# REGIOATLAS_TEST_TIMEOUT (seconds, default 1800) bounds the pytest run.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_all

export DJANGO_SETTINGS_MODULE=regioatlas.settings.test
export PLAYWRIGHT_CHROMIUM_EXECUTABLE="${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-/usr/bin/chromium}"
cd "$REPO_ROOT"

log "Lint: ruff check"
ruff check .
log "Lint: ruff format --check"
ruff format --check .
log "Lint: import-linter (.importlinter: the layer rules)"
lint-imports
log "Lint: biome check (static/**/*.js, tests/js)"
node_modules/.bin/biome check

log "Tests: node --test tests/js/"
node --test tests/js/

log "Tests: pytest $*"
rc=0
timeout --kill-after=30 "${REGIOATLAS_TEST_TIMEOUT:-1800}" pytest "$@" || rc=$?
case "$rc" in
0) log "Tests: passed" ;;
5)
    warn "pytest collected no tests"
    rc=0
    ;;
124) die "pytest did not finish within ${REGIOATLAS_TEST_TIMEOUT:-1800}s" ;;
*) log "Tests: FAILED (pytest exit code $rc)" ;;
esac
exit "$rc"
