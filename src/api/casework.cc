#include "api/casework.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

#include "api/case_input_json.h"
#include "api/household_json.h"
#include "letters/pdf_renderer.h"
#include "payments/correction.h"
#include "pw/bijstand.h"
#include "pw/history.h"
#include "pw/params.h"

namespace nabij::api {
namespace {

using json = nlohmann::json;

constexpr std::string_view kAutomaticActor = "nabij";

Result<Date> DateField(const json& v, const std::string& field) {
  if (!v.is_string()) return InvalidArgument("moet een datum JJJJ-MM-DD zijn", field);
  auto d = Date::Parse(v.get<std::string>());
  if (!d.ok()) return InvalidArgument("moet een datum JJJJ-MM-DD zijn", field);
  return *d;
}

Result<cases::PayeeFacts> PayeeField(const json& v, const std::string& field) {
  if (!v.is_object()) return InvalidArgument("moet een object met name, iban en bsn zijn", field);
  cases::PayeeFacts p;
  for (const auto& [k, x] : v.items()) {
    if (k != "name" && k != "iban" && k != "bsn") return InvalidArgument("onbekend veld", field + "." + k);
    if (!x.is_string() && !(k == "bsn" && x.is_null())) return InvalidArgument("moet tekst zijn", field + "." + k);
  }
  if (!v.contains("name") || v["name"].get<std::string>().empty()) return InvalidArgument("dit veld ontbreekt", field + ".name");
  if (!v.contains("iban")) return InvalidArgument("dit veld ontbreekt", field + ".iban");
  p.name = v["name"].get<std::string>();
  auto iban = Iban::Parse(v["iban"].get<std::string>());
  if (!iban.ok()) return InvalidArgument(iban.error().message(), field + ".iban");
  p.iban = iban->text();
  // The BSN is optional (a person waiting for one still applies); the message never repeats it.
  if (v.contains("bsn") && v["bsn"].is_string() && !v["bsn"].get<std::string>().empty()) {
    auto bsn = Bsn::Parse(v["bsn"].get<std::string>());
    if (!bsn.ok()) return InvalidArgument("geen geldig burgerservicenummer: 9 cijfers die de elfproef doorstaan", field + ".bsn");
    p.bsn = *bsn;
  }
  return p;
}

// The month a period started, from the month number within it (1 = first).
Month PeriodStart(Month month, uint8_t month_in_period) { return month.Add(-(static_cast<int>(month_in_period) - 1)); }

// The engine input for the application's start month.
struct Computed {
  pw::CaseInput input;
  pw::Params params;
  pw::Decision decision;
  rules::Trace trace;
};

Result<Computed> Compute(const rules::ParameterSet& set, const pw::CaseInput& in, std::string_view gemeente,
                         pw::Regime regime) {
  Computed c;
  c.input = in;
  NABIJ_ASSIGN_OR_RETURN(c.params, pw::Snapshot(set, in.month, gemeente));
  NABIJ_ASSIGN_OR_RETURN(c.decision, pw::Calculate(c.params, in, &c.trace, pw::Options{regime}));
  return c;
}

cases::DecisionRecord NewDecision(const Computed& c, std::string_view gemeente, pw::Regime regime,
                             std::string_view rules_version) {
  cases::DecisionRecord d;
  d.month = c.input.month;
  d.bijstand = c.decision.bijstand;
  d.rules_version = std::string(rules_version);
  d.inputs = EngineInputToJson({c.input, std::string(gemeente), regime});
  d.result = DecisionToJson(c.decision, c.params, &c.trace, rules_version);
  return d;
}

}  // namespace

Result<ApplicationInput> ParseApplicationJson(std::string_view text) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return Status(ErrorCode::kParseError, "geen geldige JSON bij byte " + std::to_string(e.byte), "");
  } catch (const json::exception&) {
    return Status(ErrorCode::kParseError, "geen geldige JSON", "");
  }
  if (!doc.is_object()) return InvalidArgument("de aanvraag moet een JSON-object zijn", "");
  ApplicationInput in;
  bool saw_melding = false;
  bool saw_household = false;
  bool saw_applicant = false;
  std::optional<Date> start;
  for (const auto& [key, value] : doc.items()) {
    if (key == "melding") {
      NABIJ_ASSIGN_OR_RETURN(in.application.melding, DateField(value, key));
      saw_melding = true;
    } else if (key == "received") {
      NABIJ_ASSIGN_OR_RETURN(Date d, DateField(value, key));
      in.application.received = d;
    } else if (key == "start_date") {
      NABIJ_ASSIGN_OR_RETURN(Date d, DateField(value, key));
      start = d;
    } else if (key == "extended_until") {
      NABIJ_ASSIGN_OR_RETURN(Date d, DateField(value, key));
      in.application.extended_until = d;
    } else if (key == "exception_41_4") {
      if (!value.is_boolean()) return InvalidArgument("moet true of false zijn", key);
      in.application.exception_41_4 = value.get<bool>();
    } else if (key == "suspensions") {
      if (!value.is_array()) return InvalidArgument("moet een lijst zijn", key);
      for (size_t i = 0; i < value.size(); ++i) {
        std::string where = "suspensions[" + std::to_string(i) + "]";
        const json& s = value[i];
        if (!s.is_object() || !s.contains("requested")) return InvalidArgument("heeft een datum requested nodig", where);
        cases::Suspension x;
        for (const auto& [sk, sv] : s.items()) {
          if (sk == "requested") {
            NABIJ_ASSIGN_OR_RETURN(x.requested, DateField(sv, where + ".requested"));
          } else if (sk == "completed") {
            if (!sv.is_null()) {
              NABIJ_ASSIGN_OR_RETURN(Date d, DateField(sv, where + ".completed"));
              x.completed = d;
            }
          } else {
            return InvalidArgument("onbekend veld", where + "." + sk);
          }
        }
        in.application.suspensions.push_back(x);
      }
    } else if (key == "applicant") {
      NABIJ_ASSIGN_OR_RETURN(in.applicant, PayeeField(value, key));
      saw_applicant = true;
    } else if (key == "partner") {
      NABIJ_ASSIGN_OR_RETURN(cases::PayeeFacts p, PayeeField(value, key));
      in.partner = std::move(p);
    } else if (key == "household") {
      if (!value.is_object()) return InvalidArgument("moet een huishouden zijn (docs/household-format.md)", key);
      auto req = ParseHouseholdJson(value.dump());
      if (!req.ok()) return req.error().WithFieldPrefix("household");
      in.household = std::move(req->household);
      in.regime = req->regime;
      saw_household = true;
    } else {
      return InvalidArgument("onbekend veld", key);
    }
  }
  if (!saw_melding) return InvalidArgument("dit veld ontbreekt", "melding");
  if (!saw_applicant) return InvalidArgument("dit veld ontbreekt", "applicant");
  if (!saw_household) return InvalidArgument("dit veld ontbreekt", "household");
  in.start = start.value_or(in.application.melding);
  if (!in.household.month) return InvalidArgument("dit veld ontbreekt", "household.month");
  if (*in.household.month != in.start.month()) {
    return InvalidArgument("moet de maand van start_date zijn (" + in.start.month().ToString() + ")", "household.month");
  }
  if (in.household.gemeente.empty()) return InvalidArgument("ontbreekt: de gemeente die beslist", "household.gemeente");
  bool has_partner = false;
  for (size_t i = 0; i < in.household.members.size(); ++i) {
    const pw::MemberSpec& m = in.household.members[i];
    if (!m.birth_date) {
      return InvalidArgument("een aanvraag heeft de geboortedatum nodig, geen leeftijd",
                             "household.members[" + std::to_string(i) + "].birth_date");
    }
    if (m.role == pw::Role::kPartner) has_partner = true;
    if (m.role == pw::Role::kApplicant || m.role == pw::Role::kPartner) {
      in.application.birth_dates.push_back(*m.birth_date);  // the persons the application covers
    }
  }
  if (in.partner && !has_partner) return InvalidArgument("er is geen partner in het huishouden", "partner");
  if (in.partner && in.partner->bsn && in.partner->bsn == in.applicant.bsn) {
    return InvalidArgument("de partner heeft een ander BSN dan de aanvrager", "partner.bsn");
  }
  return in;
}

