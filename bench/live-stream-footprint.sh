#!/usr/bin/env bash
# Heap the live registry (GET /v1/requests/{id}) keeps for streams in flight that nobody follows:
# a markdown row per answer length, bytes a chunk and KB a stream (4-character text deltas).
# Environment (optional): STREAMS=1000  CHUNKS="60 1000"  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/footprint"
mkdir -p "$WORK/classes"
cd "$REPO_DIR"
mvn -q ${MVN_OFFLINE:-} compile
javac -d "$WORK/classes" -cp "$REPO_DIR/target/classes" "$BENCH_DIR/footprint/LiveStreamFootprint.java"
echo "| streams | chunks a stream | bytes a chunk | KB a stream |"
echo "|---:|---:|---:|---:|"
for chunks in ${CHUNKS:-60 1000}; do
  java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$WORK/classes:$REPO_DIR/target/classes" \
    LiveStreamFootprint "${STREAMS:-1000}" "$chunks"
done
