// The monthly payment run for one case: what is paid to whom, and its booking.
//
// ComputeCase is pure: from the case's facts, the rules of the month and the balances carried
// over from earlier runs it derives the bijstand (pw), the vakantietoeslag to reserve or pay out
// (Pw art. 19 lid 3, art. 45 lid 1), garnishment within the beslagvrije voet (Rv art. 475dc, via
// bvv), recoveries offset within it too (Pw art. 60 lid 3), direct payments by standing
// instruction (Pw art. 57), the debt fund's instalment withheld from the client's share (within
// the beslagvrije voet, like recoveries) and the payment to the client, split half each for couples
// (Pw art. 45 lid 4), plus one balanced ledger entry. The run (payment_run.h) stores the outcome.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/ids.h"
#include "base/money.h"
#include "bvv/beslagvrije_voet.h"
#include "ledger/ledger.h"
#include "pw/bijstand.h"
#include "pw/history.h"

namespace nabij::payments {

// Who receives a payment. Personal data: never logged.
struct Payee {
  std::string name;
  std::string iban;  // validated with Iban::Parse when the case is registered and when paid
  std::optional<Bsn> bsn = std::nullopt;  // the applicant's or partner's; never a creditor's
};

enum class InstructionKind : uint8_t { kZorgverzekeraar, kVerhuurder, kEnergie, kOverig };
std::string_view InstructionKindName(InstructionKind k);

// A standing instruction to pay part of the benefit to a third party (derdenbetaling).
struct StandingInstruction {
  int64_t id = 0;
  InstructionKind kind = InstructionKind::kOverig;
  Payee creditor;
  Money amount;
  Date valid_from;
  std::optional<Date> valid_until;
};

// A garnishment (derdenbeslag) on the benefit; the municipality is the garnishee.
struct Garnishment {
  int64_t id = 0;
  Payee creditor;
  std::string reference;  // the bailiff's reference, quoted in the remittance
  Money remaining;        // still owed before this run
};

// A recovery claim of the municipality (terugvordering), offset against the benefit.
struct Recovery {
  int64_t id = 0;
  Money remaining;  // still owed before this run
};

// The debt fund's instalment for this month (src/debt): withheld from the client's share with the
// household's consent (its agreement with the fund), and recorded there as a repayment.
struct DebtInstalment {
  int64_t dossier_id = 0;
  Money amount;  // due this month
};

struct RunCase {
  int64_t case_id = 0;
  std::string gemeente;
  pw::HouseholdHistory history;
  Date start;
  std::optional<Date> end;        // the last day with a right to bijstand
  Payee applicant;
  std::optional<Payee> partner;
  bool split_between_partners = true;  // Pw art. 45 lid 4: half each unless asked otherwise
  bool vakantietoeslag_monthly = false;  // VT paid monthly (on request); default: reserved, paid in June
  std::vector<StandingInstruction> instructions;
  std::vector<Garnishment> garnishments;
  std::vector<Recovery> recoveries;
  Money vt_reserved;  // vakantietoeslag reserved in earlier runs and not yet paid
  std::optional<DebtInstalment> debt;
};

enum class PaymentKind : uint8_t { kClient, kDerde, kBeslag };
std::string_view PaymentKindName(PaymentKind k);

struct Payment {
  PaymentKind kind = PaymentKind::kClient;
  Payee creditor;
  Money amount;
  std::string end_to_end_id;  // unique: "NB<yyyymm>C<case>S<seq>"
  std::string remittance;
  int64_t garnishment_id = 0;  // kBeslag only
};

struct CaseOutcome {
  int64_t case_id = 0;
  bool ok = true;
  std::string error_code;     // when !ok: ErrorCodeName
  std::string error_message;  // when !ok: plain words, no personal data
  Money bijstand;             // this month's right, including vakantietoeslag
  Money vt_reserved;          // vakantietoeslag reserved this month
  Money vt_paid;              // reserved vakantietoeslag paid out this month (June, or after the end)
  Money garnished;
  Money recovered;
  Money direct;
  Money to_client;      // the client's share, of which debt_withheld goes to the debt fund
  Money debt_withheld;  // paid on the client's behalf to the debt fund (RunCase::debt)
  int64_t debt_dossier_id = 0;  // when debt_withheld > 0
  std::vector<Payment> payments;
  std::vector<std::pair<int64_t, Money>> recoveries_applied;  // recovery id, amount
  std::optional<ledger::Entry> entry;  // absent when nothing is booked
};

struct MonthRules {
  const pw::Params* pw = nullptr;
  const bvv::Params* bvv = nullptr;
};

// The booking of a new recovery claim (Pw art. 58): the municipality's receivable against the
// revenue it recovers. Reference "terugvordering:<case>:<id>", so it is booked once.
Result<ledger::Entry> RecoveryClaimEntry(int64_t case_id, const Recovery& r, Date booking_date);

// Computes one case for `month`. A case the law or the data cannot place gives an outcome with
// ok == false and the reason (never an exception, never a stop of the run). `booking_date` is the
// run's booking date for the ledger entry.
CaseOutcome ComputeCase(const RunCase& c, Month month, const MonthRules& rules, Date booking_date);

}  // namespace nabij::payments
