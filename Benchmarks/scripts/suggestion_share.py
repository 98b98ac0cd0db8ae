#!/usr/bin/env python3
"""Issue 25: how often the restored-diacritics suggestion equals the title as written.

For every query of the known-item dev set typed without diacritics (kind `nodiacritics`: an
article title lower-cased, `đ` as `d`, marks dropped), runs `vitext search --format json` over
an index of the gov corpus and compares the JSON field `suggestion` with the title as written
(the `q` of the accented query it was made `of`).

"Equals" is the demanding reading: the same syllables with the same marks, in the same order.
Both sides are NFC, compared case-insensitively (the typed query is lower case, the title is
not) with runs of white space as one space; tone placement counts ("hoà" is not "hòa"), and the
share with tone placement unified is printed beside it. The titles of the set hold letters and
spaces only, so punctuation never enters the comparison. A query with no suggestion (null)
counts as a miss.

    swift build -c release --product vitext
    nice -n 19 .build/release/vitext index build --index /tmp/gov.idx "$(../shared/tools/corpus gov)"
    python3 Benchmarks/scripts/suggestion_share.py --index /tmp/gov.idx [--misses]

With --cost BENCH (a release `vitext-bench`), also prints what the restoration costs per query,
timed in one process by `vitext-bench suggest` (minimum over --reps runs per query).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# The old and new tone placements of the same syllable (oà/òa, oá/óa, uỷ/ủy …): one spelling.
OLD_PLACEMENT = {}
for vowel_pair in ("oa", "oe", "uy"):
    first, second = vowel_pair
    for mark in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
        old = unicodedata.normalize("NFC", first + mark + second)
        new = unicodedata.normalize("NFC", first + second + mark)
        OLD_PLACEMENT[old] = new


def comparable(text, unify_placement=False):
    text = " ".join(unicodedata.normalize("NFC", text).lower().split())
    if unify_placement:
        for old, new in OLD_PLACEMENT.items():
            text = text.replace(old, new)
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True, help="index of the gov corpus")
    parser.add_argument("--vitext", default=os.path.join(ROOT, ".build/release/vitext"))
    parser.add_argument("--queries", default=os.path.join(ROOT, "../shared/data/search/known-item-dev.json"))
    parser.add_argument("--misses", action="store_true", help="list the queries whose suggestion differs")
    parser.add_argument("--cost", metavar="BENCH", help="a vitext-bench binary: time the restoration per query")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()

    with open(args.queries, encoding="utf-8") as file:
        queries = json.load(file)
    titles = {query["id"]: query["q"] for query in queries}
    unaccented = [query for query in queries if query["kind"] == "nodiacritics"]
    if not unaccented:
        sys.exit("no queries of kind nodiacritics in " + args.queries)

    equal = equal_placement = none = 0
    misses = []
    for query in unaccented:
        title = titles[query["of"]]
        run = subprocess.run(
            [args.vitext, "search", "--index", args.index, "--format", "json", "--limit", "1", "--no-snippets",
             query["q"]],
            capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"vitext search failed on {query['id']} ({run.returncode}): {run.stderr.strip()}")
        suggestion = json.loads(run.stdout)["suggestion"]
        if suggestion is None:
            none += 1
            misses.append((query["id"], title, None))
            continue
        if comparable(suggestion) == comparable(title):
            equal += 1
        else:
            misses.append((query["id"], title, suggestion))
        if comparable(suggestion, True) == comparable(title, True):
            equal_placement += 1

    count = len(unaccented)
    print(f"suggestion equals the title (NFC, case-insensitive): {equal}/{count} = {equal / count:.3f}")
    print(f"  with tone placement unified (hoà = hòa): {equal_placement}/{count} = {equal_placement / count:.3f}")
    print(f"  no suggestion: {none}")
    if args.misses:
        for identifier, title, suggestion in misses:
            print(f"  {identifier}: {title!r} -> {suggestion!r}")

    if args.cost:
        lines = "".join(query["q"] + "\n" for query in unaccented)
        run = subprocess.run(
            [args.cost, "suggest", "--index", args.index, "--reps", str(args.reps)],
            input=lines, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"vitext-bench suggest failed ({run.returncode}): {run.stderr.strip()}")
        costs = sorted(json.loads(line)["nanoseconds"] / 1000 for line in run.stdout.splitlines())
        p99 = costs[min(len(costs) - 1, int(len(costs) * 0.99))]
        print(f"restoration cost per query (us, min of {args.reps}): p50 {statistics.median(costs):.1f}, "
              f"p99 {p99:.1f}, max {costs[-1]:.1f}, mean {statistics.mean(costs):.1f}")


if __name__ == "__main__":
    main()
