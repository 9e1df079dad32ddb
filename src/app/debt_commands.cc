#include "app/debt_commands.h"

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "api/fund_collection.h"
#include "app/args.h"
#include "base/clock.h"
#include "debt/demo_data.h"
#include "debt/fund.h"
#include "sepa/xsd_validator.h"
#include "store/sqlite/database.h"
#include "store/sqlite/debt_store.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/run_store.h"

namespace nabij::app {
namespace {

constexpr const char* kDebtUsage =
    R"(Schuldenfonds (docs/debt-fund.md; bestanden: docs/debt-exchange.md):
  nabij debt register --household REF --income CENTEN [--norm CENTEN] [--gemeente CODE (standaard 9999, fictief)]
        [--registered DATUM]
        [--huishouden alleenstaande|alleenstaande_ouder|gehuwden_zonder_kinderen|gehuwden_met_kinderen]
        [--housing CENTEN] [--adults N] [--fixed-costs CENTEN] [--bvv CENTEN (niet op bijstand)]
  nabij debt finances DOSSIER --income CENTEN [--norm CENTEN | --bvv CENTEN] [--housing ...] (als bij register)
                                                        Nieuw inkomen of nieuwe lasten; toont het aflosbare bedrag.
  nabij debt import claims|answers|repayments|signals BESTAND
                                                        Vorderingen, antwoorden, aflossingen of signalen (CSV);
                                                        alles of niets.
  nabij debt balance-requests [--dossier N] [--out BESTAND]   Saldoverzoeken voor onbevestigde vorderingen.
  nabij debt offers [--dossier N] [--out BESTAND]       Eerste aanbiedingen en heraanbiedingen (CSV).
  nabij debt settle DOSSIER VORDERING CENTEN --user NAAM   Besluit van de schuldhulpverlener.
  nabij debt show DOSSIER | statement DOSSIER [--pdf BESTAND] | queue | tasks | ledger
                                                        (statement: wat het huishouden ziet, in eenvoudig Nederlands;
                                                         --pdf: als brief)
  nabij debt plan DOSSIER --regime studieschuld|klassiek18|klassiek36 --start JJJJ-MM
  nabij debt repay DOSSIER --month JJJJ-MM --amount CENTEN [--source uitkering|zelf] [--date DATUM]
  nabij debt withhold DOSSIER --case UITKERINGSDOSSIER | --stop  --user NAAM
                                                        De termijn inhouden op de uitkering in de betaalrun
                                                        (met toestemming van het huishouden), of daarmee stoppen.
  nabij debt arrears [DOSSIER] --month JJJJ-MM             Achterstand van één dossier, of alle dossiers met achterstand.
  nabij debt milestone DOSSIER budgetcursus|participatie_trede|baan|diploma --user NAAM
  nabij debt breach DOSSIER --user NAAM
  nabij debt close-plans                                Scheldt de rest kwijt na de looptijd zonder achterstand.
  nabij debt export sepa --out BESTAND [--format pain.001.001.09|pain.001.001.03] [--debtor-iban IBAN]
  nabij debt figures --from DATUM --until DATUM
  nabij debt demo-data [--households N] [--seed S] [--from DATUM] [--until DATUM] [--gemeente CODE]
  nabij debt demo-answers AANBIEDINGEN.csv [--seed S] [--out BESTAND]   Gesimuleerde schuldeisers antwoorden (demo).
Opties: --db BESTAND, --rules MAP, --today DATUM (de datum waarop het fonds werkt; standaard vandaag).
)";

// The fictitious fund account of the demo municipality, used when no --debtor-iban is given.
constexpr uint64_t kDemoFundAccount = 9'999'999'998;
constexpr int64_t kMaxHouseholds = 100'000;
constexpr int64_t kMillisPerDay = 86'400'000;

// The date the fund works on: --today, or the system's.
class DayClock final : public Clock {
 public:
  explicit DayClock(Date today) : today_(today) {}
  Date Today() const override { return today_; }
  int64_t NowUnixMillis() const override {
    return int64_t{today_.days_since_epoch()} * kMillisPerDay;
  }