Result<pw::HouseholdHistory> HistoryFromHousehold(const pw::HouseholdSpec& spec, Date start) {
  if (!spec.month) return InvalidArgument("dit veld ontbreekt", "month");
  const Month month = *spec.month;
  const pw::CaseInput& f = spec.household_fields;
  std::vector<std::string> unkept;
  if (f.in_inrichting || f.inrichting_verhoging) unkept.push_back("inrichting");
  if (f.parents_cannot_support) unkept.push_back("parents_cannot_support");
  if (f.mantelzorg_elsewhere) unkept.push_back("mantelzorg_elsewhere");
  if (f.eigen_woning_vermogen != Money::Zero()) unkept.push_back("eigen_woning_vermogen");
  pw::HouseholdHistory h;
  h.applicant_id = 1;
  int64_t next_id = 2;
  h.assets.push_back({start, f.vermogen});
  for (const pw::MemberSpec& m : spec.members) {
    if (!m.birth_date) return InvalidArgument("een geboortedatum is nodig", "members");
    int64_t id = 0;
    if (m.role == pw::Role::kApplicant) {
      id = h.applicant_id;
      h.applicant_birth = *m.birth_date;
      h.medisch_urenbeperkt = m.adult.medisch_urenbeperkt;
    } else {
      id = next_id++;
      pw::MemberFact fact;
      fact.person_id = id;
      fact.role = m.role;
      fact.birth = *m.birth_date;
      fact.valid_from = start;
      fact.entitled = m.adult.entitled;
      fact.housemate = m.housemate;
      fact.housemate.birth = *m.birth_date;
      h.members.push_back(fact);
    }
    if (m.role != pw::Role::kApplicant && m.role != pw::Role::kPartner) continue;
    const pw::Adult& a = m.adult;
    if (a.premie != Money::Zero() || a.premie_earlier != Money::Zero()) unkept.push_back("premie_j");
    if (a.giften != Money::Zero() || a.giften_earlier != Money::Zero()) unkept.push_back("giften");
    if (a.doelgroep_lks || a.periods.aa || a.periods.pib_extended) unkept.push_back("doelgroep_loonkostensubsidie");
    if (m.role == pw::Role::kPartner && a.medisch_urenbeperkt) unkept.push_back("partner medisch_urenbeperkt");
    if (a.work_income != Money::Zero() || a.other_income != Money::Zero()) {
      h.incomes.push_back({id, month, a.work_income, a.other_income});
    }
    const std::pair<uint8_t, pw::PeriodRule> periods[] = {{a.periods.n_month, pw::PeriodRule::kN},
                                                          {a.periods.r_month, pw::PeriodRule::kR},
                                                          {a.periods.z_month, pw::PeriodRule::kZ},
                                                          {a.periods.pib_month, pw::PeriodRule::kPib}};
    for (const auto& [n, rule] : periods) {
      if (n > 0) h.periods.push_back({id, rule, PeriodStart(month, n)});
    }
  }
  if (!unkept.empty()) {
    std::string list;
    for (const auto& u : unkept) list += (list.empty() ? "" : ", ") + u;
    return Status(ErrorCode::kUnimplemented, "een dossier kan deze gegevens nog niet bewaren: " + list, "household");
  }
  return h;
}

