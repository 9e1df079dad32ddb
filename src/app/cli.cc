#include "app/cli.h"

#include "app/args.h"
#include "app/case_commands.h"
#include "app/debt_commands.h"
#include "app/run_commands.h"
#include "app/user_commands.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "api/casework.h"
#include "api/household_json.h"
#include "base/clock.h"
#include "cases/decision_letter.h"
#include "letters/pdf_renderer.h"
#include "golden/golden.h"
#include "pw/bijstand.h"
#include "pw/explain.h"
#include "rules/parameter_set.h"
#include "sim/batch.h"
#include "sim/population.h"

namespace nabij::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage = R"(nabij — Participatiewet en beslagvrije voet als regels en code

Gebruik:
  nabij calc BESTAND [--json] [--regime by_date|art31|in_balans] [--letter BRIEF.pdf]
        Berekent de bijstand van één huishouden (JSON, zie docs/household-format.md; '-' is stdin)
        en toont elke stap met het wetsartikel. --json: machineleesbaar, bedragen in centen.
        --letter: schrijft ook de beschikking als PDF, in eenvoudig Nederlands (B1).
  nabij calc-batch IN OUT --month JJJJ-MM [--threads N]
        Berekent een hele populatie uit een CSV-bestand (docs/batch-format.md), zonder uitleg.
  nabij population generate N OUT --month JJJJ-MM [--seed S]
        Maakt een synthetische populatie van N huishoudens als batch-CSV (docs/population.md).
  nabij rules check      Controleert alle regelbestanden in rules/ en noemt elk probleem.
  nabij rules test       Draait alle gouden testgevallen (rules/**/tests/).
  nabij demo             Rekent de voorbeeldhuishoudens in examples/ door.

Uitkeringsadministratie (SQLite, --db BESTAND of $NABIJ_DB, standaard nabij.db):
  nabij db init                                   Maakt of werkt de database bij.
  nabij demo-data [--households N] [--seed S] [--month JJJJ-MM] [--applications N]
                                                  Voegt synthetische dossiers toe, en aanvragen (een deel
                                                  in de werkvoorraad).
  nabij run prepare --month JJJJ-MM --user NAAM   Bereidt de betaalrun voor (hervat na een onderbreking).
  nabij run approve --month JJJJ-MM --user NAAM   Keurt de run goed (een andere gebruiker: vier ogen).
  nabij run export  --month JJJJ-MM [--out BESTAND] [--format pain.001.001.09|pain.001.001.03]
                                                  Schrijft het SEPA-bestand, gevalideerd tegen de XSD.
  nabij run report  --month JJJJ-MM [--xlsx BESTAND] [--csv BESTAND]
                                                  Totalen, fouten per dossier, de proefbalans en het
                                                  logboek; als Excel (totalen, betalingen, fouten) of CSV.

Aanvragen, besluiten en wijzigingen (docs/case-intake.md; --user NAAM: wie de stap zet):
  nabij case apply BESTAND --user NAAM            Neemt een aanvraag in (JSON): automatisch besloten als er geen
                                                  uitzondering geldt, anders naar de werkvoorraad met de redenen.
  nabij case queue                                De werkvoorraad: dagen tot de beslistermijn, voorschot, redenen.
  nabij case decide AANVRAAG --user NAAM (--grant | --refuse --note TEKST)
                                                  Een medewerker kent toe (opent het dossier) of wijst af.
  nabij case search NAAM|BSN|DOSSIER [--limit N]  Zoekt dossiers op (een deel van) de naam van de aanvrager, het
                                                  BSN van aanvrager of partner, of het dossiernummer; BSN gemaskeerd.
  nabij case show DOSSIER                         Huishouden, inkomsten, terugvorderingen en besluiten.
  nabij case letter BESLUIT --out BRIEF.pdf       De beschikking (B1), opnieuw berekend uit het besluit.
  nabij case verify BESLUIT                       Rekent een besluit opnieuw uit zijn opgeslagen invoer.
  nabij case join DOSSIER --role child|housemate --birth-date JJJJ-MM-DD --from JJJJ-MM-DD
        [--relation none|first_degree|second_degree] [--commercial-contract] --user NAAM
                                                  Iemand komt bij het huishouden; de bijstand wordt herberekend.
  nabij case leave DOSSIER --person ID --on JJJJ-MM-DD --user NAAM
                                                  Iemand vertrekt uit het huishouden.
  nabij case end DOSSIER --last-day JJJJ-MM-DD --note TEKST --user NAAM
                                                  Beëindigt het recht (beëindigingsbesluit).
  nabij income report DOSSIER --month JJJJ-MM --net-work CENTEN [--other CENTEN] [--partner] --user NAAM
                                                  Inkomsten van een maand (loonstrook); een al betaalde maand
                                                  met te veel bijstand wordt een terugvordering.
  nabij stats caseload --from JJJJ-MM --to JJJJ-MM Lopende dossiers, instroom en uitstroom per maand.

