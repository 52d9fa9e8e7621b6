#!/usr/bin/env bash
# The Flink CLI against the local cluster: scripts/flink.sh run|stop|cancel|list|savepoint ...
# e.g. scripts/flink.sh run -d jobs/target/condenser-jobs.jar ...
#      scripts/flink.sh stop --savepointPath file:///tmp/condenser/savepoints JOB_ID
# FLINK_CONF_DIR must be set for CliFrontend (without it, it exits 31 without a word).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
export FLINK_CONF_DIR="${FLINK_CONF_DIR:-$ROOT/flink-conf}"
lib=$(fetch_jars flink-2.2.1 "$ROOT/scripts/flink-dist/pom.xml")
# shellcheck disable=SC2046
exec "$JAVA" $(java_opts "$FLINK_CONF_DIR") -Dlog4j.configurationFile="$ROOT/scripts/log4j-cli.properties" -cp "$lib/*" \
  org.apache.flink.client.cli.CliFrontend "$@"
