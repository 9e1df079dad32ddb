// HTTP integration tests: nabijd (app::ServerApp) on port 0 with a real SQLite file, over real
// sockets: sign-in and CSRF, the calculator, case search and the client file with the access
// log, the payment run with four eyes and the SEPA download, users, static files, the limits,
// keep-alive and graceful shutdown.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "api/calculator.h"
#include "base/ids.h"
#include "pw/bijstand.h"
#include "rules/source_rules.h"
#include "test_server.h"

namespace nabij::testing {
namespace {

using nlohmann::json;

std::string ThisMonth() { return SystemClock().Today().month().ToString(); }

TEST(ApiServerTest, HealthOverOneKeepAliveConnection) {
  TestServer srv;
  HttpClient c(srv.port());
  for (int i = 0; i < 3; ++i) {
    HttpResponse r = c.Request("GET", "/api/v1/health");
    ASSERT_EQ(r.status, 200) << i;
    json body = json::parse(r.body);
    EXPECT_EQ(body["status"], "ok");
    EXPECT_EQ(body["rules_version"].get<std::string>().size(), 16u);
    EXPECT_EQ(r.Header("content-type"), "application/json");
    EXPECT_EQ(r.Header("cache-control"), "no-store");
    EXPECT_EQ(r.Header("x-frame-options"), "DENY");
  }
  HttpResponse closing = c.Request("GET", "/api/v1/health", {}, {{"Connection", "close"}});
  EXPECT_EQ(closing.status, 200);
  EXPECT_TRUE(c.ServerClosed());
}

TEST(ApiServerTest, SignInChangeOneTimePasswordAndSignOut) {
  TestServer srv;
  ASSERT_FALSE(srv.admin_password().empty());
  EXPECT_EQ(srv.LoginRaw("beheerder", "niet-het-goede-wachtwoord").status, 401);
  UserSession first = srv.Login("beheerder", srv.admin_password());
  EXPECT_NE(first.cookie.find("nabij_session="), std::string::npos);
  HttpResponse blocked = srv.Call(first, "GET", "/api/v1/users");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_NE(blocked.body.find("eenmalige wachtwoord"), std::string::npos) << blocked.body;

  UserSession admin = srv.Admin();
  HttpResponse me = srv.Call(admin, "GET", "/api/v1/session");
  ASSERT_EQ(me.status, 200);
  json who = json::parse(me.body);
  EXPECT_EQ(who["user"], "beheerder");
  EXPECT_EQ(who["role"], "beheerder");
  EXPECT_EQ(who["must_change_password"], false);
  EXPECT_EQ(who["csrf_token"], admin.csrf);
  EXPECT_EQ(srv.Call(first, "GET", "/api/v1/session").status, 401) << "a password change ends the old sessions";
  EXPECT_EQ(srv.Call(admin, "GET", "/api/v1/users").status, 200);

  HttpResponse out = srv.Call(admin, "DELETE", "/api/v1/session");
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(out.Header("content-type"), "");
  EXPECT_EQ(out.body, "");
  EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(srv.Call(admin, "GET", "/api/v1/session").status, 401);
}

TEST(ApiServerTest, LoginNeedsJsonAndChangesNeedTheCsrfToken) {
  TestServer srv;
  HttpResponse form = Fetch(srv.port(), "POST", "/api/v1/session", "name=beheerder&password=x",
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 415);
  UserSession admin = srv.Admin();
  json body{{"name", "k.jansen"}, {"role", "klantmanager_inkomen"}};
  HttpResponse no_token = Fetch(srv.port(), "POST", "/api/v1/users", body.dump(),
                                {{"Cookie", admin.cookie}, {"Content-Type", "application/json"}});
  EXPECT_EQ(no_token.status, 403);
  EXPECT_NE(no_token.body.find("X-CSRF-Token"), std::string::npos) << no_token.body;
  HttpResponse wrong = Fetch(srv.port(), "POST", "/api/v1/users", body.dump(),
                             {{"Cookie", admin.cookie}, {"X-CSRF-Token", std::string(64, 'a')},
                              {"Content-Type", "application/json"}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(srv.Call(admin, "POST", "/api/v1/users", body.dump()).status, 201);
}

TEST(ApiServerTest, CalculatorMatchesTheEngineAndAddsThePartTimeSeries) {
  TestServer srv;
  const std::string household = R"({"month":"2026-01","members":[{"role":"applicant","age":35}]})";
  std::string body = R"({"household":)" + household + R"(,"parttime":{"hourly_wage":1400,"hours":[0,8,16,24]}})";
  HttpResponse r = Fetch(srv.port(), "POST", "/api/v1/calculator", body, {{"Content-Type", "application/json"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json doc = json::parse(r.body);

  // The same household through the engine directly.
  auto req = api::ParseHouseholdJson(household);
  ASSERT_TRUE(req.ok());
  auto in = pw::BuildCaseInput(req->household);
  ASSERT_TRUE(in.ok());
  auto params = pw::Snapshot(rules::SourceRules(), in->month, "");
  ASSERT_TRUE(params.ok());
  auto d = pw::Calculate(*params, *in, nullptr);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(doc["decision"]["amounts"]["bijstand"].get<int64_t>(), d->bijstand.cents());
  EXPECT_FALSE(doc["decision"]["trace"].empty());

  ASSERT_EQ(doc["parttime"].size(), 4u);
  for (const json& p : doc["parttime"]) {
    int hours = p["hours_per_week"];
    EXPECT_EQ(p["net_wage"].get<int64_t>(), api::NetMonthlyWage(Money::Cents(1400), hours).cents());
    for (const char* v : {"with_vrijlating", "after_vrijlating"}) {
      EXPECT_EQ(p[v]["total"].get<int64_t>(), p[v]["benefit"].get<int64_t>() + p["net_wage"].get<int64_t>());
    }
    EXPECT_FALSE(p["explanation"].empty());
  }
  EXPECT_EQ(doc["parttime"][0]["with_vrijlating"]["benefit"].get<int64_t>(), d->bijstand.cents());

  // Without parttime: the decision and an empty series.
  HttpResponse plain = Fetch(srv.port(), "POST", "/api/v1/calculator", R"({"household":)" + household + "}");
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_TRUE(json::parse(plain.body)["parttime"].empty());
}

TEST(ApiServerTest, SearchingAndOpeningACaseIsInTheAccessLogAndNotInTheRequestLog) {
  TestServer srv;
  UserSession km = srv.AddUser("k.jansen", "klantmanager_inkomen");
  UserSession auditor = srv.AddUser("a.de.vries", "auditor");
  UserSession beleid = srv.AddUser("b.bakker", "beleid");

  HttpResponse found = srv.Call(km, "GET", "/api/v1/cases?q=Fictieve+Klant+1", {}, {{"X-Nabij-Screen", "zoeken"}});
  ASSERT_EQ(found.status, 200) << found.body;
  json cases = json::parse(found.body)["cases"];
  ASSERT_FALSE(cases.empty());
  int64_t id = cases[0]["id"];
  EXPECT_EQ(cases[0]["name"], "Fictieve Klant 1");
  EXPECT_EQ(cases[0]["case_number"], std::to_string(id));
  size_t listed = cases.size();  // "Fictieve Klant 1", "... 10" to "... 19"
  EXPECT_GE(listed, 2u);

  HttpResponse by_number = srv.Call(km, "GET", "/api/v1/cases?q=" + std::to_string(id));
  ASSERT_EQ(by_number.status, 200);
  EXPECT_EQ(json::parse(by_number.body)["cases"][0]["id"], id);

  // By the applicant's BSN (the demo's first case has DemoBsn(0)); it comes back masked only.
  const std::string bsn = DemoBsn(0).digits();
  HttpResponse by_bsn = srv.Call(km, "GET", "/api/v1/cases?q=" + bsn);
  ASSERT_EQ(by_bsn.status, 200) << by_bsn.body;
  json bsn_hits = json::parse(by_bsn.body)["cases"];
  ASSERT_EQ(bsn_hits.size(), 1u) << by_bsn.body;
  EXPECT_EQ(bsn_hits[0]["id"], id);
  EXPECT_EQ(bsn_hits[0]["bsn"], DemoBsn(0).Masked());
  EXPECT_EQ(by_bsn.body.find(bsn), std::string::npos);

  HttpResponse file = srv.Call(km, "GET", "/api/v1/cases/" + std::to_string(id), {}, {{"X-Nabij-Screen", "dossier"}});
  ASSERT_EQ(file.status, 200) << file.body;
  json f = json::parse(file.body);
  EXPECT_EQ(f["id"], id);
  EXPECT_EQ(f["applicant"]["name"], "Fictieve Klant 1");
  EXPECT_EQ(f["applicant"]["bsn"], DemoBsn(0).Masked());
  EXPECT_EQ(file.body.find(bsn), std::string::npos);
  EXPECT_FALSE(f["incomes"].empty());
  EXPECT_TRUE(f["calculation"].contains("decision")) << f["calculation"].dump();
  EXPECT_FALSE(f["calculation"]["decision"]["trace"].empty());

  EXPECT_EQ(srv.Call(beleid, "GET", "/api/v1/cases/" + std::to_string(id)).status, 403);

  HttpResponse log = srv.Call(auditor, "GET", "/api/v1/access-log?case=" + std::to_string(id));
  ASSERT_EQ(log.status, 200) << log.body;
  json entries = json::parse(log.body)["entries"];
  int file_reads = 0, search_reads = 0;
  for (const json& e : entries) {
    EXPECT_EQ(e["user"], "k.jansen");
    EXPECT_EQ(e["case_id"], id);
    if (e["route"] == "GET /api/v1/cases/{id}") {
      ++file_reads;
      EXPECT_EQ(e["screen"], "dossier");
    }
    if (e["route"] == "GET /api/v1/cases") ++search_reads;
  }
  EXPECT_EQ(file_reads, 1);
  EXPECT_EQ(search_reads, 3);  // by name, by number and by BSN
  HttpResponse all = srv.Call(auditor, "GET", "/api/v1/access-log?user=k.jansen");
  EXPECT_EQ(json::parse(all.body)["entries"].size(), listed + 3);
  EXPECT_EQ(all.body.find(bsn), std::string::npos);
  EXPECT_EQ(srv.Call(km, "GET", "/api/v1/access-log").status, 403);

  srv.app().Shutdown();
  srv.app().Wait();  // the request log is complete and flushed
  std::string requests = srv.RequestLog();
  EXPECT_NE(requests.find("\"route\":\"GET /api/v1/cases/{id}\""), std::string::npos);
  EXPECT_EQ(requests.find("Fictieve"), std::string::npos);
  EXPECT_EQ(requests.find("/api/v1/cases/" + std::to_string(id)), std::string::npos);
  EXPECT_EQ(requests.find("q="), std::string::npos);
  EXPECT_EQ(requests.find(bsn), std::string::npos);
  EXPECT_EQ(requests.find(srv.admin_password()), std::string::npos);
}

TEST(ApiServerTest, PaymentRunNeedsTwoPeopleAndGivesTheSepaFile) {
  TestServer srv;
  UserSession anna = srv.AddUser("anna", "financiele_administratie");
  UserSession bert = srv.AddUser("bert", "financiele_administratie");
  UserSession auditor = srv.AddUser("a.de.vries", "auditor");
  const std::string month = ThisMonth();
  const std::string run = "/api/v1/runs/" + month;

  EXPECT_EQ(srv.Call(anna, "GET", run).status, 404);
  HttpResponse prepared = srv.Call(anna, "POST", run + "/prepare");
  ASSERT_EQ(prepared.status, 200) << prepared.body;
  json p = json::parse(prepared.body);
  EXPECT_EQ(p["run"]["status"], "prepared");
  EXPECT_EQ(p["run"]["prepared_by"], "anna");
  EXPECT_EQ(p["totals"]["cases"], TestServer::kDemoHouseholds);

  EXPECT_EQ(srv.Call(anna, "GET", run + "/sepa").status, 409) << "not approved yet";
  HttpResponse self = srv.Call(anna, "POST", run + "/approve");
  EXPECT_EQ(self.status, 403) << self.body;
  HttpResponse approved = srv.Call(bert, "POST", run + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(json::parse(approved.body)["run"]["approved_by"], "bert");

  HttpResponse sepa = srv.Call(bert, "GET", run + "/sepa");
  ASSERT_EQ(sepa.status, 200) << sepa.body;
  EXPECT_EQ(sepa.Header("content-type"), "application/xml");
  EXPECT_NE(sepa.Header("content-disposition").find("sepa-" + month + ".xml"), std::string::npos);
  EXPECT_NE(sepa.body.find("pain.001.001.09"), std::string::npos);
  EXPECT_NE(sepa.body.find("<NbOfTxs>"), std::string::npos);
  EXPECT_EQ(srv.Call(auditor, "GET", run + "/sepa").status, 403);

  HttpResponse list = srv.Call(auditor, "GET", "/api/v1/runs");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(json::parse(list.body)["runs"][0]["month"], month);
  HttpResponse report = srv.Call(auditor, "GET", run + "/report");
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(json::parse(report.body)["totals"]["cases"], TestServer::kDemoHouseholds);
  HttpResponse csv = srv.Call(anna, "GET", run + "/report?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");  // the BOM Dutch Excel needs
  EXPECT_NE(csv.body.find("Fictieve Klant"), std::string::npos);
  HttpResponse xlsx = srv.Call(anna, "GET", run + "/report?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

  HttpResponse events = srv.Call(auditor, "GET", "/api/v1/events");
  ASSERT_EQ(events.status, 200);
  std::string kinds;
  json trail = json::parse(events.body);
  for (const json& e : trail["events"]) kinds += e["kind"].get<std::string>() + " ";
  EXPECT_NE(kinds.find("run.prepared"), std::string::npos) << kinds;
  EXPECT_NE(kinds.find("run.approved"), std::string::npos) << kinds;
  EXPECT_NE(kinds.find("run.exported"), std::string::npos) << kinds;
  EXPECT_NE(kinds.find("user.created"), std::string::npos) << kinds;
}

TEST(ApiServerTest, AdministratorManagesUsers) {
  TestServer srv;
  UserSession admin = srv.Admin();
  UserSession km = srv.AddUser("k.jansen", "klantmanager_inkomen");
  HttpResponse list = srv.Call(admin, "GET", "/api/v1/users");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(json::parse(list.body)["users"].size(), 2u);
  HttpResponse reset = srv.Call(admin, "POST", "/api/v1/users/k.jansen/reset-password");
  ASSERT_EQ(reset.status, 200);
  EXPECT_EQ(json::parse(reset.body)["one_time_password"].get<std::string>().size(), 20u);
  EXPECT_EQ(srv.Call(km, "GET", "/api/v1/session").status, 401) << "a reset ends the sessions";
  EXPECT_EQ(srv.Call(admin, "POST", "/api/v1/users/k.jansen/disable").status, 200);
  EXPECT_EQ(srv.LoginRaw("k.jansen", TestServer::PasswordOf("k.jansen")).status, 401);
  EXPECT_EQ(srv.Call(admin, "POST", "/api/v1/users/niemand/disable").status, 404);
}

TEST(ApiServerTest, ServesTheWebAppWithoutLeavingItsFolder) {
  std::filesystem::path web;
  TestServer srv([&](app::ServerSettings& s) {
    web = s.db.parent_path() / "web";
    std::filesystem::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<!doctype html><title>nabij</title>";
    std::ofstream(web / "assets" / "app.js") << "console.log(1)";
    std::ofstream(s.db.parent_path() / "secret.txt") << "geheim";
    s.http.web_dir = web;
  });
  HttpResponse index = Fetch(srv.port(), "GET", "/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("<title>nabij</title>"), std::string::npos);
  HttpResponse js = Fetch(srv.port(), "GET", "/assets/app.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body, "console.log(1)");
  HttpResponse spa = Fetch(srv.port(), "GET", "/dossiers/17");
  ASSERT_EQ(spa.status, 200);
  EXPECT_NE(spa.body.find("<title>nabij</title>"), std::string::npos);
  EXPECT_EQ(Fetch(srv.port(), "GET", "/assets/weg.js").status, 404);
  for (const char* evil : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
                           "/assets/%2e%2e/%2e%2e/secret.txt"}) {
    HttpResponse r = Fetch(srv.port(), "GET", evil);
    EXPECT_EQ(r.body.find("geheim"), std::string::npos) << evil;
    EXPECT_TRUE(r.status == 404 || r.status == 400) << evil << " " << r.status;
  }
  HttpResponse post = Fetch(srv.port(), "POST", "/index.html", "x");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("allow"), "GET, HEAD");
  HttpResponse head = Fetch(srv.port(), "HEAD", "/assets/app.js");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-length"), "14");
}

TEST(ApiServerTest, LimitsOnBodyHeadersTimeAndConnections) {
  TestServer srv([](app::ServerSettings& s) {
    s.http.limits.max_body_bytes = 4096;
    s.http.limits.max_header_bytes = 2048;
    s.http.limits.request_timeout_ms = 400;
    s.http.limits.max_connections = 3;
  });
  HttpResponse big = Fetch(srv.port(), "POST", "/api/v1/calculator", std::string(5000, ' '),
                           {{"Content-Type", "application/json"}});
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(json::parse(big.body)["error"]["code"], "payload_too_large");
  HttpResponse headers = Fetch(srv.port(), "GET", "/api/v1/health", {}, {{"X-Padding", std::string(4000, 'x')}});
  EXPECT_EQ(headers.status, 431);

  {  // a request that does not arrive in time
    HttpClient slow(srv.port());
    ASSERT_TRUE(slow.SendRaw("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    auto r = slow.ReadResponse(3000);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 408);
    EXPECT_TRUE(slow.ServerClosed());
  }
  {  // an idle keep-alive connection is closed without an answer
    HttpClient idle(srv.port());
    EXPECT_EQ(idle.Request("GET", "/api/v1/health").status, 200);
    EXPECT_TRUE(idle.ServerClosed(3000));
  }
  {  // one connection more than allowed
    // The connections above may take a moment to end on the server's side: open each of the
    // three allowed ones until it is served.
    auto served = [&](std::unique_ptr<HttpClient>& c) {
      for (int attempt = 0; attempt < 50; ++attempt) {
        c = std::make_unique<HttpClient>(srv.port());
        if (c->Request("GET", "/api/v1/health").status == 200) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      return false;
    };
    std::unique_ptr<HttpClient> a, b, c;
    ASSERT_TRUE(served(a));
    ASSERT_TRUE(served(b));
    ASSERT_TRUE(served(c));
    HttpResponse over = Fetch(srv.port(), "GET", "/api/v1/health");
    EXPECT_EQ(over.status, 503);
    EXPECT_EQ(over.Header("retry-after"), "1");
  }
}

TEST(ApiServerTest, ShutdownFinishesTheRequestInFlight) {
  TestServer srv;
  HttpClient idle(srv.port());
  EXPECT_EQ(idle.Request("GET", "/api/v1/health").status, 200);
  HttpClient busy(srv.port());
  // A login takes an argon2id hash (tens of milliseconds): it is in flight when shutdown starts.
  json body{{"name", "beheerder"}, {"password", srv.admin_password()}};
  std::string req = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(body.dump().size()) + "\r\n\r\n" + body.dump();
  ASSERT_TRUE(busy.SendRaw(req));
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  srv.app().Shutdown();
  auto r = busy.ReadResponse(10'000);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_TRUE(idle.ServerClosed());
  srv.app().Wait();
  HttpClient after(srv.port());
  EXPECT_FALSE(after.connected() && after.Request("GET", "/api/v1/health").status == 200);
}

}  // namespace
}  // namespace nabij::testing
