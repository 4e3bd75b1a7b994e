#!/usr/bin/env python3
"""Where a streamed request's first byte goes, on the wire (for bench/stream.sh, TTFB_WIRE=1).

Reads `tcpdump -i lo -nn -tt` text captured while streams ran one at a time (concurrency 1)
through the gateway on --gateway-port to an upstream on --upstream-port, and follows each stream
by its packets: the client's request reaching the gateway, the gateway's request to the upstream,
the upstream's answer (headers and first event), the gateway's first byte to the client. Prints
one JSON line with p50/p90 in ms of each step and of what the gateway added: the time from the
client's request to the gateway's first byte, less the upstream's own time (from the gateway's
request to the upstream's last packet before that first byte). Unlike a client-side figure, this
leaves out the client's own work and its connect, which on a shared machine move with its load.
"""
import argparse
import json
import re

PACKET = re.compile(r"^(\d+\.\d+) IP 127\.0\.0\.1\.(\d+) > 127\.0\.0\.1\.(\d+): "
                    r"Flags \[([^\]]*)\].*length (\d+)")


def streams(lines, gateway, upstream):
    """Yields one dict of packet times per client connection to the gateway, in order."""
    current = None
    for line in lines:
        m = PACKET.match(line)
        if not m:
            continue
        t, src, dst, flags, length = float(m[1]), int(m[2]), int(m[3]), m[4], int(m[5])
        if dst == gateway and flags == "S":
            if current:
                yield current
            current = {"syn": t, "port": src, "answer": []}
        elif current is None or length == 0:
            continue
        elif dst == gateway and src == current["port"]:
            current.setdefault("request", t)
        elif dst == upstream and "request" in current:
            current.setdefault("forwarded", t)
        elif src == upstream and "forwarded" in current and "first_byte" not in current:
            current["answer"].append(t)
        elif src == gateway and dst == current["port"]:
            current.setdefault("first_byte", t)
    if current:
        yield current


def pct(values, p):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p / 100))] * 1000, 3)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("capture")
    parser.add_argument("--gateway-port", type=int, required=True)
    parser.add_argument("--upstream-port", type=int, required=True)
    args = parser.parse_args()
    with open(args.capture) as lines:
        whole = [s for s in streams(lines, args.gateway_port, args.upstream_port)
                 if {"request", "forwarded", "first_byte"} <= s.keys() and s["answer"]]
    steps = {
        "added_by_gateway": [(s["first_byte"] - s["request"]) - (s["answer"][-1] - s["forwarded"])
                             for s in whole],
        "request_to_forwarded": [s["forwarded"] - s["request"] for s in whole],
        "upstream": [s["answer"][-1] - s["forwarded"] for s in whole],
        "upstream_event_to_first_byte": [s["first_byte"] - s["answer"][-1] for s in whole],
        "request_to_first_byte": [s["first_byte"] - s["request"] for s in whole],
        "connect_to_request": [s["request"] - s["syn"] for s in whole],
    }
    print(json.dumps({"streams": len(whole),
                      **{k: {"p50_ms": pct(v, 50), "p90_ms": pct(v, 90)}
                         for k, v in steps.items() if v}}))


if __name__ == "__main__":
    main()