cases::LetterContext DemoLetterContext(std::string recipient, std::string reference, Date letter_date) {
  cases::LetterContext ctx;
  ctx.municipality = "Gemeente Demodorp (fictief)";
  ctx.municipality_address = {"Postbus 1", "9999 ZZ Demodorp"};
  ctx.recipient_name = std::move(recipient);
  ctx.recipient_address = {"(adres volgens de BRP)"};
  ctx.reference = std::move(reference);
  ctx.letter_date = letter_date;
  ctx.signer = "De klantmanager inkomen";
  return ctx;
}

Status Casework::Record(std::string_view actor, std::string_view kind, int64_t case_id, std::string detail) {
  return events_.Append(
      {FormatUtc(clock_.NowUnixMillis()), std::string(actor), std::string(kind), case_id, std::move(detail)});
}

Result<ApplyOutcome> Casework::Apply(std::string_view document, std::string_view actor) {
  if (actor.empty()) return InvalidArgument("wie deze stap zet ontbreekt", "user");
  NABIJ_ASSIGN_OR_RETURN(ApplicationInput in, ParseApplicationJson(document));
  const Date today = clock_.Today();
  NABIJ_ASSIGN_OR_RETURN(pw::CaseInput engine_input, pw::BuildCaseInput(in.household));
  NABIJ_ASSIGN_OR_RETURN(Computed c, Compute(rules_, engine_input, in.household.gemeente, in.regime));
  NABIJ_ASSIGN_OR_RETURN(cases::Deadlines deadlines, cases::ComputeDeadlines(rules_, in.application, today));
  cases::StpOutcome stp = cases::CheckStraightThrough(in.application, deadlines, c.input, c.decision, today);
  auto history = HistoryFromHousehold(in.household, in.start);
  if (!history.ok()) {
    stp.automatic = false;
    stp.reasons.push_back("Het dossier kan deze gegevens nog niet bewaren; een medewerker beoordeelt de aanvraag (" +
                          history.error().message() + ").");
  }
  if (in.application.decided) return InvalidArgument("een nieuwe aanvraag is nog niet besloten", "decided");

  cases::ApplicationRecord rec;
  rec.gemeente = in.household.gemeente;
  rec.application = in.application;
  rec.start = in.start;
  rec.document = json::parse(document).dump();  // compact; parsed above, so valid
  rec.reasons = stp.reasons;
  rec.created_at = FormatUtc(clock_.NowUnixMillis());
  NABIJ_ASSIGN_OR_RETURN(int64_t id, store_.AddApplication(rec));
  NABIJ_RETURN_IF_ERROR(Record(actor, "application.received", 0,
                               "aanvraag " + std::to_string(id) + (stp.automatic ? ", automatisch te besluiten"
                                                                                  : ", naar de werkvoorraad")));
  ApplyOutcome out;
  out.application_id = id;
  out.automatic = stp.automatic;
  out.reasons = stp.reasons;
  out.deadlines = deadlines;
  out.bijstand = c.decision.bijstand;
  if (in.application.received) {
    NABIJ_ASSIGN_OR_RETURN(Money least, cases::VoorschotMinimum(rules_, *in.application.received, out.bijstand));
    out.voorschot_minimum = least;
  }
  if (!stp.automatic) return out;

  // Straight-through: decided now, without a person, and marked so.
  cases::Application decided = in.application;
  decided.decided = today;
  NABIJ_ASSIGN_OR_RETURN(cases::Deadlines at_decision, cases::ComputeDeadlines(rules_, decided, today));
  cases::DecisionRecord d = NewDecision(c, in.household.gemeente, in.regime, rules_.content_hash());
  d.kind = cases::DecisionKind::kToekenning;
  d.effective_from = in.start;
  d.automatic = true;
  d.decided_by = std::string(kAutomaticActor);
  d.decided_at = FormatUtc(clock_.NowUnixMillis());
  cases::NewCase grant{in.household.gemeente, in.start, *history, in.applicant, in.partner};
  NABIJ_ASSIGN_OR_RETURN(cases::DecisionRecord stored, store_.DecideApplication(id, grant, d, at_decision.handling_days));
  NABIJ_RETURN_IF_ERROR(Record(kAutomaticActor, "application.decided", stored.case_id,
                               "aanvraag " + std::to_string(id) + ": toekenning (automatisch), besluit " +
                                   std::to_string(stored.id) + ", bijstand " + FormatEuro(stored.bijstand)));
  out.deadlines = at_decision;
  out.decision = std::move(stored);
  return out;
}

