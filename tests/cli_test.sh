#!/usr/bin/env bash
# Integration test of the nabij command line: real binary, real rules/, real files.
# Usage: cli_test.sh PATH/TO/nabij SOURCE_DIR
set -uo pipefail
nabij=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass=0

check() {  # check NAME EXPECTED_EXIT GREP_PATTERN -- command...
  local name=$1 want=$2 pattern=$3
  shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [[ $rc -ne $want ]]; then
    echo "FAIL $name: exit $rc, expected $want"; cat "$tmp/out" "$tmp/err" | head -20; fails=$((fails + 1)); return
  fi
  if ! grep -qE -- "$pattern" "$tmp/out" "$tmp/err"; then
    echo "FAIL $name: output does not match /$pattern/"; cat "$tmp/out" "$tmp/err" | head -20; fails=$((fails + 1)); return
  fi
  echo "ok   $name"; pass=$((pass + 1))
}

check "calc prints the norm with its article" 0 'Kostendelersnorm de aanvrager +€ 1\.001,07 +Pw art\. 22a lid 1' -- \
  "$nabij" calc "$src/examples/alleenstaande-met-broer.json"
check "calc --json gives integer cents" 0 '"norm": 100107' -- \
  "$nabij" calc "$src/examples/alleenstaande-met-broer.json" --json
check "calc reads stdin" 0 '"bijstand": 140150' -- \
  bash -c "echo '{\"month\":\"2026-01\",\"members\":[{\"role\":\"applicant\",\"age\":40}]}' | '$nabij' calc - --json"
check "malformed JSON is a clear error" 2 'parse_error: not valid JSON at byte' -- \
  bash -c "echo '{\"month\": ' | '$nabij' calc -"
check "bad field is named" 2 'members\[0\]\.net_work_income' -- \
  bash -c "echo '{\"month\":\"2026-01\",\"members\":[{\"role\":\"applicant\",\"age\":40,\"net_work_income\":1.5}]}' | '$nabij' calc -"
check "error as JSON with --json" 2 '"code": "invalid_argument"' -- \
  bash -c "echo '{\"month\":\"2026-01\",\"members\":[]}' | '$nabij' calc - --json"
check "missing file" 2 'cannot read the file' -- "$nabij" calc "$tmp/nope.json"
check "month without rules" 2 'rule_missing' -- \
  bash -c "echo '{\"month\":\"2019-01\",\"members\":[{\"role\":\"applicant\",\"age\":40}]}' | '$nabij' calc -"
check "rules check passes on the tree" 0 'regels in orde' -- "$nabij" rules check --rules "$src/rules"
mkdir -p "$tmp/rules/nl/x"
cp "$src/rules/nl/participatiewet/normen/alleenstaande_21_tot_aow.yaml" "$tmp/rules/nl/x/a.yaml"
sed -i 's/value: 140150/value: 1401.50/' "$tmp/rules/nl/x/a.yaml"
check "rules check names file and line" 1 'nl/x/a\.yaml:[0-9]+: an amount is written in integer eurocents' -- \
  "$nabij" rules check --rules "$tmp/rules"
check "rules test runs the golden cases" 0 '^[0-9]+ passed, 0 failed$' -- "$nabij" rules test --rules "$src/rules"
check "unknown command" 2 'unknown command' -- "$nabij" frobnicate
check "demo runs every example" 0 'parttime-in-balans' -- "$nabij" demo
check "population generate" 0 '' -- "$nabij" population generate 500 "$tmp/pop.csv" --month 2026-01 --seed 7
check "calc-batch" 0 '' -- "$nabij" calc-batch "$tmp/pop.csv" "$tmp/out.csv" --month 2026-01
if [[ -f "$tmp/out.csv" && $(wc -l <"$tmp/out.csv") -eq 501 ]]; then echo "ok   batch output has 500 rows"; pass=$((pass + 1));
else echo "FAIL batch output rows"; fails=$((fails + 1)); fi
check "calc-batch on a missing file" 2 '' -- "$nabij" calc-batch "$tmp/none.csv" "$tmp/o2.csv" --month 2026-01
if [[ -e "$tmp/o2.csv" ]]; then echo "FAIL a failed batch left an output file"; fails=$((fails + 1)); fi

