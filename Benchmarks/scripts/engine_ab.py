#!/usr/bin/env python3
"""Two vitext-bench binaries on one index, query by query, for a latency change under load.

search_anchor_bench.py runs engines one after another, so on a shared machine the load of each
engine's turn decides the comparison (issue 25: the same two binaries measured +48 % and -33 %
p50 in two runs with their order swapped). Here both serve the harness's protocol at once and
every query of ../shared/tools/queries-vi.json is asked of both in turn (which one first
alternates), 12 repetitions, the first 2 as warm-up; the worker's in-process `took_ns` is pooled
as the harness pools it.

    .build/release/vitext-bench engine build --docs "$(../shared/tools/corpus gov)" --index /tmp/ab.idx
    python3 Benchmarks/scripts/engine_ab.py --index /tmp/ab.idx /tmp/base/vitext-bench .build/release/vitext-bench
"""
import argparse
import json
import os
import statistics
import subprocess
import unicodedata

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--index", required=True, help="an index `vitext-bench engine build` wrote")
parser.add_argument("--queries", default=os.path.join(ROOT, "../shared/tools/queries-vi.json"))
parser.add_argument("--reps", type=int, default=12)
parser.add_argument("--warmup", type=int, default=2)
parser.add_argument("base")
parser.add_argument("changed")
args = parser.parse_args()

with open(args.queries, encoding="utf-8") as file:
    queries = json.load(file)
names = ("base", "changed")
workers = {}
for name, binary in zip(names, (args.base, args.changed)):
    worker = subprocess.Popen([binary, "engine", "serve", "--index", args.index],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    if not json.loads(worker.stdout.readline()).get("ready"):
        raise SystemExit(f"{binary} did not start")
    workers[name] = worker


def ask(worker, query):
    mode = query["kind"] if query["kind"] != "nodiacritics" else query.get("op", "and")
    request = {"op": "query", "mode": mode, "q": unicodedata.normalize("NFC", query["q"]), "k": 10}
    worker.stdin.write(json.dumps(request) + "\n")
    worker.stdin.flush()
    return json.loads(worker.stdout.readline())


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


pooled = {name: [] for name in names}
per_query = {name: {} for name in names}
hits = {name: {} for name in names}
for rep in range(args.reps):
    for number, query in enumerate(queries):
        for name in names if (number + rep) % 2 == 0 else reversed(names):
            answer = ask(workers[name], query)
            hits[name][query["id"]] = (answer.get("count"), answer.get("top"))
            if rep >= args.warmup:
                pooled[name].append(answer["took_ns"] / 1000)
                per_query[name].setdefault(query["id"], []).append(answer["took_ns"] / 1000)
for name in names:
    print(f"{name}: pooled p50 {statistics.median(pooled[name]):.1f} us, p99 {percentile(pooled[name], 0.99):.1f} us"
          f" ({len(pooled[name])} timings)")
base50, changed50 = statistics.median(pooled["base"]), statistics.median(pooled["changed"])
base99, changed99 = percentile(pooled["base"], 0.99), percentile(pooled["changed"], 0.99)
print(f"changed vs base: p50 {100 * (changed50 / base50 - 1):+.1f} %, p99 {100 * (changed99 / base99 - 1):+.1f} %")
ratios = sorted(((statistics.median(per_query["changed"][key]) / statistics.median(per_query["base"][key]), key)
                 for key in per_query["base"]), reverse=True)[:5]
print("largest per-query p50 ratios:", ", ".join(f"{key} {ratio:.2f}" for ratio, key in ratios))
differing = [key for key in hits["base"] if hits["base"][key] != hits["changed"][key]]
print("queries whose count or top 10 differ:", ", ".join(differing) or "none")
for worker in workers.values():
    worker.stdin.close()
    worker.wait()
