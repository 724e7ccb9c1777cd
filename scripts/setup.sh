#!/usr/bin/env bash
# Set up Regioatlas on this machine: Debian packages, .venv, node_modules, PostgreSQL + PostGIS,
# Redis, the database role and database, migrations and static files. Safe to run again; a
# second run checks everything and changes nothing.
#
#   scripts/setup.sh            everything
#   scripts/setup.sh --python   only the virtualenv (for `make lint` / `make format`)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
"")
    setup_all
    ;;
--python)
    init_env
    ensure_venv
    ;;
*)
    die "usage: scripts/setup.sh [--python]"
    ;;
esac