db="$tmp/run.db"
check "db init" 0 'schemaversie' -- "$nabij" db init --db "$db"
check "demo-data" 0 '300 synthetische dossiers' -- "$nabij" demo-data --households 300 --month 2026-06 --db "$db"
check "run prepare" 0 'dossiers: +300' -- "$nabij" run prepare --month 2026-06 --user anna --db "$db"
check "four eyes" 1 'someone other than who prepared' -- "$nabij" run approve --month 2026-06 --user anna --db "$db"
check "export before approval" 2 'approved by a second user' -- "$nabij" run export --month 2026-06 --db "$db" --out "$tmp/s.xml"
check "run approve" 0 'goedgekeurd door bert' -- "$nabij" run approve --month 2026-06 --user bert --db "$db"
check "run export" 0 'gevalideerd tegen de XSD' -- "$nabij" run export --month 2026-06 --db "$db" --out "$tmp/s.xml"
check "SEPA file is valid against the official XSD" 0 'validates' -- \
  xmllint --noout --schema "$src/schemas/sepa/pain.001.001.09.xsd" "$tmp/s.xml"
check "run report balances" 0 'totaal debet (€ [0-9.,]+) = totaal credit \1' -- "$nabij" run report --month 2026-06 --db "$db"
check "the audit trail names who approved" 0 'bert +run\.approved' -- "$nabij" run report --month 2026-06 --db "$db"
check "run report as Excel and CSV" 0 'Excel-bestand geschreven' -- \
  "$nabij" run report --month 2026-06 --db "$db" --xlsx "$tmp/run.xlsx" --csv "$tmp/run.csv"
check "the workbook has the three sheets" 0 'Fouten' -- unzip -p "$tmp/run.xlsx" xl/workbook.xml
check "the CSV has a line per payment" 0 '^Kenmerk' -- bash -c "tail -c +4 '$tmp/run.csv' | head -1"
check "run without --month" 2 'month' -- "$nabij" run prepare --user anna --db "$db"

cdb="$tmp/cases.db"
"$nabij" db init --db "$cdb" >/dev/null
check "case apply decides a complete application straight-through" 0 'automatisch besloten.*dossier 1' -- \
  "$nabij" case apply "$src/examples/aanvragen/alleenstaande-automatisch.json" --user anna --db "$cdb"
check "case apply queues an exception with its reason" 0 'Pw art\. 19a lid 2' -- \
  "$nabij" case apply "$src/examples/aanvragen/stel-met-medebewoner.json" --user anna --db "$cdb"
check "case queue shows the days left" 0 'aanvraag 2: melding 2026-11-09, dagen tot besluit' -- "$nabij" case queue --db "$cdb"
check "case apply needs --user" 2 'user' -- \
  "$nabij" case apply "$src/examples/aanvragen/stel-met-medebewoner.json" --db "$cdb"
check "case apply names a bad field" 2 'applicant\.iban' -- bash -c \
  "sed 's/NL91ABNA0417164300/NL00ABNA0417164300/' '$src/examples/aanvragen/alleenstaande-automatisch.json' | '$nabij' case apply - --user anna --db '$cdb'"
check "case decide refuses without a reason" 2 'note' -- "$nabij" case decide 2 --refuse --user bram --db "$cdb"
check "case decide grants and opens the case" 0 'dossier 2 geopend' -- "$nabij" case decide 2 --grant --user bram --db "$cdb"
check "case decide only once" 2 'decided already' -- "$nabij" case decide 2 --grant --user bram --db "$cdb"
check "run prepare pays the new cases" 0 'dossiers: +2' -- "$nabij" run prepare --month 2026-11 --user fin1 --db "$cdb"
check "income report for a paid month opens a recovery claim" 0 'terugvordering 1 van € 225,00' -- \
  "$nabij" income report 1 --month 2026-11 --net-work 30000 --user anna --db "$cdb"
check "income report for a later month changes the right" 0 'nog niet betaald' -- \
  "$nabij" income report 2 --month 2026-12 --net-work 0 --other 5000 --partner --user anna --db "$cdb"
check "income report refuses a month before the right" 2 'no right to bijstand in 2026-09' -- \
  "$nabij" income report 1 --month 2026-09 --net-work 100 --user anna --db "$cdb"
