// The RunStore test suite: what every storage backend of the payment run must do. It runs on each
// backend that StoreBackends() (store_backend.h) gives, through payments::RunStore only.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "payments/run_store.h"
#include "pw/history.h"
#include "store_backend.h"
#include "test_cases.h"

namespace nabij::store::testing {
namespace {

using payments::CaseOutcome;
using payments::PaymentKind;
using payments::RunCase;
using payments::RunRecord;
using payments::RunStatus;

std::string Text(const Status& s) { return s.ToString(); }
template <typename T>
std::string Text(const Result<T>& r) {
  return r.status().ToString();
}

#define ASSERT_OK(expr)                      \
  do {                                       \
    const auto& nabij_ok_ = (expr);          \
    ASSERT_TRUE(nabij_ok_.ok()) << Text(nabij_ok_); \
  } while (false)

#define ASSERT_OK_AND_ASSIGN(decl, expr)                                                  \
  auto NABIJ_CONCAT(nabij_r_, __LINE__) = (expr);                                         \
  ASSERT_TRUE(NABIJ_CONCAT(nabij_r_, __LINE__).ok()) << Text(NABIJ_CONCAT(nabij_r_, __LINE__)); \
  decl = std::move(NABIJ_CONCAT(nabij_r_, __LINE__)).value()

const Month kMarch = Month::Of(2026, 3);

RunRecord NewRun(Month month) {
  RunRecord r;
  r.month = month;
  r.prepared_by = "test.voorbereider";
  r.rules_version = "test-rules-1";
  r.booking_date = month.first_day().AddDays(24);
  r.created_at = month.first_day().AddDays(19).ToString() + "T09:00:00Z";
  return r;
}

std::vector<int64_t> IdsOf(const std::vector<RunCase>& cases) {
  std::vector<int64_t> ids;
  for (const RunCase& c : cases) ids.push_back(c.case_id);
  return ids;
}

// A household with every kind of fact. The caller's person ids are deliberately not 1, 2, 3.
RunCase RichCase() {
  RunCase c;
  c.gemeente = "9999";
  c.start = Date::Of(2024, 5, 1);
  c.applicant = {TestName(1), TestIban(1), DemoBsn(1)};
  c.partner = payments::Payee{TestName(2), TestIban(2), DemoBsn(2)};
  c.split_between_partners = false;
  c.vakantietoeslag_monthly = true;
  c.vt_reserved = Money::Cents(1234);  // reserved before the case came into nabij
  pw::HouseholdHistory& h = c.history;
  h.applicant_id = 7;
  h.applicant_birth = Date::Of(1985, 2, 28);
  h.medisch_urenbeperkt = true;
  pw::MemberFact partner;
  partner.person_id = 42;
  partner.role = pw::Role::kPartner;
  partner.birth = Date::Of(1987, 6, 15);
  partner.valid_from = Date::Of(2024, 5, 1);
  partner.entitled = false;
  h.members.push_back(partner);
  pw::MemberFact child;
  child.person_id = 43;
  child.role = pw::Role::kChild;
  child.birth = Date::Of(2015, 9, 1);
  child.valid_from = Date::Of(2024, 5, 1);
  h.members.push_back(child);
  pw::MemberFact lodger;
  lodger.person_id = 44;
  lodger.role = pw::Role::kHousemate;
  lodger.birth = Date::Of(1960, 12, 31);
  lodger.valid_from = Date::Of(2025, 1, 1);
  lodger.valid_until = Date::Of(2026, 6, 1);
  lodger.housemate = {lodger.birth, pw::Relation::kSecondDegree, pw::Education::kWtos, true, false};
  h.members.push_back(lodger);
  pw::MemberFact lodger_again = lodger;  // the same person back, now without a contract
  lodger_again.valid_from = Date::Of(2026, 9, 1);
  lodger_again.valid_until = std::nullopt;
  lodger_again.housemate.commercial_contract = false;
  lodger_again.housemate.third_party_contract = true;
  h.members.push_back(lodger_again);
  h.incomes.push_back({7, kMarch, Money::Cents(45000), Money::Cents(0)});
  h.incomes.push_back({42, kMarch, Money::Cents(12000), Money::Cents(3050)});
  h.incomes.push_back({7, kMarch.Add(1), Money::Cents(-500), Money::Cents(100)});  // a correction
  h.periods.push_back({7, pw::PeriodRule::kN, kMarch.Add(-2)});
  h.periods.push_back({42, pw::PeriodRule::kPib, kMarch});
  h.assets.push_back({Date::Of(2024, 5, 1), Money::Cents(250000)});
  h.assets.push_back({Date::Of(2026, 1, 1), Money::Cents(-10000)});
  c.instructions.push_back({0, payments::InstructionKind::kZorgverzekeraar, {"Test Zorgverzekeraar", TestIban(900)},
                            Money::Cents(15500), Date::Of(2024, 5, 1), Date::Of(2026, 12, 31)});
  c.instructions.push_back({0, payments::InstructionKind::kVerhuurder, {"Test Verhuurder", TestIban(901)},
                            Money::Cents(62000), Date::Of(2025, 1, 1), std::nullopt});
  c.garnishments.push_back({0, {"Test Deurwaarder", TestIban(902)}, "DW-0001", Money::Cents(100000)});
  c.recoveries.push_back({0, Money::Cents(50000)});
  return c;
}

// Expects `got` (as loaded, with database ids) to hold the same facts as `want` (as added, with
// the caller's ids): the person ids must map one to one.
void ExpectSameCase(const RunCase& want, const RunCase& got) {
  EXPECT_NE(got.case_id, 0);
  EXPECT_EQ(got.gemeente, want.gemeente);
  EXPECT_EQ(got.start, want.start);
  EXPECT_EQ(got.end, want.end);
  EXPECT_EQ(got.applicant.name, want.applicant.name);
  EXPECT_EQ(got.applicant.iban, want.applicant.iban);
  EXPECT_EQ(got.applicant.bsn, want.applicant.bsn);
  ASSERT_EQ(got.partner.has_value(), want.partner.has_value());
  if (want.partner) {
    EXPECT_EQ(got.partner->name, want.partner->name);
    EXPECT_EQ(got.partner->iban, want.partner->iban);
    EXPECT_EQ(got.partner->bsn, want.partner->bsn);
  }
  EXPECT_EQ(got.split_between_partners, want.split_between_partners);
  EXPECT_EQ(got.vakantietoeslag_monthly, want.vakantietoeslag_monthly);
  EXPECT_EQ(got.vt_reserved, want.vt_reserved);

  const pw::HouseholdHistory& w = want.history;
  const pw::HouseholdHistory& g = got.history;
  EXPECT_EQ(g.applicant_birth, w.applicant_birth);
  EXPECT_EQ(g.medisch_urenbeperkt, w.medisch_urenbeperkt);
  std::map<int64_t, int64_t> to_got{{w.applicant_id, g.applicant_id}};
  ASSERT_EQ(g.members.size(), w.members.size());
  for (size_t i = 0; i < w.members.size(); ++i) {
    SCOPED_TRACE("member " + std::to_string(i));
    const pw::MemberFact& wm = w.members[i];
    const pw::MemberFact& gm = g.members[i];
    auto [it, inserted] = to_got.emplace(wm.person_id, gm.person_id);
    EXPECT_EQ(gm.person_id, it->second);
    EXPECT_EQ(gm.role, wm.role);
    EXPECT_EQ(gm.birth, wm.birth);
    EXPECT_EQ(gm.valid_from, wm.valid_from);
    EXPECT_EQ(gm.valid_until, wm.valid_until);
    EXPECT_EQ(gm.entitled, wm.entitled);
    EXPECT_EQ(gm.housemate.birth, wm.housemate.birth);
    EXPECT_EQ(gm.housemate.relation, wm.housemate.relation);
    EXPECT_EQ(gm.housemate.education, wm.housemate.education);
    EXPECT_EQ(gm.housemate.commercial_contract, wm.housemate.commercial_contract);
    EXPECT_EQ(gm.housemate.third_party_contract, wm.housemate.third_party_contract);
  }
  std::set<int64_t> distinct;
  for (const auto& [local, stored] : to_got) distinct.insert(stored);
  EXPECT_EQ(distinct.size(), to_got.size()) << "two persons were stored as one";

  ASSERT_EQ(g.incomes.size(), w.incomes.size());
  for (size_t i = 0; i < w.incomes.size(); ++i) {
    EXPECT_EQ(g.incomes[i].person_id, to_got.at(w.incomes[i].person_id)) << "income " << i;
    EXPECT_EQ(g.incomes[i].month, w.incomes[i].month) << "income " << i;
    EXPECT_EQ(g.incomes[i].work, w.incomes[i].work) << "income " << i;
    EXPECT_EQ(g.incomes[i].other, w.incomes[i].other) << "income " << i;
  }
  ASSERT_EQ(g.periods.size(), w.periods.size());
  for (size_t i = 0; i < w.periods.size(); ++i) {
    EXPECT_EQ(g.periods[i].person_id, to_got.at(w.periods[i].person_id)) << "period " << i;
    EXPECT_EQ(g.periods[i].rule, w.periods[i].rule) << "period " << i;
    EXPECT_EQ(g.periods[i].start, w.periods[i].start) << "period " << i;
  }
  ASSERT_EQ(g.assets.size(), w.assets.size());
  for (size_t i = 0; i < w.assets.size(); ++i) {
    EXPECT_EQ(g.assets[i].valid_from, w.assets[i].valid_from) << "asset " << i;
    EXPECT_EQ(g.assets[i].vermogen, w.assets[i].vermogen) << "asset " << i;
  }
  ASSERT_EQ(got.instructions.size(), want.instructions.size());
  for (size_t i = 0; i < want.instructions.size(); ++i) {
    const auto& wi = want.instructions[i];
    const auto& gi = got.instructions[i];
    EXPECT_NE(gi.id, 0) << "instruction " << i;
    EXPECT_EQ(gi.kind, wi.kind) << "instruction " << i;
    EXPECT_EQ(gi.creditor.name, wi.creditor.name) << "instruction " << i;
    EXPECT_EQ(gi.creditor.iban, wi.creditor.iban) << "instruction " << i;
    EXPECT_EQ(gi.amount, wi.amount) << "instruction " << i;
    EXPECT_EQ(gi.valid_from, wi.valid_from) << "instruction " << i;
    EXPECT_EQ(gi.valid_until, wi.valid_until) << "instruction " << i;
  }
  ASSERT_EQ(got.garnishments.size(), want.garnishments.size());
  for (size_t i = 0; i < want.garnishments.size(); ++i) {
    EXPECT_NE(got.garnishments[i].id, 0);
    EXPECT_EQ(got.garnishments[i].creditor.name, want.garnishments[i].creditor.name);
    EXPECT_EQ(got.garnishments[i].creditor.iban, want.garnishments[i].creditor.iban);
    EXPECT_EQ(got.garnishments[i].reference, want.garnishments[i].reference);
    EXPECT_EQ(got.garnishments[i].remaining, want.garnishments[i].remaining);
  }
  ASSERT_EQ(got.recoveries.size(), want.recoveries.size());
  for (size_t i = 0; i < want.recoveries.size(); ++i) {
    EXPECT_NE(got.recoveries[i].id, 0);
    EXPECT_EQ(got.recoveries[i].remaining, want.recoveries[i].remaining);
  }
}

class RunStoreTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    auto opened = GetParam().open();
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    backend_ = std::move(*opened);
  }

