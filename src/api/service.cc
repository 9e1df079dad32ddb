#include "api/service.h"

#include <unistd.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "api/calculator.h"
#include "api/casework.h"
#include "api/fund_collection.h"
#include "debt/fund.h"
#include "letters/pdf_renderer.h"
#include "api/household_json.h"
#include "api/http_server.h"
#include "api/json_detail.h"
#include "auth/roles.h"
#include "payments/run_workbook.h"
#include "pw/history.h"
#include "sheets/csv.h"
#include "sheets/xlsx_writer.h"

namespace nabij::api {

using nlohmann::json;
using nlohmann::ordered_json;

struct Service::Call {
  const Request& req;
  const auth::GuardResult& guard;
  const auth::Principal* who;  // null on a public route
};

namespace {

// The route table: adding a route is one line here and one row in src/auth/permissions.cc
// (AddRoutes refuses to start without it) and api/openapi.yaml (tests/api/openapi_test.cc).
struct RouteEntry {
  std::string_view method;
  std::string_view path;
  Service::Method handler;
};

// The JSON of a stored decision (defined with the case administration's handlers below).
ordered_json DecisionJson(const cases::DecisionRecord& d, bool with_result);

constexpr size_t kParamsCacheLimit = 1024;  // months × municipalities kept; more are computed each time
constexpr std::string_view kJson = "application/json";

Response Json(std::string body, int status = 200) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

// A letter as PDF, shown in the browser (inline) under `filename`, counted as a read of `case_id`.
Response PdfLetter(std::string pdf, const std::string& filename, int64_t case_id) {
  Response r;
  r.content_type = "application/pdf";
  r.body = std::move(pdf);
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
  r.case_ids_shown.push_back(case_id);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

// The body as a JSON object whose keys are all in `allowed`.
Result<json> BodyObject(const Request& req, std::initializer_list<std::string_view> allowed) {
  if (req.body.empty()) return InvalidArgument("de inhoud van het verzoek ontbreekt (een JSON-object)", "");
  NABIJ_ASSIGN_OR_RETURN(json doc, ParseJsonText(req.body, "request body"));
  if (!doc.is_object()) return InvalidArgument("de inhoud moet een JSON-object zijn", "");
  for (const auto& [key, value] : doc.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) return InvalidArgument("onbekend veld", key);
  }
  return doc;
}

// A required text field of at most `max_len` bytes.
Result<std::string> TextField(const json& doc, const char* name, size_t max_len = 256) {
  auto it = doc.find(name);
  if (it == doc.end()) return InvalidArgument("dit veld ontbreekt", name);
  if (!it->is_string()) return InvalidArgument("moet tekst zijn", name);
  const std::string& s = it->get_ref<const std::string&>();
  if (s.size() > max_len) return InvalidArgument("is langer dan " + std::to_string(max_len) + " tekens", name);
  return s;
}

// A body of exactly two text fields, {"<a>": "...", "<b>": "..."}, each of a bounded length.
Result<std::pair<std::string, std::string>> TwoTextFields(const Request& req, const char* a, size_t a_max,
                                                          const char* b, size_t b_max) {
  NABIJ_ASSIGN_OR_RETURN(json doc, BodyObject(req, {a, b}));
  NABIJ_ASSIGN_OR_RETURN(std::string first, TextField(doc, a, a_max));
  NABIJ_ASSIGN_OR_RETURN(std::string second, TextField(doc, b, b_max));
  return std::make_pair(std::move(first), std::move(second));
}

bool IsJsonContentType(std::string_view ct) {
  std::string_view base = ct.substr(0, ct.find(';'));
  while (!base.empty() && base.back() == ' ') base.remove_suffix(1);
  if (base.size() != kJson.size()) return false;
  for (size_t i = 0; i < base.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(base[i])) != kJson[i]) return false;
  }
  return true;
}

Result<int64_t> PositiveId(std::string_view text, const char* field) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0) {
    return InvalidArgument("moet een positief geheel getal zijn", field);
  }
  return v;
}

Result<int64_t> QueryNumber(const Request& req, const char* name, int64_t fallback, int64_t lo, int64_t hi) {
  std::string v;
  if (!req.Query(name, &v)) return fallback;
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi) {
    return InvalidArgument("moet een geheel getal van " + std::to_string(lo) + " tot " + std::to_string(hi) + " zijn",
                           name);
  }
  return n;
}

Result<Month> MonthParam(const Request& req) {
  auto m = Month::Parse(req.Param("month"));
  if (!m.ok()) return InvalidArgument("de maand is JJJJ-MM", "month");
  return *m;
}

ordered_json UserJson(const auth::Principal& p, std::string_view csrf) {
  return ordered_json{{"user", p.name},
                      {"role", std::string(auth::RoleId(p.role))},
                      {"role_name", std::string(auth::RoleDisplayName(p.role))},
                      {"must_change_password", p.must_change_password},
                      {"csrf_token", std::string(csrf)}};
}

ordered_json RunJson(const payments::RunRecord& r) {
  return ordered_json{{"month", r.month.ToString()},
                      {"status", std::string(payments::RunStatusName(r.status))},
                      {"prepared_by", r.prepared_by},
                      {"approved_by", r.approved_by.empty() ? json(nullptr) : json(r.approved_by)},
                      {"rules_version", r.rules_version},
                      {"booking_date", r.booking_date.ToString()},
                      {"created_at", r.created_at}};
}

// The amounts of a run's totals or of one case's line in a run (the same eight fields). to_client is
// the client's share; of it, debt_withheld went to the debt fund and the rest to the client.
template <typename T>
void AddRunAmounts(ordered_json& j, const T& t) {
  j["bijstand"] = t.bijstand.cents();
  j["vt_reserved"] = t.vt_reserved.cents();
  j["vt_paid"] = t.vt_paid.cents();
  j["garnished"] = t.garnished.cents();
  j["recovered"] = t.recovered.cents();
  j["direct"] = t.direct.cents();
  j["to_client"] = t.to_client.cents();
  j["debt_withheld"] = t.debt_withheld.cents();
}

ordered_json TotalsJson(const payments::RunTotals& t) {
  ordered_json j{{"cases", t.cases}, {"failed", t.failed}, {"payments", t.payments}};
  AddRunAmounts(j, t);
  return j;
}

std::string_view MemberRoleName(pw::Role r) {
  switch (r) {
    case pw::Role::kApplicant: return "applicant";
    case pw::Role::kPartner: return "partner";
    case pw::Role::kChild: return "child";
    case pw::Role::kHousemate: return "housemate";
  }
  return "?";
}

std::string_view PeriodRuleName(pw::PeriodRule r) {
  switch (r) {
    case pw::PeriodRule::kN: return "n";
    case pw::PeriodRule::kR: return "r";
    case pw::PeriodRule::kZ: return "z";
    case pw::PeriodRule::kPib: return "pib";
  }
  return "?";
}

json OptionalDateJson(const std::optional<Date>& d) { return d ? json(d->ToString()) : json(nullptr); }

// "lopend" while the right runs on `today`, else "beëindigd".
std::string CaseStatus(const std::optional<Date>& end, Date today) {
  return !end || *end >= today ? "lopend" : "beëindigd";
}

std::string CaseNumber(int64_t id) { return std::to_string(id); }

