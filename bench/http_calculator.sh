#!/usr/bin/env bash
# HTTP benchmark of the public calculator: wrk on loopback against nabijd, 64 keep-alive
# connections, POST /api/v1/calculator with a household and a part-time series of 5 points.
# Prints the setup (commit, machine, build, settings) and wrk's figures (requests/s, latency
# percentiles, errors). Results go to bench/RESULTS.md by hand, with the command.
#
#   bash bench/http_calculator.sh [NABIJD] [SECONDS] [SERVER_THREADS] [WRK_THREADS] [REQUEST_LOG]
#
# REQUEST_LOG is "file" (default: every request logged to a file, as in production) or "off".
# NABIJD defaults to build/release/src/app/nabijd (bash scripts/setup.sh build). Needs wrk
# (Debian package wrk). The server logs each request to a file, as in production.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nabijd="${1:-$root/build/release/src/app/nabijd}"
seconds="${2:-10}"
server_threads="${3:-2}"
wrk_threads="${4:-2}"
request_log="${5:-file}"
connections=64
# shellcheck source=bench/http_common.sh
source "$root/bench/http_common.sh"
log_target="$tmp/requests.log"
[[ "$request_log" == "off" ]] && log_target=off
start_nabijd "$nabijd" "$tmp/bench.db" "$server_threads" "$log_target" "$root/rules"

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
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }  # user + system, in clock ticks
before_ticks="$(cpu_ticks)"
wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --latency -s "$tmp/post.lua" \
  "http://127.0.0.1:$port/api/v1/calculator" | tee "$tmp/wrk.txt"
# CPU time the server used per request: what the figure would be on idle cores, whatever else
# the machine was doing during the run.
ticks=$(( $(cpu_ticks) - before_ticks ))
served="$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$tmp/wrk.txt")"  # as wrk counted them
awk -v t="$ticks" -v n="$served" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { printf "server CPU: %.1f us per request (%d requests, %.2f s CPU); load average %s\n", t / hz * 1e6 / n, n, t / hz, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'" }'
if [[ "$request_log" != "off" ]]; then
  sleep 1.5  # the log file is flushed every second
  echo "request log lines: $(wc -l <"$tmp/requests.log"), non-200: $(grep -vc '"status":200' "$tmp/requests.log" || true)"
fi
