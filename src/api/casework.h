// Casework: the case administration's steps that the CLI and the HTTP routes share: take in an
// application (decided straight-through or queued with its reasons), decide a queued application,
// report a month's income (recomputed; a paid month that was paid too much becomes a recovery
// claim), and render a stored decision as its letter.
//
// Each step reads the documents (JSON) a person or system sends, computes with the rules engine,
// checks the legal terms and stores the outcome through cases::CaseStore in one atomic change,
// with an event in the audit trail (ids and amounts, never names or BSNs). A decision keeps its
// engine input, the rules version and the full trace (docs/case-intake.md). Use from one thread
// at a time, like the store it is given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/event_log.h"
#include "cases/application.h"
#include "cases/case_store.h"
#include "cases/decision_letter.h"
#include "cases/stp.h"
#include "pw/household.h"
#include "rules/parameter_set.h"

namespace nabij::api {

// An application document (docs/case-intake.md), parsed.
struct ApplicationInput {
  cases::Application application;
  Date start;
  pw::HouseholdSpec household;
  pw::Regime regime = pw::Regime::kByDate;
  cases::PayeeFacts applicant;
  std::optional<cases::PayeeFacts> partner;
};

// kParseError for text that is not JSON; kInvalidArgument naming the field for everything else
// (unknown keys, dates, an IBAN with a wrong check, a member without birth_date, a household month
// other than the start month).
Result<ApplicationInput> ParseApplicationJson(std::string_view text);

// The facts of a household document as a case's history from `start`: the members from the start,
// the month's income, the vrijlating periods counted back to their first month, the assets.
// kUnimplemented for facts a case cannot keep yet (gifts, premiums, institutions, own home, ...).
Result<pw::HouseholdHistory> HistoryFromHousehold(const pw::HouseholdSpec& spec, Date start);

struct ApplyOutcome {
  int64_t application_id = 0;
  bool automatic = false;
  std::vector<std::string> reasons;            // why it is queued
  cases::Deadlines deadlines;
  Money bijstand;                               // as computed for the start month
  std::optional<Money> voorschot_minimum;       // Pw art. 52 lid 2, once the application is received
  std::optional<cases::DecisionRecord> decision;  // when decided straight-through
};

struct QueueItem {
  cases::ApplicationRecord application;
  cases::Deadlines deadlines;  // as of today
  Money bijstand;              // computed now for the start month
  std::optional<Money> voorschot_minimum;
};

// What a change of facts did: the wijziging for the first month it counts in, and when that month
// was paid already, the correction.
struct ChangeOutcome {
  cases::DecisionRecord decision;  // the wijziging for the month
  bool month_was_paid = false;
  Money paid;       // bijstand granted for the month: by its payment run, as settled by earlier changes
  Money overpaid;   // the recovery claim opened (Pw art. 58)
  Money underpaid;  // still owed to the client (paid out by hand for now, docs/case-intake.md)
  int64_t recovery_id = 0;
  int64_t person_id = 0;  // the person who joined
};

// The letter context of the fictitious demo municipality (code 9999, "Gemeente Demodorp"): the
// sender, a placeholder address and the reference "NABIJ-B<decision>". A real deployment fills its
// own from its configuration and the BRP.
cases::LetterContext DemoLetterContext(std::string recipient, std::string reference, Date letter_date);

class Casework {
 public:
  Casework(const rules::ParameterSet& rules, cases::CaseStore& store, EventLog& events, const Clock& clock)
      : rules_(rules), store_(store), events_(events), clock_(clock) {}

  Result<ApplyOutcome> Apply(std::string_view document, std::string_view actor);
  // The work queue: queued applications with their terms as of today, the fewest days left first.
  Result<std::vector<QueueItem>> Queue();
  // A person decides a queued application: grant (toekenning, opens the case) or refuse
  // (afwijzing; `note` says why and is required). kFailedPrecondition when a grant computes no
  // right, or the application was decided already.
  Result<cases::DecisionRecord> Decide(int64_t application_id, bool grant, std::string_view note,
                                       std::string_view actor);
  // Net income of the applicant (or the partner) for `month`, from one payslip.
  Result<ChangeOutcome> ReportIncome(int64_t case_id, Month month, bool partner, Money work, Money other,
                                     std::string_view actor);
  // A child or a housemate joins the household on member.valid_from (a person without a name in
  // nabij: the household's facts only). The engine takes the household on the first day of a
  // month, so the change counts from the first month that starts on or after that day.
  Result<ChangeOutcome> AddMember(int64_t case_id, pw::MemberFact member, std::string_view actor);
  // A member other than the applicant leaves on `on` (present until the day before).
  Result<ChangeOutcome> RemoveMember(int64_t case_id, int64_t person_id, Date on, std::string_view actor);
  // Ends the right after `last_day` (beëindiging, with the reason in `note`). The payment run pays
  // the reserved vakantietoeslag within three months after (Pw art. 45 lid 1).
  Result<cases::DecisionRecord> EndCase(int64_t case_id, Date last_day, std::string_view note, std::string_view actor);
  // Computes a stored decision again from its inputs; kFailedPrecondition when the rules changed
  // since (a different rules version), kInternal when the same rules give another amount.
  Result<pw::Decision> Reproduce(const cases::DecisionRecord& d, rules::Trace* trace);
  // The decision letter (PDF bytes), computed again from the stored inputs.
  Result<std::string> LetterPdf(int64_t decision_id, const cases::LetterContext& context);

 private:
  Status Record(std::string_view actor, std::string_view kind, int64_t case_id, std::string detail);
  // Computes `month` with the facts as changed (`now`), corrects a paid month, stores the change
  // with its decision and records the event.
  Result<ChangeOutcome> Change(const cases::CaseFacts& facts, const pw::HouseholdHistory& now, Month month,
                               cases::CaseChange change, std::string note, std::string_view event_kind,
                               std::string_view actor);

  const rules::ParameterSet& rules_;
  cases::CaseStore& store_;
  EventLog& events_;
  const Clock& clock_;
};

}  // namespace nabij::api