// The report as an .xlsx file's bytes: written through sheets/ to a private temporary file.
Result<std::string> XlsxBytes(const sheets::Workbook& wb) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) return Status(ErrorCode::kIo, "no temporary directory for the workbook");
  std::string templ = (dir / "nabij-report-XXXXXX").string();
  char* made = mkdtemp(templ.data());
  if (made == nullptr) return Status(ErrorCode::kIo, "cannot make a temporary directory for the workbook");
  std::filesystem::path tmp_dir(made);
  std::filesystem::path file = tmp_dir / "report.xlsx";
  Status written = sheets::WriteXlsxFile(wb, file);
  std::string bytes;
  if (written.ok()) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes = std::move(ss).str();
  }
  std::filesystem::remove_all(tmp_dir, ec);
  if (!written.ok()) return written;
  return bytes;
}

}  // namespace

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return 200;
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kParseError: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kRuleMissing: return 422;
    case ErrorCode::kUnimplemented: return 422;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kIo: return 500;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ErrorResponse(const Status& s) {
  Response r;
  r.status = HttpStatusFor(s.code());
  r.body = StatusToJson(s, false);
  return r;
}

Status Service::AddRoutes(Router& router) {
  static constexpr RouteEntry kRouteTable[] = {
      {"GET", "/api/v1/health", &Service::Health},
      {"POST", "/api/v1/calculator", &Service::Calculator},
      {"POST", "/api/v1/session", &Service::Login},
      {"GET", "/api/v1/session", &Service::WhoAmI},
      {"DELETE", "/api/v1/session", &Service::Logout},
      {"PUT", "/api/v1/session/password", &Service::ChangePassword},
      {"GET", "/api/v1/cases", &Service::SearchCases},
      {"GET", "/api/v1/cases/{id}", &Service::GetCase},
      {"GET", "/api/v1/runs", &Service::ListRuns},
      {"GET", "/api/v1/runs/{month}", &Service::GetRun},
      {"GET", "/api/v1/runs/{month}/report", &Service::RunReport},
      {"POST", "/api/v1/runs/{month}/prepare", &Service::PrepareRun},
      {"POST", "/api/v1/runs/{month}/approve", &Service::ApproveRun},
      {"GET", "/api/v1/runs/{month}/sepa", &Service::RunSepa},
      {"GET", "/api/v1/users", &Service::ListUsers},
      {"POST", "/api/v1/users", &Service::CreateUser},
      {"POST", "/api/v1/users/{name}/disable", &Service::DisableUser},
      {"POST", "/api/v1/users/{name}/reset-password", &Service::ResetPassword},
      {"GET", "/api/v1/access-log", &Service::SearchAccessLog},
      {"GET", "/api/v1/events", &Service::ListEvents},
      {"POST", "/api/v1/applications", &Service::Apply},
      {"POST", "/api/v1/applications/{id}/decision", &Service::DecideApplication},
      {"GET", "/api/v1/workqueues", &Service::WorkQueues},
      {"POST", "/api/v1/cases/{id}/incomes", &Service::ReportIncome},
      {"GET", "/api/v1/cases/{id}/decisions", &Service::CaseDecisions},
      {"GET", "/api/v1/cases/{id}/history", &Service::CaseHistory},
      {"GET", "/api/v1/cases/{id}/letters/{letter}", &Service::CaseLetter},
      {"GET", "/api/v1/stats/caseload", &Service::Caseload},
      {"GET", "/api/v1/debt/dossiers", &Service::DebtDossiers},
      {"GET", "/api/v1/debt/dossiers/{id}", &Service::DebtDossier},
      {"GET", "/api/v1/debt/dossiers/{id}/overview", &Service::DebtOverview},
      {"GET", "/api/v1/debt/dossiers/{id}/letter", &Service::DebtLetter},
      {"POST", "/api/v1/debt/dossiers/{id}/milestones", &Service::DebtMilestone},
      {"PUT", "/api/v1/debt/dossiers/{id}/withholding", &Service::DebtWithholding},
      {"GET", "/api/v1/debt/figures", &Service::DebtFigures},
  };
  for (const RouteEntry& e : kRouteTable) {
    Method m = e.handler;
    NABIJ_RETURN_IF_ERROR(router.Add(e.method, e.path, [this, m](const Request& r) { return Guarded(r, m); }));
  }
  std::vector<std::string> ids = router.RouteIds();
  return auth::CheckRoutesCovered(ids);
}

Response Service::Guarded(const Request& req, Method method) {
  auto g = d_.guard.Check({req.route, req.cookie, req.csrf_token});
  if (!g.ok()) return ErrorResponse(g.error());
  const auth::Principal* who = g->principal ? &*g->principal : nullptr;
  Call call{req, *g, who};
  Response res = (this->*method)(call);
  if (who != nullptr && res.user.empty()) res.user = who->name;
  if (res.status >= 200 && res.status < 300 && g->permission->personal_data && who != nullptr) {
    // The screen is the client's word; one that the access log refuses is left out.
    std::string_view screen = req.screen;
    for (int64_t case_id : res.case_ids_shown) {
      Status s = d_.access_log.Record(*who, case_id, req.route, screen);
      if (!s.ok() && s.code() == ErrorCode::kInvalidArgument && !screen.empty()) {
        screen = {};
        s = d_.access_log.Record(*who, case_id, req.route, screen);
      }
      if (!s.ok()) {
        // A read that cannot be logged is not answered.
        return ErrorResponse(Status(ErrorCode::kInternal, "de inzage kon niet worden vastgelegd; probeer het opnieuw"));
      }
    }
  }
  return res;
}

Result<std::shared_ptr<const pw::Params>> Service::ParamsFor(Month month, const std::string& gemeente) {
  std::string key = month.ToString() + "|" + gemeente;
  {
    std::shared_lock<std::shared_mutex> lock(params_mu_);
    auto it = params_.find(key);
    if (it != params_.end()) return it->second;
  }
  NABIJ_ASSIGN_OR_RETURN(pw::Params p, pw::Snapshot(d_.rules, month, gemeente));
  auto shared = std::make_shared<const pw::Params>(std::move(p));
  std::unique_lock<std::shared_mutex> lock(params_mu_);
  if (params_.size() < kParamsCacheLimit) params_.emplace(key, shared);
  return shared;
}

Status Service::RecordEvent(const std::string& actor, const std::string& kind, const std::string& detail) {
  return d_.events.Append(Event{FormatUtc(d_.clock.NowUnixMillis()), actor, kind, 0, detail});
}

// --- Public ----------------------------------------------------------------------------------

Response Service::Health(const Call&) {
  return Json(ordered_json{{"status", "ok"}, {"rules_version", d_.rules.content_hash()}}.dump());
}

Response Service::Calculator(const Call& c) {
  auto req = ParseCalculatorJson(c.req.body);
  if (!req.ok()) return ErrorResponse(req.error());
  auto in = pw::BuildCaseInput(req->household.household);
  if (!in.ok()) return ErrorResponse(in.error().WithFieldPrefix("household"));
  auto params = ParamsFor(in->month, req->household.household.gemeente);
  if (!params.ok()) return ErrorResponse(params.error());
  const pw::Regime regime = req->household.regime;
  rules::Trace trace;
  auto d = pw::Calculate(**params, *in, &trace, pw::Options{regime});
  if (!d.ok()) return ErrorResponse(d.error());
  std::string body = "{\"decision\":";
  body += DecisionToJson(*d, **params, &trace, d_.rules.content_hash(), false);
  body += ",\"parttime\":";
  if (req->parttime) {
    auto series = ParttimeSeries(**params, *in, regime, *req->parttime);
    if (!series.ok()) return ErrorResponse(series.error());
    body += ParttimeSeriesJson(*series);
  } else {
    body += "[]";
  }
  body += '}';
  return Json(std::move(body));
}

