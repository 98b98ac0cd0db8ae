#!/usr/bin/env python3
"""Four clients send a heavy query to vitext-serve over and over for SECONDS while a fifth
searches "sinh hoat chi bo" every 0.2 s (issue 21, point 1): the ordinary search's latency
alone and with the heavy ones in flight, and the heavy ones' statuses and latency.

    .build/release/vitext-serve --index /tmp/gov.idx --port 38120 &
    python3 Benchmarks/scripts/serve_heavy_searches.py 38120 "$(printf 'c* %.0s' $(seq 63))" 20
"""
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

port, heavy_query, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])


def get(query):
    started = time.time()
    url = f"http://127.0.0.1:{port}/api/search?limit=10&q=" + urllib.parse.quote(query)
    try:
        with urllib.request.urlopen(url, timeout=120) as answer:
            answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.time() - started


def ordinary_searches(until):
    times = []
    while time.time() < until:
        status, took = get("sinh hoat chi bo")
        assert status == 200, status
        times.append(took)
        time.sleep(0.2)
    return sorted(times)


alone = ordinary_searches(time.time() + 2)
print(f"ordinary alone: {len(alone)} searches, median {alone[len(alone) // 2]:.3f} s, max {alone[-1]:.3f} s")
stop = time.time() + seconds
heavy = []


def hammer():
    while time.time() < stop:
        heavy.append(get(heavy_query))


clients = [threading.Thread(target=hammer) for _ in range(4)]
for client in clients:
    client.start()
time.sleep(0.5)
loaded = ordinary_searches(stop - 1)
for client in clients:
    client.join()
statuses = {}
for status, _ in heavy:
    statuses[status] = statuses.get(status, 0) + 1
heavy_times = sorted(took for _, took in heavy)
print(f"heavy: {len(heavy)} answered {statuses}, median {heavy_times[len(heavy) // 2]:.3f} s, max {heavy_times[-1]:.3f} s")
print(f"ordinary with 4 heavy in flight: {len(loaded)} searches, median {loaded[len(loaded) // 2]:.3f} s, max {loaded[-1]:.3f} s")
