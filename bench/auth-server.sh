#!/usr/bin/env bash
# The auth stage as a running gateway reports it (Server-Timing auth;dur) over many warm requests.
# With HYPERION_URL and HYPERION_KEY set, measures that gateway. Otherwise builds this repo, starts
# its server on 127.0.0.1:${HYPERION_PORT:-18380} with a random bootstrap key, measures, and
# stops the server on exit.
#
# Environment (optional): AUTH_CALLS=20000  AUTH_WARMUP=20000  HYPERION_PORT=18380  MVN_OFFLINE=-o
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
CALLS=${AUTH_CALLS:-20000}
WARMUP=${AUTH_WARMUP:-20000}

if [[ -z "${HYPERION_URL:-}" ]]; then
  PORT=${HYPERION_PORT:-18380}
  HYPERION_URL="http://127.0.0.1:$PORT"
  HYPERION_KEY="hk-AuthBnch_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  SERVER="$REPO_DIR/target/liberty/wlp/usr/servers/hyperion"
  (cd "$REPO_DIR" && mvn -q ${MVN_OFFLINE:-} -DskipTests package liberty:create liberty:deploy \
    -Dhttp.port="$PORT" -Dhttps.port="$((PORT + 1))")
  printf 'http.host=127.0.0.1\n' >>"$SERVER/bootstrap.properties"
  printf 'HYPERION_BOOTSTRAP_KEY=%s\n' "$HYPERION_KEY" >"$SERVER/server.env"
  trap '"$REPO_DIR/target/liberty/wlp/bin/server" stop hyperion >/dev/null' EXIT
  "$REPO_DIR/target/liberty/wlp/bin/server" start hyperion >/dev/null
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null -H "Authorization: Bearer $HYPERION_KEY" "$HYPERION_URL/v1/models"; then break; fi
    sleep 0.5
  done
fi
java "$BENCH_DIR/auth/AuthStageTiming.java" "$HYPERION_URL" "$HYPERION_KEY" "$CALLS" "$WARMUP"
