#!/usr/bin/env bash
# Streaming bench: how many concurrent SSE streams one gateway holds, and the time-to-first-byte
# the gateway adds. Loopback only; every process it starts is stopped on exit.
#
#   1. hold: a fake upstream emits one chunk per second per stream; the client opens STREAMS
#      streams through the gateway (ramped over RAMP s) and keeps each open until its upstream
#      ends. Each stream lasts RAMP + STREAM_SECONDS chunks, so all STREAMS are open at once for
#      STREAM_SECONDS s (from the end of the ramp). During that window the script samples the
#      gateway JVM's RSS, heap in use (jstat), thread count, open files and the established
#      connections client->gateway and gateway->upstream; the client reports completed streams,
#      errors (and their kinds) and the p50/p99/max delay between the upstream emitting a chunk and
#      the client receiving it.
#   2. ttfb: at concurrency 1 and 100, time to the first SSE event, direct to the upstream and
#      through the gateway (the upstream sends its role chunk at once); each stream is then read
#      to its end, as an SDK reads it (TTFB_DROP=1: the client closes the connection at the first
#      event instead, so the gateway treats every stream as a disconnect, drains and keeps it).
#      STREAMS=0 skips the hold and measures only this, on a gateway that holds nothing else.
#
# Environment: STREAMS (1000), STREAM_SECONDS (60), RAMP (10 s, STREAMS/300 s above 3000),
#   WORKERS (Python processes for the client and for the upstream each: 1, 4 from 4000 streams),
#   FDS (open-file limit for everything started here: 65536), TTFB_REQUESTS (300), TTFB_DROP (0),
#   TTFB_WIRE (0; 1: also time the c=1 streams' steps on the wire with tcpdump, needs root),
#   WARMUP_REQUESTS (2000, at concurrency 20, before anything is measured; then more, 2000 at a
#   time, until the JIT's C2 compiler is quiet (bench/jit.sh) or WARMUP_MAX (300) seconds in all),
#   HYPERION_WLP (target/liberty/wlp, built with
#   `mvn -DskipTests package liberty:create liberty:deploy`), GATEWAY_PORT (19100),
#   UPSTREAM_PORT (19101), TTFB_UPSTREAM_PORT (19102), UPSTREAM_HTTP (2: the hold upstream speaks
#   HTTP/2 over TLS with a certificate made here, as the providers' APIs do, and the gateway
#   multiplexes its streams over a few connections; 1: plain HTTP/1.1, a connection per stream),
#   H2_MAX_STREAMS (1000: concurrent streams the upstream allows a connection), PYTHON_H2 (the
#   Python with the h2 package for UPSTREAM_HTTP=2: /usr/bin/python3, Debian's python3-h2),
#   UPSTREAM_CLIENT (netty: the gateway's default upstream client; jdk: the JDK's client; both take
#   HTTP/2 when the TLS upstream offers it; written to the server's hyperion.upstream.http-client),
#   UPSTREAM_H2 (true; false: the server's hyperion.upstream.http2, which keeps the Netty client
#   on HTTP/1.1, a connection per stream).
# Over HTTP/1.1, 10,000 streams need ~20,000 sockets in the gateway (one to the client, one to
# the upstream each) and 10,000 in each Python side: the script raises the open-file limit first
# (root can raise the hard limit; otherwise up to the hard limit it has). Over HTTP/2 the
# upstream side takes a few sockets.
# The machine's load average is printed beside every figure: on a shared machine they move.
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=jit.sh
source "$BENCH_DIR/jit.sh"
REPO_DIR=$(dirname "$BENCH_DIR")
STREAMS=${STREAMS:-1000}
STREAM_SECONDS=${STREAM_SECONDS:-60}
RAMP=${RAMP:-$((STREAMS > 3000 ? STREAMS / 300 : 10))}
WORKERS=${WORKERS:-$((STREAMS >= 4000 ? 4 : 1))}
FDS=${FDS:-65536}
TTFB_REQUESTS=${TTFB_REQUESTS:-300}
TTFB_DROP=${TTFB_DROP:-0}
TTFB_WIRE=${TTFB_WIRE:-0}
WARMUP_REQUESTS=${WARMUP_REQUESTS:-2000}
WARMUP_MAX=${WARMUP_MAX:-300}
WLP=${HYPERION_WLP:-$REPO_DIR/target/liberty/wlp}
GATEWAY_PORT=${GATEWAY_PORT:-19100}
UPSTREAM_PORT=${UPSTREAM_PORT:-19101}
TTFB_UPSTREAM_PORT=${TTFB_UPSTREAM_PORT:-19102}
UPSTREAM_HTTP=${UPSTREAM_HTTP:-2}
H2_MAX_STREAMS=${H2_MAX_STREAMS:-1000}
UPSTREAM_CLIENT=${UPSTREAM_CLIENT:-netty}
UPSTREAM_H2=${UPSTREAM_H2:-true}
PYTHON_H2=${PYTHON_H2:-/usr/bin/python3}
WORK="$BENCH_DIR/.work/stream"
SERVER="$WLP/usr/servers/hyperion"
KEY="hk-bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$WORK"

