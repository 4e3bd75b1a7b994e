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

--tls-cert/--tls-key serve TLS instead, HTTP/2 to a client that offers it (ALPN h2, as the
providers' APIs do: a client multiplexes its streams over a few connections), HTTP/1.1 otherwise.
--h2-max-streams is the concurrent streams a connection allows (SETTINGS_MAX_CONCURRENT_STREAMS).
Needs the h2 package (Debian: python3-h2).
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


def answer_json():
    return json.dumps({
        "id": "chatcmpl-bench", "object": "chat.completion", "created": 1700000000,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": "ok"}}],
        "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6},
    }).encode()


async def script(send):
    """The stream's events, each handed to send(bytes); send(None) ends the stream."""
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
    await send(None)


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
                answer = answer_json()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: " + str(len(answer)).encode() + b"\r\n\r\n" + answer)
                await writer.drain()
                continue
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n")

            async def send(data):
                data = data or b""
                writer.write(b"%x\r\n%s\r\n" % (len(data), data))
                await writer.drain()

            await script(send)
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


class H2Connection:
    """One HTTP/2 connection: requests in, each answered by its own script() task. Writes wait
    for flow-control window (the client's WINDOW_UPDATEs) instead of overrunning it."""

    def __init__(self, writer):
        import h2.config
        import h2.connection
        import h2.settings
        self.writer = writer
        self.conn = h2.connection.H2Connection(
            h2.config.H2Configuration(client_side=False, header_encoding="utf-8"))
        self.conn.local_settings = h2.settings.Settings(
            client=False,
            initial_values={h2.settings.SettingCodes.MAX_CONCURRENT_STREAMS: ARGS.h2_max_streams})
        self.conn.initiate_connection()
        self.bodies = {}
        self.window = asyncio.Event()
        self.flush()

    def flush(self):
        data = self.conn.data_to_send()
        if data:
            self.writer.write(data)

    def received(self, data):
        import h2.events
        for event in self.conn.receive_data(data):
            if isinstance(event, h2.events.RequestReceived):
                self.bodies[event.stream_id] = bytearray()
            elif isinstance(event, h2.events.DataReceived):
                self.bodies[event.stream_id] += event.data
                self.conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.StreamEnded):
                body = bytes(self.bodies.pop(event.stream_id, b""))
                asyncio.ensure_future(self.answer(event.stream_id, body))
            elif isinstance(event, (h2.events.WindowUpdated, h2.events.RemoteSettingsChanged)):
                self.window.set()
        self.flush()

    async def answer(self, stream_id, body):
        import h2.exceptions
        try:
            if b'"stream":true' not in body.replace(b" ", b""):
                answer = answer_json()
                self.conn.send_headers(stream_id, [(":status", "200"),
                                                   ("content-type", "application/json"),
                                                   ("content-length", str(len(answer)))])
                await self.send(stream_id, answer, end=True)
                return
            self.conn.send_headers(stream_id, [(":status", "200"),
                                               ("content-type", "text/event-stream")])
            self.flush()

            async def send(data):
                await self.send(stream_id, data or b"", end=data is None)

            await script(send)
        except (h2.exceptions.StreamClosedError, h2.exceptions.ProtocolError, ConnectionError):
            pass

    async def send(self, stream_id, data, end):
        while self.conn.local_flow_control_window(stream_id) < len(data):
            self.window.clear()
            await self.window.wait()
        self.conn.send_data(stream_id, data, end_stream=end)
        self.flush()
        await self.writer.drain()


async def handle_tls(reader, writer):
    """HTTP/2 when the client chose it (ALPN), HTTP/1.1 otherwise."""
    if writer.get_extra_info("ssl_object").selected_alpn_protocol() == "h2":
        await handle_h2(reader, writer)
    else:
        await handle(reader, writer)


async def handle_h2(reader, writer):
    connection = H2Connection(writer)
    try:
        while data := await reader.read(65536):
            connection.received(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


def tls_context():
    import ssl
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(ARGS.tls_cert, ARGS.tls_key)
    context.set_alpn_protocols(["h2", "http/1.1"])
    return context


async def main():
    tls = ARGS.tls_cert is not None
    server = await asyncio.start_server(handle_tls if tls else handle, "127.0.0.1", ARGS.port,
                                        backlog=4096, reuse_port=ARGS.workers > 1,
                                        ssl=tls_context() if tls else None)
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
    parser.add_argument("--tls-cert", help="PEM certificate: serve HTTP/2 over TLS")
    parser.add_argument("--tls-key", help="PEM private key of --tls-cert")
    parser.add_argument("--h2-max-streams", type=int, default=1000)
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
