#!/usr/bin/env bash
# A local Flink 2.2 standalone session cluster (one JobManager, one TaskManager) from the Maven
# jars, configured by flink-conf/config.yaml. Web UI and REST API: http://127.0.0.1:8081.
#   scripts/flink-cluster.sh start|stop|status
# Env: CONDENSER_STATE (PID files, logs; default ./.condenser), FLINK_CONF_DIR (default
# ./flink-conf), CONDENSER_CACHE (jar cache; default ~/.cache/condenser), MVN_OFFLINE=1.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

CONF="${FLINK_CONF_DIR:-$ROOT/flink-conf}"
STATE="$CONDENSER_STATE/flink"
JM_PID="$STATE/jobmanager.pid"
TM_PID="$STATE/taskmanager.pid"
REST="http://127.0.0.1:${FLINK_REST_PORT:-8081}"

classpath() { local lib; lib=$(fetch_jars flink-2.2.1 "$ROOT/scripts/flink-dist/pom.xml"); echo "$lib/*"; }

log_opts() {
  # Flink's own log4j setup: one file per process under the state dir.
  echo "-Dlog.file=$STATE/log/$1.log -Dlog4j.configurationFile=$ROOT/scripts/log4j-cluster.properties"
}

start() {
  mkdir -p "$STATE/log"
  local cp; cp=$(classpath)
  if running "$JM_PID"; then echo "jobmanager: already running (pid $(cat "$JM_PID"))"; else
    # shellcheck disable=SC2046
    nohup "$JAVA" -Xmx768m $(java_opts "$CONF") $(log_opts jobmanager) -cp "$cp" \
      org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$CONF" \
      >"$STATE/log/jobmanager.out" 2>&1 &
    echo $! >"$JM_PID"
    echo "jobmanager: started (pid $!)"
  fi
  if running "$TM_PID"; then echo "taskmanager: already running (pid $(cat "$TM_PID"))"; else
    # The TaskManager's memory flags come from Flink's own calculation over config.yaml, as
    # bin/taskmanager.sh does it: the last two lines are the JVM flags and the -D properties.
    local params jvm dyn
    params=$("$JAVA" -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils \
      GET_TM_RESOURCE_PARAMS --configDir "$CONF" 2>/dev/null | grep -E '^(BASH_JAVA_UTILS_EXEC_RESULT:)' | tail -2)
    jvm=$(echo "$params" | head -1 | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')
    dyn=$(echo "$params" | tail -1 | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')
    [ -n "$jvm" ] || die "BashJavaUtils printed no TaskManager resource flags"
    # shellcheck disable=SC2086
    nohup "$JAVA" $jvm $(java_opts "$CONF") $(log_opts taskmanager) -cp "$cp" \
      org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CONF" $dyn \
      >"$STATE/log/taskmanager.out" 2>&1 &
    echo $! >"$TM_PID"
    echo "taskmanager: started (pid $!)"
  fi
  wait_http "$REST/overview" 120 || die "no REST API at $REST after 120s; see $STATE/log"
  # Wait for the TaskManager's slots so a submit right after start finds them.
  local i
  for i in $(seq 1 120); do
    curl -fsS "$REST/overview" | grep -q '"slots-total":[1-9]' && { echo "cluster: up at $REST"; return 0; }
    sleep 0.5
  done
  die "TaskManager did not register; see $STATE/log"
}

status() {
  local rc=0
  for n in jobmanager taskmanager; do
    if running "$STATE/$n.pid"; then echo "$n: running (pid $(cat "$STATE/$n.pid"))"; else echo "$n: stopped"; rc=3; fi
  done
  curl -fsS "$REST/overview" 2>/dev/null && echo || true
  return $rc
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid taskmanager "$TM_PID"; stop_pid jobmanager "$JM_PID" ;;
  status) status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
