// The case administration on a real SQLite file: intake (straight-through and the work queue),
// a person's decision, income reported before and after the month was paid (a recovery claim
// booked in the ledger), and decisions that reproduce from their stored inputs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <tuple>

#include "api/case_input_json.h"
#include "api/casework.h"
#include "api/demo_applications.h"
#include "base/clock.h"
#include "payments/payment_run.h"
#include "pw/bijstand.h"
#include "pw/params.h"
#include "rules/source_rules.h"
#include "store/sqlite/case_store.h"
#include "store/sqlite/database.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/run_store.h"

namespace nabij {
namespace {

namespace fs = std::filesystem;

const rules::ParameterSet& Rules() { return rules::SourceRules(); }

// A single applicant of 41 with part-time work in the first vrijlating month: no exception rule.
constexpr char kSimple[] = R"({
  "melding": "2026-11-02", "received": "2026-11-04", "start_date": "2026-11-02",
  "applicant": {"name": "Test Aanvrager", "iban": "NL91ABNA0417164300"},
  "household": {"month": "2026-11", "gemeente": "9999", "vermogen": 120000,
    "members": [{"role": "applicant", "birth_date": "1985-03-14", "net_work_income": 40000, "vrijlating_n_month": 1}]}
})";

// A couple with a commercial lodger: the contract must be seen, so a person decides.
constexpr char kLodger[] = R"({
  "melding": "2026-11-09", "received": "2026-11-10",
  "applicant": {"name": "Test Aanvrager", "iban": "NL91ABNA0417164300"},
  "partner": {"name": "Test Partner", "iban": "NL44RABO0123456789"},
  "suspensions": [{"requested": "2026-11-12", "completed": "2026-11-19"}],
  "household": {"month": "2026-11", "gemeente": "9999", "vermogen": 0,
    "members": [{"role": "applicant", "birth_date": "1979-06-01"},
                {"role": "partner", "birth_date": "1981-02-20", "net_work_income": 55000},
                {"role": "housemate", "birth_date": "1990-01-01", "relation": "other", "commercial_contract": true}]}
})";

class CaseworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nabij_casework_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto db = store::SqliteDatabase::Open(dir_ / "nabij.db", store::OpenOptions{});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Migrate().ok());
    cases_ = std::make_unique<store::SqliteCaseStore>(*db_);
    events_ = std::make_unique<store::SqliteEventLog>(*db_);
    work_ = std::make_unique<api::Casework>(Rules(), *cases_, *events_, clock_);
  }
  void TearDown() override {
    work_.reset();
    cases_.reset();
    events_.reset();
    db_.reset();
    fs::remove_all(dir_);
  }

  int64_t Count(const std::string& sql) {
    auto s = db_->Prepare(sql);
    EXPECT_TRUE(s.ok());
    auto row = s->Step();
    EXPECT_TRUE(row.ok() && *row);
    return s->Int(0);
  }

  // Prepares the payment run of `month` as user "fin1".
  void PrepareRun(Month month) {
    store::SqliteRunStore runs(*db_);
    payments::PaymentRun run(runs, Rules(), clock_);
    auto r = run.Prepare(month, "fin1");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  fs::path dir_;
  FixedClock clock_{Date::Of(2026, 12, 3), 1'796'284'800'000};
  std::unique_ptr<store::SqliteDatabase> db_;
  std::unique_ptr<store::SqliteCaseStore> cases_;
  std::unique_ptr<store::SqliteEventLog> events_;
  std::unique_ptr<api::Casework> work_;
};

