// The catalogue of bad requests: each gets the right 4xx with a JSON error that says what was
// wrong (and where, when a field is at fault); never a 5xx, never a crash (ASan/UBSan build).
#include <gtest/gtest.h>

#include <chrono>

#include "auth/crypto.h"
#include "store/sqlite/database.h"
#include "test_server.h"

namespace nabij::testing {
namespace {

using nlohmann::json;

struct BadRequest {
  std::string name;
  std::string method;
  std::string target;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  enum class As { kNobody, kKlantmanager, kFinancieel } as = As::kNobody;
  int status;
  std::string code;   // error.code
  std::string field;  // error.field, "" when none is expected
};

const std::string kJson = "application/json";
const std::string kHousehold = R"({"month":"2026-01","members":[{"role":"applicant","age":35}]})";

std::vector<BadRequest> Catalogue() {
  using As = BadRequest::As;
  std::vector<std::pair<std::string, std::string>> json_ct = {{"Content-Type", kJson}};
  return {
      {"malformed JSON", "POST", "/api/v1/calculator", R"({"household": {)", json_ct, As::kNobody, 400, "parse_error", ""},
      {"not an object", "POST", "/api/v1/calculator", "[1,2]", json_ct, As::kNobody, 400, "invalid_argument", ""},
      {"empty body", "POST", "/api/v1/calculator", "", json_ct, As::kNobody, 400, "parse_error", ""},
      {"missing household", "POST", "/api/v1/calculator", "{}", json_ct, As::kNobody, 400, "invalid_argument",
       "household"},
      {"unknown field", "POST", "/api/v1/calculator", R"({"household":)" + kHousehold + R"(,"x":1})", json_ct,
       As::kNobody, 400, "invalid_argument", "x"},
      {"wrong type of age", "POST", "/api/v1/calculator",
       R"({"household":{"month":"2026-01","members":[{"role":"applicant","age":"veertig"}]}})", json_ct, As::kNobody,
       400, "invalid_argument", "household.members[0].age"},
      {"missing members", "POST", "/api/v1/calculator", R"({"household":{"month":"2026-01"}})", json_ct, As::kNobody,
       400, "invalid_argument", "household.members"},
      {"fractional amount", "POST", "/api/v1/calculator",
       R"({"household":{"month":"2026-01","members":[{"role":"applicant","age":30,"net_work_income":100.5}]}})",
       json_ct, As::kNobody, 400, "invalid_argument", "household.members[0].net_work_income"},
      {"hours out of range", "POST", "/api/v1/calculator",
       R"({"household":)" + kHousehold + R"(,"parttime":{"hourly_wage":1400,"hours":[8,99]}})", json_ct, As::kNobody,
       400, "invalid_argument", "parttime.hours[1]"},
      {"hours missing", "POST", "/api/v1/calculator", R"({"household":)" + kHousehold + R"(,"parttime":{"hourly_wage":1}})",
       json_ct, As::kNobody, 400, "invalid_argument", "parttime.hours"},
      {"month without rules", "POST", "/api/v1/calculator",
       R"({"household":{"month":"1990-01","members":[{"role":"applicant","age":35}]}})", json_ct, As::kNobody, 422,
       "rule_missing", ""},
      {"deeply nested", "POST", "/api/v1/calculator", std::string(40, '[') + std::string(40, ']'), json_ct, As::kNobody,
       400, "invalid_argument", ""},
      {"unknown route", "GET", "/api/v1/nope", "", {}, As::kNobody, 404, "not_found", ""},
      {"unknown nested route", "GET", "/api/v1/cases/1/nope/2", "", {}, As::kNobody, 404, "not_found", ""},
      {"api root", "GET", "/api", "", {}, As::kNobody, 404, "not_found", ""},
      {"wrong method", "DELETE", "/api/v1/calculator", "", {}, As::kNobody, 405, "method_not_allowed", ""},
      {"wrong method on a template", "PUT", "/api/v1/cases/1", "", {}, As::kNobody, 405, "method_not_allowed", ""},
      {"login as a form", "POST", "/api/v1/session", "name=a&password=b",
       {{"Content-Type", "application/x-www-form-urlencoded"}}, As::kNobody, 415, "unsupported_media_type", ""},
      {"login without content type", "POST", "/api/v1/session", R"({"name":"a","password":"b"})", {}, As::kNobody,
       415, "unsupported_media_type", ""},
      {"login without password", "POST", "/api/v1/session", R"({"name":"beheerder"})", json_ct, As::kNobody, 400,
       "invalid_argument", "password"},
      {"login password as number", "POST", "/api/v1/session", R"({"name":"beheerder","password":12})", json_ct,
       As::kNobody, 400, "invalid_argument", "password"},
      {"login extra field", "POST", "/api/v1/session", R"({"name":"a","password":"b","admin":true})", json_ct,
       As::kNobody, 400, "invalid_argument", "admin"},
      {"login malformed", "POST", "/api/v1/session", R"({"name":)", json_ct, As::kNobody, 400, "parse_error", ""},
      {"unknown user", "POST", "/api/v1/session", R"({"name":"niemand","password":"een-wachtwoord-van-lengte"})",
       json_ct, As::kNobody, 401, "unauthenticated", ""},
      {"no session", "GET", "/api/v1/cases?q=Klant", "", {}, As::kNobody, 401, "unauthenticated", ""},
      {"garbage cookie", "GET", "/api/v1/cases?q=Klant", "", {{"Cookie", "nabij_session=AAAA"}}, As::kNobody, 401,
       "unauthenticated", ""},
      {"no session for who-am-i", "GET", "/api/v1/session", "", {}, As::kNobody, 401, "unauthenticated", ""},
      {"search without q", "GET", "/api/v1/cases", "", {}, As::kKlantmanager, 400, "invalid_argument", "q"},
      {"search with bad limit", "GET", "/api/v1/cases?q=a&limit=x", "", {}, As::kKlantmanager, 400, "invalid_argument",
       "limit"},
      {"case id not a number", "GET", "/api/v1/cases/abc", "", {}, As::kKlantmanager, 400, "invalid_argument", "id"},
      {"case id negative", "GET", "/api/v1/cases/-4", "", {}, As::kKlantmanager, 400, "invalid_argument", "id"},
      {"case id too large", "GET", "/api/v1/cases/99999999999999999999", "", {}, As::kKlantmanager, 400,
       "invalid_argument", "id"},
      {"unknown case", "GET", "/api/v1/cases/999999", "", {}, As::kKlantmanager, 404, "not_found", "id"},
      {"role may not", "GET", "/api/v1/runs", "", {}, As::kKlantmanager, 403, "permission_denied", ""},
      {"bad month", "GET", "/api/v1/runs/2026-13", "", {}, As::kFinancieel, 400, "invalid_argument", "month"},
      {"unknown run", "GET", "/api/v1/runs/2001-01", "", {}, As::kFinancieel, 404, "not_found", "month"},
      {"report as pdf", "GET", "/api/v1/runs/2001-01/report?format=pdf", "", {}, As::kFinancieel, 400,
       "invalid_argument", "format"},
      {"approve a run that does not exist", "POST", "/api/v1/runs/2001-01/approve", "", {}, As::kFinancieel, 404,
       "not_found", ""},
      {"sepa of no run", "GET", "/api/v1/runs/2001-01/sepa", "", {}, As::kFinancieel, 404, "not_found", ""},
      {"post without csrf token", "POST", "/api/v1/runs/2001-01/prepare", "", {{"X-CSRF-Token", ""}},
       As::kFinancieel, 403, "permission_denied", "X-CSRF-Token"},
  };
}

// Signs in a user of each role the catalogue needs, once.
class BadRequestsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    srv_ = new TestServer([](app::ServerSettings& s) {
      s.http.limits.max_body_bytes = 64 * 1024;
      s.http.limits.max_header_bytes = 8 * 1024;
    });
    km_ = new UserSession(srv_->AddUser("k.jansen", "klantmanager_inkomen"));
    fa_ = new UserSession(srv_->AddUser("anna", "financiele_administratie"));
  }
  static void TearDownTestSuite() {
    delete km_;
    delete fa_;
    delete srv_;
  }
  static TestServer* srv_;
  static UserSession* km_;
  static UserSession* fa_;
};
TestServer* BadRequestsTest::srv_ = nullptr;
UserSession* BadRequestsTest::km_ = nullptr;
UserSession* BadRequestsTest::fa_ = nullptr;

