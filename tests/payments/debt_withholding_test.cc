// The debt fund's instalment withheld in the monthly payment run, on a real SQLite file: the run
// line, the fund's repayment and both ledger entries are stored in one transaction; the client is
// paid the rest; the ledger balances to the cent after the SEPA export; and when recording the
// repayment fails, nothing of the batch is kept.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "api/fund_collection.h"
#include "base/clock.h"
#include "base/ids.h"
#include "debt/fund.h"
#include "payments/demo_data.h"
#include "payments/payment_run.h"
#include "rules/source_rules.h"
#include "store/sqlite/database.h"
#include "store/sqlite/debt_store.h"
#include "store/sqlite/run_store.h"

namespace nabij {
namespace {

namespace fs = std::filesystem;

const Month kMay = Month::Of(2026, 5);
const Date kToday = Date::Of(2026, 5, 20);

payments::RunCase Single(int64_t n, bool vt_monthly) {
  payments::RunCase c;
  c.gemeente = "9999";
  c.history.applicant_id = 1;
  c.history.applicant_birth = Date::Of(1986, 1, 1);
  c.start = Date::Of(2024, 1, 1);
  c.applicant = {"Fictieve Klant " + std::to_string(n), DemoIban(static_cast<uint64_t>(n))};
  c.vakantietoeslag_monthly = vt_monthly;
  return c;
}

// A collection that records like the real one and then fails: the whole batch must roll back.
class FailingAfterRecord final : public payments::DebtCollection {
 public:
  explicit FailingAfterRecord(payments::DebtCollection& real) : real_(real) {}
  Result<std::map<int64_t, payments::DebtInstalment>> Due(Month m) override { return real_.Due(m); }
  Status Record(Month m, Date d, const std::vector<payments::CaseOutcome>& o) override {
    NABIJ_RETURN_IF_ERROR(real_.Record(m, d, o));
    return Status(ErrorCode::kInternal, "storing failed after the repayment");
  }

 private:
  payments::DebtCollection& real_;
};

class DebtWithholdingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("nabij_withholding_" + std::to_string(::getpid()) + ".db");
    Remove();
    auto db = store::SqliteDatabase::Open(path_, store::OpenOptions{});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Migrate().ok());
    runs_ = std::make_unique<store::SqliteRunStore>(*db_);
    debt_ = std::make_unique<store::SqliteDebtStore>(*db_);
    fund_ = std::make_unique<debt::DebtFund>(*debt_, rules::SourceRules(), clock_);
    collection_ = std::make_unique<api::FundCollection>(*fund_);
  }
  void TearDown() override {
    collection_.reset();
    fund_.reset();
    debt_.reset();
    runs_.reset();
    db_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fs::path(path_.string() + suffix));
  }

  // A dossier whose one claim of EUR 1,000 the creditor settled at 60 %, with a plan from April.
  int64_t DossierWithPlan(const std::string& ref) {
    debt::NewDossier nd;
    nd.household_ref = ref;
    nd.gemeente = "9999";
    nd.registered = Date::Of(2026, 3, 2);
    nd.finances.bijstandsnorm = Money::Cents(140150);
    nd.finances.net_income = Money::Cents(160000);
    nd.finances.housing_costs = Money::Cents(70000);
    auto id = fund_->Register(nd);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    debt::ClaimRow row;
    row.line = 2;
    row.dossier_id = *id;
    row.claim.creditor = "Demo Energie";
    row.claim.creditor_iban = DemoIban(7'000'000'001);
    row.claim.creditor_reference = "REF-1";
    row.claim.sector = debt::Sector::kEnergie;
    row.claim.principal = Money::Euros(1000);
    row.claim.verification = debt::Verification::kConfirmed;
    EXPECT_TRUE(fund_->ImportClaims({row}).ok());
    EXPECT_TRUE(fund_->MakeOffers(*id).ok());
    debt::AnswerRow answer;
    answer.line = 2;
    answer.dossier_id = *id;
    answer.claim_seq = 1;
    answer.round = 1;
    answer.answer = {debt::AnswerKind::kAccept, clock_.Today(), Money::Zero()};
    Status answered = fund_->ImportAnswers({answer});
    EXPECT_TRUE(answered.ok()) << answered.ToString();
    auto plan = fund_->MakePlan(*id, debt::Regime::kKlassiek18, Month::Of(2026, 4), nullptr);
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    monthly_ = plan->plan.monthly;
    return *id;
  }

  std::map<std::string, Money> Balances() {
    auto tb = runs_->TrialBalance(Date::Of(2100, 1, 1));
    EXPECT_TRUE(tb.ok());
    EXPECT_EQ(tb->total_debit, tb->total_credit);
    std::map<std::string, Money> out;
    for (const auto& l : tb->lines) out[l.account] = l.balance;
    return out;
  }

  fs::path path_;
  FixedClock clock_{kToday, 1'779'235'200'000};
  std::unique_ptr<store::SqliteDatabase> db_;
  std::unique_ptr<store::SqliteRunStore> runs_;
  std::unique_ptr<store::SqliteDebtStore> debt_;
  std::unique_ptr<debt::DebtFund> fund_;
  std::unique_ptr<api::FundCollection> collection_;
  Money monthly_;
};

