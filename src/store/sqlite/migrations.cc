#include "store/sqlite/migrations.h"

#include <array>

namespace nabij::store {
namespace {

// Conventions: STRICT tables; amounts are INTEGER eurocents; dates are ISO TEXT "YYYY-MM-DD"
// (checked with date(x) IS x, which also refuses 2026-02-30) and months "YYYY-MM"; truth values
// are INTEGER 0/1; enumerations are lower-case TEXT with a CHECK listing the values.
constexpr char kV1Schema[] = R"sql(
-- People: applicants, partners, children and housemates. Personal data: never in logs.
-- birth_date is NULL only for a partner known as a payee without household facts.
CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  name TEXT,
  birth_date TEXT CHECK (birth_date IS NULL OR date(birth_date) IS birth_date),
  iban TEXT
) STRICT;

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  gemeente TEXT NOT NULL,
  applicant_id INTEGER NOT NULL REFERENCES persons(id),
  partner_id INTEGER REFERENCES persons(id),  -- who receives the partner's half (Pw art. 45 lid 4)
  start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
  end_date TEXT CHECK (end_date IS NULL OR date(end_date) IS end_date),  -- last day with a right
  split_between_partners INTEGER NOT NULL CHECK (split_between_partners IN (0, 1)),
  vakantietoeslag_monthly INTEGER NOT NULL CHECK (vakantietoeslag_monthly IN (0, 1)),
  medisch_urenbeperkt INTEGER NOT NULL CHECK (medisch_urenbeperkt IN (0, 1)),
  -- Vakantietoeslag reserved before the case came into nabij; runs add to it (run_lines).
  vt_reserved_opening INTEGER NOT NULL DEFAULT 0 CHECK (vt_reserved_opening >= 0),
  CONSTRAINT case_ends_after_start CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;

-- Household members other than the applicant, for [valid_from, valid_until).
CREATE TABLE case_members (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  role TEXT NOT NULL CHECK (role IN ('applicant', 'partner', 'child', 'housemate')),
  valid_from TEXT NOT NULL CHECK (date(valid_from) IS valid_from),
  valid_until TEXT CHECK (valid_until IS NULL OR date(valid_until) IS valid_until),
  entitled INTEGER NOT NULL CHECK (entitled IN (0, 1)),
  relation TEXT NOT NULL CHECK (relation IN ('none', 'first_degree', 'second_degree')),
  education TEXT NOT NULL CHECK (education IN ('none', 'wsf', 'wtos', 'bbl', 'abroad')),
  commercial_contract INTEGER NOT NULL CHECK (commercial_contract IN (0, 1)),
  third_party_contract INTEGER NOT NULL CHECK (third_party_contract IN (0, 1)),
  CONSTRAINT member_until_after_from CHECK (valid_until IS NULL OR valid_until >= valid_from)
) STRICT;
CREATE INDEX case_members_by_case ON case_members(case_id);

-- Net income of one person in one month (Pw art. 32).
CREATE TABLE incomes (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  month TEXT NOT NULL CHECK (date(month || '-01') IS month || '-01'),
  work INTEGER NOT NULL,
  other INTEGER NOT NULL
) STRICT;
CREATE INDEX incomes_by_case ON incomes(case_id);

-- The first month of a time-limited vrijlating period (Pw art. 31 lid 2 onder n, r, z; art. 34a).
CREATE TABLE vrijlating_periods (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  rule TEXT NOT NULL CHECK (rule IN ('n', 'r', 'z', 'pib')),
  start_month TEXT NOT NULL CHECK (date(start_month || '-01') IS start_month || '-01')
) STRICT;
CREATE INDEX vrijlating_periods_by_case ON vrijlating_periods(case_id);

CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  valid_from TEXT NOT NULL CHECK (date(valid_from) IS valid_from),
  vermogen INTEGER NOT NULL
) STRICT;
CREATE INDEX assets_by_case ON assets(case_id);

-- Standing instructions to pay part of the benefit to a third party (Pw art. 57).
CREATE TABLE instructions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CHECK (kind IN ('zorgverzekeraar', 'verhuurder', 'energie', 'overig')),
  creditor_name TEXT NOT NULL,
  creditor_iban TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  valid_from TEXT NOT NULL CHECK (date(valid_from) IS valid_from),
  valid_until TEXT CHECK (valid_until IS NULL OR date(valid_until) IS valid_until)
) STRICT;
CREATE INDEX instructions_by_case ON instructions(case_id);

