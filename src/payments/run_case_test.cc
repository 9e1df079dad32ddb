#include "payments/run_case.h"
#include "rules/source_rules.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "payments/demo_data.h"

namespace nabij::payments {
namespace {

const rules::ParameterSet& Rules() { return rules::SourceRules(); }


class RunCaseTest : public ::testing::Test {
 protected:
  MonthRules For(Month m) {
    pw_ = *pw::Snapshot(Rules(), m);
    bvv_ = *bvv::Snapshot(Rules(), m);
    return MonthRules{&pw_, &bvv_};
  }
  static RunCase Single(int age, Month m) {
    RunCase c;
    c.case_id = 7;
    c.history.applicant_id = 1;
    c.history.applicant_birth = m.first_day().AddYears(-age);
    c.start = Date::Of(2024, 1, 1);
    c.applicant = {"Fictieve Klant", DemoIban(1)};
    return c;
  }
  pw::Params pw_;
  bvv::Params bvv_;
};

Money Sum(const std::vector<Payment>& ps) {
  Money s;
  for (const auto& p : ps) s += p.amount;
  return s;
}

TEST_F(RunCaseTest, VakantietoeslagIsReservedMonthlyAndPaidInJune) {
  Month may = Month::Of(2026, 5);
  RunCase c = Single(40, may);
  CaseOutcome o = ComputeCase(c, may, For(may), may.first_day());
  ASSERT_TRUE(o.ok) << o.error_message;
  EXPECT_EQ(o.bijstand.cents(), 140150);
  EXPECT_EQ(o.vt_reserved.cents(), 7008);  // 5 % of 1.401,50 half-up
  EXPECT_EQ(o.to_client.cents(), 140150 - 7008);
  Month june = Month::Of(2026, 6);
  c.history.applicant_birth = june.first_day().AddYears(-40);
  c.vt_reserved = Money::Cents(7008 * 11);
  o = ComputeCase(c, june, For(june), june.first_day());
  EXPECT_EQ(o.vt_paid.cents(), 7008 * 11);
  EXPECT_EQ(o.to_client.cents(), 140150 - 7008 + 7008 * 11);
  ASSERT_TRUE(o.entry.has_value());
  Money total;
  for (const auto& p : o.entry->postings) total += p.amount;
  EXPECT_EQ(total, Money::Zero());
}

TEST_F(RunCaseTest, GarnishmentTakesOnlyWhatIsAboveTheBeslagvrijeVoet) {
  Month jan = Month::Of(2026, 1);
  RunCase c = Single(40, jan);
  c.garnishments.push_back({1, {"Fictieve Deurwaarder", DemoIban(900)}, "DW-1", Money::Cents(100000)});
  // Default: vakantietoeslag reserved; the monthly payment (95 %) is within the bvv, so nothing
  // is garnished monthly: the creditor is paid from the June payout (Kamervragen 2023Z06794).
  CaseOutcome o = ComputeCase(c, jan, For(jan), jan.first_day());
  EXPECT_EQ(o.garnished.cents(), 0);
  // Monthly vakantietoeslag on request: 1.401,50 − bvv 1.331,43 = 70,07 garnishable.
  c.vakantietoeslag_monthly = true;
  o = ComputeCase(c, jan, For(jan), jan.first_day());
  EXPECT_EQ(o.garnished.cents(), 7007);
  EXPECT_EQ(o.to_client.cents(), 133143);
  // In June with the yearly reserve the creditor gets what lies above the bvv.
  Month june = Month::Of(2026, 6);
  c.vakantietoeslag_monthly = false;
  c.history.applicant_birth = june.first_day().AddYears(-40);
  c.vt_reserved = Money::Cents(7008 * 12);
  o = ComputeCase(c, june, For(june), june.first_day());
  EXPECT_GT(o.garnished, Money::Zero());
  EXPECT_EQ(o.to_client + o.garnished, o.bijstand - o.vt_reserved + o.vt_paid);
  EXPECT_GE(o.to_client, Money::Cents(0));
}

TEST_F(RunCaseTest, CouplesAreSplitHalfEachAndDirectPaymentsComeFirst) {
  Month jan = Month::Of(2026, 1);
  RunCase c = Single(40, jan);
  pw::MemberFact partner;
  partner.person_id = 2;
  partner.role = pw::Role::kPartner;
  partner.birth = Date::Of(1986, 1, 1);
  partner.valid_from = Date::Of(2024, 1, 1);
  c.history.members.push_back(partner);
  c.partner = Payee{"Fictieve Partner", DemoIban(2)};
  c.instructions.push_back({1, InstructionKind::kZorgverzekeraar, {"Fictieve Zorgverzekeraar", DemoIban(800)},
                            Money::Cents(15000), Date::Of(2024, 1, 1), std::nullopt});
  CaseOutcome o = ComputeCase(c, jan, For(jan), jan.first_day());
  ASSERT_TRUE(o.ok) << o.error_message;
  Money payable = o.bijstand - o.vt_reserved;
  EXPECT_EQ(o.direct.cents(), 15000);
  ASSERT_EQ(o.payments.size(), 3u);
  EXPECT_EQ(o.payments[1].amount + o.payments[2].amount, payable - Money::Cents(15000));
  EXPECT_LE((o.payments[1].amount - o.payments[2].amount).cents(), 1);
  EXPECT_EQ(Sum(o.payments), payable);
}

TEST_F(RunCaseTest, AfterThePartnerLeftTheApplicantIsPaidAlone) {
  Month feb = Month::Of(2026, 2);
  RunCase c = Single(40, feb);
  pw::MemberFact partner;
  partner.person_id = 2;
  partner.role = pw::Role::kPartner;
  partner.birth = Date::Of(1986, 1, 1);
  partner.valid_from = Date::Of(2024, 1, 1);
  partner.valid_until = Date::Of(2026, 1, 20);  // left in January
  c.history.members.push_back(partner);
  c.partner = Payee{"Fictieve Partner", DemoIban(2)};
  CaseOutcome o = ComputeCase(c, feb, For(feb), feb.first_day());
  ASSERT_TRUE(o.ok) << o.error_message;
  ASSERT_EQ(o.payments.size(), 1u);
  EXPECT_EQ(o.payments[0].creditor.name, "Fictieve Klant");
  EXPECT_EQ(o.payments[0].amount, o.bijstand - o.vt_reserved);
}

TEST_F(RunCaseTest, RecoveriesAreOffsetWithinTheBvvAndAFailingCaseSaysWhy) {
  Month jan = Month::Of(2026, 1);
  RunCase c = Single(40, jan);
  c.vakantietoeslag_monthly = true;
  c.recoveries.push_back({5, Money::Cents(5000)});
  CaseOutcome o = ComputeCase(c, jan, For(jan), jan.first_day());
  EXPECT_EQ(o.recovered.cents(), 5000);
  EXPECT_EQ(o.to_client.cents(), 140150 - 5000);
  c.applicant.iban = "NL00BANK0000000000";
  o = ComputeCase(c, jan, For(jan), jan.first_day());
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error_code, "invalid_argument");
  EXPECT_FALSE(o.entry.has_value());
  RunCase young = Single(17, jan);
  o = ComputeCase(young, jan, For(jan), jan.first_day());
  EXPECT_FALSE(o.ok);
}

TEST_F(RunCaseTest, TheDebtFundsInstalmentComesOutOfTheClientsShareAboveTheBvv) {
  Month jan = Month::Of(2026, 1);
  RunCase c = Single(40, jan);
  c.vakantietoeslag_monthly = true;  // 1.401,50 paid, bvv 1.331,43: 70,07 above it
  c.debt = DebtInstalment{12, Money::Cents(5000)};
  CaseOutcome o = ComputeCase(c, jan, For(jan), jan.first_day());
  ASSERT_TRUE(o.ok) << o.error_message;
  EXPECT_EQ(o.debt_withheld.cents(), 5000);
  EXPECT_EQ(o.debt_dossier_id, 12);
  EXPECT_EQ(o.to_client.cents(), 140150);  // the client's share, of which 50,00 to the fund
  ASSERT_EQ(o.payments.size(), 1u);
  EXPECT_EQ(o.payments[0].amount.cents(), 140150 - 5000);
  // The ledger books the whole share as owed to the client; the fund's repayment takes its part.
  ASSERT_TRUE(o.entry.has_value());
  Money client;
  for (const auto& p : o.entry->postings) {
    if (p.account == ledger::kTeBetalenClient) client += p.amount;
  }
  EXPECT_EQ(client.cents(), -140150);

  // Never below the bvv: a larger instalment takes only the 70,07 above it.
  c.debt = DebtInstalment{12, Money::Cents(50000)};
  o = ComputeCase(c, jan, For(jan), jan.first_day());
  EXPECT_EQ(o.debt_withheld.cents(), 7007);
  EXPECT_EQ(Sum(o.payments).cents(), 140150 - 7007);
  // A recovery goes first within the same room.
  c.recoveries.push_back({5, Money::Cents(5000)});
  o = ComputeCase(c, jan, For(jan), jan.first_day());
  EXPECT_EQ(o.recovered.cents(), 5000);
  EXPECT_EQ(o.debt_withheld.cents(), 2007);
  // With the vakantietoeslag reserved (the default) nothing lies above the bvv in January ...
  c.recoveries.clear();
  c.vakantietoeslag_monthly = false;
  o = ComputeCase(c, jan, For(jan), jan.first_day());
  EXPECT_EQ(o.debt_withheld.cents(), 0);
  EXPECT_EQ(o.debt_dossier_id, 0);
  // ... and in June the reserve paid out makes room for what fell behind.
  Month june = Month::Of(2026, 6);
  c.history.applicant_birth = june.first_day().AddYears(-40);
  c.vt_reserved = Money::Cents(7008 * 12);
  c.debt = DebtInstalment{12, Money::Cents(6 * 5000)};
  o = ComputeCase(c, june, For(june), june.first_day());
  EXPECT_EQ(o.debt_withheld.cents(), 6 * 5000);
  EXPECT_EQ(Sum(o.payments) + o.debt_withheld, o.bijstand - o.vt_reserved + o.vt_paid);
}

TEST_F(RunCaseTest, AfterTheEndTheReserveIsPaidOnce) {
  Month mar = Month::Of(2026, 3);
  RunCase c = Single(40, mar);
  c.end = Date::Of(2026, 1, 31);
  c.vt_reserved = Money::Cents(20000);
  CaseOutcome o = ComputeCase(c, mar, For(mar), mar.first_day());
  EXPECT_EQ(o.bijstand.cents(), 0);
  EXPECT_EQ(o.vt_paid.cents(), 20000);
  EXPECT_EQ(o.to_client.cents(), 20000);
  Month jul = Month::Of(2026, 7);
  o = ComputeCase(c, jul, For(jul), jul.first_day());  // more than three months later: not in the run
  EXPECT_FALSE(o.entry.has_value());
}

TEST_F(RunCaseTest, EveryDemoCaseBalancesAndPaysWhatItBooks) {
  Month jun = Month::Of(2026, 6);
  MonthRules r = For(jun);
  for (const RunCase& c : GenerateDemoCases(42, 2000, jun)) {
    if (!c.gemeente.empty()) continue;  // national rules only in this fixture
    CaseOutcome o = ComputeCase(c, jun, r, jun.first_day());
    if (!o.ok) continue;
    EXPECT_EQ(Sum(o.payments), o.garnished + o.direct + o.to_client) << c.case_id;
    EXPECT_EQ(o.to_client + o.garnished + o.direct + o.recovered, o.bijstand - o.vt_reserved + o.vt_paid);
    if (o.entry) {
      Money total;
      for (const auto& p : o.entry->postings) total += p.amount;
      EXPECT_EQ(total, Money::Zero());
    }
  }
}

}  // namespace
}  // namespace nabij::payments