namespace {

// The stored application with the persons it covers, which the store keeps in the document only.
Result<ApplicationInput> StoredApplication(const cases::ApplicationRecord& a) {
  auto in = ParseApplicationJson(a.document);
  if (!in.ok()) return in.error().WithFieldPrefix("applications[" + std::to_string(a.id) + "].document");
  std::vector<Date> persons = std::move(in->application.birth_dates);
  in->application = a.application;
  in->application.birth_dates = std::move(persons);
  return in;
}

}  // namespace

Result<std::vector<QueueItem>> Casework::Queue() {
  NABIJ_ASSIGN_OR_RETURN(std::vector<cases::ApplicationRecord> queued, store_.QueuedApplications());
  const Date today = clock_.Today();
  std::vector<QueueItem> items;
  items.reserve(queued.size());
  for (auto& a : queued) {
    NABIJ_ASSIGN_OR_RETURN(ApplicationInput in, StoredApplication(a));
    a.application = in.application;
    auto d = cases::ComputeDeadlines(rules_, a.application, today);
    if (!d.ok()) return d.error().WithFieldPrefix("applications[" + std::to_string(a.id) + "]");
    QueueItem item{std::move(a), *d, Money::Zero(), std::nullopt};
    // The right as computed now; an application the engine refuses still shows in the queue.
    auto engine_input = pw::BuildCaseInput(in.household);
    if (engine_input.ok()) {
      auto c = Compute(rules_, *engine_input, in.household.gemeente, in.regime);
      if (c.ok()) item.bijstand = c->decision.bijstand;
    }
    if (item.application.application.received) {
      NABIJ_ASSIGN_OR_RETURN(Money least,
                             cases::VoorschotMinimum(rules_, *item.application.application.received, item.bijstand));
      item.voorschot_minimum = least;
    }
    items.push_back(std::move(item));
  }
  // The fewest days left first; applications without a running term (not received, suspended) last.
  std::stable_sort(items.begin(), items.end(), [](const QueueItem& x, const QueueItem& y) {
    int xd = x.deadlines.days_left.value_or(INT32_MAX);
    int yd = y.deadlines.days_left.value_or(INT32_MAX);
    return xd < yd;
  });
  return items;
}

