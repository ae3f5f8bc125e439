#!/usr/bin/env bash
# format + lint + types + module boundaries; warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== prettier"; npx prettier --check --log-level warn .
echo "== eslint";   npx eslint --max-warnings 0 .
echo "== tsc";      npx tsc -p tsconfig.json
echo "== boundaries"; npx depcruise --config .dependency-cruiser.cjs src
echo "check: clean"
