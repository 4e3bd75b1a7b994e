#!/usr/bin/env bash
# What the request log and the usage ledger cost each embedded database: one request-log row and
# one ledger row a request, in JDBC batches of one transaction each (as the gateway's writers),
# into the schema the migrations create; one thread, after 10 s of warm-up. A markdown row per
# database: microseconds of wall time a row pair. Derby gets the page cache of jvm.options.
# Environment (optional): MEASURE_SECONDS=30  BATCH=200  DATABASES="derby h2"  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/database"
rm -rf "$WORK" && mkdir -p "$WORK/classes"
cd "$REPO_DIR"
mvn -q ${MVN_OFFLINE:-} compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath"
CP="$REPO_DIR/target/classes:$(cat "$WORK/classpath")"
javac -d "$WORK/classes" -cp "$CP" "$BENCH_DIR/database/RowPairInsert.java"
PAGES=$(sed -n 's/^-Dderby.storage.pageCacheSize=//p' "$REPO_DIR/src/main/liberty/config/jvm.options")
echo "| database | rows a batch | row pairs measured | µs a row pair |"
echo "|---|---:|---:|---:|"
for db in ${DATABASES:-derby h2}; do
  java -Xmx768m -XX:+UseParallelGC -Dderby.storage.pageCacheSize="$PAGES" \
    -Dderby.stream.error.file="$WORK/derby.log" -cp "$WORK/classes:$CP" \
    RowPairInsert "$db" "$WORK/$db" "${MEASURE_SECONDS:-30}" "${BATCH:-200}"
done
