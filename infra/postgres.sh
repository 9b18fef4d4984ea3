#!/usr/bin/env bash
# A private PostgreSQL cluster for BenchCluster under the repository's git-ignored .data/ folder. Idempotent.
#
#   infra/postgres.sh start  [--data DIR] [--port N] [--listen ADDR] [--allow CIDR]...
#   infra/postgres.sh stop   [--data DIR]
#   infra/postgres.sh status [--data DIR]            exit 0 when running, 3 when stopped
#   infra/postgres.sh url    [--data DIR] [--host H] [--uri]
#   infra/postgres.sh psql   [--data DIR] [-- PSQL-ARGS...]
#
# Defaults: --data .data/postgres, --port 55432, --listen 127.0.0.1. `start` installs the server (Debian package
# `postgresql`) when absent, creates the cluster, the `benchcluster` role (password generated once, kept in
# DIR/benchcluster.password) and the `benchcluster` database, then starts it. Starting a running cluster is a no-op.
# --listen '*' (or an address) plus --allow CIDR (repeatable) let workers on other hosts connect with the password.
# `url` prints the Npgsql connection string; --uri prints a postgresql:// URI for psql instead.
set -euo pipefail

DEFAULT_PORT=55432
DEFAULT_LISTEN="127.0.0.1"
ROLE="benchcluster"
DATABASE="benchcluster"
SUPERUSER="postgres"
START_TIMEOUT_SECONDS=60
EXIT_STOPPED=3

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "postgres.sh: $*" >&2; exit 1; }
usage() { sed -n '2,15p' "$0"; }

command="${1:-}"
[ -n "$command" ] || { usage; exit 2; }
shift

data="$root/.data/postgres"
port=""
listen=""
host=""
uri=0
allow=()
psql_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="${2:?--data needs a folder}"; shift 2 ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --listen) listen="${2:?--listen needs an address or *}"; shift 2 ;;
    --allow) allow+=("${2:?--allow needs a CIDR such as 10.200.0.0/16}"); shift 2 ;;
    --host) host="${2:?--host needs a host name or address}"; shift 2 ;;
    --uri) uri=1; shift ;;
    --) shift; psql_args=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' for '$command' (see infra/postgres.sh --help)" ;;
  esac
done