Result<cases::DecisionRecord> Casework::Decide(int64_t application_id, bool grant, std::string_view note,
                                               std::string_view actor) {
  if (actor.empty()) return InvalidArgument("wie deze stap zet ontbreekt", "user");
  if (!grant && note.empty()) return InvalidArgument("een afwijzing zegt waarom", "note");
  NABIJ_ASSIGN_OR_RETURN(cases::ApplicationRecord a, store_.GetApplication(application_id));
  if (a.status == cases::ApplicationStatus::kDecided) {
    return Status(ErrorCode::kFailedPrecondition, "aanvraag " + std::to_string(a.id) + " is al besloten",
                  "application_id");
  }
  NABIJ_ASSIGN_OR_RETURN(ApplicationInput in, StoredApplication(a));
  const Date today = clock_.Today();
  NABIJ_ASSIGN_OR_RETURN(pw::CaseInput engine_input, pw::BuildCaseInput(in.household));
  NABIJ_ASSIGN_OR_RETURN(Computed c, Compute(rules_, engine_input, in.household.gemeente, in.regime));
  std::optional<cases::NewCase> new_case;
  if (grant) {
    if (c.decision.bijstand == Money::Zero()) {
      return Status(ErrorCode::kFailedPrecondition, "de berekening geeft geen recht op bijstand: wijs de aanvraag af",
                    "grant", "Pw art. 19");
    }
    NABIJ_ASSIGN_OR_RETURN(pw::HouseholdHistory h, HistoryFromHousehold(in.household, in.start));
    new_case = cases::NewCase{in.household.gemeente, in.start, std::move(h), in.applicant, in.partner};
  }
  cases::Application decided = in.application;
  decided.decided = today;
  NABIJ_ASSIGN_OR_RETURN(cases::Deadlines at_decision, cases::ComputeDeadlines(rules_, decided, today));
  cases::DecisionRecord d = NewDecision(c, in.household.gemeente, in.regime, rules_.content_hash());
  d.kind = grant ? cases::DecisionKind::kToekenning : cases::DecisionKind::kAfwijzing;
  d.effective_from = in.start;
  if (!grant) d.bijstand = Money::Zero();
  d.automatic = false;
  d.decided_by = std::string(actor);
  d.decided_at = FormatUtc(clock_.NowUnixMillis());
  d.note = std::string(note);
  NABIJ_ASSIGN_OR_RETURN(cases::DecisionRecord stored,
                         store_.DecideApplication(application_id, new_case, d, at_decision.handling_days));
  NABIJ_RETURN_IF_ERROR(Record(actor, "application.decided", stored.case_id,
                               "aanvraag " + std::to_string(application_id) + ": " +
                                   std::string(cases::DecisionKindName(stored.kind)) + ", besluit " +
                                   std::to_string(stored.id) + ", bijstand " + FormatEuro(stored.bijstand)));
  return stored;
}

