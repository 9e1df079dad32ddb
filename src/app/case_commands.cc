#include "app/case_commands.h"

#include <iostream>

#include "api/casework.h"
#include "app/args.h"
#include "app/db_setup.h"
#include "base/clock.h"
#include "store/sqlite/case_store.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/run_store.h"

namespace nabij::app {
namespace {

// The database, its stores and the casework service for one command.
struct Session {
  std::unique_ptr<store::SqliteDatabase> db;
  std::unique_ptr<store::SqliteCaseStore> cases;
  std::unique_ptr<store::SqliteEventLog> events;
  rules::ParameterSet rules;
  SystemClock clock;
  std::unique_ptr<api::Casework> work;
};

Result<std::unique_ptr<Session>> Open(const Args& a) {
  auto s = std::make_unique<Session>();
  NABIJ_ASSIGN_OR_RETURN(s->rules, LoadRules(a));
  NABIJ_ASSIGN_OR_RETURN(s->db, OpenDatabase(DbPath(a), false));
  s->cases = std::make_unique<store::SqliteCaseStore>(*s->db);
  s->events = std::make_unique<store::SqliteEventLog>(*s->db);
  s->work = std::make_unique<api::Casework>(s->rules, *s->cases, *s->events, s->clock);
  return s;
}

Result<std::string> UserOption(const Args& a) {
  std::string user = TextOption(a, "user", "");
  if (user.empty()) return InvalidArgument("--user NAME is required: every change names who made it", "user");
  return user;
}

Result<int64_t> IdArgument(const Args& a, const char* what) {
  if (a.positional.size() != 2) return InvalidArgument(std::string("usage: nabij case ") + a.positional[0] + " " + what);
  Args id;
  id.options["id"] = a.positional[1];
  return NumberOption(id, "id", 0, 1, INT64_MAX);
}

// A BSN is printed masked, as on screen: the last four digits.
std::string MaskedBsn(const std::optional<Bsn>& b) { return b ? b->Masked() : "onbekend"; }

std::string Days(const std::optional<int>& d) { return d ? std::to_string(*d) : "-"; }
std::string DateText(const std::optional<Date>& d) { return d ? d->ToString() : "-"; }

void PrintDecision(std::ostream& out, const cases::DecisionRecord& d) {
  out << "besluit " << d.id << ": " << cases::DecisionKindName(d.kind) << " per " << d.effective_from.ToString()
      << ", maand " << d.month.ToString() << ", bijstand " << FormatEuro(d.bijstand) << ", "
      << (d.automatic ? "automatisch" : "door " + d.decided_by) << " op " << d.decided_at << ", regelversie "
      << d.rules_version;
  if (!d.note.empty()) out << " (" << d.note << ")";
  out << "\n";
}

int Apply(const Args& a, std::ostream& out, std::ostream& err) {
  if (a.positional.size() != 2) return Fail(err, InvalidArgument("usage: nabij case apply FILE --user NAME"));
  auto user = UserOption(a);
  if (!user.ok()) return Fail(err, user.error());
  auto text = ReadInput(a.positional[1]);
  if (!text.ok()) return Fail(err, text.error());
  auto s = Open(a);
  if (!s.ok()) return Fail(err, s.error());
  auto o = (*s)->work->Apply(*text, *user);
  if (!o.ok()) return Fail(err, o.error());
  out << "aanvraag " << o->application_id << " opgeslagen; berekende bijstand " << FormatEuro(o->bijstand) << "\n";
  out << "  voorschot uiterlijk " << DateText(o->deadlines.voorschot_due)
      << (o->voorschot_minimum ? " van ten minste " + FormatEuro(*o->voorschot_minimum) : "")
      << ", besluit uiterlijk " << DateText(o->deadlines.decision_due) << "\n";
  if (o->decision) {
    out << "automatisch besloten (geen uitzondering van toepassing), dossier " << o->decision->case_id
        << ", behandelduur " << Days(o->deadlines.handling_days) << " dagen\n";
    PrintDecision(out, *o->decision);
  } else {
    out << "naar de werkvoorraad; een medewerker beoordeelt de aanvraag omdat:\n";
    for (const auto& r : o->reasons) out << "  - " << r << "\n";
  }
  return 0;
}

int Queue(const Args& a, std::ostream& out, std::ostream& err) {
  auto s = Open(a);
  if (!s.ok()) return Fail(err, s.error());
  auto items = (*s)->work->Queue();
  if (!items.ok()) return Fail(err, items.error());
  out << items->size() << " aanvra(a)g(en) in de werkvoorraad\n";
  for (const api::QueueItem& q : *items) {
    out << "aanvraag " << q.application.id << ": melding " << q.application.application.melding.ToString()
        << ", dagen tot besluit " << Days(q.deadlines.days_left) << " (uiterlijk " << DateText(q.deadlines.decision_due)
        << "), voorschot uiterlijk " << DateText(q.deadlines.voorschot_due)
        << (q.voorschot_minimum ? " van ten minste " + FormatEuro(*q.voorschot_minimum) : "")
        << (q.deadlines.suspended_now ? ", opgeschort (onvolledig)" : "") << "\n";
    for (const auto& r : q.application.reasons) out << "  - " << r << "\n";
  }
  return 0;
}

int Decide(const Args& a, std::ostream& out, std::ostream& err) {
  auto id = IdArgument(a, "APPLICATION --user NAME (--grant | --refuse --note TEXT)");
  if (!id.ok()) return Fail(err, id.error());
  auto user = UserOption(a);
  if (!user.ok()) return Fail(err, user.error());
  bool grant = a.options.count("grant") != 0;
  bool refuse = a.options.count("refuse") != 0;
  if (grant == refuse) return Fail(err, InvalidArgument("give exactly one of --grant and --refuse", "grant"));
  auto s = Open(a);
  if (!s.ok()) return Fail(err, s.error());
  auto d = (*s)->work->Decide(*id, grant, TextOption(a, "note", ""), *user);
  if (!d.ok()) return Fail(err, d.error());
  PrintDecision(out, *d);
  if (d->case_id != 0) out << "dossier " << d->case_id << " geopend\n";
  return 0;
}

int Search(const Args& a, std::ostream& out, std::ostream& err) {
  if (a.positional.size() != 2) return Fail(err, InvalidArgument("usage: nabij case search NAME|BSN|CASE [--limit N]"));
  payments::CaseQuery q;
  q.text = a.positional[1];
  auto limit = NumberOption(a, "limit", 50, 1, 500);
  if (!limit.ok()) return Fail(err, limit.error());
  q.limit = static_cast<int>(*limit);
  auto s = Open(a);
  if (!s.ok()) return Fail(err, s.error());
  store::SqliteRunStore runs(*(*s)->db);
  auto found = runs.SearchCases(q);
  if (!found.ok()) return Fail(err, found.error());
  for (const payments::CaseSummary& c : *found) {
    out << "dossier " << c.id << ": " << c.applicant_name << ", BSN " << MaskedBsn(c.applicant_bsn) << ", vanaf "
        << c.start.ToString() << (c.end ? " tot en met " + c.end->ToString() : "") << ", " << c.members
        << (c.members == 1 ? " persoon" : " personen") << "\n";
  }
  out << found->size() << " dossier(s) gevonden\n";
  return 0;
}

int Show(const Args& a, std::ostream& out, std::ostream& err) {
  auto id = IdArgument(a, "CASE");
  if (!id.ok()) return Fail(err, id.error());
  auto s = Open(a);
  if (!s.ok()) return Fail(err, s.error());
  store::SqliteRunStore runs(*(*s)->db);
  auto c = runs.LoadCase(*id);
  if (!c.ok()) return Fail(err, c.error());
  out << "dossier " << c->case_id << ", gemeente " << c->gemeente << ", recht vanaf " << c->start.ToString()
      << (c->end ? ", tot en met " + c->end->ToString() : "") << "\n";
  out << "aanvrager: " << c->applicant.name << ", geboren " << c->history.applicant_birth.ToString()
      << ", BSN " << MaskedBsn(c->applicant.bsn) << "\n";
  if (c->partner) out << "partner (betaling): " << c->partner->name << ", BSN " << MaskedBsn(c->partner->bsn) << "\n";
  for (const pw::MemberFact& m : c->history.members) {
    static constexpr const char* kRole[] = {"aanvrager", "partner", "kind", "medebewoner"};
    out << "  " << kRole[static_cast<int>(m.role)] << " (persoon " << m.person_id << "), geboren " << m.birth.ToString()
        << ", vanaf " << m.valid_from.ToString() << (m.valid_until ? " tot " + m.valid_until->ToString() : "") << "\n";
  }
  out << "inkomsten per maand (netto):\n";
  for (const pw::IncomeFact& i : c->history.incomes) {
    out << "  " << i.month.ToString() << " persoon " << i.person_id << ": werk " << FormatEuro(i.work) << ", overig "
        << FormatEuro(i.other) << "\n";
  }
  for (const payments::Recovery& r : c->recoveries) {
    out << "terugvordering " << r.id << ": nog open " << FormatEuro(r.remaining) << "\n";
  }
  for (const payments::Garnishment& g : c->garnishments) {
    out << "beslag " << g.id << " (" << g.reference << "): nog open " << FormatEuro(g.remaining) << "\n";
  }
  auto decisions = (*s)->cases->Decisions(*id);
  if (!decisions.ok()) return Fail(err, decisions.error());
  out << "besluiten:\n";
  for (const auto& d : *decisions) PrintDecision(out, d);
  return 0;
}

int Letter(const Args& a, std::ostream& out, std::ostream& err) {
  auto id = IdArgument(a, "DECISION --out FILE.pdf");
  if (!id.ok()) return Fail(err, id.error());
  std::string path = TextOption(a, "out", "");
  if (path.empty()) return Fail(err, InvalidArgument("--out FILE.pdf is required", "out"));
  auto s = Open(a);
  if (!s.ok()) return Fail(err, s.error());
  auto d = (*s)->cases->GetDecision(*id);
  if (!d.ok()) return Fail(err, d.error());
  std::string recipient;
  if (d->case_id != 0) {
    store::SqliteRunStore runs(*(*s)->db);
    auto c = runs.LoadCase(d->case_id);
    if (!c.ok()) return Fail(err, c.error());
    recipient = c->applicant.name;
  } else {
    auto app = (*s)->cases->GetApplication(d->application_id);
    if (!app.ok()) return Fail(err, app.error());
    auto in = api::ParseApplicationJson(app->document);
    if (!in.ok()) return Fail(err, in.error());
    recipient = in->applicant.name;
  }
  auto pdf = (*s)->work->LetterPdf(
      *id, api::DemoLetterContext(recipient, "NABIJ-B" + std::to_string(*id), (*s)->clock.Today()));
  if (!pdf.ok()) return Fail(err, pdf.error());
  Status w = WriteFileAtomically(path, *pdf);
  if (!w.ok()) return Fail(err, w);
  out << "brief bij besluit " << *id << " geschreven naar " << path << "\n";
  return 0;
}

int Verify(const Args& a, std::ostream& out, std::ostream& err) {
  auto id = IdArgument(a, "DECISION");
  if (!id.ok()) return Fail(err, id.error());
  auto s = Open(a);
  if (!s.ok()) return Fail(err, s.error());
  auto d = (*s)->cases->GetDecision(*id);
  if (!d.ok()) return Fail(err, d.error());
  auto again = (*s)->work->Reproduce(*d, nullptr);
  if (!again.ok()) return Fail(err, again.error(), 1);
  out << "besluit " << *id << " opnieuw berekend met regelversie " << d->rules_version << ": bijstand "
      << FormatEuro(again->bijstand) << ", gelijk aan het besluit\n";
  return 0;
}

Result<Date> DateOption(const Args& a, const std::string& name) {
  std::string text = TextOption(a, name, "");
  if (text.empty()) return InvalidArgument("--" + name + " YYYY-MM-DD is required", name);
  auto d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument("--" + name + " is a date YYYY-MM-DD", name);
  return *d;
}

void PrintChange(std::ostream& out, const api::ChangeOutcome& o) {
  PrintDecision(out, o.decision);
  const std::string month = o.decision.month.ToString();
  if (o.month_was_paid) {
    out << month << " was al betaald: " << FormatEuro(o.paid) << "; nu berekend " << FormatEuro(o.decision.bijstand)
        << "\n";
    if (o.overpaid > Money::Zero()) {
      out << "terugvordering " << o.recovery_id << " van " << FormatEuro(o.overpaid)
          << " (Pw art. 58), verrekend met latere bijstand binnen de beslagvrije voet\n";
    }
    if (o.underpaid > Money::Zero()) out << "nog te betalen aan de cliënt: " << FormatEuro(o.underpaid) << "\n";
  } else {
    out << month << " is nog niet betaald: de betaalrun rekent met de nieuwe gegevens\n";
  }
}

int End(const Args& a, std::ostream& out, std::ostream& err) {
  auto id = IdArgument(a, "CASE --last-day YYYY-MM-DD --note TEXT --user NAME");
  if (!id.ok()) return Fail(err, id.error());
  auto user = UserOption(a);
  if (!user.ok()) return Fail(err, user.error());
  auto last = DateOption(a, "last-day");
  if (!last.ok()) return Fail(err, last.error());
  auto s = Open(a);
  if (!s.ok()) return Fail(err, s.error());
  auto d = (*s)->work->EndCase(*id, *last, TextOption(a, "note", ""), *user);
  if (!d.ok()) return Fail(err, d.error());
  PrintDecision(out, *d);
  out << "dossier " << *id << " beëindigd na " << last->ToString()
      << "; de gereserveerde vakantietoeslag wordt in de volgende betaalrun uitbetaald\n";
  return 0;
}

int Join(const Args& a, std::ostream& out, std::ostream& err) {
  auto id = IdArgument(a, "CASE --role child|housemate --birth-date YYYY-MM-DD --from YYYY-MM-DD --user NAME");
  if (!id.ok()) return Fail(err, id.error());
  auto user = UserOption(a);
  if (!user.ok()) return Fail(err, user.error());
  pw::MemberFact m;
  const std::string role = TextOption(a, "role", "");
  if (role == "child") {
    m.role = pw::Role::kChild;
  } else if (role == "housemate") {
    m.role = pw::Role::kHousemate;
  } else {
    return Fail(err, InvalidArgument("--role is child or housemate", "role"));
  }
  auto birth = DateOption(a, "birth-date");
  if (!birth.ok()) return Fail(err, birth.error());
  auto from = DateOption(a, "from");
  if (!from.ok()) return Fail(err, from.error());
  m.birth = *birth;
  m.valid_from = *from;
  const std::string relation = TextOption(a, "relation", "none");
  if (relation == "first_degree") {
    m.housemate.relation = pw::Relation::kFirstDegree;
  } else if (relation == "second_degree") {
    m.housemate.relation = pw::Relation::kSecondDegree;
  } else if (relation != "none") {
    return Fail(err, InvalidArgument("--relation is none, first_degree or second_degree", "relation"));
  }
  m.housemate.commercial_contract = a.options.count("commercial-contract") != 0;
  auto s = Open(a);
  if (!s.ok()) return Fail(err, s.error());
  auto o = (*s)->work->AddMember(*id, m, *user);
  if (!o.ok()) return Fail(err, o.error());
  out << "persoon " << o->person_id << " hoort bij het huishouden vanaf " << from->ToString() << "\n";
  PrintChange(out, *o);
  return 0;
}

int Leave(const Args& a, std::ostream& out, std::ostream& err) {
  auto id = IdArgument(a, "CASE --person ID --on YYYY-MM-DD --user NAME");
  if (!id.ok()) return Fail(err, id.error());
  auto user = UserOption(a);
  if (!user.ok()) return Fail(err, user.error());
  auto person = NumberOption(a, "person", 0, 1, INT64_MAX);
  if (!person.ok()) return Fail(err, person.error());
  if (*person == 0) return Fail(err, InvalidArgument("--person ID is required (see nabij case show)", "person"));
  auto on = DateOption(a, "on");
  if (!on.ok()) return Fail(err, on.error());
  auto s = Open(a);
  if (!s.ok()) return Fail(err, s.error());
  auto o = (*s)->work->RemoveMember(*id, *person, *on, *user);
  if (!o.ok()) return Fail(err, o.error());
  PrintChange(out, *o);
  return 0;
}

}  // namespace

int CmdCase(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {"grant", "refuse", "commercial-contract"});
  if (!a.ok()) return Fail(err, a.error());
  const std::string sub = a->positional.empty() ? "" : a->positional[0];
  if (sub == "apply") return Apply(*a, out, err);
  if (sub == "queue") return Queue(*a, out, err);
  if (sub == "decide") return Decide(*a, out, err);
  if (sub == "show") return Show(*a, out, err);
  if (sub == "search") return Search(*a, out, err);
  if (sub == "letter") return Letter(*a, out, err);
  if (sub == "verify") return Verify(*a, out, err);
  if (sub == "end") return End(*a, out, err);
  if (sub == "join") return Join(*a, out, err);
  if (sub == "leave") return Leave(*a, out, err);
  return Fail(err, InvalidArgument("usage: nabij case apply|queue|decide|search|show|letter|verify|end|join|leave ..."));
}

