// CaseStore: the storage the case administration needs (applications, decisions, monthly
// changes), declared here and implemented by store/*.
//
// Promises an implementation keeps: a decision is never changed or removed once stored (a change
// is a new decision); an application is decided once; DecideApplication, SaveChange and EndCase are
// atomic (the case, the decision, the income, the recovery claim and its booking: all or nothing).
// Names and IBANs are personal data: an implementation never puts them in an error message.
// Use from one thread at a time, like the database behind it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/ids.h"
#include "base/money.h"
#include "base/status.h"
#include "cases/application.h"
#include "cases/decision_letter.h"
#include "pw/history.h"

namespace nabij::cases {

enum class ApplicationStatus : uint8_t { kQueued, kDecided };
std::string_view ApplicationStatusName(ApplicationStatus s);  // "queued", "decided"

struct ApplicationRecord {
  int64_t id = 0;
  std::string gemeente;
  Application application;  // melding, received, suspensions, extension; `decided` once decided
  Date start;               // the first day bijstand is asked for
  std::string document;     // the application as received (JSON): the inputs, kept as they came
  ApplicationStatus status = ApplicationStatus::kQueued;
  std::vector<std::string> reasons;  // why a person must look (empty when decided automatically)
  std::string created_at;            // ISO UTC
  std::string decided_at;            // ISO UTC, empty while queued
  int64_t case_id = 0;               // the case opened by a grant, 0 otherwise
  std::optional<int> handling_days;  // from complete application to decision
};

struct DecisionRecord {
  int64_t id = 0;
  int64_t case_id = 0;         // 0 for a refusal of an application (no case was opened)
  int64_t application_id = 0;  // 0 for a change on an existing case
  DecisionKind kind = DecisionKind::kToekenning;
  Date effective_from;
  Month month;                 // the month computed
  Money bijstand;              // the right for that month, including vakantietoeslag
  bool automatic = false;      // decided without a person (straight-through processing)
  std::string decided_by;      // user name, or "nabij" when automatic
  std::string decided_at;      // ISO UTC
  std::string rules_version;   // content hash of rules/ the decision was computed with
  std::string inputs;          // the engine input (JSON), enough to compute it again
  std::string result;          // the decision with its full trace (JSON)
  std::string note;            // the worker's reason, plain words, no personal data
  // A change to a month that was already paid settles it: what the client received too much (the
  // recovery claim, Pw art. 58) or too little (still owed), against the month as settled before.
  Money overpaid;
  Money underpaid;
};

// A payee of a new case. Personal data: never logged.
struct PayeeFacts {
  std::string name;
  std::string iban;
  std::optional<Bsn> bsn = std::nullopt;  // when known: the person is found by it (search)
};

// The facts a grant registers as a new case.
struct NewCase {
  std::string gemeente;
  Date start;
  pw::HouseholdHistory history;
  PayeeFacts applicant;
  std::optional<PayeeFacts> partner;
};

// A case's facts as known now, for recomputing a month.
struct CaseFacts {
  int64_t case_id = 0;
  std::string gemeente;
  Date start;
  std::optional<Date> end;
  pw::HouseholdHistory history;  // with the database's person ids
  std::optional<int64_t> partner_id;
};

// A change of a case's facts, and the decision it gives: a month's income (one payslip), a member
// who joins the household or leaves it.
struct CaseChange {
  int64_t case_id = 0;
  std::optional<pw::IncomeFact> income;  // person_id: the applicant or the partner (database id)
  std::optional<pw::MemberFact> joins;   // a new person (person_id ignored): child or housemate
  int64_t leaves_person_id = 0;          // a member (not the applicant) who leaves ...
  Date leaves_on;                        // ... on this day: present until the day before
  DecisionRecord decision;  // the wijziging for the first month the change counts in
  Money overpaid;           // > 0 when that month was paid: a recovery claim (Pw art. 58) is opened
  Date booking_date;        // of the recovery claim's ledger entry
};

struct CaseChangeIds {
  int64_t decision_id = 0;
  int64_t recovery_id = 0;  // 0 when nothing was overpaid
  int64_t person_id = 0;    // the person who joined
};

// The caseload of one month: cases with a right on at least one day of it, of which started
// (inflow) and ended (outflow) in it.
struct CaseloadMonth {
  Month month;
  int64_t active = 0;
  int64_t inflow = 0;
  int64_t outflow = 0;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Stores a new application (status queued, or decided by the caller's DecideApplication next);
  // returns its id. kInvalidArgument for dates the schema refuses.
  virtual Result<int64_t> AddApplication(const ApplicationRecord& a) = 0;
  // kNotFound for an unknown id.
  virtual Result<ApplicationRecord> GetApplication(int64_t id) = 0;
  // The applications waiting for a person, oldest first.
  virtual Result<std::vector<ApplicationRecord>> QueuedApplications() = 0;
  // Atomically: registers `grant` as a case when given, stores the decision (its case_id set to
  // the new case) and marks the application decided with its handling time. Returns the stored
  // decision. kFailedPrecondition when the application is already decided.
  virtual Result<DecisionRecord> DecideApplication(int64_t application_id, const std::optional<NewCase>& grant,
                                                   const DecisionRecord& d, std::optional<int> handling_days) = 0;
  virtual Result<DecisionRecord> GetDecision(int64_t id) = 0;
  // The decisions of a case, oldest first.
  virtual Result<std::vector<DecisionRecord>> Decisions(int64_t case_id) = 0;
  virtual Result<CaseFacts> LoadFacts(int64_t case_id) = 0;
  // The bijstand granted for `month` by a payment run, when the month has been paid.
  virtual Result<std::optional<Money>> PaidBijstand(int64_t case_id, Month month) = 0;
  // What earlier changes settled for `month`: the sum of their overpaid minus their underpaid.
  virtual Result<Money> SettledForMonth(int64_t case_id, Month month) = 0;
  // Atomically: the changed facts, the decision and, when overpaid, the recovery claim with its
  // ledger entry. kNotFound for a leaving person who is not a present member of the case.
  virtual Result<CaseChangeIds> SaveChange(const CaseChange& c) = 0;
  // Atomically: the last day of the right and the beëindiging. kFailedPrecondition when the case
  // has ended already; kInvalidArgument when `last_day` is before its start.
  virtual Result<int64_t> EndCase(int64_t case_id, Date last_day, const DecisionRecord& d) = 0;
  // The caseload of every month from `from` to `to` (inclusive, at most 600 months), oldest first.
  virtual Result<std::vector<CaseloadMonth>> Caseload(Month from, Month to) = 0;
};

}  // namespace nabij::cases
