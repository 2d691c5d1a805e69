#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh machine of this kind, then run it.
#   - the project with its test extras (pip)
#   - headless Chromium + a CJK font (Debian packages) for the browser tests
#   - a real Neo4j Community server on loopback (Maven Central, no Docker) for the Neo4j leg
# Without root/apt or Java/Maven the matching tests are skipped with a message, except under
# CI (CI=true), where a missing Neo4j or browser is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
log() { printf '[test.sh] %s\n' "$*"; }

log "installing the project with test extras"
python3 -m pip install -q -e '.[test]' || { log "pip install failed"; exit 1; }

if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s chromium-l10n >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk" \
   || ! command -v docker-compose >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing chromium, a CJK font and the Compose CLI (Debian packages)"
    apt-get update -qq >/dev/null 2>&1
    apt-get install -y -qq chromium chromium-l10n fonts-wqy-microhei docker-compose >/dev/null 2>&1 \
      || log "apt-get install failed"
  fi
fi
if command -v chromium >/dev/null 2>&1; then export POLICYGRAPH_CHROMIUM=$(command -v chromium); fi

NEO4J_STARTED=0
if [ -z "${NEO4J_URI:-}" ] && [ -x "$(command -v mvn)" ] && [ -f .ci/neo4j/start.sh ]; then
  log "starting a real Neo4j server on loopback"
  if out=$(bash .ci/neo4j/start.sh); then
    echo "$out" | tail -3
    export NEO4J_URI=bolt://127.0.0.1:${NEO4J_PORT:-7687} NEO4J_USER=neo4j NEO4J_PASSWORD=policygraph
    NEO4J_STARTED=1
  else
    echo "$out" | tail -30
    log "Neo4j did not start"
  fi
fi
cleanup() { [ "$NEO4J_STARTED" = 1 ] && bash .ci/neo4j/stop.sh >/dev/null 2>&1; }
trap cleanup EXIT

if [ "${CI:-}" = "true" ]; then
  export POLICYGRAPH_REQUIRE_NEO4J=1 POLICYGRAPH_REQUIRE_BROWSER=1
fi

log "ruff"
python3 -m ruff check . || { log "ruff found problems"; exit 1; }

log "pytest"
report=$(mktemp)
python3 -m pytest -q -rs --durations=25 "$@" 2>&1 | tee "$report"  # the slowest tests, to keep the run short
rc=${PIPESTATUS[0]}
if [ "$rc" = 5 ]; then
  log "pytest collected no tests: that is a failure, not a pass"
  exit 1
fi
if [ "${CI:-}" = "true" ] && grep -E "^SKIPPED" "$report" | grep -qiE "neo4j|chromium|browser"; then
  log "under CI the Neo4j and browser tests must run, but some were skipped:"
  grep -E "^SKIPPED" "$report" | grep -iE "neo4j|chromium|browser" | head -5
  exit 1
fi
exit "$rc"