// --- Session ---------------------------------------------------------------------------------

Response Service::Login(const Call& c) {
  if (!IsJsonContentType(c.req.content_type)) {
    Response r = Json(ServerErrorJson("unsupported_media_type", "aanmelden kan alleen met Content-Type: application/json"),
                      415);
    return r;
  }
  auto body = TwoTextFields(c.req, "name", 64, "password", 1024);
  if (!body.ok()) return ErrorResponse(body.error());
  const auto& [name, password] = *body;
  auto login = d_.sessions.Login(name, password, c.req.peer);
  if (!login.ok()) {
    Response r = ErrorResponse(login.error());
    r.user = name;  // the login name only, for the request log (docs/accounts.md, "Not done here")
    return r;
  }
  Response r = Json(UserJson(login->principal, login->csrf_token).dump());
  r.headers.emplace_back("Set-Cookie", auth::SessionCookie(login->token, d_.guard.tls()));
  r.user = login->principal.name;
  return r;
}

Response Service::WhoAmI(const Call& c) {
  return Json(UserJson(*c.who, auth::CsrfTokenFor(c.guard.session_token)).dump());
}

Response Service::Logout(const Call& c) {
  Status s = d_.sessions.Logout(c.guard.session_token);
  if (!s.ok()) return ErrorResponse(s);
  Response r = NoContent();
  r.headers.emplace_back("Set-Cookie", auth::ClearedSessionCookie(d_.guard.tls()));
  return r;
}

Response Service::ChangePassword(const Call& c) {
  auto body = TwoTextFields(c.req, "old_password", 1024, "new_password", 1024);
  if (!body.ok()) return ErrorResponse(body.error());
  auto changed = d_.sessions.ChangePassword(d_.accounts, *c.who, body->first, body->second);
  if (!changed.ok()) return ErrorResponse(changed.error());
  Response r = Json(UserJson(changed->principal, changed->csrf_token).dump());
  r.headers.emplace_back("Set-Cookie", auth::SessionCookie(changed->token, d_.guard.tls()));
  return r;
}

// --- Cases -----------------------------------------------------------------------------------

namespace {
// A BSN leaves the server masked ("*****6789"), or null when not known: the worker who must
// check it has the person's own document; search takes the whole number.
ordered_json MaskedBsn(const std::optional<Bsn>& bsn) { return bsn ? ordered_json(bsn->Masked()) : ordered_json(nullptr); }
}  // namespace

Response Service::SearchCases(const Call& c) {
  payments::CaseQuery q;
  if (!c.req.Query("q", &q.text) || q.text.empty()) {
    return ErrorResponse(InvalidArgument("geef een (deel van een) naam, een BSN of een dossiernummer", "q"));
  }
  constexpr size_t kMaxQuery = 100;
  if (q.text.size() > kMaxQuery) return ErrorResponse(InvalidArgument("de zoektekst is te lang", "q"));
  auto limit = QueryNumber(c.req, "limit", 50, 1, 500);
  if (!limit.ok()) return ErrorResponse(limit.error());
  q.limit = static_cast<int>(*limit);
  auto found = d_.case_files.SearchCases(q);
  if (!found.ok()) return ErrorResponse(found.error());
  Date today = d_.clock.Today();
  ordered_json list = ordered_json::array();
  Response r;
  for (const payments::CaseSummary& s : *found) {
    list.push_back({{"id", s.id},
                    {"case_number", CaseNumber(s.id)},
                    {"name", s.applicant_name},
                    {"bsn", MaskedBsn(s.applicant_bsn)},
                    {"status", CaseStatus(s.end, today)},
                    {"members", s.members}});
    r.case_ids_shown.push_back(s.id);
  }
  r.body = ordered_json{{"cases", std::move(list)}}.dump();
  return r;
}

Result<payments::CaseFile> Service::CaseFileOf(int64_t id) {
  NABIJ_ASSIGN_OR_RETURN(std::optional<payments::CaseFile> file, d_.case_files.LoadCaseFile(id));
  if (!file) return Status(ErrorCode::kNotFound, "er is geen dossier met dit nummer", "id");
  return std::move(*file);
}

Response Service::GetCase(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto loaded = CaseFileOf(*id);
  if (!loaded.ok()) return ErrorResponse(loaded.error());
  const payments::CaseFile& f = *loaded;
  const payments::RunCase& rc = f.c;
  const pw::HouseholdHistory& h = rc.history;
  Date today = d_.clock.Today();

  ordered_json members = ordered_json::array();
  for (const pw::MemberFact& m : h.members) {
    members.push_back({{"person_id", m.person_id},
                       {"role", std::string(MemberRoleName(m.role))},
                       {"birth_date", m.birth.ToString()},
                       {"valid_from", m.valid_from.ToString()},
                       {"valid_until", OptionalDateJson(m.valid_until)},
                       {"entitled", m.entitled}});
  }
  ordered_json incomes = ordered_json::array();
  for (const pw::IncomeFact& i : h.incomes) {
    incomes.push_back({{"month", i.month.ToString()},
                       {"person_id", i.person_id},
                       {"work", i.work.cents()},
                       {"other", i.other.cents()}});
  }
  ordered_json periods = ordered_json::array();
  for (const pw::PeriodFact& p : h.periods) {
    periods.push_back({{"person_id", p.person_id}, {"rule", std::string(PeriodRuleName(p.rule))}, {"start", p.start.ToString()}});
  }
  ordered_json assets = ordered_json::array();
  for (const pw::AssetFact& a : h.assets) assets.push_back({{"valid_from", a.valid_from.ToString()}, {"vermogen", a.vermogen.cents()}});
  ordered_json instructions = ordered_json::array();
  for (const payments::StandingInstruction& i : rc.instructions) {
    instructions.push_back({{"kind", std::string(payments::InstructionKindName(i.kind))},
                            {"creditor", i.creditor.name},
                            {"iban", i.creditor.iban},
                            {"amount", i.amount.cents()},
                            {"valid_from", i.valid_from.ToString()},
                            {"valid_until", OptionalDateJson(i.valid_until)}});
  }
  ordered_json garnishments = ordered_json::array();
  for (const payments::Garnishment& g : rc.garnishments) {
    garnishments.push_back({{"creditor", g.creditor.name}, {"reference", g.reference}, {"remaining", g.remaining.cents()}});
  }
  ordered_json recoveries = ordered_json::array();
  for (const payments::Recovery& rv : rc.recoveries) recoveries.push_back({{"id", rv.id}, {"remaining", rv.remaining.cents()}});
  ordered_json runs = ordered_json::array();
  for (const payments::CaseRunLine& l : f.runs) {
    ordered_json line{{"month", l.month.ToString()},
                      {"run_status", std::string(payments::RunStatusName(l.run_status))},
                      {"ok", l.ok}};
    AddRunAmounts(line, l);
    if (!l.ok) line["error"] = {{"code", l.error_code}, {"message", l.error_message}};
    runs.push_back(std::move(line));
  }
  // The benefit as the engine computes it now from the stored facts, with every step: this
  // month while the right runs, else the last month of the right.
  Month month = today.month();
  if (rc.end && *rc.end < today) month = rc.end->month();
  if (rc.start > month.last_day()) month = rc.start.month();
  ordered_json calculation{{"month", month.ToString()}};
  Status calc_status = [&]() -> Status {
    NABIJ_ASSIGN_OR_RETURN(pw::CaseInput in, pw::InputForMonth(h, month));
    NABIJ_ASSIGN_OR_RETURN(auto params, ParamsFor(month, rc.gemeente));
    rules::Trace trace;
    NABIJ_ASSIGN_OR_RETURN(pw::Decision d, pw::Calculate(*params, in, &trace));
    calculation["decision"] = ordered_json::parse(DecisionToJson(d, *params, &trace, d_.rules.content_hash(), false));
    return Status::Ok();
  }();
  if (!calc_status.ok()) calculation["error"] = ordered_json::parse(StatusToJson(calc_status, false))["error"];

  // The stored decisions, newest last, each with its trace; each has its letter (PDF).
  ordered_json decisions = ordered_json::array();
  ordered_json letters = ordered_json::array();
  {
    // Not on the run's connection: a payment run being prepared must not hold up opening a file.
    std::lock_guard<std::mutex> lock(reads_mu_);
    auto stored = d_.case_reads.Decisions(*id);
    if (!stored.ok()) return ErrorResponse(stored.error());
    for (const cases::DecisionRecord& d : *stored) {
      decisions.push_back(DecisionJson(d, true));
      letters.push_back({{"id", d.id},
                         {"kind", std::string(cases::DecisionKindName(d.kind))},
                         {"date", d.decided_at},
                         {"href", "/api/v1/cases/" + std::to_string(*id) + "/letters/" + std::to_string(d.id)}});
    }
  }
  ordered_json file{
      {"id", *id},
      {"case_number", CaseNumber(*id)},
      {"gemeente", rc.gemeente},
      {"status", CaseStatus(rc.end, today)},
      {"start", rc.start.ToString()},
      {"end", OptionalDateJson(rc.end)},
      {"applicant",
       {{"person_id", h.applicant_id}, {"name", rc.applicant.name}, {"birth_date", h.applicant_birth.ToString()},
        {"iban", rc.applicant.iban}, {"bsn", MaskedBsn(rc.applicant.bsn)},
        {"medisch_urenbeperkt", h.medisch_urenbeperkt}}},
      {"partner", rc.partner ? ordered_json{{"name", rc.partner->name}, {"iban", rc.partner->iban},
                                            {"bsn", MaskedBsn(rc.partner->bsn)}}
                             : ordered_json(nullptr)},
      {"split_between_partners", rc.split_between_partners},
      {"vakantietoeslag_monthly", rc.vakantietoeslag_monthly},
      {"vt_reserved", rc.vt_reserved.cents()},
      {"members", std::move(members)},
      {"incomes", std::move(incomes)},
      {"periods", std::move(periods)},
      {"assets", std::move(assets)},
      {"instructions", std::move(instructions)},
      {"garnishments", std::move(garnishments)},
      {"recoveries", std::move(recoveries)},
      {"runs", std::move(runs)},
      {"calculation", std::move(calculation)},
      {"decisions", std::move(decisions)},
      {"letters", std::move(letters)},
  };
  Response r = Json(file.dump());
  r.case_ids_shown.push_back(*id);
  return r;
}

