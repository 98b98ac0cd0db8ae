#!/usr/bin/env bash
# Regenerates Benchmarks/screenshots/search-page.png, the README's picture of the search page:
# serves an index with `vitext serve` on a free loopback port and has Debian's headless
# chromium (what CI installs for the browser test) photograph the results of "sinh hoat chi bo".
#
#   bash Benchmarks/scripts/search_page_screenshot.sh
#
# VITEXT names the binary (default .build/release/vitext, built when missing); INDEX the index
# (default .vitext/index, which `vitext serve` builds from Corpus/ on first use, as the README's
# `swift run -c release vitext serve` does).
set -euo pipefail
cd "$(dirname "$0")/../.."
vitext=${VITEXT:-.build/release/vitext}
index=${INDEX:-.vitext/index}
out=Benchmarks/screenshots/search-page.png
[ -x "$vitext" ] || swift build -c release --product vitext
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "search_page_screenshot: no chromium (apt-get install chromium)" >&2; exit 69; }
port=$((20000 + RANDOM % 20000))
"$vitext" serve --index "$index" --port "$port" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
# The first start may build the index from Corpus/: wait up to 15 minutes for an answer.
for _ in $(seq 1 900); do
  if curl -sf "http://127.0.0.1:$port/api/search?q=dang" >/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { echo "search_page_screenshot: vitext serve stopped" >&2; exit 1; }
  sleep 1
done
mkdir -p "$(dirname "$out")"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,900 \
  --screenshot="$out" "http://127.0.0.1:$port/?q=sinh+hoat+chi+bo" 2>/dev/null
echo "wrote $out"
