#include "app/run_commands.h"

#include <iostream>

#include "api/fund_collection.h"
#include "app/args.h"
#include "app/db_setup.h"
#include "base/clock.h"
#include "payments/demo_data.h"
#include "payments/payment_run.h"
#include "payments/run_workbook.h"
#include "sheets/csv.h"
#include "sheets/xlsx_writer.h"
#include "store/sqlite/database.h"
#include "store/sqlite/debt_store.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/run_store.h"

namespace nabij::app {
namespace {

// Records one step in the audit trail; a failure to record is an error of the command.
Status Record(store::SqliteDatabase& db, const std::string& actor, const std::string& kind, const std::string& detail) {
  store::SqliteEventLog log(db);
  SystemClock clock;
  return log.Append(Event{FormatUtc(clock.NowUnixMillis()), actor, kind, 0, detail});
}

Result<std::unique_ptr<store::SqliteDatabase>> OpenDb(const Args& a, bool migrate) {
  return OpenDatabase(DbPath(a), migrate);
}

void PrintTotals(std::ostream& out, const payments::RunRecord& run, const payments::RunTotals& t) {
  out << "Betaalrun " << run.month.ToString() << " (" << payments::RunStatusName(run.status) << ", voorbereid door "
      << run.prepared_by << (run.approved_by.empty() ? "" : ", goedgekeurd door " + run.approved_by)
      << ", regelversie " << run.rules_version << ")\n"
      << "  dossiers:                " << t.cases << " (" << t.failed << " met een fout)\n"
      << "  bijstand:                " << FormatEuro(t.bijstand) << "\n"
      << "  vakantietoeslag gereserveerd: " << FormatEuro(t.vt_reserved) << ", uitbetaald: " << FormatEuro(t.vt_paid)
      << "\n"
      << "  beslag:                  " << FormatEuro(t.garnished) << "\n"
      << "  verrekend (terugvordering): " << FormatEuro(t.recovered) << "\n"
      << "  derdenbetalingen:        " << FormatEuro(t.direct) << "\n"
      << "  ingehouden (schuldenfonds): " << FormatEuro(t.debt_withheld) << "\n"
      << "  aan cliënten:            " << FormatEuro(t.to_client - t.debt_withheld) << "\n"
      << "  betalingen:              " << t.payments << "\n";
}

}  // namespace

int CmdDb(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {});
  if (!a.ok()) return Fail(err, a.error());
  if (a->positional.size() != 1 || a->positional[0] != "init") {
    return Fail(err, InvalidArgument("usage: nabij db init [--db FILE]"));
  }
  auto db = OpenDb(*a, true);
  if (!db.ok()) return Fail(err, db.error());
  out << "database " << DbPath(*a).string() << " is klaar (schemaversie "
      << store::SqliteDatabase::LatestSchemaVersion() << ")\n";
  return 0;
}

int CmdDemoData(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {});
  if (!a.ok()) return Fail(err, a.error());
  constexpr int64_t kMaxDemo = 1'000'000;
  auto n = NumberOption(*a, "households", 1000, 1, kMaxDemo);
  if (!n.ok()) return Fail(err, n.error());
  auto seed = NumberOption(*a, "seed", 1, 0, INT64_MAX);
  if (!seed.ok()) return Fail(err, seed.error());
  auto applications = NumberOption(*a, "applications", 0, 0, 100'000);
  if (!applications.ok()) return Fail(err, applications.error());
  Month month = SystemClock().Today().month();
  if (a->options.count("month") != 0) {
    auto m = MonthOption(*a);
    if (!m.ok()) return Fail(err, m.error());
    month = *m;
  }
  auto db = OpenDb(*a, true);
  if (!db.ok()) return Fail(err, db.error());
  Status added = AddDemoData(**db, static_cast<uint64_t>(*seed), static_cast<size_t>(*n), month,
                             TextOption(*a, "user", "nabij"));
  if (!added.ok()) return Fail(err, added);
  out << *n << " synthetische dossiers toegevoegd aan " << DbPath(*a).string() << " (seed " << *seed
      << ", rond " << month.ToString() << ")\n";
  if (*applications > 0) {
    auto rules = LoadRules(*a);
    if (!rules.ok()) return Fail(err, rules.error());
    SystemClock clock;
    Status taken = AddDemoApplications(**db, *rules, static_cast<uint64_t>(*seed), static_cast<size_t>(*applications),
                                       clock, TextOption(*a, "user", "nabij"));
    if (!taken.ok()) return Fail(err, taken);
    out << *applications << " synthetische aanvragen ingenomen (nabij case queue toont de werkvoorraad)\n";
  }
  return 0;
}