-- Garnishments on the benefit; what remains is total minus the beslag payments made for it.
CREATE TABLE garnishments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  creditor_name TEXT NOT NULL,
  creditor_iban TEXT NOT NULL,
  reference TEXT NOT NULL,
  total INTEGER NOT NULL CHECK (total >= 0),
  UNIQUE (id, case_id)
) STRICT;
CREATE INDEX garnishments_by_case ON garnishments(case_id);

-- Recovery claims (Pw art. 58); what remains is total minus the offsets made.
CREATE TABLE recoveries (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  total INTEGER NOT NULL CHECK (total >= 0),
  reason TEXT NOT NULL DEFAULT '',
  UNIQUE (id, case_id)
) STRICT;
CREATE INDEX recoveries_by_case ON recoveries(case_id);

-- Monthly payment runs.
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL UNIQUE CHECK (date(month || '-01') IS month || '-01'),
  status TEXT NOT NULL CHECK (status IN ('preparing', 'prepared', 'approved', 'exported')),
  prepared_by TEXT NOT NULL,
  approved_by TEXT,
  rules_version TEXT NOT NULL,
  booking_date TEXT NOT NULL CHECK (date(booking_date) IS booking_date),
  created_at TEXT NOT NULL,
  CONSTRAINT approved_run_has_approver CHECK (status IN ('preparing', 'prepared') OR approved_by IS NOT NULL),
  CONSTRAINT four_eyes CHECK (approved_by IS NULL OR approved_by <> prepared_by)
) STRICT;

-- One line per case per run: the key makes a second save of a case impossible.
CREATE TABLE run_lines (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  error_code TEXT NOT NULL,
  error_message TEXT NOT NULL,
  bijstand INTEGER NOT NULL,
  vt_reserved INTEGER NOT NULL CHECK (vt_reserved >= 0),
  vt_paid INTEGER NOT NULL CHECK (vt_paid >= 0),
  garnished INTEGER NOT NULL CHECK (garnished >= 0),
  recovered INTEGER NOT NULL CHECK (recovered >= 0),
  direct INTEGER NOT NULL CHECK (direct >= 0),
  to_client INTEGER NOT NULL,
  PRIMARY KEY (run_id, case_id),
  CONSTRAINT failed_line_has_code CHECK (ok = 1 OR error_code <> ''),
  -- What is payable this month is exactly what goes to creditors, recoveries, third parties and
  -- the client.
  CONSTRAINT line_adds_up CHECK (ok = 0 OR
      bijstand - vt_reserved + vt_paid = garnished + recovered + direct + to_client)
) STRICT, WITHOUT ROWID;
CREATE INDEX run_lines_by_case ON run_lines(case_id);