  payments::RunStore& store() { return backend_->store(); }

  int64_t Add(const RunCase& c) {
    auto id = store().AddCase(c);
    EXPECT_TRUE(id.ok()) << Text(id);
    return id.ok() ? *id : 0;
  }
  int64_t Run(Month month) {
    auto run = store().CreateRun(NewRun(month));
    EXPECT_TRUE(run.ok()) << Text(run);
    return run.ok() ? run->id : 0;
  }
  std::vector<RunCase> Pending(int64_t run_id, Month month, int64_t after = 0, int limit = 1000) {
    auto cases = store().LoadPendingCases(run_id, month, after, limit);
    EXPECT_TRUE(cases.ok()) << Text(cases);
    return cases.ok() ? *cases : std::vector<RunCase>{};
  }
  Money DebitTotal(Date until) {
    auto tb = store().TrialBalance(until);
    EXPECT_TRUE(tb.ok()) << Text(tb);
    return tb.ok() ? tb->total_debit : Money::Zero();
  }

  std::unique_ptr<StoreUnderTest> backend_;
};

TEST_P(RunStoreTest, AddCaseAndLoadPendingCasesRoundTrip) {
  const RunCase want = RichCase();
  int64_t id = Add(want);
  ASSERT_GT(id, 0);
  int64_t run = Run(kMarch);
  std::vector<RunCase> got = Pending(run, kMarch);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].case_id, id);
  ExpectSameCase(want, got[0]);

  // The engine sees the same household from the stored facts as from the original ones.
  for (Month m : {kMarch, kMarch.Add(1), kMarch.Add(7)}) {
    SCOPED_TRACE(m.ToString());
    ASSERT_OK_AND_ASSIGN(pw::CaseInput a, pw::InputForMonth(want.history, m));
    ASSERT_OK_AND_ASSIGN(pw::CaseInput b, pw::InputForMonth(got[0].history, m));
    EXPECT_EQ(b.has_partner, a.has_partner);
    EXPECT_EQ(b.partner.entitled, a.partner.entitled);
    EXPECT_EQ(b.children, a.children);
    EXPECT_EQ(b.housemate_count, a.housemate_count);
    EXPECT_EQ(b.applicant.work_income, a.applicant.work_income);
    EXPECT_EQ(b.applicant.other_income, a.applicant.other_income);
    EXPECT_EQ(b.partner.work_income, a.partner.work_income);
    EXPECT_EQ(b.partner.other_income, a.partner.other_income);
    EXPECT_EQ(b.applicant.periods.n_month, a.applicant.periods.n_month);
    EXPECT_EQ(b.partner.periods.pib_month, a.partner.periods.pib_month);
    EXPECT_EQ(b.vermogen, a.vermogen);
  }

  // A second case gets its own id and its own persons.
  int64_t second = Add(RichCase());
  EXPECT_GT(second, id);
  std::vector<RunCase> both = Pending(run, kMarch);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_NE(both[1].history.applicant_id, both[0].history.applicant_id);
  EXPECT_NE(both[1].garnishments[0].id, both[0].garnishments[0].id);
}

