// Service: the handlers of nabijd's JSON API (api/openapi.yaml), each behind auth::RequestGuard.
//
// AddRoutes registers every route of the route table in service.cc (one line per route: method,
// path template, handler) on a Router; each call first passes the guard (session, CSRF, role from
// the permission table), and after a successful answer of a route marked personal_data every case
// it showed is written to the access log before the answer leaves (a read that cannot be logged
// is not answered). Errors are JSON ({"error":{"code","message","field","legal_basis"}}) with the
// HTTP status of HttpStatusFor, the one table from error codes to statuses.
//
// The objects in ServiceDeps are made and owned by main() (app/nabijd_main.cc) and outlive the
// Service. Thread-safety: the Service may be called from any number of threads. It serialises
// its use of `runs` (one SQLite connection) with its own mutex; `case_files`, `events` and the
// auth services must be thread-safe themselves.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>

#include "api/router.h"
#include "auth/access_log.h"
#include "auth/accounts.h"
#include "auth/guard.h"
#include "auth/sessions.h"
#include "base/clock.h"
#include "base/event_log.h"
#include "base/status.h"
#include "cases/case_store.h"
#include "debt/debt_store.h"
#include "payments/case_files.h"
#include "payments/payment_run.h"
#include "payments/run_store.h"
#include "pw/params.h"
#include "rules/parameter_set.h"

namespace nabij::api {

struct ServiceDeps {
  const rules::ParameterSet& rules;
  const Clock& clock;
  auth::RequestGuard& guard;
  auth::SessionService& sessions;
  auth::AccountService& accounts;
  auth::AccessLog& access_log;
  payments::CaseFiles& case_files;  // thread-safe
  payments::RunStore& runs;         // used under the service's own mutex
  cases::CaseStore& cases;          // on the same connection as `runs`: used under the same mutex
  cases::CaseStore& case_reads;     // its own connection, for reads beside a running payment run
  debt::DebtStore& debt;            // the debt fund, on the same connection and mutex
  EventLog& events;                 // thread-safe
  payments::ExportSettings sepa;    // the municipality's account and the XSD folder
};

// The HTTP status for an error code: the API's one table.
int HttpStatusFor(ErrorCode code);
// The JSON error response for `s`.
Response ErrorResponse(const Status& s);

class Service {
 public:
  explicit Service(ServiceDeps deps) : d_(std::move(deps)) {}

  // Adds every route to `router`. kFailedPrecondition when a route has no entry in the permission
  // table (auth::CheckRoutesCovered), kAlreadyExists when the router has one of them already.
  Status AddRoutes(Router& router);

  struct Call;  // one request with its guard result (service.cc)
  using Method = Response (Service::*)(const Call&);

 private:
  Response Guarded(const Request& req, Method method);

  Response Health(const Call& c);
  Response Calculator(const Call& c);
  Response Login(const Call& c);
  Response WhoAmI(const Call& c);
  Response Logout(const Call& c);
  Response ChangePassword(const Call& c);
  Response SearchCases(const Call& c);
  Response GetCase(const Call& c);
  Response ListRuns(const Call& c);
  Response GetRun(const Call& c);
  Response RunReport(const Call& c);
  Response PrepareRun(const Call& c);
  Response ApproveRun(const Call& c);
  Response RunSepa(const Call& c);
  Response ListUsers(const Call& c);
  Response CreateUser(const Call& c);
  Response DisableUser(const Call& c);
  Response ResetPassword(const Call& c);
  Response SearchAccessLog(const Call& c);
  Response ListEvents(const Call& c);
  // The case administration (docs/case-intake.md), through api::Casework.
  Response Apply(const Call& c);
  Response DecideApplication(const Call& c);
  Response WorkQueues(const Call& c);
  Response ReportIncome(const Call& c);
  Response CaseDecisions(const Call& c);
  Response CaseHistory(const Call& c);
  Response CaseLetter(const Call& c);
  Response Caseload(const Call& c);
  // The debt fund (docs/debt-fund.md), through debt::DebtFund.
  Response DebtDossiers(const Call& c);
  Response DebtDossier(const Call& c);
  Response DebtOverview(const Call& c);
  Response DebtLetter(const Call& c);
  Response DebtMilestone(const Call& c);
  Response DebtWithholding(const Call& c);
  Response DebtFigures(const Call& c);

  // The rules of `month` in `gemeente`, snapshotted once and kept (a bounded number of them).
  Result<std::shared_ptr<const pw::Params>> ParamsFor(Month month, const std::string& gemeente);
  Status RecordEvent(const std::string& actor, const std::string& kind, const std::string& detail);
  // The client file `id`; kNotFound (in Dutch) when there is none.
  Result<payments::CaseFile> CaseFileOf(int64_t id);

  ServiceDeps d_;
  std::mutex runs_mu_;
  std::mutex reads_mu_;  // for `case_reads`
  std::shared_mutex params_mu_;
  std::map<std::string, std::shared_ptr<const pw::Params>> params_;  // "2026-06|0363"
};

}  // namespace nabij::api
