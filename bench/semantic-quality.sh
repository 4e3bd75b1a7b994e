#!/usr/bin/env bash
# Semantic cache quality: precision and recall of the semantic tier's decision (cosine similarity
# of all-MiniLM-L6-v2 embeddings at or above the threshold, then the post-match check) on the
# labelled pairs in src/test/resources/cache/semantic-pairs.tsv, at the configured threshold
# (CacheDefaults.SIMILARITY_THRESHOLD) and over thresholds 0.50-0.98. Prints markdown tables;
# exits 1 unless precision >= 0.95 with recall >= 0.7 (held-out half and all pairs, with the check).
#
# Usage: bench/semantic-quality.sh [threshold] [--errors]   (MVN_OFFLINE=-o to build offline)
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/cache"
mkdir -p "$WORK"
cd "$REPO_DIR"
mvn -q ${MVN_OFFLINE:-} test-compile
mvn -q ${MVN_OFFLINE:-} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
THRESHOLD=${1:-$(grep -oP 'SIMILARITY_THRESHOLD = \K[0-9.]+' \
  src/main/java/ai/hyperion/cache/CacheDefaults.java)}
java -cp "target/test-classes:target/classes:$(cat "$WORK/classpath.txt")" \
  ai.hyperion.cache.SemanticQuality "$THRESHOLD" "${@:2}" 2> >(grep -v -e SLF4J -e '^INFO' -e 'MiniLmEmbedder' >&2)
