# shellcheck shell=bash
# Shared functions for scripts/{setup,run,test,stop}.sh. Source it; do not run it.
#
# Everything here is idempotent: each step checks first and only acts when something is missing,
# so a second run on a ready machine takes a few seconds and changes nothing.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO_ROOT/.venv"
VAR_DIR="$REPO_ROOT/var"
DEFAULT_DATABASE_URL="postgis://regioatlas:regioatlas@127.0.0.1:5432/regioatlas"
DEFAULT_BROKER_URL="redis://127.0.0.1:6379/0"
WORKER_PIDFILE="${WORKER_PIDFILE:-$VAR_DIR/run/celery-worker.pid}"
WORKER_LOGFILE="${WORKER_LOGFILE:-$VAR_DIR/log/celery-worker.log}"

# --- logging ------------------------------------------------------------------------------
log() { printf '[regioatlas] %s\n' "$*"; }
warn() { printf '[regioatlas] WARNING: %s\n' "$*" >&2; }
die() {
    printf '[regioatlas] ERROR: %s\n' "$*" >&2
    exit 1
}

# --- environment ----------------------------------------------------------------------------
# Read KEY=VALUE lines from .env without overriding what the environment already has; this is
# what django-environ does in settings/base.py, so the scripts and Django see the same values.
load_dotenv() {
    local file="$REPO_ROOT/.env" line key value
    [[ -f "$file" ]] || return 0
    while IFS= read -r line || [[ -n "$line" ]]; do
        line="${line#"${line%%[![:space:]]*}"}"
        [[ -z "$line" || "$line" == \#* ]] && continue
        line="${line#export }"
        [[ "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
        key="${BASH_REMATCH[1]}"
        value="${BASH_REMATCH[2]}"
        if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then
            value="${BASH_REMATCH[1]}"
        fi
        [[ -n "${!key+set}" ]] || export "$key=$value"
    done <"$file"
}

# Export the defaults every script relies on.
init_env() {
    load_dotenv
    export DATABASE_URL="${DATABASE_URL:-$DEFAULT_DATABASE_URL}"
    export CELERY_BROKER_URL="${CELERY_BROKER_URL:-$DEFAULT_BROKER_URL}"
    export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-regioatlas.settings.local}"
    if [[ -z "${REGIOATLAS_DATA_DIR:-}" && -d "$REPO_ROOT/../shared/data" ]]; then
        REGIOATLAS_DATA_DIR="$(cd "$REPO_ROOT/../shared/data" && pwd)"
        export REGIOATLAS_DATA_DIR
    fi
    export PATH="$VENV/bin:$PATH"
    export PIP_DISABLE_PIP_VERSION_CHECK=1
    export DEBIAN_FRONTEND=noninteractive
}

# --- privileges -----------------------------------------------------------------------------
is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Run a command as root: directly when root, through sudo otherwise.
as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root for: $* (run as root or install sudo)"
    fi
}

# Run a command as the postgres superuser (peer authentication over the local socket).
as_postgres() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    elif command -v sudo >/dev/null 2>&1; then
        (cd / && sudo -u postgres "$@")
    else
        die "need root or sudo to run as the postgres user: $*"
    fi
}

# --- Debian packages ------------------------------------------------------------------------
pkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# The PostgreSQL major version: the newest cluster, else the newest server, else Debian 12's (15).
pg_major() {
    local base dir found
    for base in /etc/postgresql /usr/lib/postgresql; do
        found=()
        for dir in "$base"/*/; do
            [[ -d "$dir" ]] && found+=("$(basename "$dir")")
        done
        if [[ ${#found[@]} -gt 0 ]]; then
            printf '%s\n' "${found[@]}" | sort -V | tail -n 1
            return 0
        fi
    done
    echo 15
}

ensure_apt_packages() {
    command -v dpkg-query >/dev/null 2>&1 || die "not a Debian/Ubuntu system: install PostgreSQL \
with PostGIS, GDAL, Redis, Chromium and Node.js by hand, or use 'docker compose up'"
    local pgv wanted=() missing=() pkg
    pgv="$(pg_major)"
    wanted=(postgresql "postgresql-$pgv" "postgresql-$pgv-postgis-3" gdal-bin libgdal-dev
        redis-server chromium chromium-driver fonts-dejavu-core gettext nginx-light iproute2
        wrk)  # nginx-light, iproute2: tests/scaleout; wrk: bench/bench_load.py
    command -v node >/dev/null 2>&1 || wanted+=(nodejs)
    command -v npm >/dev/null 2>&1 || wanted+=(npm)
    python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || wanted+=(python3-venv)
    for pkg in "${wanted[@]}"; do
        pkg_installed "$pkg" || missing+=("$pkg")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        log "Debian packages: all present"
        return 0
    fi
    if ! is_root && ! command -v sudo >/dev/null 2>&1; then
        die "missing Debian packages: ${missing[*]}
    install them as root:  apt-get update && apt-get install -y ${missing[*]}"
    fi
    log "Debian packages: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
}

# --- hashes and stamps ----------------------------------------------------------------------
file_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }

# --- Python ---------------------------------------------------------------------------------
ensure_venv() {
    if [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
        :
    else
        log "Python: creating virtualenv in .venv"
        rm -rf "$VENV"
        python3 -m venv "$VENV"
    fi
    local stamp="$VENV/.requirements.sha256" want have=""
    want="$(file_hash "$REPO_ROOT/requirements/base.txt" "$REPO_ROOT/requirements/dev.txt")"
    [[ -f "$stamp" ]] && have="$(cat "$stamp")"
    if [[ "$want" == "$have" ]]; then
        log "Python: requirements up to date"
        return 0
    fi
    log "Python: installing requirements/dev.txt (runtime + development tools)"
    "$VENV/bin/python" -m pip install -q -r "$REPO_ROOT/requirements/dev.txt"
    echo "$want" >"$stamp"
}

# --- Node -----------------------------------------------------------------------------------
ensure_node_modules() {
    [[ -f "$REPO_ROOT/package-lock.json" ]] || return 0
    local stamp="$REPO_ROOT/node_modules/.regioatlas-lock.sha256" want have=""
    want="$(file_hash "$REPO_ROOT/package.json" "$REPO_ROOT/package-lock.json")"
    [[ -f "$stamp" ]] && have="$(cat "$stamp")"
    if [[ "$want" == "$have" ]]; then
        log "npm: node_modules up to date"
        return 0
    fi
    log "npm: npm ci"
    (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
}

# --- URLs -----------------------------------------------------------------------------------
# Print shell assignments PREFIX_{USER,PASSWORD,HOST,PORT,NAME} for a database or Redis URL.
parse_url() {
    local prefix="$1" url="$2" default_port="$3"
    python3 - "$prefix" "$url" "$default_port" <<'PY'
import shlex
import sys
from urllib.parse import unquote, urlsplit

prefix, url, default_port = sys.argv[1:4]
u = urlsplit(url)
values = {
    "USER": unquote(u.username or ""),
    "PASSWORD": unquote(u.password or ""),
    "HOST": u.hostname or "127.0.0.1",
    "PORT": str(u.port or default_port),
    "NAME": unquote(u.path.lstrip("/")),
}
for key, value in values.items():
    print(f"{prefix}_{key}={shlex.quote(value)}")
PY
}

is_local_host() {
    case "$1" in
    127.* | localhost | ::1 | "") return 0 ;;
    *) return 1 ;;
    esac
}

wait_for() {
    local what="$1" seconds="$2"
    shift 2
    local i
    for ((i = 0; i < seconds * 2; i++)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    die "$what did not come up within ${seconds}s"
}

# --- PostgreSQL -----------------------------------------------------------------------------
ensure_postgres_running() {
    eval "$(parse_url DB "$DATABASE_URL" 5432)"
    if pg_isready -q -h "$DB_HOST" -p "$DB_PORT"; then
        log "PostgreSQL: running on $DB_HOST:$DB_PORT"
        return 0
    fi
    is_local_host "$DB_HOST" || die "PostgreSQL at $DB_HOST:$DB_PORT is not reachable"
    local pgv cluster="${REGIOATLAS_PG_CLUSTER:-main}"
    pgv="$(pg_major)"
    if [[ ! -d "/etc/postgresql/$pgv/$cluster" ]]; then
        log "PostgreSQL: creating cluster $pgv/$cluster on port $DB_PORT"
        as_root pg_createcluster "$pgv" "$cluster" --port "$DB_PORT"
    fi
    log "PostgreSQL: starting cluster $pgv/$cluster"
    as_root pg_ctlcluster --skip-systemctl-redirect "$pgv" "$cluster" start
    wait_for "PostgreSQL" 30 pg_isready -q -h "$DB_HOST" -p "$DB_PORT"
}

# psql as the application role, over TCP with the password from DATABASE_URL.
app_psql() {
    PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -A -t -v ON_ERROR_STOP=1 \
        -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$@"
}

# psql as the postgres superuser over the local socket; SQL on stdin, psql variables in "$@".
super_psql() {
    as_postgres env PGOPTIONS="-c client_min_messages=warning" \
        psql -X -q -A -t -v ON_ERROR_STOP=1 -p "$DB_PORT" "$@"
}

ensure_database() {
    eval "$(parse_url DB "$DATABASE_URL" 5432)"
    [[ -n "$DB_USER" && -n "$DB_NAME" ]] || die "DATABASE_URL needs a user and a database name"
    local label="$DB_USER@$DB_HOST:$DB_PORT/$DB_NAME"
    if ! app_psql -d "$DB_NAME" -c 'select 1' >/dev/null 2>&1; then
        is_local_host "$DB_HOST" || die "cannot connect to $label; create the role and database there"
        log "Database: creating (or fixing) role and database for $label"
        local vars=(-v "role=$DB_USER" -v "pass=$DB_PASSWORD" -v "db=$DB_NAME")
        # Order matters: PostGIS goes into template1 first, so the new database inherits it.
        super_psql -d template1 "${vars[@]}" <<'SQL'
CREATE EXTENSION IF NOT EXISTS postgis;
SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') AS role_exists \gset
\if :role_exists
ALTER ROLE :"role" WITH LOGIN CREATEDB PASSWORD :'pass';
\else
CREATE ROLE :"role" WITH LOGIN CREATEDB PASSWORD :'pass';
\endif
SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') AS db_exists \gset
\if :db_exists
\else
CREATE DATABASE :"db" OWNER :"role";
\endif
SQL
        app_psql -d "$DB_NAME" -c 'select 1' >/dev/null ||
            die "still cannot connect to $label after creating it (check pg_hba.conf)"
    fi
    # Django's test database is created from template1 by the (non-superuser) role, and it needs
    # PostGIS already there and the CREATEDB privilege.
    local state
    state="$(app_psql -d template1 -c "select
        (select count(*) from pg_extension where extname = 'postgis')::text
        || (select rolcreatedb::int from pg_roles where rolname = current_user)::text")"
    state+="$(app_psql -d "$DB_NAME" -c "select count(*) from pg_extension where extname = 'postgis'")"
    if [[ "$state" != "111" ]]; then
        is_local_host "$DB_HOST" || die "on $DB_HOST: need PostGIS in template1 and $DB_NAME, \
and CREATEDB for $DB_USER"
        log "Database: adding PostGIS to template1 and $DB_NAME, CREATEDB to $DB_USER"
        echo 'CREATE EXTENSION IF NOT EXISTS postgis;' | super_psql -d template1
        echo 'CREATE EXTENSION IF NOT EXISTS postgis;' | super_psql -d "$DB_NAME"
        echo 'ALTER ROLE :"role" CREATEDB;' | super_psql -d template1 -v "role=$DB_USER"
    fi
    log "Database: $label ready (PostGIS)"
}

# --- Redis ----------------------------------------------------------------------------------
ensure_redis_running() {
    eval "$(parse_url REDIS "$CELERY_BROKER_URL" 6379)"
    if redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
        log "Redis: running on $REDIS_HOST:$REDIS_PORT"
        return 0
    fi
    is_local_host "$REDIS_HOST" || die "Redis at $REDIS_HOST:$REDIS_PORT is not reachable"
    local dir logfile
    if is_root && [[ -d /var/lib/redis && -d /var/log/redis ]]; then
        dir=/var/lib/redis
        logfile=/var/log/redis/regioatlas.log
    else
        dir="$VAR_DIR/redis"
        logfile="$VAR_DIR/log/redis.log"
        mkdir -p "$dir" "$VAR_DIR/log"
    fi
    log "Redis: starting on 127.0.0.1:$REDIS_PORT (log $logfile)"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
        --save "" --appendonly no --dir "$dir" --logfile "$logfile"
    wait_for "Redis" 15 sh -c "redis-cli -h 127.0.0.1 -p $REDIS_PORT ping | grep -q PONG"
}

# --- Django ---------------------------------------------------------------------------------
manage() { "$VENV/bin/python" "$REPO_ROOT/manage.py" "$@"; }

django_migrate_and_collect() {
    log "Django: migrate ($DJANGO_SETTINGS_MODULE)"
    manage migrate --noinput
    log "Django: collectstatic"
    manage collectstatic --noinput -v 0
}

# The whole of scripts/setup.sh: packages, Python, npm, services, database, migrations.
setup_all() {
    local started=$SECONDS
    init_env
    cd "$REPO_ROOT"
    ensure_apt_packages
    ensure_venv
    ensure_node_modules
    ensure_postgres_running
    ensure_redis_running
    ensure_database
    django_migrate_and_collect
    log "Setup done in $((SECONDS - started))s"
}

# --- Celery worker --------------------------------------------------------------------------
# The pid of the worker in the pid file, if that process is alive and is a Celery worker.
worker_pid() {
    [[ -f "$WORKER_PIDFILE" ]] || return 1
    local pid
    pid="$(tr -dc '0-9' <"$WORKER_PIDFILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q celery || return 1
    echo "$pid"
}

stop_worker() {
    local pid i
    if ! pid="$(worker_pid)"; then
        rm -f "$WORKER_PIDFILE"
        return 0
    fi
    log "Celery: stopping worker (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        warn "worker $pid did not stop in 20s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$WORKER_PIDFILE"
}

# Start a worker in the background; its pid goes to var/run/, its output to var/log/.
start_worker() {
    stop_worker
    mkdir -p "$(dirname "$WORKER_PIDFILE")" "$(dirname "$WORKER_LOGFILE")"
    touch "$WORKER_LOGFILE"
    local offset pid i
    offset="$(stat -c %s "$WORKER_LOGFILE")"
    log "Celery: starting worker (log $WORKER_LOGFILE)"
    (cd "$REPO_ROOT" && exec "$VENV/bin/celery" -A regioatlas worker --beat --schedule "$VAR_DIR/run/celerybeat-schedule" -l info --concurrency 2) \
        </dev/null >>"$WORKER_LOGFILE" 2>&1 &
    pid=$!
    echo "$pid" >"$WORKER_PIDFILE"
    for ((i = 0; i < 120; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -c +"$((offset + 1))" "$WORKER_LOGFILE" | tail -n 30 >&2
            rm -f "$WORKER_PIDFILE"
            die "the Celery worker exited during start-up"
        fi
        if tail -c +"$((offset + 1))" "$WORKER_LOGFILE" | grep -q ' ready\.'; then
            log "Celery: worker ready (pid $pid)"
            return 0
        fi
        sleep 0.5
    done
    warn "the Celery worker (pid $pid) is not ready after 60s; going on (see its log)"
}
