#!/usr/bin/env bash
# Start a local Neo4j Community server (embedded DBMS + Bolt) on loopback, no Docker.
# Idempotent: builds once (Maven; downloads cached in the system temp folder, never the user's
# home: NEO4J_M2_REPO overrides), reuses a running instance.
# Env: NEO4J_PORT (7687), NEO4J_HOST (127.0.0.1), NEO4J_USER (neo4j),
#      NEO4J_PASSWORD (policygraph), NEO4J_AUTH=none to disable auth,
#      NEO4J_HEAP (1g), NEO4J_START_TIMEOUT (300 s), NEO4J_JAVA_HOME (JDK 17/21 override).
# On success prints NEO4J_URI=bolt://HOST:PORT (and NEO4J_USER/NEO4J_PASSWORD) and exits 0.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="$DIR/run"
LOG="$RUN/neo4j.log"
PIDFILE="$RUN/neo4j.pid"
READY="$RUN/neo4j.ready"   # written by the launcher after startup (password set)
HOST="${NEO4J_HOST:-127.0.0.1}"
PORT="${NEO4J_PORT:-7687}"
export NEO4J_USER="${NEO4J_USER:-neo4j}"
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-policygraph}"
TIMEOUT="${NEO4J_START_TIMEOUT:-300}"
HEAP="${NEO4J_HEAP:-1g}"
PY="${PYTHON:-python3}"
MAIN=policygraph.ci.Launcher

mkdir -p "$RUN"
exec 9>"$RUN/start.lock"
flock -w 600 9 || { echo "neo4j start.sh: could not get lock $RUN/start.lock" >&2; exit 1; }

# --- JDK: Neo4j 5.26 runs on Java 17 or 21 ------------------------------------
pick_java_home() {
  local c
  for c in "${NEO4J_JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-* \
           /usr/lib/jvm/temurin-17-jdk* /usr/lib/jvm/java-21-openjdk-* /usr/lib/jvm/temurin-21-jdk* \
           "${JAVA_HOME:-}"; do
    if [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then echo "$c"; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then dirname "$(dirname "$(readlink -f "$(command -v javac)")")"; return 0; fi
  return 1
}
JAVA_HOME="$(pick_java_home)" || { echo "neo4j start.sh: no JDK 17/21 found" >&2; exit 1; }
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

fail() {
  echo "neo4j start.sh: $*" >&2
  if [ -f "$LOG" ]; then echo "---- tail $LOG ----" >&2; tail -n 60 "$LOG" >&2; fi
  if [ -f "$RUN/home/logs/debug.log" ]; then
    echo "---- tail $RUN/home/logs/debug.log ----" >&2; tail -n 40 "$RUN/home/logs/debug.log" >&2
  fi
  exit 1
}

# Bolt answers RETURN 1 with the configured credentials (neo4j driver). Without the driver:
# the launcher's ready file (written after the password is set) plus a TCP connect.
bolt_ok() {
  if "$PY" -c 'import neo4j' >/dev/null 2>&1; then
    "$PY" - "$HOST" "$PORT" <<'PYEOF' >/dev/null 2>&1
import os, sys
from neo4j import GraphDatabase
host, port = sys.argv[1], sys.argv[2]
auth = (os.environ["NEO4J_USER"], os.environ["NEO4J_PASSWORD"])
with GraphDatabase.driver(f"bolt://{host}:{port}", auth=auth, connection_timeout=3) as d:
    with d.session() as s:
        assert s.run("RETURN 1 AS x").single()["x"] == 1
PYEOF
  else
    [ -f "$READY" ] && (exec 3<>"/dev/tcp/$HOST/$PORT") >/dev/null 2>&1
  fi
}
port_busy() { (exec 3<>"/dev/tcp/$HOST/$PORT") >/dev/null 2>&1; }
ours_alive() {
  [ -f "$PIDFILE" ] || return 1
  local pid; pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN"
}
report() {
  echo "NEO4J_URI=bolt://$HOST:$PORT"
  echo "NEO4J_USER=$NEO4J_USER"
  echo "NEO4J_PASSWORD=$NEO4J_PASSWORD"
}

# --- already running? ----------------------------------------------------------
if ours_alive; then
  if bolt_ok; then report; exit 0; fi
  if [ -f "$READY" ]; then
    fail "pid $(cat "$PIDFILE") is up but Bolt rejects $NEO4J_USER/\$NEO4J_PASSWORD (or the port differs); run stop.sh first"
  fi
  echo "neo4j start.sh: pid $(cat "$PIDFILE") running but not ready yet; waiting" >&2
else
  rm -f "$PIDFILE"
  if port_busy; then fail "port $HOST:$PORT is already in use by another process"; fi

  # --- build once (re-build when pom.xml or sources change) --------------------
  CLS="$DIR/target/classes/policygraph/ci/Launcher.class"
  STAMP="$DIR/target/lib/.complete"
  if [ ! -f "$CLS" ] || [ ! -f "$STAMP" ] || [ "$DIR/pom.xml" -nt "$STAMP" ] \
     || [ -n "$(find "$DIR/src" -newer "$STAMP" -type f 2>/dev/null | head -n1)" ]; then
    echo "neo4j start.sh: building launcher (mvn package) with $JAVA_HOME" >&2
    rm -rf "$DIR/target/lib"
    ( cd "$DIR" && mvn -q -B -Dmaven.repo.local="${NEO4J_M2_REPO:-${TMPDIR:-/tmp}/policygraph-m2}" package ) >"$RUN/build.log" 2>&1 \
      || { cat "$RUN/build.log" >&2; fail "maven build failed"; }
    touch "$STAMP"
  fi

  # --- launch --------------------------------------------------------------------
  mkdir -p "$RUN/home"
  rm -f "$READY"
  echo "==== $(date -Is) starting Neo4j on $HOST:$PORT (java: $JAVA_HOME) ====" >>"$LOG"
  cd "$RUN"
  NEO4J_HOME="$RUN/home" NEO4J_HOST="$HOST" NEO4J_PORT="$PORT" NEO4J_READY_FILE="$READY" nohup "$JAVA_HOME/bin/java" \
    -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -Dfile.encoding=UTF-8 -Dio.netty.tryReflectionSetAccessible=true \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
    --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    -cp "$DIR/target/classes:$DIR/target/lib/*" "$MAIN" </dev/null >>"$LOG" 2>&1 9>&- &
  echo $! >"$PIDFILE"
fi

# --- wait for Bolt -------------------------------------------------------------
deadline=$(( $(date +%s) + TIMEOUT ))
while :; do
  ours_alive || fail "Neo4j process exited during startup"
  if bolt_ok; then report; exit 0; fi
  [ "$(date +%s)" -lt "$deadline" ] || fail "Bolt did not answer on $HOST:$PORT within ${TIMEOUT}s (pid $(cat "$PIDFILE"))"
  sleep 1
done
