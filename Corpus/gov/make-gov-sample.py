#!/usr/bin/env python3
"""Builds gov-sample.jsonl.gz from the workspace's corpus-gov (../shared/data/corpus-gov):
every 14th Bộ Pháp điển article and every 8th Công báo document, in source order, with the
fields id, title, text, source. Deterministic: the same input gives the same bytes.

  python3 Corpus/gov/make-gov-sample.py ../shared/data/corpus-gov Corpus/gov/gov-sample.jsonl.gz
"""
import gzip
import json
import sys

root, out = sys.argv[1], sys.argv[2]
parts = [("phapdien-articles", 14), ("congbao-8chude", 8)]
count = 0
with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as sink:
    for folder, step in parts:
        with gzip.open(f"{root}/{folder}/docs.jsonl.gz", "rt", encoding="utf-8") as source:
            for number, line in enumerate(source):
                if number % step:
                    continue
                record = json.loads(line)
                kept = {key: record.get(key) for key in ("id", "title", "text")}
                kept["source"] = folder
                sink.write((json.dumps(kept, ensure_ascii=False) + "\n").encode("utf-8"))
                count += 1
print(f"{count} documents", file=sys.stderr)
