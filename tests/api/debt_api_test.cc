// The debt fund over HTTP (docs/debt-fund.md): nabijd on port 0 with demo dossiers on a real
// SQLite file. The schuldhulpverlener's work queue and dossier, the household's own overview in
// plain Dutch, a milestone that forgives part of the debt, the figures, and who may see them.
#include <gtest/gtest.h>

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

  HttpResponse figures = srv.Call(bea, "GET", "/api/v1/debt/figures");
  ASSERT_EQ(figures.status, 200) << figures.body;
  json f = json::parse(figures.body);
  EXPECT_GE(f["restructured"].get<int>(), 1);
  EXPECT_EQ(f["forgiven"].get<int64_t>(), forgiven);
  EXPECT_EQ(srv.Call(bea, "GET", "/api/v1/debt/figures?from=gisteren").status, 400);
  EXPECT_EQ(srv.Call(shv, "GET", "/api/v1/debt/dossiers/999").status, 404);
}

}  // namespace
}  // namespace nabij::testing
