#!/usr/bin/env python3
"""Writes law-names.tsv: the names of Vietnamese laws, codes and ordinances, read from the
provenance lines of Bộ Pháp điển articles ("(Điều 1 Luật số 32/2004/QH11 An ninh Quốc gia ngày …").

Usage: python3 make-law-names.py /tmp/vitext-corpora/gov.jsonl > law-names.tsv
(the JSONL from shared/tools/corpus gov; official legal text, not subject to copyright).
"""
import json, re, sys, unicodedata
pattern = re.compile(r'\b(Luật|Bộ luật|Pháp lệnh) số [0-9]+/[0-9]{4}/[A-Z0-9Đ-]+ (.+?) ngày')
# "Luật Đất đai số 31/2024/QH15", "Luật Đất đai năm 2013": the name before the number or year.
before_number = re.compile(r'\b(Luật|Bộ luật|Pháp lệnh) ([A-ZĐÂĂÊÔƠƯ][^\s,.;:()“”"]*(?: [^\s,.;:()“”"0-9]+){0,9}?) (?:số [0-9]+/|năm [0-9]{4}|ngày [0-9])')
names = {}
seen = {}
for line in open(sys.argv[1], encoding='utf-8'):
    doc = json.loads(line)
    for m in pattern.finditer(doc['text']):
        kind, name = m.group(1), unicodedata.normalize('NFC', m.group(2).strip())
        if not name or len(name.split()) > 14 or any(c in name for c in '()“”";:') or name.startswith(('sửa đổi', 'Sửa đổi')):
            continue
        if not name[0].isupper():
            continue
        names[(kind, name)] = names.get((kind, name), 0) + 1
    for m in before_number.finditer(doc['text']):
        kind, name = m.group(1), unicodedata.normalize('NFC', m.group(2).strip())
        if name.split()[0] in ('số', 'Số', 'này', 'sửa', 'Sửa') or len(name.split()) > 10:
            continue
        seen[(kind, name)] = seen.get((kind, name), 0) + 1
# A name written this way in three or more places is a name, not a phrase that happened to precede "số".
for (kind, name), count in seen.items():
    for tail in (' ban hành', ' được', ' đã'):
        if name.endswith(tail):
            name = name[:-len(tail)]
    key = (kind, name)
    if count >= 3 and not name.startswith(('Luật ', 'Bộ luật', 'Bộ Luật')):
        names[key] = names.get(key, 0) + count
out = sys.stdout
out.write("# law-names.tsv — names of Vietnamese laws, codes and ordinances, as the Bộ Pháp điển cites them.\n")
out.write("# source: provenance lines of Bộ Pháp điển articles (phapdien.moj.gov.vn, via diepxuan/diepxuan.github.io);\n")
out.write("#   official legal text, not subject to copyright (Luật Sở hữu trí tuệ, Điều 15). Made by make-law-names.py.\n")
out.write("# columns: type word<TAB>name (the words after the type word)\n")
for kind, name in sorted(names):
    out.write(f"{kind}\t{name}\n")