TEST_P(RunStoreTest, PartnerWithoutHouseholdFactsRoundTrips) {
  RunCase c = SimpleCase(5, Date::Of(2025, 1, 1));
  c.partner = payments::Payee{TestName(6), TestIban(6)};
  int64_t id = Add(c);
  std::vector<RunCase> got = Pending(Run(kMarch), kMarch);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].case_id, id);
  ExpectSameCase(c, got[0]);
}

TEST_P(RunStoreTest, AddCaseRefusesFactsOfUnknownPersons) {
  RunCase c = SimpleCase(1, Date::Of(2025, 1, 1));
  c.history.incomes.push_back({99, kMarch, Money::Cents(100), Money::Zero()});
  auto id = store().AddCase(c);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(id.error().field(), "history.incomes[0].person_id");

  RunCase twice = SimpleCase(2, Date::Of(2025, 1, 1));
  pw::MemberFact m;
  m.person_id = 1;  // the applicant, with another birth date
  m.role = pw::Role::kHousemate;
  m.birth = Date::Of(2001, 1, 1);
  m.valid_from = Date::Of(2025, 1, 1);
  twice.history.members.push_back(m);
  EXPECT_EQ(store().AddCase(twice).status().code(), ErrorCode::kInvalidArgument);

  RunCase backwards = SimpleCase(3, Date::Of(2025, 1, 1), Date::Of(2024, 12, 31));
  EXPECT_EQ(store().AddCase(backwards).status().code(), ErrorCode::kInvalidArgument);

  EXPECT_TRUE(Pending(Run(kMarch), kMarch).empty()) << "a refused case left something behind";
}

