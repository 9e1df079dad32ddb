#include "ledger/ledger.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <ostream>
#include <random>
#include <string>
#include <vector>

namespace nabij {
// Readable amounts in failure messages.
void PrintTo(Money m, std::ostream* os) { *os << FormatEuro(m); }
}  // namespace nabij

namespace nabij::ledger {
namespace {

Money C(int64_t cents) { return Money::Cents(cents); }

// One client's month: gross bijstand and the holiday-allowance reservation, paid out to the
// client, the health insurer and a garnishing creditor, with wage tax withheld.
Entry MonthlyBenefit(std::string reference, Date date = Date::Of(2026, 1, 23)) {
  auto entry = MakeEntry(date, std::move(reference), "Bijstand januari 2026",
                         {
                             {kKostenBijstand, C(140150)},
                             {kKostenVakantietoeslag, C(7007)},
                             {kReserveringVakantietoeslag, C(-7007)},
                             {kTeBetalenLoonheffing, C(-10150)},
                             {kTeBetalenDerden, C(-15000)},
                             {kTeBetalenBeslaglegger, C(-5000)},
                             {kTeBetalenClient, C(-110000)},
                         });
  EXPECT_TRUE(entry.ok()) << entry.status().ToString();
  return std::move(entry).value();
}

TEST(MakeEntry, AcceptsABalancedEntry) {
  Entry e = MonthlyBenefit("run:2026-01:case:42:bijstand");
  EXPECT_EQ(e.id, 0u);
  EXPECT_EQ(e.postings.size(), 7u);
  EXPECT_FALSE(e.reverses.has_value());
  EXPECT_EQ(e.booking_date, Date::Of(2026, 1, 23));
}

TEST(MakeEntry, RefusesAnUnbalancedEntryAndSaysByHowMuch) {
  auto r = MakeEntry(Date::Of(2026, 1, 23), "r1", "",
                     {{kKostenBijstand, C(140150)}, {kTeBetalenClient, C(-140149)}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field(), "postings");
  EXPECT_NE(r.error().message().find("€ 0,01"), std::string::npos) << r.error().message();
}

TEST(MakeEntry, RefusesFewerThanTwoPostings) {
  auto one = MakeEntry(Date::Of(2026, 1, 1), "r1", "", {{kBank, C(100)}});
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(one.error().field(), "postings");
  auto none = MakeEntry(Date::Of(2026, 1, 1), "r1", "", {});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().field(), "postings");
}

TEST(MakeEntry, RefusesAZeroAmount) {
  auto r = MakeEntry(Date::Of(2026, 1, 1), "r1", "",
                     {{kKostenBijstand, C(100)}, {kBank, C(0)}, {kTeBetalenClient, C(-100)}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field(), "postings[1].amount");
}

TEST(MakeEntry, RefusesBadAccountNames) {
  for (std::string bad : {"", "Bank", "schuld client", "kosten/bijstand", "bank\n", "é"}) {
    auto r = MakeEntry(Date::Of(2026, 1, 1), "r1", "", {{kBank, C(100)}, {bad, C(-100)}});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field(), "postings[1].account") << bad;
  }
  auto good = MakeEntry(Date::Of(2026, 1, 1), "r1", "",
                        {{"schuld.client:42", C(100)}, {"kosten.bijzondere_bijstand-2", C(-100)}});
  EXPECT_TRUE(good.ok()) << good.status().ToString();
}

TEST(MakeEntry, RefusesAnEmptyReference) {
  auto r = MakeEntry(Date::Of(2026, 1, 1), "", "", {{kBank, C(100)}, {kVoorschot, C(-100)}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "reference");
}

TEST(MakeEntry, RefusesAmountsBeyondTheLimit) {
  Money too_big = kMaxPostingAmount + C(1);
  auto r = MakeEntry(Date::Of(2026, 1, 1), "r1", "", {{kBank, too_big}, {kVoorschot, -too_big}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "postings[0].amount");
  auto at_limit = MakeEntry(Date::Of(2026, 1, 1), "r1", "",
                            {{kBank, kMaxPostingAmount}, {kVoorschot, -kMaxPostingAmount}});
  EXPECT_TRUE(at_limit.ok());
}

TEST(Accounts, StandardChartIsValidAndClassified) {
  const std::vector<std::pair<const char*, AccountKind>> chart = {
      {kBank, AccountKind::kBalanceSheet},
      {kVoorschot, AccountKind::kBalanceSheet},
      {kVorderingTerugvordering, AccountKind::kBalanceSheet},
      {kFondsSchulden, AccountKind::kBalanceSheet},
      {kTeBetalenClient, AccountKind::kBalanceSheet},
      {kTeBetalenDerden, AccountKind::kBalanceSheet},
      {kTeBetalenBeslaglegger, AccountKind::kBalanceSheet},
      {kTeBetalenLoonheffing, AccountKind::kBalanceSheet},
      {kTeBetalenSchuldeisers, AccountKind::kBalanceSheet},
      {kReserveringVakantietoeslag, AccountKind::kBalanceSheet},
      {kKostenBijstand, AccountKind::kProfitAndLoss},
      {kKostenVakantietoeslag, AccountKind::kProfitAndLoss},
      {kKostenBijzondereBijstand, AccountKind::kProfitAndLoss},
      {kKostenKwijtschelding, AccountKind::kProfitAndLoss},
      {kKostenOninbaar, AccountKind::kProfitAndLoss},
      {kBatenTerugvordering, AccountKind::kProfitAndLoss},
  };
  for (const auto& [account, kind] : chart) {
    EXPECT_EQ(KindOf(account), kind) << account;
    auto e = MakeEntry(Date::Of(2026, 1, 1), "r", "", {{account, C(1)}, {kBank, C(-1)}});
    EXPECT_TRUE(e.ok()) << account << ": " << e.status().ToString();
  }
  // Sub-accounts take the kind of their class; a word that merely starts like one does not.
  EXPECT_EQ(KindOf("kosten:42"), AccountKind::kProfitAndLoss);
  EXPECT_EQ(KindOf("baten.overig"), AccountKind::kProfitAndLoss);
  EXPECT_EQ(KindOf("schuld.client:42"), AccountKind::kBalanceSheet);
  EXPECT_EQ(KindOf("kostenplaats"), AccountKind::kBalanceSheet);
  EXPECT_EQ(AccountKindName(AccountKind::kProfitAndLoss), "profit_and_loss");
}

TEST(Ledger, AppendAssignsIdsAndBalances) {
  Ledger ledger;
  auto id1 = ledger.Append(MonthlyBenefit("run:2026-01:case:42:bijstand"));
  ASSERT_TRUE(id1.ok()) << id1.status().ToString();
  EXPECT_EQ(*id1, 1u);
  auto id2 = ledger.Append(MonthlyBenefit("run:2026-01:case:43:bijstand"));
  ASSERT_TRUE(id2.ok());
  EXPECT_EQ(*id2, 2u);
  EXPECT_EQ(ledger.entries().size(), 2u);
  EXPECT_EQ(ledger.entries()[1].id, 2u);

  EXPECT_EQ(ledger.Balance(kKostenBijstand), C(280300));
  EXPECT_EQ(ledger.Balance(kTeBetalenClient), C(-220000));
  EXPECT_EQ(ledger.Balance(kBank), Money::Zero());  // never posted to
  std::map<std::string, Money> balances = ledger.Balances();
  EXPECT_EQ(balances.size(), 7u);
  EXPECT_EQ(balances.at(kReserveringVakantietoeslag), C(-14014));
  EXPECT_EQ(balances.count(kBank), 0u);

  ASSERT_NE(ledger.FindByReference("run:2026-01:case:43:bijstand"), nullptr);
  EXPECT_EQ(ledger.FindByReference("run:2026-01:case:43:bijstand")->id, 2u);
  EXPECT_EQ(ledger.FindByReference("run:2026-01:case:44:bijstand"), nullptr);
  EXPECT_EQ(ledger.Find(0), nullptr);
  EXPECT_EQ(ledger.Find(3), nullptr);
  ASSERT_NE(ledger.Find(1), nullptr);
  EXPECT_EQ(ledger.Find(1)->reference, "run:2026-01:case:42:bijstand");
}

TEST(Ledger, RefusesADuplicateReferenceAndChangesNothing) {
  Ledger ledger;
  ASSERT_TRUE(ledger.Append(MonthlyBenefit("run:2026-01:case:42:bijstand")).ok());
  auto before = ledger.Balances();
  // A crashed run that starts again books the same case again: refused, so paid only once.
  auto again = ledger.Append(MonthlyBenefit("run:2026-01:case:42:bijstand"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(again.error().field(), "reference");
  EXPECT_EQ(ledger.entries().size(), 1u);
  EXPECT_EQ(ledger.Balances(), before);
}

TEST(Ledger, RefusesAHandBuiltUnbalancedEntry) {
  Ledger ledger;
  Entry e = MonthlyBenefit("r1");
  e.postings[0].amount += C(1);  // bypasses MakeEntry
  auto r = ledger.Append(e);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(ledger.entries().empty());
  EXPECT_TRUE(ledger.Balances().empty());
}

TEST(Ledger, ReversalRestoresBalancesToTheCent) {
  Ledger ledger;
  ASSERT_TRUE(ledger.Append(MonthlyBenefit("run:2026-01:case:42:bijstand")).ok());
  auto before = ledger.Balances();

  auto wrong = MakeEntry(Date::Of(2026, 1, 23), "run:2026-01:case:43:bijstand", "Bijstand",
                         {{kKostenBijstand, C(133143)},
                          {kVoorschot, C(-33333)},
                          {kTeBetalenClient, C(-99809)},
                          {"schuld.client:43", C(-1)}});
  ASSERT_TRUE(wrong.ok()) << wrong.status().ToString();
  auto wrong_id = ledger.Append(*wrong);
  ASSERT_TRUE(wrong_id.ok());
  EXPECT_NE(ledger.Balances(), before);

  Entry reversal = MakeReversal(*ledger.Find(*wrong_id), Date::Of(2026, 1, 24),
                                "correctie:2026-01:case:43");
  EXPECT_EQ(reversal.reverses, std::optional<uint64_t>(*wrong_id));
  ASSERT_EQ(reversal.postings.size(), 4u);
  EXPECT_EQ(reversal.postings[0].account, kKostenBijstand);
  EXPECT_EQ(reversal.postings[0].amount, C(-133143));
  EXPECT_EQ(reversal.postings[3].amount, C(1));
  EXPECT_NE(reversal.description.find("boeking 2"), std::string::npos);
  auto rev_id = ledger.Append(reversal);
  ASSERT_TRUE(rev_id.ok()) << rev_id.status().ToString();
  EXPECT_EQ(ledger.ReversedBy(*wrong_id), std::optional<uint64_t>(*rev_id));
  EXPECT_EQ(ledger.ReversedBy(1), std::nullopt);

  // Every balance is back where it was; the touched accounts remain, at zero.
  auto after = ledger.Balances();
  for (const auto& [account, balance] : after) {
    auto it = before.find(account);
    EXPECT_EQ(balance, it == before.end() ? Money::Zero() : it->second) << account;
  }
  for (const auto& [account, balance] : before) EXPECT_EQ(ledger.Balance(account), balance);
  EXPECT_EQ(ledger.Balance(kVoorschot), Money::Zero());
  EXPECT_EQ(ledger.Balance("schuld.client:43"), Money::Zero());
  // The original stays in the ledger: append-only.
  EXPECT_EQ(ledger.entries().size(), 3u);
  EXPECT_EQ(ledger.entries()[1].postings[0].amount, C(133143));
}

TEST(Ledger, RefusesReversingAnUnknownEntry) {
  Ledger ledger;
  ASSERT_TRUE(ledger.Append(MonthlyBenefit("r1")).ok());
  Entry never_appended = MonthlyBenefit("r2");  // id 0
  auto r = ledger.Append(MakeReversal(never_appended, Date::Of(2026, 2, 1), "rev"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
  Entry other = MakeReversal(*ledger.Find(1), Date::Of(2026, 2, 1), "rev");
  other.reverses = 7;
  EXPECT_EQ(ledger.Append(other).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ledger.entries().size(), 1u);
}

TEST(Ledger, RefusesReversingTwiceOrReversingAReversal) {
  Ledger ledger;
  ASSERT_TRUE(ledger.Append(MonthlyBenefit("r1")).ok());
  ASSERT_TRUE(ledger.Append(MakeReversal(*ledger.Find(1), Date::Of(2026, 2, 1), "rev1")).ok());
  auto twice = ledger.Append(MakeReversal(*ledger.Find(1), Date::Of(2026, 2, 1), "rev2"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code(), ErrorCode::kFailedPrecondition);
  auto of_reversal = ledger.Append(MakeReversal(*ledger.Find(2), Date::Of(2026, 2, 1), "rev3"));
  ASSERT_FALSE(of_reversal.ok());
  EXPECT_EQ(of_reversal.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ledger.entries().size(), 2u);
}

TEST(Ledger, RefusesAReversalThatIsNotTheExactNegation) {
  Ledger ledger;
  ASSERT_TRUE(ledger.Append(MonthlyBenefit("r1")).ok());
  Entry reversal = MakeReversal(*ledger.Find(1), Date::Of(2026, 2, 1), "rev");
  reversal.postings[0].amount += C(-1);
  reversal.postings[6].amount += C(1);  // still balanced, but not the original negated
  auto r = ledger.Append(reversal);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);

  // The same postings in another order are a valid reversal.
  Entry reordered = MakeReversal(*ledger.Find(1), Date::Of(2026, 2, 1), "rev");
  std::swap(reordered.postings[0], reordered.postings[5]);
  EXPECT_TRUE(ledger.Append(reordered).ok());
}

TEST(Ledger, RefusesAReversalDatedBeforeItsOriginal) {
  Ledger ledger;
  ASSERT_TRUE(ledger.Append(MonthlyBenefit("r1", Date::Of(2026, 1, 23))).ok());
  auto r = ledger.Append(MakeReversal(*ledger.Find(1), Date::Of(2026, 1, 22), "rev"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field(), "booking_date");
  EXPECT_TRUE(ledger.Append(MakeReversal(*ledger.Find(1), Date::Of(2026, 1, 23), "rev")).ok());
}

TEST(Ledger, RefusesAnEntryThatWouldOverflowTheTotals) {
  Ledger ledger;
  // 9223 entries of kMaxPostingAmount fit in an int64 total of debits; the next does not.
  const int64_t fit = INT64_MAX / kMaxPostingAmount.cents();
  for (int64_t i = 0; i < fit; ++i) {
    auto e = MakeEntry(Date::Of(2026, 1, 1), "big:" + std::to_string(i), "",
                       {{kBank, kMaxPostingAmount}, {kVoorschot, -kMaxPostingAmount}});
    ASSERT_TRUE(ledger.Append(*e).ok()) << i;
  }
  auto e = MakeEntry(Date::Of(2026, 1, 1), "big:last", "",
                     {{kBank, kMaxPostingAmount}, {kVoorschot, -kMaxPostingAmount}});
  auto r = ledger.Append(*e);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kResourceExhausted);
  TrialBalance tb = ledger.Report(Date::Of(2026, 1, 1), Date::Of(2026, 1, 2));
  EXPECT_EQ(tb.total_debit, kMaxPostingAmount.Times(fit));
}

TEST(Ledger, ReportCoversAHalfOpenDateRange) {
  Ledger ledger;
  auto book = [&](const char* ref, Date d, Money amount) {
    auto e = MakeEntry(d, ref, "", {{kKostenBijstand, amount}, {kTeBetalenClient, -amount}});
    ASSERT_TRUE(ledger.Append(*e).ok());
  };
  book("jan31", Date::Of(2026, 1, 31), C(100));
  book("feb01", Date::Of(2026, 2, 1), C(2000));
  book("feb28", Date::Of(2026, 2, 28), C(30000));
  book("mar01", Date::Of(2026, 3, 1), C(400000));
  // Paying the client in February: bank is credited.
  auto pay = MakeEntry(Date::Of(2026, 2, 27), "pay:feb", "SEPA februari",
                       {{kTeBetalenClient, C(2100)}, {kBank, C(-2100)}});
  ASSERT_TRUE(ledger.Append(*pay).ok());

  TrialBalance feb = ledger.Report(Month::Of(2026, 2).first_day(), Month::Of(2026, 3).first_day());
  EXPECT_EQ(feb.from, Date::Of(2026, 2, 1));
  EXPECT_EQ(feb.until, Date::Of(2026, 3, 1));
  ASSERT_EQ(feb.lines.size(), 3u);  // by account name
  EXPECT_EQ(feb.lines[0].account, kBank);
  EXPECT_EQ(feb.lines[0].kind, AccountKind::kBalanceSheet);
  EXPECT_EQ(feb.lines[0].debit, Money::Zero());
  EXPECT_EQ(feb.lines[0].credit, C(2100));
  EXPECT_EQ(feb.lines[0].balance, C(-2100));
  EXPECT_EQ(feb.lines[1].account, kKostenBijstand);
  EXPECT_EQ(feb.lines[1].kind, AccountKind::kProfitAndLoss);
  EXPECT_EQ(feb.lines[1].debit, C(32000));
  EXPECT_EQ(feb.lines[1].credit, Money::Zero());
  EXPECT_EQ(feb.lines[2].account, kTeBetalenClient);
  EXPECT_EQ(feb.lines[2].debit, C(2100));
  EXPECT_EQ(feb.lines[2].credit, C(32000));
  EXPECT_EQ(feb.lines[2].balance, C(-29900));
  EXPECT_EQ(feb.total_debit, C(34100));
  EXPECT_EQ(feb.total_credit, C(34100));

  TrialBalance one_day = ledger.Report(Date::Of(2026, 3, 1), Date::Of(2026, 3, 2));
  ASSERT_EQ(one_day.lines.size(), 2u);
  EXPECT_EQ(one_day.total_debit, C(400000));

  TrialBalance empty = ledger.Report(Date::Of(2026, 3, 1), Date::Of(2026, 3, 1));
  EXPECT_TRUE(empty.lines.empty());
  EXPECT_EQ(empty.total_debit, Money::Zero());
  TrialBalance backwards = ledger.Report(Date::Of(2026, 4, 1), Date::Of(2026, 1, 1));
  EXPECT_TRUE(backwards.lines.empty());

  TrialBalance all = ledger.Report(Date::Of(2026, 1, 1), Date::Of(2027, 1, 1));
  EXPECT_EQ(all.total_debit, C(434200));  // four bookings and the payment
  for (const TrialBalanceLine& line : all.lines) {
    EXPECT_EQ(line.balance, ledger.Balance(line.account)) << line.account;
  }
}

// Property: whatever valid entries and reversals are appended, and whatever invalid ones are
// refused, the balances of all accounts sum to zero, they equal a recomputation from entries(),
// and every trial balance has equal debit and credit totals.
TEST(LedgerProperty, RandomEntriesAlwaysBalance) {
  const std::vector<std::string> accounts = {
      kBank, kVoorschot, kVorderingTerugvordering, kFondsSchulden, kTeBetalenClient,
      kTeBetalenDerden, kTeBetalenBeslaglegger, kTeBetalenLoonheffing, kReserveringVakantietoeslag,
      kKostenBijstand, kKostenVakantietoeslag, kBatenTerugvordering, "schuld.client:1",
      "schuld.client:2", "kosten.bijstand:2026"};
  const Date start = Date::Of(2026, 1, 1);
  constexpr int kDays = 90;
  constexpr int kSteps = 2000;

  for (uint64_t seed : {1u, 2u, 42u}) {
    std::mt19937_64 rng(seed);
    auto uniform = [&](int64_t lo, int64_t hi) {
      return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
    };
    Ledger ledger;
    size_t refused = 0;
    for (int step = 0; step < kSteps; ++step) {
      const std::string ref = "seed:" + std::to_string(seed) + ":" + std::to_string(step);
      const Date date = start.AddDays(static_cast<int32_t>(uniform(0, kDays - 1)));
      const int64_t kind = uniform(0, 9);
      if (kind == 0 && !ledger.entries().empty()) {
        // Reverse a random earlier entry; refused if already reversed, a reversal, or too early.
        const Entry& target =
            ledger.entries()[static_cast<size_t>(uniform(0, static_cast<int64_t>(
                                                                ledger.entries().size()) - 1))];
        bool expect_ok = !target.reverses && !ledger.ReversedBy(target.id) &&
                         !(date < target.booking_date);
        auto r = ledger.Append(MakeReversal(target, date, ref));
        EXPECT_EQ(r.ok(), expect_ok) << r.status().ToString();
        if (!r.ok()) ++refused;
      } else {
        std::vector<Posting> postings;
        const int64_t n = uniform(2, 6);
        int64_t sum = 0;
        for (int64_t i = 0; i + 1 < n; ++i) {
          int64_t cents = uniform(-500000, 500000);
          if (cents == 0) cents = 1;
          sum += cents;
          postings.push_back(
              {accounts[static_cast<size_t>(uniform(0, static_cast<int64_t>(accounts.size()) - 1))],
               Money::Cents(cents)});
        }
        if (sum == 0) {  // the closing posting may not be zero: move one cent
          postings[0].amount += C(1);
          sum = 1;
        }
        postings.push_back(
            {accounts[static_cast<size_t>(uniform(0, static_cast<int64_t>(accounts.size()) - 1))],
             Money::Cents(-sum)});
        const bool unbalance = kind == 1;  // one in ten is off by a random amount: refused
        if (unbalance) postings[0].amount += Money::Cents(uniform(1, 1000));
        const size_t before = ledger.entries().size();
        auto e = MakeEntry(date, ref, "random", postings);
        if (unbalance) {
          EXPECT_FALSE(e.ok());
          Entry raw{0, date, ref, "random", postings, std::nullopt};
          EXPECT_EQ(ledger.Append(raw).status().code(), ErrorCode::kInvalidArgument);
          EXPECT_EQ(ledger.entries().size(), before);
          ++refused;
        } else {
          ASSERT_TRUE(e.ok()) << e.status().ToString();
          ASSERT_TRUE(ledger.Append(*e).ok());
          // Appending the same reference again is always refused.
          EXPECT_EQ(ledger.Append(*e).status().code(), ErrorCode::kAlreadyExists);
        }
      }

      if (step % 100 == 99 || step == kSteps - 1) {
        // Balances sum to zero and match a recomputation from the entries.
        std::map<std::string, Money> expected;
        for (const Entry& entry : ledger.entries()) {
          for (const Posting& p : entry.postings) expected[p.account] += p.amount;
        }
        std::map<std::string, Money> balances = ledger.Balances();
        EXPECT_EQ(balances, expected);
        Money sum;
        for (const auto& [account, balance] : balances) sum += balance;
        EXPECT_EQ(sum, Money::Zero());

        // A random period balances, and its lines match a recomputation.
        const Date from = start.AddDays(static_cast<int32_t>(uniform(0, kDays)));
        const Date until = from.AddDays(static_cast<int32_t>(uniform(0, kDays)));
        TrialBalance tb = ledger.Report(from, until);
        EXPECT_EQ(tb.total_debit, tb.total_credit);
        std::map<std::string, std::pair<Money, Money>> period;
        for (const Entry& entry : ledger.entries()) {
          if (entry.booking_date < from || !(entry.booking_date < until)) continue;
          for (const Posting& p : entry.postings) {
            auto& [debit, credit] = period[p.account];
            (p.amount > Money::Zero() ? debit : credit) += p.amount > Money::Zero() ? p.amount
                                                                                    : -p.amount;
          }
        }
        ASSERT_EQ(tb.lines.size(), period.size());
        Money debits, line_sum;
        for (const TrialBalanceLine& line : tb.lines) {
          const auto& [debit, credit] = period.at(line.account);
          EXPECT_EQ(line.debit, debit) << line.account;
          EXPECT_EQ(line.credit, credit) << line.account;
          EXPECT_EQ(line.balance, debit - credit) << line.account;
          EXPECT_EQ(line.kind, KindOf(line.account));
          debits += line.debit;
          line_sum += line.balance;
        }
        EXPECT_EQ(debits, tb.total_debit);
        EXPECT_EQ(line_sum, Money::Zero());

        // The whole history balances too.
        TrialBalance all = ledger.Report(start, start.AddDays(kDays));
        EXPECT_EQ(all.total_debit, all.total_credit);
        for (const TrialBalanceLine& line : all.lines) {
          EXPECT_EQ(line.balance, ledger.Balance(line.account)) << line.account;
        }
      }
    }
    EXPECT_GT(refused, 0u);  // the refusal paths were exercised
    EXPECT_GT(ledger.entries().size(), static_cast<size_t>(kSteps / 2));
  }
}

}  // namespace
}  // namespace nabij::ledger
