#!/usr/bin/env bash
# Regenerates reports/docs/report.png, the screenshot of a real report the README embeds.
#   reports/docs/make-screenshot.sh            (needs chromium: apt-get install -y chromium)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/heaplab" compare -a freelist-best,buddy,sizeclass-4x,glibc,jemalloc,mimalloc -w c-wordfreq,defeat-buddy \
  --report "$out/report" >/dev/null 2>&1
"${HEAPLAB_CHROMIUM:-chromium}" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$out/profile" --hide-scrollbars \
  --window-size=1440,1800 --screenshot="$here/reports/docs/report.png" "file://$out/report/index.html" 2>/dev/null
echo "wrote $here/reports/docs/report.png"
