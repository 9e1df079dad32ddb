// The four-week clock, the work queue and the figures.
#include "debt/progress.h"

#include <gtest/gtest.h>

namespace nabij::debt {
namespace {

Dossier WithClaims(int64_t id, Date registered, int claims) {
  Dossier d;
  d.id = id;
  d.registered = registered;
  for (int i = 0; i < claims; ++i) {
    Claim c;
    c.seq = i + 1;
    c.principal = Money::Euros(100);
    d.claims.push_back(c);
  }
  return d;
}

const Date kReg = Date::Of(2026, 3, 2);

TEST(Clock, OnTrackAtRiskLateAndDone) {
  Dossier d = WithClaims(1, kReg, 2);
  EXPECT_EQ(ClockOf(d, kReg).state, ClockState::kOnTrack);
  EXPECT_EQ(ClockOf(d, kReg).days_left, 28);
  EXPECT_EQ(ClockOf(d, kReg.AddDays(kAtRiskDay - 1)).state, ClockState::kOnTrack);
  EXPECT_EQ(ClockOf(d, kReg.AddDays(kAtRiskDay)).state, ClockState::kAtRisk);
  EXPECT_EQ(ClockOf(d, kReg.AddDays(28)).state, ClockState::kAtRisk);
  EXPECT_EQ(ClockOf(d, kReg.AddDays(29)).state, ClockState::kLate);
  EXPECT_EQ(ClockOf(d, kReg.AddDays(29)).days_left, -1);
  // An escalated claim puts a young dossier at risk.
  d.claims[0].offers.push_back({1, Ratio::Of(1, 2), Money::Euros(50), kReg, kReg.AddDays(10),
                                Answer{AnswerKind::kReject, kReg.AddDays(3), Money::Zero()}});
  EXPECT_EQ(ClockOf(d, kReg.AddDays(4)).state, ClockState::kAtRisk);
  EXPECT_EQ(ClockOf(d, kReg.AddDays(4)).escalated_claims, 1);
  // Done: the clock stops on the restructuring day.
  d.restructured = kReg.AddDays(28);
  EXPECT_EQ(ClockOf(d, kReg.AddDays(100)).state, ClockState::kDoneOnTime);
  d.restructured = kReg.AddDays(29);
  EXPECT_EQ(ClockOf(d, kReg.AddDays(100)).state, ClockState::kDoneLate);
}

TEST(Clock, WorkQueueLateFirstThenLeastTimeLeft) {
  std::vector<Dossier> ds = {WithClaims(1, kReg, 1), WithClaims(2, kReg.AddDays(-40), 1),
                             WithClaims(3, kReg.AddDays(-25), 1),
                             WithClaims(4, kReg.AddDays(-22), 1),
                             WithClaims(5, kReg.AddDays(-30), 1)};
  ds[4].restructured = kReg.AddDays(-5);  // done: not in the queue
  auto q = WorkQueue(ds, kReg);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].dossier_id, 2);
  EXPECT_EQ(q[0].state, ClockState::kLate);
  EXPECT_EQ(q[1].dossier_id, 3);
  EXPECT_EQ(q[2].dossier_id, 4);
}

TEST(Figures, CountsThePeriodOnly) {
  Dossier a = WithClaims(1, kReg, 2);
  a.claims[0].offers.push_back({1, Ratio::Of(1, 2), Money::Euros(50), kReg, kReg.AddDays(10),
                                Answer{AnswerKind::kAccept, kReg.AddDays(5), Money::Zero()}});
  a.claims[0].settled_amount = Money::Euros(50);
  a.claims[0].settled_on = kReg.AddDays(5);
  a.claims[1].offers.push_back({1, Ratio::Of(1, 2), Money::Euros(50), kReg, kReg.AddDays(10),
                                Answer{AnswerKind::kReject, kReg.AddDays(6), Money::Zero()}});
  a.claims[1].settled_amount = Money::Euros(70);
  a.claims[1].settled_on = kReg.AddDays(20);
  a.restructured = kReg.AddDays(20);
  a.repayments.push_back(
      {1, Month::Of(2026, 4), Date::Of(2026, 4, 20), Money::Euros(100), RepaymentSource::kZelf});
  a.forgiveness.push_back(
      {1, MilestoneKind::kBaan, Date::Of(2026, 4, 25), "w", Money::Euros(20), Money::Zero(), {}});
  Dossier late = WithClaims(2, kReg, 1);
  late.claims[0].settled_amount = Money::Euros(100);
  late.claims[0].settled_on = kReg.AddDays(40);
  late.restructured = kReg.AddDays(40);

  Figures f = FiguresFor({a, late}, Date::Of(2026, 3, 1), Date::Of(2026, 5, 1));
  EXPECT_EQ(f.restructured, 2);
  EXPECT_EQ(f.within_clock, 1);
  EXPECT_DOUBLE_EQ(f.average_days, 30.0);
  EXPECT_EQ(f.first_offer_answered, 2);
  EXPECT_EQ(f.first_offer_accepted, 1);
  EXPECT_EQ(f.claims_settled_total, Money::Euros(300));
  EXPECT_EQ(f.settled_amount, Money::Euros(220));
  EXPECT_EQ(f.debt_free, 1);  // a: 120 owed, 100 repaid, 20 forgiven
  EXPECT_EQ(f.forgiven, Money::Euros(20));

  Figures april = FiguresFor({a, late}, Date::Of(2026, 4, 1), Date::Of(2026, 5, 1));
  EXPECT_EQ(april.restructured, 1);  // only the late one (2026-04-11)
  EXPECT_EQ(april.first_offer_answered, 0);
}

}  // namespace
}  // namespace nabij::debt
