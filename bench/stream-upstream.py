#!/usr/bin/env python3
"""Fake OpenAI-compatible streaming upstream for bench/stream.sh (loopback only).

POST .../chat/completions answers an SSE stream: the role chunk at once, then CHUNKS content
chunks INTERVAL seconds apart, then the finish chunk, a usage chunk and [DONE]. Each content
chunk's text is "t=<emit time in ns>;" (time.time_ns()), so a client on the same machine can
measure how long a chunk took to come through the gateway. Any other request gets a small
chat.completion JSON. Settings: --port, --interval (s), --chunks, --first-delay (s, silence
after the role chunk), --pad (characters added to each chunk; prints its progress), --workers
(processes sharing the port with SO_REUSEPORT: one Python process has one core's worth of CPU,
too little for 10,000 streams at a chunk a second each).
"""
import argparse
import asyncio
import json
import os
import resource
import signal
import sys
import time

ARGS = None


def chunk(delta, finish=None, usage=None):
    body = {
        "id": "chatcmpl-bench",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "gpt-4o-mini",
        "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    if usage:
        body["usage"] = usage
    return ("data: " + json.dumps(body, separators=(",", ":")) + "\n\n").encode()


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            body = await reader.readexactly(length) if length else b""
            stream = b'"stream":true' in body.replace(b" ", b"")
            if not stream:
                answer = json.dumps({
                    "id": "chatcmpl-bench", "object": "chat.completion", "created": 1700000000,
                    "model": "gpt-4o-mini",
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": "ok"}}],
                    "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6},
                }).encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: " + str(len(answer)).encode() + b"\r\n\r\n" + answer)
                await writer.drain()
                continue
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n")

            async def send(data):
                writer.write(b"%x\r\n%s\r\n" % (len(data), data))
                await writer.drain()

            await send(chunk({"role": "assistant", "content": ""}))
            if ARGS.first_delay:
                await asyncio.sleep(ARGS.first_delay)
            pad = "x" * ARGS.pad
            for i in range(ARGS.chunks):
                await asyncio.sleep(ARGS.interval)
                await send(chunk({"content": "t=%d;%s" % (time.time_ns(), pad)}))
                if ARGS.pad:
                    print("sent", i + 1, flush=True)
            await send(chunk({}, finish="stop"))
            await send(chunk(None, usage={"prompt_tokens": 5, "completion_tokens": ARGS.chunks,
                                          "total_tokens": 5 + ARGS.chunks}))
            await send(b"data: [DONE]\n\n")
            await send(b"")
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", ARGS.port, backlog=4096,
                                        reuse_port=ARGS.workers > 1)
    async with server:
        await server.serve_forever()


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=19101)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--chunks", type=int, default=60)
    parser.add_argument("--first-delay", type=float, default=0.0)
    parser.add_argument("--pad", type=int, default=0, help="extra characters per chunk")
    parser.add_argument("--workers", type=int, default=1)
    ARGS = parser.parse_args()
    raise_fd_limit()
    children = []
    for _ in range(ARGS.workers - 1):
        child = os.fork()
        if child == 0:
            children = []
            break
        children.append(child)

    def stop(*_):
        # The bench stops the first process only: it takes the ones it forked along.
        for child in children:
            os.kill(child, signal.SIGTERM)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    asyncio.run(main())