case "$data" in /*) ;; *) data="$PWD/$data" ;; esac
[ -z "$port" ] || [[ "$port" =~ ^[0-9]+$ && "$port" -ge 1024 && "$port" -le 65535 ]] \
  || die "--port '$port' is not a port number between 1024 and 65535"

settings="$data/benchcluster.conf"
password_file="$data/benchcluster.password"
log_file="$data/log/postgres.log"
lock_file="$data.lock"

# The server refuses to run as root: when we are root it runs as the postgres OS user, otherwise as ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local candidate
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && echo "$candidate"
}

install_server() {
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed; run as root once (or: sudo apt-get install -y postgresql)"
  echo "postgres: installing the Debian package postgresql ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; } \
    || die "apt-get install -y postgresql failed; install PostgreSQL 15 or later and set PG_BIN to its bin folder"
}

# Reads one setting (port, listen_addresses) back from the file `start` wrote.
stored_setting() {
  [ -r "$settings" ] || return 0
  sed -n "s/^$1 = '\{0,1\}\([^']*\)'\{0,1\}$/\1/p" "$settings" | tail -n 1
}

is_running() { [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

superuser_psql() {
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$(stored_setting port)" -U "$SUPERUSER" -d postgres "$@"
}

check_traversable() {
  [ "$(id -u)" -eq 0 ] || return 0
  local dir="" part
  IFS='/' read -ra parts <<<"${data#/}"
  for part in "${parts[@]}"; do
    dir="$dir/$part"
    [ -d "$dir" ] || break
    runuser -u postgres -- test -x "$dir" \
      || die "the postgres OS user cannot enter $dir, so the server cannot reach $data; allow it with: chmod o+x $dir (or choose another --data)"
  done
}

init_cluster() {
  echo "postgres: creating a cluster in $data"
  mkdir -p "$data"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$data"
  chmod 700 "$data"
  check_traversable
  # The superuser connects only through the socket inside the 0700 data folder, so trust there is guarded by
  # file permissions; TCP always asks for a password.
  as_owner "$bin/initdb" -D "$data" -U "$SUPERUSER" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  as_owner mkdir -p "$data/log"
  echo "include_if_exists = 'benchcluster.conf'" | as_owner tee -a "$data/postgresql.conf" >/dev/null
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | as_owner tee "$password_file" >/dev/null
  as_owner chmod 600 "$password_file"
}

# Loopback is always kept: local tools and the url's default host use it.
listen_addresses() {
  local addresses="${1:-$DEFAULT_LISTEN}"
  [ "$addresses" = "*" ] || [[ ",$addresses," == *",127.0.0.1,"* ]] || addresses="127.0.0.1,$addresses"
  echo "$addresses"
}

write_settings() {
  local listen_addresses="$1"
  as_owner tee "$settings" >/dev/null <<EOF
# Written by infra/postgres.sh start; edit with its options, not by hand.
port = $port
listen_addresses = '$listen_addresses'
unix_socket_directories = '$data'
max_connections = 200
EOF
}

add_allow_rules() {
  local cidr line changed=1
  for cidr in "${allow[@]}"; do
    [[ "$cidr" =~ ^[0-9a-fA-F:.]+/[0-9]+$ ]] || die "--allow '$cidr' is not a CIDR such as 10.200.0.0/16"
    line="host all $ROLE $cidr scram-sha-256"
    if ! as_owner grep -qxF "$line" "$data/pg_hba.conf"; then
      echo "$line" | as_owner tee -a "$data/pg_hba.conf" >/dev/null
      echo "postgres: allowing $ROLE from $cidr"
      changed=0
    fi
  done
  return $changed
}

ensure_role_and_database() {
  local password
  password="$(as_owner cat "$password_file")"
  superuser_psql -v pw="$password" <<'SQL'
SELECT format('CREATE ROLE benchcluster LOGIN CREATEDB PASSWORD %L', :'pw')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'benchcluster') \gexec
SELECT 'CREATE DATABASE benchcluster OWNER benchcluster'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'benchcluster') \gexec
SQL
}

start() {
  if ! is_running; then
    [ -f "$data/PG_VERSION" ] || init_cluster
    port="${port:-$(stored_setting port)}"; port="${port:-$DEFAULT_PORT}"
    local addresses
    addresses="$(listen_addresses "${listen:-$(stored_setting listen_addresses)}")"
    write_settings "$addresses"
    add_allow_rules || true
    check_traversable
    # 9>&-: the server must not inherit the start lock, or it would hold it for its whole life.
    if ! as_owner "$bin/pg_ctl" start -D "$data" -l "$log_file" -w -t "$START_TIMEOUT_SECONDS" >/dev/null 9>&-; then
      tail -n 20 "$log_file" >&2 || true
      die "the server in $data did not start (log above: $log_file); is port $port taken? try --port"
    fi
    echo "postgres: started on port $port (listen $addresses), data $data"
  else
    local running_port
    running_port="$(stored_setting port)"
    [ -z "$port" ] || [ "$port" = "$running_port" ] \
      || die "already running in $data on port $running_port; stop it first to move it to port $port"
    [ -z "$listen" ] || [ "$(listen_addresses "$listen")" = "$(stored_setting listen_addresses)" ] \
      || die "already running in $data listening on $(stored_setting listen_addresses); stop it first to change --listen"
    if add_allow_rules; then as_owner "$bin/pg_ctl" reload -D "$data" >/dev/null; fi
    echo "postgres: already running on port $running_port, data $data"
  fi
  ensure_role_and_database
}

stop() {
  if is_running; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
    echo "postgres: stopped ($data)"
  else
    echo "postgres: not running ($data)"
  fi
}

url() {
  [ -f "$password_file" ] || die "no cluster in $data; create it with: infra/postgres.sh start --data $data"
  local password server_port address
  password="$(as_owner cat "$password_file")"
  server_port="$(stored_setting port)"
  address="${host:-127.0.0.1}"
  if [ "$uri" -eq 1 ]; then
    echo "postgresql://$ROLE:$password@$address:$server_port/$DATABASE"
  else
    echo "Host=$address;Port=$server_port;Username=$ROLE;Password=$password;Database=$DATABASE"
  fi
}

bin="$(find_bin || true)"
if [ -z "$bin" ]; then
  [ "$command" = "start" ] || die "PostgreSQL is not installed; run: infra/postgres.sh start"
  install_server
  bin="$(find_bin || true)"
  [ -n "$bin" ] || die "the postgresql package installed no initdb under /usr/lib/postgresql; set PG_BIN"
fi

case "$command" in
  start)
    mkdir -p "$(dirname "$data")"
    # Parallel test processes start the same cluster; one does the work, the others then find it running.
    exec 9>"$lock_file"
    flock 9
    start
    ;;
  stop) stop ;;
  status)
    if is_running; then echo "postgres: running on port $(stored_setting port), data $data"; else echo "postgres: stopped ($data)"; exit "$EXIT_STOPPED"; fi
    ;;
  url) url ;;
  psql)
    is_running || die "not running ($data); start it with: infra/postgres.sh start --data $data"
    PGPASSWORD="$(as_owner cat "$password_file")" "$bin/psql" -h 127.0.0.1 -p "$(stored_setting port)" -U "$ROLE" -d "$DATABASE" "${psql_args[@]}"
    ;;
  *) die "unknown command '$command' (expected start, stop, status, url or psql)" ;;
esac
