#!/usr/bin/env bash
# HTTP benchmark of the public calculator: wrk on loopback against nabijd, 64 keep-alive
# connections, POST /api/v1/calculator with a household and a part-time series of 5 points.
# Prints the setup (commit, machine, build, settings) and wrk's figures (requests/s, latency
# percentiles, errors). Results go to bench/RESULTS.md by hand, with the command.
#
#   bash bench/http_calculator.sh [NABIJD] [SECONDS] [SERVER_THREADS] [WRK_THREADS]
#
# NABIJD defaults to build/release/src/app/nabijd (bash scripts/setup.sh build). Needs wrk
# (Debian package wrk). The server logs each request to a file, as in production.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nabijd="${1:-$root/build/release/src/app/nabijd}"
seconds="${2:-10}"
server_threads="${3:-2}"
wrk_threads="${4:-2}"
connections=64
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }
[[ -x "$nabijd" ]] || { echo "no $nabijd: build the release preset first" >&2; exit 2; }
tmp="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

"$nabijd" --port 0 --db "$tmp/bench.db" --threads "$server_threads" --request-log "$tmp/requests.log" \
  --rules "$root/rules" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 1 100); do grep -q 'luistert op' "$tmp/out" 2>/dev/null && break; sleep 0.1; done
port="$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")"
[[ -n "$port" ]] || { cat "$tmp/out" "$tmp/err" >&2; exit 1; }

cat >"$tmp/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"household":{"month":"2026-01","members":[{"role":"applicant","age":35},{"role":"child","age":6}]},' ..
           '"parttime":{"hourly_wage":1400,"hours":[0,8,16,24,32]}}'
done = function(summary, latency, requests)
  io.write(string.format("summary: %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d (connect %d, read %d, write %d, status %d, timeout %d)\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
    summary.errors.timeout, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
LUA
echo "nabij http_calculator: commit $(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)," \
  "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "nabijd $nabijd --threads $server_threads; wrk -t$wrk_threads -c$connections -d${seconds}s, keep-alive, POST /api/v1/calculator (5 part-time points)"
# One request first, so a broken server fails here and not as a wall of non-2xx answers.
curl -sf -X POST "http://127.0.0.1:$port/api/v1/calculator" -H 'Content-Type: application/json' \
  -d '{"household":{"month":"2026-01","members":[{"role":"applicant","age":35}]}}' >/dev/null ||
  { echo "the calculator does not answer 200" >&2; exit 1; }
wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --latency -s "$tmp/post.lua" "http://127.0.0.1:$port/api/v1/calculator"
echo "request log lines: $(wc -l <"$tmp/requests.log"), non-200: $(grep -vc '"status":200' "$tmp/requests.log" || true)"
