#include "payments/run_case.h"

#include <cstdio>

namespace nabij::payments {
namespace {

bvv::Huishouden HuishoudenOf(pw::Leefvorm l) {
  switch (l) {
    case pw::Leefvorm::kAlleenstaande: return bvv::Huishouden::kAlleenstaande;
    case pw::Leefvorm::kAlleenstaandeOuder: return bvv::Huishouden::kAlleenstaandeOuder;
    case pw::Leefvorm::kGehuwden: return bvv::Huishouden::kGehuwdenZonderKinderen;
    case pw::Leefvorm::kGehuwdenMetKinderen: return bvv::Huishouden::kGehuwdenMetKinderen;
  }
  return bvv::Huishouden::kAlleenstaande;
}

CaseOutcome Failed(int64_t case_id, const Status& s) {
  CaseOutcome o;
  o.case_id = case_id;
  o.ok = false;
  o.error_code = std::string(ErrorCodeName(s.code()));
  o.error_message = s.message() + (s.field().empty() ? "" : " (" + s.field() + ")");
  return o;
}

std::string EndToEndId(Month month, int64_t case_id, size_t seq) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "NB%04d%02uC%lldS%zu", month.year(), month.month_number(),
                static_cast<long long>(case_id), seq);
  return buf;
}

bool InstructionHolds(const StandingInstruction& i, Month month) {
  return i.valid_from <= month.last_day() && (!i.valid_until || *i.valid_until > month.first_day());
}

// The number of months after the end of the right in which the reserved vakantietoeslag is paid
// out: Pw art. 45 lid 1 ("binnen drie maanden"); nabij pays it in the first run after the end.
constexpr int kVtPayoutMonthsAfterEnd = 3;
// Pw art. 45 lid 1: the reserved vakantietoeslag is paid yearly in June.
constexpr unsigned kVtPayoutMonth = 6;

}  // namespace

std::string_view InstructionKindName(InstructionKind k) {
  switch (k) {
    case InstructionKind::kZorgverzekeraar: return "zorgverzekeraar";
    case InstructionKind::kVerhuurder: return "verhuurder";
    case InstructionKind::kEnergie: return "energie";
    case InstructionKind::kOverig: return "overig";
  }
  return "overig";
}

std::string_view PaymentKindName(PaymentKind k) {
  switch (k) {
    case PaymentKind::kClient: return "client";
    case PaymentKind::kDerde: return "derde";
    case PaymentKind::kBeslag: return "beslag";
  }
  return "?";
}

Result<ledger::Entry> RecoveryClaimEntry(int64_t case_id, const Recovery& r, Date booking_date) {
  return ledger::MakeEntry(booking_date,
                           "terugvordering:" + std::to_string(case_id) + ":" + std::to_string(r.id),
                           "Terugvordering dossier " + std::to_string(case_id),
                           {{ledger::kVorderingTerugvordering, r.remaining}, {ledger::kBatenTerugvordering, -r.remaining}});
}

