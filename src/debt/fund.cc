#include "debt/fund.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "sepa/xsd_validator.h"

namespace nabij::debt {
namespace {

constexpr size_t kMaxHouseholdRef = 35;

Status NotInState(const Dossier& d, std::string_view what) {
  return Status(ErrorCode::kFailedPrecondition,
                "dossier " + std::to_string(d.id) + " is " +
                    std::string(DossierStatusName(d.Status())) + ": " + std::string(what),
                "dossier");
}

Result<ledger::Entry> Entry(Date date, std::string reference, std::string description,
                            std::string debit, std::string credit, Money amount) {
  return ledger::MakeEntry(date, std::move(reference), std::move(description),
                           {{std::move(debit), amount}, {std::move(credit), -amount}});
}

// Ratio a + b, both percentages from rules/ (denominators are powers of ten).
Ratio Add(Ratio a, Ratio b) {
  const __int128 num =
      static_cast<__int128>(a.num()) * b.den() + static_cast<__int128>(b.num()) * a.den();
  const __int128 den = static_cast<__int128>(a.den()) * b.den();
  // Percentages have at most 6 decimals: both denominators are at most 10^8, so this fits.
  return Ratio::Of(static_cast<int64_t>(num), static_cast<int64_t>(den));
}

bool Less(Ratio a, Ratio b) {
  return static_cast<__int128>(a.num()) * b.den() < static_cast<__int128>(b.num()) * a.den();
}

Ratio MinRatio(Ratio a, Ratio b) { return Less(b, a) ? b : a; }

// The dossier `id` as changed so far by an import (loaded on first use), or nullptr when there is
// no such dossier; another error of the store is returned.
Result<Dossier*> Cached(DebtStore& store, std::map<int64_t, Dossier>& changed, int64_t id) {
  auto it = changed.find(id);
  if (it != changed.end()) return &it->second;
  auto d = store.LoadDossier(id);
  if (!d.ok()) {
    if (d.error().code() == ErrorCode::kNotFound) return static_cast<Dossier*>(nullptr);
    return d.error();
  }
  return &changed.emplace(id, std::move(*d)).first->second;
}

// The last month of a plan's term: its last instalment, or the whole term when nothing is due.
Month PlanEnd(const Plan& p) {
  const int months = p.term_months > 0 ? p.term_months : MaxTermMonths(p.regime);
  return p.start.Add(months - 1);
}

}  // namespace

std::string ReceivableAccount(int64_t dossier_id) {
  return std::string(ledger::kFondsSchulden) + ":" + std::to_string(dossier_id);
}

Result<FundRules> DebtFund::RulesFor(const Dossier& d, Date date) {
  return LoadFundRules(rules_, date, d.gemeente);
}

Result<int64_t> DebtFund::Register(const NewDossier& nd) {
  if (nd.household_ref.empty() || nd.household_ref.size() > kMaxHouseholdRef) {
    return InvalidArgument("het kenmerk van het huishouden heeft 1 tot 35 tekens", "household_ref");
  }
  if (clock_.Today() < nd.registered)
    return InvalidArgument("de datum van aanmelding ligt in de toekomst", "registered");
  if (!nd.gemeente.empty() && rules_.GetMunicipality(nd.gemeente) == nullptr) {
    return InvalidArgument("gemeente " + nd.gemeente + " staat niet in rules/gemeenten/",
                           "gemeente");
  }
  // One open dossier per household: a second registration while one runs is a mistake.
  NABIJ_ASSIGN_OR_RETURN(std::vector<int64_t> earlier, store_.DossiersOf(nd.household_ref));
  for (int64_t id : earlier) {
    NABIJ_ASSIGN_OR_RETURN(Dossier e, store_.LoadDossier(id));
    if (e.Status() != DossierStatus::kDebtFree && e.Status() != DossierStatus::kBreached) {
      return Status(ErrorCode::kAlreadyExists,
                    "het huishouden heeft al een lopend dossier " + std::to_string(id),
                    "household_ref");
    }
  }
  Dossier d;
  d.household_ref = nd.household_ref;
  d.gemeente = nd.gemeente;
  d.registered = nd.registered;
  d.finances = nd.finances;
  // The finances must give an affordable amount under the rules of the day (checked now, not at
  // the plan).
  NABIJ_ASSIGN_OR_RETURN(FundRules r, RulesFor(d, nd.registered));
  NABIJ_RETURN_IF_ERROR(Affordable(r, d.finances, nullptr).status());
  return store_.CreateDossier(d);
}

Result<Affordability> DebtFund::UpdateFinances(int64_t dossier_id, const Finances& finances) {
  NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(dossier_id));
  NABIJ_ASSIGN_OR_RETURN(FundRules r, RulesFor(d, clock_.Today()));
  NABIJ_ASSIGN_OR_RETURN(Affordability a, Affordable(r, finances, nullptr));
  d.finances = finances;
  NABIJ_RETURN_IF_ERROR(store_.Save({d}, {}));
  return a;
}

