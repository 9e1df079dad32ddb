#include "app/db_setup.h"

#include "api/casework.h"
#include "api/demo_applications.h"
#include "base/clock.h"
#include "payments/demo_data.h"
#include "store/sqlite/case_store.h"
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
