#!/usr/bin/env bash
# Known-item relevance (issue 19): vitext beside tantivy and SQLite FTS5 (with đ folding) on the two
# dev sets of ../shared/data/search/, in one harness run each, scored by known_item_mrr.py.
#
#   bash Benchmarks/scripts/known_item_runs.sh            # from the project root, after
#   swift build -c release --product vitext-bench         # and the harness's venv (see ../shared/README.md)
#
# Title set: 120 article titles as OR queries, typed with and without diacritics, titles indexed
# (--with-title; vitext indexes the title as its own field, the built-in engines as the text's
# first line). Body set: three words sampled from each document's text, run without titles.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=${VITEXT_BENCH:-$PWD/.build/release/vitext-bench}
python=${PYTHON:-/tmp/sb/bin/python}
shared=${SHARED:-$PWD/../shared}
out=${OUT:-/tmp/vitext-known-item}
corpus=$("$shared/tools/corpus" gov)
run() {  # name, queries file, extra harness options
  "$python" "$shared/tools/search_anchor_bench.py" run --corpus "$corpus" ${3:-} \
    --queries "$shared/data/search/$2" --engines sqlite-dfold,tantivy \
    --external vitext="$bench engine" --reps 1 --warmup 0 --out "$out/$1" >"$out/$1.log" 2>&1
  echo "## $1 ($2)"
  python3 "$shared/tools/known_item_mrr.py" "$out/$1/results.json" "$shared/data/search/$2"
}
mkdir -p "$out"
run title known-item-dev.json --with-title
run body body-known-item-dev.json