TEST_P(RunStoreTest, PendingCasesFollowTheMonthAndPage) {
  const int64_t a = Add(SimpleCase(1, Date::Of(2025, 1, 1)));
  Add(SimpleCase(2, Date::Of(2026, 4, 1)));                          // starts after the month
  const int64_t c = Add(SimpleCase(3, Date::Of(2026, 3, 31)));       // starts on its last day
  const int64_t d = Add(SimpleCase(4, Date::Of(2025, 1, 1), Date::Of(2025, 12, 31)));  // ended 3 months before
  Add(SimpleCase(5, Date::Of(2025, 1, 1), Date::Of(2025, 11, 30)));  // ended 4 months before
  const int64_t f = Add(SimpleCase(6, Date::Of(2025, 1, 1), Date::Of(2026, 3, 1)));   // ends in the month
  const int64_t g = Add(SimpleCase(7, Date::Of(2025, 1, 1), Date::Of(2026, 2, 28)));
  int64_t run = Run(kMarch);

  EXPECT_EQ(IdsOf(Pending(run, kMarch)), (std::vector<int64_t>{a, c, d, f, g}));
  EXPECT_EQ(IdsOf(Pending(run, kMarch, 0, 2)), (std::vector<int64_t>{a, c}));
  EXPECT_EQ(IdsOf(Pending(run, kMarch, c, 2)), (std::vector<int64_t>{d, f}));
  EXPECT_EQ(IdsOf(Pending(run, kMarch, f, 2)), (std::vector<int64_t>{g}));
  EXPECT_TRUE(Pending(run, kMarch, g, 2).empty());

  EXPECT_EQ(store().LoadPendingCases(run, kMarch, 0, 0).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(store().LoadPendingCases(run, kMarch.Add(1), 0, 10).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(store().LoadPendingCases(run + 1000, kMarch, 0, 10).status().code(), ErrorCode::kNotFound);
}

TEST_P(RunStoreTest, PendingExcludesCasesSavedInThisRunOnly) {
  const int64_t a = Add(SimpleCase(1, Date::Of(2025, 1, 1)));
  const int64_t b = Add(SimpleCase(2, Date::Of(2025, 1, 1)));
  int64_t march = Run(kMarch);
  std::vector<RunCase> cases = Pending(march, kMarch);
  ASSERT_EQ(cases.size(), 2u);
  ASSERT_OK(store().SaveBatch(march, {OutcomeFor(cases[0], kMarch, Date::Of(2026, 3, 25),
                                                 {.bijstand = Money::Cents(100000)})}));
  EXPECT_EQ(IdsOf(Pending(march, kMarch)), (std::vector<int64_t>{b}));
  ASSERT_OK(store().SaveBatch(march, {FailedOutcome(b, "invalid_argument", "the client's IBAN is not valid")}));
  EXPECT_TRUE(Pending(march, kMarch).empty());

  int64_t april = Run(kMarch.Add(1));
  EXPECT_EQ(IdsOf(Pending(april, kMarch.Add(1))), (std::vector<int64_t>{a, b}));
}

TEST_P(RunStoreTest, SaveBatchIsAllOrNothing) {
  RunCase full = SimpleCase(3, Date::Of(2025, 1, 1));
  full.garnishments.push_back({0, {"Test Deurwaarder", TestIban(902)}, "DW-0003", Money::Cents(100000)});
  full.recoveries.push_back({0, Money::Cents(50000)});
  full.instructions.push_back({0, payments::InstructionKind::kZorgverzekeraar,
                               {"Test Zorgverzekeraar", TestIban(900)}, Money::Cents(15000),
                               Date::Of(2025, 1, 1), std::nullopt});
  Add(SimpleCase(1, Date::Of(2025, 1, 1)));
  Add(SimpleCase(2, Date::Of(2025, 1, 1)));
  Add(full);
  int64_t run = Run(kMarch);
  const Date booking = Date::Of(2026, 3, 25);
  std::vector<RunCase> cases = Pending(run, kMarch);
  ASSERT_EQ(cases.size(), 3u);
  CaseOutcome oa = OutcomeFor(cases[0], kMarch, booking, {.bijstand = Money::Cents(120000)});
  CaseOutcome ob = OutcomeFor(cases[1], kMarch, booking, {.bijstand = Money::Cents(90000)});
  CaseOutcome oc = OutcomeFor(cases[2], kMarch, booking,
                              {.bijstand = Money::Cents(130000), .vt_reserved = Money::Cents(6000),
                               .garnished = Money::Cents(20000), .recovered = Money::Cents(10000),
                               .direct = Money::Cents(15000)});
  ASSERT_OK(store().SaveBatch(run, {oa}));
  ASSERT_OK_AND_ASSIGN(payments::RunTotals before, store().Totals(run));
  const Money debit_before = DebitTotal(booking);

  // The duplicate comes last: everything before it in the batch must be undone.
  Status dup = store().SaveBatch(run, {oc, ob, oa});
  EXPECT_EQ(dup.code(), ErrorCode::kAlreadyExists) << dup.ToString();
  ASSERT_OK_AND_ASSIGN(payments::RunTotals after, store().Totals(run));
  EXPECT_EQ(after.cases, before.cases);
  EXPECT_EQ(after.payments, before.payments);
  EXPECT_EQ(after.bijstand, before.bijstand);
  EXPECT_EQ(DebitTotal(booking), debit_before);
  ASSERT_OK_AND_ASSIGN(std::vector<payments::Payment> paid, store().Payments(run));
  EXPECT_EQ(paid.size(), oa.payments.size());
  std::vector<RunCase> still = Pending(run, kMarch);
  ASSERT_EQ(IdsOf(still), (std::vector<int64_t>{ob.case_id, oc.case_id}));
  EXPECT_EQ(still[1].garnishments[0].remaining, Money::Cents(100000));
  EXPECT_EQ(still[1].recoveries[0].remaining, Money::Cents(50000));

  // Nothing of the refused batch lingers (end-to-end ids, ledger references): it saves now.
  ASSERT_OK(store().SaveBatch(run, {ob, oc}));
  ASSERT_OK_AND_ASSIGN(payments::RunTotals done, store().Totals(run));
  EXPECT_EQ(done.cases, 3);
  EXPECT_TRUE(Pending(run, kMarch).empty());

  // A case twice in one batch is refused as well.
  int64_t april = Run(kMarch.Add(1));
  std::vector<RunCase> next = Pending(april, kMarch.Add(1));
  ASSERT_FALSE(next.empty());
  CaseOutcome once = OutcomeFor(next[0], kMarch.Add(1), Date::Of(2026, 4, 24), {.bijstand = Money::Cents(1000)});
  CaseOutcome twice = once;
  for (auto& p : twice.payments) p.end_to_end_id += "X";
  twice.entry->reference += ":again";
  EXPECT_EQ(store().SaveBatch(april, {once, twice}).code(), ErrorCode::kAlreadyExists);
  ASSERT_OK_AND_ASSIGN(payments::RunTotals april_totals, store().Totals(april));
  EXPECT_EQ(april_totals.cases, 0);
}

TEST_P(RunStoreTest, SaveBatchRefusesAnUnbalancedEntryAndKeepsNothing) {
  Add(SimpleCase(1, Date::Of(2025, 1, 1)));
  int64_t run = Run(kMarch);
  std::vector<RunCase> cases = Pending(run, kMarch);
  ASSERT_EQ(cases.size(), 1u);
  CaseOutcome o = OutcomeFor(cases[0], kMarch, Date::Of(2026, 3, 25), {.bijstand = Money::Cents(100000)});
  o.entry->postings[0].amount += Money::Cents(1);
  EXPECT_EQ(store().SaveBatch(run, {o}).code(), ErrorCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(payments::RunTotals totals, store().Totals(run));
  EXPECT_EQ(totals.cases, 0);
}

TEST_P(RunStoreTest, SaveBatchRefusesALineWhoseAmountsDoNotAddUp) {
  Add(SimpleCase(1, Date::Of(2025, 1, 1)));
  int64_t run = Run(kMarch);
  std::vector<RunCase> cases = Pending(run, kMarch);
  ASSERT_EQ(cases.size(), 1u);
  CaseOutcome o = OutcomeFor(cases[0], kMarch, Date::Of(2026, 3, 25), {.bijstand = Money::Cents(100000)});
  o.to_client += Money::Cents(1);  // a cent more to the client than the month's payable amount
  EXPECT_EQ(store().SaveBatch(run, {o}).code(), ErrorCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(payments::RunTotals totals, store().Totals(run));
  EXPECT_EQ(totals.cases, 0);
}

TEST_P(RunStoreTest, TotalsFailedLinesAndPaymentsOfARun) {
  RunCase rich = SimpleCase(1, Date::Of(2025, 1, 1));
  rich.garnishments.push_back({0, {"Test Deurwaarder", TestIban(902)}, "DW-0001", Money::Cents(100000)});
  rich.instructions.push_back({0, payments::InstructionKind::kZorgverzekeraar,
                               {"Test Zorgverzekeraar", TestIban(900)}, Money::Cents(15000),
                               Date::Of(2025, 1, 1), std::nullopt});
  const int64_t a = Add(rich);
  const int64_t b = Add(SimpleCase(2, Date::Of(2025, 1, 1)));
  const int64_t c = Add(SimpleCase(3, Date::Of(2025, 1, 1)));
  int64_t run = Run(kMarch);
  std::vector<RunCase> cases = Pending(run, kMarch);
  ASSERT_EQ(IdsOf(cases), (std::vector<int64_t>{a, b, c}));
  const Date booking = Date::Of(2026, 3, 25);
  CaseOutcome oa = OutcomeFor(cases[0], kMarch, booking,
                              {.bijstand = Money::Cents(120000), .vt_reserved = Money::Cents(5000),
                               .garnished = Money::Cents(25000), .direct = Money::Cents(15000)});
  CaseOutcome oc = OutcomeFor(cases[2], kMarch, booking, {.bijstand = Money::Cents(80000)});
  // Saved in another order than the ids: Payments() still lists by case and sequence.
  ASSERT_OK(store().SaveBatch(run, {oc, FailedOutcome(b, "invalid_argument", "the client's IBAN is not valid")}));
  ASSERT_OK(store().SaveBatch(run, {oa}));

  ASSERT_OK_AND_ASSIGN(payments::RunTotals t, store().Totals(run));
  EXPECT_EQ(t.cases, 3);
  EXPECT_EQ(t.failed, 1);
  EXPECT_EQ(t.bijstand, Money::Cents(200000));
  EXPECT_EQ(t.vt_reserved, Money::Cents(5000));
  EXPECT_EQ(t.vt_paid, Money::Zero());
  EXPECT_EQ(t.garnished, Money::Cents(25000));
  EXPECT_EQ(t.recovered, Money::Zero());
  EXPECT_EQ(t.direct, Money::Cents(15000));
  EXPECT_EQ(t.to_client, Money::Cents(75000 + 80000));
  EXPECT_EQ(t.payments, 4);

  ASSERT_OK_AND_ASSIGN(std::vector<payments::FailedLine> failed, store().FailedLines(run));
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].case_id, b);
  EXPECT_EQ(failed[0].error_code, "invalid_argument");
  EXPECT_EQ(failed[0].error_message, "the client's IBAN is not valid");

  ASSERT_OK_AND_ASSIGN(std::vector<payments::Payment> paid, store().Payments(run));
  std::vector<payments::Payment> want = oa.payments;
  want.insert(want.end(), oc.payments.begin(), oc.payments.end());
  ASSERT_EQ(paid.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("payment " + std::to_string(i));
    EXPECT_EQ(paid[i].kind, want[i].kind);
    EXPECT_EQ(paid[i].creditor.name, want[i].creditor.name);
    EXPECT_EQ(paid[i].creditor.iban, want[i].creditor.iban);
    EXPECT_EQ(paid[i].amount, want[i].amount);
    EXPECT_EQ(paid[i].end_to_end_id, want[i].end_to_end_id);
    EXPECT_EQ(paid[i].remittance, want[i].remittance);
    EXPECT_EQ(paid[i].garnishment_id, want[i].garnishment_id);
  }
  EXPECT_EQ(paid[0].kind, PaymentKind::kBeslag);
  EXPECT_EQ(paid[0].garnishment_id, cases[0].garnishments[0].id);

  EXPECT_EQ(store().Totals(run + 1000).status().code(), ErrorCode::kNotFound);
}

TEST_P(RunStoreTest, RunsAreFoundCreatedOnceAndMoveThroughTheirStatuses) {
  ASSERT_OK_AND_ASSIGN(std::optional<RunRecord> none, store().FindRun(kMarch));
  EXPECT_FALSE(none.has_value());
  const RunRecord fresh = NewRun(kMarch);
  ASSERT_OK_AND_ASSIGN(RunRecord created, store().CreateRun(fresh));
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(store().CreateRun(fresh).status().code(), ErrorCode::kAlreadyExists);

  ASSERT_OK_AND_ASSIGN(std::optional<RunRecord> found, store().FindRun(kMarch));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, created.id);
  EXPECT_EQ(found->month, kMarch);
  EXPECT_EQ(found->status, RunStatus::kPreparing);
  EXPECT_EQ(found->prepared_by, fresh.prepared_by);
  EXPECT_EQ(found->approved_by, "");
  EXPECT_EQ(found->rules_version, fresh.rules_version);
  EXPECT_EQ(found->booking_date, fresh.booking_date);
  EXPECT_EQ(found->created_at, fresh.created_at);

  const int64_t id = created.id;
  ASSERT_OK(store().SetStatus(id, RunStatus::kPreparing, RunStatus::kPrepared, "test.voorbereider"));
  // The same step again finds the run no longer in the status it expects.
  EXPECT_EQ(store().SetStatus(id, RunStatus::kPreparing, RunStatus::kPrepared, "test.voorbereider").code(),
            ErrorCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(found, store().FindRun(kMarch));
  EXPECT_EQ(found->status, RunStatus::kPrepared);
  EXPECT_EQ(found->approved_by, "");
  // A prepared run takes no more lines.
  Add(SimpleCase(1, Date::Of(2025, 1, 1)));
  EXPECT_EQ(store().SaveBatch(id, {FailedOutcome(1, "internal", "test")}).code(), ErrorCode::kFailedPrecondition);

  ASSERT_OK(store().SetStatus(id, RunStatus::kPrepared, RunStatus::kApproved, "test.fiatteur"));
  ASSERT_OK_AND_ASSIGN(found, store().FindRun(kMarch));
  EXPECT_EQ(found->status, RunStatus::kApproved);
  EXPECT_EQ(found->approved_by, "test.fiatteur");
  ASSERT_OK(store().SetStatus(id, RunStatus::kApproved, RunStatus::kExported, "test.fiatteur"));
  ASSERT_OK_AND_ASSIGN(found, store().FindRun(kMarch));
  EXPECT_EQ(found->status, RunStatus::kExported);
  EXPECT_EQ(found->approved_by, "test.fiatteur");

  EXPECT_EQ(store().SetStatus(id + 1000, RunStatus::kPreparing, RunStatus::kPrepared, "x").code(),
            ErrorCode::kNotFound);
}

TEST_P(RunStoreTest, BalancesAreCarriedOverBetweenRuns) {
  RunCase c = SimpleCase(1, Date::Of(2025, 6, 1));
  c.garnishments.push_back({0, {"Test Deurwaarder", TestIban(902)}, "DW-0001", Money::Cents(100000)});
  c.recoveries.push_back({0, Money::Cents(50000)});
  Add(c);
  const Money monthly_vt = Money::Cents(5000);
  const Money garnish_step = Money::Cents(30000);
  const Money recover_step = Money::Cents(20000);
  Money garnishment_left = Money::Cents(100000);
  Money recovery_left = Money::Cents(50000);
  Money reserved = Money::Zero();
  for (unsigned m = 1; m <= 7; ++m) {
    const Month month = Month::Of(2026, m);
    SCOPED_TRACE(month.ToString());
    int64_t run = Run(month);
    std::vector<RunCase> cases = Pending(run, month);
    ASSERT_EQ(cases.size(), 1u);
    const RunCase& loaded = cases[0];
    EXPECT_EQ(loaded.vt_reserved, reserved);
    ASSERT_EQ(loaded.garnishments.size(), 1u);
    EXPECT_EQ(loaded.garnishments[0].remaining, garnishment_left);
    ASSERT_EQ(loaded.recoveries.size(), 1u);
    EXPECT_EQ(loaded.recoveries[0].remaining, recovery_left);

    // Reserve every month, pay the reserve out in June (Pw art. 45 lid 1).
    Amounts a{.bijstand = Money::Cents(130000), .vt_reserved = monthly_vt};
    if (m == 6) a.vt_paid = loaded.vt_reserved;
    a.garnished = Min(garnish_step, loaded.garnishments[0].remaining);
    a.recovered = Min(recover_step, loaded.recoveries[0].remaining);
    ASSERT_OK(store().SaveBatch(run, {OutcomeFor(loaded, month, month.first_day().AddDays(24), a)}));
    ASSERT_OK(store().SetStatus(run, RunStatus::kPreparing, RunStatus::kPrepared, "test.voorbereider"));

    reserved = reserved + a.vt_reserved - a.vt_paid;
    garnishment_left -= a.garnished;
    recovery_left -= a.recovered;
  }
  // January to May were paid out in June; June's and July's reservations remain.
  EXPECT_EQ(reserved, monthly_vt.Times(2));
  EXPECT_EQ(garnishment_left, Money::Zero());
  EXPECT_EQ(recovery_left, Money::Zero());
  // The last run's figures are carried into August.
  int64_t august = Run(Month::Of(2026, 8));
  std::vector<RunCase> cases = Pending(august, Month::Of(2026, 8));
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].vt_reserved, monthly_vt.Times(2));
  EXPECT_EQ(cases[0].garnishments[0].remaining, Money::Zero());
  EXPECT_EQ(cases[0].recoveries[0].remaining, Money::Zero());
}