Result<ChangeOutcome> Casework::Change(const cases::CaseFacts& facts, const pw::HouseholdHistory& now, Month month,
                                      cases::CaseChange change, std::string note, std::string_view event_kind,
                                      std::string_view actor) {
  if (month < facts.start.month() || (facts.end && month > facts.end->month())) {
    return InvalidArgument("het dossier heeft geen recht op bijstand in " + month.ToString(), "month");
  }
  NABIJ_ASSIGN_OR_RETURN(pw::CaseInput engine_input, pw::InputForMonth(now, month));
  NABIJ_ASSIGN_OR_RETURN(Computed c, Compute(rules_, engine_input, facts.gemeente, pw::Regime::kByDate));
  ChangeOutcome out;
  NABIJ_ASSIGN_OR_RETURN(std::optional<Money> paid, store_.PaidBijstand(facts.case_id, month));
  if (paid) {
    // Pw art. 58: what was paid too much for the month is recovered. Earlier changes to the month
    // settled part of it already: compare with the month as settled so far, not with the run.
    NABIJ_ASSIGN_OR_RETURN(Money settled, store_.SettledForMonth(facts.case_id, month));
    NABIJ_ASSIGN_OR_RETURN(payments::Correction corr,
                           payments::RecomputePaidMonth(now, month, *paid - settled, c.params, nullptr));
    out.month_was_paid = true;
    out.paid = corr.paid;
    out.overpaid = corr.overpaid;
    out.underpaid = corr.underpaid;
  }
  change.case_id = facts.case_id;
  change.decision = NewDecision(c, facts.gemeente, pw::Regime::kByDate, rules_.content_hash());
  change.decision.kind = cases::DecisionKind::kWijziging;
  change.decision.effective_from = std::max(month.first_day(), facts.start);
  change.decision.decided_by = std::string(actor);
  change.decision.decided_at = FormatUtc(clock_.NowUnixMillis());
  change.decision.note = note;
  change.decision.overpaid = out.overpaid;
  change.decision.underpaid = out.underpaid;
  change.overpaid = out.overpaid;
  change.booking_date = clock_.Today();
  NABIJ_ASSIGN_OR_RETURN(cases::CaseChangeIds ids, store_.SaveChange(change));
  out.decision = change.decision;
  out.decision.id = ids.decision_id;
  out.decision.case_id = facts.case_id;
  out.recovery_id = ids.recovery_id;
  out.person_id = ids.person_id;
  std::string detail = note + ", besluit " + std::to_string(ids.decision_id) + ", bijstand " +
                       FormatEuro(c.decision.bijstand);
  if (out.overpaid > Money::Zero()) {
    detail += ", terugvordering " + std::to_string(ids.recovery_id) + " van " + FormatEuro(out.overpaid);
  }
  if (out.underpaid > Money::Zero()) detail += ", nog te betalen " + FormatEuro(out.underpaid);
  NABIJ_RETURN_IF_ERROR(Record(actor, event_kind, facts.case_id, std::move(detail)));
  return out;
}

