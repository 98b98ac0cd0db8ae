#!/usr/bin/env python3
"""Writes admin-units.tsv from thanglequoc/vietnamese-provinces-database (MIT).

Usage: python3 make-admin-units.py SHARED/data/admin-units/thanglequoc > admin-units.tsv
"""
import json, sys
src = sys.argv[1].rstrip('/') + '/'
names = {}
def add(tier, name):
    if not name or name.isdigit():
        return
    names.setdefault(name, set()).add(tier)
for p in json.load(open(src + 'vn-2025_full.json')):
    add('province', p['Name'])
    for w in p.get('Wards') or []:
        add('commune', w['Name'])
for p in json.load(open(src + 'vn-pre2025_simplified.json')):
    add('province', p['Name'])
    for d in p.get('District') or []:
        add('district', d['Name'])
        for w in d.get('Ward') or []:
            add('commune', w['Name'])
order = ['province', 'district', 'commune']
out = sys.stdout
out.write("# admin-units.tsv — names of Vietnam's provinces, districts and communes, before and after the July 2025 reform.\n")
out.write("# source: thanglequoc/vietnamese-provinces-database (vn-2025_full.json, vn-pre2025_simplified.json),\n")
out.write("#   https://github.com/thanglequoc/vietnamese-provinces-database; licence: MIT (LICENSE.admin-units.txt).\n")
out.write("#   Made by make-admin-units.py in this folder: the Name of every unit, deduplicated.\n")
out.write("# columns: name<TAB>tiers (comma-separated: province, district, commune)\n")
for n in sorted(names):
    out.write(n + '\t' + ','.join(t for t in order if t in names[n]) + '\n')
