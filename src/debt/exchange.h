// The exchange with creditors and signal sources: CSV files as defined in docs/debt-exchange.md.
//
// Files the fund reads: claims (vorderingen: a creditor's answer to a balance request, or the
// intake), answers to offers (antwoorden), repayments (aflossingen) and payment-arrears signals
// (signalen). Files it writes:
// balance requests (saldoverzoeken) and offers (aanbiedingen). One dialect for all: UTF-8 (a byte
// order mark is skipped), ';' between fields, RFC 4180 quotes, a header line naming the columns
// (any order, each exactly once, no others), amounts in integer eurocents, dates ISO 8601.
//
// The parsers check every line and return either every row or, when anything is wrong, one
// kInvalidArgument whose message lists each problem, in Dutch as it reaches the worker's screen,
// as "regel L, veld F: reden" (at most
// kMaxListedErrors, then how many more). A message never quotes a value from the file. Parsing
// is all or nothing; the fund then checks the rows against its dossiers, again all or nothing.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "debt/debt_store.h"
#include "debt/dossier.h"

namespace nabij::debt {

inline constexpr size_t kMaxListedErrors = 20;
inline constexpr size_t kMaxNameLength =
    70;  // the SEPA name limit: a creditor is paid by this name
inline constexpr size_t kMaxReferenceLength = 35;  // fits a SEPA end-to-end id and remittance
inline constexpr int64_t kMaxClaimCents = 100'000'000'000;  // EUR 1 billion per amount

struct ClaimRow {
  int line = 0;
  int64_t dossier_id = 0;
  Claim claim;  // seq 0: new unless (creditor, reference) exists in the dossier
};

struct AnswerRow {
  int line = 0;
  int64_t dossier_id = 0;
  int64_t claim_seq = 0;
  int round = 0;
  Answer answer;
};

struct SignalRow {
  int line = 0;
  ArrearsSignal signal;
};

struct RepaymentRow {
  int line = 0;
  int64_t dossier_id = 0;
  Repayment repayment;  // seq 0: numbered when added
};

Result<std::vector<ClaimRow>> ParseClaimsCsv(std::string_view text);
// aflossingen: dossier;maand;datum;bedrag;bron
Result<std::vector<RepaymentRow>> ParseRepaymentsCsv(std::string_view text);
Result<std::vector<AnswerRow>> ParseAnswersCsv(std::string_view text);
Result<std::vector<SignalRow>> ParseSignalsCsv(std::string_view text);

// One line of an outgoing file: a claim of a dossier (and for offers its newest offer).
struct OutgoingClaim {
  int64_t dossier_id = 0;
  const Claim* claim = nullptr;
};
// saldoverzoeken: dossier;vordering;schuldeiser;kenmerk;peildatum
std::string BalanceRequestsCsv(const std::vector<OutgoingClaim>& claims, Date as_of);
// aanbiedingen:
// dossier;vordering;schuldeiser;kenmerk;ronde;vordering_totaal;percentage;aanbod;reageren_voor
// (each claim's newest offer; claims without one are skipped)
std::string OffersCsv(const std::vector<OutgoingClaim>& claims);

// An error of one line, and the Status that lists many (used by the fund's checks as well).
struct LineError {
  int line = 0;
  std::string field;
  std::string reason;
};
Status LineErrorsStatus(const std::vector<LineError>& errors, std::string_view what);

}  // namespace nabij::debt
