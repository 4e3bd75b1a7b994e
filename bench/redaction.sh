#!/usr/bin/env bash
# PII stage micro-benchmark: masking, block-mode scanning, log redaction and answer/stream
# restoration on the canonical chat records, per request, after JIT warm-up. Builds the main
# classes, compiles bench/pii/RedactionBench.java against them, prints a markdown table
# (µs per request: p50/p90/p99/p99.9). In-JVM only: no server, no network.
#
# Environment (optional): BENCH_WARMUP=20000  BENCH_CALLS=50000  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/pii"
mkdir -p "$WORK/classes"
cd "$REPO_DIR"
mvn -q ${MVN_OFFLINE:-} compile
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile="$WORK/classpath-compile.txt" >/dev/null
CP="$REPO_DIR/target/classes:$(cat "$WORK/classpath.txt"):$(cat "$WORK/classpath-compile.txt")"
javac -d "$WORK/classes" -cp "$CP" "$BENCH_DIR/pii/RedactionBench.java"
java -Xms256m -Xmx256m -Dbench.warmup="${BENCH_WARMUP:-20000}" -Dbench.calls="${BENCH_CALLS:-50000}" \
  -cp "$WORK/classes:$CP" RedactionBench