TEST_F(CaseworkTest, CompleteApplicationWithoutExceptionsIsDecidedStraightThrough) {
  auto o = work_->Apply(kSimple, "anna");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_TRUE(o->automatic);
  EXPECT_TRUE(o->reasons.empty());
  ASSERT_TRUE(o->decision.has_value());
  EXPECT_EQ(o->decision->kind, cases::DecisionKind::kToekenning);
  EXPECT_TRUE(o->decision->automatic);
  EXPECT_EQ(o->decision->decided_by, "nabij");
  EXPECT_EQ(o->decision->rules_version, Rules().content_hash());
  EXPECT_GT(o->decision->bijstand, Money::Zero());
  EXPECT_NE(o->decision->case_id, 0);
  // Complete on 4 November, decided on 3 December: 29 days (Awb art. 4:13 term: 8 weeks).
  EXPECT_EQ(o->deadlines.handling_days, 29);
  EXPECT_EQ(o->deadlines.voorschot_due, Date::Of(2026, 12, 2));

  auto app = cases_->GetApplication(o->application_id);
  ASSERT_TRUE(app.ok());
  EXPECT_EQ(app->status, cases::ApplicationStatus::kDecided);
  EXPECT_EQ(app->case_id, o->decision->case_id);
  EXPECT_EQ(app->handling_days, 29);
  EXPECT_TRUE(work_->Queue()->empty());
  // The case is registered for the payment run with the household's facts.
  auto facts = cases_->LoadFacts(o->decision->case_id);
  ASSERT_TRUE(facts.ok()) << facts.status().ToString();
  EXPECT_EQ(facts->start, Date::Of(2026, 11, 2));
  ASSERT_EQ(facts->history.incomes.size(), 1u);
  EXPECT_EQ(facts->history.incomes[0].work, Money::Cents(40000));
  ASSERT_EQ(facts->history.periods.size(), 1u);
  EXPECT_EQ(facts->history.periods[0].start, Month::Of(2026, 11));
  // The audit trail names ids and amounts, never the name.
  auto events = events_->List(0, 100);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  for (const Event& e : *events) EXPECT_EQ(e.detail.find("Test Aanvrager"), std::string::npos) << e.detail;
  EXPECT_EQ((*events)[1].kind, "application.decided");
}

