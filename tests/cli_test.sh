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
check "demo-data gives every applicant a synthetic BSN" 0 '^dossier 1: Fictieve Klant 1, BSN \*\*\*\*\*0004' -- \
  "$nabij" case search 900000004 --db "$db"
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
check "case decide only once" 2 'is al besloten' -- "$nabij" case decide 2 --grant --user bram --db "$cdb"
check "run prepare pays the new cases" 0 'dossiers: +2' -- "$nabij" run prepare --month 2026-11 --user fin1 --db "$cdb"
check "income report for a paid month opens a recovery claim" 0 'terugvordering 1 van € 225,00' -- \
  "$nabij" income report 1 --month 2026-11 --net-work 30000 --user anna --db "$cdb"
check "income report for a later month changes the right" 0 'nog niet betaald' -- \
  "$nabij" income report 2 --month 2026-12 --net-work 0 --other 5000 --partner --user anna --db "$cdb"
check "income report refuses a month before the right" 2 'geen recht op bijstand in 2026-09' -- \
  "$nabij" income report 1 --month 2026-09 --net-work 100 --user anna --db "$cdb"
check "case show lists decisions and the recovery" 0 'terugvordering 1: nog open € 225,00' -- "$nabij" case show 1 --db "$cdb"
check "case verify reproduces a stored decision" 0 'gelijk aan het besluit' -- "$nabij" case verify 3 --db "$cdb"
check "case letter writes the PDF" 0 'geschreven naar' -- "$nabij" case letter 3 --out "$tmp/besluit.pdf" --db "$cdb"
check "the letter names the change and the objection term" 0 'bezwaar' -- pdftotext "$tmp/besluit.pdf" -
check "the letter of a change to a paid month names the recovery" 0 'Te veel gekregen: terugvordering +€ 225,00' -- \
  pdftotext -layout "$tmp/besluit.pdf" -
check "case show of an unknown case" 2 'er is geen dossier 99' -- "$nabij" case show 99 --db "$cdb"
check "case show masks the BSN" 0 'BSN \*\*\*\*\*0111' -- "$nabij" case show 1 --db "$cdb"
check "case search by the applicant's BSN" 0 '^dossier 1: Fictieve Aanvrager, BSN \*\*\*\*\*0111' -- \
  "$nabij" case search 999000111 --db "$cdb"
check "case search by the partner's BSN" 0 '^dossier 2: ' -- "$nabij" case search 999000202 --db "$cdb"
check "case search prints no whole BSN" 1 '^0$' -- bash -c "'$nabij' case search 999000111 --db '$cdb' | grep -c 999000111"
check "case search by name" 0 '2 dossier\(s\) gevonden' -- "$nabij" case search aanvrager --db "$cdb"
check "case search needs a text" 2 'usage: nabij case search' -- "$nabij" case search --db "$cdb"
check "case apply refuses a BSN that fails the elfproef, without repeating it" 2 'applicant\.bsn' -- bash -c \
  "set -o pipefail; sed 's/999000111/999000112/' '$src/examples/aanvragen/alleenstaande-automatisch.json' | '$nabij' case apply - --user anna --db '$cdb' 2>&1 | grep -v 999000112"
check "case join: a housemate of 30 makes the norm a kostendelersnorm" 0 'wijziging per 2027-01-01' -- \
  "$nabij" case join 1 --role housemate --birth-date 1996-05-05 --from 2026-12-15 --relation none --user anna --db "$cdb"
check "case join refuses a partner" 2 'role' -- \
  "$nabij" case join 1 --role partner --birth-date 1996-05-05 --from 2026-12-15 --user anna --db "$cdb"
check "case leave: the lodger leaves" 0 'wijziging per 2026-12-01' -- \
  "$nabij" case leave 2 --person 4 --on 2026-12-01 --user anna --db "$cdb"
check "case leave of someone who is not there" 2 'niet bij het huishouden' -- \
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
check "case end only once" 2 'al beëindigd' -- \
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

