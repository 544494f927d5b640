#!/usr/bin/env bash
# Parse Dashboard end to end (issue #15): this server (the built jar, embedded store, a temporary
# dataDir), parse-dashboard from npm (pinned) and headless Debian Chromium driven by playwright-core
# (pinned; no browser download). e2e.mjs clicks through the Dashboard and checks every step
# through REST. Screenshots and logs go to $E2E_OUT (default compat/dashboard/out/).
#
# Installs what is missing: Debian's chromium (apt-get, as root) and the npm packages, into
# $E2E_CACHE (default ~/.cache/parse-vertx-dashboard), reused on later runs.
# Needs node >= 20.19 (parse-dashboard 9's engines) and java; exits non-zero on any failed step.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

PARSE_DASHBOARD_VERSION=9.2.0
PLAYWRIGHT_CORE_VERSION=1.65.1
cache="${E2E_CACHE:-$HOME/.cache/parse-vertx-dashboard}"
out="${E2E_OUT:-$here/out}"
jar="${E2E_JAR:-$root/server/target/parse-server.jar}"

log() { echo "e2e: $*" >&2; }
started=$(date +%s)

# --- Chromium -------------------------------------------------------------------------------
chromium_bin="${E2E_CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$chromium_bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    log "installing Debian's chromium"
    timeout 600 apt-get install -y -q chromium > /dev/null 2>&1 \
      || { timeout 300 apt-get update -q > /dev/null 2>&1 \
        && timeout 600 apt-get install -y -q chromium > /dev/null 2>&1; } \
      || { log "could not install chromium"; exit 2; }
    chromium_bin="$(command -v chromium)"
  else
    log "chromium not found (set E2E_CHROMIUM, or run as root with apt-get)"; exit 2
  fi
fi

# --- Node and the pinned npm packages ---------------------------------------------------------
command -v node > /dev/null || { log "node not found (parse-dashboard 9 needs node >= 20.19)"; exit 2; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || { log "node $(node -v) is too old: parse-dashboard $PARSE_DASHBOARD_VERSION needs >= 20.19"; exit 2; }
installed() { node -p "require('$cache/node_modules/$1/package.json').version" 2> /dev/null || true; }
if [ "$(installed parse-dashboard)" != "$PARSE_DASHBOARD_VERSION" ] \
   || [ "$(installed playwright-core)" != "$PLAYWRIGHT_CORE_VERSION" ]; then
  log "installing parse-dashboard@$PARSE_DASHBOARD_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION into $cache"
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"name":"parse-vertx-dashboard-e2e","private":true}' > "$cache/package.json"
  (cd "$cache" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 600 npm install --no-audit --no-fund \
    --save-exact "parse-dashboard@$PARSE_DASHBOARD_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION" > /dev/null)
fi

# --- the server jar ---------------------------------------------------------------------------
if [ ! -f "$jar" ]; then
  log "building $jar"
  (cd "$root" && ./mvnw -B -q -DskipTests -pl server -am package)
fi

work="$(mktemp -d -t parse-dashboard-e2e.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2> /dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
rm -rf "$out"; mkdir -p "$out"
# note: a copy, so that a build replacing the jar meanwhile cannot break the running server
cp "$jar" "$work/parse-server.jar"

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
server_port=$(free_port)
dashboard_port=$(free_port)
while [ "$dashboard_port" = "$server_port" ]; do dashboard_port=$(free_port); done
app_id="e2eApp"
master_key="e2e-master-$RANDOM$RANDOM"
read_only_key="e2e-readonly-$RANDOM$RANDOM"
server_url="http://127.0.0.1:$server_port/parse"
dashboard_url="http://127.0.0.1:$dashboard_port"

wait_http() { # url seconds pid
  local i
  for ((i = 0; i < $2 * 4; i++)); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$3" 2> /dev/null || return 1
    sleep 0.25
  done
  return 1
}

log "starting the server on $server_port"
java ${E2E_JAVA_OPTS:--Xmx512m} -jar "$work/parse-server.jar" --appId "$app_id" --masterKey "$master_key" \
  --readOnlyMasterKey "$read_only_key" --port "$server_port" --host 127.0.0.1 \
  --dataDir "$work/data" --cloud "$here/cloud/main.js" > "$out/server.log" 2>&1 &
pids+=($!)
wait_http "$server_url/health" 90 "${pids[-1]}" || { log "server did not start"; tail -30 "$out/server.log" >&2; exit 1; }

cat > "$work/dashboard.json" <<EOF
{
  "apps": [{
    "serverURL": "$server_url", "appId": "$app_id", "masterKey": "$master_key",
    "readOnlyMasterKey": "$read_only_key", "appName": "E2E App"
  }],
  "users": [
    {"user": "admin", "pass": "admin-pass"},
    {"user": "viewer", "pass": "viewer-pass", "readOnly": true}
  ]
}
EOF
log "starting parse-dashboard $PARSE_DASHBOARD_VERSION on $dashboard_port"
node "$cache/node_modules/parse-dashboard/bin/parse-dashboard" --config "$work/dashboard.json" \
  --host 127.0.0.1 --port "$dashboard_port" --cookieSessionSecret "e2e-$RANDOM$RANDOM" \
  > "$out/dashboard.log" 2>&1 &
pids+=($!)
wait_http "$dashboard_url/login" 60 "${pids[-1]}" || { log "dashboard did not start"; tail -30 "$out/dashboard.log" >&2; exit 1; }
log "server and dashboard up after $(( $(date +%s) - started ))s"

status=0
E2E_NODE_MODULES="$cache/node_modules" E2E_CHROMIUM="$chromium_bin" E2E_OUT="$out" \
  E2E_SERVER_URL="$server_url" E2E_DASHBOARD_URL="$dashboard_url" E2E_APP_ID="$app_id" \
  E2E_MASTER_KEY="$master_key" E2E_APP_NAME="E2E App" \
  E2E_ADMIN="admin:admin-pass" E2E_VIEWER="viewer:viewer-pass" \
  timeout "${E2E_TIMEOUT:-600}" node "$here/e2e.mjs" || status=$?
log "done in $(( $(date +%s) - started ))s (screenshots and logs in $out)"
exit "$status"