// --- Payment runs ----------------------------------------------------------------------------

Response Service::ListRuns(const Call&) {
  std::lock_guard<std::mutex> lock(runs_mu_);
  auto runs = d_.runs.ListRuns();
  if (!runs.ok()) return ErrorResponse(runs.error());
  ordered_json list = ordered_json::array();
  for (const payments::RunRecord& r : *runs) list.push_back(RunJson(r));
  return Json(ordered_json{{"runs", std::move(list)}}.dump());
}

Response Service::GetRun(const Call& c) {
  auto month = MonthParam(c.req);
  if (!month.ok()) return ErrorResponse(month.error());
  std::lock_guard<std::mutex> lock(runs_mu_);
  auto run = d_.runs.FindRun(*month);
  if (!run.ok()) return ErrorResponse(run.error());
  if (!*run) return ErrorResponse(Status(ErrorCode::kNotFound, "er is geen betaalrun voor " + month->ToString(), "month"));
  auto totals = d_.runs.Totals((*run)->id);
  if (!totals.ok()) return ErrorResponse(totals.error());
  auto failed = d_.runs.FailedLines((*run)->id);
  if (!failed.ok()) return ErrorResponse(failed.error());
  ordered_json f = ordered_json::array();
  for (const payments::FailedLine& l : *failed) {
    f.push_back({{"case_id", l.case_id}, {"code", l.error_code}, {"message", l.error_message}});
  }
  return Json(ordered_json{{"run", RunJson(**run)}, {"totals", TotalsJson(*totals)}, {"failed", std::move(f)}}.dump());
}

Response Service::RunReport(const Call& c) {
  auto month = MonthParam(c.req);
  if (!month.ok()) return ErrorResponse(month.error());
  std::string format = "json";
  c.req.Query("format", &format);
  if (format != "json" && format != "csv" && format != "xlsx") {
    return ErrorResponse(InvalidArgument("het formaat is json, csv of xlsx", "format"));
  }
  if (format == "json") return GetRun(c);
  std::lock_guard<std::mutex> lock(runs_mu_);
  auto run = d_.runs.FindRun(*month);
  if (!run.ok()) return ErrorResponse(run.error());
  if (!*run) return ErrorResponse(Status(ErrorCode::kNotFound, "er is geen betaalrun voor " + month->ToString(), "month"));
  auto totals = d_.runs.Totals((*run)->id);
  if (!totals.ok()) return ErrorResponse(totals.error());
  auto wb = payments::RunWorkbook(d_.runs, **run, *totals);
  if (!wb.ok()) return ErrorResponse(wb.error());
  Response r;
  std::string name = "betaalrun-" + month->ToString();
  if (format == "csv") {
    auto csv = sheets::ToCsv(wb->sheets[payments::kPaymentsSheet]);
    if (!csv.ok()) return ErrorResponse(csv.error());
    r.body = std::move(*csv);
    r.content_type = "text/csv; charset=utf-8";
    name += ".csv";
  } else {
    auto bytes = XlsxBytes(*wb);
    if (!bytes.ok()) return ErrorResponse(bytes.error());
    r.body = std::move(*bytes);
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    name += ".xlsx";
  }
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

Response Service::PrepareRun(const Call& c) {
  auto month = MonthParam(c.req);
  if (!month.ok()) return ErrorResponse(month.error());
  std::lock_guard<std::mutex> lock(runs_mu_);
  debt::DebtFund fund(d_.debt, d_.rules, d_.clock);
  FundCollection collection(fund);  // the fund's instalments withheld in the same transactions
  payments::PaymentRun run(d_.runs, d_.rules, d_.clock, &collection);
  auto r = run.Prepare(*month, c.who->name);
  if (!r.ok()) return ErrorResponse(r.error());
  Status logged = RecordEvent(c.who->name, "run.prepared",
                              "betaalrun " + month->ToString() + ": " + std::to_string(r->totals.cases) + " dossiers, " +
                                  std::to_string(r->totals.failed) + " met een fout, " +
                                  std::to_string(r->computed_now) + " nu berekend");
  if (!logged.ok()) return ErrorResponse(logged);
  return Json(ordered_json{{"run", RunJson(r->run)}, {"totals", TotalsJson(r->totals)}, {"computed_now", r->computed_now}}
                  .dump());
}

Response Service::ApproveRun(const Call& c) {
  auto month = MonthParam(c.req);
  if (!month.ok()) return ErrorResponse(month.error());
  std::lock_guard<std::mutex> lock(runs_mu_);
  payments::PaymentRun run(d_.runs, d_.rules, d_.clock);
  Status s = run.Approve(*month, c.who->name);
  if (!s.ok()) return ErrorResponse(s);
  Status logged = RecordEvent(c.who->name, "run.approved", "betaalrun " + month->ToString());
  if (!logged.ok()) return ErrorResponse(logged);
  auto found = d_.runs.FindRun(*month);
  if (!found.ok() || !*found) return ErrorResponse(found.ok() ? Status(ErrorCode::kInternal, "run vanished") : found.error());
  return Json(ordered_json{{"run", RunJson(**found)}}.dump());
}

Response Service::RunSepa(const Call& c) {
  auto month = MonthParam(c.req);
  if (!month.ok()) return ErrorResponse(month.error());
  std::lock_guard<std::mutex> lock(runs_mu_);
  payments::PaymentRun run(d_.runs, d_.rules, d_.clock);
  auto xml = run.Export(*month, d_.sepa);
  if (!xml.ok()) return ErrorResponse(xml.error());
  Status logged = RecordEvent(c.who->name, "run.exported", "betaalrun " + month->ToString() + ": SEPA " +
                                                               std::string(d_.sepa.version == sepa::Version::kPain001_001_03
                                                                               ? "pain.001.001.03"
                                                                               : "pain.001.001.09"));
  if (!logged.ok()) return ErrorResponse(logged);
  Response r;
  r.content_type = "application/xml";
  r.body = std::move(*xml);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"sepa-" + month->ToString() + ".xml\"");
  return r;
}