log() { printf '[stream %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# The gateway (started below, it inherits the limit), the upstream and the client.
ulimit -n "$FDS" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
SOCKETS_PER_STREAM=2
[[ $UPSTREAM_HTTP == 2 && ($UPSTREAM_CLIENT == jdk || $UPSTREAM_H2 == true) ]] && SOCKETS_PER_STREAM=1
if (($(ulimit -n) < SOCKETS_PER_STREAM * STREAMS + 400)); then
  log "WARNING: open-file limit $(ulimit -n) (hard $(ulimit -Hn), raising it needs CAP_SYS_RESOURCE):" \
    "the gateway holds $SOCKETS_PER_STREAM socket(s) per stream plus ~300 files, so at most" \
    "$((($(ulimit -n) - 400) / SOCKETS_PER_STREAM)) streams fit; more fail for want of file descriptors"
fi
PIDS=()
cleanup() {
  set +e
  "$WLP/bin/server" stop hyperion >/dev/null 2>&1
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ -x $WLP/bin/server ]] || { log "no Liberty at $WLP: build first"; exit 1; }
HOLD_UPSTREAM=(python3 "$BENCH_DIR/stream-upstream.py")
HOLD_SCHEME=http
if ((UPSTREAM_HTTP == 2)); then
  # A certificate for 127.0.0.1, trusted by the gateway's JVM (JVM_ARGS, read by bin/server).
  rm -f "$WORK"/upstream-*.pem "$WORK/upstream-trust.p12"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$WORK/upstream-key.pem" -out "$WORK/upstream-cert.pem" 2>/dev/null
  keytool -importcert -noprompt -alias bench-upstream -file "$WORK/upstream-cert.pem" \
    -keystore "$WORK/upstream-trust.p12" -storetype PKCS12 -storepass bench-trust >/dev/null 2>&1
  export JVM_ARGS="${JVM_ARGS:-} -Djavax.net.ssl.trustStore=$WORK/upstream-trust.p12"
  JVM_ARGS+=" -Djavax.net.ssl.trustStorePassword=bench-trust -Djavax.net.ssl.trustStoreType=PKCS12"
  if ! "$PYTHON_H2" -c 'import h2' 2>/dev/null; then
    log "installing Debian's python3-h2 for the HTTP/2 upstream"
    SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-h2
    "$PYTHON_H2" -c 'import h2' || { log "$PYTHON_H2 cannot import h2"; exit 1; }
  fi
  HOLD_UPSTREAM=("$PYTHON_H2" "$BENCH_DIR/stream-upstream.py" --tls-cert "$WORK/upstream-cert.pem"
    --tls-key "$WORK/upstream-key.pem" --h2-max-streams "$H2_MAX_STREAMS")
  HOLD_SCHEME=https
fi
"${HOLD_UPSTREAM[@]}" --port "$UPSTREAM_PORT" --interval 1 \
  --chunks $((STREAM_SECONDS + ${RAMP%.*})) --workers "$WORKERS" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
python3 "$BENCH_DIR/stream-upstream.py" --port "$TTFB_UPSTREAM_PORT" --interval 0.001 \
  --chunks 1 >"$WORK/upstream-ttfb.log" 2>&1 &
PIDS+=($!)

