#!/usr/bin/env bash
# Semantic cache tier: the embedding model's load time and memory (heap and RSS), L2 lookup
# latency through ResponseCache including the embedding (exact miss, embed on the embedder's
# thread, HNSW search, post-match check, answer read) over N indexed entries, and warm L1 hits.
# In-JVM, one embedded Hazelcast member on 127.0.0.1. Prints markdown tables.
#
# Environment (optional): BENCH_ENTRIES=2000  BENCH_LOOKUPS=2000  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/cache-semantic"
mkdir -p "$WORK/classes"
cd "$REPO_DIR"
mvn -q ${MVN_OFFLINE:-} compile
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile="$WORK/classpath-compile.txt" >/dev/null
CP="$REPO_DIR/target/classes:$(cat "$WORK/classpath.txt"):$(cat "$WORK/classpath-compile.txt")"
javac -d "$WORK/classes" -cp "$CP" "$BENCH_DIR/cache/SemanticLookupBench.java"
java -Xms512m -Xmx512m \
  -Dbench.entries="${BENCH_ENTRIES:-2000}" -Dbench.lookups="${BENCH_LOOKUPS:-2000}" \
  --add-modules=java.se --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.management/sun.management=ALL-UNNAMED --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED \
  -cp "$WORK/classes:$CP" SemanticLookupBench 2>"$WORK/stderr.log"