Status DebtFund::ImportClaims(const std::vector<ClaimRow>& rows) {
  std::map<int64_t, Dossier> changed;
  std::vector<LineError> errors;
  for (const ClaimRow& row : rows) {
    NABIJ_ASSIGN_OR_RETURN(Dossier * dp, Cached(store_, changed, row.dossier_id));
    if (dp == nullptr) {
      errors.push_back({row.line, "dossier", "dit dossier bestaat niet"});
      continue;
    }
    Dossier& d = *dp;
    if (d.AllSettled() || d.breached) {
      errors.push_back({row.line, "dossier",
                        "het dossier is al gesaneerd: de vorderingen veranderen niet meer"});
      continue;
    }
    Claim* existing = nullptr;
    for (Claim& c : d.claims) {
      if (c.creditor == row.claim.creditor && c.creditor_reference == row.claim.creditor_reference)
        existing = &c;
    }
    if (existing == nullptr) {
      Claim c = row.claim;
      c.seq = d.claims.empty() ? 1 : d.claims.back().seq + 1;
      d.claims.push_back(std::move(c));
      continue;
    }
    if (existing->settled_amount) {
      errors.push_back({row.line, "kenmerk", "deze vordering is al geregeld"});
      continue;
    }
    const bool same = existing->total() == row.claim.total();
    if (!existing->offers.empty() && !same) {
      errors.push_back(
          {row.line, "hoofdsom",
           "op deze vordering is al een aanbod gedaan: de bedragen veranderen niet meer"});
      continue;
    }
    existing->creditor_iban =
        row.claim.creditor_iban.empty() ? existing->creditor_iban : row.claim.creditor_iban;
    existing->sector = row.claim.sector;
    existing->principal = row.claim.principal;
    existing->interest = row.claim.interest;
    existing->collection_costs = row.claim.collection_costs;
    existing->verification = row.claim.verification;
  }
  if (!errors.empty()) return LineErrorsStatus(errors, "vorderingenbestand");
  std::vector<Dossier> out;
  for (auto& [id, d] : changed) out.push_back(std::move(d));
  return store_.Save(out, {});
}

Result<std::string> DebtFund::BalanceRequests(std::optional<int64_t> dossier_id) {
  std::vector<Dossier> dossiers;
  if (dossier_id) {
    NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(*dossier_id));
    dossiers.push_back(std::move(d));
  } else {
    NABIJ_ASSIGN_OR_RETURN(dossiers, store_.LoadDossiers());
  }
  std::vector<Dossier> changed;
  for (Dossier& d : dossiers) {
    bool any = false;
    for (Claim& c : d.claims) {
      if (c.verification == Verification::kUnverified && !c.settled_amount) {
        c.verification = Verification::kRequested;
        any = true;
      }
    }
    if (any) changed.push_back(d);
  }
  std::vector<OutgoingClaim> out;
  for (const Dossier& d : changed) {
    for (const Claim& c : d.claims) {
      if (c.verification == Verification::kRequested && !c.settled_amount)
        out.push_back({d.id, &c});
    }
  }
  std::string csv = BalanceRequestsCsv(out, clock_.Today());
  NABIJ_RETURN_IF_ERROR(store_.Save(changed, {}));
  return csv;
}