cat >"$WORK/gateway.yaml" <<EOF
providers:
  hold:
    type: openai
    base-url: $HOLD_SCHEME://127.0.0.1:$UPSTREAM_PORT/v1
    api-keys: ["bench-upstream-key"]
    timeout-seconds: 600
    # The fake upstream is Python on the same (shared) cores: accepting thousands of connections
    # a second it can fall behind. Give connects time and keep the breaker from turning its slow
    # accepts into 503s for the rest of the run (the bench measures the gateway holding streams).
    connect-timeout-seconds: 60
    breaker: {failure-threshold: 10000, failure-ratio: 1.0, window: 10000, open-seconds: 1, half-open-probes: 1}
  quick:
    type: openai
    base-url: http://127.0.0.1:$TTFB_UPSTREAM_PORT/v1
    api-keys: ["bench-upstream-key"]
models:
  - {id: hold-model, provider: hold, upstream-model: gpt-4o-mini, input-price: 0.15, output-price: 0.6}
  - {id: quick-model, provider: quick, upstream-model: gpt-4o-mini, input-price: 0.15, output-price: 0.6}
EOF
printf 'http.port=%s\nhttps.port=%s\nhttp.host=127.0.0.1\n' "$GATEWAY_PORT" $((GATEWAY_PORT + 43)) \
  >"$SERVER/bootstrap.properties"
# The embedded Hazelcast member's port too, so that nothing listens outside the bench's ports.
# MALLOC_ARENA (default 2): glibc's malloc arenas for the JVM's native allocations (one per core
# and thread by default grow RSS beyond what the JVM accounts for); empty = glibc's default.
printf 'HYPERION_CONFIG_PATH=%s\nHYPERION_BOOTSTRAP_KEY=%s\nHYPERION_AUTH_BOOTSTRAP_KEY=%s\nHYPERION_CLUSTER_PORT=%s\n' \
  "$WORK/gateway.yaml" "$KEY" "$KEY" $((GATEWAY_PORT + 44)) >"$SERVER/server.env"
echo "HYPERION_UPSTREAM_HTTP_CLIENT=$UPSTREAM_CLIENT" >>"$SERVER/server.env"
echo "HYPERION_UPSTREAM_HTTP2=$UPSTREAM_H2" >>"$SERVER/server.env"
[[ -z ${MALLOC_ARENA-2} ]] || echo "MALLOC_ARENA_MAX=${MALLOC_ARENA-2}" >>"$SERVER/server.env"
log "starting the gateway on $GATEWAY_PORT (open-file limit $(ulimit -n))"
"$WLP/bin/server" start hyperion >"$WORK/start.log" 2>&1
for _ in $(seq 1 100); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "http://127.0.0.1:$GATEWAY_PORT/health/ready" \
    || true)
  [[ $code == 200 ]] && break
  sleep 3
done
[[ $code == 200 ]] || { log "the gateway did not get ready"; exit 1; }
PID=$(cat "$WLP/usr/servers/.pid/hyperion.pid")
client() { python3 "$BENCH_DIR/stream-client.py" "$@"; }

warm_up() {
  client ttfb --port "$GATEWAY_PORT" --key "$KEY" --model quick-model --concurrency 20 \
    --requests "$1" >/dev/null
}
log "warm-up"
warm_up "$WARMUP_REQUESTS"
warm_start=$(date +%s)
while (($(date +%s) - warm_start < WARMUP_MAX)); do
  c2_before=$(c2_cpu_us "$PID")
  round_start=$(date +%s.%N)
  warm_up 2000
  round_s=$(awk -v s="$round_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%d", e - s + 1 }')
  c2=$(($(c2_cpu_us "$PID") - c2_before))
  log "JIT warm-up: C2 compiled for $((c2 / 1000)) ms in the last $round_s s"
  c2_quiet "$c2" "$round_s" && break
