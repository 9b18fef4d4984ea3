#!/usr/bin/env bash
# A private PostgreSQL cluster for BenchCluster under the repository's git-ignored .data/ folder. Idempotent.
#
#   infra/postgres.sh start  [--data DIR] [--port N] [--listen ADDR] [--allow CIDR]...
#   infra/postgres.sh stop   [--data DIR]
#   infra/postgres.sh status [--data DIR]            exit 0 when running, 3 when stopped
#   infra/postgres.sh url    [--data DIR] [--role coordinator|worker|reader] [--host H] [--root-cert PATH] [--uri]
#   infra/postgres.sh psql   [--data DIR] [-- PSQL-ARGS...]
#
# Defaults: --data .data/postgres, --port 55432, --listen 127.0.0.1. `start` installs the server (Debian package
# `postgresql`) when absent, creates the cluster, one login role per part (benchcluster: the coordinator, owner of
# the schema; benchcluster_worker; benchcluster_reader: read commands), each with a password generated once into
# DIR/<role>.password (0600), and the `benchcluster` database, then starts it. Starting a running cluster is a no-op.
# --listen '*' (or an address) plus --allow CIDR (repeatable) let hosts of that range connect, over TLS only: a
# server that listens beyond loopback gets a certificate of its own authority (DIR/tls/root.crt).
# `url` prints the Npgsql connection string of a role (default coordinator): plain on loopback, SSL Mode=VerifyFull
# with the authority's certificate for any other --host (--root-cert names where that file lies on the client).
# --uri prints a postgresql:// URI for psql instead. Nothing but `url` prints a password.
set -euo pipefail

DEFAULT_PORT=55432
DEFAULT_LISTEN="127.0.0.1"
OWNER_ROLE="benchcluster"
WORKER_ROLE="benchcluster_worker"
READER_ROLE="benchcluster_reader"
ALL_ROLES="$OWNER_ROLE,$WORKER_ROLE,$READER_ROLE"
DATABASE="benchcluster"
SUPERUSER="postgres"
START_TIMEOUT_SECONDS=60
EXIT_STOPPED=3

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "postgres.sh: $*" >&2; exit 1; }
usage() { sed -n '2,18p' "$0"; }
# shellcheck source=infra/postgres-tls.sh
. "$root/infra/postgres-tls.sh"

command="${1:-}"
[ -n "$command" ] || { usage; exit 2; }
case "$command" in -h|--help) usage; exit 0 ;; esac
shift

data="$root/.data/postgres"
port=""
listen=""
host=""
role="coordinator"
root_cert=""
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
    --role) role="${2:?--role needs coordinator, worker or reader}"; shift 2 ;;
    --root-cert) root_cert="${2:?--root-cert needs the path of root.crt on the client}"; shift 2 ;;
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
password_file="$data/$OWNER_ROLE.password"
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
}

# DIR/<role>.password, generated once; a cluster made before roles per part gets the missing ones on its next start.
ensure_password_files() {
  local name file
  for name in $OWNER_ROLE $WORKER_ROLE $READER_ROLE; do
    file="$data/$name.password"
    as_owner test -s "$file" && continue
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | as_owner tee "$file" >/dev/null
    as_owner chmod 600 "$file"
  done
}

role_name() {
  case "$1" in
    coordinator) echo "$OWNER_ROLE" ;;
    worker) echo "$WORKER_ROLE" ;;
    reader) echo "$READER_ROLE" ;;
    *) die "--role '$1' is not coordinator, worker or reader" ;;
  esac
}

# Loopback is always kept: local tools and the url's default host use it.
listen_addresses() {
  local addresses="${1:-$DEFAULT_LISTEN}"
  [ "$addresses" = "*" ] || [[ ",$addresses," == *",127.0.0.1,"* ]] || addresses="127.0.0.1,$addresses"
  echo "$addresses"
}

write_settings() {
  local listen_addresses="$1"
  {
    cat <<EOF
# Written by infra/postgres.sh start; edit with its options, not by hand.
port = $port
listen_addresses = '$listen_addresses'
unix_socket_directories = '$data'
max_connections = 200
EOF
    if is_beyond_loopback "$listen_addresses"; then tls_settings; fi
  } | as_owner tee "$settings" >/dev/null
}

ALLOW_PATTERN='^host(ssl)? +all +benchcluster[a-z_,]* +([0-9a-fA-F:.]+/[0-9]+) +scram-sha-256$'

