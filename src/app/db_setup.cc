#include "app/db_setup.h"

#include "api/casework.h"
#include "api/demo_applications.h"
#include "base/clock.h"
#include "debt/demo_data.h"
#include "debt/fund.h"
#include "payments/demo_data.h"
#include "store/sqlite/case_store.h"
#include "store/sqlite/debt_store.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/run_store.h"

namespace nabij::app {

Result<std::unique_ptr<store::SqliteDatabase>> OpenDatabase(const std::filesystem::path& path, bool migrate) {
  auto db = store::SqliteDatabase::Open(path, store::OpenOptions{});
  if (!db.ok()) return db.error();
  if (migrate) NABIJ_RETURN_IF_ERROR((*db)->Migrate());
  auto version = (*db)->SchemaVersion();
  if (!version.ok()) return version.error();
  if (*version != store::SqliteDatabase::LatestSchemaVersion()) {
    return Status(ErrorCode::kFailedPrecondition,
                  "the database has schema version " + std::to_string(*version) + "; run 'nabij db init' first",
                  "db");
  }
  return db;
}

Status AddDemoData(store::SqliteDatabase& db, uint64_t seed, size_t n, Month month, const std::string& actor) {
  store::SqliteRunStore runs(db);
  auto cases = payments::GenerateDemoCases(seed, n, month);
  NABIJ_ASSIGN_OR_RETURN(std::vector<int64_t> ids, runs.AddCases(cases));  // one transaction
  for (size_t i = 0; i < cases.size(); ++i) {
    for (const payments::Recovery& r : cases[i].recoveries) {
      NABIJ_ASSIGN_OR_RETURN(ledger::Entry entry, payments::RecoveryClaimEntry(ids[i], r, month.first_day()));
      NABIJ_RETURN_IF_ERROR(runs.AppendEntryOnce(entry));
    }
  }
  store::SqliteEventLog log(db);
  SystemClock clock;
  return log.Append(Event{FormatUtc(clock.NowUnixMillis()), actor, "demo_data.added",
                          0, std::to_string(cases.size()) + " synthetische dossiers, seed " + std::to_string(seed)});
}

Status AddDemoApplications(store::SqliteDatabase& db, const rules::ParameterSet& rules, uint64_t seed, size_t n,
                           const Clock& clock, const std::string& actor) {
  store::SqliteCaseStore cases(db);
  store::SqliteEventLog log(db);
  api::Casework work(rules, cases, log, clock);
  const std::vector<std::string> docs = api::GenerateDemoApplications(seed, n, clock.Today());
  for (size_t i = 0; i < docs.size(); ++i) {
    auto o = work.Apply(docs[i], actor);
    if (!o.ok()) return o.error().WithFieldPrefix("demo_applications[" + std::to_string(i) + "]");
  }
  return Status::Ok();
}

Status AddDemoDebt(store::SqliteDatabase& db, const rules::ParameterSet& rules, uint64_t seed, size_t n,
                   const Clock& clock) {
  constexpr int kSpreadDays = 60;
  const Date today = clock.Today();
  store::SqliteDebtStore store(db);
  debt::DebtFund fund(store, rules, clock);
  NABIJ_ASSIGN_OR_RETURN(std::vector<debt::DemoDossier> demo,
                         debt::GenerateDemoDossiers(rules, seed, n, today.AddDays(-kSpreadDays), today, "9999"));
  std::vector<int64_t> ids;
  for (const debt::DemoDossier& dd : demo) {
    NABIJ_ASSIGN_OR_RETURN(int64_t id, fund.Register(dd.dossier));
    std::vector<debt::ClaimRow> rows;
    for (const debt::Claim& c : dd.claims) rows.push_back({0, id, c});
    NABIJ_RETURN_IF_ERROR(fund.ImportClaims(rows));
    ids.push_back(id);
  }
  // Every second dossier has had its offers answered; the rest are still in intake.
  for (size_t i = 0; i < ids.size(); i += 2) {
    NABIJ_ASSIGN_OR_RETURN(debt::OfferRound round, fund.MakeOffers(ids[i]));
    NABIJ_ASSIGN_OR_RETURN(std::string answers, debt::SimulateCreditorAnswers(round.csv, seed + i, today));
    // All creditors silent gives a file with only its header, which the parser refuses: no answers.
    const size_t header_end = answers.find('\n');
    if (header_end != std::string::npos && answers.find_first_not_of("\r\n", header_end) != std::string::npos) {
      NABIJ_ASSIGN_OR_RETURN(std::vector<debt::AnswerRow> rows, debt::ParseAnswersCsv(answers));
      NABIJ_RETURN_IF_ERROR(fund.ImportAnswers(rows));
    }
    NABIJ_ASSIGN_OR_RETURN(debt::Dossier d, store.LoadDossier(ids[i]));
    if (i % 4 == 0) {
      // A worker settles what the creditors left open, at half the claim (a demo's choice).
      for (const debt::Claim& c : d.claims) {
        if (c.settled_amount) continue;
        NABIJ_RETURN_IF_ERROR(fund.SettleByWorker(ids[i], c.seq, MulDiv(c.total(), 1, 2, Rounding::kHalfUp), "demo"));
      }
      NABIJ_ASSIGN_OR_RETURN(d, store.LoadDossier(ids[i]));
    }
    if (d.AllSettled()) {
      NABIJ_ASSIGN_OR_RETURN(debt::PlanResult plan,
                             fund.MakePlan(ids[i], debt::Regime::kStudieschuld, today.month().Add(1), nullptr));
      (void)plan;
    }
  }
  return Status::Ok();
}

Result<payments::ExportSettings> ExportSettingsFrom(const Args& a) {
  // The fictitious demo municipality's account, used when no --debtor-iban is given.
  constexpr uint64_t kDemoMunicipalityAccount = 9'999'999'999;
  payments::ExportSettings settings;
  settings.debtor_name = TextOption(a, "debtor-name", "Gemeente Demodorp (fictief)");
  settings.debtor_iban = TextOption(a, "debtor-iban", payments::DemoIban(kDemoMunicipalityAccount));
  settings.debtor_bic = TextOption(a, "debtor-bic", "");
  settings.schema_dir = TextOption(a, "schemas", std::string(NABIJ_SOURCE_DIR) + "/schemas/sepa");
  std::string version = TextOption(a, "format", "pain.001.001.09");
  if (version == "pain.001.001.03") {
    settings.version = sepa::Version::kPain001_001_03;
  } else if (version != "pain.001.001.09") {
    return InvalidArgument("--format is pain.001.001.09 or pain.001.001.03", "format");
  }
  return settings;
}

}  // namespace nabij::app