 private:
  Date today_;
};

// Everything a command works with; held by pointer so that the fund's references survive moving an
// Env.
struct Env {
  std::unique_ptr<rules::ParameterSet> rules;
  std::unique_ptr<store::SqliteDatabase> db;
  std::unique_ptr<store::SqliteDebtStore> store;
  std::unique_ptr<DayClock> clock;
  std::unique_ptr<debt::DebtFund> fund;
};

Result<Date> DateOption(const Args& a, const std::string& name, std::optional<Date> fallback) {
  auto it = a.options.find(name);
  if (it == a.options.end()) {
    if (fallback) return *fallback;
    return InvalidArgument("--" + name + " YYYY-MM-DD is required", name);
  }
  auto d = Date::Parse(it->second);
  if (!d.ok()) return InvalidArgument("--" + name + " is not a date YYYY-MM-DD", name);
  return *d;
}

Result<Money> CentsOption(const Args& a, const std::string& name, std::optional<Money> fallback) {
  auto it = a.options.find(name);
  if (it == a.options.end()) {
    if (fallback) return *fallback;
    return InvalidArgument("--" + name + " (whole eurocents) is required", name);
  }
  auto m = ParseCents(it->second);
  if (!m.ok() || *m < Money::Zero())
    return InvalidArgument("--" + name + " is whole eurocents, not negative", name);
  return *m;
}

Result<int64_t> IdArg(const std::string& text, const std::string& what) {
  Args tmp;
  tmp.options[what] = text;
  return NumberOption(tmp, what, 0, 1, INT64_MAX);
}

Result<std::string> UserOption(const Args& a) {
  std::string user = TextOption(a, "user", "");
  if (user.empty()) return InvalidArgument("--user NAME is required: who decides", "user");
  return user;
}

Result<Env> Open(const Args& a) {
  Env env;
  NABIJ_ASSIGN_OR_RETURN(rules::ParameterSet set, LoadRules(a));
  env.rules = std::make_unique<rules::ParameterSet>(std::move(set));
  NABIJ_ASSIGN_OR_RETURN(env.db, store::SqliteDatabase::Open(DbPath(a), store::OpenOptions{}));
  NABIJ_RETURN_IF_ERROR(env.db->Migrate());
  NABIJ_ASSIGN_OR_RETURN(Date today, DateOption(a, "today", SystemClock().Today()));
  env.clock = std::make_unique<DayClock>(today);
  env.store = std::make_unique<store::SqliteDebtStore>(*env.db);
  env.fund = std::make_unique<debt::DebtFund>(*env.store, *env.rules, *env.clock);
  return env;
}

// The audit trail: who did what to which dossier (ids and amounts only).
Status Record(Env& env, const std::string& actor, const std::string& kind,
              const std::string& detail) {
  store::SqliteEventLog log(*env.db);
  return log.Append(Event{FormatUtc(SystemClock().NowUnixMillis()), actor, kind, 0, detail});
}

// Writes `text` to --out, or to standard output.
Status Emit(const Args& a, const std::string& text, std::ostream& out, std::ostream& err,
            const std::string& what) {
  auto it = a.options.find("out");
  if (it == a.options.end()) {
    out << text;
    return Status::Ok();
  }
  NABIJ_RETURN_IF_ERROR(WriteFileAtomically(it->second, text));
  err << what << " geschreven naar " << it->second << "\n";
  return Status::Ok();
}

std::string Percent(Money part, Money whole) {
  if (whole == Money::Zero()) return "-";
  // Tenths of a percent, rounded half up; for display only.
  const int64_t tenths = (part.cents() * 1000 + whole.cents() / 2) / whole.cents();
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " %";
}

// The household's finances from the options (register, finances).
Result<debt::Finances> FinancesOptions(const Args& a) {
  debt::Finances f;
  auto huishouden = debt::HuishoudenOf(TextOption(a, "huishouden", "alleenstaande"));
  if (!huishouden) {
    return InvalidArgument("--huishouden is not a known household situation", "huishouden");
  }
  f.huishouden = *huishouden;
  NABIJ_ASSIGN_OR_RETURN(f.net_income, CentsOption(a, "income", std::nullopt));
  if (a.options.count("bvv") != 0) {
    f.op_bijstand = false;
    NABIJ_ASSIGN_OR_RETURN(Money bvv, CentsOption(a, "bvv", std::nullopt));
    f.bvv_formule = bvv;
  } else {
    NABIJ_ASSIGN_OR_RETURN(f.bijstandsnorm, CentsOption(a, "norm", std::nullopt));
  }
  NABIJ_ASSIGN_OR_RETURN(f.housing_costs, CentsOption(a, "housing", Money::Zero()));
  NABIJ_ASSIGN_OR_RETURN(f.other_fixed_costs, CentsOption(a, "fixed-costs", Money::Zero()));
  NABIJ_ASSIGN_OR_RETURN(int64_t adults, NumberOption(a, "adults", 1, 1, 20));
  f.adults = static_cast<int>(adults);
  return f;
}

int Register(Env& env, const Args& a, std::ostream& out, std::ostream& err) {
  debt::NewDossier nd;
  nd.household_ref = TextOption(a, "household", "");
  nd.gemeente = TextOption(a, "gemeente", "9999");
  auto registered = DateOption(a, "registered", env.clock->Today());
  if (!registered.ok()) return Fail(err, registered.error());
  nd.registered = *registered;
  auto finances = FinancesOptions(a);
  if (!finances.ok()) return Fail(err, finances.error());
  nd.finances = *finances;
  auto id = env.fund->Register(nd);
  if (!id.ok()) return Fail(err, id.error());
  Status s = Record(env, TextOption(a, "user", "cli"), "debt.registered",
                    "dossier " + std::to_string(*id));
  if (!s.ok()) return Fail(err, s);
  out << "dossier " << *id << " geregistreerd op " << nd.registered.ToString()
      << " (klok: 28 dagen tot " << nd.registered.AddDays(debt::kClockDays).ToString() << ")\n";
  return 0;
}

int Finances(Env& env, const Args& a, int64_t id, std::ostream& out, std::ostream& err) {
  auto finances = FinancesOptions(a);
  if (!finances.ok()) return Fail(err, finances.error());
  auto affordable = env.fund->UpdateFinances(id, *finances);
  if (!affordable.ok()) return Fail(err, affordable.error());
  Status s = Record(env, TextOption(a, "user", "cli"), "debt.finances_changed",
                    "dossier " + std::to_string(id));
  if (!s.ok()) return Fail(err, s);
  out << "inkomen en lasten van dossier " << id << " bijgewerkt; aflosbaar nu "
      << FormatEuro(affordable->affordable) << " per maand";
  auto d = env.store->LoadDossier(id);
  if (d.ok() && d->plan && d->plan->affordable != affordable->affordable) {
    out << " (de regeling rekent met " << FormatEuro(d->plan->affordable)
        << ": maak een nieuwe regeling met 'nabij debt plan')";
  }
  out << "\n";
  return 0;
}

int Import(Env& env, const Args& a, std::ostream& out, std::ostream& err) {
  if (a.positional.size() != 3)
    return Fail(err,
                InvalidArgument("usage: nabij debt import claims|answers|repayments|signals FILE"));
  const std::string& kind = a.positional[1];
  auto text = ReadInput(a.positional[2]);
  if (!text.ok()) return Fail(err, text.error());
  std::string summary;
  if (kind == "claims") {
    auto rows = debt::ParseClaimsCsv(*text);
    if (!rows.ok()) return Fail(err, rows.error());
    Status s = env.fund->ImportClaims(*rows);
    if (!s.ok()) return Fail(err, s);
    summary = std::to_string(rows->size()) + " vordering(en) ingelezen";
  } else if (kind == "answers") {
    auto rows = debt::ParseAnswersCsv(*text);
    if (!rows.ok()) return Fail(err, rows.error());
    Status s = env.fund->ImportAnswers(*rows);
    if (!s.ok()) return Fail(err, s);
    summary = std::to_string(rows->size()) + " antwoord(en) ingelezen";
  } else if (kind == "repayments") {
    auto rows = debt::ParseRepaymentsCsv(*text);
    if (!rows.ok()) return Fail(err, rows.error());
    Status s = env.fund->ImportRepayments(*rows);
    if (!s.ok()) return Fail(err, s);
    summary = std::to_string(rows->size()) + " aflossing(en) ingelezen";
  } else if (kind == "signals") {
    auto rows = debt::ParseSignalsCsv(*text);
    if (!rows.ok()) return Fail(err, rows.error());
    auto n = env.fund->ImportSignals(*rows);
    if (!n.ok()) return Fail(err, n.error());
    summary = std::to_string(*n) + " signaal/signalen ingelezen, " + std::to_string(*n) +
              " taak/taken voor contact";
  } else {
    return Fail(err,
                InvalidArgument("import what: claims, answers, repayments or signals", "kind"));
  }
  Status s = Record(env, TextOption(a, "user", "cli"), "debt." + kind + "_imported", summary);
  if (!s.ok()) return Fail(err, s);
  out << summary << "\n";
  return 0;
}

Result<std::optional<int64_t>> DossierOption(const Args& a) {
  if (a.options.count("dossier") == 0) return std::optional<int64_t>();
  NABIJ_ASSIGN_OR_RETURN(int64_t id, NumberOption(a, "dossier", 0, 1, INT64_MAX));
  return std::optional<int64_t>(id);
}

int Offers(Env& env, const Args& a, std::ostream& out, std::ostream& err) {
  auto dossier = DossierOption(a);
  if (!dossier.ok()) return Fail(err, dossier.error());
  auto round = env.fund->MakeOffers(*dossier);
  if (!round.ok()) return Fail(err, round.error());
  const std::string summary = std::to_string(round->first_offers) +
                              " eerste aanbod/aanbiedingen, " + std::to_string(round->re_offers) +
                              " heraanbod/heraanbiedingen, " + std::to_string(round->expired) +
                              " zonder reactie verlopen, " + std::to_string(round->escalated) +
                              " naar de schuldhulpverlener";
  Status s = Record(env, TextOption(a, "user", "cli"), "debt.offers_made", summary);
  if (s.ok()) s = Emit(a, round->csv, out, err, "aanbiedingen");
  if (!s.ok()) return Fail(err, s);
  err << summary << "\n";
  return 0;
}

int BalanceRequests(Env& env, const Args& a, std::ostream& out, std::ostream& err) {
  auto dossier = DossierOption(a);
  if (!dossier.ok()) return Fail(err, dossier.error());
  auto csv = env.fund->BalanceRequests(*dossier);
  if (!csv.ok()) return Fail(err, csv.error());
  Status s =
      Record(env, TextOption(a, "user", "cli"), "debt.balance_requests", "saldoverzoeken gemaakt");
  if (s.ok()) s = Emit(a, *csv, out, err, "saldoverzoeken");
  return s.ok() ? 0 : Fail(err, s);
}

int Show(Env& env, int64_t id, std::ostream& out, std::ostream& err) {
  auto d = env.store->LoadDossier(id);
  if (!d.ok()) return Fail(err, d.error());
  const debt::ClockView clock = debt::ClockOf(*d, env.clock->Today());
  out << "Dossier " << d->id << " (" << d->household_ref << ", gemeente " << d->gemeente << "), "
      << debt::DossierStatusName(d->Status()) << "\n"
      << "  geregistreerd " << d->registered.ToString() << ", klok: dag " << clock.days_elapsed
      << " van " << debt::kClockDays << " (" << debt::ClockStateName(clock.state) << ")\n";
  Money total;
  for (const debt::Claim& c : d->claims) {
    total += c.total();
    out << "  " << c.seq << ". " << c.creditor << " (" << debt::SectorName(c.sector) << ", "
        << debt::VerificationName(c.verification) << ") " << FormatEuro(c.total()) << ": "
        << debt::ClaimStatusName(debt::ClaimStatusOf(c));
    if (!c.offers.empty()) {
      const debt::Offer& o = c.offers.back();
      out << ", ronde " << o.round << " " << o.percentage.ToPercentString() << " = "
          << FormatEuro(o.amount);
      if (o.answer) out << " (" << debt::AnswerKindName(o.answer->kind) << ")";
    }
    if (c.settled_amount) out << ", akkoord " << FormatEuro(*c.settled_amount);
    out << "\n";
  }
  out << "  " << d->claims.size() << " vorderingen, totaal " << FormatEuro(total) << "\n";
  if (d->benefit_case) out << "  termijn ingehouden op uitkeringsdossier " << *d->benefit_case << "\n";
  if (d->AllSettled()) {
    out << "  schuld aan het fonds " << FormatEuro(d->Owed()) << " (" << Percent(d->Owed(), total)
        << " van de vorderingen), afgelost " << FormatEuro(d->Repaid()) << ", kwijtgescholden "
        << FormatEuro(d->Forgiven()) << ", saldo " << FormatEuro(d->Balance()) << "\n";
  }
  if (d->plan) {
    out << "  regeling " << debt::RegimeName(d->plan->regime) << " vanaf "
        << d->plan->start.ToString() << ": " << FormatEuro(d->plan->monthly) << " per maand, "
        << d->plan->term_months << " maanden\n";
  }
  return 0;
}

int Queue(Env& env, std::ostream& out, std::ostream& err) {
  auto q = env.fund->Queue();
  if (!q.ok()) return Fail(err, q.error());
  out << "dossier\tstatus\tdag\tdagen over\topen\tgeescaleerd\n";
  for (const debt::ClockView& v : *q) {
    out << v.dossier_id << "\t" << debt::ClockStateName(v.state) << "\t" << v.days_elapsed << "\t"
        << v.days_left << "\t" << v.open_claims << "\t" << v.escalated_claims << "\n";
  }
  out << q->size() << " dossier(s) te laat of met risico\n";
  return 0;
}

int Plan(Env& env, const Args& a, int64_t id, std::ostream& out, std::ostream& err) {
  auto regime = debt::RegimeOf(TextOption(a, "regime", ""));
  if (!regime)
    return Fail(err,
                InvalidArgument("--regime is studieschuld, klassiek18 or klassiek36", "regime"));
  auto start = Month::Parse(TextOption(a, "start", ""));
  if (!start.ok()) return Fail(err, InvalidArgument("--start YYYY-MM is required", "start"));
  rules::Trace trace;
  auto plan = env.fund->MakePlan(id, *regime, *start, &trace);
  if (!plan.ok()) return Fail(err, plan.error());
  Status s = Record(env, TextOption(a, "user", "cli"), "debt.plan",
                    "dossier " + std::to_string(id) + " " + std::string(debt::RegimeName(*regime)) +
                        " " + std::to_string(plan->plan.monthly.cents()) + " cent per maand");
  if (!s.ok()) return Fail(err, s);
  out << "Aflosbaar bedrag (VTLB), dossier " << id << ", " << start->ToString() << ":\n";
  for (const rules::TraceStep& step : trace.steps()) {
    out << "  " << step.label << "  " << FormatEuro(step.amount) << "  " << step.legal_ref;
    if (!step.param_value.empty()) out << " (" << step.param_value;
    if (step.effective) out << ", per " << step.effective->ToString();
    if (!step.param_value.empty()) out << ")";
    if (!step.detail.empty()) out << "\n      " << step.detail;
    out << "\n";
  }
  const debt::Schedule& sc = plan->schedule;
  out << "Regeling " << debt::RegimeName(*regime) << ": " << FormatEuro(sc.monthly)
      << " per maand, " << sc.instalments.size() << " termijn(en)";
  if (!sc.instalments.empty())
    out << " (" << start->ToString() << " t/m " << sc.instalments.back().month.ToString() << ")";
  out << ", totaal " << FormatEuro(sc.paid) << ", aan het eind kwijtgescholden "
      << FormatEuro(sc.forgiven_at_end) << "\n";
  return 0;
}

int Withhold(Env& env, const Args& a, int64_t id, std::ostream& out, std::ostream& err) {
  auto user = UserOption(a);
  if (!user.ok()) return Fail(err, user.error());
  const bool stop = a.options.count("stop") != 0;
  if (stop == (a.options.count("case") != 0)) {
    return Fail(err, InvalidArgument("usage: nabij debt withhold DOSSIER --case UITKERINGSDOSSIER | --stop --user NAAM"));
  }
  std::optional<int64_t> case_id;
  if (!stop) {
    auto c = NumberOption(a, "case", 0, 1, INT64_MAX);
    if (!c.ok()) return Fail(err, c.error());
    case_id = *c;
  }
  store::SqliteRunStore cases(*env.db);
  Status s = api::LinkBenefitCase(*env.fund, cases, id, case_id);
  if (s.ok()) {
    s = Record(env, *user, "debt.withholding",
               "dossier " + std::to_string(id) + (case_id ? " uitkeringsdossier " + std::to_string(*case_id) : " gestopt"));
  }
  if (!s.ok()) return Fail(err, s);
  if (case_id) {
    out << "dossier " << id << ": de termijn wordt vanaf de volgende betaalrun ingehouden op uitkeringsdossier "
        << *case_id << "\n";
  } else {
    out << "dossier " << id << ": niet langer inhouden op de uitkering\n";
  }
  return 0;
}

int Repay(Env& env, const Args& a, int64_t id, std::ostream& out, std::ostream& err) {
  auto month = Month::Parse(TextOption(a, "month", ""));
  if (!month.ok()) return Fail(err, InvalidArgument("--month YYYY-MM is required", "month"));
  auto amount = CentsOption(a, "amount", std::nullopt);
  if (!amount.ok()) return Fail(err, amount.error());
  auto source = debt::RepaymentSourceOf(TextOption(a, "source", "zelf"));
  if (!source) return Fail(err, InvalidArgument("--source is uitkering or zelf", "source"));
  auto date = DateOption(a, "date", env.clock->Today());
  if (!date.ok()) return Fail(err, date.error());
  Status s = env.fund->RecordRepayment(id, *month, *amount, *source, *date);
  if (s.ok()) {
    s = Record(env, TextOption(a, "user", "cli"), "debt.repayment",
               "dossier " + std::to_string(id) + " " + month->ToString() + " " +
                   std::to_string(amount->cents()) + " cent");
  }
  if (!s.ok()) return Fail(err, s);
  auto d = env.store->LoadDossier(id);
  if (!d.ok()) return Fail(err, d.error());
  out << "aflossing " << FormatEuro(*amount) << " geboekt; saldo " << FormatEuro(d->Balance())
      << "\n";
  return 0;
}

int ArrearsCmd(Env& env, const Args& a, int64_t id, std::ostream& out, std::ostream& err) {
  auto month = Month::Parse(TextOption(a, "month", ""));
  if (!month.ok()) return Fail(err, InvalidArgument("--month YYYY-MM is required", "month"));
  auto ar = env.fund->ArrearsOf(id, *month);
  if (!ar.ok()) return Fail(err, ar.error());
  out << "t/m " << month->ToString() << ": verschuldigd " << FormatEuro(ar->due) << ", betaald "
      << FormatEuro(ar->paid) << ", achterstand " << FormatEuro(ar->arrears) << " ("
      << ar->months_behind << " termijn(en))\n";
  return ar->arrears > Money::Zero() ? 1 : 0;
}

int Milestone(Env& env, const Args& a, int64_t id, std::ostream& out, std::ostream& err) {
  if (a.positional.size() != 3)
    return Fail(err, InvalidArgument("usage: nabij debt milestone DOSSIER KIND --user NAME"));
  auto kind = debt::MilestoneKindOf(a.positional[2]);
  if (!kind)
    return Fail(err,
                InvalidArgument("milestone is budgetcursus, participatie_trede, baan or diploma",
                                "milestone"));
  auto user = UserOption(a);
  if (!user.ok()) return Fail(err, user.error());
  rules::Trace trace;
  auto f = env.fund->ConfirmMilestone(id, *kind, *user, &trace);
  if (!f.ok()) return Fail(err, f.error());
  Status s =
      Record(env, *user, "debt.milestone",
             "dossier " + std::to_string(id) + " " + std::string(debt::MilestoneKindName(*kind)) +
                 " " + std::to_string(f->amount.cents()) + " cent kwijtgescholden");
  if (!s.ok()) return Fail(err, s);
  for (const rules::TraceStep& step : trace.steps()) {
    out << "  " << step.label << "  " << FormatEuro(step.amount) << "  " << step.legal_ref << "\n";
  }
  out << "mijlpaal " << debt::MilestoneKindName(*kind) << " bevestigd door " << *user << ": "
      << FormatEuro(f->amount) << " kwijtgescholden\n";
  return 0;
}

int ExportSepa(Env& env, const Args& a, std::ostream& out, std::ostream& err) {
  if (a.positional.size() != 2 || a.positional[1] != "sepa")
    return Fail(err, InvalidArgument("usage: nabij debt export sepa --out FILE"));
  if (a.options.count("out") == 0)
    return Fail(err, InvalidArgument("--out FILE is required", "out"));
  debt::SepaSettings ss;
  ss.debtor_name = TextOption(a, "debtor-name", "Schuldenfonds Demodorp (fictief)");
  ss.debtor_iban = TextOption(a, "debtor-iban", DemoIban(kDemoFundAccount));
  ss.debtor_bic = TextOption(a, "debtor-bic", "");
  const std::string format = TextOption(a, "format", "pain.001.001.09");
  if (format == "pain.001.001.03") {
    ss.version = sepa::Version::kPain001_001_03;
  } else if (format != "pain.001.001.09") {
    return Fail(err, InvalidArgument("--format is pain.001.001.09 or pain.001.001.03", "format"));
  }
  ss.schema_dir = TextOption(a, "schemas", sepa::DefaultSchemaDir().string());
  // The file is written before the payments are marked paid and booked: a failed write books
  // nothing, and a failed booking removes the file.
  const std::string path = a.options.at("out");
  bool written = false;
  auto sepa = env.fund->ExportSepa(ss, [&](const std::string& xml) {
    Status w = WriteFileAtomically(path, xml);
    written = w.ok();
    return w;
  });
  if (!sepa.ok()) {
    std::error_code ignored;
    if (written) std::filesystem::remove(path, ignored);
    return Fail(err, sepa.error());
  }
  Status s = Record(env, TextOption(a, "user", "cli"), "debt.sepa_exported",
                    sepa->message_id + " " + std::to_string(sepa->transfers) + " betalingen " +
                        std::to_string(sepa->total.cents()) + " cent");
  if (!s.ok()) return Fail(err, s);
  out << sepa->transfers << " betaling(en) aan schuldeisers, totaal " << FormatEuro(sepa->total)
      << ", " << sepa->message_id << ", gevalideerd tegen de XSD, geschreven naar "
      << a.options.at("out") << "\n";
  if (sepa->not_payable > 0) {
    out << sepa->not_payable
        << " vordering(en) niet betaald: geen IBAN of een IBAN buiten SEPA (zie 'nabij debt "
           "show')\n";
  }
  return 0;
}

int FiguresCmd(Env& env, const Args& a, std::ostream& out, std::ostream& err) {
  auto from = DateOption(a, "from", std::nullopt);
  if (!from.ok()) return Fail(err, from.error());
  auto until = DateOption(a, "until", std::nullopt);
  if (!until.ok()) return Fail(err, until.error());
  auto f = env.fund->FiguresFor(*from, *until);
  if (!f.ok()) return Fail(err, f.error());
  out << "Schuldenfonds " << from->ToString() << " t/m " << until->AddDays(-1).ToString() << "\n"
      << "  gesaneerd:                       " << f->restructured << " huishouden(s)\n";
  if (f->restructured > 0) {
    const int64_t tenths = std::llround(f->average_days * 10);
    out << "  dagen registratie tot sanering:  gemiddeld " << tenths / 10 << "," << tenths % 10
        << " (doel <= " << debt::kClockDays << "), binnen " << debt::kClockDays
        << " dagen: " << f->within_clock << " van " << f->restructured << "\n";
  }
  out << "  akkoord op het eerste aanbod:    " << f->first_offer_accepted << " van "
      << f->first_offer_answered << " schuldeisers";
  if (f->first_offer_answered > 0) {
    out << " ("
        << Percent(Money::Cents(f->first_offer_accepted), Money::Cents(f->first_offer_answered))
        << ")";
  }
  out << "\n  gemiddeld uitbetaald:            "
      << Percent(f->settled_amount, f->claims_settled_total) << " ("
      << FormatEuro(f->settled_amount) << " voor " << FormatEuro(f->claims_settled_total)
      << " aan vorderingen)\n"
      << "  schuldenvrij geworden:           " << f->debt_free << " huishouden(s)\n"
      << "  kwijtgescholden (netto):         " << FormatEuro(f->forgiven) << "\n";
  return 0;
}

int Tasks(Env& env, std::ostream& out, std::ostream& err) {
  auto tasks = env.store->Tasks();
  if (!tasks.ok()) return Fail(err, tasks.error());
  out << "taak\tsector\thuishouden\tsignaal\tachterstand\tmaanden\tdossier\n";
  for (const debt::OutreachTask& t : *tasks) {
    // The household's newest dossier, if the fund already knows it.
    auto dossiers = env.store->DossiersOf(t.signal.household_ref);
    if (!dossiers.ok()) return Fail(err, dossiers.error());
    out << t.id << "\t" << debt::SignalSectorName(t.signal.sector) << "\t" << t.signal.household_ref
        << "\t" << t.signal.date.ToString() << "\t" << FormatEuro(t.signal.arrears) << "\t"
        << t.signal.months << "\t"
        << (dossiers->empty() ? std::string("-") : std::to_string(dossiers->back())) << "\n";
  }
  out << tasks->size() << " taak/taken voor contact\n";
  return 0;
}

int LedgerCmd(Env& env, std::ostream& out, std::ostream& err) {
  auto entries = env.store->Entries();
  if (!entries.ok()) return Fail(err, entries.error());
  ledger::Ledger l;
  Date last = Date::Of(1900, 1, 1);
  for (ledger::Entry e : *entries) {
    last = std::max(last, e.booking_date);
    e.reverses.reset();  // the fund books no reversals; ids are the database's
    auto r = l.Append(std::move(e));
    if (!r.ok()) return Fail(err, r.error());
  }
  ledger::TrialBalance tb = l.Report(Date::Of(1900, 1, 1), last.AddDays(1));
  std::map<std::string, Money> by_class;
  for (const auto& line : tb.lines) {
    std::string cls = line.account.substr(0, line.account.find(':'));
    by_class[cls] += line.balance;
  }
  out << "Proefbalans schuldenfonds (" << entries->size() << " boekingen)\n";
  for (const auto& [cls, bal] : by_class) out << "  " << cls << "  " << FormatEuro(bal) << "\n";
  out << "  totaal debet " << FormatEuro(tb.total_debit) << " = totaal credit "
      << FormatEuro(tb.total_credit) << "\n";
  return 0;
}

int DemoData(Env& env, const Args& a, std::ostream& out, std::ostream& err) {
  auto n = NumberOption(a, "households", 50, 1, kMaxHouseholds);
  if (!n.ok()) return Fail(err, n.error());
  auto seed = NumberOption(a, "seed", 1, 0, INT64_MAX);
  if (!seed.ok()) return Fail(err, seed.error());
  auto until = DateOption(a, "until", env.clock->Today());
  if (!until.ok()) return Fail(err, until.error());
  // Registrations over the last five weeks: some dossiers on schedule, some at risk, some late.
  constexpr int kDemoDays = 35;
  auto from = DateOption(a, "from", until->AddDays(-kDemoDays));
  if (!from.ok()) return Fail(err, from.error());
  if (*until < *from || env.clock->Today() < *until) {
    return Fail(
        err, InvalidArgument("--from must not be after --until, nor --until after today", "until"));
  }
  auto demo =
      debt::GenerateDemoDossiers(*env.rules, static_cast<uint64_t>(*seed), static_cast<size_t>(*n),
                                 *from, *until, TextOption(a, "gemeente", "9999"));
  if (!demo.ok()) return Fail(err, demo.error());
  size_t claims = 0;
  for (const debt::DemoDossier& dd : *demo) {
    auto id = env.fund->Register(dd.dossier);
    if (!id.ok()) return Fail(err, id.error());
    std::vector<debt::ClaimRow> rows;
    for (const debt::Claim& c : dd.claims) rows.push_back({0, *id, c});
    Status s = env.fund->ImportClaims(rows);
    if (!s.ok()) return Fail(err, s);
    claims += rows.size();
  }
  Status s = Record(env, "cli", "debt.demo_data",
                    std::to_string(*n) + " dossiers, seed " + std::to_string(*seed));
  if (!s.ok()) return Fail(err, s);
  out << *n << " synthetische schuldendossiers met " << claims << " vorderingen (gemiddeld "
      << (claims * 10 / static_cast<size_t>(*n)) / 10 << ","
      << (claims * 10 / static_cast<size_t>(*n)) % 10 << " per huishouden), seed " << *seed << "\n";
  return 0;
}

}  // namespace