Result<ChangeOutcome> Casework::ReportIncome(int64_t case_id, Month month, bool partner, Money work, Money other,
                                             std::string_view actor) {
  if (actor.empty()) return InvalidArgument("wie deze stap zet ontbreekt", "user");
  if (work < Money::Zero()) return InvalidArgument("netto inkomen is niet negatief", "net_work_income");
  if (other < Money::Zero()) return InvalidArgument("netto inkomen is niet negatief", "other_income");
  NABIJ_ASSIGN_OR_RETURN(cases::CaseFacts facts, store_.LoadFacts(case_id));
  int64_t person = facts.history.applicant_id;
  if (partner) {
    if (!facts.partner_id) return InvalidArgument("het dossier heeft geen partner", "person");
    person = *facts.partner_id;
  }
  pw::HouseholdHistory now = facts.history;
  pw::IncomeFact income{person, month, work, other};
  now.incomes.push_back(income);
  cases::CaseChange change;
  change.income = income;
  return Change(facts, now, month, std::move(change), "inkomsten " + month.ToString(), "income.reported", actor);
}

namespace {

// The household is taken on the first day of a month (Pw art. 45): a change counts from the first
// month that starts on or after its day.
Month FirstMonthFrom(Date d) { return d.day() == 1 ? d.month() : d.month().Add(1); }

}  // namespace

Result<ChangeOutcome> Casework::AddMember(int64_t case_id, pw::MemberFact member, std::string_view actor) {
  if (actor.empty()) return InvalidArgument("wie deze stap zet ontbreekt", "user");
  if (member.role != pw::Role::kChild && member.role != pw::Role::kHousemate) {
    return InvalidArgument("zo komt een kind of een medebewoner erbij; een nieuwe partner is een nieuwe aanvraag", "role");
  }
  if (member.birth > member.valid_from) return InvalidArgument("geboren na de dag van komen", "birth_date");
  NABIJ_ASSIGN_OR_RETURN(cases::CaseFacts facts, store_.LoadFacts(case_id));
  if (member.valid_from < facts.start) {
    return InvalidArgument("voor het begin van het recht (" + facts.start.ToString() + ")", "from");
  }
  int64_t temp_id = facts.history.applicant_id;
  for (const pw::MemberFact& m : facts.history.members) temp_id = std::max(temp_id, m.person_id);
  member.person_id = temp_id + 1;  // only for the computation; the store gives the real id
  member.valid_until.reset();
  member.entitled = true;
  if (member.role == pw::Role::kHousemate) member.housemate.birth = member.birth;
  pw::HouseholdHistory now = facts.history;
  now.members.push_back(member);
  cases::CaseChange change;
  change.joins = member;
  const char* who = member.role == pw::Role::kChild ? "kind" : "medebewoner";
  return Change(facts, now, FirstMonthFrom(member.valid_from), std::move(change),
                std::string(who) + " erbij per " + member.valid_from.ToString(), "household.changed", actor);
}

Result<ChangeOutcome> Casework::RemoveMember(int64_t case_id, int64_t person_id, Date on, std::string_view actor) {
  if (actor.empty()) return InvalidArgument("wie deze stap zet ontbreekt", "user");
  NABIJ_ASSIGN_OR_RETURN(cases::CaseFacts facts, store_.LoadFacts(case_id));
  pw::HouseholdHistory now = facts.history;
  bool found = false;
  for (pw::MemberFact& m : now.members) {
    if (m.person_id == person_id && m.valid_from < on && (!m.valid_until || *m.valid_until > on)) {
      m.valid_until = on;
      found = true;
    }
  }
  if (!found) {
    return Status(ErrorCode::kNotFound,
                  "persoon " + std::to_string(person_id) + " hoort op " + on.ToString() +
                      " niet bij het huishouden van dossier " + std::to_string(case_id),
                  "person_id");
  }
  cases::CaseChange change;
  change.leaves_person_id = person_id;
  change.leaves_on = on;
  return Change(facts, now, FirstMonthFrom(on), std::move(change),
                "persoon " + std::to_string(person_id) + " vertrokken per " + on.ToString(), "household.changed",
                actor);
}

