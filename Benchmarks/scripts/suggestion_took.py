#!/usr/bin/env python3
"""Issue 25: what the restored-diacritics suggestion adds to `vitext search`, two binaries compared.

Runs every unaccented query of the known-item dev set through `vitext search --format json
--limit 10 --no-snippets` with each binary on one index (best `took_ms` of 2 runs per query) and
prints each binary's median and mean, and the median per-query difference (second minus first).
The search itself is the same in both when only the restoration changed, so the difference is
the restoration's.

    python3 Benchmarks/scripts/suggestion_took.py --index /tmp/gov.idx /tmp/base/vitext .build/release/vitext
"""
import argparse
import json
import os
import statistics
import subprocess

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--index", required=True)
parser.add_argument("--queries", default=os.path.join(ROOT, "../shared/data/search/known-item-dev.json"))
parser.add_argument("first")
parser.add_argument("second")
args = parser.parse_args()

with open(args.queries, encoding="utf-8") as file:
    queries = [query["q"] for query in json.load(file) if query["kind"] == "nodiacritics"]
took = {}
for binary in (args.first, args.second):
    times = []
    for query in queries:
        best = float("inf")
        for _ in range(2):
            run = subprocess.run(
                [binary, "search", "--index", args.index, "--format", "json", "--limit", "10", "--no-snippets", query],
                capture_output=True, text=True, check=True)
            best = min(best, json.loads(run.stdout)["took_ms"])
        times.append(best)
    took[binary] = times
    print(f"{binary}: took_ms p50 {statistics.median(times):.1f}, mean {statistics.mean(times):.1f}")
differences = [b - a for a, b in zip(took[args.first], took[args.second])]
print(f"per query, second - first: median {statistics.median(differences):+.1f} ms, mean {statistics.mean(differences):+.1f} ms")
