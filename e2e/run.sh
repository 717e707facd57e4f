#!/usr/bin/env bash
# npm run test:e2e — the runtime matrix (issue 3). Builds and packs isosdk, publishes the tarball
# to a local registry (verdaccio on 127.0.0.1, no uplinks), installs it into a temp consumer
# folder, then runs every runtime against the e2e fake API (e2e/fixtures/server.ts) on 127.0.0.1:
#   spa      Chromium + Vite SPA (Playwright)       worker   workerd through miniflare
#   deno     npm:isosdk from the local registry     bun      the bun package's binary
#   node20 / node22 / node24   ESM import and CJS require of the installed package
# Each part prints its runtime, version, result and time; any failure fails the script.
#
# Env: E2E_ONLY="deno bun" runs only those parts; E2E_TARBALL=path/to/isosdk.tgz skips
# `npm run build` + `npm pack` (for developing the e2e runs themselves; CI never sets it);
# E2E_REUSE_DIST=1 packs the dist/ already built (CI builds once, just before).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TMP=$ROOT/e2e/.tmp
BIN=$ROOT/node_modules/.bin
ALL_PARTS="spa worker deno bun node20 node22 node24"
PARTS=${E2E_ONLY:-$ALL_PARTS}
T0=$(date +%s%3N)

