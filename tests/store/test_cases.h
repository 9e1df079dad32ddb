// Synthetic cases and outcomes for the storage tests. Fictitious people only: "Test Persoon N",
// IBANs at the bank code TEST with valid ISO 7064 mod 97-10 check digits.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "base/date.h"
#include "base/money.h"
#include "ledger/ledger.h"
#include "payments/demo_data.h"
#include "payments/run_case.h"

namespace nabij::store::testing {

// A valid Dutch IBAN at the fictitious bank of the demo data (payments::DemoIban).
inline std::string TestIban(uint64_t n) { return payments::DemoIban(n); }

inline std::string TestName(int n) { return "Test Persoon " + std::to_string(n); }

// A single applicant (local person id 1) with a right from `start`.
inline payments::RunCase SimpleCase(int n, Date start, std::optional<Date> end = std::nullopt) {
  payments::RunCase c;
  c.gemeente = "";
  c.history.applicant_id = 1;
  c.history.applicant_birth = Date::Of(1980, 1, 1).AddDays(n);
  c.start = start;
  c.end = end;
  c.applicant = {TestName(n), TestIban(static_cast<uint64_t>(n))};
  return c;
}

// What a run decides for one case, as plain amounts; the client gets the rest.
struct Amounts {
  Money bijstand{};
  Money vt_reserved{};
  Money vt_paid{};
  Money garnished{};  // paid on the case's first garnishment
  Money recovered{};  // offset on the case's first recovery
  Money direct{};     // paid by the case's first standing instruction
};

// A consistent outcome for a case as loaded from the store (database ids), with its payments,
// recovery progress and one balanced ledger entry, in the shape ComputeCase gives.
inline payments::CaseOutcome OutcomeFor(const payments::RunCase& c, Month month, Date booking, const Amounts& a) {
  payments::CaseOutcome o;
  o.case_id = c.case_id;
  o.bijstand = a.bijstand;
  o.vt_reserved = a.vt_reserved;
  o.vt_paid = a.vt_paid;
  o.garnished = a.garnished;
  o.recovered = a.recovered;
  o.direct = a.direct;
  o.to_client = a.bijstand - a.vt_reserved + a.vt_paid - a.garnished - a.recovered - a.direct;
  int seq = 0;
  auto e2e = [&] {
    return "NB" + std::to_string(month.year() * 100 + static_cast<int>(month.month_number())) + "C" +
           std::to_string(c.case_id) + "S" + std::to_string(++seq);
  };
  if (a.garnished > Money::Zero()) {
    const payments::Garnishment& g = c.garnishments.at(0);
    o.payments.push_back({payments::PaymentKind::kBeslag, g.creditor, a.garnished, e2e(),
                          "Beslag " + g.reference + " " + month.ToString(), g.id});
  }
  if (a.recovered > Money::Zero()) o.recoveries_applied.emplace_back(c.recoveries.at(0).id, a.recovered);
  if (a.direct > Money::Zero()) {
    const payments::StandingInstruction& i = c.instructions.at(0);
    o.payments.push_back({payments::PaymentKind::kDerde, i.creditor, a.direct, e2e(),
                          "Bijstand " + month.ToString() + " zorgverzekeraar", 0});
  }
  if (o.to_client > Money::Zero()) {
    o.payments.push_back({payments::PaymentKind::kClient, c.applicant, o.to_client, e2e(),
                          "Bijstand " + month.ToString(), 0});
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
    auto e = ledger::MakeEntry(booking, "run:" + month.ToString() + ":case:" + std::to_string(c.case_id),
                               "Bijstand " + month.ToString() + " dossier " + std::to_string(c.case_id),
                               std::move(postings));
    NABIJ_CHECK(e.ok());
    o.entry = std::move(*e);
  }
  return o;
}

inline payments::CaseOutcome FailedOutcome(int64_t case_id, std::string code, std::string message) {
  payments::CaseOutcome o;
  o.case_id = case_id;
  o.ok = false;
  o.error_code = std::move(code);
  o.error_message = std::move(message);
  return o;
}

}  // namespace nabij::store::testing
