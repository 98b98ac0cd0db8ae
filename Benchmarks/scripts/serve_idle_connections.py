#!/usr/bin/env python3
"""Holds a vitext-serve open as a hostile client would (issue 21, point 5) and times an
ordinary search meanwhile: IDLE connections that never send a byte and HALF connections that
stop half-way through their headers, then `curl` of one search, then when the server closed
each kind (seconds after it was opened; at most 120 s are watched).

    (ulimit -n 256; exec .build/release/vitext-serve --index /tmp/gov.idx --port 38122) &
    python3 Benchmarks/scripts/serve_idle_connections.py 38122 300 0    # 300 idle
    python3 Benchmarks/scripts/serve_idle_connections.py 38122 0 300    # 300 half-sent
"""
import select
import socket
import subprocess
import sys
import time

port, idle_count = int(sys.argv[1]), int(sys.argv[2])
half_count = int(sys.argv[3]) if len(sys.argv) > 3 else 0
opened = time.time()
kinds = {}
refused = 0
for _ in range(idle_count):
    connection = socket.socket()
    connection.settimeout(5)
    try:
        connection.connect(("127.0.0.1", port))
        kinds[connection] = "idle"
    except OSError:
        refused += 1
for _ in range(half_count):
    connection = socket.socket()
    connection.connect(("127.0.0.1", port))
    connection.send(b"GET /api/search?q=dang HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    kinds[connection] = "half-sent"
print(f"opened {idle_count - refused} idle, {half_count} half-sent, {refused} refused in {time.time() - opened:.2f} s", flush=True)
time.sleep(1)
curl = subprocess.run(
    ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}", "-m", "120",
     f"http://127.0.0.1:{port}/api/search?q=sinh+hoat+chi+bo"], capture_output=True, text=True)
print("curl search with them open (status, seconds):", curl.stdout, flush=True)
closed = {"idle": [], "half-sent": []}
while kinds and time.time() - opened < 120:
    readable, _, _ = select.select(list(kinds), [], [], 1)
    for connection in readable:
        # Readable with nothing sent means closed (or an error page: either way, not held).
        closed[kinds.pop(connection)].append(time.time() - opened)
        connection.close()
for kind, times in closed.items():
    if times:
        print(f"{kind}: {len(times)} closed by the server between {min(times):.1f} and {max(times):.1f} s after opening")
print("still open after 120 s:", len(kinds))