log() { printf '[e2e %5.1fs] %s\n' "$(( $(date +%s%3N) - T0 ))e-3" "$*"; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_for() { # url seconds
  local deadline=$(( $(date +%s) + $2 ))
  until curl -sf -o /dev/null "$1"; do
    if (( $(date +%s) > deadline )); then log "timed out waiting for $1"; return 1; fi
    sleep 0.1
  done
}

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

if [[ -n "${E2E_TARBALL:-}" ]]; then
  E2E_TARBALL=$(realpath "$E2E_TARBALL")
  [[ $E2E_TARBALL != "$TMP"/* ]] || { echo "E2E_TARBALL must be outside e2e/.tmp (cleared on every run)"; exit 1; }
fi
rm -rf "$TMP"
mkdir -p "$TMP/logs" "$TMP/consumer"

# 1. Servers first: they start while the package builds.
API_PORT=${E2E_API_PORT:-$(free_port)}
REGISTRY_PORT=${E2E_REGISTRY_PORT:-$(free_port)}
export FAKE_API_URL="http://127.0.0.1:$API_PORT" E2E_API_PORT=$API_PORT
REGISTRY="http://127.0.0.1:$REGISTRY_PORT"
E2E_API_PORT=$API_PORT "$BIN/tsx" e2e/fixtures/server.ts >"$TMP/logs/fake-api.log" 2>&1 &
PIDS+=($!)
"$BIN/verdaccio" --config e2e/registry.yaml --listen "127.0.0.1:$REGISTRY_PORT" >"$TMP/logs/verdaccio.log" 2>&1 &
PIDS+=($!)

publish() { # tarball
  npm publish "$1" --registry "$REGISTRY" "--//127.0.0.1:$REGISTRY_PORT/:_authToken=anonymous" \
    --ignore-scripts --access public --tag latest >>"$TMP/logs/publish.log" 2>&1
}

# 2. While the package builds: the registry has no uplinks, so the package's runtime dependencies
#    (valibot and its own; e2e/fixtures/dependency-closure.mjs) are repacked from
#    node_modules with `npm pack` and published to it, exactly the versions the repo uses.
publish_dependencies() {
  wait_for "$REGISTRY/-/ping" 60 || return 1
  local deps pids=() pid t
  deps=$(node e2e/fixtures/dependency-closure.mjs) || return 1
  # The optional peer the smoke script's otel check runs on (isosdk/otel), installed by the consumer below.
  deps="$deps node_modules/@opentelemetry/api"
  mkdir -p "$TMP/deps"
  # shellcheck disable=SC2046
  (cd "$TMP/deps" && npm pack --silent --ignore-scripts $(for d in $deps; do printf '%s ' "$ROOT/$d"; done) >/dev/null) || return 1
  for t in "$TMP"/deps/*.tgz; do publish "$t" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || return 1; done
  echo $deps | sed 's|node_modules/||g' >"$TMP/deps/published"
}
publish_dependencies >"$TMP/logs/dependencies.log" 2>&1 &
DEPS_PID=$!

# 3. Build and pack (the real build; every runtime below uses only this tarball).
if [[ -n "${E2E_TARBALL:-}" ]]; then
  cp "$E2E_TARBALL" "$TMP/"
  TARBALL=$TMP/$(basename "$E2E_TARBALL")
  log "using $E2E_TARBALL (E2E_TARBALL set: no build)"
else
  if [[ -n "${E2E_REUSE_DIST:-}" && -f dist/index.js ]]; then
    log "reusing dist/ (E2E_REUSE_DIST set: .ci/run built it moments ago)"
  else
    log "npm run build"
    npm run build --silent >"$TMP/logs/build.log" 2>&1 || { cat "$TMP/logs/build.log"; log "FAIL build"; exit 1; }
  fi
  TARBALL=$TMP/$(npm pack --silent --pack-destination "$TMP" | tail -1)
fi
VERSION=$(node -p "require('./package.json').version")
OTEL_API_VERSION=$(node -p "JSON.parse(require('fs').readFileSync('node_modules/@opentelemetry/api/package.json', 'utf8')).version")
log "packed $(basename "$TARBALL") ($(( $(stat -c %s "$TARBALL") / 1024 )) KiB)"
wait "$DEPS_PID" || { cat "$TMP/logs/dependencies.log" "$TMP/logs/publish.log"; log "FAIL publishing the dependencies"; exit 1; }
publish "$TARBALL" || { cat "$TMP/logs/publish.log"; log "FAIL publish"; exit 1; }
log "published isosdk@$VERSION and its dependencies ($(cat "$TMP/deps/published")) to $REGISTRY"
wait_for "$FAKE_API_URL/__stats" 60

# 4. A consumer project installs isosdk from the registry, like any user.
cat >"$TMP/consumer/package.json" <<JSON
{ "name": "isosdk-e2e-consumer", "private": true, "version": "0.0.0" }
JSON
# Its own tsconfig.json: Bun and esbuild otherwise apply the repo's (whose \`paths\` map isosdk to src/).
echo '{ "compilerOptions": { "strict": true } }' >"$TMP/consumer/tsconfig.json"
(cd "$TMP/consumer" && npm install --silent --no-audit --no-fund --registry "$REGISTRY" \
  --cache "$TMP/npm-cache" "isosdk@$VERSION" "@opentelemetry/api@$OTEL_API_VERSION" >"$TMP/logs/install.log" 2>&1) || { cat "$TMP/logs/install.log"; log "FAIL install"; exit 1; }
export E2E_CONSUMER_DIR=$TMP/consumer
# The smoke script next to the installed package: bundled for Node (ESM and CJS, isosdk left
# external so the runtime imports/requires the installed package), copied as is for Bun.
"$BIN/esbuild" examples/node/esm.ts --bundle --platform=node --format=esm --target=node20 \
  --external:isosdk --external:'isosdk/*' --external:@opentelemetry/api --outfile="$TMP/consumer/esm.mjs" --log-level=warning
"$BIN/esbuild" examples/node/cjs.cts --bundle --platform=node --format=cjs --target=node20 \
  --external:isosdk --external:'isosdk/*' --external:@opentelemetry/api --outfile="$TMP/consumer/cjs.cjs" --log-level=warning
mkdir -p "$TMP/consumer/examples/node"
cp examples/smoke.ts "$TMP/consumer/examples/"
cp examples/node/esm.ts "$TMP/consumer/examples/node/"
log "installed into e2e/.tmp/consumer; running: $PARTS"

# 5. The runtimes, in parallel; each part's output goes to its log.
run_node() { # name command…
  local name=$1; shift
  for entry in esm.mjs cjs.cjs; do (cd "$TMP/consumer" && "$@" "$entry") || return 1; done
}
part_spa() {
  local chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
  if [[ ! -x $chromium ]]; then
    echo "no Chromium at $chromium: apt-get install -y chromium (Debian's package; never \`playwright install\`), or set CHROMIUM_PATH"
    return 1
  fi
  "$chromium" --version 2>/dev/null  # (Debian's wrapper script complains on stderr about a memory check)
  E2E_API_PORT=$API_PORT "$BIN/vite" build --config e2e/spa/vite.config.ts --logLevel warn &&
    E2E_API_PORT=$API_PORT E2E_SPA_PORT=$(free_port) "$BIN/playwright" test --config playwright.config.ts
}
part_worker() { "$BIN/tsx" e2e/worker/run.ts; }
part_deno() {
  local map=$TMP/deno/import-map.json
  mkdir -p "$TMP/deno"
  # The import map is only for `deno check`: main.ts imports npm:isosdk itself, but the shared
  # smoke script names the package's types by their bare name.
  printf '{ "imports": { "isosdk": "npm:isosdk@%s", "isosdk/auth": "npm:isosdk@%s/auth", "isosdk/otel": "npm:isosdk@%s/otel", "@opentelemetry/api": "npm:@opentelemetry/api@%s" } }\n' \
    "$VERSION" "$VERSION" "$VERSION" "$OTEL_API_VERSION" >"$map"
  export DENO_DIR=$TMP/deno/cache NPM_CONFIG_REGISTRY=$REGISTRY DENO_NO_UPDATE_CHECK=1 NO_COLOR=1
  "$BIN/deno" --version | head -1
  "$BIN/deno" run --no-config --minimum-dependency-age=0 --allow-net=127.0.0.1 --allow-env=FAKE_API_URL \
    examples/deno/main.ts &&
    "$BIN/deno" check --no-config --minimum-dependency-age=0 --import-map="$map" examples/deno/main.ts &&
    echo "deno check: the package's .d.ts type-check main.ts and smoke.ts"
}
part_bun() { (cd "$TMP/consumer" && "$BIN/bun" run examples/node/esm.ts); }
part_node20() { run_node node20 node; }
# Node 22 and 24 from the npm registry's `node` package (its binary, found once through npx).
other_node() { # major
  local node
  node=$(npx -y --prefer-offline "node@$1" -p process.execPath) || return 1
  run_node "node$1" "$node"
}
part_node22() { other_node 22; }
part_node24() { other_node 24; }

declare -A STARTED PART_PID
for p in $PARTS; do
  STARTED[$p]=$(date +%s%3N)
  (
    set +e
    "part_$p" >"$TMP/logs/$p.log" 2>&1
    echo $? >"$TMP/logs/$p.rc"
    date +%s%3N >"$TMP/logs/$p.end"
  ) &
  PART_PID[$p]=$!
done
FAILED=()
SUMMARY=()
for p in $PARTS; do
  wait "${PART_PID[$p]}" || true
  rc=$(cat "$TMP/logs/$p.rc" 2>/dev/null || echo 1)
  ms=$(( $(cat "$TMP/logs/$p.end" 2>/dev/null || date +%s%3N) - ${STARTED[$p]} ))
  result=$( ((rc == 0)) && echo pass || echo FAIL )
  echo
  echo "── $p ($result, $((ms / 1000)).$(( (ms % 1000) / 100 ))s) ──────────────"
  grep -v -e 'Unknown user config "nodedir"' "$TMP/logs/$p.log" || true
  SUMMARY+=("$(printf '  %-7s %-4s %6.1fs' "$p" "$result" "${ms}e-3")")
  ((rc == 0)) || FAILED+=("$p")
done
echo
echo "summary (parts run in parallel; time from the start of each part):"
printf '%s\n' "${SUMMARY[@]}"
if ((${#FAILED[@]} > 0)); then
  log "FAIL: ${FAILED[*]}"
  exit 1
fi
log "all parts passed: $PARTS"
