#!/usr/bin/env bash
# Upstream client latency at concurrency 1, outside the gateway: the time from sending a streamed
# chat request to the response headers and to the first body byte, one request at a time on one
# kept-alive connection, against the Python TTFB upstream of stream.sh (headers and the role chunk
# at once). Three clients: a raw blocking socket (what the upstream itself costs), the JDK
# HttpClient (also with executor Runnable::run) and Netty's HTTP codec on one event loop (the
# gateway's provider/NettyHttpClient builds on it). Netty comes from the project's own dependencies.
#
# Environment: REQUESTS (2000 per round), ROUNDS (3; the last is the warmest), PORT (19202).
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
REQUESTS=${REQUESTS:-2000}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-19202}
WORK="$BENCH_DIR/.work/client-latency"
mkdir -p "$WORK"

(cd "$REPO_DIR" && mvn -B -ntp -q dependency:build-classpath -DincludeGroupIds=io.netty \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null)
CP=$(cat "$WORK/classpath.txt")
javac -d "$WORK/classes" -cp "$CP" "$BENCH_DIR/client-latency/ClientLatency.java"

python3 "$BENCH_DIR/stream-upstream.py" --port "$PORT" --interval 0.001 --chunks 1 \
  >"$WORK/upstream.log" 2>&1 &
UPSTREAM=$!
trap 'kill $UPSTREAM 2>/dev/null' EXIT
for _ in $(seq 1 50); do
  (echo >/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break
  sleep 0.1
done
for mode in raw jdk jdk-direct netty; do
  java -cp "$WORK/classes:$CP" ClientLatency "$mode" "$PORT" "$REQUESTS" "$ROUNDS"
done