int CmdRun(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {});
  if (!a.ok()) return Fail(err, a.error());
  const char* usage = "usage: nabij run prepare|approve|export|report --month YYYY-MM [--user NAME] [--db FILE]";
  if (a->positional.size() != 1) return Fail(err, InvalidArgument(usage));
  const std::string& step = a->positional[0];
  auto month = MonthOption(*a);
  if (!month.ok()) return Fail(err, month.error());
  auto rules = LoadRules(*a);
  if (!rules.ok()) return Fail(err, rules.error());
  auto db = OpenDb(*a, false);
  if (!db.ok()) return Fail(err, db.error());
  store::SqliteRunStore runs(**db);
  SystemClock clock;
  store::SqliteDebtStore debt_store(**db);  // same connection: a line and its repayment commit together
  debt::DebtFund fund(debt_store, *rules, clock);
  api::FundCollection collection(fund);
  payments::PaymentRun run(runs, *rules, clock, &collection);
  std::string user = TextOption(*a, "user", "");
  if (step == "prepare") {
    if (user.empty()) return Fail(err, InvalidArgument("--user NAME is required: who prepares the run", "user"));
    auto r = run.Prepare(*month, user, [&](int64_t done) { err << "  " << done << " dossiers berekend\n"; });
    if (!r.ok()) return Fail(err, r.error());
    Status logged = Record(**db, user, "run.prepared",
                           "betaalrun " + month->ToString() + ": " + std::to_string(r->totals.cases) + " dossiers, " +
                               std::to_string(r->totals.failed) + " met een fout, " +
                               std::to_string(r->computed_now) + " nu berekend");
    if (!logged.ok()) return Fail(err, logged);
    PrintTotals(out, r->run, r->totals);
    return 0;
  }
  if (step == "approve") {
    if (user.empty()) return Fail(err, InvalidArgument("--user NAME is required: who approves the run", "user"));
    Status s = run.Approve(*month, user);
    if (!s.ok()) return Fail(err, s, s.code() == ErrorCode::kPermissionDenied ? 1 : 2);
    Status logged = Record(**db, user, "run.approved", "betaalrun " + month->ToString());
    if (!logged.ok()) return Fail(err, logged);
    out << "betaalrun " << month->ToString() << " goedgekeurd door " << user << "\n";
    return 0;
  }
  if (step == "export") {
    auto settings = ExportSettingsFrom(*a);
    if (!settings.ok()) return Fail(err, settings.error());
    std::string version = TextOption(*a, "format", "pain.001.001.09");
    auto xml = run.Export(*month, *settings);
    if (!xml.ok()) return Fail(err, xml.error());
    std::string file = TextOption(*a, "out", "sepa-" + month->ToString() + ".xml");
    Status s = WriteFileAtomically(file, *xml);
    if (!s.ok()) return Fail(err, s);
    Status logged = Record(**db, TextOption(*a, "user", "nabij"), "run.exported",
                           "betaalrun " + month->ToString() + ": SEPA " + version);
    if (!logged.ok()) return Fail(err, logged);
    out << "SEPA-bestand " << file << " geschreven (" << version << ", gevalideerd tegen de XSD)\n";
    return 0;
  }
  if (step == "report") {
    auto found = runs.FindRun(*month);
    if (!found.ok()) return Fail(err, found.error());
    if (!*found) return Fail(err, Status(ErrorCode::kNotFound, "no payment run for " + month->ToString(), "month"));
    auto totals = runs.Totals((*found)->id);
    if (!totals.ok()) return Fail(err, totals.error());
    PrintTotals(out, **found, *totals);
    auto failed = runs.FailedLines((*found)->id);
    if (!failed.ok()) return Fail(err, failed.error());
    for (const auto& f : *failed) out << "  fout in dossier " << f.case_id << ": " << f.error_code << ": " << f.error_message << "\n";
    constexpr int kLastYear = 2999;  // every entry ever booked
    auto tb = runs.TrialBalance(Date::Of(kLastYear, 12, 31));
    if (!tb.ok()) return Fail(err, tb.error());
    out << "Proefbalans (alle boekingen):\n";
    for (const auto& l : tb->lines) {
      out << "  " << l.account << ": debet " << FormatEuro(l.debit) << ", credit " << FormatEuro(l.credit) << ", saldo "
          << FormatEuro(l.balance) << "\n";
    }
    out << "  totaal debet " << FormatEuro(tb->total_debit) << " = totaal credit " << FormatEuro(tb->total_credit) << "\n";
    if (a->options.count("xlsx") != 0 || a->options.count("csv") != 0) {
      auto wb = payments::RunWorkbook(runs, **found, *totals);
      if (!wb.ok()) return Fail(err, wb.error());
      if (a->options.count("xlsx") != 0) {
        Status s = sheets::WriteXlsxFile(*wb, a->options.at("xlsx"));
        if (!s.ok()) return Fail(err, s);
        err << "Excel-bestand geschreven naar " << a->options.at("xlsx") << "\n";
      }
      if (a->options.count("csv") != 0) {
        Status s = sheets::WriteCsvFile(wb->sheets[payments::kPaymentsSheet], a->options.at("csv"));
        if (!s.ok()) return Fail(err, s);
        err << "CSV met alle betalingen geschreven naar " << a->options.at("csv") << "\n";
      }
    }
    store::SqliteEventLog log(**db);
    auto events = log.List(0, 1000);
    if (!events.ok()) return Fail(err, events.error());
    out << "Logboek:\n";
    for (const Event& e : *events) out << "  " << e.at << "  " << e.actor << "  " << e.kind << "  " << e.detail << "\n";
    return 0;
  }
  return Fail(err, InvalidArgument(usage));
}

}  // namespace nabij::app
