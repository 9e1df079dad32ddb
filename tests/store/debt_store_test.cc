// The DebtStore test suite: what every storage backend of the debt fund must do. Runs on each
// backend of DebtStoreBackends() through debt::DebtStore only, plus the schema's own refusals
// where the backend has SQL, and the fund's whole life of a dossier on top of the store.
#include <gtest/gtest.h>

#include "base/ids.h"
#include "debt/fund.h"
#include "debt_store_backend.h"
#include "rules/source_rules.h"
#include "sepa/xsd_validator.h"

namespace nabij::store::testing {
namespace {

using debt::Claim;
using debt::Dossier;

const Date kReg = Date::Of(2026, 3, 2);

Dossier Full() {
  Dossier d;
  d.household_ref = "H-42";
  d.gemeente = "9999";
  d.registered = kReg;
  d.restructured = kReg.AddDays(9);
  d.finances.huishouden = bvv::Huishouden::kGehuwdenMetKinderen;
  d.finances.op_bijstand = false;
  d.finances.net_income = Money::Cents(250000);
  d.finances.bvv_formule = Money::Cents(190000);
  d.finances.housing_costs = Money::Cents(95000);
  d.finances.adults = 2;
  d.finances.other_fixed_costs = Money::Cents(12345);
  for (int i = 1; i <= 2; ++i) {
    Claim c;
    c.seq = i;
    c.creditor = "Demo Crediteur " + std::to_string(i);
    c.creditor_iban = DemoIban(7'000'000'000 + static_cast<uint64_t>(i));
    c.creditor_reference = "R-" + std::to_string(i);
    c.sector = i == 1 ? debt::Sector::kWater : debt::Sector::kOverheid;
    c.principal = Money::Cents(10000 * i);
    c.interest = Money::Cents(123);
    c.collection_costs = Money::Cents(4000);
    c.verification = debt::Verification::kConfirmed;
    c.offers.push_back(
        {1, Ratio::Of(625, 1000), Money::Cents(5000), kReg, kReg.AddDays(10),
         debt::Answer{debt::AnswerKind::kCounter, kReg.AddDays(3), Money::Cents(6000)}});
    c.offers.push_back(
        {2, Ratio::Of(70, 100), Money::Cents(7000), kReg.AddDays(4), kReg.AddDays(14), {}});
    c.settled_amount = Money::Cents(7000);
    c.settled_on = kReg.AddDays(9);
    if (i == 1) {
      c.paid_on = kReg.AddDays(12);
      c.payment_id = "SF1C1";
    }
    d.claims.push_back(c);
  }
  d.plan = debt::Plan{debt::Regime::kKlassiek36, Month::Of(2026, 4), Money::Cents(14000),
                      Money::Cents(3000),        Money::Cents(3000), 5,
                      kReg.AddDays(20)};
  d.repayments.push_back({1, Month::Of(2026, 4), Date::Of(2026, 4, 27), Money::Cents(3000),
                          debt::RepaymentSource::kUitkering});
  d.forgiveness.push_back({1, debt::MilestoneKind::kDiploma, Date::Of(2026, 5, 1), "s.hulp",
                           Money::Cents(1000), Money::Cents(1000), Date::Of(2026, 6, 1)});
  d.forgiveness.push_back(
      {2, std::nullopt, Date::Of(2026, 7, 1), "nabij", Money::Cents(500), Money::Zero(), {}});
  return d;
}

void ExpectSame(const Dossier& a, const Dossier& b) {
  EXPECT_EQ(a.household_ref, b.household_ref);
  EXPECT_EQ(a.gemeente, b.gemeente);
  EXPECT_EQ(a.registered, b.registered);
  EXPECT_EQ(a.restructured, b.restructured);
  EXPECT_EQ(a.breached, b.breached);
  EXPECT_EQ(a.finances.huishouden, b.finances.huishouden);
  EXPECT_EQ(a.finances.op_bijstand, b.finances.op_bijstand);
  EXPECT_EQ(a.finances.net_income, b.finances.net_income);
  EXPECT_EQ(a.finances.bvv_formule, b.finances.bvv_formule);
  EXPECT_EQ(a.finances.housing_costs, b.finances.housing_costs);
  EXPECT_EQ(a.finances.adults, b.finances.adults);
  EXPECT_EQ(a.finances.other_fixed_costs, b.finances.other_fixed_costs);
  ASSERT_EQ(a.claims.size(), b.claims.size());
  for (size_t i = 0; i < a.claims.size(); ++i) {
    const Claim& x = a.claims[i];
    const Claim& y = b.claims[i];
    EXPECT_EQ(x.seq, y.seq);
    EXPECT_EQ(x.creditor, y.creditor);
    EXPECT_EQ(x.creditor_iban, y.creditor_iban);
    EXPECT_EQ(x.creditor_reference, y.creditor_reference);
    EXPECT_EQ(x.sector, y.sector);
    EXPECT_EQ(x.total(), y.total());
    EXPECT_EQ(x.interest, y.interest);
    EXPECT_EQ(x.verification, y.verification);
    EXPECT_EQ(x.settled_amount, y.settled_amount);
    EXPECT_EQ(x.settled_on, y.settled_on);
    EXPECT_EQ(x.paid_on, y.paid_on);
    EXPECT_EQ(x.payment_id, y.payment_id);
    ASSERT_EQ(x.offers.size(), y.offers.size());
    for (size_t k = 0; k < x.offers.size(); ++k) {
      EXPECT_EQ(x.offers[k].round, y.offers[k].round);
      EXPECT_EQ(x.offers[k].percentage, y.offers[k].percentage);
      EXPECT_EQ(x.offers[k].amount, y.offers[k].amount);
      EXPECT_EQ(x.offers[k].sent, y.offers[k].sent);
      EXPECT_EQ(x.offers[k].answer_due, y.offers[k].answer_due);
      ASSERT_EQ(x.offers[k].answer.has_value(), y.offers[k].answer.has_value());
      if (x.offers[k].answer) {
        EXPECT_EQ(x.offers[k].answer->kind, y.offers[k].answer->kind);
        EXPECT_EQ(x.offers[k].answer->date, y.offers[k].answer->date);
        EXPECT_EQ(x.offers[k].answer->counter_amount, y.offers[k].answer->counter_amount);
      }
    }
  }
  ASSERT_EQ(a.plan.has_value(), b.plan.has_value());
  if (a.plan) {
    EXPECT_EQ(a.plan->regime, b.plan->regime);
    EXPECT_EQ(a.plan->start, b.plan->start);
    EXPECT_EQ(a.plan->balance, b.plan->balance);
    EXPECT_EQ(a.plan->monthly, b.plan->monthly);
    EXPECT_EQ(a.plan->term_months, b.plan->term_months);
    EXPECT_EQ(a.plan->agreed_on, b.plan->agreed_on);
  }
  ASSERT_EQ(a.repayments.size(), b.repayments.size());
  for (size_t i = 0; i < a.repayments.size(); ++i) {
    EXPECT_EQ(a.repayments[i].month, b.repayments[i].month);
    EXPECT_EQ(a.repayments[i].date, b.repayments[i].date);
    EXPECT_EQ(a.repayments[i].amount, b.repayments[i].amount);
    EXPECT_EQ(a.repayments[i].source, b.repayments[i].source);
  }
  ASSERT_EQ(a.forgiveness.size(), b.forgiveness.size());
  for (size_t i = 0; i < a.forgiveness.size(); ++i) {
    EXPECT_EQ(a.forgiveness[i].milestone, b.forgiveness[i].milestone);
    EXPECT_EQ(a.forgiveness[i].date, b.forgiveness[i].date);
    EXPECT_EQ(a.forgiveness[i].confirmed_by, b.forgiveness[i].confirmed_by);
    EXPECT_EQ(a.forgiveness[i].amount, b.forgiveness[i].amount);
    EXPECT_EQ(a.forgiveness[i].clawed_back, b.forgiveness[i].clawed_back);
    EXPECT_EQ(a.forgiveness[i].clawed_back_on, b.forgiveness[i].clawed_back_on);
  }
}

ledger::Entry Booking(const std::string& ref, int64_t dossier, Money amount) {
  auto e = ledger::MakeEntry(
      kReg, ref, "test",
      {{debt::ReceivableAccount(dossier), amount}, {ledger::kTeBetalenSchuldeisers, -amount}});
  NABIJ_CHECK(e.ok());
  return *e;
}

class DebtStoreTest : public ::testing::TestWithParam<DebtStoreBackend> {
 protected:
  void SetUp() override {
    auto t = GetParam().open();
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    under_test_ = std::move(*t);
  }
  debt::DebtStore& store() { return under_test_->store(); }
  std::unique_ptr<DebtStoreUnderTest> under_test_;
};

TEST_P(DebtStoreTest, AFullDossierRoundTrips) {
  auto id = store().CreateDossier(Full());
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto d = store().LoadDossier(*id);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->id, *id);
  EXPECT_EQ(d->version, 1);
  ExpectSame(Full(), *d);
  EXPECT_EQ(store().LoadDossier(*id + 1).status().code(), ErrorCode::kNotFound);
  auto second = store().CreateDossier(Full());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*store().DossiersOf("H-42"), (std::vector<int64_t>{*id, *second}));
  EXPECT_TRUE(store().DossiersOf("H-43")->empty());
  auto all = store().LoadDossiers();
  ASSERT_EQ(all->size(), 2u);
  ExpectSame(Full(), (*all)[0]);
}

TEST_P(DebtStoreTest, SaveBumpsTheVersionAndRefusesAStaleCopy) {
  Dossier fresh = Full();
  fresh.claims.clear();
  fresh.plan.reset();
  fresh.repayments.clear();
  fresh.forgiveness.clear();
  fresh.restructured.reset();
  auto id = store().CreateDossier(fresh);
  ASSERT_TRUE(id.ok());
  Dossier mine = *store().LoadDossier(*id);
  Dossier theirs = *store().LoadDossier(*id);
  mine.claims = Full().claims;
  ASSERT_TRUE(store().Save({mine}, {Booking("debt:1:overname", *id, Money::Cents(14000))}).ok());
  EXPECT_EQ(store().LoadDossier(*id)->version, 2);
  theirs.finances.net_income = Money::Cents(1);
  Status s = store().Save({theirs}, {Booking("debt:1:x", *id, Money::Cents(1))});
  EXPECT_EQ(s.code(), ErrorCode::kConflict) << s.ToString();
  Dossier now = *store().LoadDossier(*id);
  EXPECT_EQ(now.claims.size(), 2u);
  EXPECT_NE(now.finances.net_income, Money::Cents(1));
  EXPECT_EQ(store().Entries()->size(), 1u) << "the entry of a refused save was booked";
}

TEST_P(DebtStoreTest, TwoConnectionsSavingOneDossierGetAConflict) {
  auto other = under_test_->OpenAnother();
  if (!other.ok()) GTEST_SKIP() << other.status().ToString();
  Dossier fresh = Full();
  fresh.claims.clear();
  auto id = store().CreateDossier(fresh);
  ASSERT_TRUE(id.ok());
  Dossier mine = *store().LoadDossier(*id);
  Dossier theirs = *(*other)->LoadDossier(*id);
  theirs.household_ref = "THEIRS";
  ASSERT_TRUE((*other)->Save({theirs}, {}).ok());
  mine.household_ref = "MINE";
  EXPECT_EQ(store().Save({mine}, {}).code(), ErrorCode::kConflict);
  EXPECT_EQ(store().LoadDossier(*id)->household_ref, "THEIRS");
}

TEST_P(DebtStoreTest, SaveIsAllOrNothing) {
  Dossier fresh = Full();
  fresh.claims.clear();
  auto a = store().CreateDossier(fresh);
  auto b = store().CreateDossier(fresh);
  ASSERT_TRUE(a.ok() && b.ok());
  Dossier da = *store().LoadDossier(*a);
  ASSERT_TRUE(store().Save({da}, {Booking("debt:1:overname", *a, Money::Cents(500))}).ok());
  da = *store().LoadDossier(*a);
  Dossier db = *store().LoadDossier(*b);
  da.household_ref = "CHANGED";
  db.household_ref = "CHANGED";
  // A booked reference refuses the whole save: neither dossier changes.
  Status s = store().Save({da, db}, {Booking("debt:2:overname", *b, Money::Cents(500)),
                                     Booking("debt:1:overname", *a, Money::Cents(500))});
  EXPECT_EQ(s.code(), ErrorCode::kAlreadyExists) << s.ToString();
  EXPECT_EQ(store().LoadDossier(*a)->household_ref, "H-42");
  EXPECT_EQ(store().LoadDossier(*b)->household_ref, "H-42");
  EXPECT_EQ(store().Entries()->size(), 1u);
  Dossier ghost = da;
  ghost.id = 999;
  EXPECT_EQ(store().Save({ghost}, {}).code(), ErrorCode::kNotFound);
  auto unbalanced = Booking("debt:3:x", *a, Money::Cents(5));
  unbalanced.postings[0].amount = Money::Cents(6);
  EXPECT_EQ(store().Save({}, {unbalanced}).code(), ErrorCode::kInvalidArgument);
}

TEST_P(DebtStoreTest, EntriesComeBackWithTheirPostings) {
  auto id = store().CreateDossier(Full());
  ASSERT_TRUE(id.ok());
  Dossier d = *store().LoadDossier(*id);
  ASSERT_TRUE(store()
                  .Save({d}, {Booking("debt:1:a", *id, Money::Cents(700)),
                              Booking("debt:1:b", *id, Money::Cents(3))})
                  .ok());
  auto entries = store().Entries();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].reference, "debt:1:a");
  EXPECT_EQ((*entries)[1].postings.size(), 2u);
  EXPECT_EQ((*entries)[1].postings[0].account, debt::ReceivableAccount(*id));
  EXPECT_EQ((*entries)[1].postings[0].amount, Money::Cents(3));
  EXPECT_EQ((*entries)[1].booking_date, kReg);
}

