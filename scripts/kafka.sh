#!/usr/bin/env bash
# A local single-node KRaft Kafka 4.2 broker (combined controller+broker) as its own JVM, from
# the Maven jars: scripts/kafka.sh start|stop|status
# Env: KAFKA_PORT (default 9092), KAFKA_CONTROLLER_PORT (default 9093), CONDENSER_STATE,
# CONDENSER_CACHE, MVN_OFFLINE=1. Listens on 127.0.0.1 only.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

STATE="$CONDENSER_STATE/kafka"
PID="$STATE/kafka.pid"
PORT="${KAFKA_PORT:-9092}"
CPORT="${KAFKA_CONTROLLER_PORT:-9093}"

start() {
  if running "$PID"; then echo "kafka: already running (pid $(cat "$PID"))"; return 0; fi
  mkdir -p "$STATE/log" "$STATE/data"
  local lib; lib=$(fetch_jars kafka-4.2.0 "$ROOT/scripts/kafka-dist/pom.xml")
  cat >"$STATE/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$STATE/data
num.partitions=2
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  if [ ! -f "$STATE/data/meta.properties" ]; then
    "$JAVA" -cp "$lib/*" -Dlog4j2.level=WARN kafka.tools.StorageTool format --standalone \
      -t "$("$JAVA" -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
      -c "$STATE/server.properties" >"$STATE/log/format.out" 2>&1 || die "storage format failed: $STATE/log/format.out"
  fi
  : >"$STATE/log/kafka.log"
  nohup "$JAVA" -Xmx512m -cp "$lib/*" -Dkafka.logs.dir="$STATE/log" -Dlog.file="$STATE/log/kafka.log" \
    -Dlog4j2.configurationFile="$ROOT/scripts/log4j-cluster.properties" kafka.Kafka "$STATE/server.properties" \
    >"$STATE/log/kafka.out" 2>&1 &
  echo $! >"$PID"
  local i
  for i in $(seq 1 120); do
    if grep -q "Kafka Server started" "$STATE/log/kafka.log" 2>/dev/null; then
      echo "kafka: started (pid $(cat "$PID")) on 127.0.0.1:$PORT"; return 0
    fi
    running "$PID" || die "kafka exited; see $STATE/log"
    sleep 0.5
  done
  die "kafka did not start in 60s; see $STATE/log/kafka.out"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid kafka "$PID" ;;
  status) if running "$PID"; then echo "kafka: running (pid $(cat "$PID"))"; else echo "kafka: stopped"; exit 3; fi ;;
  *) die "usage: $0 start|stop|status" ;;
esac