TEST_P(RunStoreTest, OpeningVakantietoeslagReserveCountsWithTheRuns) {
  RunCase c = SimpleCase(1, Date::Of(2025, 6, 1));
  c.vt_reserved = Money::Cents(7000);
  Add(c);
  int64_t run = Run(kMarch);
  std::vector<RunCase> cases = Pending(run, kMarch);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].vt_reserved, Money::Cents(7000));
  ASSERT_OK(store().SaveBatch(run, {OutcomeFor(cases[0], kMarch, Date::Of(2026, 3, 25),
                                               {.bijstand = Money::Cents(100000), .vt_reserved = Money::Cents(500)})}));
  int64_t april = Run(kMarch.Add(1));
  cases = Pending(april, kMarch.Add(1));
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].vt_reserved, Money::Cents(7500));
}

ledger::Entry Entry(Date booking, std::string reference, Money amount) {
  auto e = ledger::MakeEntry(booking, std::move(reference), "test",
                             {{ledger::kTeBetalenClient, amount}, {ledger::kBank, -amount}});
  NABIJ_CHECK(e.ok());
  return *e;
}

TEST_P(RunStoreTest, AppendEntryOnceIsIdempotent) {
  const ledger::Entry e = Entry(Date::Of(2026, 3, 25), "sepa:2026-03", Money::Cents(12345));
  ASSERT_OK(store().AppendEntryOnce(e));
  ASSERT_OK(store().AppendEntryOnce(e));
  ASSERT_OK_AND_ASSIGN(ledger::TrialBalance tb, store().TrialBalance(Date::Of(2026, 12, 31)));
  EXPECT_EQ(tb.total_debit, Money::Cents(12345));

  ledger::Entry unbalanced = Entry(Date::Of(2026, 3, 25), "sepa:2026-04", Money::Cents(1));
  unbalanced.postings[0].amount = Money::Cents(2);
  EXPECT_EQ(store().AppendEntryOnce(unbalanced).code(), ErrorCode::kInvalidArgument);
  ledger::Entry reversal = Entry(Date::Of(2026, 3, 26), "reversal:none", Money::Cents(1));
  reversal.reverses = 999'999;  // no such entry
  EXPECT_FALSE(store().AppendEntryOnce(reversal).ok());
  ASSERT_OK_AND_ASSIGN(tb, store().TrialBalance(Date::Of(2026, 12, 31)));
  EXPECT_EQ(tb.total_debit, Money::Cents(12345));
}