Gebruikers en inzage (docs/accounts.md; eenmalige wachtwoorden worden één keer getoond):
  nabij user init                                 Maakt de eerste beheerder als er nog geen gebruiker is.
  nabij user add NAAM --role ROL                  Nieuwe gebruiker; ROL: klantmanager_inkomen, klantmanager_werk,
                                                  schuldhulpverlener, handhaving, financiele_administratie,
                                                  beleid, beheerder, auditor.
  nabij user list | disable NAAM | enable NAAM | reset-password NAAM
  nabij access-log [--user NAAM] [--case N] [--from JJJJ-MM-DD] [--until JJJJ-MM-DD] [--limit N]
                                                  Wie heeft welk dossier ingezien, nieuwste eerst.

Schuldenfonds (docs/debt-fund.md): nabij debt help

Algemene opties:
  --rules MAP            De map met regels (standaard: $NABIJ_RULES of )" NABIJ_RULES_DIR R"()
)";

Result<pw::Regime> RegimeOption(const Args& a, pw::Regime fallback) {
  auto it = a.options.find("regime");
  if (it == a.options.end()) return fallback;
  if (it->second == "by_date") return pw::Regime::kByDate;
  if (it->second == "art31") return pw::Regime::kArt31;
  if (it->second == "in_balans") return pw::Regime::kInBalans;
  return InvalidArgument("--regime is by_date, art31 or in_balans", "regime");
}

// Calculates one household document; writes text or JSON.
int CalcOne(const rules::ParameterSet& set, const std::string& text, const Args& a, bool json, std::ostream& out,
            std::ostream& err) {
  auto req = api::ParseHouseholdJson(text);
  if (!req.ok()) {
    if (json) out << api::StatusToJson(req.error()) << "\n";
    return Fail(err, req.error());
  }
  auto regime = RegimeOption(a, req->regime);
  if (!regime.ok()) return Fail(err, regime.error());
  auto in = pw::BuildCaseInput(req->household);
  if (!in.ok()) {
    if (json) out << api::StatusToJson(in.error()) << "\n";
    return Fail(err, in.error());
  }
  auto params = pw::Snapshot(set, in->month, req->household.gemeente);
  if (!params.ok()) {
    if (json) out << api::StatusToJson(params.error()) << "\n";
    return Fail(err, params.error());
  }
  rules::Trace trace;
  auto d = pw::Calculate(*params, *in, &trace, pw::Options{*regime});
  if (!d.ok()) {
    if (json) out << api::StatusToJson(d.error()) << "\n";
    return Fail(err, d.error());
  }
  if (auto letter = a.options.find("letter"); letter != a.options.end()) {
    // The decision letter as the citizen would receive it (fictitious municipality and person).
    cases::LetterContext ctx =
        api::DemoLetterContext("Fictieve aanvrager", "NABIJ-" + in->month.ToString(), SystemClock().Today());
    auto until = cases::ObjectionDeadline(set, ctx.letter_date);
    if (!until.ok()) return Fail(err, until.error());
    auto kind = d->bijstand == Money::Zero() ? cases::DecisionKind::kAfwijzing : cases::DecisionKind::kToekenning;
    auto pdf = letters::RenderPdf(
        cases::BuildDecisionLetter(kind, in->month.first_day(), *d, trace, ctx, *until));
    if (!pdf.ok()) return Fail(err, pdf.error());
    Status s = WriteFileAtomically(letter->second, *pdf);
    if (!s.ok()) return Fail(err, s);
    err << "brief geschreven naar " << letter->second << "\n";
  }
  if (json) {
    out << api::DecisionToJson(*d, *params, &trace, set.content_hash()) << "\n";
  } else {
    out << pw::FormatDecisionText(*d, *params, trace);
  }
  return 0;
}

int CmdCalc(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {"json"});
  if (!a.ok()) return Fail(err, a.error());
  if (a->positional.size() != 1) return Fail(err, InvalidArgument("usage: nabij calc FILE [--json]"));
  auto set = LoadRules(*a);
  if (!set.ok()) return Fail(err, set.error());
  auto text = ReadInput(a->positional[0]);
  if (!text.ok()) return Fail(err, text.error());
  return CalcOne(*set, *text, *a, a->options.count("json") != 0, out, err);
}

int CmdRules(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {});
  if (!a.ok()) return Fail(err, a.error());
  if (a->positional.size() != 1 || (a->positional[0] != "check" && a->positional[0] != "test")) {
    return Fail(err, InvalidArgument("usage: nabij rules check|test [--rules DIR]"));
  }
  fs::path root = RulesDir(*a);
  if (a->positional[0] == "check") {
    auto issues = rules::ParameterSet::Lint(root);
    for (const auto& i : issues) out << i.ToString() << "\n";
    if (!issues.empty()) {
      out << issues.size() << " probleem/problemen in " << root.string() << "\n";
      return 1;
    }
    auto set = rules::ParameterSet::Load(root);
    out << "regels in orde: " << set->parameters().size() << " parameters, " << set->municipalities().size()
        << " gemeente(n), versie " << set->content_hash() << "\n";
    return 0;
  }
  auto set = rules::ParameterSet::Load(root);
  if (!set.ok()) return Fail(err, set.error());
  auto results = golden::RunGoldenCases(*set, root);
  if (!results.ok()) return Fail(err, results.error());
  int failed = 0;
  for (const auto& r : *results) {
    if (r.passed) continue;
    ++failed;
    out << "FAILED " << r.file << ":" << r.line << " " << r.name << "\n";
    if (!r.error.empty()) out << "    " << r.error << "\n";
    for (const auto& m : r.mismatches) out << "    " << m << "\n";
  }
  out << results->size() - static_cast<size_t>(failed) << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}