Result<OfferRound> DebtFund::MakeOffers(std::optional<int64_t> dossier_id) {
  const Date today = clock_.Today();
  std::vector<Dossier> dossiers;
  if (dossier_id) {
    NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(*dossier_id));
    dossiers.push_back(std::move(d));
  } else {
    NABIJ_ASSIGN_OR_RETURN(dossiers, store_.LoadDossiers());
  }
  OfferRound round;
  std::vector<Dossier> changed;
  std::vector<std::pair<size_t, int64_t>> offered;  // (index in changed, claim seq)
  for (Dossier& d : dossiers) {
    if (d.AllSettled() || d.breached) continue;
    NABIJ_ASSIGN_OR_RETURN(FundRules r, RulesFor(d, today));
    bool any = false;
    std::vector<int64_t> seqs;
    for (Claim& c : d.claims) {
      if (c.settled_amount) continue;
      // An offer past its answer date counts as not answered (the day after the date).
      if (!c.offers.empty() && !c.offers.back().answer && c.offers.back().answer_due < today) {
        c.offers.back().answer =
            Answer{AnswerKind::kNoAnswer, c.offers.back().answer_due.AddDays(1), Money::Zero()};
        ++round.expired;
        any = true;
      }
      if (c.verification == Verification::kDisputed) {
        ++round.escalated;  // no offer on a disputed claim: a worker settles it
        continue;
      }
      Ratio pct;
      if (c.offers.empty()) {
        pct = MinRatio(r.FirstOffer(c.sector).value, r.ceiling.value);
        ++round.first_offers;
      } else if (c.offers.back().answer) {
        const Offer& last = c.offers.back();
        if (last.answer->kind == AnswerKind::kCounter)
          continue;  // above the ceiling: a worker decides
        if (r.step.value.num() == 0 || !Less(last.percentage, r.ceiling.value)) {
          ++round.escalated;
          continue;
        }
        pct = MinRatio(Add(last.percentage, r.step.value), r.ceiling.value);
        ++round.re_offers;
      } else {
        continue;  // waiting for the answer
      }
      Offer o;
      o.round = static_cast<int>(c.offers.size()) + 1;
      o.percentage = pct;
      o.amount = MulDiv(c.total(), pct, Rounding::kHalfUp);
      o.sent = today;
      o.answer_due = today.AddDays(static_cast<int32_t>(r.answer_days.value));
      c.offers.push_back(o);
      seqs.push_back(c.seq);
      any = true;
    }
    if (any) {
      changed.push_back(d);
      for (int64_t s : seqs) offered.emplace_back(changed.size() - 1, s);
    }
  }
  std::vector<OutgoingClaim> out;
  for (const auto& [i, seq] : offered) out.push_back({changed[i].id, changed[i].FindClaim(seq)});
  round.csv = OffersCsv(out);
  NABIJ_RETURN_IF_ERROR(store_.Save(changed, {}));
  return round;
}

void DebtFund::Settle(Dossier& d, Claim& c, Money amount, Date date,
                      std::vector<ledger::Entry>& entries) {
  c.settled_amount = amount;
  c.settled_on = date;
  if (!d.AllSettled()) return;
  d.restructured = date;
  const Money owed = d.Owed();
  if (owed == Money::Zero()) return;  // every creditor forgave: nothing to take over
  auto e = Entry(date, "debt:" + std::to_string(d.id) + ":overname",
                 "Schuldenfonds neemt de schulden van dossier " + std::to_string(d.id) + " over",
                 ReceivableAccount(d.id), ledger::kTeBetalenSchuldeisers, owed);
  NABIJ_CHECK(e.ok());  // owed > 0 and far below kMaxPostingAmount (claims are capped on import)
  entries.push_back(std::move(*e));
}

Status DebtFund::ImportAnswers(const std::vector<AnswerRow>& rows) {
  const Date today = clock_.Today();
  std::map<int64_t, Dossier> changed;
  std::vector<LineError> errors;
  std::vector<ledger::Entry> entries;
  for (const AnswerRow& row : rows) {
    NABIJ_ASSIGN_OR_RETURN(Dossier * dp, Cached(store_, changed, row.dossier_id));
    if (dp == nullptr) {
      errors.push_back({row.line, "dossier", "dit dossier bestaat niet"});
      continue;
    }
    Dossier& d = *dp;
    Claim* c = d.FindClaim(row.claim_seq);
    if (c == nullptr) {
      errors.push_back({row.line, "vordering", "het dossier heeft deze vordering niet"});
      continue;
    }
    if (c->offers.empty() || c->offers.back().round != row.round) {
      errors.push_back({row.line, "ronde", "is niet het laatste aanbod op deze vordering"});
      continue;
    }
    Offer& o = c->offers.back();
    if (o.answer) {
      errors.push_back({row.line, "ronde", "op dit aanbod is al geantwoord"});
      continue;
    }
    if (row.answer.date < o.sent || today < row.answer.date) {
      errors.push_back({row.line, "datum", "ligt tussen de datum van het aanbod en vandaag"});
      continue;
    }
    if (row.answer.kind == AnswerKind::kCounter && row.answer.counter_amount > c->total()) {
      errors.push_back({row.line, "tegenbod", "is meer dan de vordering zelf"});
      continue;
    }
    o.answer = row.answer;
    if (row.answer.kind == AnswerKind::kAccept) {
      Settle(d, *c, o.amount, row.answer.date, entries);
    } else if (row.answer.kind == AnswerKind::kCounter) {
      auto r = RulesFor(d, row.answer.date);
      if (!r.ok()) return r.error();
      // A counter-offer within the fund's ceiling is accepted; above it a worker decides.
      if (!(MulDiv(c->total(), r->ceiling.value, Rounding::kHalfUp) < row.answer.counter_amount)) {
        Settle(d, *c, row.answer.counter_amount, row.answer.date, entries);
      }
    }
  }
  if (!errors.empty()) return LineErrorsStatus(errors, "antwoordenbestand");
  std::vector<Dossier> out;
  for (auto& [id, d] : changed) out.push_back(std::move(d));
  return store_.Save(out, entries);
}