TEST_F(CaseworkTest, ExceptionGoesToTheQueueWithItsReasonAndAPersonDecides) {
  auto o = work_->Apply(kLodger, "anna");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_FALSE(o->automatic);
  EXPECT_FALSE(o->decision.has_value());
  ASSERT_EQ(o->reasons.size(), 1u);
  EXPECT_NE(o->reasons[0].find("Pw art. 19a"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM cases"), 0);

  auto queue = work_->Queue();
  ASSERT_TRUE(queue.ok()) << queue.status().ToString();
  ASSERT_EQ(queue->size(), 1u);
  // Received 10 November, suspended 13-19 November (7 days): due 8 weeks + 7 days later.
  EXPECT_EQ((*queue)[0].deadlines.suspended_days, 7);
  EXPECT_EQ((*queue)[0].deadlines.decision_due, Date::Of(2027, 1, 12));
  EXPECT_EQ((*queue)[0].deadlines.days_left, 40);

  EXPECT_EQ(work_->Decide(o->application_id, false, "", "bram").status().code(), ErrorCode::kInvalidArgument);
  auto d = work_->Decide(o->application_id, true, "huurcontract gezien", "bram");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(d->automatic);
  EXPECT_EQ(d->decided_by, "bram");
  EXPECT_EQ(d->bijstand, o->bijstand);
  EXPECT_NE(d->case_id, 0);
  EXPECT_TRUE(work_->Queue()->empty());
  // Decided once.
  EXPECT_EQ(work_->Decide(o->application_id, false, "nee", "bram").status().code(), ErrorCode::kFailedPrecondition);
  // Couples: the partner is the second payee.
  auto facts = cases_->LoadFacts(d->case_id);
  ASSERT_TRUE(facts.ok());
  EXPECT_TRUE(facts->partner_id.has_value());
}

TEST_F(CaseworkTest, RefusalOpensNoCaseAndKeepsTheReason) {
  auto o = work_->Apply(kLodger, "anna");
  ASSERT_TRUE(o.ok());
  auto d = work_->Decide(o->application_id, false, "inkomen partner boven de norm", "bram");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->kind, cases::DecisionKind::kAfwijzing);
  EXPECT_EQ(d->case_id, 0);
  EXPECT_EQ(d->bijstand, Money::Zero());
  EXPECT_EQ(Count("SELECT count(*) FROM cases"), 0);
  auto again = work_->Reproduce(*d, nullptr);
  EXPECT_TRUE(again.ok()) << again.status().ToString();
}

TEST_F(CaseworkTest, AFailedGrantLeavesTheApplicationQueuedAndStoresNothing) {
  auto o = work_->Apply(kLodger, "anna");
  ASSERT_TRUE(o.ok());
  cases::DecisionRecord d;
  d.kind = cases::DecisionKind::kToekenning;
  d.effective_from = Date::Of(2026, 11, 9);
  d.month = Month::Of(2026, 11);
  d.decided_by = "bram";
  d.decided_at = "2026-12-03T10:00:00Z";
  d.rules_version = "x";
  d.inputs = "{}";
  d.result = "{}";
  cases::NewCase bad;
  bad.gemeente = "9999";
  bad.start = Date::Of(2026, 11, 9);
  bad.history.applicant_id = 1;
  bad.history.applicant_birth = Date::Of(1979, 6, 1);
  bad.history.incomes.push_back({7, Month::Of(2026, 11), Money::Cents(1), Money::Zero()});  // person 7: nobody
  bad.applicant = {"Test", "NL91ABNA0417164300"};
  EXPECT_FALSE(cases_->DecideApplication(o->application_id, bad, d, 3).ok());
  EXPECT_EQ(Count("SELECT count(*) FROM cases"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM persons"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM decisions"), 0);
  EXPECT_EQ(cases_->GetApplication(o->application_id)->status, cases::ApplicationStatus::kQueued);
}

TEST_F(CaseworkTest, DecisionsAreAppendOnly) {
  auto o = work_->Apply(kSimple, "anna");
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(db_->Exec("UPDATE decisions SET bijstand = 1").ok());
  EXPECT_FALSE(db_->Exec("DELETE FROM decisions").ok());
  EXPECT_FALSE(db_->Exec("UPDATE applications SET status = 'queued'").ok());
}

TEST_F(CaseworkTest, IncomeForAnUnpaidMonthChangesTheRightWithoutARecovery) {
  auto o = work_->Apply(kSimple, "anna");
  ASSERT_TRUE(o.ok());
  const int64_t case_id = o->decision->case_id;
  auto r = work_->ReportIncome(case_id, Month::Of(2026, 12), false, Money::Cents(50000), Money::Zero(), "anna");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->month_was_paid);
  EXPECT_EQ(r->recovery_id, 0);
  EXPECT_EQ(r->decision.kind, cases::DecisionKind::kWijziging);
  EXPECT_EQ(Count("SELECT count(*) FROM recoveries"), 0);
  // December, second month of the vrijlating period: the same engine on the stored input.
  auto again = work_->Reproduce(r->decision, nullptr);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->bijstand, r->decision.bijstand);
}

