#!/usr/bin/env bash
# Set up Regioatlas on this machine: Debian packages, .venv, node_modules, PostgreSQL + PostGIS,
# Redis, the database role and database, migrations and static files. Safe to run again; a
# second run checks everything and changes nothing.
#
#   scripts/setup.sh            everything
#   scripts/setup.sh --python   only the virtualenv
#   scripts/setup.sh --lint     the virtualenv and node_modules (for `make lint` / `make format`)
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
--lint)
    init_env
    ensure_venv
    ensure_node_modules
    ;;
*)
    die "usage: scripts/setup.sh [--python | --lint]"
    ;;
esac