Status DebtFund::SettleByWorker(int64_t dossier_id, int64_t claim_seq, Money amount,
                                const std::string& worker) {
  if (worker.empty()) return InvalidArgument("noem de medewerker die beslist", "worker");
  NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(dossier_id));
  Claim* c = d.FindClaim(claim_seq);
  if (c == nullptr)
    return Status(ErrorCode::kNotFound,
                  "het dossier heeft geen vordering " + std::to_string(claim_seq), "claim");
  if (c->settled_amount)
    return Status(ErrorCode::kFailedPrecondition, "de vordering is al geregeld", "claim");
  if (amount < Money::Zero() || c->total() < amount) {
    return InvalidArgument(
        "het bedrag ligt tussen € 0,00 en het totaal van de vordering, " + FormatEuro(c->total()),
        "amount");
  }
  if (!c->offers.empty() && !c->offers.back().answer) {
    // The creditor agreed outside the exchange: the open offer is answered by this settlement.
    c->offers.back().answer = Answer{AnswerKind::kCounter, clock_.Today(), amount};
  }
  std::vector<ledger::Entry> entries;
  Settle(d, *c, amount, clock_.Today(), entries);
  return store_.Save({d}, entries);
}

Result<PlanResult> DebtFund::MakePlan(int64_t dossier_id, Regime regime, Month start,
                                      rules::Trace* trace) {
  NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(dossier_id));
  if (!d.AllSettled())
    return NotInState(d, "een regeling kan pas als alle vorderingen geregeld zijn");
  if (d.breached) return NotInState(d, "de afspraken zijn verbroken");
  const Money balance = d.Balance();
  if (balance == Money::Zero()) return NotInState(d, "er staat niets meer open");
  NABIJ_ASSIGN_OR_RETURN(FundRules r, RulesFor(d, start.first_day()));
  PlanResult out;
  NABIJ_ASSIGN_OR_RETURN(out.affordability, Affordable(r, d.finances, trace));
  NABIJ_ASSIGN_OR_RETURN(out.schedule,
                         MakeSchedule(regime, balance, out.affordability.affordable, start));
  out.plan = Plan{regime,
                  start,
                  balance,
                  out.affordability.affordable,
                  out.schedule.monthly,
                  static_cast<int>(out.schedule.instalments.size()),
                  clock_.Today()};
  d.plan = out.plan;
  NABIJ_RETURN_IF_ERROR(store_.Save({d}, {}));
  return out;
}

Result<ledger::Entry> DebtFund::AddRepayment(Dossier& d, Month month, Money amount,
                                             RepaymentSource source, Date received) {
  if (!d.plan) return NotInState(d, "een aflossing hoort bij een regeling");
  if (amount <= Money::Zero()) return InvalidArgument("een aflossing is meer dan € 0,00", "amount");
  if (d.Balance() < amount) {
    return InvalidArgument(
        "een aflossing van meer dan het saldo " + FormatEuro(d.Balance()) + " kan niet", "amount");
  }
  if (clock_.Today() < received)
    return InvalidArgument("de datum van ontvangst ligt in de toekomst", "date");
  Repayment rp;
  rp.seq = d.repayments.empty() ? 1 : d.repayments.back().seq + 1;
  rp.month = month;
  rp.date = received;
  rp.amount = amount;
  rp.source = source;
  // Withheld from the benefit: the client gets that much less; paid by the household: the bank.
  const std::string debit =
      source == RepaymentSource::kUitkering ? ledger::kTeBetalenClient : ledger::kBank;
  NABIJ_ASSIGN_OR_RETURN(
      ledger::Entry e,
      Entry(received, "debt:" + std::to_string(d.id) + ":aflossing:" + std::to_string(rp.seq),
            "Aflossing schuldenfonds dossier " + std::to_string(d.id) + " " + month.ToString(),
            debit, ReceivableAccount(d.id), amount));
  d.repayments.push_back(rp);
  return e;
}

