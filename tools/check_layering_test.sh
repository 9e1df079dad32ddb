#!/usr/bin/env bash
# Tests tools/check_layering against small source trees built in a temporary directory.
#
#   tools/check_layering_test.sh PATH/TO/check_layering
#
# Each case states the exit status it expects and, where it matters, a line the output must hold.
# Prints one line per check; exits 1 if any check fails, 2 on bad arguments.
set -euo pipefail

if [[ $# -ne 1 || ! -x "$1" ]]; then
  echo "usage: $0 PATH/TO/check_layering (an executable)" >&2
  exit 2
fi
checker="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failures=0

# The layers of ARCHITECTURE.md, as in tools/layers.txt.
cat >"$work/layers.txt" <<'EOF'
# module rank
base 1
rules 2
ledger 2
pw 3
bvv 3
golden 4
cases 4
sim 4
api 5
store/sqlite 5
store/postgres 5
app 6
EOF

# write FILE CONTENT...: creates $work/case/FILE with one line per CONTENT argument.
write() {
  local file="$work/case/$1"
  shift
  mkdir -p "$(dirname "$file")"
  printf '%s\n' "$@" >"$file"
}

# A tree that keeps every rule: downward includes, includes within a module, store/* including
# the rank-4 interface it implements, third-party and standard includes, a relative include within
# the module, and an upward include that is commented out.
good_tree() {
  rm -rf "$work/case"
  write base/money.h '#pragma once' '#include <cstdint>'
  write rules/parameter_set.h '#pragma once' '#include "base/money.h"'
  write pw/norm.h '#pragma once' '#include "rules/parameter_set.h"' '#include "base/money.h"'
  write pw/norm.cc '#include "pw/norm.h"' '#include "norm.h"' '#include <vector>'
  write pw/detail/round.h '#pragma once' '#include "../norm.h"'
  write pw/norm_test.cc '#include "pw/norm.h"' '// #include "sim/reform.h"' \
    '/* #include "api/router.h"' '   #include "app/main.h" */' '#include "gtest/gtest.h"'
  write cases/case_store.h '#pragma once' '#include "pw/norm.h"' '#include "base/money.h"'
  write store/sqlite/case_store.cc '#include "cases/case_store.h"' \
    '#include "store/sqlite/db.h"' '#include <sqlite3.h>'
  write store/sqlite/db.h '#pragma once'
  write api/router.cc '#include "cases/case_store.h"' '#include "nlohmann/json.hpp"'
  write app/main.cc '#include "api/router.h"' '#include "store/sqlite/db.h"' \
    '#include "store/postgres/db.h"'
}

# expect NAME STATUS [PATTERN]: runs the checker on $work/case and checks that it exits with STATUS
# and, given a PATTERN, that a line of its output matches it (grep -E).
expect() {
  local name="$1" want_status="$2" pattern="${3:-}"
  local output status=0
  output="$(cd "$work" && "$checker" case layers.txt 2>&1)" || status=$?
  local ok=1
  if [[ "$status" -ne "$want_status" ]]; then
    ok=0
  elif [[ -n "$pattern" ]] && ! grep -qE -- "$pattern" <<<"$output"; then
    ok=0
  fi
  if [[ "$ok" -eq 1 ]]; then
    echo "ok    $name (exit $status)"
  else
    echo "FAIL  $name: want exit $want_status${pattern:+ and output matching /$pattern/}," \
      "got exit $status with output:"
    sed 's/^/      /' <<<"$output"
    failures=$((failures + 1))
  fi
}

echo "check_layering: $checker"

good_tree
expect "good tree passes" 0 '^layering ok: 11 files, 7 modules$'

good_tree
write pw/bijstandsnorm.cc '#include "pw/norm.h"' '' '#include "sim/reform.h"'
expect "upward include pw -> sim fails, naming file and line" 1 \
  '^case/pw/bijstandsnorm\.cc:3: pw \(rank 3\) includes sim \(rank 4\)$'

good_tree
write base/date.h '#pragma once' '#include "app/config.h"'
expect "upward include base -> app fails" 1 \
  '^case/base/date\.h:2: base \(rank 1\) includes app \(rank 6\)$'

good_tree
write pw/detail/leak.h '#pragma once' '#include "../../sim/reform.h"'
expect "relative upward include fails" 1 \
  '^case/pw/detail/leak\.h:2: pw \(rank 3\) includes sim \(rank 4\)$'

good_tree
write sim/reform.cc '#include "base/money.h"' '#include "cases/case_store.h"'
expect "sideways include between rank-4 modules sim -> cases fails" 1 \
  '^case/sim/reform\.cc:2: sim \(rank 4\) includes cases \(rank 4\)$'

good_tree
write store/postgres/case_store.cc '#include "store/sqlite/db.h"'
expect "sideways include store/postgres -> store/sqlite fails" 1 \
  '^case/store/postgres/case_store\.cc:1: store/postgres \(rank 5\) includes store/sqlite \(rank 5\)$'

good_tree
write api/handlers.cc '#include "store/sqlite/db.h"'
expect "api -> store/sqlite (same rank) fails" 1 'api \(rank 5\) includes store/sqlite \(rank 5\)'

good_tree
write payments/run.cc '#include "base/money.h"'
expect "unknown module folder fails" 1 '^case/payments: module payments is not in layers\.txt$'

good_tree
write store/mysql/db.cc '#include "base/money.h"'
expect "unknown module under a parent folder fails" 1 \
  '^case/store/mysql: module store/mysql is not in layers\.txt$'

good_tree
write store/common.h '#pragma once'
expect "source file outside every module fails" 1 '^case/store/common\.h: file is in no module'

good_tree
write sim/a.cc '#include "app/x.h"'
write sim/b.cc '#include "base/money.h"' '#include "api/y.h"'
write newmod/c.cc ''
expect "every violation is reported (count line)" 1 '^layering violated: 3 problem\(s\)$'

# Bad arguments and unreadable input: exit 2.
good_tree
status=0
"$checker" >/dev/null 2>&1 || status=$?
if [[ "$status" -eq 2 ]]; then echo "ok    no arguments (exit 2)"; else
  echo "FAIL  no arguments: want exit 2, got $status"; failures=$((failures + 1)); fi

expect_usage() {
  local name="$1" src="$2" layers="$3" pattern="$4"
  local output status=0
  output="$(cd "$work" && "$checker" "$src" "$layers" 2>&1)" || status=$?
  if [[ "$status" -eq 2 ]] && grep -qE -- "$pattern" <<<"$output"; then
    echo "ok    $name (exit 2)"
  else
    echo "FAIL  $name: want exit 2 and /$pattern/, got exit $status with output:"
    sed 's/^/      /' <<<"$output"
    failures=$((failures + 1))
  fi
}
expect_usage "missing layers file" case missing.txt 'cannot read layers file'
expect_usage "missing source folder" no-such-dir layers.txt 'not a readable directory'
printf 'base one\n' >"$work/bad-rank.txt"
expect_usage "malformed rank" case bad-rank.txt 'bad-rank\.txt:1: rank of base must be a positive'
printf 'base 1\nbase 2\n' >"$work/twice.txt"
expect_usage "module listed twice" case twice.txt 'twice\.txt:2: module base is listed twice'
if [[ "$(id -u)" -ne 0 ]]; then  # root reads any file, so this case only means something otherwise
  chmod 000 "$work/case/pw/norm.cc"
  expect_usage "unreadable source file" case layers.txt 'cannot read case/pw/norm\.cc'
  chmod 644 "$work/case/pw/norm.cc"
fi

if [[ "$failures" -ne 0 ]]; then
  echo "check_layering_test: $failures check(s) FAILED"
  exit 1
fi
echo "check_layering_test: all checks passed"