int CmdDemo(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {});
  if (!a.ok()) return Fail(err, a.error());
  auto set = LoadRules(*a);
  if (!set.ok()) return Fail(err, set.error());
  fs::path dir = fs::path(NABIJ_SOURCE_DIR) / "examples";
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  if (files.empty()) return Fail(err, Status(ErrorCode::kNotFound, "no example households in " + dir.string()));
  std::sort(files.begin(), files.end());
  int rc = 0;
  for (const auto& f : files) {
    out << "=== " << f.filename().string() << " ===\n";
    auto text = ReadInput(f.string());
    if (!text.ok()) return Fail(err, text.error());
    rc = std::max(rc, CalcOne(*set, *text, *a, false, out, err));
    out << "\n";
  }
  out << "Zelf proberen: nabij calc " << (dir / "alleenstaande-met-broer.json").string() << " [--json]\n";
  return rc;
}

int CmdCalcBatch(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {});
  if (!a.ok()) return Fail(err, a.error());
  if (a->positional.size() != 2) return Fail(err, InvalidArgument("usage: nabij calc-batch IN OUT --month YYYY-MM"));
  auto month = MonthOption(*a);
  if (!month.ok()) return Fail(err, month.error());
  constexpr int64_t kMaxThreads = 256;
  auto threads = NumberOption(*a, "threads", 0, 0, kMaxThreads);
  if (!threads.ok()) return Fail(err, threads.error());
  auto set = LoadRules(*a);
  if (!set.ok()) return Fail(err, set.error());
  sim::BatchOptions options;
  options.threads = static_cast<int>(*threads);
  auto stats = sim::RunBatch(*set, *month, a->positional[0], a->positional[1], options);
  if (!stats.ok()) return Fail(err, stats.error());
  out << stats->rows << " huishoudens berekend voor " << month->ToString() << " (" << stats->failed_rows
      << " met een fout), totaal bijstand " << FormatEuro(stats->bijstand_total) << ", " << stats->threads
      << " threads, " << stats->total_seconds << " s\n";
  return stats->failed_rows == 0 ? 0 : 1;
}

int CmdPopulation(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {});
  if (!a.ok()) return Fail(err, a.error());
  if (a->positional.size() != 3 || a->positional[0] != "generate") {
    return Fail(err, InvalidArgument("usage: nabij population generate N OUT --month YYYY-MM [--seed S]"));
  }
  constexpr int64_t kMaxHouseholds = 100'000'000;
  Args n_args;
  n_args.options["n"] = a->positional[1];
  auto n = NumberOption(n_args, "n", 0, 1, kMaxHouseholds);
  if (!n.ok()) return Fail(err, n.error());
  auto month = MonthOption(*a);
  if (!month.ok()) return Fail(err, month.error());
  auto seed = NumberOption(*a, "seed", 1, 0, INT64_MAX);
  if (!seed.ok()) return Fail(err, seed.error());
  Status s = sim::WriteSyntheticInput(a->positional[2], static_cast<uint64_t>(*seed), static_cast<size_t>(*n), *month);
  if (!s.ok()) return Fail(err, s);
  out << *n << " synthetische huishoudens geschreven naar " << a->positional[2] << " (seed " << *seed << ")\n";
  return 0;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? err : out) << kUsage;
    return args.empty() ? 2 : 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  const std::string& cmd = args[0];
  if (cmd == "calc") return CmdCalc(rest, out, err);
  if (cmd == "calc-batch") return CmdCalcBatch(rest, out, err);
  if (cmd == "population") return CmdPopulation(rest, out, err);
  if (cmd == "rules") return CmdRules(rest, out, err);
  if (cmd == "demo") return CmdDemo(rest, out, err);
  if (cmd == "db") return CmdDb(rest, out, err);
  if (cmd == "demo-data") return CmdDemoData(rest, out, err);
  if (cmd == "run") return CmdRun(rest, out, err);
  if (cmd == "user") return CmdUser(rest, out, err);
  if (cmd == "access-log") return CmdAccessLog(rest, out, err);
  if (cmd == "case") return CmdCase(rest, out, err);
  if (cmd == "income") return CmdIncome(rest, out, err);
  if (cmd == "stats") return CmdStats(rest, out, err);
  if (cmd == "debt") return CmdDebt(rest, out, err);
  err << "nabij: unknown command '" << cmd << "'\n\n" << kUsage;
  return 2;
}

}  // namespace nabij::app
