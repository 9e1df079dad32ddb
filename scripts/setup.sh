#!/usr/bin/env bash
# setup.sh: the one set-up script of nabij. Installs the Debian 12 packages the project needs,
# builds it, runs the demo and runs every test stage that CI runs.
#
#   scripts/setup.sh deps        install the Debian packages (apt-get update only if one is missing)
#   scripts/setup.sh build       deps, then configure and build the `release` preset, and the web UI
#                                (`npm ci && npm run build` in web/, into web/dist)
#   scripts/setup.sh run [ARGS]  build, then start the server `build/release/src/app/nabijd --demo ARGS`
#                                on a demo database made anew (build/demo/nabij.db); it prints the
#                                address and the administrator's one-time password; Ctrl-C stops it
#   scripts/setup.sh test        deps; debug build (ASan+UBSan) and its ctest; fuzz build and each
#                                fuzzer for a bounded time; release build and each benchmark once
#
# Idempotent and non-interactive. Runs as root on a fresh Debian 12 machine; as another user it
# installs through sudo when sudo exists. Environment:
#   NABIJ_FUZZ_SECONDS   seconds per fuzzer in `test` (default 30)
set -euo pipefail

readonly PACKAGES=(
  build-essential g++ cmake ninja-build pkg-config
  libyaml-cpp-dev nlohmann-json3-dev libfmt-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  libsqlite3-dev libxml2-dev libxml2-utils libxlsxwriter-dev unzip
  libargon2-dev libssl-dev
  libboost-dev wrk
  libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils
  clang-14 libclang-rt-14-dev
  ca-certificates
  chromium
)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
JOBS="$(nproc 2>/dev/null || echo 2)"
readonly JOBS
export DEBIAN_FRONTEND=noninteractive
# Stack traces for UndefinedBehaviorSanitizer reports, unless the caller chose otherwise.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

STAGE="start"
TMP_ROOT=""

usage() {  # the comment block at the top of this file
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

heading() {
  STAGE="$1"
  printf '\n==== %s ====\n' "$1"
}

die() {
  echo "setup.sh: error: $*" >&2
  exit 1
}

on_exit() {
  local status=$?
  if [[ -n "$TMP_ROOT" ]]; then rm -rf "$TMP_ROOT"; fi
  if [[ $status -ne 0 && "$STAGE" != "start" ]]; then
    echo "setup.sh: FAILED in stage '$STAGE' (exit status $status)" >&2
  fi
  exit "$status"
}
trap on_exit EXIT

tmp_root() {
  if [[ -z "$TMP_ROOT" ]]; then TMP_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/nabij-setup.XXXXXX")"; fi
}

# as_root CMD...: runs CMD as root: directly when we are root, else through sudo.
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    if [[ -t 0 ]]; then
      sudo env DEBIAN_FRONTEND=noninteractive "$@"
    else
      sudo -n env DEBIAN_FRONTEND=noninteractive "$@"  # no terminal: never wait for a password
    fi
  else
    die "not root and sudo is not installed; run as root: $*"
  fi
}

is_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == "installed" ]]
}

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    if ! is_installed "$p"; then echo "$p"; fi
  done
}

stage_deps() {
  heading "deps: Debian packages"
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    die "dpkg-query and apt-get not found: nabij is set up on Debian 12"
  fi
  if [[ -r /etc/os-release ]] && ! grep -q '^VERSION_ID="12"' /etc/os-release; then
    echo "warning: this is not Debian 12; going on, but only Debian 12 is supported"
  fi
  local missing
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    echo "all ${#PACKAGES[@]} packages are installed"
    web_deps
    return
  fi
  echo "missing: ${missing[*]}"
  echo "running apt-get update ..."
  as_root apt-get -o DPkg::Lock::Timeout=300 update -q
  echo "installing ${#missing[@]} package(s) ..."
  as_root apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}"
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -ne 0 ]]; then
    die "still not installed after apt-get install: ${missing[*]}"
  fi
  echo "all ${#PACKAGES[@]} packages are installed"
  web_deps
}