TEST_F(CaseworkTest, IncomeReportedAfterTheMonthWasPaidBecomesABookedRecoveryClaim) {
  auto o = work_->Apply(kSimple, "anna");
  ASSERT_TRUE(o.ok());
  const int64_t case_id = o->decision->case_id;
  PrepareRun(Month::Of(2026, 11));
  auto paid = cases_->PaidBijstand(case_id, Month::Of(2026, 11));
  ASSERT_TRUE(paid.ok() && paid->has_value());
  EXPECT_EQ(**paid, o->decision->bijstand);

  // A second payslip of EUR 300 for November.
  auto r = work_->ReportIncome(case_id, Month::Of(2026, 11), false, Money::Cents(30000), Money::Zero(), "anna");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->month_was_paid);
  EXPECT_EQ(r->paid, o->decision->bijstand);
  EXPECT_GT(r->overpaid, Money::Zero());
  EXPECT_EQ(r->overpaid, r->paid - r->decision.bijstand);
  EXPECT_NE(r->recovery_id, 0);
  EXPECT_EQ(Count("SELECT total FROM recoveries"), r->overpaid.cents());
  // Booked once, balanced: the receivable equals the claim.
  store::SqliteRunStore runs(*db_);
  auto tb = runs.TrialBalance(clock_.Today());
  ASSERT_TRUE(tb.ok());
  Money receivable;
  for (const ledger::TrialBalanceLine& l : tb->lines) {
    if (l.account == ledger::kVorderingTerugvordering) receivable = l.balance;
  }
  EXPECT_EQ(tb->total_debit, tb->total_credit);
  EXPECT_EQ(receivable, r->overpaid);
  // The next run offsets it within the beslagvrije voet (the case's next month loads it).
  auto facts = runs.LoadCase(case_id);
  ASSERT_TRUE(facts.ok());
  ASSERT_EQ(facts->recoveries.size(), 1u);
  EXPECT_EQ(facts->recoveries[0].remaining, r->overpaid);
}

// Two late payslips for one paid month: the second change settles only what the first did not.
// Everything recovered for the month adds up to what was paid minus the right as known now
// (Pw art. 58: what was received too much, not more), and an underpayment found on the way is
// counted too.
TEST_F(CaseworkTest, ASecondLateChangeToAPaidMonthSettlesOnlyTheDifference) {
  auto o = work_->Apply(kSimple, "anna");
  ASSERT_TRUE(o.ok());
  const int64_t case_id = o->decision->case_id;
  const Month nov = Month::Of(2026, 11);
  PrepareRun(nov);
  const Money paid = **cases_->PaidBijstand(case_id, nov);

  auto first = work_->ReportIncome(case_id, nov, false, Money::Cents(30000), Money::Zero(), "anna");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->paid, paid);
  EXPECT_EQ(first->overpaid, paid - first->decision.bijstand);
  EXPECT_EQ(first->decision.overpaid, first->overpaid);
  auto second = work_->ReportIncome(case_id, nov, false, Money::Cents(20000), Money::Zero(), "anna");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  // The month now counts as paid at the first correction's right, not at the run's amount.
  EXPECT_EQ(second->paid, first->decision.bijstand);
  EXPECT_EQ(second->overpaid, first->decision.bijstand - second->decision.bijstand);
  EXPECT_EQ(Count("SELECT sum(total) FROM recoveries"), (paid - second->decision.bijstand).cents());
  EXPECT_EQ(Count("SELECT count(*) FROM recoveries"), 2);

  // The stored decisions carry what each settled; their sum is the month's whole correction.
  EXPECT_EQ(Count("SELECT sum(overpaid) - sum(underpaid) FROM decisions WHERE case_id = " + std::to_string(case_id) +
                  " AND month = '2026-11'"),
            (paid - second->decision.bijstand).cents());
}

