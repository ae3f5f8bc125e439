#!/usr/bin/env bash
# Browser and start-up checks: each test/e2e/*.e2e.ts starts the real app as a child process
# on a fresh embedded database and a free loopback port. Needs Debian's /usr/bin/chromium.
# The shell expands the paths (node 20 has no glob support in --test); files run one at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
export TZ=UTC
unset DATABASE_URL
files=(test/e2e/*.e2e.ts)
if [ "${#files[@]}" -eq 0 ]; then echo "no e2e test files found" >&2; exit 1; fi
if [ ! -x /usr/bin/chromium ]; then echo "/usr/bin/chromium is missing: apt-get install -y chromium fonts-noto-core" >&2; exit 1; fi
mkdir -p artifacts/e2e
exec node --import tsx --test --test-concurrency=1 "$@" "${files[@]}"
