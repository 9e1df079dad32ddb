#!/usr/bin/env bash
# The web UI's unit tests (vitest: euro formatting, form validation, error mapping).
#   bash tests/browser/unit.sh SOURCE_DIR
# Exits 77 (ctest: skipped) when node or web/node_modules is missing (cd web && npm ci).
set -euo pipefail
SRC="$(cd "${1:?usage: unit.sh SOURCE_DIR}" && pwd)"
command -v node >/dev/null 2>&1 || { echo "SKIPPED: node is not installed"; exit 77; }
[[ -x "$SRC/web/node_modules/.bin/vitest" ]] || { echo "SKIPPED: web/node_modules is missing (cd web && npm ci)"; exit 77; }
cd "$SRC/web"
exec node_modules/.bin/vitest run