TEST_F(CaseworkTest, IncomeReportRefusesAMonthOutsideTheRightAndAMissingPartner) {
  auto o = work_->Apply(kSimple, "anna");
  ASSERT_TRUE(o.ok());
  const int64_t case_id = o->decision->case_id;
  EXPECT_EQ(work_->ReportIncome(case_id, Month::Of(2026, 10), false, Money::Cents(1), Money::Zero(), "anna")
                .status()
                .code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(work_->ReportIncome(case_id, Month::Of(2026, 12), true, Money::Cents(1), Money::Zero(), "anna")
                .status()
                .code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(work_->ReportIncome(case_id, Month::Of(2026, 12), false, Money::Cents(-1), Money::Zero(), "anna")
                .status()
                .code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(work_->ReportIncome(999, Month::Of(2026, 12), false, Money::Cents(1), Money::Zero(), "anna")
                .status()
                .code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(Count("SELECT count(*) FROM incomes"), 1);  // only the application's
}

TEST_F(CaseworkTest, AHousemateWhoJoinedInAPaidMonthLowersItAndTheDifferenceIsRecovered) {
  auto o = work_->Apply(kSimple, "anna");
  ASSERT_TRUE(o.ok());
  const int64_t case_id = o->decision->case_id;
  PrepareRun(Month::Of(2026, 11));
  PrepareRun(Month::Of(2026, 12));
  auto paid = cases_->PaidBijstand(case_id, Month::Of(2026, 12));
  ASSERT_TRUE(paid.ok() && paid->has_value());
  pw::MemberFact brother;
  brother.role = pw::Role::kHousemate;
  brother.birth = Date::Of(1990, 4, 4);
  brother.valid_from = Date::Of(2026, 12, 1);  // counts from December itself
  auto r = work_->AddMember(case_id, brother, "anna");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->decision.month, Month::Of(2026, 12));
  EXPECT_TRUE(r->month_was_paid);
  // Pw art. 22a: the kostendelersnorm for two instead of the single norm.
  EXPECT_LT(r->decision.bijstand, **paid);
  EXPECT_EQ(r->overpaid, **paid - r->decision.bijstand);
  EXPECT_NE(r->person_id, 0);
  auto facts = cases_->LoadFacts(case_id);
  ASSERT_TRUE(facts.ok());
  ASSERT_EQ(facts->history.members.size(), 1u);
  EXPECT_EQ(facts->history.members[0].person_id, r->person_id);
  EXPECT_TRUE(work_->Reproduce(r->decision, nullptr).ok());

  // He leaves on 10 January: from February the single norm again; that month is not paid yet.
  auto left = work_->RemoveMember(case_id, r->person_id, Date::Of(2027, 1, 10), "anna");
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_EQ(left->decision.month, Month::Of(2027, 2));
  EXPECT_FALSE(left->month_was_paid);
  EXPECT_EQ(work_->RemoveMember(case_id, r->person_id, Date::Of(2027, 1, 20), "anna").status().code(),
            ErrorCode::kNotFound);
  // A partner does not join this way, and nobody joins before the right started.
  brother.role = pw::Role::kPartner;
  EXPECT_EQ(work_->AddMember(case_id, brother, "anna").status().code(), ErrorCode::kInvalidArgument);
  brother.role = pw::Role::kChild;
  brother.valid_from = Date::Of(2026, 10, 1);
  EXPECT_EQ(work_->AddMember(case_id, brother, "anna").status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(CaseworkTest, EndingTheRightIsADecisionTakenOnce) {
  auto o = work_->Apply(kSimple, "anna");
  ASSERT_TRUE(o.ok());
  const int64_t case_id = o->decision->case_id;
  EXPECT_EQ(work_->EndCase(case_id, Date::Of(2026, 12, 31), "", "anna").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(work_->EndCase(case_id, Date::Of(2026, 10, 31), "werk", "anna").status().code(),
            ErrorCode::kInvalidArgument);
  auto d = work_->EndCase(case_id, Date::Of(2026, 12, 31), "werk gevonden", "anna");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->kind, cases::DecisionKind::kBeeindiging);
  EXPECT_EQ(d->effective_from, Date::Of(2027, 1, 1));
  EXPECT_TRUE(work_->Reproduce(*d, nullptr).ok());
  EXPECT_EQ(cases_->LoadFacts(case_id)->end, Date::Of(2026, 12, 31));
  EXPECT_EQ(work_->EndCase(case_id, Date::Of(2027, 1, 31), "x", "anna").status().code(),
            ErrorCode::kFailedPrecondition);
  // No income for a month without a right.
  EXPECT_EQ(work_->ReportIncome(case_id, Month::Of(2027, 1), false, Money::Cents(1), Money::Zero(), "anna")
                .status()
                .code(),
            ErrorCode::kInvalidArgument);
  auto decisions = cases_->Decisions(case_id);
  ASSERT_TRUE(decisions.ok());
  EXPECT_EQ(decisions->size(), 2u);
}

TEST_F(CaseworkTest, CaseloadCountsActiveInflowAndOutflowPerMonth) {
  auto a = work_->Apply(kSimple, "anna");
  ASSERT_TRUE(a.ok());
  auto b = work_->Apply(kLodger, "anna");
  ASSERT_TRUE(b.ok());
  auto granted = work_->Decide(b->application_id, true, "gezien", "bram");
  ASSERT_TRUE(granted.ok());
  ASSERT_TRUE(work_->EndCase(granted->case_id, Date::Of(2027, 1, 15), "verhuisd", "anna").ok());
  auto load = cases_->Caseload(Month::Of(2026, 10), Month::Of(2027, 2));
  ASSERT_TRUE(load.ok()) << load.status().ToString();
  ASSERT_EQ(load->size(), 5u);
  auto at = [&](size_t i) { return std::tuple((*load)[i].active, (*load)[i].inflow, (*load)[i].outflow); };
  EXPECT_EQ((*load)[0].month, Month::Of(2026, 10));
  EXPECT_EQ(at(0), std::tuple(0, 0, 0));
  EXPECT_EQ(at(1), std::tuple(2, 2, 0));  // November: both start
  EXPECT_EQ(at(2), std::tuple(2, 0, 0));
  EXPECT_EQ(at(3), std::tuple(2, 0, 1));  // January: one ends on the 15th
  EXPECT_EQ(at(4), std::tuple(1, 0, 0));
  EXPECT_EQ(cases_->Caseload(Month::Of(2027, 1), Month::Of(2026, 1)).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(cases_->Caseload(Month::Of(1900, 1), Month::Of(2026, 1)).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(CaseworkTest, DemoApplicationsAreValidAndFillBothPaths) {
  auto docs = api::GenerateDemoApplications(7, 60, clock_.Today());
  ASSERT_EQ(docs.size(), 60u);
  EXPECT_EQ(docs, api::GenerateDemoApplications(7, 60, clock_.Today()));  // same seed, same documents
  int automatic = 0;
  std::set<std::string> reasons;
  for (const std::string& doc : docs) {
    EXPECT_EQ(doc.find("Fictieve"), doc.find("\"name\"") + 8) << doc;  // fictitious names only
    auto o = work_->Apply(doc, "demo");
    ASSERT_TRUE(o.ok()) << o.status().ToString() << "\n" << doc;
    automatic += o->automatic ? 1 : 0;
    for (const auto& r : o->reasons) reasons.insert(r.substr(0, 30));
  }
  EXPECT_GE(automatic, 15);
  EXPECT_LE(automatic, 45);
  EXPECT_GE(reasons.size(), 4u);
  EXPECT_EQ(work_->Queue()->size(), static_cast<size_t>(60 - automatic));
}

TEST_F(CaseworkTest, AStoredDecisionDoesNotReproduceUnderOtherRules) {
  auto o = work_->Apply(kSimple, "anna");
  ASSERT_TRUE(o.ok());
  cases::DecisionRecord d = *o->decision;
  d.rules_version = "0000000000000000";
  EXPECT_EQ(work_->Reproduce(d, nullptr).status().code(), ErrorCode::kFailedPrecondition);
  d = *o->decision;
  d.bijstand = d.bijstand + Money::Cents(1);
  EXPECT_EQ(work_->Reproduce(d, nullptr).status().code(), ErrorCode::kInternal);
}

TEST_F(CaseworkTest, BadApplicationsAreRefusedWithTheirField) {
  struct Bad {
    std::string doc;
    ErrorCode code;
    std::string field;
  };
  const std::string household =
      R"("household": {"month": "2026-11", "gemeente": "9999", "members": [{"role": "applicant", "birth_date": "1985-03-14"}]})";
  const std::string applicant = R"("applicant": {"name": "T", "iban": "NL91ABNA0417164300"})";
  const std::vector<Bad> cases = {
      {"{", ErrorCode::kParseError, ""},
      {"[]", ErrorCode::kInvalidArgument, ""},
      {"{" + applicant + "," + household + "}", ErrorCode::kInvalidArgument, "melding"},
      {R"({"melding": "2026-11-31", )" + applicant + "," + household + "}", ErrorCode::kInvalidArgument, "melding"},
      {R"({"melding": "2026-11-02", "applicant": {"name": "T", "iban": "NL00ABNA0417164300"}, )" + household + "}",
       ErrorCode::kInvalidArgument, "applicant.iban"},
      {R"({"melding": "2026-11-02", "x": 1, )" + applicant + "," + household + "}", ErrorCode::kInvalidArgument, "x"},
      {R"({"melding": "2026-10-02", )" + applicant + "," + household + "}", ErrorCode::kInvalidArgument,
       "household.month"},
      {R"({"melding": "2026-11-02", )" + applicant +
           R"(, "household": {"month": "2026-11", "gemeente": "9999", "members": [{"role": "applicant", "age": 40}]}})",
       ErrorCode::kInvalidArgument, "household.members[0].birth_date"},
      {R"({"melding": "2026-11-02", )" + applicant + R"(, "partner": {"name": "P", "iban": "NL91ABNA0417164300"}, )" +
           household + "}",
       ErrorCode::kInvalidArgument, "partner"},
  };
  for (const Bad& b : cases) {
    auto r = work_->Apply(b.doc, "anna");
    ASSERT_FALSE(r.ok()) << b.doc;
    EXPECT_EQ(r.status().code(), b.code) << b.doc << " -> " << r.status().ToString();
    EXPECT_EQ(r.status().field(), b.field) << b.doc << " -> " << r.status().ToString();
  }
  EXPECT_EQ(Count("SELECT count(*) FROM applications"), 0);
}

TEST(EngineInputJson, RoundTripGivesTheSameInputAndRefusesChanges) {
  pw::CaseInput in;
  in.month = Month::Of(2026, 7);
  in.applicant.birth = Date::Of(1990, 1, 2);
  in.applicant.work_income = Money::Cents(81234);
  in.applicant.periods.n_month = 3;
  in.has_partner = true;
  in.partner.birth = Date::Of(1992, 5, 6);
  in.partner.entitled = false;
  in.children = 2;
  in.youngest_child_birth = Date::Of(2020, 3, 4);
  in.vermogen = Money::Cents(500000);
  in.housemate_count = 1;
  in.housemates[0] = {Date::Of(1960, 1, 1), pw::Relation::kFirstDegree, pw::Education::kNone, true, false};
  std::string text = api::EngineInputToJson({in, "9999", pw::Regime::kInBalans});
  auto back = api::ParseEngineInputJson(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(api::EngineInputToJson(*back), text);
  EXPECT_EQ(back->regime, pw::Regime::kInBalans);
  EXPECT_EQ(back->input.partner.entitled, false);
  EXPECT_EQ(back->input.housemates[0].relation, pw::Relation::kFirstDegree);

  std::string unknown = text;
  unknown.insert(1, "\"extra\":1,");
  EXPECT_EQ(api::ParseEngineInputJson(unknown).status().field(), "extra");
  std::string missing = text;
  missing.replace(missing.find("\"vermogen\""), std::string("\"vermogen\":500000,").size(), "");
  EXPECT_EQ(api::ParseEngineInputJson(missing).status().field(), "vermogen");
  EXPECT_EQ(api::ParseEngineInputJson("nope").status().code(), ErrorCode::kParseError);
}

}  // namespace
}  // namespace nabij