CREATE TABLE run_payments (
  run_id INTEGER NOT NULL,
  case_id INTEGER NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('client', 'derde', 'beslag')),
  creditor_name TEXT NOT NULL,
  creditor_iban TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  end_to_end_id TEXT NOT NULL UNIQUE CHECK (end_to_end_id <> ''),
  remittance TEXT NOT NULL,
  garnishment_id INTEGER,
  PRIMARY KEY (run_id, case_id, seq),
  FOREIGN KEY (run_id, case_id) REFERENCES run_lines(run_id, case_id),
  FOREIGN KEY (garnishment_id, case_id) REFERENCES garnishments(id, case_id),
  CONSTRAINT beslag_names_garnishment CHECK ((kind = 'beslag') = (garnishment_id IS NOT NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX run_payments_by_garnishment ON run_payments(garnishment_id) WHERE garnishment_id IS NOT NULL;

CREATE TABLE recovery_offsets (
  run_id INTEGER NOT NULL,
  case_id INTEGER NOT NULL,
  recovery_id INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  PRIMARY KEY (run_id, recovery_id),
  FOREIGN KEY (run_id, case_id) REFERENCES run_lines(run_id, case_id),
  FOREIGN KEY (recovery_id, case_id) REFERENCES recoveries(id, case_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX recovery_offsets_by_recovery ON recovery_offsets(recovery_id);

-- The append-only double-entry ledger. An entry's postings are inserted right after it and sum
-- to zero (checked by the store before writing); afterwards nothing changes.
CREATE TABLE ledger_entries (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE CHECK (reference <> ''),
  booking_date TEXT NOT NULL CHECK (date(booking_date) IS booking_date),
  description TEXT NOT NULL,
  reverses INTEGER REFERENCES ledger_entries(id)
) STRICT;
CREATE INDEX ledger_entries_by_date ON ledger_entries(booking_date);
-- An entry is reversed at most once.
CREATE UNIQUE INDEX ledger_entries_reversed_once ON ledger_entries(reverses) WHERE reverses IS NOT NULL;

CREATE TABLE ledger_postings (
  entry_id INTEGER NOT NULL REFERENCES ledger_entries(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  account TEXT NOT NULL CHECK (account <> '' AND account NOT GLOB '*[^a-z0-9_.:-]*'),
  amount INTEGER NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (entry_id, seq)
) STRICT, WITHOUT ROWID;

-- The audit trail, for the case administration and the API.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,  -- ISO 8601 UTC
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  case_id INTEGER REFERENCES cases(id),
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX events_by_case ON events(case_id);

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: book a reversal'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: book a reversal'); END;
CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger_postings is append-only: book a reversal'); END;
CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger_postings is append-only: book a reversal'); END;
-- Postings belong to the newest entry: an entry booked earlier cannot be extended (unbalanced).
CREATE TRIGGER ledger_postings_newest_entry_only BEFORE INSERT ON ledger_postings
WHEN NEW.entry_id IS NOT (SELECT MAX(id) FROM ledger_entries)
BEGIN SELECT RAISE(ABORT, 'postings can only be added to the entry just booked'); END;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events is append-only'); END;
)sql";

// Version 2: local user accounts, their sessions and the access log (src/auth, docs/accounts.md).
// Times are INTEGER milliseconds since the Unix epoch, UTC.
constexpr char kV2Accounts[] = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64 AND name GLOB '[a-z]*'
                                  AND name NOT GLOB '*[^a-z0-9._-]*'),
  role TEXT NOT NULL CHECK (role IN ('klantmanager_inkomen', 'klantmanager_werk', 'schuldhulpverlener',
                                     'handhaving', 'financiele_administratie', 'beleid', 'beheerder', 'auditor')),
  password_hash TEXT NOT NULL CHECK (password_hash GLOB '$argon2id$*'),
  must_change_password INTEGER NOT NULL CHECK (must_change_password IN (0, 1)),
  disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  created_at_ms INTEGER NOT NULL,
  password_changed_at_ms INTEGER NOT NULL
) STRICT;
-- Users are disabled, never deleted: the access log and the events name them.
CREATE TRIGGER users_no_delete BEFORE DELETE ON users
BEGIN SELECT RAISE(ABORT, 'users are disabled, not deleted'); END;
CREATE TRIGGER users_name_fixed BEFORE UPDATE OF name ON users
BEGIN SELECT RAISE(ABORT, 'a user name is never changed'); END;

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at_ms INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL CHECK (last_seen_ms >= created_at_ms)
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);

-- Every read of a person's data: who (login name and role then), when, which case, which route.
-- No personal data here. Append-only. case_id has no foreign key: the log outlives what it names.
CREATE TABLE access_log (
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  user_name TEXT NOT NULL CHECK (user_name <> ''),
  role TEXT NOT NULL,
  case_id INTEGER NOT NULL CHECK (case_id > 0),
  route TEXT NOT NULL CHECK (route <> ''),
  screen TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX access_log_by_time ON access_log(at_ms);
CREATE INDEX access_log_by_case ON access_log(case_id, at_ms);
CREATE INDEX access_log_by_user ON access_log(user_name, at_ms);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
)sql";

