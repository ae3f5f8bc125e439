#!/usr/bin/env bash
# Runs the whole suite (unit, service and route tests) on the database named by DATABASE_URL:
# the embedded PGlite by default, a PostgreSQL server when DATABASE_URL=postgres://…
# The shell expands the paths: `tsx --test` without paths runs nothing on Node 20.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
export TZ=UTC
files=(src/**/*.test.ts test/**/*.test.ts)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-2}" "$@" "${files[@]}"