# Writes one rule per allowed range for every role: hostssl (TLS required) when the server listens beyond loopback.
# Rules of earlier starts are kept and rewritten to the current form, so a cluster made before roles per part or
# before TLS is brought up to date. Returns 0 when pg_hba.conf changed.
add_allow_rules() {
  local hba="$data/pg_hba.conf" kind="host" cidr before after
  is_beyond_loopback "$(stored_setting listen_addresses)" && kind="hostssl"
  local cidrs=()
  for cidr in "${allow[@]}"; do
    [[ "$cidr" =~ ^[0-9a-fA-F:.]+/[0-9]+$ ]] || die "--allow '$cidr' is not a CIDR such as 10.200.0.0/16"
    cidrs+=("$cidr")
  done
  while read -r cidr; do cidrs+=("$cidr"); done < <(as_owner sed -nE "s#$ALLOW_PATTERN#\\2#p" "$hba")
  before="$(as_owner cat "$hba")"
  after="$(as_owner grep -vE "$ALLOW_PATTERN" "$hba" || true)"
  for cidr in $(printf '%s\n' "${cidrs[@]}" | sort -u); do
    after+=$'\n'"$kind all $ALL_ROLES $cidr scram-sha-256"
  done
  [ "$before" != "$after" ] || return 1
  echo "$after" | as_owner tee "$hba" >/dev/null
  [ "${#allow[@]}" -eq 0 ] || echo "postgres: allowing $ALL_ROLES from ${allow[*]} ($kind)"
  return 0
}

# The roles get LOGIN and their file's password on every start (the migration may have made NOLOGIN placeholders).
ensure_role_and_database() {
  superuser_psql -v owner_pw="$(as_owner cat "$data/$OWNER_ROLE.password")" \
    -v worker_pw="$(as_owner cat "$data/$WORKER_ROLE.password")" \
    -v reader_pw="$(as_owner cat "$data/$READER_ROLE.password")" <<'SQL'
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I', r) FROM unnest(ARRAY['benchcluster', 'benchcluster_worker', 'benchcluster_reader']) AS r
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) \gexec
SELECT format('ALTER ROLE benchcluster LOGIN CREATEDB PASSWORD %L', :'owner_pw') \gexec
SELECT format('ALTER ROLE benchcluster_worker LOGIN NOCREATEDB PASSWORD %L', :'worker_pw') \gexec
SELECT format('ALTER ROLE benchcluster_reader LOGIN NOCREATEDB PASSWORD %L', :'reader_pw') \gexec
-- The owner may end the sessions of the other two (DROP DATABASE … WITH (FORCE) of a test database, pg_terminate_backend).
GRANT benchcluster_worker, benchcluster_reader TO benchcluster;
SELECT 'CREATE DATABASE benchcluster OWNER benchcluster'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'benchcluster') \gexec
SQL
}

start() {
  if ! is_running; then
    [ -f "$data/PG_VERSION" ] || init_cluster
    ensure_password_files
    port="${port:-$(stored_setting port)}"; port="${port:-$DEFAULT_PORT}"
    local addresses
    addresses="$(listen_addresses "${listen:-$(stored_setting listen_addresses)}")"
    if is_beyond_loopback "$addresses"; then tls_prepare "$addresses"; fi
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
    ensure_password_files
    local reload=1 running_listen
    running_listen="$(stored_setting listen_addresses)"
    # Started by an older script: listening beyond loopback without TLS. A reload turns it on.
    if is_beyond_loopback "$running_listen" && ! as_owner grep -qx "ssl = on" "$settings"; then
      tls_prepare "$running_listen"
      port="$running_port"
      write_settings "$running_listen"
      reload=0
    fi
    if add_allow_rules; then reload=0; fi
    [ "$reload" -ne 0 ] || as_owner "$bin/pg_ctl" reload -D "$data" >/dev/null
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
  local name password server_port address
  name="$(role_name "$role")"
  as_owner test -s "$data/$name.password" \
    || die "no password for $name in $data; create or update the cluster with: infra/postgres.sh start --data $data"
  password="$(as_owner cat "$data/$name.password")"
  server_port="$(stored_setting port)"
  address="${host:-127.0.0.1}"
  local ssl="SSL Mode=Disable" ssl_uri="sslmode=disable"
  if ! is_loopback_host "$address"; then
    is_beyond_loopback "$(stored_setting listen_addresses)" \
      || die "the server in $data listens on loopback only, so $address cannot reach it; restart it with --listen ADDR (or '*') --allow CIDR"
    tls_cover_host "$address"
    local certificate="${root_cert:-$(tls_dir)/root.crt}"
    ssl="SSL Mode=VerifyFull;Root Certificate=$certificate"
    ssl_uri="sslmode=verify-full&sslrootcert=$certificate"
  fi
  if [ "$uri" -eq 1 ]; then
    echo "postgresql://$name:$password@$address:$server_port/$DATABASE?$ssl_uri"
  else
    echo "Host=$address;Port=$server_port;Username=$name;Password=$password;Database=$DATABASE;$ssl"
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
  url)
    # Serialized with start: url may add a name to the server certificate.
    exec 9>"$lock_file"
    flock 9
    url
    ;;
  psql)
    is_running || die "not running ($data); start it with: infra/postgres.sh start --data $data"
    PGPASSWORD="$(as_owner cat "$password_file")" PGSSLMODE=disable "$bin/psql" -h 127.0.0.1 -p "$(stored_setting port)" -U "$OWNER_ROLE" -d "$DATABASE" "${psql_args[@]}"
    ;;
  *) die "unknown command '$command' (expected start, stop, status, url or psql)" ;;
esac
