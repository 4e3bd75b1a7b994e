#!/usr/bin/env bash
# JMH micro-benchmarks of Hyperion's own per-request work (src/jmh/java, Maven profile `jmh`).
# Usage: bench/jmh.sh [JMH options]   e.g. bench/jmh.sh -prof gc Pipeline
# Defaults (from the annotations): 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement.
# JMH_BUILD=skip reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${JMH_BUILD:-}" != skip ]]; then
  mvn -B -q -ntp -Pjmh test-compile
fi
if [[ ! -f target/jmh-classpath.txt || ! -f target/test-classes/META-INF/BenchmarkList ]]; then
  echo "no benchmarks compiled: run without JMH_BUILD=skip" >&2
  exit 1
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
exec java -cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" \
  org.openjdk.jmh.Main "$@"
