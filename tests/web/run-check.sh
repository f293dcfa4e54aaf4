#!/usr/bin/env bash
# run-check.sh: check pages of a built site/ in headless chromium (check-site.mjs).
# usage: tests/web/run-check.sh SITE_DIR SHOTS_DIR PAGE...
# Exits 77 (skip) only when chromium or node is not installed; the npm
# packages are installed by ./scripts/test (npm ci in tests/web).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "SKIP: $chromium not found (Debian package chromium, listed in scripts/deps)"; exit 77
fi
if ! command -v node >/dev/null; then
  echo "SKIP: node not found (Debian package nodejs, listed in scripts/deps)"; exit 77
fi
if [ ! -d "$here/node_modules/puppeteer-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  echo "FAIL: tests/web/node_modules is missing: run ./scripts/test, or (cd tests/web && npm ci)"; exit 1
fi
CHROMIUM=$chromium exec node "$here/check-site.mjs" "$@"