# The debt fund (docs/debt-fund.md, docs/debt-exchange.md), on fixed dates (--today).
ddb="$tmp/debt.db"
dn() { "$nabij" debt "$@" --db "$ddb" --rules "$src/rules"; }
check "debt demo-data" 0 '^20 synthetische schuldendossiers met [0-9]+ vorderingen' -- dn demo-data --households 20 --seed 3 --today 2026-03-31
check "debt register" 0 '^dossier 21 geregistreerd op 2026-03-02 \(klok: 28 dagen tot 2026-03-30\)' -- \
  dn register --household H-CLI --income 150000 --norm 140150 --housing 100000 --registered 2026-03-02 --today 2026-03-02
hdr='dossier;schuldeiser;iban;sector;kenmerk;hoofdsom;rente;incassokosten;status'
printf '%s\n21;Demo Energie (fictief);NL63NABI7000000001;energie;E-1;100000;0;0;bevestigd\n21;Demo Webwinkel (fictief);NL36NABI7000000002;commercieel;W-1;30000;1000;4500;onbevestigd\n' "$hdr" >"$tmp/claims.csv"
printf '%s\n21;Demo Water (fictief);;water;A-1;5000;0;0;bevestigd\n21;Demo Bank (fictief);NL00NABI7000000003;commercieel;B-1;12,50;0;0;zeker\n' "$hdr" >"$tmp/bad_claims.csv"
check "debt import of a bad claims file names line and field" 2 'regel 3, veld hoofdsom: bedragen zijn hele eurocenten' -- \
  dn import claims "$tmp/bad_claims.csv" --today 2026-03-02
check "a bad claims file imports nothing" 0 '0 vorderingen, totaal € 0,00' -- dn show 21 --today 2026-03-02
check "debt import claims" 0 '^2 vordering\(en\) ingelezen' -- dn import claims "$tmp/claims.csv" --today 2026-03-02
check "debt balance-requests for unverified claims" 0 '^21;2;Demo Webwinkel \(fictief\);W-1;2026-03-03' -- \
  dn balance-requests --dossier 21 --today 2026-03-03
check "debt offers at the sector percentages of 9999" 0 '^21;1;Demo Energie \(fictief\);E-1;1;100000;60;60000;2026-03-13' -- \
  dn offers --dossier 21 --today 2026-03-03
printf 'dossier;vordering;ronde;antwoord;datum;tegenbod\n21;1;1;akkoord;2026-03-05;\n21;2;1;tegenvoorstel;2026-03-05;16000\n' >"$tmp/answers.csv"
check "debt answers dated in the future are refused" 2 'regel 2, veld datum' -- dn import answers "$tmp/answers.csv" --today 2026-03-04
check "debt import answers" 0 '^2 antwoord\(en\) ingelezen' -- dn import answers "$tmp/answers.csv" --today 2026-03-05
check "debt show: restructured on day 3" 0 'gesaneerd' -- dn show 21 --today 2026-03-05
check "debt export sepa" 0 'gevalideerd tegen de XSD' -- dn export sepa --out "$tmp/debt.xml" --today 2026-03-06
check "the debt SEPA file is valid against the official XSD" 0 'validates' -- \
  xmllint --noout --schema "$src/schemas/sepa/pain.001.001.09.xsd" "$tmp/debt.xml"
check "debt plan shows the VTLB with its articles" 0 'Correctie woonkosten boven de norm +€ 67,07 +Rv art\. 475da lid 5' -- \
  dn plan 21 --regime klassiek18 --start 2026-04 --today 2026-03-06
check "debt finances: an income change shows the new affordable amount" 0 'aflosbaar nu € [0-9.,]+ per maand \(de regeling rekent met' -- \
  dn finances 21 --income 170000 --norm 140150 --housing 100000 --today 2026-03-20
check "debt repay" 0 'aflossing € 10,00 geboekt' -- dn repay 21 --month 2026-04 --amount 1000 --source uitkering --today 2026-04-25
printf 'dossier;maand;datum;bedrag;bron\n21;2026-04;2026-04-26;500;zelf\n21;2026-04;2026-04-26;0;zelf\n' >"$tmp/repay_bad.csv"
check "debt import of a bad repayments file" 2 'regel 3, veld bedrag' -- dn import repayments "$tmp/repay_bad.csv" --today 2026-04-27
check "debt arrears are detected" 1 'achterstand € [0-9.,]+ \(2 termijn' -- dn arrears 21 --month 2026-05 --today 2026-05-30
check "debt arrears lists the dossiers behind" 0 '^21	€ [0-9.,]+	2$' -- dn arrears --month 2026-05 --today 2026-05-30
check "debt statement speaks to the household in plain Dutch" 0 'Elke maand betaalt u € [0-9.,]+\.' -- dn statement 21 --today 2026-05-30
check "debt statement --pdf writes the household's letter" 0 '^brief bij schuldendossier 21 geschreven naar ' -- \
  dn statement 21 --pdf "$tmp/schuld.pdf" --today 2026-05-30
