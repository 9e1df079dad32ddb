// CaseFiles: reading a client's file from the benefit administration: search and open.
//
// Declared here (next to RunCase, which a file is built around) and implemented by store/*.
// A search finds cases by a fragment of the applicant's name, by the BSN of the applicant or the
// partner, or by case number; opening a case
// gives every fact of its household with their dates (pw::HouseholdHistory), its payees,
// standing instructions, garnishments and recoveries, and its line in every payment run. Both
// return personal data: the caller records each read in the access log (auth/access_log.h).
// Implementations say whether they are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "payments/run_case.h"
#include "payments/run_store.h"

namespace nabij::payments {

struct CaseSummary {
  int64_t id = 0;
  std::string applicant_name;  // personal data
  std::optional<Bsn> applicant_bsn;  // personal data: shown masked only
  Date start;
  std::optional<Date> end;
  int members = 1;  // the applicant and every member fact of the household
};

// The case's line in one payment run.
struct CaseRunLine {
  Month month;
  RunStatus run_status = RunStatus::kPreparing;
  bool ok = true;
  std::string error_code;
  std::string error_message;
  Money bijstand, vt_reserved, vt_paid, garnished, recovered, direct, to_client;
  Money debt_withheld;  // of to_client: withheld for the debt fund
};

struct CaseFile {
  RunCase c;  // balances (garnishments, recoveries, vt_reserved) as after every run so far
  std::vector<CaseRunLine> runs;  // oldest first
};

struct CaseQuery {
  std::string text;  // a name fragment (case-insensitive for ASCII), a BSN or a case number
  int limit = 50;    // 1..500
};

class CaseFiles {
 public:
  virtual ~CaseFiles() = default;
  // When `text` is all digits: the case with that number and, when it passes the elfproef, the
  // cases whose applicant or partner has that BSN; else the cases whose applicant's name contains
  // `text`. By number, at most `limit`.
  // kInvalidArgument for an empty text or a limit outside 1..500.
  virtual Result<std::vector<CaseSummary>> SearchCases(const CaseQuery& query) = 0;
  // The file of case `id`, or nullopt when there is no such case.
  virtual Result<std::optional<CaseFile>> LoadCaseFile(int64_t id) = 0;
};

}  // namespace nabij::payments