int CmdDebt(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {"stop"});
  if (!a.ok()) return Fail(err, a.error());
  if (a->positional.empty() || a->positional[0] == "help") {
    (a->positional.empty() ? err : out) << kDebtUsage;
    return a->positional.empty() ? 2 : 0;
  }
  const std::string& cmd = a->positional[0];
  auto env = Open(*a);
  if (!env.ok()) return Fail(err, env.error());
  if (cmd == "register") return Register(*env, *a, out, err);
  if (cmd == "import") return Import(*env, *a, out, err);
  if (cmd == "offers") return Offers(*env, *a, out, err);
  if (cmd == "balance-requests") return BalanceRequests(*env, *a, out, err);
  if (cmd == "queue") return Queue(*env, out, err);
  if (cmd == "tasks") return Tasks(*env, out, err);
  if (cmd == "ledger") return LedgerCmd(*env, out, err);
  if (cmd == "figures") return FiguresCmd(*env, *a, out, err);
  if (cmd == "export") return ExportSepa(*env, *a, out, err);
  if (cmd == "demo-data") return DemoData(*env, *a, out, err);
  if (cmd == "demo-answers") {
    // Simulated creditors answer an offers file (for demos; never for real creditors).
    if (a->positional.size() != 2)
      return Fail(err, InvalidArgument("usage: nabij debt demo-answers OFFERS.csv [--out FILE]"));
    auto offers = ReadInput(a->positional[1]);
    if (!offers.ok()) return Fail(err, offers.error());
    auto seed = NumberOption(*a, "seed", 1, 0, INT64_MAX);
    if (!seed.ok()) return Fail(err, seed.error());
    auto answers =
        debt::SimulateCreditorAnswers(*offers, static_cast<uint64_t>(*seed), env->clock->Today());
    if (!answers.ok()) return Fail(err, answers.error());
    Status s = Emit(*a, *answers, out, err, "gesimuleerde antwoorden");
    return s.ok() ? 0 : Fail(err, s);
  }
  if (cmd == "arrears" && a->positional.size() == 1) {
    auto month = Month::Parse(TextOption(*a, "month", ""));
    if (!month.ok()) return Fail(err, InvalidArgument("--month YYYY-MM is required", "month"));
    auto list = env->fund->InArrears(*month);
    if (!list.ok()) return Fail(err, list.error());
    out << "dossier\tachterstand\ttermijnen\n";
    for (const auto& [id, ar] : *list)
      out << id << "\t" << FormatEuro(ar.arrears) << "\t" << ar.months_behind << "\n";
    out << list->size() << " dossier(s) met achterstand t/m " << month->ToString() << "\n";
    return 0;
  }
  if (cmd == "close-plans") {
    auto n = env->fund->CloseFinishedPlans();
    if (!n.ok()) return Fail(err, n.error());
    Status s = Record(*env, "cli", "debt.plans_closed", std::to_string(*n) + " dossiers");
    if (!s.ok()) return Fail(err, s);
    out << *n << " regeling(en) afgesloten; de rest is kwijtgescholden\n";
    return 0;
  }
  // Commands on one dossier.
  if (a->positional.size() < 2)
    return Fail(err, InvalidArgument("usage: nabij debt " + cmd + " DOSSIER ..."));
  auto id = IdArg(a->positional[1], "dossier");
  if (!id.ok()) return Fail(err, id.error());
  if (cmd == "show") return Show(*env, *id, out, err);
  if (cmd == "finances") return Finances(*env, *a, *id, out, err);
  if (cmd == "statement") {
    if (auto pdf_path = a->options.find("pdf"); pdf_path != a->options.end()) {
      auto pdf = api::HouseholdLetterPdf(*env->fund, *id, env->clock->Today());
      if (!pdf.ok()) return Fail(err, pdf.error());
      Status w = WriteFileAtomically(pdf_path->second, *pdf);
      if (!w.ok()) return Fail(err, w);
      out << "brief bij schuldendossier " << *id << " geschreven naar " << pdf_path->second << "\n";
      return 0;
    }
    auto v = env->fund->ViewFor(*id);
    if (!v.ok()) return Fail(err, v.error());
    for (const std::string& p : v->paragraphs) out << p << "\n";
    return 0;
  }
  if (cmd == "plan") return Plan(*env, *a, *id, out, err);
  if (cmd == "repay") return Repay(*env, *a, *id, out, err);
  if (cmd == "withhold") return Withhold(*env, *a, *id, out, err);
  if (cmd == "arrears") return ArrearsCmd(*env, *a, *id, out, err);
  if (cmd == "milestone") return Milestone(*env, *a, *id, out, err);
  if (cmd == "settle" || cmd == "breach") {
    auto user = UserOption(*a);
    if (!user.ok()) return Fail(err, user.error());
    if (cmd == "breach") {
      auto back = env->fund->Breach(*id, *user);
      if (!back.ok()) return Fail(err, back.error());
      Status s = Record(*env, *user, "debt.breach",
                        "dossier " + std::to_string(*id) + " " + std::to_string(back->cents()) +
                            " cent teruggedraaid");
      if (!s.ok()) return Fail(err, s);
      out << "afspraken verbroken; " << FormatEuro(*back) << " kwijtschelding teruggedraaid\n";
      return 0;
    }
    if (a->positional.size() != 4)
      return Fail(err, InvalidArgument("usage: nabij debt settle DOSSIER CLAIM CENTS --user NAME"));
    auto claim = IdArg(a->positional[2], "claim");
    if (!claim.ok()) return Fail(err, claim.error());
    auto amount = ParseCents(a->positional[3]);
    if (!amount.ok()) return Fail(err, InvalidArgument("the amount is whole eurocents", "amount"));
    Status s = env->fund->SettleByWorker(*id, *claim, *amount, *user);
    if (s.ok()) {
      s = Record(*env, *user, "debt.settled",
                 "dossier " + std::to_string(*id) + " vordering " + std::to_string(*claim) + " " +
                     std::to_string(amount->cents()) + " cent");
    }
    if (!s.ok()) return Fail(err, s);
    out << "vordering " << *claim << " van dossier " << *id << " geregeld op "
        << FormatEuro(*amount) << "\n";
    return 0;
  }
  err << "nabij debt: unknown command '" << cmd << "'\n\n" << kDebtUsage;
  return 2;
}

}  // namespace nabij::app
