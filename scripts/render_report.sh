#!/usr/bin/env bash
# Renders a results report (report.html) to a PNG screenshot with headless Chromium, to look at
# the plots without a desktop browser. Not run in CI.
#
#   scripts/render_report.sh RESULTS_DIR_OR_REPORT_HTML [OUT.png] [WIDTHxHEIGHT]
#
# OUT.png defaults to report.png beside report.html; the window defaults to 1100x3200 (a tall
# page shows every plot). Installs Debian's `chromium` package when no Chromium is found.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 RESULTS_DIR_OR_REPORT_HTML [OUT.png] [WIDTHxHEIGHT]" >&2
  exit 64
fi
target=$1
if [[ -d $target ]]; then target=$target/report.html; fi
if [[ ! -f $target ]]; then
  echo "error: $target: no such file (run 'swift run runner report DIR' first)" >&2
  exit 66
fi
html=$(cd "$(dirname "$target")" && pwd)/$(basename "$target")
out=${2:-$(dirname "$html")/report.png}
size=${3:-1100x3200}

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [[ -z $browser ]]; then
  echo "Chromium not found; installing Debian's chromium package" >&2
  if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo=sudo; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  browser=chromium
fi

# --no-sandbox: containers often run as root, where Chromium's sandbox refuses to start.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size="${size/x/,}" --screenshot="$out" "file://$html" 2>/dev/null
echo "$out"
