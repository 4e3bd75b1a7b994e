#!/usr/bin/env bash
# The routing stage's added time with intent classification on, from Server-Timing (route;dur=):
# builds this repo, starts its server on 127.0.0.1:${HYPERION_PORT:-18580} with a random bootstrap
# key and one OpenAI-compatible upstream (FakeInferenceServer from the test classes, a separate JVM
# answering recorded bytes at once), sends the 164 labelled prompts of
# src/test/resources/intent/prompts.jsonl cycling, one at a time, and prints p50/p90/p99. Stops
# both processes on exit.
#
# Environment (optional): BENCH_WARMUP=1000  BENCH_REQUESTS=3000  HYPERION_PORT=18580
#                         UPSTREAM_PORT=18581  MVN_OFFLINE=-o  HYPERION_READY_TIMEOUT=900 (s)
#                         BENCH_BUILD=skip (reuse target/ from an earlier run)
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
WORK="$BENCH_DIR/.work/routing"
PORT=${HYPERION_PORT:-18580}
UPSTREAM_PORT=${UPSTREAM_PORT:-18581}
URL="http://127.0.0.1:$PORT"
KEY="hk-RouteBnch_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SERVER="$REPO_DIR/target/liberty/wlp/usr/servers/hyperion"
mkdir -p "$WORK"

[[ ${BENCH_BUILD:-} == skip ]] || (cd "$REPO_DIR" && mvn -q ${MVN_OFFLINE:-} -DskipTests test-compile package liberty:create \
  liberty:deploy -Dhttp.port="$PORT" -Dhttps.port="$((PORT + 1))")

cat >"$WORK/gateway.yaml" <<YAML
# Written by bench/route-timing.sh: one OpenAI-compatible upstream (FakeInferenceServer).
providers:
  upstream: {type: openai, base-url: "http://127.0.0.1:$UPSTREAM_PORT/v1", api-keys: ["bench-key"]}
models:
  - {id: gpt-4o-mini, provider: upstream, upstream-model: gpt-4o-mini,
     capabilities: [chat, stream, tools, json], context-window: 128000}
YAML
printf 'http.host=127.0.0.1\n' >>"$SERVER/bootstrap.properties"
cat >"$SERVER/server.env" <<ENV
HYPERION_BOOTSTRAP_KEY=$KEY
HYPERION_CONFIG_PATH=$WORK/gateway.yaml
HYPERION_DEDICATED_HUB_URL=none
ENV

java -cp "$REPO_DIR/target/test-classes" ai.hyperion.testing.FakeInferenceServer \
  --model gpt-4o-mini --port "$UPSTREAM_PORT" >"$WORK/upstream.log" 2>&1 &
UPSTREAM_PID=$!
trap 'kill "$UPSTREAM_PID" 2>/dev/null; "$REPO_DIR/target/liberty/wlp/bin/server" stop hyperion >/dev/null' EXIT
"$REPO_DIR/target/liberty/wlp/bin/server" start hyperion >/dev/null
ready=0
for _ in $(seq 1 "${HYPERION_READY_TIMEOUT:-900}"); do
  if curl -fsS -o /dev/null -H "Authorization: Bearer $KEY" "$URL/v1/models" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 1
done
[[ $ready == 1 ]] || { echo "gateway not ready after ${HYPERION_READY_TIMEOUT:-900} s" >&2; exit 1; }
java "$BENCH_DIR/routing/RouteTiming.java" "$URL" "$KEY" gpt-4o-mini "${BENCH_WARMUP:-1000}" \
  "${BENCH_REQUESTS:-3000}" "$REPO_DIR/src/test/resources/intent/prompts.jsonl"
