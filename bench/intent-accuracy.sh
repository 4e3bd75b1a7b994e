#!/usr/bin/env bash
# Intent classifier accuracy on the labelled set (src/test/resources/intent/prompts.jsonl):
# overall, dev and holdout accuracy, a markdown confusion table and every miss.
# Environment (optional): MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/intent"
mkdir -p "$WORK/classes"
cd "$REPO_DIR"
mvn -q ${MVN_OFFLINE:-} test-compile
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="$REPO_DIR/target/classes:$REPO_DIR/target/test-classes:$(cat "$WORK/classpath.txt")"
javac -d "$WORK/classes" -cp "$CP" "$BENCH_DIR/intent/IntentAccuracy.java"
java -cp "$WORK/classes:$CP" IntentAccuracy