TEST_F(DebtWithholdingTest, TheRunWithholdsAboveTheBvvRecordsTheRepaymentAndTheLedgerBalances) {
  const int64_t monthly_vt = *runs_->AddCase(Single(1, true));   // 70,07 above the bvv
  const int64_t reserved_vt = *runs_->AddCase(Single(2, false));  // nothing above it in May
  const int64_t unlinked = *runs_->AddCase(Single(3, true));
  const int64_t a = DossierWithPlan("H-A");
  const int64_t b = DossierWithPlan("H-B");
  ASSERT_TRUE(fund_->SetBenefitCase(a, monthly_vt).ok());
  ASSERT_TRUE(fund_->SetBenefitCase(b, reserved_vt).ok());
  ASSERT_GT(monthly_, Money::Zero());
  // April and May are due: two instalments, of which the run can take 70,07 at most.
  const Money expected = Min(monthly_ + monthly_, Money::Cents(7007));

  payments::PaymentRun run(*runs_, rules::SourceRules(), clock_, collection_.get());
  auto prepared = run.Prepare(kMay, "voorbereider");
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  EXPECT_EQ(prepared->totals.cases, 3);
  EXPECT_EQ(prepared->totals.failed, 0);
  EXPECT_EQ(prepared->totals.debt_withheld, expected);

  auto da = debt_->LoadDossier(a);
  ASSERT_EQ(da->repayments.size(), 1u);
  EXPECT_EQ(da->repayments[0].source, debt::RepaymentSource::kUitkering);
  EXPECT_EQ(da->repayments[0].amount, expected);
  EXPECT_EQ(da->repayments[0].date, kToday);
  EXPECT_TRUE(debt_->LoadDossier(b)->repayments.empty());  // arrears, asked again next month

  auto file = runs_->LoadCaseFile(monthly_vt);
  ASSERT_TRUE(file.ok() && file->has_value());
  ASSERT_EQ((*file)->runs.size(), 1u);
  EXPECT_EQ((*file)->runs[0].debt_withheld, expected);
  auto payments = runs_->Payments(prepared->run.id);
  ASSERT_TRUE(payments.ok());
  Money to_linked;
  Money to_unlinked;
  for (const auto& p : *payments) {
    if (p.creditor.name == "Fictieve Klant 1") to_linked += p.amount;
    if (p.creditor.name == "Fictieve Klant 3") to_unlinked += p.amount;
  }
  EXPECT_EQ(to_linked, to_unlinked - expected);
  (void)unlinked;

  // A second Prepare changes nothing; after the export every account a client is owed is zero.
  auto again = run.Prepare(kMay, "voorbereider");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->computed_now, 0);
  EXPECT_EQ(debt_->LoadDossier(a)->repayments.size(), 1u);
  ASSERT_TRUE(run.Approve(kMay, "goedkeurder").ok());
  payments::ExportSettings settings;
  settings.debtor_name = "Gemeente Demodorp (fictief)";
  settings.debtor_iban = DemoIban(9'999'999'999);
  settings.schema_dir = fs::path(NABIJ_SOURCE_DIR) / "schemas/sepa";
  auto xml = run.Export(kMay, settings);
  ASSERT_TRUE(xml.ok()) << xml.status().ToString();
  auto bal = Balances();
  EXPECT_EQ(bal["schuld.client"], Money::Zero());
  const auto& t = prepared->totals;
  EXPECT_EQ(-bal["bank"], t.to_client - t.debt_withheld + t.direct + t.garnished);
  EXPECT_EQ(bal[debt::ReceivableAccount(a)], debt_->LoadDossier(a)->Balance());
  EXPECT_EQ(bal[debt::ReceivableAccount(b)], debt_->LoadDossier(b)->Balance());
}

TEST_F(DebtWithholdingTest, WhenRecordingFailsNothingOfTheBatchIsKept) {
  const int64_t c = *runs_->AddCase(Single(1, true));
  const int64_t a = DossierWithPlan("H-A");
  ASSERT_TRUE(fund_->SetBenefitCase(a, c).ok());
  const size_t entries_before = debt_->Entries()->size();
  FailingAfterRecord failing(*collection_);
  payments::PaymentRun broken(*runs_, rules::SourceRules(), clock_, &failing);
  auto r = broken.Prepare(kMay, "voorbereider");
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
  EXPECT_TRUE(debt_->LoadDossier(a)->repayments.empty());
  EXPECT_EQ(debt_->Entries()->size(), entries_before);
  auto run = runs_->FindRun(kMay);
  ASSERT_TRUE(run.ok() && run->has_value());
  EXPECT_EQ(runs_->Totals((*run)->id)->cases, 0);
  // Run again with the working collection: the case and its repayment, once.
  payments::PaymentRun working(*runs_, rules::SourceRules(), clock_, collection_.get());
  auto ok = working.Prepare(kMay, "voorbereider");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->totals.cases, 1);
  EXPECT_EQ(debt_->LoadDossier(a)->repayments.size(), 1u);
  EXPECT_EQ(ok->totals.debt_withheld, debt_->LoadDossier(a)->repayments[0].amount);
}

}  // namespace
}  // namespace nabij