CaseOutcome ComputeCase(const RunCase& c, Month month, const MonthRules& rules, Date booking_date) {
  const Date first = month.first_day();
  const bool active = c.start <= month.last_day() && (!c.end || *c.end >= first);
  const bool ended_before = c.end && *c.end < first && month.MonthsSince(c.end->month()) <= kVtPayoutMonthsAfterEnd;
  CaseOutcome o;
  o.case_id = c.case_id;
  if (!active && !ended_before) return o;  // nothing to pay or book

  if (!Iban::Parse(c.applicant.iban).ok()) return Failed(c.case_id, InvalidArgument("the client's IBAN is not valid", "iban"));
  Money protected_amount;
  bool couple = false;  // a partner lives in the household this month
  if (active) {
    auto in = pw::InputForMonth(c.history, month);
    if (!in.ok()) return Failed(c.case_id, in.error());
    couple = in->has_partner;
    auto d = pw::Calculate(*rules.pw, *in, nullptr);
    if (!d.ok()) return Failed(c.case_id, d.error());
    o.bijstand = d->bijstand;
    // Pw art. 19 lid 3 with art. 45 lid 1: the vakantietoeslag part is reserved unless paid monthly.
    o.vt_reserved = c.vakantietoeslag_monthly ? Money::Zero() : d->vakantietoeslag;
    // Rv art. 475dc lid 2: the beslagvrije voet on bijstand, lowered by the other income counted.
    bvv::Input bi;
    bi.huishouden = HuishoudenOf(d->leefvorm);
    bi.op_bijstand = true;
    bi.bijstandsnorm = d->norm;
    bi.inkomen_art32 = d->counted_income;
    bi.maandinkomen = d->bijstand;
    auto b = bvv::Calculate(*rules.bvv, bi, nullptr);
    if (!b.ok()) return Failed(c.case_id, b.error());
    protected_amount = b->beslagvrije_voet;
  }
  // Pw art. 45 lid 1: the reserve is paid in June, or after the right has ended.
  if (month.month_number() == kVtPayoutMonth || ended_before) o.vt_paid = c.vt_reserved;

  const Money payable = o.bijstand - o.vt_reserved + o.vt_paid;
  Money room = Max(Money::Zero(), payable - protected_amount);
  size_t seq = 0;
  for (const Garnishment& g : c.garnishments) {
    Money x = Min(g.remaining, room);
    if (x <= Money::Zero()) continue;
    if (!Iban::Parse(g.creditor.iban).ok()) {
      return Failed(c.case_id, InvalidArgument("the IBAN of a garnishing creditor is not valid", "garnishments"));
    }
    room -= x;
    o.garnished += x;
    o.payments.push_back({PaymentKind::kBeslag, g.creditor, x, EndToEndId(month, c.case_id, ++seq),
                          "Beslag " + g.reference + " " + month.ToString(), g.id});
  }
  // Pw art. 60 lid 3: recoveries are offset, within the beslagvrije voet as well.
  for (const Recovery& r : c.recoveries) {
    Money x = Min(r.remaining, room);
    if (x <= Money::Zero()) continue;
    room -= x;
    o.recovered += x;
    o.recoveries_applied.emplace_back(r.id, x);
  }
  Money left = payable - o.garnished - o.recovered;
  // Pw art. 57: standing instructions paid to third parties out of the client's benefit.
  for (const StandingInstruction& i : c.instructions) {
    if (!active || !InstructionHolds(i, month)) continue;
    Money x = Min(i.amount, left);
    if (x <= Money::Zero()) continue;
    if (!Iban::Parse(i.creditor.iban).ok()) {
      return Failed(c.case_id, InvalidArgument("the IBAN of a standing instruction is not valid", "instructions"));
    }
    left -= x;
    o.direct += x;
    o.payments.push_back({PaymentKind::kDerde, i.creditor, x, EndToEndId(month, c.case_id, ++seq),
                          "Bijstand " + month.ToString() + " " + std::string(InstructionKindName(i.kind)), 0});
  }
  o.to_client = left;
  // The debt fund's instalment, paid out of the client's share on the household's instruction, and
  // only from what lies above the beslagvrije voet after beslag and verrekening, as a recovery
  // would: the plan was made from the VTLB, which is never below the bvv, so this binds only when
  // the income fell; what is not withheld is arrears in the fund (debt::ArrearsOn).
  if (active && c.debt) {
    Money x = Min(c.debt->amount, Min(room, left));
    if (x > Money::Zero()) {
      left -= x;
      o.debt_withheld = x;
      o.debt_dossier_id = c.debt->dossier_id;
    }
  }
  if (left > Money::Zero()) {
    // Pw art. 45 lid 4: for spouses half to each, unless they asked otherwise; not once the partner
    // has left the household.
    bool split = c.partner.has_value() && c.split_between_partners && Iban::Parse(c.partner->iban).ok() && couple;
    Money partner_part = split ? MulDiv(left, 1, 2, Rounding::kDown) : Money::Zero();
    std::string what = (o.vt_paid > Money::Zero() ? "Bijstand en vakantietoeslag " : "Bijstand ") + month.ToString();
    o.payments.push_back({PaymentKind::kClient, c.applicant, left - partner_part, EndToEndId(month, c.case_id, ++seq), what, 0});
    if (partner_part > Money::Zero()) {
      o.payments.push_back({PaymentKind::kClient, *c.partner, partner_part, EndToEndId(month, c.case_id, ++seq), what, 0});
    }
  }

  std::vector<ledger::Posting> postings;
  auto post = [&](const char* account, Money amount) {
    if (amount != Money::Zero()) postings.push_back({account, amount});
  };
  post(ledger::kKostenBijstand, o.bijstand);
  post(ledger::kReserveringVakantietoeslag, o.vt_paid - o.vt_reserved);
  post(ledger::kVorderingTerugvordering, -o.recovered);
  post(ledger::kTeBetalenBeslaglegger, -o.garnished);
  post(ledger::kTeBetalenDerden, -o.direct);
  post(ledger::kTeBetalenClient, -o.to_client);
  if (postings.size() >= 2) {
    auto e = ledger::MakeEntry(booking_date, "run:" + month.ToString() + ":case:" + std::to_string(c.case_id),
                               "Bijstand " + month.ToString() + " dossier " + std::to_string(c.case_id),
                               std::move(postings));
    if (!e.ok()) return Failed(c.case_id, e.error());  // cannot happen: the postings balance by construction
    o.entry = std::move(*e);
  }
  return o;
}

}  // namespace nabij::payments
