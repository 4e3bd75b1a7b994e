#!/usr/bin/env bash
# Cost per request of the intent classifier and of the whole route plan, in one JVM thread after
# warm-up, over the labelled prompts (src/test/resources/intent): a markdown table of percentiles.
# Environment (optional): BENCH_WARMUP=50000  BENCH_CALLS=200000  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/intent"
mkdir -p "$WORK/classes"
cd "$REPO_DIR"
mvn -q ${MVN_OFFLINE:-} test-compile
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="$REPO_DIR/target/classes:$REPO_DIR/target/test-classes:$(cat "$WORK/classpath.txt")"
javac -d "$WORK/classes" -cp "$CP" "$BENCH_DIR/intent/IntentCost.java"
java -Xms256m -Xmx256m -Dbench.warmup="${BENCH_WARMUP:-50000}" -Dbench.calls="${BENCH_CALLS:-200000}" \
  -cp "$WORK/classes:$CP" IntentCost