TEST_P(RunStoreTest, TrialBalanceBalancesUpToAndIncludingTheDate) {
  ASSERT_OK_AND_ASSIGN(ledger::TrialBalance empty, store().TrialBalance(Date::Of(2026, 12, 31)));
  EXPECT_TRUE(empty.lines.empty());
  EXPECT_EQ(empty.total_debit, Money::Zero());

  ASSERT_OK(store().AppendEntryOnce(Entry(Date::Of(2026, 1, 25), "t:1", Money::Cents(1000))));
  ASSERT_OK(store().AppendEntryOnce(Entry(Date::Of(2026, 2, 25), "t:2", Money::Cents(200))));
  ASSERT_OK(store().AppendEntryOnce(Entry(Date::Of(2026, 3, 25), "t:3", Money::Cents(30))));
  // And a run's booking.
  Add(SimpleCase(1, Date::Of(2025, 1, 1)));
  int64_t run = Run(kMarch);
  std::vector<RunCase> cases = Pending(run, kMarch);
  ASSERT_EQ(cases.size(), 1u);
  ASSERT_OK(store().SaveBatch(run, {OutcomeFor(cases[0], kMarch, Date::Of(2026, 2, 25),
                                               {.bijstand = Money::Cents(4000), .vt_reserved = Money::Cents(400)})}));

  ASSERT_OK_AND_ASSIGN(ledger::TrialBalance tb, store().TrialBalance(Date::Of(2026, 2, 25)));
  EXPECT_EQ(tb.until, Date::Of(2026, 2, 26));
  EXPECT_LE(tb.from, Date::Of(2026, 1, 25));
  EXPECT_EQ(tb.total_debit, tb.total_credit);
  EXPECT_EQ(tb.total_debit, Money::Cents(1000 + 200 + 4000));
  std::vector<std::string> accounts;
  for (const auto& l : tb.lines) accounts.push_back(l.account);
  EXPECT_EQ(accounts, (std::vector<std::string>{"bank", "kosten.bijstand", "reservering.vakantietoeslag",
                                                "schuld.client"}));
  const ledger::TrialBalanceLine& client = tb.lines[3];
  EXPECT_EQ(client.kind, ledger::AccountKind::kBalanceSheet);
  EXPECT_EQ(client.debit, Money::Cents(1200));
  EXPECT_EQ(client.credit, Money::Cents(3600));
  EXPECT_EQ(client.balance, Money::Cents(-2400));
  EXPECT_EQ(tb.lines[1].kind, ledger::AccountKind::kProfitAndLoss);
  EXPECT_EQ(tb.lines[1].balance, Money::Cents(4000));
  EXPECT_EQ(tb.lines[2].balance, Money::Cents(-400));

  ASSERT_OK_AND_ASSIGN(ledger::TrialBalance january, store().TrialBalance(Date::Of(2026, 2, 24)));
  EXPECT_EQ(january.total_debit, Money::Cents(1000));
  EXPECT_EQ(january.total_credit, Money::Cents(1000));
  EXPECT_EQ(january.lines.size(), 2u);
}

