#!/usr/bin/env bash
# Wake-up latency of a sleeping dedicated endpoint through a running gateway's data path: a chat
# request to /api/d/<id>/chat/completions arrives for a sleeping endpoint -> the first byte of its
# answer (streamed and not), on the local platform with the server's default dedicated settings
# (monitor sweep 5 s, probe interval 1 s, wake wait 30 s). The endpoint's server is
# FakeInferenceServer from the test classes (a JVM started as a separate process), so the figure is
# the gateway's part plus one JVM start, not a model load. Builds this repo, starts its server on
# 127.0.0.1:${HYPERION_PORT:-18480} with a random bootstrap key, and stops it on exit.
# Prints a markdown table.
#
# Environment (optional): BENCH_CYCLES=10  HYPERION_PORT=18480  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/dedicated"
PORT=${HYPERION_PORT:-18480}
URL="http://127.0.0.1:$PORT"
KEY="hk-WakeBnch_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SERVER="$REPO_DIR/target/liberty/wlp/usr/servers/hyperion"
mkdir -p "$WORK"

(cd "$REPO_DIR" && mvn -q ${MVN_OFFLINE:-} -DskipTests package liberty:create liberty:deploy \
  -Dhttp.port="$PORT" -Dhttps.port="$((PORT + 1))")

cat >"$WORK/gateway.yaml" <<YAML
# Written by bench/dedicated-wake.sh: one shared provider (unused) and dedicated endpoints on the
# local platform, each a FakeInferenceServer process.
providers:
  openai: {type: openai, base-url: "http://127.0.0.1:9/v1", api-keys: ["bench-unused"]}
models:
  - {id: gpt-4o-mini, provider: openai}
dedicated:
  platform: local
  hardware:
    - {id: l4-24gb, gpu: nvidia-l4, memory-gb: 24, gpus-per-node: 1, price-per-hour: 0.80}
  local:
    command: ["\${java.home}/bin/java", -Xmx32m, -XX:TieredStopAtLevel=1, -cp, "$REPO_DIR/target/test-classes",
              ai.hyperion.testing.FakeInferenceServer, --model, "{model}", --port, "{port}"]
    health-path: /health
YAML
printf 'http.host=127.0.0.1\n' >>"$SERVER/bootstrap.properties"
cat >"$SERVER/server.env" <<ENV
HYPERION_BOOTSTRAP_KEY=$KEY
HYPERION_CONFIG_PATH=$WORK/gateway.yaml
HYPERION_DEDICATED_HUB_URL=none
ENV
trap '"$REPO_DIR/target/liberty/wlp/bin/server" stop hyperion >/dev/null' EXIT
"$REPO_DIR/target/liberty/wlp/bin/server" start hyperion >/dev/null
for _ in $(seq 1 240); do
  if curl -fsS -o /dev/null -H "Authorization: Bearer $KEY" "$URL/v1/models" 2>/dev/null; then break; fi
  sleep 0.5
done
java "$BENCH_DIR/dedicated/WakeTiming.java" "$URL" "$KEY" "${BENCH_CYCLES:-10}" 2>"$WORK/cycles.log"
