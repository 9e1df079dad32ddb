#!/usr/bin/env bash
# HTTP benchmark of opening a client file: GET /api/v1/cases/{id} with a random id among N demo
# households (default 100,000) in the SQLite store, as a signed-in klantmanager inkomen; each
# request also writes its access-log row. wrk on loopback, 16 keep-alive connections.
#
#   bash bench/http_case_file.sh [NABIJD] [HOUSEHOLDS] [SECONDS] [SERVER_THREADS] [CONNECTIONS]
#
# Builds the database with `nabij demo-data` (next to NABIJD) once per run in a temporary folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nabijd="${1:-$root/build/release/src/app/nabijd}"
households="${2:-100000}"
seconds="${3:-10}"
server_threads="${4:-2}"
connections="${5:-16}"
nabij="$(dirname "$nabijd")/nabij"
# shellcheck source=bench/http_common.sh
source "$root/bench/http_common.sh"
db="$tmp/bench.db"
start=$SECONDS
"$nabij" demo-data --households "$households" --db "$db" --rules "$root/rules" >/dev/null
"$nabij" user init --db "$db" >/dev/null
one_time="$("$nabij" user add k.jansen --role klantmanager_inkomen --db "$db" | sed -n 's/^eenmalig wachtwoord: //p')"
echo "database with $households households made in $((SECONDS - start)) s"

start_nabijd "$nabijd" "$db" "$server_threads" "$tmp/requests.log" "$root/rules"
base="http://127.0.0.1:$port/api/v1"

# Sign in with the one-time password and choose a new one: the session of the new password.
login="$(curl -sf -i -X POST "$base/session" -H 'Content-Type: application/json' \
  -d "{\"name\":\"k.jansen\",\"password\":\"$one_time\"}")"
cookie="$(sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/p' <<<"$login" | tr -d '\r')"
csrf="$(sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p' <<<"$login")"
changed="$(curl -sf -i -X PUT "$base/session/password" -H 'Content-Type: application/json' \
  -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
  -d "{\"old_password\":\"$one_time\",\"new_password\":\"bench-wachtwoord-lang-genoeg\"}")"
cookie="$(sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/p' <<<"$changed" | tr -d '\r')"
curl -sf "$base/cases/1" -H "Cookie: $cookie" >/dev/null || { echo "cannot open case 1" >&2; exit 1; }

cat >"$tmp/get.lua" <<LUA
math.randomseed(42)
wrk.headers["Cookie"] = "$cookie"
request = function()
  return wrk.format("GET", "/api/v1/cases/" .. math.random(1, $households))
end
done = function(summary, latency, requests)
  io.write(string.format("summary: %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d (status %d, timeout %d)\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
    summary.errors.timeout, summary.errors.status, summary.errors.timeout))
end
LUA
echo "nabij http_case_file: commit $(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)," \
  "$(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "nabijd --threads $server_threads, $households households; wrk -t1 -c$connections -d${seconds}s, GET /api/v1/cases/{random id}"
wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$tmp/get.lua" "http://127.0.0.1:$port/"
sleep 1.5  # the request log file is flushed every second
# Each file answered was first written to the access log (a read that cannot be logged is refused).
echo "client files answered (each with its access-log row): $(grep -c '"route":"GET /api/v1/cases/{id}","status":200' "$tmp/requests.log")"
echo "request log lines: $(wc -l <"$tmp/requests.log"), non-200: $(grep -vc '"status":200' "$tmp/requests.log" || true)"
