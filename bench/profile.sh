#!/usr/bin/env bash
# Profiles the running gateway with async-profiler (tools.profiler:async-profiler from Maven
# Central, its Linux x64 library unpacked here) for DURATION seconds, while whatever load you run
# against it goes on: an HTML flame graph and the collapsed stacks (one line a stack, with thread
# names) in bench/.work/profile/. Unlike JFR, it sees native frames and the kernel side of system
# calls, and with EVENT=wall it samples threads that wait too, which is where latency at low
# concurrency goes (thread wake-ups, hand-offs).
#
#   bench/profile.sh                      # the Liberty server named hyperion, 20 s of CPU samples
#   EVENT=wall DURATION=15 bench/profile.sh
#   PID=12345 bench/profile.sh
#
# Environment: PID (the JVM; default: the running "hyperion" Liberty server), EVENT (itimer: CPU
# time, works without perf events, which containers often refuse; cpu; wall), INTERVAL (200us),
# DURATION (20), VERSION (4.0), OUT (bench/.work/profile/<time>-<event>).
set -Eeuo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
EVENT=${EVENT:-itimer}
INTERVAL=${INTERVAL:-200us}
DURATION=${DURATION:-20}
VERSION=${VERSION:-4.0}
WORK="$BENCH_DIR/.work/profile"
OUT=${OUT:-$WORK/$(date -u +%Y%m%d-%H%M%S)-$EVENT}
PID=${PID:-$(pgrep -f 'ws-server.jar.* hyperion' | head -1 || true)}
[[ -n $PID ]] || { echo "no running gateway (set PID)" >&2; exit 1; }

LIB="$WORK/async-profiler-$VERSION/linux-x64/libasyncProfiler.so"
if [[ ! -f $LIB ]]; then
  (cd "$REPO_DIR" && mvn -B -ntp -q dependency:copy \
    -Dartifact="tools.profiler:async-profiler:$VERSION" -DoutputDirectory="$WORK" >/dev/null)
  mkdir -p "$WORK/async-profiler-$VERSION"
  (cd "$WORK/async-profiler-$VERSION" && jar xf "$WORK/async-profiler-$VERSION.jar" linux-x64)
fi

attach() { java "$BENCH_DIR/profile/Attach.java" "$PID" "$LIB" "$1" >/dev/null; }
mkdir -p "$(dirname "$OUT")"
echo "profiling JVM $PID: event=$EVENT interval=$INTERVAL for ${DURATION}s" >&2
attach "start,event=$EVENT,interval=$INTERVAL,threads"
sleep "$DURATION"
attach "dump,file=$OUT.collapsed,collapsed,threads"
attach "stop,file=$OUT.html,flamegraph,threads"
echo "$OUT.html (flame graph), $OUT.collapsed (stacks)" >&2
