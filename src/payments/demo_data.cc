#include "payments/demo_data.h"

#include <cstdio>
#include <random>

namespace nabij::payments {

std::vector<RunCase> GenerateDemoCases(uint64_t seed, size_t n, Month month) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto chance = [&](int percent) { return pick(1, 100) <= percent; };
  std::vector<RunCase> out;
  out.reserve(n);
  const Date first = month.first_day();
  for (size_t i = 0; i < n; ++i) {
    RunCase c;
    c.case_id = static_cast<int64_t>(i + 1);
    c.gemeente = chance(10) ? "9999" : "";
    int64_t person = 1;
    c.history.applicant_id = person;
    int age = chance(8) ? pick(18, 20) : chance(10) ? pick(67, 85) : pick(21, 66);
    c.history.applicant_birth = first.AddYears(-age).AddDays(-pick(0, 364));
    c.history.medisch_urenbeperkt = chance(5);
    c.start = first.AddMonths(-pick(1, 60));
    c.applicant = {"Fictieve Klant " + std::to_string(i + 1), DemoIban(i * 4 + 1), DemoBsn(i * 2)};
    int kind = pick(1, 100);  // assumptions: 60 % single, 20 % single parent, 20 % couple
    if (kind > 80) {
      pw::MemberFact partner;
      partner.person_id = ++person;
      partner.role = pw::Role::kPartner;
      partner.birth = first.AddYears(-std::max(18, age + pick(-6, 6))).AddDays(-pick(0, 364));
      partner.valid_from = c.start;
      partner.entitled = !chance(5);
      c.history.members.push_back(partner);
      c.partner = Payee{"Fictieve Partner " + std::to_string(i + 1), DemoIban(i * 4 + 2), DemoBsn(i * 2 + 1)};
      c.split_between_partners = !chance(30);
    }
    if (kind > 60 && age < 60) {
      int kids = pick(1, 3);
      for (int k = 0; k < kids; ++k) {
        pw::MemberFact child;
        child.person_id = ++person;
        child.role = pw::Role::kChild;
        child.birth = first.AddYears(-pick(0, 17)).AddDays(-pick(0, 364));
        child.valid_from = std::max(c.start, child.birth);
        c.history.members.push_back(child);
      }
    }
    if (chance(12)) {  // a cost-sharing or non-counting housemate
      pw::MemberFact h;
      h.person_id = ++person;
      h.role = pw::Role::kHousemate;
      h.birth = first.AddYears(-pick(19, 70));
      h.valid_from = c.start;
      h.housemate.relation = chance(60) ? pw::Relation::kFirstDegree : pw::Relation::kNone;
      h.housemate.education = chance(15) ? pw::Education::kWsf : pw::Education::kNone;
      c.history.members.push_back(h);
    }
    if (chance(15)) {  // part-time work around the month, with a vrijlating period
      Money wage = Money::Cents(pick(20000, 120000));
      for (int m = -12; m <= 12; ++m) {
        if (chance(85)) c.history.incomes.push_back({1, month.Add(m), wage, Money::Zero()});
      }
      c.history.periods.push_back({1, pw::PeriodRule::kN, month.Add(-pick(0, 9))});
    }
    if (chance(10)) {
      for (int m = -12; m <= 12; ++m) c.history.incomes.push_back({1, month.Add(m), Money::Zero(), Money::Cents(pick(5000, 60000))});
    }
    if (chance(30)) {
      c.instructions.push_back({1, InstructionKind::kZorgverzekeraar, {"Fictieve Zorgverzekeraar", DemoIban(9'000'000'001)},
                                Money::Cents(pick(14000, 17000)), c.start, std::nullopt});
    }
    if (chance(10)) {
      c.instructions.push_back({2, InstructionKind::kVerhuurder, {"Fictieve Woningcorporatie", DemoIban(9'000'000'002)},
                                Money::Cents(pick(50000, 80000)), c.start, std::nullopt});
    }
    if (chance(8)) {
      c.garnishments.push_back({1, {"Fictieve Deurwaarder", DemoIban(9'000'000'003)},
                                "DW-" + std::to_string(100000 + i), Money::Cents(pick(20000, 400000))});
      c.vakantietoeslag_monthly = chance(20);
    }
    if (chance(5)) c.recoveries.push_back({1, Money::Cents(pick(10000, 300000))});
    if (chance(3)) c.history.assets.push_back({c.start, Money::Cents(pick(0, 900000))});
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace nabij::payments