void ExpectClearError(const HttpResponse& r, const std::string& what) {
  EXPECT_LT(r.status, 500) << what;
  EXPECT_EQ(r.Header("content-type"), "application/json") << what;
  json doc = json::parse(r.body, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << what << ": " << r.body;
  ASSERT_TRUE(doc.contains("error")) << what << ": " << r.body;
  EXPECT_FALSE(doc["error"]["message"].get<std::string>().empty()) << what;
}

TEST_F(BadRequestsTest, EachGetsTheRightStatusAndAClearMessage) {
  for (const BadRequest& b : Catalogue()) {
    SCOPED_TRACE(b.name);
    auto headers = b.headers;
    const UserSession* who = b.as == BadRequest::As::kKlantmanager ? km_ : b.as == BadRequest::As::kFinancieel ? fa_ : nullptr;
    if (who != nullptr) {
      headers.emplace_back("Cookie", who->cookie);
      bool has_csrf = false;
      for (const auto& [k, v] : headers) has_csrf = has_csrf || k == "X-CSRF-Token";
      if (!has_csrf && b.method != "GET") headers.emplace_back("X-CSRF-Token", who->csrf);
    }
    HttpResponse r = Fetch(srv_->port(), b.method, b.target, b.body, headers);
    EXPECT_EQ(r.status, b.status) << r.body;
    ExpectClearError(r, b.name);
    json doc = json::parse(r.body, nullptr, false);
    if (doc.is_discarded()) continue;
    EXPECT_EQ(doc["error"]["code"], b.code) << r.body;
    if (!b.field.empty()) {
      EXPECT_EQ(doc["error"].value("field", ""), b.field) << r.body;
    }
  }
}

TEST_F(BadRequestsTest, HugeBodiesAndHeadersAreRefusedBeforeTheyAreRead) {
  HttpResponse body = Fetch(srv_->port(), "POST", "/api/v1/calculator", std::string(200 * 1024, 'x'),
                            {{"Content-Type", kJson}});
  EXPECT_EQ(body.status, 413);
  ExpectClearError(body, "body");
  HttpResponse header = Fetch(srv_->port(), "GET", "/api/v1/health", {}, {{"Cookie", std::string(20 * 1024, 'c')}});
  EXPECT_EQ(header.status, 431);
  ExpectClearError(header, "header");
  HttpResponse target = Fetch(srv_->port(), "GET", "/api/v1/cases?q=" + std::string(20 * 1024, 'q'));
  EXPECT_EQ(target.status, 431);
}

TEST_F(BadRequestsTest, TextThatIsNotHttpGets400) {
  HttpClient c(srv_->port());
  ASSERT_TRUE(c.SendRaw("HELLO WORLD\r\n\r\n"));
  auto r = c.ReadResponse(5000);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 400);
  ExpectClearError(*r, "not http");
  HttpClient d(srv_->port());
  ASSERT_TRUE(d.SendRaw("GET /api/v1/health HTTP/1.1\r\nContent-Length: zwei\r\n\r\n"));
  auto r2 = d.ReadResponse(5000);
  ASSERT_TRUE(r2.has_value());
  EXPECT_EQ(r2->status, 400);
}