done
sample() {
  local rss threads heap fds clients upstreams
  rss=$(($(awk '/VmRSS/ {print $2}' "/proc/$PID/status") / 1024))
  threads=$(ls "/proc/$PID/task" | wc -l)
  fds=$(ls "/proc/$PID/fd" | wc -l)
  heap=$(jstat -gc "$PID" | awk 'NR==2 {printf "%d", ($3+$4+$6+$8)/1024}')
  clients=$(ss -Htn state established "( sport = :$GATEWAY_PORT )" | wc -l)
  upstreams=$(ss -Htn state established "( dport = :$UPSTREAM_PORT )" | wc -l)
  printf '%s rss_mib=%s heap_used_mib=%s threads=%s fds=%s client_conns=%s upstream_conns=%s load=%s\n' \
    "$(date +%T)" "$rss" "$heap" "$threads" "$fds" "$clients" "$upstreams" "$(load)"
}
echo "idle: $(sample)" | tee "$WORK/samples.txt"
if ((STREAMS > 0)); then
  log "hold: $STREAMS streams, ramp $RAMP s, all open for $STREAM_SECONDS s;" \
    "$WORKERS client and upstream processes; upstream HTTP/$UPSTREAM_HTTP offered," \
    "$UPSTREAM_CLIENT client (HTTP/2 offered: $UPSTREAM_H2)"
  client hold --port "$GATEWAY_PORT" --key "$KEY" --model hold-model --concurrency "$STREAMS" \
    --ramp "$RAMP" --workers "$WORKERS" >"$WORK/hold.json" &
  CLIENT=$!
  PIDS+=($CLIENT)
  : >"$WORK/hold-samples.txt"
  start=$(date +%s)
  while kill -0 "$CLIENT" 2>/dev/null; do
    sleep 5
    elapsed=$(($(date +%s) - start))
    line="t=${elapsed}s $(sample)"
    echo "$line"
    # The window in which every stream is open: after the ramp, for STREAM_SECONDS.
    if ((elapsed > ${RAMP%.*} + 2 && elapsed <= ${RAMP%.*} + STREAM_SECONDS)); then
      echo "$line" >>"$WORK/hold-samples.txt"
    fi
  done
  wait "$CLIENT" || true
  echo "hold: $(cat "$WORK/hold.json") load=$(load)"
  if [[ -s $WORK/hold-samples.txt ]]; then
    awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v = kv[2] + 0;
             if (!(kv[1] in lo) || v < lo[kv[1]]) lo[kv[1]] = v; if (v > hi[kv[1]]) hi[kv[1]] = v } }
         END { printf "while all streams were open (%d samples):", NR;
               n = split("client_conns upstream_conns rss_mib heap_used_mib threads fds", k, " ");
               for (i = 1; i <= n; i++) printf " %s=%s..%s", k[i], lo[k[i]], hi[k[i]]; print "" }' \
      "$WORK/hold-samples.txt"
  fi
fi
# TTFB_WIRE=1: the c=1 streams through the gateway are also captured on loopback and followed
# packet by packet (bench/ttfb-wire.py), which leaves the Python client's own time out.
capture_start() {
  command -v tcpdump >/dev/null || {
    log "installing Debian's tcpdump for TTFB_WIRE=1"
    SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get install -y -qq tcpdump >/dev/null 2>&1 \
      || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq tcpdump >/dev/null; }
  }
  tcpdump -i lo -nn -tt -B 16384 "tcp port $GATEWAY_PORT or tcp port $TTFB_UPSTREAM_PORT" \
    >"$WORK/ttfb-wire.txt" 2>"$WORK/tcpdump.log" &
  CAPTURE=$!
  PIDS+=($CAPTURE)
  for _ in $(seq 1 50); do grep -q listening "$WORK/tcpdump.log" && break; sleep 0.1; done
}
capture_stop() {
  sleep 0.5
  kill "$CAPTURE"
  wait "$CAPTURE" 2>/dev/null || true
}
TTFB_FLAGS=()
[[ $TTFB_DROP == 1 ]] && TTFB_FLAGS=(--drop-after-first)
for c in 1 100; do
  d=$(client ttfb --port "$TTFB_UPSTREAM_PORT" --concurrency "$c" --requests "$TTFB_REQUESTS" \
    "${TTFB_FLAGS[@]}")
  ((TTFB_WIRE == 1 && c == 1)) && capture_start
  g=$(client ttfb --port "$GATEWAY_PORT" --key "$KEY" --model quick-model --concurrency "$c" \
    --requests "$TTFB_REQUESTS" --debug "${TTFB_FLAGS[@]}")
  echo "ttfb c=$c direct: $d"
  echo "ttfb c=$c gateway: $g load=$(load)"
  if ((TTFB_WIRE == 1 && c == 1)); then
    capture_stop
    echo "ttfb c=1 on the wire: $(python3 "$BENCH_DIR/ttfb-wire.py" "$WORK/ttfb-wire.txt" \
      --gateway-port "$GATEWAY_PORT" --upstream-port "$TTFB_UPSTREAM_PORT")"
  fi
done