// --- Users, access log, events ---------------------------------------------------------------

Response Service::ListUsers(const Call&) {
  auto users = d_.accounts.List();
  if (!users.ok()) return ErrorResponse(users.error());
  ordered_json list = ordered_json::array();
  for (const auth::UserRecord& u : *users) {
    list.push_back({{"name", u.name},
                    {"role", std::string(auth::RoleId(u.role))},
                    {"role_name", std::string(auth::RoleDisplayName(u.role))},
                    {"disabled", u.disabled},
                    {"must_change_password", u.must_change_password}});
  }
  return Json(ordered_json{{"users", std::move(list)}}.dump());
}

Response Service::CreateUser(const Call& c) {
  auto body = TwoTextFields(c.req, "name", 64, "role", 64);
  if (!body.ok()) return ErrorResponse(body.error());
  auto role = auth::ParseRole(body->second);
  if (!role) return ErrorResponse(InvalidArgument("onbekende rol", "role"));
  auto made = d_.accounts.CreateUser(c.who->name, body->first, *role);
  if (!made.ok()) return ErrorResponse(made.error());
  return Json(ordered_json{{"user", made->user.name},
                           {"role", std::string(auth::RoleId(made->user.role))},
                           {"one_time_password", made->one_time_password}}
                  .dump(),
              201);
}

Response Service::DisableUser(const Call& c) {
  std::string name(c.req.Param("name"));
  Status s = d_.accounts.SetDisabled(c.who->name, name, true);
  if (!s.ok()) return ErrorResponse(s);
  return Json(ordered_json{{"user", name}, {"disabled", true}}.dump());
}

Response Service::ResetPassword(const Call& c) {
  std::string name(c.req.Param("name"));
  auto password = d_.accounts.ResetPassword(c.who->name, name);
  if (!password.ok()) return ErrorResponse(password.error());
  return Json(ordered_json{{"user", name}, {"one_time_password", *password}}.dump());
}