Status DebtFund::RecordRepayment(int64_t dossier_id, Month month, Money amount,
                                 RepaymentSource source, Date received) {
  NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(dossier_id));
  NABIJ_ASSIGN_OR_RETURN(ledger::Entry e, AddRepayment(d, month, amount, source, received));
  return store_.Save({d}, {e});
}

Status DebtFund::ImportRepayments(const std::vector<RepaymentRow>& rows) {
  std::map<int64_t, Dossier> changed;
  std::vector<LineError> errors;
  std::vector<ledger::Entry> entries;
  for (const RepaymentRow& row : rows) {
    NABIJ_ASSIGN_OR_RETURN(Dossier * dp, Cached(store_, changed, row.dossier_id));
    if (dp == nullptr) {
      errors.push_back({row.line, "dossier", "dit dossier bestaat niet"});
      continue;
    }
    const Repayment& r = row.repayment;
    auto e = AddRepayment(*dp, r.month, r.amount, r.source, r.date);
    if (!e.ok()) {
      const std::string& f = e.error().field();
      errors.push_back({row.line,
                        f == "amount" ? "bedrag"
                        : f == "date" ? "datum"
                                      : "dossier",
                        e.error().message()});
      continue;
    }
    entries.push_back(std::move(*e));
  }
  if (!errors.empty()) return LineErrorsStatus(errors, "aflossingenbestand");
  std::vector<Dossier> out;
  for (auto& [id, d] : changed) out.push_back(std::move(d));
  return store_.Save(out, entries);
}

Status DebtFund::SetBenefitCase(int64_t dossier_id, std::optional<int64_t> case_id) {
  if (case_id && *case_id < 1) return InvalidArgument("een uitkeringsdossier heeft een nummer vanaf 1", "case");
  NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(dossier_id));
  if (case_id) {
    const DossierStatus st = d.Status();
    if (st == DossierStatus::kBreached || st == DossierStatus::kDebtFree) {
      return NotInState(d, "inhouden op de uitkering kan alleen bij een lopend dossier");
    }
    NABIJ_ASSIGN_OR_RETURN(std::vector<Dossier> all, store_.LoadDossiers());
    for (const Dossier& o : all) {
      if (o.id == d.id || o.benefit_case != case_id) continue;
      if (o.Status() == DossierStatus::kBreached || o.Status() == DossierStatus::kDebtFree) continue;
      return Status(ErrorCode::kAlreadyExists,
                    "dossier " + std::to_string(o.id) + " houdt al in op uitkeringsdossier " +
                        std::to_string(*case_id),
                    "case");
    }
  }
  if (d.benefit_case == case_id) return Status::Ok();
  d.benefit_case = case_id;
  return store_.Save({d}, {});
}

Result<std::vector<DueInstalment>> DebtFund::InstalmentsDue(Month month) {
  NABIJ_ASSIGN_OR_RETURN(std::vector<Dossier> dossiers, store_.LoadDossiers());
  std::vector<DueInstalment> out;
  for (const Dossier& d : dossiers) {
    if (!d.benefit_case || !d.plan || d.Status() != DossierStatus::kRepaying) continue;
    // This month's instalment and whatever of earlier months did not come in.
    const Money amount = Min(ArrearsOn(*d.plan, d.repayments, month).arrears, d.Balance());
    if (amount > Money::Zero()) out.push_back({d.id, *d.benefit_case, amount});
  }
  return out;
}

