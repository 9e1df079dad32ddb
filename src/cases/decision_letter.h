// The decision letter (beschikking) in plain Dutch, language level B1.
//
// Builds a letters::Letter from a decision and its trace: what was decided and from when, the
// amount line by line with the articles, the duties (inlichtingenplicht) and rights, and how and
// until which date to object (Awb art. 6:7, 6:8). The letter is rendered by letters::RenderPdf.
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "letters/letter.h"
#include "pw/bijstand.h"
#include "rules/parameter_set.h"
#include "rules/trace.h"

namespace nabij::cases {

enum class DecisionKind : uint8_t { kToekenning, kAfwijzing, kWijziging, kBeeindiging };
std::string_view DecisionKindName(DecisionKind k);  // "toekenning", ...

struct LetterContext {
  std::string municipality;                 // "Gemeente Demodorp"
  std::vector<std::string> municipality_address;
  std::string recipient_name;               // personal data: printed, never logged
  std::vector<std::string> recipient_address;
  std::string reference;                    // kenmerk
  Date letter_date;                         // the day the decision is sent (bekendmaking)
  std::string signer;                       // name and role, or "automatisch besluit" text
  bool automatic = false;                   // decided without a person (straight-through)
};

// The last day to object: six weeks (awb.bezwaartermijn.weken) from the day after the letter date
// (Awb art. 6:7, 6:8 lid 1). Returns kRuleMissing when the rules have no term on that date.
Result<Date> ObjectionDeadline(const rules::ParameterSet& set, Date letter_date);

// What every letter of the municipality carries, from `ctx`: sender and address, the recipient's
// name and address, date, kenmerk, salutation, signature and footer. Without a recipient name the
// salutation is "Beste heer of mevrouw,".
letters::Letter LetterHeadOf(const LetterContext& ctx);

// What a change to a month that was already paid settled (DecisionRecord::overpaid, underpaid);
// the month is the decision's own (the month of `effective_from`). The letter says what the client
// received, what the right is now, and what is recovered (Pw art. 58, offset within the
// beslagvrije voet, Pw art. 60 lid 3) or still owed, in place of "Wanneer krijgt u het geld?".
struct MonthSettlement {
  Money overpaid;
  Money underpaid;
  bool any() const { return overpaid > Money::Zero() || underpaid > Money::Zero(); }
};

letters::Letter BuildDecisionLetter(DecisionKind kind, Date effective_from, const pw::Decision& d,
                                    const rules::Trace& trace, const LetterContext& ctx, Date objection_until,
                                    const MonthSettlement& settled = {});

}  // namespace nabij::cases
