#!/usr/bin/env bash
# scripts_deps: the set-up scripts' dependency check. With every package
# present it is silent and exits 0; run by a user who is not root with a
# package missing, it prints the exact apt-get line and exits 1 without
# trying to install. Skips (77) when not root (it needs to switch user).
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root to run the check as another user" >&2; exit 77; }
command -v setpriv >/dev/null || { echo "SKIP: needs setpriv" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"

# every listed package installed: nothing to say
out=$(./scripts/ensure-deps 2>&1) || fail "ensure-deps failed with everything installed: $out"
[ -z "$out" ] || fail "ensure-deps printed with everything installed: $out"

as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_nobody test -r ./scripts/ensure-deps -a -r "$tmp" 2>/dev/null \
  || { echo "SKIP: user nobody cannot read this checkout" >&2; exit 77; }

# as nobody, with one installed and two missing packages
printf '# test list\ncmake\nsendpack-no-such-package-a\n\nsendpack-no-such-package-b\n' >"$tmp/deps"
chmod 644 "$tmp/deps"
rc=0
SENDPACK_DEPS_FILE="$tmp/deps" as_nobody bash ./scripts/ensure-deps >"$tmp/out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "exit $rc, expected 1: $(cat "$tmp/out")"
grep -qx '  apt-get install -y sendpack-no-such-package-a sendpack-no-such-package-b' "$tmp/out" \
  || fail "no exact apt-get line: $(cat "$tmp/out")"
echo "ok: ensure-deps"