Status DebtFund::RecordWithheld(const std::vector<Withheld>& rows) {
  std::map<int64_t, Dossier> changed;
  std::vector<ledger::Entry> entries;
  for (const Withheld& w : rows) {
    NABIJ_ASSIGN_OR_RETURN(Dossier * dp, Cached(store_, changed, w.dossier_id));
    if (dp == nullptr) {
      return Status(ErrorCode::kNotFound, "er is geen schuldendossier " + std::to_string(w.dossier_id), "dossier");
    }
    NABIJ_ASSIGN_OR_RETURN(ledger::Entry e, AddRepayment(*dp, w.month, w.amount, RepaymentSource::kUitkering, w.date));
    entries.push_back(std::move(e));
  }
  if (entries.empty()) return Status::Ok();
  std::vector<Dossier> out;
  for (auto& [id, d] : changed) out.push_back(std::move(d));
  return store_.Save(out, entries);
}

Result<Forgiveness> DebtFund::ConfirmMilestone(int64_t dossier_id, MilestoneKind kind,
                                               const std::string& worker, rules::Trace* trace) {
  if (worker.empty()) return InvalidArgument("noem de medewerker die bevestigt", "worker");
  NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(dossier_id));
  if (!d.AllSettled()) return NotInState(d, "kwijtschelding kan pas na de sanering");
  if (d.breached) return NotInState(d, "de afspraken zijn verbroken");
  if (kind != MilestoneKind::kParticipatieTrede) {
    for (const Forgiveness& f : d.forgiveness) {
      if (f.milestone == kind) {
        return Status(ErrorCode::kAlreadyExists,
                      "mijlpaal " + std::string(MilestoneKindName(kind)) + " is al bevestigd",
                      "milestone");
      }
    }
  }
  const Date today = clock_.Today();
  const Money balance = d.Balance();
  if (balance == Money::Zero()) return NotInState(d, "er staat niets meer open");
  NABIJ_ASSIGN_OR_RETURN(FundRules r, RulesFor(d, today));
  const MilestoneRule& rule = r.Milestone(kind);
  const Money share = MulDiv(balance, rule.share.value, Rounding::kDown);
  const Money amount = Min(balance, rule.amount.value + share);
  if (trace) {
    trace->Param("Kwijtschelding vast bedrag", rule.amount.value, *rule.amount.param,
                 *rule.amount.source);
    trace->Param("Kwijtschelding deel van het saldo", share, *rule.share.param, *rule.share.source,
                 rule.share.value.ToPercentString() + " × " + FormatEuro(balance) +
                     ", naar beneden afgerond");
    trace->Formula("Kwijtschelding", amount, "schuldenfonds.kwijtschelding",
                   rule.amount.source->basis.Cite(),
                   "bedrag + deel, niet meer dan het saldo " + FormatEuro(balance));
  }
  if (amount == Money::Zero()) {
    return Status(
        ErrorCode::kFailedPrecondition,
        "volgens de regels van deze gemeente levert deze mijlpaal geen kwijtschelding op: " +
            std::string(MilestoneKindName(kind)),
        "milestone");
  }
  Forgiveness f;
  f.seq = d.forgiveness.empty() ? 1 : d.forgiveness.back().seq + 1;
  f.milestone = kind;
  f.date = today;
  f.confirmed_by = worker;
  f.amount = amount;
  NABIJ_ASSIGN_OR_RETURN(
      ledger::Entry e,
      Entry(today, "debt:" + std::to_string(d.id) + ":kwijtschelding:" + std::to_string(f.seq),
            "Kwijtschelding mijlpaal " + std::string(MilestoneKindName(kind)) + " dossier " +
                std::to_string(d.id),
            ledger::kKostenKwijtschelding, ReceivableAccount(d.id), amount));
  d.forgiveness.push_back(f);
  NABIJ_RETURN_IF_ERROR(store_.Save({d}, {e}));
  return f;
}

Result<Money> DebtFund::Breach(int64_t dossier_id, const std::string& worker) {
  if (worker.empty()) return InvalidArgument("noem de medewerker die het vastlegt", "worker");
  NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(dossier_id));
  if (d.breached) return NotInState(d, "het verbreken van de afspraken is al vastgelegd");
  if (!d.AllSettled()) return NotInState(d, "er zijn nog geen afspraken");
  const Date today = clock_.Today();
  NABIJ_ASSIGN_OR_RETURN(FundRules r, RulesFor(d, today));
  Money total;
  for (Forgiveness& f : d.forgiveness) {
    if (!f.milestone || f.clawed_back_on) continue;  // only rewards are reversed
    f.clawed_back = MulDiv(f.amount, r.clawback_share.value, Rounding::kDown);
    f.clawed_back_on = today;
    total += f.clawed_back;
  }
  d.breached = today;
  std::vector<ledger::Entry> entries;
  if (total > Money::Zero()) {
    NABIJ_ASSIGN_OR_RETURN(
        ledger::Entry e,
        Entry(today, "debt:" + std::to_string(d.id) + ":terugdraaien",
              "Kwijtschelding teruggedraaid (afspraken verbroken) dossier " + std::to_string(d.id),
              ReceivableAccount(d.id), ledger::kKostenKwijtschelding, total));
    entries.push_back(std::move(e));
  }
  NABIJ_RETURN_IF_ERROR(store_.Save({d}, entries));
  return total;
}

