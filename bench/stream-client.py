#!/usr/bin/env python3
"""SSE load client for bench/stream.sh (asyncio, loopback).

hold: opens --concurrency streams (ramped over --ramp seconds) and keeps each open until its
upstream ends; for every content chunk "t=<ns>;" it records now - t, the delay between the
upstream emitting the chunk and this client receiving it. Prints one JSON line: streams opened,
completed ([DONE] seen), errors (non-200, error events, cut streams), chunk-delay p50/p99/max.

ttfb: --requests streams at --concurrency, each measured from sending the request to the first
"data:" line; prints p50/p99 in ms.
"""
import argparse
import asyncio
import json
import time


def request_bytes(host, port, path, key, model, text):
    body = json.dumps({"model": model, "stream": True,
                       "messages": [{"role": "user", "content": text}]}).encode()
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n")
    if key:
        head += f"Authorization: Bearer {key}\r\n"
    return (head + "\r\n").encode() + body


async def one_stream(args, n, delays, stats, first_data=None):
    t0 = time.perf_counter()
    try:
        reader, writer = await asyncio.open_connection(args.host, args.port, limit=1 << 20)
    except OSError:
        stats["errors"] += 1
        return None
    stats["opened"] += 1
    try:
        writer.write(request_bytes(args.host, args.port, args.path, args.key, args.model,
                                   f"bench stream {n} {time.time_ns()}"))
        await writer.drain()
        status = await reader.readline()
        if b" 200 " not in status:
            stats["errors"] += 1
            return None
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        done = False
        ttfb = None
        while True:
            line = await reader.readline()
            if not line:
                break
            if line.startswith(b"data: "):
                if ttfb is None:
                    ttfb = time.perf_counter() - t0
                    if first_data is not None:
                        break
                if line.startswith(b"data: [DONE]"):
                    done = True
                    break
                if b'"error"' in line:
                    stats["errors"] += 1
                    break
                i = line.find(b"t=")
                if i >= 0:
                    j = line.find(b";", i)
                    delays.append((time.time_ns() - int(line[i + 2:j])) / 1e6)
        if first_data is not None:
            first_data.append(ttfb)
        elif done:
            stats["completed"] += 1
        else:
            stats["errors"] += 1
        return ttfb
    except (OSError, asyncio.IncompleteReadError, ValueError):
        stats["errors"] += 1
        return None
    finally:
        writer.close()


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p / 100))], 3)


async def hold(args):
    delays, stats = [], {"opened": 0, "completed": 0, "errors": 0}
    tasks = []
    for n in range(args.concurrency):
        tasks.append(asyncio.create_task(one_stream(args, n, delays, stats)))
        await asyncio.sleep(args.ramp / args.concurrency)
    await asyncio.gather(*tasks)
    print(json.dumps({"mode": "hold", "concurrency": args.concurrency, **stats,
                      "chunks": len(delays), "delay_p50_ms": pct(delays, 50),
                      "delay_p99_ms": pct(delays, 99), "delay_max_ms": pct(delays, 100)}))


async def ttfb(args):
    firsts, stats = [], {"opened": 0, "completed": 0, "errors": 0}
    remaining = args.requests

    async def worker():
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await one_stream(args, remaining, [], stats, firsts)

    await asyncio.gather(*(worker() for _ in range(args.concurrency)))
    ms = [f * 1000 for f in firsts if f is not None]
    print(json.dumps({"mode": "ttfb", "concurrency": args.concurrency, "requests": len(ms),
                      "errors": stats["errors"], "p50_ms": pct(ms, 50), "p99_ms": pct(ms, 99)}))


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
    ARGS = parser.parse_args()
    asyncio.run(hold(ARGS) if ARGS.mode == "hold" else ttfb(ARGS))
