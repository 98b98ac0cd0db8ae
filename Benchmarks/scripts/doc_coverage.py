#!/usr/bin/env python3
"""Share of vitext's public declarations that carry a `///` doc comment (issue 23, point 4).

    swift package dump-symbol-graph --minimum-access-level public
    python3 Benchmarks/scripts/doc_coverage.py [--list] [SYMBOLGRAPH_DIR]

Reads the symbol graphs `dump-symbol-graph` writes (default
.build/<triple>/symbolgraph), keeps the package's own library modules, and counts public
symbols with and without a doc comment. Symbols the compiler makes (implicit members, members
a protocol's default implementation or a conformance provides) are not counted: their
documentation is the protocol's. `--list` prints every undocumented symbol.
"""
import glob
import json
import os
import sys

MODULES = {
    "Vitext", "VietText", "VietICU", "VietNormalization", "VietTokenization", "VietSegmentation",
    "VietEntities", "VietDocuments", "SearchCore", "VietSearch", "VietResponses", "VietService",
    "VietExport",
}

args = [a for a in sys.argv[1:] if not a.startswith("--")]
listing = "--list" in sys.argv
folder = args[0] if args else (glob.glob(".build/*-*/symbolgraph") or [".build/symbolgraph"])[0]
totals = {}
missing = []
for path in sorted(glob.glob(os.path.join(folder, "*.symbols.json"))):
    name = os.path.basename(path).split(".symbols.json")[0]
    module = name.split("@")[0]
    # Extension graphs (Module@Other) hold this module's extensions of other modules' types.
    if module not in MODULES:
        continue
    graph = json.load(open(path))
    for symbol in graph.get("symbols", []):
        if symbol.get("accessLevel") != "public":
            continue
        if symbol.get("isImplicit") or symbol.get("kind", {}).get("identifier", "").endswith("extension"):
            continue
        # A member whose implementation comes from elsewhere (a protocol's default, a
        # synthesized conformance) has no location in this module's sources, or one in a
        # dependency's checkout under .build/ (Hummingbird's `RequestContext` defaults).
        location = symbol.get("location", {}).get("uri", "")
        if "/Sources/" not in location or "/.build/" in location:
            continue
        documented = bool(symbol.get("docComment", {}).get("lines"))
        count = totals.setdefault(module, [0, 0])
        count[0] += documented
        count[1] += 1
        if not documented:
            missing.append(f"{module}: {'.'.join(symbol['pathComponents'])} ({location.split('/Sources/')[-1]}:{symbol['location']['position']['line'] + 1})")

all_documented = sum(c[0] for c in totals.values())
all_symbols = sum(c[1] for c in totals.values())
for module, (documented, count) in sorted(totals.items()):
    print(f"{module:20} {documented:5} / {count:5}  {100 * documented / max(count, 1):5.1f} %")
print(f"{'all':20} {all_documented:5} / {all_symbols:5}  {100 * all_documented / max(all_symbols, 1):5.1f} %")
if listing:
    print("\n".join(missing))