Result<cases::DecisionRecord> Casework::EndCase(int64_t case_id, Date last_day, std::string_view note,
                                                std::string_view actor) {
  if (actor.empty()) return InvalidArgument("wie deze stap zet ontbreekt", "user");
  if (note.empty()) return InvalidArgument("een beëindiging zegt waarom", "note");
  NABIJ_ASSIGN_OR_RETURN(cases::CaseFacts facts, store_.LoadFacts(case_id));
  if (facts.end) {
    return Status(ErrorCode::kFailedPrecondition,
                  "dossier " + std::to_string(case_id) + " is al beëindigd op " + facts.end->ToString(), "case_id");
  }
  if (last_day < facts.start) {
    return InvalidArgument("de laatste dag ligt voor het begin van het recht (" + facts.start.ToString() + ")",
                           "last_day");
  }
  // The decision keeps the computation of the last month with a right.
  NABIJ_ASSIGN_OR_RETURN(pw::CaseInput engine_input, pw::InputForMonth(facts.history, last_day.month()));
  NABIJ_ASSIGN_OR_RETURN(Computed c, Compute(rules_, engine_input, facts.gemeente, pw::Regime::kByDate));
  cases::DecisionRecord d = NewDecision(c, facts.gemeente, pw::Regime::kByDate, rules_.content_hash());
  d.kind = cases::DecisionKind::kBeeindiging;
  d.effective_from = last_day.AddDays(1);
  d.decided_by = std::string(actor);
  d.decided_at = FormatUtc(clock_.NowUnixMillis());
  d.note = std::string(note);
  NABIJ_ASSIGN_OR_RETURN(d.id, store_.EndCase(case_id, last_day, d));
  d.case_id = case_id;
  NABIJ_RETURN_IF_ERROR(Record(actor, "case.ended", case_id,
                               "beëindigd na " + last_day.ToString() + ", besluit " + std::to_string(d.id)));
  return d;
}

Result<pw::Decision> Casework::Reproduce(const cases::DecisionRecord& d, rules::Trace* trace) {
  if (d.rules_version != rules_.content_hash()) {
    return Status(ErrorCode::kFailedPrecondition,
                  "besluit " + std::to_string(d.id) + " is berekend met regelversie " + d.rules_version +
                      "; de geladen regels hebben versie " + rules_.content_hash() +
                      " (laad de regels van toen met --rules)",
                  "rules_version");
  }
  NABIJ_ASSIGN_OR_RETURN(EngineInput e, ParseEngineInputJson(d.inputs));
  NABIJ_ASSIGN_OR_RETURN(pw::Params params, pw::Snapshot(rules_, e.input.month, e.gemeente));
  NABIJ_ASSIGN_OR_RETURN(pw::Decision again, pw::Calculate(params, e.input, trace, pw::Options{e.regime}));
  Money expected = d.kind == cases::DecisionKind::kAfwijzing ? Money::Zero() : again.bijstand;
  if (expected != d.bijstand) {
    return Status(ErrorCode::kInternal, "besluit " + std::to_string(d.id) + " is niet te reproduceren: opgeslagen " +
                                            FormatEuro(d.bijstand) + ", berekend " + FormatEuro(expected));
  }
  return again;
}

Result<std::string> Casework::LetterPdf(int64_t decision_id, const cases::LetterContext& context) {
  NABIJ_ASSIGN_OR_RETURN(cases::DecisionRecord d, store_.GetDecision(decision_id));
  rules::Trace trace;
  NABIJ_ASSIGN_OR_RETURN(pw::Decision again, Reproduce(d, &trace));
  cases::LetterContext ctx = context;
  ctx.automatic = d.automatic;
  NABIJ_ASSIGN_OR_RETURN(Date until, cases::ObjectionDeadline(rules_, ctx.letter_date));
  return letters::RenderPdf(cases::BuildDecisionLetter(d.kind, d.effective_from, again, trace, ctx, until,
                                                       {d.overpaid, d.underpaid}));
}

}  // namespace nabij::api