// Version 3: applications (aanvragen) and decisions (besluiten) of the case administration
// (src/cases, docs/case-intake.md). A decision is append-only: it keeps its inputs, the rules
// version (content hash of rules/) and the full trace, so it can be reproduced and audited.
constexpr char kV3Casework[] = R"sql(
CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  gemeente TEXT NOT NULL CHECK (gemeente GLOB '[0-9][0-9][0-9][0-9]'),
  melding TEXT NOT NULL CHECK (date(melding) IS melding),
  received TEXT CHECK (received IS NULL OR date(received) IS received),
  start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
  exception_41_4 INTEGER NOT NULL CHECK (exception_41_4 IN (0, 1)),
  extended_until TEXT CHECK (extended_until IS NULL OR date(extended_until) IS extended_until),
  document TEXT NOT NULL CHECK (json_valid(document)),  -- the application as received (the inputs)
  status TEXT NOT NULL CHECK (status IN ('queued', 'decided')),
  reasons TEXT NOT NULL DEFAULT '',  -- why a person must look, one per line
  created_at TEXT NOT NULL,
  decided_at TEXT,
  case_id INTEGER REFERENCES cases(id),
  handling_days INTEGER CHECK (handling_days IS NULL OR handling_days >= 0),
  CONSTRAINT received_after_melding CHECK (received IS NULL OR received >= melding),
  CONSTRAINT decided_has_time CHECK ((status = 'decided') = (decided_at IS NOT NULL))
) STRICT;
CREATE INDEX applications_by_status ON applications(status);

-- Requests to complete the application (Awb art. 4:5), which suspend the term (art. 4:15).
CREATE TABLE application_suspensions (
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  requested TEXT NOT NULL CHECK (date(requested) IS requested),
  completed TEXT CHECK (completed IS NULL OR date(completed) IS completed),
  CONSTRAINT completed_after_request CHECK (completed IS NULL OR completed >= requested)
) STRICT;
CREATE INDEX application_suspensions_by_application ON application_suspensions(application_id);

CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER REFERENCES cases(id),                -- NULL for a refusal: no case was opened
  application_id INTEGER REFERENCES applications(id),  -- NULL for a change on an existing case
  kind TEXT NOT NULL CHECK (kind IN ('toekenning', 'afwijzing', 'wijziging', 'beëindiging')),
  effective_from TEXT NOT NULL CHECK (date(effective_from) IS effective_from),
  month TEXT NOT NULL CHECK (date(month || '-01') IS month || '-01'),  -- the month computed
  bijstand INTEGER NOT NULL CHECK (bijstand >= 0),
  automatic INTEGER NOT NULL CHECK (automatic IN (0, 1)),
  decided_by TEXT NOT NULL CHECK (decided_by <> ''),
  decided_at TEXT NOT NULL,
  rules_version TEXT NOT NULL CHECK (rules_version <> ''),
  inputs TEXT NOT NULL CHECK (json_valid(inputs)),
  result TEXT NOT NULL CHECK (json_valid(result)),  -- the decision with its full trace
  note TEXT NOT NULL DEFAULT '',
  CONSTRAINT decision_has_subject CHECK (case_id IS NOT NULL OR application_id IS NOT NULL)
) STRICT;
CREATE INDEX decisions_by_case ON decisions(case_id);
CREATE INDEX decisions_by_application ON decisions(application_id);
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions is append-only: take a new decision'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions is append-only: take a new decision'); END;
-- An application is decided once.
CREATE TRIGGER applications_decided_once BEFORE UPDATE ON applications
WHEN OLD.status = 'decided'
BEGIN SELECT RAISE(ABORT, 'the application is already decided'); END;
)sql";