Response Service::SearchAccessLog(const Call& c) {
  constexpr int64_t kMillisPerDay = 24 * 60 * 60 * 1000;
  auth::AccessQuery q;
  c.req.Query("user", &q.user);
  auto case_id = QueryNumber(c.req, "case", 0, 0, INT64_MAX);
  if (!case_id.ok()) return ErrorResponse(case_id.error());
  q.case_id = *case_id;
  auto limit = QueryNumber(c.req, "limit", 1000, 1, 10'000);
  if (!limit.ok()) return ErrorResponse(limit.error());
  q.limit = static_cast<int>(*limit);
  for (const char* key : {"from", "until"}) {
    std::string v;
    if (!c.req.Query(key, &v)) continue;
    auto d = Date::Parse(v);
    if (!d.ok()) return ErrorResponse(InvalidArgument("een datum is JJJJ-MM-DD", key));
    int64_t ms = int64_t{d->days_since_epoch()} * kMillisPerDay;
    if (std::string_view(key) == "from") {
      q.from_ms = ms;
    } else {
      q.until_ms = ms + kMillisPerDay;  // inclusive: to the end of that day
    }
  }
  auto records = d_.access_log.Search(*c.who, q);
  if (!records.ok()) return ErrorResponse(records.error());
  ordered_json list = ordered_json::array();
  for (const auth::AccessRecord& r : *records) {
    list.push_back({{"at", FormatUtc(r.at_ms)},
                    {"user", r.user},
                    {"role", std::string(auth::RoleId(r.role))},
                    {"case_id", r.case_id},
                    {"route", r.route},
                    {"screen", r.screen}});
  }
  return Json(ordered_json{{"entries", std::move(list)}}.dump());
}

Response Service::ListEvents(const Call& c) {
  auto case_id = QueryNumber(c.req, "case", 0, 0, INT64_MAX);
  if (!case_id.ok()) return ErrorResponse(case_id.error());
  auto limit = QueryNumber(c.req, "limit", 1000, 1, 10'000);
  if (!limit.ok()) return ErrorResponse(limit.error());
  auto events = d_.events.List(*case_id, static_cast<int>(*limit));
  if (!events.ok()) return ErrorResponse(events.error());
  ordered_json list = ordered_json::array();
  for (const Event& e : *events) {
    list.push_back({{"at", e.at}, {"actor", e.actor}, {"kind", e.kind}, {"case_id", e.case_id}, {"detail", e.detail}});
  }
  return Json(ordered_json{{"events", std::move(list)}}.dump());
}

// --- Case administration ---------------------------------------------------------------------

namespace {

ordered_json DeadlinesJson(const cases::Deadlines& d) {
  return ordered_json{{"earliest_application", d.earliest_application.ToString()},
                      {"voorschot_due", OptionalDateJson(d.voorschot_due)},
                      {"decision_due", OptionalDateJson(d.decision_due)},
                      {"days_left", d.days_left ? json(*d.days_left) : json(nullptr)},
                      {"suspended_days", d.suspended_days},
                      {"suspended_now", d.suspended_now},
                      {"handling_days", d.handling_days ? json(*d.handling_days) : json(nullptr)}};
}

ordered_json DecisionJson(const cases::DecisionRecord& d, bool with_result) {
  ordered_json j{{"id", d.id},
                 {"case_id", d.case_id == 0 ? json(nullptr) : json(d.case_id)},
                 {"application_id", d.application_id == 0 ? json(nullptr) : json(d.application_id)},
                 {"kind", std::string(cases::DecisionKindName(d.kind))},
                 {"effective_from", d.effective_from.ToString()},
                 {"month", d.month.ToString()},
                 {"bijstand", d.bijstand.cents()},
                 {"automatic", d.automatic},
                 {"decided_by", d.decided_by},
                 {"decided_at", d.decided_at},
                 {"rules_version", d.rules_version},
                 {"note", d.note},
                 {"overpaid", d.overpaid.cents()},
                 {"underpaid", d.underpaid.cents()}};
  if (with_result) {
    // Stored by nabij and checked by the database (json_valid): parsing cannot fail but is guarded.
    j["result"] = ordered_json::parse(d.result, nullptr, /*allow_exceptions=*/false);
  }
  return j;
}

ordered_json ChangeJson(const ChangeOutcome& o) {
  return ordered_json{{"decision", DecisionJson(o.decision, true)},
                      {"month_was_paid", o.month_was_paid},
                      {"paid", o.paid.cents()},
                      {"overpaid", o.overpaid.cents()},
                      {"underpaid", o.underpaid.cents()},
                      {"recovery_id", o.recovery_id == 0 ? json(nullptr) : json(o.recovery_id)}};
}

Result<bool> BoolField(const json& doc, const char* name, bool fallback) {
  auto it = doc.find(name);
  if (it == doc.end()) return fallback;
  if (!it->is_boolean()) return InvalidArgument("moet true of false zijn", name);
  return it->get<bool>();
}

Result<int64_t> CentsField(const json& doc, const char* name, bool required) {
  constexpr int64_t kMaxMonthlyCents = 100'000'000;
  auto it = doc.find(name);
  if (it == doc.end()) {
    if (required) return InvalidArgument("dit veld ontbreekt (bedrag in centen)", name);
    return int64_t{0};
  }
  if (!it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() > kMaxMonthlyCents) {
    return InvalidArgument("moet een bedrag in hele centen zijn, van 0 tot 100000000", name);
  }
  return it->get<int64_t>();
}

constexpr int kVoorschotSoonDays = 7;  // the work queue shows voorschotten due within a week
constexpr size_t kQueueRunExceptions = 200;

}  // namespace

Response Service::Apply(const Call& c) {
  std::lock_guard<std::mutex> lock(runs_mu_);
  Casework work(d_.rules, d_.cases, d_.events, d_.clock);
  auto o = work.Apply(c.req.body, c.who->name);
  if (!o.ok()) return ErrorResponse(o.error());
  ordered_json body{{"application_id", o->application_id},
                    {"automatic", o->automatic},
                    {"reasons", o->reasons},
                    {"deadlines", DeadlinesJson(o->deadlines)},
                    {"bijstand", o->bijstand.cents()},
                    {"voorschot_minimum", o->voorschot_minimum ? json(o->voorschot_minimum->cents()) : json(nullptr)},
                    {"decision", o->decision ? json(DecisionJson(*o->decision, false)) : json(nullptr)}};
  return Json(body.dump(), 201);
}

Response Service::DecideApplication(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto doc = BodyObject(c.req, {"grant", "note"});
  if (!doc.ok()) return ErrorResponse(doc.error());
  auto it = doc->find("grant");
  if (it == doc->end() || !it->is_boolean()) {
    return ErrorResponse(InvalidArgument("true (toekennen) of false (afwijzen)", "grant"));
  }
  std::string note;
  if (doc->contains("note")) {
    auto n = TextField(*doc, "note", 1000);
    if (!n.ok()) return ErrorResponse(n.error());
    note = *n;
  }
  std::lock_guard<std::mutex> lock(runs_mu_);
  Casework work(d_.rules, d_.cases, d_.events, d_.clock);
  auto d = work.Decide(*id, it->get<bool>(), note, c.who->name);
  if (!d.ok()) return ErrorResponse(d.error());
  return Json(DecisionJson(*d, true).dump(), 201);
}

Response Service::WorkQueues(const Call&) {
  std::lock_guard<std::mutex> lock(runs_mu_);
  Casework work(d_.rules, d_.cases, d_.events, d_.clock);
  auto queue = work.Queue();
  if (!queue.ok()) return ErrorResponse(queue.error());
  const Date today = d_.clock.Today();
  ordered_json applications = ordered_json::array();
  ordered_json voorschotten = ordered_json::array();
  for (const QueueItem& q : *queue) {
    const cases::ApplicationRecord& a = q.application;
    ordered_json item{{"id", a.id},
                      {"gemeente", a.gemeente},
                      {"melding", a.application.melding.ToString()},
                      {"received", OptionalDateJson(a.application.received)},
                      {"start_date", a.start.ToString()},
                      {"bijstand", q.bijstand.cents()},
                      {"voorschot_minimum", q.voorschot_minimum ? json(q.voorschot_minimum->cents()) : json(nullptr)},
                      {"deadlines", DeadlinesJson(q.deadlines)},
                      {"reasons", a.reasons}};
    if (q.deadlines.voorschot_due && q.deadlines.voorschot_due->AddDays(-kVoorschotSoonDays) <= today) {
      voorschotten.push_back(item);
    }
    applications.push_back(std::move(item));
  }
  // Run exceptions: the failed cases of the newest run.
  ordered_json exceptions = ordered_json::array();
  std::string run_month;
  auto runs = d_.runs.ListRuns();
  if (!runs.ok()) return ErrorResponse(runs.error());
  if (!runs->empty()) {
    const payments::RunRecord& newest = runs->front();
    run_month = newest.month.ToString();
    auto failed = d_.runs.FailedLines(newest.id);
    if (!failed.ok()) return ErrorResponse(failed.error());
    for (const payments::FailedLine& f : *failed) {
      if (exceptions.size() >= kQueueRunExceptions) break;
      exceptions.push_back({{"case_id", f.case_id}, {"code", f.error_code}, {"message", f.error_message}});
    }
  }
  return Json(ordered_json{{"applications", std::move(applications)},
                           {"voorschotten", std::move(voorschotten)},
                           {"run_exceptions", {{"month", run_month.empty() ? json(nullptr) : json(run_month)},
                                               {"cases", std::move(exceptions)}}}}
                  .dump());
}

Response Service::ReportIncome(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto doc = BodyObject(c.req, {"month", "net_work_income", "other_income", "partner"});
  if (!doc.ok()) return ErrorResponse(doc.error());
  auto month_text = TextField(*doc, "month", 7);
  if (!month_text.ok()) return ErrorResponse(month_text.error());
  auto month = Month::Parse(*month_text);
  if (!month.ok()) return ErrorResponse(InvalidArgument("de maand is JJJJ-MM", "month"));
  auto work_income = CentsField(*doc, "net_work_income", true);
  if (!work_income.ok()) return ErrorResponse(work_income.error());
  auto other = CentsField(*doc, "other_income", false);
  if (!other.ok()) return ErrorResponse(other.error());
  auto partner = BoolField(*doc, "partner", false);
  if (!partner.ok()) return ErrorResponse(partner.error());
  std::lock_guard<std::mutex> lock(runs_mu_);
  Casework work(d_.rules, d_.cases, d_.events, d_.clock);
  auto o = work.ReportIncome(*id, *month, *partner, Money::Cents(*work_income), Money::Cents(*other), c.who->name);
  if (!o.ok()) return ErrorResponse(o.error());
  return Json(ChangeJson(*o).dump(), 201);
}

Response Service::CaseDecisions(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  std::lock_guard<std::mutex> lock(runs_mu_);
  auto facts = d_.cases.LoadFacts(*id);  // kNotFound for an unknown case
  if (!facts.ok()) return ErrorResponse(facts.error());
  auto list = d_.cases.Decisions(*id);
  if (!list.ok()) return ErrorResponse(list.error());
  ordered_json out = ordered_json::array();
  for (const cases::DecisionRecord& d : *list) out.push_back(DecisionJson(d, true));
  Response r = Json(ordered_json{{"case_id", *id}, {"decisions", std::move(out)}}.dump());
  r.case_ids_shown.push_back(*id);
  return r;
}

Response Service::CaseHistory(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto exists = CaseFileOf(*id);
  if (!exists.ok()) return ErrorResponse(exists.error());
  constexpr int kMaxEvents = 1000;
  auto events = d_.events.List(*id, kMaxEvents);
  if (!events.ok()) return ErrorResponse(events.error());
  ordered_json list = ordered_json::array();
  for (const Event& e : *events) {
    list.push_back({{"at", e.at}, {"actor", e.actor}, {"kind", e.kind}, {"detail", e.detail}});
  }
  Response r = Json(ordered_json{{"case_id", *id}, {"events", std::move(list)}}.dump());
  r.case_ids_shown.push_back(*id);
  return r;
}

Response Service::CaseLetter(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto letter = PositiveId(c.req.Param("letter"), "letter");
  if (!letter.ok()) return ErrorResponse(letter.error());
  std::lock_guard<std::mutex> lock(runs_mu_);
  auto d = d_.cases.GetDecision(*letter);
  if (!d.ok()) return ErrorResponse(d.error());
  if (d->case_id != *id) {
    return ErrorResponse(Status(ErrorCode::kNotFound, "dit dossier heeft geen besluit met dit nummer", "letter"));
  }
  auto file = CaseFileOf(*id);
  if (!file.ok()) return ErrorResponse(file.error());
  cases::LetterContext ctx =
      DemoLetterContext(file->c.applicant.name, "NABIJ-B" + std::to_string(*letter), d_.clock.Today());
  Casework work(d_.rules, d_.cases, d_.events, d_.clock);
  auto pdf = work.LetterPdf(*letter, ctx);
  if (!pdf.ok()) return ErrorResponse(pdf.error());
  return PdfLetter(std::move(*pdf), "besluit-" + std::to_string(*letter) + ".pdf", *id);
}

Response Service::Caseload(const Call& c) {
  const Month now = d_.clock.Today().month();
  Month range[2] = {now.Add(-23), now};
  const char* names[2] = {"from", "to"};
  for (int i = 0; i < 2; ++i) {
    std::string text;
    if (!c.req.Query(names[i], &text)) continue;
    auto m = Month::Parse(text);
    if (!m.ok()) return ErrorResponse(InvalidArgument("de maand is JJJJ-MM", names[i]));
    range[i] = *m;
  }
  std::lock_guard<std::mutex> lock(runs_mu_);
  auto rows = d_.cases.Caseload(range[0], range[1]);
  if (!rows.ok()) return ErrorResponse(rows.error());
  ordered_json months = ordered_json::array();
  for (const cases::CaseloadMonth& m : *rows) {
    months.push_back({{"month", m.month.ToString()}, {"active", m.active}, {"inflow", m.inflow}, {"outflow", m.outflow}});
  }
  return Json(ordered_json{{"months", std::move(months)}}.dump());
}

// --- Debt fund -------------------------------------------------------------------------------

namespace {

ordered_json ClaimJson(const debt::Claim& c) {
  ordered_json offers = ordered_json::array();
  for (const debt::Offer& o : c.offers) {
    ordered_json offer{{"round", o.round},
                       {"percentage", o.percentage.ToPercentString()},
                       {"amount", o.amount.cents()},
                       {"sent", o.sent.ToString()},
                       {"answer_due", o.answer_due.ToString()},
                       {"answer", nullptr}};
    if (o.answer) {
      offer["answer"] = {{"kind", std::string(debt::AnswerKindName(o.answer->kind))},
                         {"date", o.answer->date.ToString()},
                         {"counter_amount", o.answer->counter_amount.cents()}};
    }
    offers.push_back(std::move(offer));
  }
  return ordered_json{{"seq", c.seq},
                      {"creditor", c.creditor},
                      {"creditor_reference", c.creditor_reference},
                      {"sector", std::string(debt::SectorName(c.sector))},
                      {"principal", c.principal.cents()},
                      {"interest", c.interest.cents()},
                      {"collection_costs", c.collection_costs.cents()},
                      {"total", c.total().cents()},
                      {"verification", std::string(debt::VerificationName(c.verification))},
                      {"status", std::string(debt::ClaimStatusName(debt::ClaimStatusOf(c)))},
                      {"settled_amount", c.settled_amount ? json(c.settled_amount->cents()) : json(nullptr)},
                      {"settled_on", OptionalDateJson(c.settled_on)},
                      {"paid_on", OptionalDateJson(c.paid_on)},
                      {"offers", std::move(offers)}};
}

ordered_json ClockJson(const debt::ClockView& v) {
  return ordered_json{{"dossier_id", v.dossier_id},
                      {"days_elapsed", v.days_elapsed},
                      {"days_left", v.days_left},
                      {"state", std::string(debt::ClockStateName(v.state))},
                      {"open_claims", v.open_claims},
                      {"escalated_claims", v.escalated_claims}};
}

ordered_json DossierSummaryJson(const debt::Dossier& d, Date today) {
  Money total;
  for (const debt::Claim& c : d.claims) total += c.total();
  return ordered_json{{"id", d.id},
                      {"household_ref", d.household_ref},
                      {"gemeente", d.gemeente},
                      {"registered", d.registered.ToString()},
                      {"status", std::string(debt::DossierStatusName(d.Status()))},
                      {"claims", d.claims.size()},
                      {"claims_total", total.cents()},
                      {"owed", d.Owed().cents()},
                      {"balance", d.Balance().cents()},
                      {"clock", ClockJson(debt::ClockOf(d, today))}};
}

}  // namespace

Response Service::DebtDossiers(const Call&) {
  std::lock_guard<std::mutex> lock(runs_mu_);
  auto dossiers = d_.debt.LoadDossiers();
  if (!dossiers.ok()) return ErrorResponse(dossiers.error());
  const Date today = d_.clock.Today();
  ordered_json queue = ordered_json::array();
  for (const debt::ClockView& v : debt::WorkQueue(*dossiers, today)) queue.push_back(ClockJson(v));
  ordered_json list = ordered_json::array();
  Response r;
  for (const debt::Dossier& d : *dossiers) {
    list.push_back(DossierSummaryJson(d, today));
    r.case_ids_shown.push_back(d.id);
  }
  r.body = ordered_json{{"work_queue", std::move(queue)}, {"dossiers", std::move(list)}}.dump();
  return r;
}

Response Service::DebtDossier(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  std::lock_guard<std::mutex> lock(runs_mu_);
  auto d = d_.debt.LoadDossier(*id);
  if (!d.ok()) return ErrorResponse(d.error());
  const Date today = d_.clock.Today();
  ordered_json claims = ordered_json::array();
  for (const debt::Claim& cl : d->claims) claims.push_back(ClaimJson(cl));
  ordered_json body = DossierSummaryJson(*d, today);
  const debt::Finances& f = d->finances;
  body["finances"] = {{"huishouden", std::string(debt::HuishoudenName(f.huishouden))},
                      {"op_bijstand", f.op_bijstand},
                      {"bijstandsnorm", f.bijstandsnorm.cents()},
                      {"net_income", f.net_income.cents()},
                      {"housing_costs", f.housing_costs.cents()},
                      {"adults", f.adults},
                      {"other_fixed_costs", f.other_fixed_costs.cents()}};
  body["claims_detail"] = std::move(claims);
  // The benefit case the payment run withholds the instalment from (null: the household pays).
  body["benefit_case"] = d->benefit_case ? json(*d->benefit_case) : json(nullptr);
  body["plan"] = nullptr;
  if (d->plan) {
    const debt::Plan& p = *d->plan;
    debt::Arrears a = debt::ArrearsOn(p, d->repayments, today.month());
    body["plan"] = {{"regime", std::string(debt::RegimeName(p.regime))},
                    {"start", p.start.ToString()},
                    {"balance", p.balance.cents()},
                    {"affordable", p.affordable.cents()},
                    {"monthly", p.monthly.cents()},
                    {"term_months", p.term_months},
                    {"agreed_on", p.agreed_on.ToString()},
                    {"arrears", a.arrears.cents()},
                    {"months_behind", a.months_behind}};
  }
  ordered_json repayments = ordered_json::array();
  for (const debt::Repayment& rp : d->repayments) {
    repayments.push_back({{"month", rp.month.ToString()},
                          {"date", rp.date.ToString()},
                          {"amount", rp.amount.cents()},
                          {"source", std::string(debt::RepaymentSourceName(rp.source))}});
  }
  body["repayments"] = std::move(repayments);
  ordered_json forgiveness = ordered_json::array();
  for (const debt::Forgiveness& fg : d->forgiveness) {
    forgiveness.push_back({{"milestone", fg.milestone ? json(std::string(debt::MilestoneKindName(*fg.milestone)))
                                                       : json("einde_looptijd")},
                           {"date", fg.date.ToString()},
                           {"confirmed_by", fg.confirmed_by},
                           {"amount", fg.amount.cents()},
                           {"clawed_back", fg.clawed_back.cents()}});
  }
  body["forgiveness"] = std::move(forgiveness);
  body["repaid"] = d->Repaid().cents();
  body["forgiven"] = d->Forgiven().cents();
  Response r = Json(body.dump());
  r.case_ids_shown.push_back(*id);
  return r;
}

// The household's own view of its plan and balance, in plain Dutch (debt::ViewForHousehold): what
// a worker prints and hands over ("liefst op papier").
Response Service::DebtOverview(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  std::lock_guard<std::mutex> lock(runs_mu_);
  debt::DebtFund fund(d_.debt, d_.rules, d_.clock);
  auto v = fund.ViewFor(*id);
  if (!v.ok()) return ErrorResponse(v.error());
  ordered_json milestones = ordered_json::array();
  for (const debt::MilestoneOffer& m : v->milestones) {
    milestones.push_back({{"kind", std::string(debt::MilestoneKindName(m.kind))}, {"forgives", m.forgives.cents()}});
  }
  Response r = Json(ordered_json{{"dossier_id", *id},
                                 {"status", std::string(debt::DossierStatusName(v->status))},
                                 {"paid_by_fund", v->paid_by_fund.cents()},
                                 {"balance", v->balance.cents()},
                                 {"monthly", v->monthly.cents()},
                                 {"last_month", v->last_month ? json(v->last_month->ToString()) : json(nullptr)},
                                 {"arrears", v->arrears.cents()},
                                 {"forgiven", v->forgiven.cents()},
                                 {"milestones", std::move(milestones)},
                                 {"lines", v->paragraphs}}
                        .dump());
  r.case_ids_shown.push_back(*id);
  return r;
}

// The same overview as a letter (PDF), to print or send.
Response Service::DebtLetter(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  std::lock_guard<std::mutex> lock(runs_mu_);
  debt::DebtFund fund(d_.debt, d_.rules, d_.clock);
  auto pdf = HouseholdLetterPdf(fund, *id, d_.clock.Today());
  if (!pdf.ok()) return ErrorResponse(pdf.error());
  return PdfLetter(std::move(*pdf), "schuldenfonds-" + std::to_string(*id) + ".pdf", *id);
}

Response Service::DebtMilestone(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto doc = BodyObject(c.req, {"kind"});
  if (!doc.ok()) return ErrorResponse(doc.error());
  auto text = TextField(*doc, "kind", 32);
  if (!text.ok()) return ErrorResponse(text.error());
  std::optional<debt::MilestoneKind> kind = debt::MilestoneKindOf(*text);
  if (!kind) return ErrorResponse(InvalidArgument("is budgetcursus, participatie_trede, baan of diploma", "kind"));
  std::lock_guard<std::mutex> lock(runs_mu_);
  debt::DebtFund fund(d_.debt, d_.rules, d_.clock);
  auto f = fund.ConfirmMilestone(*id, *kind, c.who->name, nullptr);
  if (!f.ok()) return ErrorResponse(f.error());
  Status logged = d_.events.Append(Event{FormatUtc(d_.clock.NowUnixMillis()), c.who->name, "debt.milestone", 0,
                                         "schuldendossier " + std::to_string(*id) + ": " + *text + ", kwijtgescholden " +
                                             FormatEuro(f->amount)});
  if (!logged.ok()) return ErrorResponse(logged);
  return Json(ordered_json{{"dossier_id", *id}, {"milestone", *text}, {"forgiven", f->amount.cents()}}.dump(), 201);
}

Response Service::DebtWithholding(const Call& c) {
  auto id = PositiveId(c.req.Param("id"), "id");
  if (!id.ok()) return ErrorResponse(id.error());
  auto doc = BodyObject(c.req, {"case"});
  if (!doc.ok()) return ErrorResponse(doc.error());
  std::optional<int64_t> case_id;
  auto field = doc->find("case");
  if (field == doc->end()) return ErrorResponse(InvalidArgument("ontbreekt: het uitkeringsdossier, of null", "case"));
  if (!field->is_null()) {
    if (!field->is_number_integer() || field->get<int64_t>() < 1) {
      return ErrorResponse(InvalidArgument("is het nummer van een uitkeringsdossier, of null", "case"));
    }
    case_id = field->get<int64_t>();
  }
  std::lock_guard<std::mutex> lock(runs_mu_);
  debt::DebtFund fund(d_.debt, d_.rules, d_.clock);
  Status s = LinkBenefitCase(fund, d_.case_files, *id, case_id);
  if (!s.ok()) return ErrorResponse(s);
  Status logged = d_.events.Append(Event{FormatUtc(d_.clock.NowUnixMillis()), c.who->name, "debt.withholding", 0,
                                         "schuldendossier " + std::to_string(*id) +
                                             (case_id ? ": inhouden op uitkeringsdossier " + std::to_string(*case_id)
                                                      : ": niet langer inhouden")});
  if (!logged.ok()) return ErrorResponse(logged);
  return Json(ordered_json{{"dossier_id", *id}, {"benefit_case", case_id ? json(*case_id) : json(nullptr)}}.dump());
}

Response Service::DebtFigures(const Call& c) {
  // [from, until): by default the 365 days up to and including today.
  const Date today = d_.clock.Today();
  Date range[2] = {today.AddDays(-364), today.AddDays(1)};
  const char* names[2] = {"from", "until"};
  for (int i = 0; i < 2; ++i) {
    std::string text;
    if (!c.req.Query(names[i], &text)) continue;
    auto d = Date::Parse(text);
    if (!d.ok()) return ErrorResponse(InvalidArgument("de datum is JJJJ-MM-DD", names[i]));
    range[i] = *d;
  }
  std::lock_guard<std::mutex> lock(runs_mu_);
  debt::DebtFund fund(d_.debt, d_.rules, d_.clock);
  auto f = fund.FiguresFor(range[0], range[1]);
  if (!f.ok()) return ErrorResponse(f.error());
  return Json(ordered_json{{"from", f->from.ToString()},
                           {"until", f->until.ToString()},
                           {"restructured", f->restructured},
                           {"average_days", f->average_days},
                           {"within_clock", f->within_clock},
                           {"first_offer_answered", f->first_offer_answered},
                           {"first_offer_accepted", f->first_offer_accepted},
                           {"claims_settled_total", f->claims_settled_total.cents()},
                           {"settled_amount", f->settled_amount.cents()},
                           {"debt_free", f->debt_free},
                           {"forgiven", f->forgiven.cents()}}
                  .dump());
}

}  // namespace nabij::api
