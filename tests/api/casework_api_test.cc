// The case administration over HTTP (docs/case-intake.md): nabijd on port 0 with a real SQLite
// file. An application decided straight-through and one that waits in the work queue for a
// person, income reported for a paid month (a recovery claim), the decisions with their trace and
// the access log, the letter as PDF, the caseload, and who may do what.
#include <gtest/gtest.h>

#include "test_server.h"

namespace nabij::testing {
namespace {

using nlohmann::json;

// An application reported ten days ago; `lodger` adds a housemate with a rent contract, which a
// person must look at (Pw art. 19a lid 2).
std::string ApplicationDoc(bool lodger) {
  const Date today = SystemClock().Today();
  const Date melding = today.AddDays(-10);
  json members = json::array({{{"role", "applicant"}, {"birth_date", "1980-05-05"}}});
  if (lodger) {
    members.push_back(
        {{"role", "housemate"}, {"birth_date", "1990-01-01"}, {"relation", "other"}, {"commercial_contract", true}});
  }
  json doc{{"melding", melding.ToString()},
           {"received", melding.AddDays(1).ToString()},
           {"applicant", {{"name", "Fictieve Aanvrager"}, {"iban", "NL91ABNA0417164300"}}},
           {"household",
            {{"month", melding.month().ToString()}, {"gemeente", "9999"}, {"vermogen", 0}, {"members", members}}}};
  return doc.dump();
}

TEST(CaseworkApiTest, IntakeQueueDecisionIncomeLetterAndCaseload) {
  TestServer srv;
  UserSession kim = srv.AddUser("kim", "klantmanager_inkomen");
  UserSession fin = srv.AddUser("fin", "financiele_administratie");
  UserSession fin2 = srv.AddUser("fin2", "financiele_administratie");
  UserSession bea = srv.AddUser("bea", "beleid");
  UserSession aud = srv.AddUser("aud", "auditor");

  // Straight-through.
  HttpResponse plain = srv.Call(kim, "POST", "/api/v1/applications", ApplicationDoc(false));
  ASSERT_EQ(plain.status, 201) << plain.body;
  json p = json::parse(plain.body);
  EXPECT_TRUE(p["automatic"].get<bool>());
  ASSERT_TRUE(p["decision"].is_object());
  EXPECT_EQ(p["decision"]["kind"], "toekenning");
  EXPECT_EQ(p["decision"]["decided_by"], "nabij");
  EXPECT_GT(p["voorschot_minimum"].get<int64_t>(), 0);
  const int64_t case_id = p["decision"]["case_id"];

  // To the work queue, with its reason.
  HttpResponse queued = srv.Call(kim, "POST", "/api/v1/applications", ApplicationDoc(true));
  ASSERT_EQ(queued.status, 201) << queued.body;
  json q = json::parse(queued.body);
  EXPECT_FALSE(q["automatic"].get<bool>());
  EXPECT_TRUE(q["decision"].is_null());
  ASSERT_EQ(q["reasons"].size(), 1u);
  EXPECT_NE(q["reasons"][0].get<std::string>().find("19a"), std::string::npos);
  const int64_t app_id = q["application_id"];

  HttpResponse queues = srv.Call(kim, "GET", "/api/v1/workqueues");
  ASSERT_EQ(queues.status, 200) << queues.body;
  json w = json::parse(queues.body);
  json mine;
  for (const json& a : w["applications"]) {
    if (a["id"] == app_id) mine = a;
  }
  ASSERT_TRUE(mine.is_object()) << "the queued application is in the work queue";
  EXPECT_EQ(mine["deadlines"]["days_left"], 47);  // 8 weeks from receipt, 9 days ago
  EXPECT_EQ(mine["reasons"], q["reasons"]);
  // The queue is sorted: fewest days left first.
  int previous = -1000000;
  for (const json& a : w["applications"]) {
    if (a["deadlines"]["days_left"].is_null()) continue;
    EXPECT_GE(a["deadlines"]["days_left"].get<int>(), previous);
    previous = a["deadlines"]["days_left"].get<int>();
  }
  EXPECT_TRUE(w["run_exceptions"]["month"].is_null());

  // A person decides; a refusal needs a reason.
  const std::string decide = "/api/v1/applications/" + std::to_string(app_id) + "/decision";
  EXPECT_EQ(srv.Call(kim, "POST", decide, R"({"grant": false})").status, 400);
  EXPECT_EQ(srv.Call(kim, "POST", decide, R"({"grant": "ja"})").status, 400);
  HttpResponse granted = srv.Call(kim, "POST", decide, R"({"grant": true, "note": "huurcontract gezien"})");
  ASSERT_EQ(granted.status, 201) << granted.body;
  EXPECT_EQ(json::parse(granted.body)["decided_by"], "kim");
  EXPECT_EQ(srv.Call(kim, "POST", decide, R"({"grant": true})").status, 409) << "decided once";

  // The month is paid; then a payslip for it comes in.
  const std::string month = SystemClock().Today().AddDays(-10).month().ToString();
  ASSERT_EQ(srv.Call(fin, "POST", "/api/v1/runs/" + month + "/prepare").status, 200);
  const std::string incomes = "/api/v1/cases/" + std::to_string(case_id) + "/incomes";
  EXPECT_EQ(srv.Call(kim, "POST", incomes, R"({"month": "2026-13", "net_work_income": 1})").status, 400);
  EXPECT_EQ(srv.Call(kim, "POST", incomes, R"({"month": ")" + month + R"(", "net_work_income": 1.5})").status, 400);
  EXPECT_EQ(srv.Call(fin2, "POST", incomes, R"({"month": ")" + month + R"(", "net_work_income": 100})").status, 403);
  HttpResponse income =
      srv.Call(kim, "POST", incomes, R"({"month": ")" + month + R"(", "net_work_income": 30000})");
  ASSERT_EQ(income.status, 201) << income.body;
  json inc = json::parse(income.body);
  EXPECT_TRUE(inc["month_was_paid"].get<bool>());
  EXPECT_GT(inc["overpaid"].get<int64_t>(), 0);
  EXPECT_TRUE(inc["recovery_id"].is_number_integer());
  EXPECT_EQ(inc["decision"]["kind"], "wijziging");

  // The decisions with their trace; the read is in the access log.
  HttpResponse decisions = srv.Call(kim, "GET", "/api/v1/cases/" + std::to_string(case_id) + "/decisions");
  ASSERT_EQ(decisions.status, 200) << decisions.body;
  json ds = json::parse(decisions.body)["decisions"];
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_FALSE(ds[0]["result"]["trace"].empty());
  EXPECT_EQ(ds[0]["overpaid"], 0);
  EXPECT_EQ(ds[1]["overpaid"], inc["overpaid"]) << "the change keeps what it settled";
  EXPECT_EQ(ds[1]["underpaid"], 0);
  const int64_t first_decision = ds[0]["id"];
  HttpResponse log = srv.Call(aud, "GET", "/api/v1/access-log?case=" + std::to_string(case_id));
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_NE(log.body.find("/decisions"), std::string::npos);

  HttpResponse pdf = srv.Call(
      kim, "GET", "/api/v1/cases/" + std::to_string(case_id) + "/letters/" + std::to_string(first_decision));
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(srv.Call(kim, "GET", "/api/v1/cases/" + std::to_string(case_id) + "/letters/999").status, 404);

  // The client file lists the same decisions, and a letter for each.
  HttpResponse file = srv.Call(kim, "GET", "/api/v1/cases/" + std::to_string(case_id));
  ASSERT_EQ(file.status, 200) << file.body;
  json f = json::parse(file.body);
  ASSERT_EQ(f["decisions"].size(), 2u);
  EXPECT_EQ(f["decisions"][0]["id"], first_decision);
  EXPECT_FALSE(f["decisions"][0]["result"]["trace"].empty());
  ASSERT_EQ(f["letters"].size(), 2u);
  EXPECT_EQ(f["letters"][0]["href"],
            "/api/v1/cases/" + std::to_string(case_id) + "/letters/" + std::to_string(first_decision));

  HttpResponse history = srv.Call(kim, "GET", "/api/v1/cases/" + std::to_string(case_id) + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_NE(history.body.find("income.reported"), std::string::npos);
  EXPECT_EQ(history.body.find("Fictieve Aanvrager"), std::string::npos) << "no names in the audit trail";

  HttpResponse load = srv.Call(bea, "GET", "/api/v1/stats/caseload?from=" + month + "&to=" + month);
  ASSERT_EQ(load.status, 200) << load.body;
  json months = json::parse(load.body)["months"];
  ASSERT_EQ(months.size(), 1u);
  // The demo households plus the two new cases.
  EXPECT_GE(months[0]["active"].get<int64_t>(), 2);
  EXPECT_GE(months[0]["inflow"].get<int64_t>(), 2);
  EXPECT_EQ(srv.Call(bea, "GET", "/api/v1/stats/caseload?from=x").status, 400);
  EXPECT_EQ(srv.Call(bea, "GET", "/api/v1/workqueues").status, 403) << "beleid sees aggregates only";
  EXPECT_EQ(srv.Call(fin, "POST", "/api/v1/applications", ApplicationDoc(false)).status, 403);
}

TEST(CaseworkApiTest, TheCaseOfAnApplicationIsFoundByTheBsnOfApplicantAndPartner) {
  TestServer srv;
  UserSession kim = srv.AddUser("kim", "klantmanager_inkomen");
  json doc = json::parse(ApplicationDoc(false));
  doc["applicant"]["bsn"] = "12345672";  // 8 digits: the leading zero was left out
  doc["household"]["members"].push_back({{"role", "partner"}, {"birth_date", "1981-01-01"}});
  doc["partner"] = {{"name", "Fictieve Partner"}, {"iban", "NL44RABO0123456789"}, {"bsn", "111222333"}};
  HttpResponse r = srv.Call(kim, "POST", "/api/v1/applications", doc.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  json a = json::parse(r.body);
  ASSERT_TRUE(a["decision"].is_object()) << r.body;
  const int64_t case_id = a["decision"]["case_id"];
  EXPECT_EQ(r.body.find("111222333"), std::string::npos);

  for (const char* q : {"012345672", "12345672", "111222333"}) {
    HttpResponse found = srv.Call(kim, "GET", std::string("/api/v1/cases?q=") + q);
    ASSERT_EQ(found.status, 200) << found.body;
    json hits = json::parse(found.body)["cases"];
    ASSERT_EQ(hits.size(), 1u) << q << ": " << found.body;
    EXPECT_EQ(hits[0]["id"], case_id);
    EXPECT_EQ(hits[0]["bsn"], "*****5672");
  }
  HttpResponse file = srv.Call(kim, "GET", "/api/v1/cases/" + std::to_string(case_id));
  ASSERT_EQ(file.status, 200) << file.body;
  json f = json::parse(file.body);
  EXPECT_EQ(f["applicant"]["bsn"], "*****5672");
  EXPECT_EQ(f["partner"]["bsn"], "*****2333");

  // Without a BSN the application is taken in as before; the file says it is not known.
  HttpResponse plain = srv.Call(kim, "POST", "/api/v1/applications", ApplicationDoc(false));
  ASSERT_EQ(plain.status, 201) << plain.body;
  const int64_t other = json::parse(plain.body)["decision"]["case_id"];
  HttpResponse none = srv.Call(kim, "GET", "/api/v1/cases/" + std::to_string(other));
  EXPECT_TRUE(json::parse(none.body)["applicant"]["bsn"].is_null());
}

TEST(CaseworkApiTest, BadApplicationsAreRefusedWithTheField) {
  TestServer srv;
  UserSession kim = srv.AddUser("kim", "klantmanager_inkomen");
  HttpResponse r = srv.Call(kim, "POST", "/api/v1/applications", R"({"melding": "2026-02-30"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["field"], "melding");
  r = srv.Call(kim, "POST", "/api/v1/applications", "{not json");
  EXPECT_EQ(r.status, 400);
  r = srv.Call(kim, "POST", "/api/v1/applications", "");
  EXPECT_EQ(r.status, 400);
  json doc = json::parse(ApplicationDoc(false));
  doc["applicant"]["iban"] = "NL00ABNA0417164300";
  r = srv.Call(kim, "POST", "/api/v1/applications", doc.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["field"], "applicant.iban");
  // A BSN that fails the elfproef is refused without repeating it; so is the applicant's own for the partner.
  doc = json::parse(ApplicationDoc(false));
  doc["applicant"]["bsn"] = "111222334";
  r = srv.Call(kim, "POST", "/api/v1/applications", doc.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["field"], "applicant.bsn");
  EXPECT_EQ(r.body.find("111222334"), std::string::npos) << r.body;
  doc["applicant"]["bsn"] = 111222333;
  EXPECT_EQ(srv.Call(kim, "POST", "/api/v1/applications", doc.dump()).status, 400) << "a number, not text";
  doc["applicant"]["bsn"] = "111222333";
  doc["household"]["members"].push_back({{"role", "partner"}, {"birth_date", "1981-01-01"}});
  doc["partner"] = {{"name", "Fictieve Partner"}, {"iban", "NL44RABO0123456789"}, {"bsn", "111222333"}};
  r = srv.Call(kim, "POST", "/api/v1/applications", doc.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["field"], "partner.bsn");
  EXPECT_EQ(srv.Call(kim, "POST", "/api/v1/applications/77/decision", R"({"grant": true})").status, 404);
  EXPECT_EQ(srv.Call(kim, "POST", "/api/v1/cases/999999/incomes", R"({"month": "2026-01", "net_work_income": 1})")
                .status,
            404);
}

}  // namespace
}  // namespace nabij::testing