# Node.js and npm for the web UI: Debian's packages, only when no `node` is installed at all (a
# machine that has Node.js from elsewhere keeps it; Debian's npm would conflict with it).
web_deps() {
  if ! command -v node >/dev/null 2>&1; then
    echo "node not found: installing Debian's nodejs and npm ..."
    as_root apt-get -o DPkg::Lock::Timeout=300 update -q
    as_root apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends nodejs npm
  fi
}

# Builds the web UI into web/dist (served by nabijd); skipped with a message when npm is missing.
stage_web() {
  heading "build: web UI (web/)"
  if ! command -v npm >/dev/null 2>&1; then
    echo "SKIPPED: npm is not installed, so web/dist is not built (nabijd then serves only the API;"
    echo "         the web_unit and browser_ui tests are skipped)"
    return
  fi
  (cd "$ROOT/web" && npm ci --no-audit --no-fund && npm run build)
}

require_tools() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || die "'$t' not found on PATH (run: scripts/setup.sh deps)"
  done
}

# build_preset NAME: configures and builds one CMake preset into build/NAME.
build_preset() {
  local preset="$1" start=$SECONDS
  heading "build: preset $preset ($JOBS jobs)"
  require_tools cmake ninja
  cd "$ROOT"
  cmake --preset "$preset"
  cmake --build --preset "$preset" --parallel "$JOBS"
  echo "built preset $preset in $((SECONDS - start)) s"
}

cmd_run() {
  local bin="$ROOT/build/release/src/app/nabijd"
  [[ -x "$bin" ]] || die "the release build made no executable $bin (is src/app built yet?)"
  heading "run: nabijd --demo"
  local demo_dir="$ROOT/build/demo"
  mkdir -p "$demo_dir"
  rm -f "$demo_dir/nabij.db" "$demo_dir/nabij.db-wal" "$demo_dir/nabij.db-shm"
  local status=0
  "$bin" --demo --db "$demo_dir/nabij.db" "$@" || status=$?
  if [[ $status -ne 0 ]]; then
    echo "setup.sh: 'nabijd --demo' exited with status $status" >&2
    exit "$status"
  fi
}

# Sets CTEST_COUNT to the number of tests ctest ran.
CTEST_COUNT=0
stage_debug_tests() {
  heading "test: ctest --preset debug"
  tmp_root
  local log="$TMP_ROOT/ctest-debug.log"
  cd "$ROOT"
  ctest --preset debug --parallel "$JOBS" --no-tests=error 2>&1 | tee "$log"
  CTEST_COUNT="$(sed -n 's/.* tests\{0,1\} failed out of \([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)"
  CTEST_COUNT="${CTEST_COUNT:-0}"
}

