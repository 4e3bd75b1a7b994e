#!/usr/bin/env python3
"""SSE load client for bench/stream.sh (asyncio, loopback).

hold: opens --concurrency streams (ramped over --ramp seconds) and keeps each open until its
upstream ends; for every content chunk "t=<ns>;" it records now - t, the delay between the
upstream emitting the chunk and this client receiving it. Prints one JSON line: streams opened,
completed ([DONE] seen), errors (non-200, error events, cut streams) and what they were,
chunk-delay p50/p99/max. --workers splits the streams over that many processes (one Python
process has one core's worth of CPU: too little to read 10,000 streams at a chunk a second each
without its own lag showing up as gateway delay).

ttfb: --requests streams at --concurrency, each measured from sending the request to the first
"data:" line and then read to its end, as an SDK reads it (--drop-after-first: closed at that
line instead); prints p50/p99 in ms. With --debug it sends x-hyperion-debug: 1 and also prints the
median of each Server-Timing stage and of the time to the status line (where the time goes).
"""
import argparse
import asyncio
import json
import multiprocessing
import resource
import time


def request_bytes(host, port, path, key, model, text, debug=False):
    body = json.dumps({"model": model, "stream": True,
                       "messages": [{"role": "user", "content": text}]}).encode()
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n")
    if key:
        head += f"Authorization: Bearer {key}\r\n"
    if debug:
        head += "x-hyperion-debug: 1\r\n"
    return (head + "\r\n").encode() + body


async def one_stream(args, n, delays, stats, first_data=None, timings=None):
    t0 = time.perf_counter()
    try:
        reader, writer = await asyncio.open_connection(args.host, args.port, limit=1 << 20)
    except OSError as e:
        error(stats, "connect: " + type(e).__name__)
        return None
    stats["opened"] += 1
    try:
        writer.write(request_bytes(args.host, args.port, args.path, args.key, args.model,
                                   f"bench stream {n} {time.time_ns()}",
                                   getattr(args, "debug", False)))
        await writer.drain()
        status = await reader.readline()
        if timings is not None:
            timings.setdefault("status_line", []).append((time.perf_counter() - t0) * 1000)
        if b" 200 " not in status:
            error(stats, "status: " + status.decode(errors="replace").strip())
            return None
        while (header := await reader.readline()) not in (b"\r\n", b""):
            if timings is not None and header.lower().startswith(b"server-timing:"):
                for part in header.split(b":", 1)[1].decode().split(","):
                    name, _, dur = part.strip().partition(";dur=")
                    if dur:
                        timings.setdefault(name, []).append(float(dur))
        done = False
        ttfb = None
        while True:
            line = await reader.readline()
            if not line:
                break
            if line.startswith(b"data: "):
                if ttfb is None:
                    ttfb = time.perf_counter() - t0
                    if first_data is not None and getattr(args, "drop_after_first", False):
                        break
                if line.startswith(b"data: [DONE]"):
                    done = True
                    break
                if b'"error"' in line:
                    error(stats, "error event: " + line.decode(errors="replace")[:200])
                    break
                i = line.find(b"t=")
                if i >= 0:
                    j = line.find(b";", i)
                    delays.append((time.time_ns() - int(line[i + 2:j])) / 1e6)
        if first_data is not None:
            first_data.append(ttfb)
            if getattr(args, "drop_after_first", False):
                return ttfb
        if done:
            stats["completed"] += 1
        else:
            error(stats, "cut before [DONE]")
        return ttfb
    except (OSError, asyncio.IncompleteReadError, ValueError) as e:
        error(stats, "read: " + type(e).__name__)
        return None
    finally:
        writer.close()


def error(stats, kind):
    stats["errors"] += 1
    kinds = stats.setdefault("error_kinds", {})
    kinds[kind] = kinds.get(kind, 0) + 1


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p / 100))], 3)


async def hold_part(args, streams):
    delays, stats = [], {"opened": 0, "completed": 0, "errors": 0}
    tasks = []
    for n in range(streams):
        tasks.append(asyncio.create_task(one_stream(args, n, delays, stats)))
        await asyncio.sleep(args.ramp / streams)
    await asyncio.gather(*tasks)
    return stats, delays


def run_part(job):
    args, streams = job
    return asyncio.run(hold_part(args, streams))


def hold(args):
    shares = [args.concurrency // args.workers + (1 if i < args.concurrency % args.workers else 0)
              for i in range(args.workers)]
    if args.workers == 1:
        parts = [run_part((args, shares[0]))]
    else:
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            parts = pool.map(run_part, [(args, share) for share in shares])
    stats, delays = {"opened": 0, "completed": 0, "errors": 0}, []
    kinds = {}
    for part_stats, part_delays in parts:
        for k in ("opened", "completed", "errors"):
            stats[k] += part_stats[k]
        for kind, count in part_stats.get("error_kinds", {}).items():
            kinds[kind] = kinds.get(kind, 0) + count
        delays.extend(part_delays)
    print(json.dumps({"mode": "hold", "concurrency": args.concurrency, "workers": args.workers,
                      **stats, "error_kinds": kinds, "chunks": len(delays),
                      "delay_p50_ms": pct(delays, 50), "delay_p99_ms": pct(delays, 99),
                      "delay_max_ms": pct(delays, 100)}))


async def ttfb(args):
    firsts, stats = [], {"opened": 0, "completed": 0, "errors": 0}
    timings = {} if args.debug else None
    remaining = args.requests

    async def worker():
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await one_stream(args, remaining, [], stats, firsts, timings)

    await asyncio.gather(*(worker() for _ in range(args.concurrency)))
    ms = [f * 1000 for f in firsts if f is not None]
    print(json.dumps({"mode": "ttfb", "concurrency": args.concurrency, "requests": len(ms),
                      "errors": stats["errors"], "p50_ms": pct(ms, 50), "p99_ms": pct(ms, 99),
                      **({"error_kinds": stats["error_kinds"]} if "error_kinds" in stats else {}),
                      **({"p50_stage_ms": {k: pct(v, 50) for k, v in timings.items()}}
                         if timings else {})}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["hold", "ttfb"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=19100)
    parser.add_argument("--path", default="/v1/chat/completions")
    parser.add_argument("--key", default="")
    parser.add_argument("--model", default="gpt-4o-mini")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--ramp", type=float, default=10.0)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1, help="processes (hold only)")
    parser.add_argument("--debug", action="store_true", help="ttfb: Server-Timing stages")
    parser.add_argument("--drop-after-first", action="store_true",
                        help="ttfb: close the connection at the first event instead of reading "
                             "the stream to its end (a client that went away: the gateway then "
                             "drains the upstream and keeps the answer)")
    ARGS = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if ARGS.mode == "hold":
        hold(ARGS)
    else:
        asyncio.run(ttfb(ARGS))