TEST_P(DebtStoreTest, TasksAreStoredOnceAndAllOrNothing) {
  debt::OutreachTask t{
      0, {"Demo Water", debt::SignalSector::kWater, "H-1", kReg, Money::Cents(4500), 2}, kReg};
  debt::OutreachTask u = t;
  u.signal.sector = debt::SignalSector::kHuur;
  ASSERT_TRUE(store().AddTasks({t, u}).ok());
  debt::OutreachTask v = t;
  v.signal.household_ref = "H-2";
  Status s = store().AddTasks({v, t});
  EXPECT_EQ(s.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(s.field(), "tasks[1]");
  auto tasks = store().Tasks();
  ASSERT_EQ(tasks->size(), 2u);
  EXPECT_EQ((*tasks)[1].signal.sector, debt::SignalSector::kHuur);
  EXPECT_EQ((*tasks)[0].signal.arrears, Money::Cents(4500));
  EXPECT_GT((*tasks)[0].id, 0);
}

TEST_P(DebtStoreTest, TheSchemaRefusesRewritingHistory) {
  if (!under_test_->has_sql()) GTEST_SKIP() << "no SQL underneath";
  auto id = store().CreateDossier(Full());
  ASSERT_TRUE(id.ok());
  EXPECT_FALSE(under_test_->ExecSql("UPDATE debt_repayments SET amount = 1").ok());
  EXPECT_FALSE(under_test_->ExecSql("DELETE FROM debt_repayments").ok());
  EXPECT_FALSE(under_test_->ExecSql("DELETE FROM debt_claims").ok());
  EXPECT_FALSE(under_test_->ExecSql("UPDATE debt_forgiveness SET amount = 5 WHERE seq = 2").ok());
  EXPECT_FALSE(
      under_test_->ExecSql("UPDATE debt_forgiveness SET clawed_back = 0 WHERE seq = 1").ok())
      << "a claw-back was undone";
  EXPECT_TRUE(
      under_test_
          ->ExecSql("UPDATE debt_forgiveness SET clawed_back = 500, clawed_back_on = '2026-08-01' "
                    "WHERE seq = 2")
          .ok());
  EXPECT_FALSE(
      under_test_->ExecSql("UPDATE debt_claims SET settled_amount = 99999999 WHERE seq = 1").ok());
}

// A settable clock for the fund's life below.
class TestClock final : public Clock {
 public:
  explicit TestClock(Date d) : today_(d) {}
  Date Today() const override { return today_; }
  int64_t NowUnixMillis() const override { return int64_t{today_.days_since_epoch()} * 86'400'000; }
  void Set(Date d) { today_ = d; }

 private:
  Date today_;
};

TEST_P(DebtStoreTest, TheFundsWholeLifeBalancesOnThisBackend) {
  TestClock clock(kReg);
  debt::DebtFund fund(store(), rules::SourceRules(), clock);
  debt::NewDossier nd{"H-9", "9999", kReg, {}};
  nd.finances.bijstandsnorm = Money::Cents(140150);
  nd.finances.net_income = Money::Cents(150000);
  auto id = fund.Register(nd);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto rows = debt::ParseClaimsCsv(
      "dossier;schuldeiser;iban;sector;kenmerk;hoofdsom;rente;incassokosten;status\n" +
      std::to_string(*id) + ";Demo Water;" + DemoIban(7'000'000'002) +
      ";water;W-1;40000;1000;0;bevestigd\n" + std::to_string(*id) + ";Demo Shop;" +
      DemoIban(7'000'000'003) + ";commercieel;S-1;90000;0;13500;onbevestigd\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_TRUE(fund.ImportClaims(*rows).ok());
  auto requests = fund.BalanceRequests(std::nullopt);
  ASSERT_TRUE(requests.ok());
  EXPECT_NE(requests->find(";Demo Shop;S-1;2026-03-02"), std::string::npos) << *requests;
  auto offers = fund.MakeOffers(std::nullopt);
  ASSERT_TRUE(offers.ok()) << offers.status().ToString();
  clock.Set(kReg.AddDays(5));
  auto answers = debt::ParseAnswersCsv("dossier;vordering;ronde;antwoord;datum;tegenbod\n" +
                                       std::to_string(*id) + ";1;1;akkoord;2026-03-06;\n" +
                                       std::to_string(*id) + ";2;1;afwijzing;2026-03-07;\n");
  ASSERT_TRUE(answers.ok()) << answers.status().ToString();
  ASSERT_TRUE(fund.ImportAnswers(*answers).ok());
  clock.Set(kReg.AddDays(8));
  ASSERT_TRUE(fund.MakeOffers(std::nullopt).ok());
  ASSERT_TRUE(fund.ImportAnswers(
                      {{2, *id, 2, 2, {debt::AnswerKind::kAccept, clock.Today(), Money::Zero()}}})
                  .ok());
  Dossier d = *store().LoadDossier(*id);
  ASSERT_EQ(d.Status(), debt::DossierStatus::kRestructured);
  // 60 % of 410,00 and 50 % of 1.035,00 (40 % + 10 points).
  EXPECT_EQ(d.Owed(), Money::Cents(24600 + 51750));
  debt::SepaSettings ss{"Schuldenfonds Demodorp (fictief)", DemoIban(9'999'999'998),  "",
                        sepa::Version::kPain001_001_03,     sepa::DefaultSchemaDir(), std::nullopt};
  auto sepa = fund.ExportSepa(ss, [](const std::string&) { return Status::Ok(); });
  ASSERT_TRUE(sepa.ok()) << sepa.status().ToString();
  auto plan = fund.MakePlan(*id, debt::Regime::kStudieschuld, Month::Of(2026, 4), nullptr);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  clock.Set(Date::Of(2026, 4, 30));
  ASSERT_TRUE(fund.RecordRepayment(*id, Month::Of(2026, 4), plan->plan.monthly,
                                   debt::RepaymentSource::kZelf, clock.Today())
                  .ok());
  ASSERT_TRUE(
      fund.ConfirmMilestone(*id, debt::MilestoneKind::kParticipatieTrede, "s.hulp", nullptr).ok());
  ASSERT_TRUE(
      fund.ConfirmMilestone(*id, debt::MilestoneKind::kParticipatieTrede, "s.hulp", nullptr).ok());
  ASSERT_TRUE(fund.Breach(*id, "s.hulp").ok());

  ledger::Ledger l;
  auto entries = store().Entries();
  ASSERT_TRUE(entries.ok());
  for (const auto& e : *entries) ASSERT_TRUE(l.Append(e).ok()) << e.reference;
  d = *store().LoadDossier(*id);
  EXPECT_EQ(l.Balance(debt::ReceivableAccount(*id)), d.Balance());
  EXPECT_EQ(l.Balance(ledger::kTeBetalenSchuldeisers), Money::Zero()) << "every creditor is paid";
  EXPECT_EQ(l.Balance(ledger::kBank), -(d.Owed() - plan->plan.monthly));
  EXPECT_EQ(l.Balance(ledger::kKostenKwijtschelding), Money::Zero())
      << "the breach reversed all forgiveness";
  EXPECT_EQ(d.Balance(), d.Owed() - plan->plan.monthly);
}

INSTANTIATE_TEST_SUITE_P(Backends, DebtStoreTest, ::testing::ValuesIn(DebtStoreBackends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace nabij::store::testing