TEST_P(RunStoreTest, LedgerAndEventsAreAppendOnly) {
  ASSERT_OK(store().AppendEntryOnce(Entry(Date::Of(2026, 1, 25), "t:1", Money::Cents(1000))));
  StoreUnderTest& db = *backend_;
  EXPECT_FALSE(db.ExecSql("UPDATE ledger_entries SET description = 'changed'").ok());
  EXPECT_FALSE(db.ExecSql("UPDATE ledger_entries SET booking_date = '2027-01-01'").ok());
  EXPECT_FALSE(db.ExecSql("DELETE FROM ledger_entries").ok());
  EXPECT_FALSE(db.ExecSql("UPDATE ledger_postings SET amount = amount * 2").ok());
  EXPECT_FALSE(db.ExecSql("DELETE FROM ledger_postings").ok());
  ASSERT_OK(db.ExecSql("INSERT INTO events (at, actor, kind, detail) VALUES ('2026-01-25T09:00:00Z', 'test', "
                       "'test.event', '')"));
  EXPECT_FALSE(db.ExecSql("UPDATE events SET actor = 'someone else'").ok());
  EXPECT_FALSE(db.ExecSql("DELETE FROM events").ok());

  ASSERT_OK_AND_ASSIGN(ledger::TrialBalance tb, store().TrialBalance(Date::Of(2026, 12, 31)));
  EXPECT_EQ(tb.total_debit, Money::Cents(1000));
  ASSERT_EQ(tb.lines.size(), 2u);
  EXPECT_EQ(tb.lines[0].balance, Money::Cents(-1000));
}

INSTANTIATE_TEST_SUITE_P(Backends, RunStoreTest, ::testing::ValuesIn(StoreBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& info) { return info.param.name; });

}  // namespace
}  // namespace nabij::store::testing