Result<int> DebtFund::CloseFinishedPlans() {
  const Date today = clock_.Today();
  NABIJ_ASSIGN_OR_RETURN(std::vector<Dossier> dossiers, store_.LoadDossiers());
  std::vector<Dossier> changed;
  std::vector<ledger::Entry> entries;
  for (Dossier& d : dossiers) {
    if (!d.plan || d.breached) continue;
    const Money balance = d.Balance();
    if (balance == Money::Zero() || !(PlanEnd(*d.plan) < today.month())) continue;
    if (ArrearsOn(*d.plan, d.repayments, PlanEnd(*d.plan)).arrears > Money::Zero())
      continue;  // a worker decides
    Forgiveness f;
    f.seq = d.forgiveness.empty() ? 1 : d.forgiveness.back().seq + 1;
    f.date = today;
    f.confirmed_by = "nabij";
    f.amount = balance;
    NABIJ_ASSIGN_OR_RETURN(
        ledger::Entry e,
        Entry(today, "debt:" + std::to_string(d.id) + ":kwijtschelding:" + std::to_string(f.seq),
              "Kwijtschelding rest na de looptijd (" + std::string(RegimeName(d.plan->regime)) +
                  ") dossier " + std::to_string(d.id),
              ledger::kKostenKwijtschelding, ReceivableAccount(d.id), balance));
    d.forgiveness.push_back(f);
    entries.push_back(std::move(e));
    changed.push_back(std::move(d));
  }
  NABIJ_RETURN_IF_ERROR(store_.Save(changed, entries));
  return static_cast<int>(changed.size());
}

Result<SepaResult> DebtFund::ExportSepa(
    const SepaSettings& settings, const std::function<Status(const std::string& xml)>& deliver) {
  auto debtor = Iban::Parse(settings.debtor_iban);
  if (!debtor.ok()) return InvalidArgument("de IBAN van het fonds is niet geldig", "debtor_iban");
  const Date today = clock_.Today();
  const Date execution = settings.execution_date.value_or(today);
  NABIJ_ASSIGN_OR_RETURN(std::vector<Dossier> dossiers, store_.LoadDossiers());
  NABIJ_ASSIGN_OR_RETURN(std::vector<ledger::Entry> booked, store_.Entries());
  int batch_no = 1;
  for (const ledger::Entry& e : booked) {
    if (e.reference.rfind("debt:sepa:", 0) == 0) ++batch_no;
  }
  SepaResult out;
  out.message_id = "NABIJ-SF-" + today.ToString() + "-" + std::to_string(batch_no);
  sepa::Batch batch{.message_id = out.message_id,
                    .created_at = FormatUtc(clock_.NowUnixMillis()),
                    .debtor_name = settings.debtor_name,
                    .debtor_iban = *debtor,
                    .debtor_bic = settings.debtor_bic,
                    .execution_date = execution,
                    .payment_info_id = "SCHULDENFONDS-" + std::to_string(batch_no),
                    .transfers = {}};
  std::vector<Dossier> changed;
  for (Dossier& d : dossiers) {
    if (!d.AllSettled()) continue;
    bool any = false;
    for (Claim& c : d.claims) {
      if (c.paid_on || !c.settled_amount || *c.settled_amount == Money::Zero()) continue;
      auto iban = Iban::Parse(c.creditor_iban);
      if (!iban.ok()) {
        ++out.not_payable;
        continue;
      }
      sepa::Transfer t{"SF" + std::to_string(d.id) + "C" + std::to_string(c.seq), *c.settled_amount,
                       c.creditor, *iban,
                       "Schuldenfonds finale kwijting kenmerk " + c.creditor_reference};
      // The EPC checks per transfer (SEPA scope of the IBAN, character set, lengths): one claim
      // the bank would refuse waits for a worker instead of stopping the whole file.
      if (!sepa::CheckTransfer(t).ok()) {
        ++out.not_payable;
        continue;
      }
      c.payment_id = t.end_to_end_id;
      c.paid_on = execution;
      batch.transfers.push_back(std::move(t));
      out.total += *c.settled_amount;
      ++out.transfers;
      any = true;
    }
    if (any) changed.push_back(d);
  }
  if (batch.transfers.empty()) {
    return Status(ErrorCode::kFailedPrecondition,
                  "er zijn geen geregelde vorderingen om te betalen", "claims");
  }
  NABIJ_ASSIGN_OR_RETURN(out.xml, sepa::WritePain001(batch, settings.version));
  NABIJ_RETURN_IF_ERROR(sepa::ValidateXsdAndTotals(out.xml, settings.version, settings.schema_dir));
  NABIJ_RETURN_IF_ERROR(deliver(out.xml));
  NABIJ_ASSIGN_OR_RETURN(ledger::Entry e,
                         Entry(execution, "debt:sepa:" + out.message_id,
                               "Betaling schuldeisers schuldenfonds (SEPA " + out.message_id + ")",
                               ledger::kTeBetalenSchuldeisers, ledger::kBank, out.total));
  NABIJ_RETURN_IF_ERROR(store_.Save(changed, {e}));
  return out;
}