check "the letter shows what the household repaid" 0 'Al door u terugbetaald +€ 10,00' -- pdftotext -layout -enc UTF-8 "$tmp/schuld.pdf" -
check "the letter shows what is left to pay" 0 'Nog te betalen +€ [0-9.,]+' -- pdftotext -layout -enc UTF-8 "$tmp/schuld.pdf" -
check "debt statement --pdf of an unknown dossier" 2 'not_found|bestaat niet|geen' -- dn statement 99 --pdf "$tmp/geen.pdf" --today 2026-05-30
# The instalment withheld from the benefit in the payment run: three demo benefit cases beside the
# fund; case 3 has no beslag, so June's vakantietoeslag payout leaves room above the bvv.
check "demo benefit cases beside the fund" 0 '^3 synthetische dossiers' -- \
  "$nabij" demo-data --households 3 --month 2026-06 --db "$ddb" --rules "$src/rules"
check "debt withhold refuses a benefit case that does not exist" 2 'er is geen uitkeringsdossier 99' -- \
  dn withhold 21 --case 99 --user s.hulp
check "debt withhold needs a worker" 2 'user' -- dn withhold 21 --case 3
check "debt withhold" 0 'ingehouden op uitkeringsdossier 3' -- dn withhold 21 --case 3 --user s.hulp
check "a payment run in May withholds nothing: the vakantietoeslag is reserved" 0 'ingehouden \(schuldenfonds\): € 0,00' -- \
  "$nabij" run prepare --month 2026-05 --user p.klaassen --db "$ddb" --rules "$src/rules"
check "the June run withholds what lies above the bvv" 0 'ingehouden \(schuldenfonds\): € 70,07' -- \
  "$nabij" run prepare --month 2026-06 --user p.klaassen --db "$ddb" --rules "$src/rules"
check "the dossier shows the repayment from the benefit" 0 'afgelost € 80,07' -- dn show 21 --today 2026-06-01
check "debt milestone forgives per the municipality" 0 'budgetcursus bevestigd door s\.hulp: € 250,00 kwijtgescholden' -- \
  dn milestone 21 budgetcursus --user s.hulp --today 2026-05-30
check "debt milestone needs a worker" 2 'user' -- dn milestone 21 diploma --today 2026-05-30
check "debt breach claws back" 0 '€ 250,00 kwijtschelding teruggedraaid' -- dn breach 21 --user s.hulp --today 2026-06-02
check "debt figures" 0 'akkoord op het eerste aanbod: +1 van 2 schuldeisers' -- \
  dn figures --from 2026-03-01 --until 2026-04-01 --today 2026-06-02
check "debt ledger balances" 0 'totaal debet (€ [0-9.,]+) = totaal credit \1' -- dn ledger
printf 'bron;sector;huishouden;datum;achterstand;maanden\nDemo Water (fictief);water;H-77;2026-03-01;4500;2\nDemo Woonstichting (fictief);huur;H-CLI;2026-03-01;90000;3\n' >"$tmp/signals.csv"
check "debt import signals" 0 '2 signaal/signalen ingelezen' -- dn import signals "$tmp/signals.csv" --today 2026-03-02
check "a signal is imported once" 2 'regel 2: dit signaal is al eerder ingelezen' -- dn import signals "$tmp/signals.csv" --today 2026-03-02
check "debt tasks" 0 '^2 taak/taken voor contact' -- dn tasks
check "a task names the household's dossier" 0 '^2	huur	H-CLI	2026-03-01	€ 900,00	3	21$' -- dn tasks
check "debt queue" 0 'te laat of met risico' -- dn queue --today 2026-04-30
check "debt without a command shows its usage" 2 'Schuldenfonds' -- dn

echo "$pass passed, $fails failed"
[[ $fails -eq 0 ]]
