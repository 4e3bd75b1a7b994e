#!/usr/bin/env bash
# Wake-up latency of a sleeping dedicated endpoint (local platform, the server's default monitor
# settings): DedicatedEndpoints.resolve() on a sleeping endpoint -> its server's first answer.
# The server is FakeInferenceServer (a JVM started as a separate process), so the figure is the
# gateway's part plus one JVM start, not a model load. Embedded Derby and GreenMail, all on
# 127.0.0.1. Prints a markdown table.
#
# Environment (optional): BENCH_CYCLES=5  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/dedicated"
mkdir -p "$WORK"
cd "$REPO_DIR"
mvn -q ${MVN_OFFLINE:-} test-compile
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="$REPO_DIR/target/test-classes:$REPO_DIR/target/classes:$(cat "$WORK/classpath.txt")"
LOG_FORMAT='%1$tT.%1$tL %3$s %5$s%n'
java -Xmx512m "-Djava.util.logging.SimpleFormatter.format=$LOG_FORMAT" -Dderby.stream.error.file="$WORK/derby.log" -Dbench.cycles="${BENCH_CYCLES:-5}" \
  -cp "$CP" ai.hyperion.dedicated.WakeLatencyBench 2>"$WORK/bench.log"
