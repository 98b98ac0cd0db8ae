#!/usr/bin/env python3
"""Exact-match hit counts for the diacritic queries of queries-vi.json: the reference the search
issue asks vitext's counts to equal ("an exact-match reference with tone placement unified").

Documents and queries go through `vitext normalize --lowercase` (NFC, one tone placement,
lowercase; nothing folded), then split into runs of letters and digits; a term or phrase matches
a document holding the runs consecutively, `and`/`or` combine whole words.

  python3 Benchmarks/scripts/search_exact_reference.py CORPUS.jsonl QUERIES.json [VITEXT]
"""
import json
import re
import subprocess
import sys
import tempfile

corpus, queries = sys.argv[1], sys.argv[2]
vitext = sys.argv[3] if len(sys.argv) > 3 else ".build/release/vitext"
marker = "\n@@@doc@@@\n"


def normalize(text):
    return subprocess.run([vitext, "normalize", "--lowercase"], input=text, capture_output=True, text=True, check=True).stdout


with tempfile.NamedTemporaryFile("w", suffix=".txt") as joined:
    for line in open(corpus, encoding="utf-8"):
        joined.write(json.loads(line)["text"].replace("@@@DOC@@@", "") + "\n@@@DOC@@@\n")
    joined.flush()
    docs = subprocess.run([vitext, "normalize", "--lowercase", joined.name], capture_output=True, text=True, check=True).stdout.split(marker)
words = re.compile(r"[^\W_]+")
tokens = [words.findall(d) for d in docs]
sets = [set(t) for t in tokens]


def phrase_hits(runs):
    if len(runs) == 1:
        return {i for i, s in enumerate(sets) if runs[0] in s}
    hits = set()
    for i, (t, s) in enumerate(zip(tokens, sets)):
        if all(r in s for r in runs) and any(t[j:j + len(runs)] == runs for j in range(len(t) - len(runs) + 1)):
            hits.add(i)
    return hits


for query in json.load(open(queries, encoding="utf-8")):
    if query["kind"] == "nodiacritics":
        continue
    text = normalize(query["q"]).strip()
    if query["kind"] in ("term", "phrase"):
        hits = phrase_hits(words.findall(text))
    else:
        parts = [phrase_hits(words.findall(w)) for w in text.split()]
        hits = set.intersection(*parts) if query["kind"] == "and" else set.union(*parts)
    print(f"{query['id']}\t{query['kind']}\t{query['q']}\t{len(hits)}")
