# Shared by the HTTP benchmarks (http_calculator.sh, http_case_file.sh); sourced, not run.
# Sets `tmp` (a temporary folder removed at exit) and provides start_nabijd.

command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }
tmp="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# start_nabijd NABIJD DB THREADS REQUEST_LOG RULES_DIR: starts nabijd on a free port; sets pid and port.
start_nabijd() {
  [[ -x "$1" ]] || { echo "no $1: build the release preset first" >&2; exit 2; }
  "$1" --port 0 --db "$2" --threads "$3" --request-log "$4" --rules "$5" >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  for _ in $(seq 1 100); do grep -q 'luistert op' "$tmp/out" 2>/dev/null && break; sleep 0.1; done
  port="$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")"
  [[ -n "$port" ]] || { cat "$tmp/out" "$tmp/err" >&2; exit 1; }
}
