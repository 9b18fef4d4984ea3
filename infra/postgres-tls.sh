# Sourced by infra/postgres.sh: TLS for a server that listens beyond loopback.
#
# A private certificate authority (DIR/tls/root.crt, root.key) signs the server certificate (DIR/tls/server.crt,
# server.key). Clients verify the server against root.crt and the name they dial (Npgsql SSL Mode=VerifyFull), so
# the server certificate names every address clients use: loopback, this host's name and addresses, the --listen
# addresses, and each --host that `url` was asked for (added on demand, the server reloads its certificate).
# Every key stays in the 0700 data folder, readable by the server's OS user only.

TLS_DAYS=3650
# The names list is bounded (a test run may add a fresh bridge address each time): beyond this, the oldest go.
TLS_MAX_NAMES=64

tls_dir() { echo "$data/tls"; }

# True when the listen_addresses value reaches beyond loopback.
is_beyond_loopback() {
  local address
  IFS=',' read -ra addresses <<<"$1"
  for address in "${addresses[@]}"; do
    address="${address// /}"
    case "$address" in 127.0.0.1|localhost|::1|"") ;; *) return 0 ;; esac
  done
  return 1
}

is_loopback_host() { case "$1" in 127.*|localhost|::1) return 0 ;; *) return 1 ;; esac; }

# One subjectAltName entry per line: IP:… for addresses, DNS:… for names.
san_entry() {
  if [[ "$1" =~ ^[0-9.]+$ || "$1" == *:* ]]; then echo "IP:$1"; else echo "DNS:$1"; fi
}

tls_names_file() { echo "$(tls_dir)/names"; }

# Adds names (hosts or addresses) to the list the server certificate covers; returns 0 when the list grew.
tls_add_names() {
  local name entry grew=1 file
  file="$(tls_names_file)"
  for name in "$@"; do
    [ -n "$name" ] && [ "$name" != "*" ] || continue
    entry="$(san_entry "$name")"
    if ! as_owner grep -qxF "$entry" "$file" 2>/dev/null; then
      echo "$entry" | as_owner tee -a "$file" >/dev/null
      grew=0
    fi
  done
  if [ "$grew" -eq 0 ] && [ "$(as_owner wc -l <"$file")" -gt "$TLS_MAX_NAMES" ]; then
    as_owner tail -n "$TLS_MAX_NAMES" "$file" | as_owner tee "$file.new" >/dev/null
    as_owner mv "$file.new" "$file"
  fi
  return $grew
}

tls_create_authority() {
  local dir
  dir="$(tls_dir)"
  as_owner mkdir -p "$dir"
  as_owner chmod 700 "$dir"
  [ -f "$dir/root.crt" ] && return 0
  echo "postgres: creating a certificate authority for the server in $dir"
  as_owner openssl req -x509 -new -nodes -newkey rsa:3072 -sha256 -days "$TLS_DAYS" \
    -subj "/CN=BenchCluster Postgres CA $(hostname)" -keyout "$dir/root.key" -out "$dir/root.crt" 2>/dev/null \
    || die "openssl could not create a certificate authority in $dir; is openssl installed?"
  as_owner chmod 600 "$dir/root.key"
}

# (Re)issues the server certificate for every name in the names file.
tls_issue_server_certificate() {
  local dir sans
  dir="$(tls_dir)"
  sans="$(as_owner cat "$(tls_names_file)" | paste -sd, -)"
  as_owner openssl req -new -nodes -newkey rsa:3072 -subj "/CN=$(hostname)" \
    -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null \
    || die "openssl could not create the server key in $dir"
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$sans" | as_owner tee "$dir/server.ext" >/dev/null
  as_owner openssl x509 -req -in "$dir/server.csr" -CA "$dir/root.crt" -CAkey "$dir/root.key" -CAcreateserial \
    -days "$TLS_DAYS" -sha256 -out "$dir/server.crt" -extfile "$dir/server.ext" 2>/dev/null \
    || die "openssl could not sign the server certificate in $dir"
  as_owner chmod 600 "$dir/server.key"
  as_owner rm -f "$dir/server.csr" "$dir/server.ext"
}

# Makes sure the authority and a server certificate covering this host and the listen addresses exist.
tls_prepare() {
  local listen_value="$1" address
  tls_create_authority
  local names=(127.0.0.1 localhost "$(hostname)")
  # shellcheck disable=SC2207
  names+=($(hostname -I 2>/dev/null || true))
  IFS=',' read -ra listened <<<"$listen_value"
  for address in "${listened[@]}"; do names+=("${address// /}"); done
  if tls_add_names "${names[@]}" || [ ! -f "$(tls_dir)/server.crt" ]; then
    tls_issue_server_certificate
  fi
}

# The settings lines that turn TLS on.
tls_settings() {
  cat <<EOF
ssl = on
ssl_cert_file = '$(tls_dir)/server.crt'
ssl_key_file = '$(tls_dir)/server.key'
ssl_min_protocol_version = 'TLSv1.2'
EOF
}

# Called by `url --host H`: makes the certificate name H (reloading a running server) so VerifyFull can work.
tls_cover_host() {
  tls_add_names "$1" || return 0
  echo "postgres: adding $1 to the server certificate" >&2
  tls_issue_server_certificate
  if is_running; then
    as_owner "$bin/pg_ctl" reload -D "$data" >/dev/null
    # The reload is a signal: give the server a moment to load the new certificate before a client dials.
    sleep 1
  fi
}
