# Shared by flink-cluster.sh, flink.sh and kafka.sh: jar caches and PID-file helpers.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONDENSER_STATE="${CONDENSER_STATE:-$ROOT/.condenser}"
CONDENSER_CACHE="${CONDENSER_CACHE:-$HOME/.cache/condenser}"
JAVA="${JAVA:-java}"

die() { echo "$*" >&2; exit 1; }

# fetch_jars NAME POM: copies the jars of POM's dependencies into the cache once.
fetch_jars() {
  local name=$1 pom=$2 dir="$CONDENSER_CACHE/$1"
  if [ ! -f "$dir/.complete" ]; then
    mkdir -p "$dir"
    mvn -B -q ${MVN_OFFLINE:+-o} -f "$pom" dependency:copy-dependencies \
        -DoutputDirectory="$dir" -DincludeScope=runtime >&2 || die "could not fetch $name jars"
    touch "$dir/.complete"
  fi
  echo "$dir"
}

# running PIDFILE: true when the PID in the file is alive.
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid NAME PIDFILE: TERM, wait up to 30s, then KILL; only the PID we recorded.
stop_pid() {
  local name=$1 pidfile=$2 pid i
  if ! running "$pidfile"; then echo "$name: not running"; rm -f "$pidfile"; return 0; fi
  pid=$(cat "$pidfile")
  kill "$pid"
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  rm -f "$pidfile"
  echo "$name: stopped (pid $pid)"
}

# wait_http URL SECONDS: polls until URL answers 2xx.
wait_http() {
  local url=$1 secs=$2 i
  for i in $(seq 1 $((secs * 2))); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}

# java_opts CONF_DIR: the module flags from config.yaml's env.java.opts.all (one line).
java_opts() {
  grep -E '^env\.java\.opts\.all:' "$1/config.yaml" | sed -E 's/^[^:]*:[[:space:]]*//'
}