Result<int> DebtFund::ImportSignals(const std::vector<SignalRow>& rows) {
  std::vector<OutreachTask> tasks;
  std::vector<LineError> errors;
  const Date today = clock_.Today();
  for (const SignalRow& r : rows) {
    if (today < r.signal.date) {
      errors.push_back({r.line, "datum", "ligt in de toekomst"});
      continue;
    }
    tasks.push_back(OutreachTask{0, r.signal, today});
  }
  if (!errors.empty()) return LineErrorsStatus(errors, "signalenbestand");
  Status s = store_.AddTasks(tasks);
  if (s.code() == ErrorCode::kAlreadyExists) {
    // Name the file's line, not the index.
    const std::string& f = s.field();
    size_t open = f.find('['), close = f.find(']');
    if (open != std::string::npos && close != std::string::npos) {
      const size_t i = std::stoul(f.substr(open + 1, close - open - 1));
      if (i < rows.size()) {
        return LineErrorsStatus({{rows[i].line, "", "dit signaal is al eerder ingelezen"}},
                                "signalenbestand");
      }
    }
  }
  NABIJ_RETURN_IF_ERROR(s);
  return static_cast<int>(tasks.size());
}

Result<HouseholdView> DebtFund::ViewFor(int64_t dossier_id) {
  NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(dossier_id));
  NABIJ_ASSIGN_OR_RETURN(FundRules r, RulesFor(d, clock_.Today()));
  return ViewForHousehold(d, r, clock_.Today());
}

Result<std::vector<ClockView>> DebtFund::Queue() {
  NABIJ_ASSIGN_OR_RETURN(std::vector<Dossier> dossiers, store_.LoadDossiers());
  return WorkQueue(dossiers, clock_.Today());
}

Result<Figures> DebtFund::FiguresFor(Date from, Date until) {
  if (!(from < until)) return InvalidArgument("de periode eindigt na het begin", "until");
  NABIJ_ASSIGN_OR_RETURN(std::vector<Dossier> dossiers, store_.LoadDossiers());
  return debt::FiguresFor(dossiers, from, until);
}

Result<Arrears> DebtFund::ArrearsOf(int64_t dossier_id, Month month) {
  NABIJ_ASSIGN_OR_RETURN(Dossier d, store_.LoadDossier(dossier_id));
  if (!d.plan) return NotInState(d, "er is geen regeling");
  return ArrearsOn(*d.plan, d.repayments, month);
}

Result<std::vector<std::pair<int64_t, Arrears>>> DebtFund::InArrears(Month month) {
  NABIJ_ASSIGN_OR_RETURN(std::vector<Dossier> dossiers, store_.LoadDossiers());
  std::vector<std::pair<int64_t, Arrears>> out;
  for (const Dossier& d : dossiers) {
    if (!d.plan || d.breached || d.Balance() == Money::Zero()) continue;
    Arrears a = ArrearsOn(*d.plan, d.repayments, month);
    if (a.arrears > Money::Zero()) out.emplace_back(d.id, a);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return x.second.months_behind > y.second.months_behind;
  });
  return out;
}

}  // namespace nabij::debt