# Sets FUZZ_SUMMARY.
FUZZ_SUMMARY=""
FUZZ_COUNT=0
stage_fuzz() {
  local seconds="${NABIJ_FUZZ_SECONDS:-30}"
  [[ "$seconds" =~ ^[1-9][0-9]*$ ]] ||
    die "NABIJ_FUZZ_SECONDS must be a positive whole number of seconds, not '$seconds'"
  require_tools clang++-14
  build_preset fuzz

  heading "test: fuzzers, $seconds s each"
  local dir="$ROOT/build/fuzz/tests/fuzz"
  local fuzzers=()
  if [[ -d "$dir" ]]; then
    mapfile -t fuzzers < <(find "$dir" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x | sort)
  fi
  if [[ ${#fuzzers[@]} -eq 0 ]]; then
    echo "SKIPPED: no fuzz binaries (fuzz_*) in build/fuzz/tests/fuzz/"
    FUZZ_SUMMARY="fuzz skipped (no fuzzers built)"
    return
  fi
  tmp_root
  local bin name corpus log artifacts status
  for bin in "${fuzzers[@]}"; do
    name="$(basename "$bin")"
    corpus="$TMP_ROOT/corpus-$name"
    log="$TMP_ROOT/$name.log"
    # Crash inputs are kept under build/ (ignored by git) so that they can be replayed.
    artifacts="$ROOT/build/fuzz/artifacts/$name"
    mkdir -p "$corpus" "$artifacts"
    local seeds="$ROOT/tests/fuzz/corpus/${name#fuzz_}"
    if [[ -d "$seeds" ]]; then
      cp -R "$seeds/." "$corpus/"
      echo "-- $name: $(find "$corpus" -type f | wc -l) seed input(s) from tests/fuzz/corpus/${name#fuzz_}/"
    else
      echo "-- $name: no seed corpus (tests/fuzz/corpus/${name#fuzz_}/ does not exist)"
    fi
    status=0
    (cd "$TMP_ROOT" && "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=60 \
      -artifact_prefix="$artifacts/" "$corpus") >"$log" 2>&1 || status=$?
    if [[ $status -ne 0 ]]; then
      echo "last lines of the $name log:"
      tail -n 60 "$log"
      echo "crash input(s) kept in build/fuzz/artifacts/$name/:"
      ls -1 "$artifacts" || true
      die "fuzzer $name failed (exit status $status); replay with: $bin build/fuzz/artifacts/$name/<file>"
    fi
    echo "   ok: $(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1 || echo 'finished')"
    FUZZ_COUNT=$((FUZZ_COUNT + 1))
  done
  FUZZ_SUMMARY="$FUZZ_COUNT fuzzer(s) ran $seconds s each without a crash"
}

BENCH_SUMMARY=""
BENCH_COUNT=0
stage_bench() {
  build_preset release
  heading "test: benchmarks, once each on a tiny run"
  local benches=()
  if [[ -d "$ROOT/build/release/bench" ]]; then
    mapfile -t benches < <(find "$ROOT/build/release/bench" -maxdepth 1 -type f -name 'bench_*' \
      -perm -u+x | sort)
  fi
  if [[ ${#benches[@]} -eq 0 ]]; then
    echo "SKIPPED: no benchmark executables (bench_*) in build/release/bench/"
    BENCH_SUMMARY="benchmarks skipped (none built)"
    return
  fi
  local bin
  for bin in "${benches[@]}"; do
    echo "-- $(basename "$bin")"
    # Google Benchmark 1.7.1 (Debian 12) takes a plain number of seconds.
    NABIJ_BENCH_N="${NABIJ_BENCH_N:-10000}" "$bin" --benchmark_min_time=0.01 || die "benchmark $(basename "$bin") failed"
    BENCH_COUNT=$((BENCH_COUNT + 1))
  done
  BENCH_SUMMARY="$BENCH_COUNT benchmark(s) ran once"
}

cmd_test() {
  local start=$SECONDS
  stage_deps
  stage_web
  build_preset debug
  stage_debug_tests
  stage_fuzz
  stage_bench
  STAGE="summary"
  printf '\n==== summary ====\n'
  echo "debug ctest: $CTEST_COUNT test(s) passed; $FUZZ_SUMMARY; $BENCH_SUMMARY; $((SECONDS - start)) s"
  echo "summary: $((CTEST_COUNT + FUZZ_COUNT + BENCH_COUNT)) passed, 0 failed"
}

main() {
  local cmd="${1:-}"
  if [[ $# -gt 0 ]]; then shift; fi
  case "$cmd" in
    deps | build | test)
      [[ $# -eq 0 ]] || die "'$cmd' takes no arguments"
      ;;
  esac
  case "$cmd" in
    deps)
      stage_deps
      ;;
    build)
      stage_deps
      build_preset release
      stage_web
      ;;
    run)
      stage_deps
      build_preset release
      stage_web
      cmd_run "$@"
      ;;
    test)
      cmd_test
      ;;
    -h | --help | help)
      usage
      ;;
    "")
      usage >&2
      exit 2
      ;;
    *)
      echo "setup.sh: unknown command '$cmd'" >&2
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