// Version 4: the debt fund (src/debt; docs/debt-fund.md). A dossier row carries the household's
// finances and its plan; claims, offers, repayments and forgiveness are child rows keyed by the
// dossier. Repayments are append-only; offers, claims and forgiveness are never deleted, and a
// forgiveness changes only once, when it is clawed back. `version` is the optimistic-concurrency
// counter of DebtStore::Save. The fund's ledger entries go into ledger_entries (version 1).
constexpr char kV4Debt[] = R"sql(
CREATE TABLE debt_dossiers (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL CHECK (version >= 1),
  household_ref TEXT NOT NULL CHECK (length(household_ref) BETWEEN 1 AND 35),
  gemeente TEXT NOT NULL,
  registered TEXT NOT NULL CHECK (date(registered) IS registered),
  restructured TEXT CHECK (restructured IS NULL OR date(restructured) IS restructured),
  breached TEXT CHECK (breached IS NULL OR date(breached) IS breached),
  huishouden TEXT NOT NULL CHECK (huishouden IN ('alleenstaande', 'alleenstaande_ouder',
                                                 'gehuwden_zonder_kinderen', 'gehuwden_met_kinderen')),
  op_bijstand INTEGER NOT NULL CHECK (op_bijstand IN (0, 1)),
  bijstandsnorm INTEGER NOT NULL CHECK (bijstandsnorm >= 0),
  net_income INTEGER NOT NULL CHECK (net_income >= 0),
  bvv_formule INTEGER CHECK (bvv_formule IS NULL OR bvv_formule >= 0),
  housing_costs INTEGER NOT NULL CHECK (housing_costs >= 0),
  adults INTEGER NOT NULL CHECK (adults BETWEEN 1 AND 20),
  other_fixed_costs INTEGER NOT NULL CHECK (other_fixed_costs >= 0),
  plan_regime TEXT CHECK (plan_regime IS NULL OR plan_regime IN ('studieschuld', 'klassiek18', 'klassiek36')),
  plan_start TEXT CHECK (plan_start IS NULL OR date(plan_start || '-01') IS plan_start || '-01'),
  plan_balance INTEGER CHECK (plan_balance IS NULL OR plan_balance >= 0),
  plan_affordable INTEGER CHECK (plan_affordable IS NULL OR plan_affordable >= 0),
  plan_monthly INTEGER CHECK (plan_monthly IS NULL OR plan_monthly >= 0),
  plan_term_months INTEGER CHECK (plan_term_months IS NULL OR plan_term_months BETWEEN 0 AND 180),
  plan_agreed_on TEXT CHECK (plan_agreed_on IS NULL OR date(plan_agreed_on) IS plan_agreed_on),
  CONSTRAINT plan_whole CHECK ((plan_regime IS NULL) = (plan_start IS NULL) AND (plan_start IS NULL) = (plan_balance IS NULL)
    AND (plan_balance IS NULL) = (plan_affordable IS NULL) AND (plan_affordable IS NULL) = (plan_monthly IS NULL)
    AND (plan_monthly IS NULL) = (plan_term_months IS NULL) AND (plan_term_months IS NULL) = (plan_agreed_on IS NULL))
) STRICT;

