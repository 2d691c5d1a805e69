#!/usr/bin/env bash
# Stop the Neo4j server started by start.sh (SIGTERM -> clean shutdown; SIGKILL after timeout).
# NEO4J_WIPE=1 also deletes the data directory (.ci/neo4j/run/home).
set -uo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="$DIR/run"
PIDFILE="$RUN/neo4j.pid"
TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"

if [ -f "$PIDFILE" ]; then
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null \
     && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q policygraph.ci.Launcher; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 "$TIMEOUT"); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "neo4j stop.sh: pid $pid did not stop in ${TIMEOUT}s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
    fi
    echo "neo4j stop.sh: stopped pid $pid"
  else
    echo "neo4j stop.sh: not running (stale pid file)"
  fi
  rm -f "$PIDFILE" "$RUN/neo4j.ready"
else
  echo "neo4j stop.sh: not running"
fi
if [ "${NEO4J_WIPE:-0}" = "1" ]; then rm -rf "$RUN/home"; echo "neo4j stop.sh: data wiped"; fi
exit 0
