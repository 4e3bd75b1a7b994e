#!/usr/bin/env bash
# Auth stage micro-benchmark: DatabaseApiKeyVerifier.verify() with a warm Hazelcast near-cache.
# Builds the main classes, compiles bench/auth/AuthVerifyBench.java against them and prints a
# markdown table (p50/p90/p99/p99.9/max per call). In-JVM only: no server, no network but the
# embedded Hazelcast member on 127.0.0.1.
#
# Environment (optional): BENCH_KEYS=10000  BENCH_WARMUP=500000  BENCH_CALLS=1000000  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/auth"
mkdir -p "$WORK/classes"
cd "$REPO_DIR"
mvn -q ${MVN_OFFLINE:-} compile
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile="$WORK/classpath-compile.txt" >/dev/null
CP="$REPO_DIR/target/classes:$(cat "$WORK/classpath.txt"):$(cat "$WORK/classpath-compile.txt")"
javac -d "$WORK/classes" -cp "$CP" "$BENCH_DIR/auth/AuthVerifyBench.java"
java -Xms512m -Xmx512m \
  -Dbench.keys="${BENCH_KEYS:-10000}" -Dbench.warmup="${BENCH_WARMUP:-500000}" -Dbench.calls="${BENCH_CALLS:-1000000}" \
  --add-modules=java.se --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.management/sun.management=ALL-UNNAMED --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED \
  -cp "$WORK/classes:$CP" AuthVerifyBench 2>"$WORK/hazelcast.log"
