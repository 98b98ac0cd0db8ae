#!/usr/bin/env python3
"""Writes a wrk script that cycles through the benchmark queries on `vitext-serve`'s search API,
and reports the in-process time the API gives for each (`took_ms`).

    python3 Benchmarks/scripts/wrk_queries.py lua ../shared/tools/queries-vi.json > /tmp/wrk-queries.lua
    wrk -t1 -c1 -d20s --latency -s /tmp/wrk-queries.lua http://127.0.0.1:18090
    python3 Benchmarks/scripts/wrk_queries.py took ../shared/tools/queries-vi.json http://127.0.0.1:18090 5
"""
import json
import sys
import urllib.parse
import urllib.request


def paths(queries_file):
    return ["/api/search?q=" + urllib.parse.quote(query["q"]) for query in json.load(open(queries_file))]


def lua(queries_file):
    print("local paths = {")
    for path in paths(queries_file):
        print('  "%s",' % path)
    print("}")
    print("local next = 0")
    print("request = function()")
    print("  next = next % #paths + 1")
    print('  return wrk.format("GET", paths[next])')
    print("end")


def took(queries_file, base, rounds):
    times = []
    for _ in range(rounds):
        for path in paths(queries_file):
            with urllib.request.urlopen(base + path) as response:
                times.append(json.load(response)["took_ms"])
    times.sort()
    pick = lambda fraction: times[min(len(times) - 1, int(fraction * len(times)))]
    print("in-process took_ms over %d searches: p50 %.1f p90 %.1f p99 %.1f" % (len(times), pick(0.5), pick(0.9), pick(0.99)))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "lua":
        lua(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "took":
        took(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    else:
        sys.exit(__doc__)
