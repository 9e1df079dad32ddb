#!/usr/bin/env bash
# Browser tests of the web UI: the real nabijd (--demo, a temporary SQLite file, --port 0) serving
# web/dist, driven by playwright-core in Debian's headless Chromium (tests/browser/ui.test.mjs).
#
#   bash tests/browser/run.sh NABIJD SOURCE_DIR [SCREENSHOT_DIR]
#
# Exits 77 (ctest: skipped) when Chromium, web/dist or web/node_modules is missing; in CI
# scripts/setup.sh installs Chromium and builds web/ first, so there it really runs.
set -euo pipefail

NABIJD="${1:?usage: run.sh NABIJD SOURCE_DIR [SCREENSHOT_DIR]}"
SRC="$(cd "${2:?usage: run.sh NABIJD SOURCE_DIR [SCREENSHOT_DIR]}" && pwd)"
SHOTS="${3:-$SRC/build/browser-screenshots}"
NABIJ="$(dirname "$NABIJD")/nabij"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

skip() { echo "SKIPPED: $*"; exit 77; }
[[ -x "$CHROMIUM" ]] || skip "no Chromium at $CHROMIUM (scripts/setup.sh deps installs it)"
[[ -f "$SRC/web/dist/index.html" ]] || skip "web/dist is not built (cd web && npm ci && npm run build)"
[[ -d "$SRC/web/node_modules/playwright-core" ]] || skip "web/node_modules has no playwright-core (cd web && npm ci)"
command -v node >/dev/null 2>&1 || skip "node is not installed"
[[ -x "$NABIJ" ]] || { echo "no nabij command line next to $NABIJD" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/nabij-browser.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

DB="$TMP/nabij.db"
"$NABIJD" --demo --demo-households 150 --demo-applications 12 --db "$DB" --port 0 \
  --web-dir "$SRC/web/dist" --rules "$SRC/rules" --request-log off --threads 2 >"$TMP/out" 2>"$TMP/err" &
SERVER_PID=$!

PORT="" ADMIN_PW=""
for _ in $(seq 1 600); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "nabijd stopped:" >&2; cat "$TMP/out" "$TMP/err" >&2; exit 1
  fi
  PORT="$(sed -n 's|.*luistert op http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$TMP/out" | head -n 1)"
  ADMIN_PW="$(sed -n 's/.*eenmalig wachtwoord: \([^ ]*\).*/\1/p' "$TMP/out" | head -n 1)"
  [[ -n "$PORT" && -n "$ADMIN_PW" ]] && break
  sleep 0.2
done
[[ -n "$PORT" ]] || { echo "nabijd printed no port:" >&2; cat "$TMP/out" "$TMP/err" >&2; exit 1; }

# One-time passwords of the accounts the test uses, from the command line on the same database.
user_pw() {
  "$NABIJ" user add "$1" --role "$2" --db "$DB" | sed -n 's/^eenmalig wachtwoord: *//p'
}
KMI_PW="$(user_pw t.klant klantmanager_inkomen)"
FA1_PW="$(user_pw t.fin.een financiele_administratie)"
FA2_PW="$(user_pw t.fin.twee financiele_administratie)"
BELEID_PW="$(user_pw t.beleid beleid)"
AUDITOR_PW="$(user_pw t.audit auditor)"
[[ -n "$KMI_PW" && -n "$FA1_PW" && -n "$FA2_PW" && -n "$BELEID_PW" && -n "$AUDITOR_PW" ]] || { echo "nabij user add gave no password" >&2; exit 1; }

mkdir -p "$SHOTS"
BASE_URL="http://127.0.0.1:$PORT" ADMIN_PW="$ADMIN_PW" KMI_PW="$KMI_PW" FA1_PW="$FA1_PW" FA2_PW="$FA2_PW" \
  BELEID_PW="$BELEID_PW" AUDITOR_PW="$AUDITOR_PW" SHOTS="$SHOTS" CHROMIUM="$CHROMIUM" WEB_DIR="$SRC/web" \
  node "$SRC/tests/browser/ui.test.mjs"
SHV_PW="$(user_pw t.schuld schuldhulpverlener)" BELEID_FUND_PW="$(user_pw t.beleid.fonds beleid)" BASE_URL="http://127.0.0.1:$PORT" SHOTS="$SHOTS" CHROMIUM="$CHROMIUM" WEB_DIR="$SRC/web" node "$SRC/tests/browser/debt.test.mjs"
