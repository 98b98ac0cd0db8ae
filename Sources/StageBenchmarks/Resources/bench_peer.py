"""Runs a peer word segmenter for `vitext bench` (pyvi or underthesea, from PyPI).

  python3 bench_peer.py SYSTEM INFILE OUTFILE REPEAT

Reads INFILE (one unit a line: a sentence or a line of a document), segments it once to warm up
and REPEAT times timed, writes the last output to OUTFILE (one line a line, syllables of a word
joined by "_") and prints one JSON line: load_s (import + model load + first call), seconds (per
repetition), peak_rss_kb. A missing package prints {"missing": "<pip name>"} and exits 3.
"""
import json
import resource
import sys
import time

system, infile, outfile, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(infile, encoding="utf-8") as handle:
    lines = handle.read().split("\n")[:-1]

started = time.perf_counter()
try:
    if system == "pyvi":
        from pyvi import ViTokenizer

        def segment(line):
            return ViTokenizer.tokenize(line)
    elif system == "underthesea":
        from underthesea import word_tokenize

        def segment(line):
            return word_tokenize(line, format="text")
    else:
        print(json.dumps({"error": "unknown system " + system}))
        sys.exit(2)
except ImportError:
    print(json.dumps({"missing": system}))
    sys.exit(3)
segment("Khởi động mô hình.")
load = time.perf_counter() - started


def run():
    return [segment(line) if line.strip() else "" for line in lines]


output = run()
seconds = []
for _ in range(repeat):
    begin = time.perf_counter()
    output = run()
    seconds.append(time.perf_counter() - begin)
with open(outfile, "w", encoding="utf-8") as handle:
    handle.write("\n".join(output) + "\n")
print(json.dumps({"load_s": load, "seconds": seconds, "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
