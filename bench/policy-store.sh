#!/usr/bin/env bash
# Policy store micro-benchmark: PolicyEngine reserve+settle on the in-process store and on Redis
# (127.0.0.1:6379 unless BENCH_REDIS is set; keys under a random prefix, deleted afterwards).
# Prints a markdown table: latency at concurrency 1 (p50/p99 of admit + settle) and throughput and
# latency with 100 threads looping admit -> settle. In-JVM: no server.
#
# Environment (optional): BENCH_CALLS=20000  BENCH_SECONDS=10  BENCH_REDIS=redis://127.0.0.1:6379  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/policy"
mkdir -p "$WORK/classes"
cd "$REPO_DIR"
mvn -q ${MVN_OFFLINE:-} compile
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile="$WORK/classpath-compile.txt" >/dev/null
CP="$REPO_DIR/target/classes:$(cat "$WORK/classpath.txt"):$(cat "$WORK/classpath-compile.txt")"
javac -d "$WORK/classes" -cp "$CP" "$BENCH_DIR/policy/PolicyStoreBench.java"
java -Xms512m -Xmx1g \
  -Dbench.calls="${BENCH_CALLS:-20000}" -Dbench.seconds="${BENCH_SECONDS:-10}" \
  -Dbench.redis="${BENCH_REDIS:-redis://127.0.0.1:6379}" \
  -cp "$WORK/classes:$CP" PolicyStoreBench 2>"$WORK/stderr.log"