TEST_F(BadRequestsTest, AnExpiredSessionGets401) {
  UserSession s = srv_->AddUser("h.smit", "handhaving");
  ASSERT_EQ(srv_->Call(s, "GET", "/api/v1/cases?q=Klant").status, 200);
  {  // Sixteen minutes without a request: older than the idle limit (15 minutes).
    auto db = store::SqliteDatabase::Open(srv_->dir() / "nabij.db");
    ASSERT_TRUE(db.ok());
    std::string token = s.cookie.substr(s.cookie.find('=') + 1);
    auto stmt = (*db)->Prepare("UPDATE sessions SET created_at_ms = ?1, last_seen_ms = ?1 WHERE token_hash = ?2");
    ASSERT_TRUE(stmt.ok());
    int64_t old = SystemClock().NowUnixMillis() - 16 * 60 * 1000;
    stmt->BindInt(1, old);
    stmt->BindText(2, auth::Sha256Hex(token));
    ASSERT_TRUE(stmt->Run().ok());
    auto check = (*db)->Prepare("SELECT count(*) FROM sessions WHERE token_hash = ?1 AND last_seen_ms = ?2");
    ASSERT_TRUE(check.ok());
    check->BindText(1, auth::Sha256Hex(token));
    check->BindInt(2, old);
    ASSERT_TRUE(*check->Step());
    ASSERT_EQ(check->Int(0), 1) << "the session row was not found";
  }
  HttpResponse r = srv_->Call(s, "GET", "/api/v1/cases?q=Klant");
  EXPECT_EQ(r.status, 401);
  ExpectClearError(r, "expired");
}

}  // namespace
}  // namespace nabij::testing
