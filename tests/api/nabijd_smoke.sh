#!/usr/bin/env bash
# nabijd smoke test: starts the program with --demo on port 0 and a fresh database, reads the
# address and the one-time password it prints, logs in over HTTP, checks the request log, stops
# it with SIGTERM and expects a clean exit. Usage: nabijd_smoke.sh NABIJD SOURCE_DIR
set -euo pipefail
nabijd="$1"
src="$2"
tmp="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  echo "--- stdout" >&2; cat "$tmp/out" >&2 || true
  echo "--- stderr" >&2; cat "$tmp/err" >&2 || true
  exit 1
}

# Settings from a file, one overridden by the environment, one by the command line.
printf 'port: 1\nthreads = 2\n# a comment\ndemo-households: 25\n' >"$tmp/nabijd.yaml"
NABIJ_PORT=0 "$nabijd" --config "$tmp/nabijd.yaml" --demo --db "$tmp/nabij.db" --rules "$src/rules" \
  --web-dir "$tmp" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 1 200); do
  grep -q 'eenmalig wachtwoord' "$tmp/out" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || fail "nabijd exited early"
  sleep 0.1
done
port="$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")"
password="$(sed -n 's/.*eenmalig wachtwoord: \([^ ]*\)$/\1/p' "$tmp/out")"
[[ -n "$port" && -n "$password" ]] || fail "no address or one-time password printed"
grep -q '25 synthetische demodossiers' "$tmp/out" || fail "demo data not made from the config file"

exec 3<>"/dev/tcp/127.0.0.1/$port"
body="{\"name\":\"beheerder\",\"password\":\"$password\"}"
printf 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
  "${#body}" "$body" >&3
reply="$(cat <&3)"
exec 3<&-
grep -q '^HTTP/1.1 200' <<<"$reply" || fail "login did not answer 200: $reply"
grep -q 'Set-Cookie: nabij_session=' <<<"$reply" || fail "no session cookie"
grep -q '"must_change_password":true' <<<"$reply" || fail "the one-time password is not marked"

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
[[ $status -eq 0 ]] || fail "nabijd exited with status $status after SIGTERM"
grep -q 'nabijd is gestopt' "$tmp/out" || fail "no clean stop"
grep -q '"route":"POST /api/v1/session","status":200' "$tmp/err" || fail "no request log line"
if grep -q "$password" "$tmp/err"; then fail "the one-time password is in the log"; fi
echo "nabijd smoke test: 1 passed, 0 failed"
