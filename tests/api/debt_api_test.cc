// The debt fund over HTTP (docs/debt-fund.md): nabijd on port 0 with demo dossiers on a real
// SQLite file. The schuldhulpverlener's work queue and dossier, the household's own overview in
// plain Dutch, a milestone that forgives part of the debt, the figures, and who may see them.
#include <gtest/gtest.h>

#include "base/clock.h"
#include "store/sqlite/database.h"
#include "test_server.h"

namespace nabij::testing {
namespace {

using nlohmann::json;

TEST(DebtApiTest, DossiersOverviewMilestoneAndFigures) {
  TestServer srv;
  UserSession shv = srv.AddUser("sanne", "schuldhulpverlener");
  UserSession kim = srv.AddUser("kim", "klantmanager_inkomen");
  UserSession bea = srv.AddUser("bea", "beleid");
  UserSession aud = srv.AddUser("aud", "auditor");

  HttpResponse list = srv.Call(shv, "GET", "/api/v1/debt/dossiers");
  ASSERT_EQ(list.status, 200) << list.body;
  json l = json::parse(list.body);
  ASSERT_EQ(l["dossiers"].size(), 4u);
  EXPECT_GT(l["dossiers"][0]["claims"].get<int>(), 0);
  EXPECT_EQ(srv.Call(kim, "GET", "/api/v1/debt/dossiers").status, 403) << "only the schuldhulpverlener";

  // Dossier 1 of the demo: every claim settled and a student-loan plan.
  HttpResponse one = srv.Call(shv, "GET", "/api/v1/debt/dossiers/1");
  ASSERT_EQ(one.status, 200) << one.body;
  json d = json::parse(one.body);
  ASSERT_TRUE(d["plan"].is_object()) << one.body;
  EXPECT_EQ(d["plan"]["regime"], "studieschuld");
  EXPECT_LE(d["plan"]["monthly"].get<int64_t>(), d["plan"]["affordable"].get<int64_t>());
  EXPECT_EQ(d["claims_detail"].size(), d["claims"].get<size_t>());
  const int64_t balance = d["balance"];
  EXPECT_GT(balance, 0);

  HttpResponse overview = srv.Call(shv, "GET", "/api/v1/debt/dossiers/1/overview");
  ASSERT_EQ(overview.status, 200) << overview.body;
  json o = json::parse(overview.body);
  EXPECT_EQ(o["balance"], balance);
  std::string text;
  for (const json& line : o["lines"]) text += line.get<std::string>() + "\n";
  EXPECT_NE(text.find("Elke maand betaalt u"), std::string::npos) << text;
  EXPECT_NE(text.find("overgenomen"), std::string::npos) << text;
  EXPECT_EQ(o["monthly"], d["plan"]["monthly"]);
  EXPECT_FALSE(o["milestones"].empty());

  // The same overview as a letter to print or send: a PDF, for the schuldhulpverlener only.
  HttpResponse letter = srv.Call(shv, "GET", "/api/v1/debt/dossiers/1/letter");
  ASSERT_EQ(letter.status, 200) << letter.body;
  EXPECT_EQ(letter.Header("content-type"), "application/pdf");
  EXPECT_EQ(letter.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(srv.Call(kim, "GET", "/api/v1/debt/dossiers/1/letter").status, 403);
  EXPECT_EQ(srv.Call(shv, "GET", "/api/v1/debt/dossiers/999/letter").status, 404);

  EXPECT_EQ(srv.Call(shv, "POST", "/api/v1/debt/dossiers/1/milestones", R"({"kind": "feest"})").status, 400);
  HttpResponse ms = srv.Call(shv, "POST", "/api/v1/debt/dossiers/1/milestones", R"({"kind": "budgetcursus"})");
  ASSERT_EQ(ms.status, 201) << ms.body;
  const int64_t forgiven = json::parse(ms.body)["forgiven"];
  EXPECT_GT(forgiven, 0);
  json after = json::parse(srv.Call(shv, "GET", "/api/v1/debt/dossiers/1").body);
  EXPECT_EQ(after["balance"].get<int64_t>(), balance - forgiven);
  EXPECT_EQ(after["forgiveness"][0]["confirmed_by"], "sanne");
  EXPECT_EQ(srv.Call(shv, "POST", "/api/v1/debt/dossiers/1/milestones", R"({"kind": "budgetcursus"})").status, 409)
      << "a budgeting course forgives once";

  // The reads are in the access log, under the debt routes.
  HttpResponse log = srv.Call(aud, "GET", "/api/v1/access-log?case=1");
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_NE(log.body.find("/api/v1/debt/dossiers/{id}"), std::string::npos);
  EXPECT_NE(log.body.find("/api/v1/debt/dossiers/{id}/letter"), std::string::npos);

  HttpResponse figures = srv.Call(bea, "GET", "/api/v1/debt/figures");
  ASSERT_EQ(figures.status, 200) << figures.body;
  json f = json::parse(figures.body);
  EXPECT_GE(f["restructured"].get<int>(), 1);
  EXPECT_EQ(f["forgiven"].get<int64_t>(), forgiven);
  EXPECT_EQ(srv.Call(bea, "GET", "/api/v1/debt/figures?from=gisteren").status, 400);
  EXPECT_EQ(srv.Call(shv, "GET", "/api/v1/debt/dossiers/999").status, 404);
}

// The schuldhulpverlener has the instalment withheld from a benefit case; the next payment run takes
// it from the client's share and the dossier shows it as a repayment from the benefit.
TEST(DebtApiTest, TheInstalmentIsWithheldInThePaymentRun) {
  TestServer srv;
  UserSession shv = srv.AddUser("sanne", "schuldhulpverlener");
  UserSession kim = srv.AddUser("kim", "klantmanager_inkomen");
  UserSession anna = srv.AddUser("anna", "financiele_administratie");
  // A running demo case without beslag, verrekening or income, whose client asked for the
  // vakantietoeslag monthly (set in the file: the intake has no field for it yet): there is room
  // above the beslagvrije voet.
  int64_t benefit_case = 0;
  for (int id = 1; id <= TestServer::kDemoHouseholds && benefit_case == 0; ++id) {
    json f = json::parse(srv.Call(kim, "GET", "/api/v1/cases/" + std::to_string(id)).body);
    if (f["status"] == "lopend" && f["garnishments"].empty() && f["recoveries"].empty() && f["incomes"].empty()) {
      benefit_case = id;
    }
  }
  ASSERT_GT(benefit_case, 0) << "no demo case to withhold from";
  {
    auto db = store::SqliteDatabase::Open(srv.dir() / "nabij.db", store::OpenOptions{});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE((*db)->Exec("UPDATE cases SET vakantietoeslag_monthly = 1 WHERE id = " + std::to_string(benefit_case)).ok());
  }

  const std::string url = "/api/v1/debt/dossiers/1/withholding";
  EXPECT_EQ(srv.Call(kim, "PUT", url, R"({"case": 1})").status, 403);
  EXPECT_EQ(srv.Call(shv, "PUT", url, R"({"case": "een"})").status, 400);
  EXPECT_EQ(srv.Call(shv, "PUT", url, R"({})").status, 400);
  HttpResponse missing = srv.Call(shv, "PUT", url, R"({"case": 999999})");
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_NE(missing.body.find("\"field\":\"case\""), std::string::npos) << missing.body;
  HttpResponse linked = srv.Call(shv, "PUT", url, json{{"case", benefit_case}}.dump());
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(json::parse(srv.Call(shv, "GET", "/api/v1/debt/dossiers/1").body)["benefit_case"], benefit_case);
  EXPECT_EQ(srv.Call(shv, "PUT", "/api/v1/debt/dossiers/2/withholding", json{{"case", benefit_case}}.dump()).status,
            409)
      << "one running dossier per benefit case";

  // The demo plans start next month: that run withholds the first instalment.
  const std::string next = SystemClock().Today().month().Add(1).ToString();
  HttpResponse prepared = srv.Call(anna, "POST", "/api/v1/runs/" + next + "/prepare");
  ASSERT_EQ(prepared.status, 200) << prepared.body;
  const int64_t withheld = json::parse(prepared.body)["totals"]["debt_withheld"];
  EXPECT_GT(withheld, 0);
  json d = json::parse(srv.Call(shv, "GET", "/api/v1/debt/dossiers/1").body);
  ASSERT_EQ(d["repayments"].size(), 1u) << d.dump();
  EXPECT_EQ(d["repayments"][0]["source"], "uitkering");
  EXPECT_EQ(d["repayments"][0]["amount"], withheld);
  EXPECT_EQ(d["repayments"][0]["month"], next);
  EXPECT_LE(withheld, d["plan"]["monthly"].get<int64_t>());
  json file = json::parse(srv.Call(kim, "GET", "/api/v1/cases/" + std::to_string(benefit_case)).body);
  EXPECT_EQ(file["runs"].back()["debt_withheld"], withheld);

  // Stopping: the dossier pays itself again.
  ASSERT_EQ(srv.Call(shv, "PUT", url, R"({"case": null})").status, 200);
  EXPECT_TRUE(json::parse(srv.Call(shv, "GET", "/api/v1/debt/dossiers/1").body)["benefit_case"].is_null());
}

}  // namespace
}  // namespace nabij::testing