int CmdIncome(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {"partner"});
  if (!a.ok()) return Fail(err, a.error());
  if (a->positional.size() != 2 || a->positional[0] != "report") {
    return Fail(err, InvalidArgument(
                         "usage: nabij income report CASE --month YYYY-MM --net-work CENTS [--other CENTS] [--partner] "
                         "--user NAME"));
  }
  Args id_args;
  id_args.options["case"] = a->positional[1];
  auto id = NumberOption(id_args, "case", 0, 1, INT64_MAX);
  if (!id.ok()) return Fail(err, id.error());
  auto month = MonthOption(*a);
  if (!month.ok()) return Fail(err, month.error());
  constexpr int64_t kMaxMonthlyCents = 100'000'000;  // EUR 1 million a month: surely a typing error above it
  auto work = NumberOption(*a, "net-work", -1, 0, kMaxMonthlyCents);
  if (!work.ok()) return Fail(err, work.error());
  if (*work < 0) return Fail(err, InvalidArgument("--net-work CENTS is required (0 for none)", "net-work"));
  auto other = NumberOption(*a, "other", 0, 0, kMaxMonthlyCents);
  if (!other.ok()) return Fail(err, other.error());
  auto user = UserOption(*a);
  if (!user.ok()) return Fail(err, user.error());
  auto s = Open(*a);
  if (!s.ok()) return Fail(err, s.error());
  auto o = (*s)->work->ReportIncome(*id, *month, a->options.count("partner") != 0, Money::Cents(*work),
                                    Money::Cents(*other), *user);
  if (!o.ok()) return Fail(err, o.error());
  PrintChange(out, *o);
  return 0;
}

int CmdStats(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {});
  if (!a.ok()) return Fail(err, a.error());
  if (a->positional.size() != 1 || a->positional[0] != "caseload") {
    return Fail(err, InvalidArgument("usage: nabij stats caseload --from YYYY-MM --to YYYY-MM"));
  }
  Month range[2];
  const char* names[2] = {"from", "to"};
  for (int i = 0; i < 2; ++i) {
    auto m = Month::Parse(TextOption(*a, names[i], ""));
    if (!m.ok()) return Fail(err, InvalidArgument(std::string("--") + names[i] + " YYYY-MM is required", names[i]));
    range[i] = *m;
  }
  auto db = OpenDatabase(DbPath(*a), false);
  if (!db.ok()) return Fail(err, db.error());
  store::SqliteCaseStore cases(**db);
  auto rows = cases.Caseload(range[0], range[1]);
  if (!rows.ok()) return Fail(err, rows.error());
  out << "maand\tlopend\tinstroom\tuitstroom\n";
  for (const cases::CaseloadMonth& m : *rows) {
    out << m.month.ToString() << "\t" << m.active << "\t" << m.inflow << "\t" << m.outflow << "\n";
  }
  return 0;
}

}  // namespace nabij::app