check "case show lists decisions and the recovery" 0 'terugvordering 1: nog open € 225,00' -- "$nabij" case show 1 --db "$cdb"
check "case verify reproduces a stored decision" 0 'gelijk aan het besluit' -- "$nabij" case verify 3 --db "$cdb"
check "case letter writes the PDF" 0 'geschreven naar' -- "$nabij" case letter 3 --out "$tmp/besluit.pdf" --db "$cdb"
check "the letter names the change and the objection term" 0 'bezwaar' -- pdftotext "$tmp/besluit.pdf" -
check "case show of an unknown case" 2 'no case 99' -- "$nabij" case show 99 --db "$cdb"
check "case join: a housemate of 30 makes the norm a kostendelersnorm" 0 'wijziging per 2027-01-01' -- \
  "$nabij" case join 1 --role housemate --birth-date 1996-05-05 --from 2026-12-15 --relation none --user anna --db "$cdb"
check "case join refuses a partner" 2 'role' -- \
  "$nabij" case join 1 --role partner --birth-date 1996-05-05 --from 2026-12-15 --user anna --db "$cdb"
check "case leave: the lodger leaves" 0 'wijziging per 2026-12-01' -- \
  "$nabij" case leave 2 --person 4 --on 2026-12-01 --user anna --db "$cdb"
check "case leave of someone who is not there" 2 'not a member' -- \
  "$nabij" case leave 2 --person 4 --on 2026-12-05 --user anna --db "$cdb"
check "case end needs a reason" 2 'note' -- "$nabij" case end 2 --last-day 2026-12-31 --user anna --db "$cdb"
check "case end" 0 'beëindiging per 2027-01-01' -- \
  "$nabij" case end 2 --last-day 2026-12-31 --note 'werk gevonden' --user anna --db "$cdb"
check "stats caseload counts inflow and outflow" 0 '^2026-11	2	2	0$' -- \
  "$nabij" stats caseload --from 2026-10 --to 2027-01 --db "$cdb"
check "stats caseload: the ended case is outflow in December" 0 '^2026-12	2	0	1$' -- \
  "$nabij" stats caseload --from 2026-10 --to 2027-01 --db "$cdb"
check "stats caseload refuses a reversed range" 2 'before the first' -- \
  "$nabij" stats caseload --from 2027-10 --to 2027-01 --db "$cdb"
check "demo-data takes in applications" 0 '30 synthetische aanvragen ingenomen' -- \
  "$nabij" demo-data --households 5 --applications 30 --seed 3 --db "$cdb"
check "the demo work queue shows the exception reasons" 0 'vermogensgrens|kostendeler|zoektermijn|onvolledig|niet ontvangen' -- \
  "$nabij" case queue --db "$cdb"
check "case end only once" 2 'ended already' -- \
  "$nabij" case end 2 --last-day 2026-12-31 --note 'werk gevonden' --user anna --db "$cdb"

udb="$tmp/users.db"
check "user init makes the first beheerder with a one-time password" 0 '^eenmalig wachtwoord: [A-Za-z2-9]{20}$' -- \
  "$nabij" user init --db "$udb"
check "user init a second time makes nothing" 0 'er is niets aangemaakt' -- "$nabij" user init --db "$udb"
check "user add prints the one-time password once" 0 '^eenmalig wachtwoord: [A-Za-z2-9]{20}$' -- \
  "$nabij" user add k.jansen --role klantmanager_inkomen --db "$udb"
check "user add refuses a taken name" 2 'already_exists' -- "$nabij" user add k.jansen --role auditor --db "$udb"
check "user add refuses an unknown role" 2 'role.*klantmanager_inkomen' -- "$nabij" user add a.b --role admin --db "$udb"
check "user disable" 0 'uitgeschakeld' -- "$nabij" user disable k.jansen --db "$udb"
check "user list shows role and state" 0 '^k\.jansen	klantmanager inkomen	uitgeschakeld$' -- "$nabij" user list --db "$udb"
if "$nabij" user list --db "$udb" | grep -qE '[A-Za-z2-9]{20}'; then
  echo "FAIL user list shows a password"; fails=$((fails + 1)); else echo "ok   user list shows no password"; pass=$((pass + 1)); fi
check "access-log on a new database" 0 '^0 inzagen$' -- "$nabij" access-log --user k.jansen --from 2026-01-01 --db "$udb"
check "access-log refuses a bad date" 2 'from' -- "$nabij" access-log --from 2026-13-01 --db "$udb"

echo "$pass passed, $fails failed"
[[ $fails -eq 0 ]]