CREATE TABLE debt_claims (
  dossier_id INTEGER NOT NULL REFERENCES debt_dossiers(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  creditor TEXT NOT NULL CHECK (length(creditor) BETWEEN 1 AND 70),
  creditor_iban TEXT NOT NULL,  -- '' while unknown
  creditor_reference TEXT NOT NULL CHECK (length(creditor_reference) BETWEEN 1 AND 35),
  sector TEXT NOT NULL CHECK (sector IN ('energie', 'water', 'woningcorporatie', 'zorgverzekeraar', 'overheid',
                                         'commercieel')),
  principal INTEGER NOT NULL CHECK (principal >= 0),
  interest INTEGER NOT NULL CHECK (interest >= 0),
  collection_costs INTEGER NOT NULL CHECK (collection_costs >= 0),
  verification TEXT NOT NULL CHECK (verification IN ('onbevestigd', 'opgevraagd', 'bevestigd', 'betwist')),
  settled_amount INTEGER CHECK (settled_amount IS NULL OR settled_amount >= 0),
  settled_on TEXT CHECK (settled_on IS NULL OR date(settled_on) IS settled_on),
  paid_on TEXT CHECK (paid_on IS NULL OR date(paid_on) IS paid_on),
  payment_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (dossier_id, seq),
  UNIQUE (dossier_id, creditor, creditor_reference),
  CONSTRAINT settled_whole CHECK ((settled_amount IS NULL) = (settled_on IS NULL)),
  CONSTRAINT paid_when_settled CHECK (paid_on IS NULL OR settled_amount IS NOT NULL),
  CONSTRAINT settled_within_claim CHECK (settled_amount IS NULL OR settled_amount <= principal + interest + collection_costs)
) STRICT, WITHOUT ROWID;

CREATE TABLE debt_offers (
  dossier_id INTEGER NOT NULL,
  claim_seq INTEGER NOT NULL,
  round INTEGER NOT NULL CHECK (round >= 1),
  percentage_num INTEGER NOT NULL CHECK (percentage_num >= 0),
  percentage_den INTEGER NOT NULL CHECK (percentage_den > 0 AND percentage_num <= percentage_den),
  amount INTEGER NOT NULL CHECK (amount >= 0),
  sent TEXT NOT NULL CHECK (date(sent) IS sent),
  answer_due TEXT NOT NULL CHECK (date(answer_due) IS answer_due AND answer_due >= sent),
  answer TEXT CHECK (answer IS NULL OR answer IN ('akkoord', 'afwijzing', 'tegenvoorstel', 'geen_reactie')),
  answer_date TEXT CHECK (answer_date IS NULL OR date(answer_date) IS answer_date),
  counter_amount INTEGER NOT NULL DEFAULT 0 CHECK (counter_amount >= 0),
  PRIMARY KEY (dossier_id, claim_seq, round),
  FOREIGN KEY (dossier_id, claim_seq) REFERENCES debt_claims(dossier_id, seq),
  CONSTRAINT answer_whole CHECK ((answer IS NULL) = (answer_date IS NULL))
) STRICT, WITHOUT ROWID;

CREATE TABLE debt_repayments (
  dossier_id INTEGER NOT NULL REFERENCES debt_dossiers(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  month TEXT NOT NULL CHECK (date(month || '-01') IS month || '-01'),
  received TEXT NOT NULL CHECK (date(received) IS received),
  amount INTEGER NOT NULL CHECK (amount > 0),
  source TEXT NOT NULL CHECK (source IN ('uitkering', 'zelf')),
  PRIMARY KEY (dossier_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE debt_forgiveness (
  dossier_id INTEGER NOT NULL REFERENCES debt_dossiers(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  milestone TEXT CHECK (milestone IS NULL OR milestone IN ('budgetcursus', 'participatie_trede', 'baan', 'diploma')),
  granted TEXT NOT NULL CHECK (date(granted) IS granted),
  confirmed_by TEXT NOT NULL CHECK (confirmed_by <> ''),
  amount INTEGER NOT NULL CHECK (amount > 0),
  clawed_back INTEGER NOT NULL DEFAULT 0 CHECK (clawed_back BETWEEN 0 AND amount),
  clawed_back_on TEXT CHECK (clawed_back_on IS NULL OR date(clawed_back_on) IS clawed_back_on),
  PRIMARY KEY (dossier_id, seq)
) STRICT, WITHOUT ROWID;

-- Outreach tasks from payment-arrears signals (Wgs art. 4a); a signal is stored once.
CREATE TABLE debt_tasks (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 70),
  sector TEXT NOT NULL CHECK (sector IN ('energie', 'water', 'huur', 'zorgverzekeraar')),
  household_ref TEXT NOT NULL CHECK (length(household_ref) BETWEEN 1 AND 35),
  signal_date TEXT NOT NULL CHECK (date(signal_date) IS signal_date),
  arrears INTEGER NOT NULL CHECK (arrears > 0),
  months INTEGER NOT NULL CHECK (months >= 1),
  created TEXT NOT NULL CHECK (date(created) IS created),
  UNIQUE (source, sector, household_ref, signal_date)
) STRICT;

CREATE TRIGGER debt_dossiers_no_delete BEFORE DELETE ON debt_dossiers
BEGIN SELECT RAISE(ABORT, 'debt dossiers are never deleted'); END;
CREATE TRIGGER debt_claims_no_delete BEFORE DELETE ON debt_claims
BEGIN SELECT RAISE(ABORT, 'debt claims are never deleted'); END;
CREATE TRIGGER debt_offers_no_delete BEFORE DELETE ON debt_offers
BEGIN SELECT RAISE(ABORT, 'debt offers are never deleted'); END;
CREATE TRIGGER debt_repayments_no_update BEFORE UPDATE ON debt_repayments
BEGIN SELECT RAISE(ABORT, 'debt_repayments is append-only'); END;
CREATE TRIGGER debt_repayments_no_delete BEFORE DELETE ON debt_repayments
BEGIN SELECT RAISE(ABORT, 'debt_repayments is append-only'); END;
CREATE TRIGGER debt_forgiveness_no_delete BEFORE DELETE ON debt_forgiveness
BEGIN SELECT RAISE(ABORT, 'debt_forgiveness is never deleted'); END;
-- A forgiveness changes once: when it is clawed back.
CREATE TRIGGER debt_forgiveness_fixed BEFORE UPDATE ON debt_forgiveness
WHEN OLD.clawed_back_on IS NOT NULL OR NEW.amount IS NOT OLD.amount OR NEW.granted IS NOT OLD.granted
  OR NEW.milestone IS NOT OLD.milestone OR NEW.confirmed_by IS NOT OLD.confirmed_by
BEGIN SELECT RAISE(ABORT, 'a forgiveness changes only once, when it is clawed back'); END;
)sql";

// Version 5: the debt fund's instalment withheld from the benefit in the monthly payment run
// (docs/debt-fund.md, "Inhouden op de uitkering"). A dossier names the benefit case it withholds
// from; a run line says how much of the client's share (to_client) went to which dossier, so the
// client is paid to_client - debt_withheld. The repayment itself is a row of debt_repayments
// (source 'uitkering') booked in the same transaction as the line.
constexpr char kV5DebtWithholding[] = R"sql(
ALTER TABLE debt_dossiers ADD COLUMN benefit_case_id INTEGER REFERENCES cases(id);
ALTER TABLE run_lines ADD COLUMN debt_withheld INTEGER NOT NULL DEFAULT 0
  CHECK (debt_withheld >= 0 AND debt_withheld <= max(to_client, 0));
ALTER TABLE run_lines ADD COLUMN debt_dossier_id INTEGER REFERENCES debt_dossiers(id)
  CHECK ((debt_dossier_id IS NULL) = (debt_withheld = 0));
)sql";

// Version 6: the burgerservicenummer of an applicant or partner, so a case is found by it
// (docs/case-intake.md). Nine digits that passed the elfproef on intake; NULL when not given.
// Not unique: a person who applies again gets a new case and a new row. Personal data: never
// logged, shown masked.
constexpr char kV6PersonBsn[] = R"sql(
ALTER TABLE persons ADD COLUMN bsn TEXT
  CHECK (bsn IS NULL OR (length(bsn) = 9 AND bsn NOT GLOB '*[^0-9]*'));
CREATE INDEX persons_by_bsn ON persons(bsn) WHERE bsn IS NOT NULL;
CREATE INDEX cases_by_applicant ON cases(applicant_id);
CREATE INDEX cases_by_partner ON cases(partner_id) WHERE partner_id IS NOT NULL;
)sql";

// Version 7: what a change to a month that was already paid settled (docs/case-intake.md): the
// recovery claim it opened (Pw art. 58) or what it found still owed to the client. A later change
// to the same month compares with the month as settled so far, so nothing is recovered twice.
// Decisions opened before this version get their recovery back from the claim that names them.
constexpr char kV7DecisionSettlement[] = R"sql(
ALTER TABLE decisions ADD COLUMN overpaid INTEGER NOT NULL DEFAULT 0 CHECK (overpaid >= 0);
ALTER TABLE decisions ADD COLUMN underpaid INTEGER NOT NULL DEFAULT 0 CHECK (underpaid >= 0);
CREATE INDEX decisions_by_case_month ON decisions(case_id, month);
DROP TRIGGER decisions_no_update;
UPDATE decisions SET overpaid = r.total FROM recoveries r
  WHERE decisions.kind = 'wijziging' AND r.case_id = decisions.case_id
    AND r.reason = 'te veel betaald over ' || decisions.month || ' (besluit ' || decisions.id || ')';
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions is append-only: take a new decision'); END;
)sql";

constexpr std::array kMigrations = {
    Migration{1, kV1Schema},
    Migration{2, kV2Accounts},
    Migration{3, kV3Casework},
    Migration{4, kV4Debt},
    Migration{5, kV5DebtWithholding},
    Migration{6, kV6PersonBsn},
    Migration{7, kV7DecisionSettlement},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace nabij::store
