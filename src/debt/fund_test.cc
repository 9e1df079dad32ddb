// The fund's life of a dossier on the in-memory store: offers, answers, takeover, SEPA, plan,
// repayments, forgiveness and claw-back, with the ledger balanced to the cent at every step.
#include "debt/fund.h"

#include <gtest/gtest.h>

#include <random>

#include "base/ids.h"
#include "debt/demo_data.h"
#include "debt/household_view.h"
#include "debt/memory_debt_store.h"
#include "rules/source_rules.h"
#include "sepa/xsd_validator.h"

namespace nabij::debt {
namespace {

class TestClock final : public Clock {
 public:
  explicit TestClock(Date d) : today_(d) {}
  Date Today() const override { return today_; }
  int64_t NowUnixMillis() const override {
    constexpr int64_t kMillisPerDay = 86'400'000;
    return static_cast<int64_t>(today_.days_since_epoch()) * kMillisPerDay;
  }
  void Set(Date d) { today_ = d; }

 private:
  Date today_;
};

const Date kReg = Date::Of(2026, 3, 2);

class FundTest : public ::testing::Test {
 protected:
  FundTest() : clock_(kReg), fund_(store_, rules::SourceRules(), clock_) {}

  int64_t RegisterWithClaims(const std::vector<std::tuple<std::string, Sector, int64_t>>& claims) {
    NewDossier nd;
    nd.household_ref = "H-1";
    nd.gemeente = "9999";
    nd.registered = kReg;
    nd.finances.op_bijstand = true;
    nd.finances.bijstandsnorm = Money::Cents(140150);
    nd.finances.net_income = Money::Cents(160000);
    nd.finances.housing_costs = Money::Cents(70000);
    auto id = fund_.Register(nd);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    std::vector<ClaimRow> rows;
    int n = 0;
    for (const auto& [name, sector, cents] : claims) {
      ClaimRow r;
      r.line = ++n + 1;
      r.dossier_id = *id;
      r.claim.creditor = name;
      r.claim.creditor_iban = DemoIban(7'000'000'000 + static_cast<uint64_t>(n));
      r.claim.creditor_reference = "REF-" + std::to_string(n);
      r.claim.sector = sector;
      r.claim.principal = Money::Cents(cents);
      r.claim.verification = Verification::kConfirmed;
      rows.push_back(r);
    }
    Status s = fund_.ImportClaims(rows);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return *id;
  }

  Status Answer(int64_t d, int64_t claim, int round, AnswerKind kind,
                Money counter = Money::Zero()) {
    AnswerRow r;
    r.line = 2;
    r.dossier_id = d;
    r.claim_seq = claim;
    r.round = round;
    r.answer = {kind, clock_.Today(), counter};
    return fund_.ImportAnswers({r});
  }

  // The ledger: balanced, and the household's receivable equals the dossier's balance.
  void ExpectLedgerMatches(int64_t id) {
    auto entries = store_.Entries();
    ASSERT_TRUE(entries.ok());
    ledger::Ledger l;
    for (const auto& e : *entries) ASSERT_TRUE(l.Append(e).ok());
    auto d = store_.LoadDossier(id);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(l.Balance(ReceivableAccount(id)), d->Balance());
    Money sum;
    for (const auto& [acc, bal] : l.Balances()) sum += bal;
    EXPECT_EQ(sum, Money::Zero());
  }

  MemoryDebtStore store_;
  TestClock clock_;
  DebtFund fund_;
};

TEST_F(FundTest, FirstOffersAtTheSectorPercentageOfTheMunicipality) {
  const int64_t id = RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 100000},
                                         {"Demo Webwinkel", Sector::kCommercieel, 33333}});
  auto round = fund_.MakeOffers(std::nullopt);
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  EXPECT_EQ(round->first_offers, 2);
  auto d = store_.LoadDossier(id);
  // rules/gemeenten/9999 (fictitious demo defaults): energie 60 %, commercieel 40 %, 10 days.
  EXPECT_EQ(d->claims[0].offers[0].amount, Money::Cents(60000));
  EXPECT_EQ(d->claims[1].offers[0].amount, Money::Cents(13333));
  EXPECT_EQ(d->claims[0].offers[0].answer_due, kReg.AddDays(10));
  EXPECT_NE(round->csv.find("1;2;Demo Webwinkel;REF-2;1;33333;40;13333;2026-03-12"),
            std::string::npos)
      << round->csv;
  // A second call makes no new offers while the answers are awaited.
  EXPECT_EQ(fund_.MakeOffers(std::nullopt)->first_offers, 0);
}

TEST_F(FundTest, RejectionAndSilenceEscalateUpToTheCeiling) {
  const int64_t id = RegisterWithClaims(
      {{"Demo Energie", Sector::kEnergie, 100000}, {"Demo Water", Sector::kWater, 10000}});
  ASSERT_TRUE(fund_.MakeOffers(id).ok());
  clock_.Set(kReg.AddDays(3));
  ASSERT_TRUE(Answer(id, 1, 1, AnswerKind::kReject).ok());
  clock_.Set(kReg.AddDays(11));  // claim 2's offer expired on day 10
  auto r2 = fund_.MakeOffers(id);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->expired, 1);
  EXPECT_EQ(r2->re_offers, 2);
  auto d = store_.LoadDossier(id);
  EXPECT_EQ(d->claims[0].offers[1].percentage, Ratio::Of(70, 100));
  EXPECT_EQ(d->claims[1].offers[0].answer->kind, AnswerKind::kNoAnswer);
  ASSERT_TRUE(Answer(id, 1, 2, AnswerKind::kReject).ok());
  ASSERT_TRUE(fund_.MakeOffers(id).ok());  // 80 %: the ceiling of 9999
  ASSERT_TRUE(Answer(id, 1, 3, AnswerKind::kReject).ok());
  auto r4 = fund_.MakeOffers(id);
  EXPECT_EQ(r4->escalated, 1);
  d = store_.LoadDossier(id);
  EXPECT_EQ(ClaimStatusOf(d->claims[0]), ClaimStatus::kEscalated);
  EXPECT_EQ(d->claims[0].offers.size(), 3u);
  auto q = fund_.Queue();
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].escalated_claims, 1);
}

TEST_F(FundTest, TheHouseholdSeesItsPlanInPlainDutch) {
  const int64_t id = RegisterWithClaims(
      {{"Demo Energie", Sector::kEnergie, 100000}, {"Demo Water", Sector::kWater, 20000}});
  ASSERT_TRUE(fund_.MakeOffers(id).ok());
  ASSERT_TRUE(Answer(id, 1, 1, AnswerKind::kAccept).ok());
  auto during = fund_.ViewFor(id);
  ASSERT_TRUE(during.ok());
  EXPECT_EQ(during->paragraphs[0],
            "Wij maken afspraken met de mensen en bedrijven bij wie u schulden heeft. "
            "Met 1 van de 2 is het al geregeld.");
  EXPECT_NE(during->paragraphs[1].find("nog 28 dagen"), std::string::npos);
  ASSERT_TRUE(Answer(id, 2, 1, AnswerKind::kAccept).ok());
  ASSERT_TRUE(fund_.MakePlan(id, Regime::kKlassiek18, Month::Of(2026, 4), nullptr).ok());
  clock_.Set(Date::Of(2026, 5, 10));
  auto v = fund_.ViewFor(id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->paid_by_fund, Money::Cents(60000 + 12000));
  EXPECT_EQ(v->balance, v->paid_by_fund);
  EXPECT_GT(v->arrears, Money::Zero());  // April not paid
  std::string text;
  for (const auto& p : v->paragraphs) text += p + "\n";
  EXPECT_NE(text.find("Uw schuldeisers krijgen samen € 720,00"), std::string::npos) << text;
  EXPECT_NE(text.find("Elke maand betaalt u"), std::string::npos) << text;
  EXPECT_NE(text.find("achter met betalen"), std::string::npos) << text;
  EXPECT_NE(text.find("Als u een budgetcursus afmaakt"), std::string::npos)
      << text;  // 9999: EUR 250
  EXPECT_EQ(text.find("Demo Energie"), std::string::npos) << "a creditor is named";
  ASSERT_EQ(v->milestones.size(), 4u);
  EXPECT_EQ(v->milestones[0].forgives, Money::Euros(250));
}

TEST_F(FundTest, TheLetterToTheHouseholdCarriesItsTextAndTheAmounts) {
  letters::Letter head;
  head.sender = "Gemeente Demodorp (fictief)";
  head.reference = "S-1";
  head.salutation = "Beste heer of mevrouw,";
  const int64_t id = RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 100000}});
  ASSERT_TRUE(fund_.MakeOffers(id).ok());
  // While the fund still negotiates: the text and whom to ask, no amounts yet.
  auto during = fund_.ViewFor(id);
  ASSERT_TRUE(during.ok());
  letters::Letter early = LetterForHousehold(*during, id, head);
  ASSERT_EQ(early.sections.size(), 2u);
  EXPECT_EQ(early.sections[0].paragraphs, during->paragraphs);
  EXPECT_EQ(early.sections[1].heading, "Vragen?");
  ASSERT_TRUE(Answer(id, 1, 1, AnswerKind::kAccept).ok());  // owes 600,00
  auto plan = fund_.MakePlan(id, Regime::kKlassiek18, Month::Of(2026, 4), nullptr);
  ASSERT_TRUE(plan.ok());
  const Money monthly = plan->plan.monthly;
  ASSERT_GT(monthly, Money::Zero());
  clock_.Set(Date::Of(2026, 4, 25));
  ASSERT_TRUE(fund_.RecordRepayment(id, Month::Of(2026, 4), monthly, RepaymentSource::kZelf, clock_.Today()).ok());
  auto v = fund_.ViewFor(id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->repaid, monthly);
  EXPECT_EQ(v->balance, v->paid_by_fund - v->repaid - v->forgiven);
  letters::Letter l = LetterForHousehold(*v, id, head);
  EXPECT_EQ(l.sender, head.sender);
  EXPECT_EQ(l.reference, "S-1");
  EXPECT_EQ(l.salutation, head.salutation);
  EXPECT_EQ(l.subject, "Uw schulden en uw regeling bij het schuldenfonds");
  ASSERT_EQ(l.sections.size(), 3u);
  EXPECT_EQ(l.sections[0].paragraphs, v->paragraphs);
  const auto& sums = l.sections[1].amounts;
  ASSERT_GE(sums.size(), 5u);
  EXPECT_EQ(sums[0].amount, "€ 600,00");
  EXPECT_EQ(sums[1].amount, FormatEuro(monthly));
  EXPECT_EQ(sums[3].label, "Nog te betalen");
  EXPECT_EQ(sums[3].amount, FormatEuro(Money::Euros(600) - monthly));
  EXPECT_TRUE(sums[3].emphasis);
  EXPECT_EQ(sums[4].amount, FormatEuro(monthly));
  EXPECT_NE(sums[4].label.find(DutchMonth(*v->last_month)), std::string::npos) << sums[4].label;
  EXPECT_NE(l.sections[2].paragraphs[0].find("dossiernummer: " + std::to_string(id) + "."), std::string::npos);
  for (const auto& section : l.sections) {
    for (const auto& p : section.paragraphs) EXPECT_EQ(p.find("Demo Energie"), std::string::npos) << p;
  }
}

TEST_F(FundTest, AnIncomeChangeGivesANewPlanFromTheBalanceOfThatDay) {
  const int64_t id = RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 1000000}});
  ASSERT_TRUE(fund_.MakeOffers(id).ok());
  ASSERT_TRUE(Answer(id, 1, 1, AnswerKind::kAccept).ok());
  auto first = fund_.MakePlan(id, Regime::kKlassiek36, Month::Of(2026, 4), nullptr);
  ASSERT_TRUE(first.ok());
  clock_.Set(Date::Of(2026, 4, 25));
  ASSERT_TRUE(fund_
                  .RecordRepayment(id, Month::Of(2026, 4), first->plan.monthly,
                                   RepaymentSource::kZelf, clock_.Today())
                  .ok());
  Finances more = store_.LoadDossier(id)->finances;
  more.net_income += Money::Euros(300);  // a part-time job
  auto a = fund_.UpdateFinances(id, more);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->affordable, first->affordability.affordable + Money::Euros(300));
  more.adults = 0;
  EXPECT_EQ(fund_.UpdateFinances(id, more).status().field(), "adults");
  auto second = fund_.MakePlan(id, Regime::kKlassiek36, Month::Of(2026, 5), nullptr);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->plan.balance, first->plan.balance - first->plan.monthly);
  EXPECT_EQ(second->plan.monthly, first->plan.monthly + Money::Euros(300));
}

TEST_F(FundTest, OneOpenDossierPerHousehold) {
  RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 100000}});
  NewDossier again{"H-1", "9999", kReg, {}};
  again.finances.bijstandsnorm = Money::Cents(140150);
  again.finances.net_income = Money::Cents(140150);
  EXPECT_EQ(fund_.Register(again).status().code(), ErrorCode::kAlreadyExists);
  again.household_ref = "H-2";
  EXPECT_TRUE(fund_.Register(again).ok());
}

TEST_F(FundTest, ADisputedClaimGetsNoOfferAndGoesToAWorker) {
  const int64_t id = RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 100000}});
  ClaimRow disputed;
  disputed.line = 2;
  disputed.dossier_id = id;
  disputed.claim.creditor = "Demo Energie";
  disputed.claim.creditor_reference = "REF-1";
  disputed.claim.sector = Sector::kEnergie;
  disputed.claim.principal = Money::Cents(100000);
  disputed.claim.verification = Verification::kDisputed;
  ASSERT_TRUE(
      fund_.ImportClaims({disputed}).ok());  // the creditor's answer: same claim, now disputed
  auto d = store_.LoadDossier(id);
  ASSERT_EQ(d->claims.size(), 1u);
  EXPECT_FALSE(d->claims[0].creditor_iban.empty())
      << "an answer without an IBAN keeps the known one";
  auto round = fund_.MakeOffers(id);
  EXPECT_EQ(round->first_offers, 0);
  EXPECT_EQ(round->escalated, 1);
  EXPECT_EQ(ClockOf(*store_.LoadDossier(id), kReg).state, ClockState::kAtRisk);
  ASSERT_TRUE(fund_.SettleByWorker(id, 1, Money::Cents(30000), "s.hulp").ok());
  EXPECT_EQ(store_.LoadDossier(id)->Status(), DossierStatus::kRestructured);
}

TEST_F(FundTest, AnswersAreCheckedAllOrNothing) {
  const int64_t id = RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 100000}});
  ASSERT_TRUE(fund_.MakeOffers(id).ok());
  clock_.Set(kReg.AddDays(2));
  AnswerRow good{2, id, 1, 1, {AnswerKind::kAccept, clock_.Today(), Money::Zero()}};
  AnswerRow bad_claim{3, id, 9, 1, {AnswerKind::kAccept, clock_.Today(), Money::Zero()}};
  AnswerRow bad_round{4, id, 1, 2, {AnswerKind::kAccept, clock_.Today(), Money::Zero()}};
  AnswerRow no_dossier{5, 999, 1, 1, {AnswerKind::kAccept, clock_.Today(), Money::Zero()}};
  Status s = fund_.ImportAnswers({good, bad_claim, bad_round, no_dossier});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("regel 3, veld vordering"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("regel 4, veld ronde"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("regel 5, veld dossier"), std::string::npos) << s.message();
  auto d = store_.LoadDossier(id);
  EXPECT_FALSE(d->claims[0].offers[0].answer) << "half imported";
  AnswerRow future{2, id, 1, 1, {AnswerKind::kAccept, clock_.Today().AddDays(1), Money::Zero()}};
  EXPECT_NE(fund_.ImportAnswers({future}).message().find("veld datum"), std::string::npos);
  ASSERT_TRUE(fund_.ImportAnswers({good}).ok());
  EXPECT_NE(fund_.ImportAnswers({good}).message().find("al geantwoord"), std::string::npos);
}

TEST_F(FundTest, TheWholeLifeBalancesToTheCent) {
  const int64_t id = RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 100000},
                                         {"Demo Corporatie", Sector::kWoningcorporatie, 250000},
                                         {"Demo Incasso", Sector::kCommercieel, 50001}});
  ASSERT_TRUE(fund_.MakeOffers(id).ok());
  clock_.Set(kReg.AddDays(4));
  ASSERT_TRUE(Answer(id, 1, 1, AnswerKind::kAccept).ok());  // 600,00
  ASSERT_TRUE(
      Answer(id, 2, 1, AnswerKind::kCounter, Money::Cents(190000)).ok());  // within 80 %: 1.900,00
  ASSERT_TRUE(
      Answer(id, 3, 1, AnswerKind::kCounter, Money::Cents(45000)).ok());  // above 80 %: escalated
  auto d = store_.LoadDossier(id);
  EXPECT_EQ(d->Status(), DossierStatus::kIntake);
  EXPECT_EQ(ClaimStatusOf(d->claims[2]), ClaimStatus::kEscalated);
  EXPECT_FALSE(fund_.MakePlan(id, Regime::kKlassiek18, Month::Of(2026, 4), nullptr).ok());
  clock_.Set(kReg.AddDays(6));
  ASSERT_TRUE(fund_.SettleByWorker(id, 3, Money::Cents(42000), "s.hulp").ok());
  d = store_.LoadDossier(id);
  ASSERT_EQ(d->Status(), DossierStatus::kRestructured);
  EXPECT_EQ(*d->restructured, kReg.AddDays(6));
  EXPECT_EQ(d->Owed(), Money::Cents(60000 + 190000 + 42000));
  ExpectLedgerMatches(id);

  // SEPA: the fund pays every creditor once, in a file the XSD accepts.
  SepaSettings ss{"Schuldenfonds Demodorp (fictief)", DemoIban(9'999'999'998),  "",
                  sepa::Version::kPain001_001_09,     sepa::DefaultSchemaDir(), std::nullopt};
  auto sepa = fund_.ExportSepa(ss, [](const std::string&) { return Status::Ok(); });
  ASSERT_TRUE(sepa.ok()) << sepa.status().ToString();
  EXPECT_EQ(sepa->transfers, 3);
  EXPECT_EQ(sepa->total, d->Owed());
  EXPECT_NE(sepa->xml.find("<CtrlSum>2920.00</CtrlSum>"), std::string::npos);
  EXPECT_EQ(fund_.ExportSepa(ss, [](const std::string&) { return Status::Ok(); }).status().code(),
            ErrorCode::kFailedPrecondition)
      << "paid twice";

  // The plan, repayments, a milestone, and the claw-back on breach.
  rules::Trace trace;
  auto plan = fund_.MakePlan(id, Regime::kKlassiek36, Month::Of(2026, 4), &trace);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_FALSE(trace.empty());
  EXPECT_LE(plan->plan.monthly, plan->affordability.affordable);
  ASSERT_GT(plan->plan.monthly, Money::Zero());
  clock_.Set(Date::Of(2026, 4, 25));
  ASSERT_TRUE(fund_
                  .RecordRepayment(id, Month::Of(2026, 4), plan->plan.monthly,
                                   RepaymentSource::kUitkering, clock_.Today())
                  .ok());
  EXPECT_EQ(fund_
                .RecordRepayment(id, Month::Of(2026, 5), Money::Euros(100000),
                                 RepaymentSource::kZelf, clock_.Today())
                .field(),
            "amount");
  ExpectLedgerMatches(id);
  auto arrears = fund_.ArrearsOf(id, Month::Of(2026, 6));
  EXPECT_EQ(arrears->arrears, plan->plan.monthly.Times(2));
  EXPECT_EQ(arrears->months_behind, 2);
  auto list = fund_.InArrears(Month::Of(2026, 6));
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].first, id);
  EXPECT_TRUE(fund_.InArrears(Month::Of(2026, 4))->empty());

  const Money before = store_.LoadDossier(id)->Balance();
  auto f = fund_.ConfirmMilestone(id, MilestoneKind::kBudgetcursus, "s.hulp", nullptr);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->amount, Money::Euros(250));  // 9999: EUR 250 for the course
  auto job = fund_.ConfirmMilestone(id, MilestoneKind::kBaan, "s.hulp", nullptr);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->amount,
            MulDiv(before - Money::Euros(250), 25, 100, Rounding::kDown));  // 25 % of the balance
  EXPECT_EQ(fund_.ConfirmMilestone(id, MilestoneKind::kBaan, "s.hulp", nullptr).status().code(),
            ErrorCode::kAlreadyExists);
  ExpectLedgerMatches(id);
  auto back = fund_.Breach(id, "s.hulp");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, f->amount + job->amount);  // 9999: the contract reverses everything
  EXPECT_EQ(store_.LoadDossier(id)->Balance(), before);
  ExpectLedgerMatches(id);
  EXPECT_FALSE(fund_.ConfirmMilestone(id, MilestoneKind::kDiploma, "s.hulp", nullptr).ok());
}

TEST_F(FundTest, ARepaymentsFileIsCheckedAllOrNothing) {
  const int64_t id = RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 100000}});
  ASSERT_TRUE(fund_.MakeOffers(id).ok());
  ASSERT_TRUE(Answer(id, 1, 1, AnswerKind::kAccept).ok());  // owes 600,00
  clock_.Set(Date::Of(2026, 4, 28));
  auto rows =
      ParseRepaymentsCsv("dossier;maand;datum;bedrag;bron\n" + std::to_string(id) +
                         ";2026-04;2026-04-25;40000;zelf\n" + std::to_string(id) +
                         ";2026-04;2026-04-26;30000;uitkering\n9;2026-04;2026-04-26;1;zelf\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  Status s = fund_.ImportRepayments(*rows);
  EXPECT_NE(
      s.message().find(
          "regel 2, veld dossier: dossier 1 is gesaneerd: een aflossing hoort bij een regeling"),
      std::string::npos)
      << s.message();
  ASSERT_TRUE(fund_.MakePlan(id, Regime::kKlassiek18, Month::Of(2026, 4), nullptr).ok());
  s = fund_.ImportRepayments(*rows);
  // 400 + 300 is more than the 600 owed: the second line is refused, and so is the unknown dossier.
  EXPECT_NE(s.message().find("regel 3, veld bedrag"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("regel 4, veld dossier: dit dossier bestaat niet"), std::string::npos)
      << s.message();
  EXPECT_TRUE(store_.LoadDossier(id)->repayments.empty()) << "half imported";
  rows->resize(1);
  ASSERT_TRUE(fund_.ImportRepayments(*rows).ok());
  EXPECT_EQ(store_.LoadDossier(id)->Balance(), Money::Euros(200));
  ExpectLedgerMatches(id);
}

TEST_F(FundTest, TheBenefitRunWithholdsWhatIsDueAndWhatFellBehind) {
  const int64_t id = RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 100000}});
  ASSERT_TRUE(fund_.MakeOffers(id).ok());
  ASSERT_TRUE(Answer(id, 1, 1, AnswerKind::kAccept).ok());  // owes 600,00
  // Not before the plan: a dossier in intake may name its case, but nothing is due.
  ASSERT_TRUE(fund_.SetBenefitCase(id, 41).ok());
  EXPECT_TRUE(fund_.InstalmentsDue(Month::Of(2026, 4))->empty());
  auto plan = fund_.MakePlan(id, Regime::kKlassiek18, Month::Of(2026, 4), nullptr);
  ASSERT_TRUE(plan.ok());
  const Money monthly = plan->plan.monthly;
  ASSERT_GT(monthly, Money::Zero());
  auto due = fund_.InstalmentsDue(Month::Of(2026, 4));
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].dossier_id, id);
  EXPECT_EQ((*due)[0].benefit_case, 41);
  EXPECT_EQ((*due)[0].amount, monthly);
  auto view = fund_.ViewFor(id);
  ASSERT_TRUE(view.ok());
  std::string text;
  for (const auto& p : view->paragraphs) text += p + "\n";
  EXPECT_NE(text.find("Wij houden dit bedrag elke maand in op uw bijstand."), std::string::npos) << text;
  // April not withheld (no room above the bvv): May asks for two instalments.
  due = fund_.InstalmentsDue(Month::Of(2026, 5));
  EXPECT_EQ((*due)[0].amount, Min(monthly + monthly, Money::Euros(600)));
  clock_.Set(Date::Of(2026, 5, 25));
  ASSERT_TRUE(fund_.RecordWithheld({{id, Month::Of(2026, 5), monthly, clock_.Today()}}).ok());
  auto d = store_.LoadDossier(id);
  ASSERT_EQ(d->repayments.size(), 1u);
  EXPECT_EQ(d->repayments[0].source, RepaymentSource::kUitkering);
  EXPECT_EQ(fund_.InstalmentsDue(Month::Of(2026, 5))->at(0).amount, monthly);  // April still open
  ExpectLedgerMatches(id);
  // More than the balance is refused, and nothing of the call is kept.
  Status s = fund_.RecordWithheld({{id, Month::Of(2026, 5), Money::Euros(1), clock_.Today()},
                                   {id, Month::Of(2026, 5), Money::Euros(600), clock_.Today()}});
  EXPECT_EQ(s.field(), "amount") << s.ToString();
  EXPECT_EQ(store_.LoadDossier(id)->repayments.size(), 1u);
  EXPECT_EQ(fund_.RecordWithheld({{999, Month::Of(2026, 5), monthly, clock_.Today()}}).code(),
            ErrorCode::kNotFound);
  // One running dossier per benefit case; stopping the withholding empties the list.
  NewDossier nd{"H-2", "9999", kReg, store_.LoadDossier(id)->finances};
  auto second = fund_.Register(nd);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(fund_.SetBenefitCase(*second, 41).code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(fund_.SetBenefitCase(*second, 0).field(), "case");
  ASSERT_TRUE(fund_.SetBenefitCase(id, std::nullopt).ok());
  EXPECT_TRUE(fund_.InstalmentsDue(Month::Of(2026, 5))->empty());
  EXPECT_TRUE(fund_.SetBenefitCase(*second, 41).ok());
}

TEST_F(FundTest, SepaSkipsWhatTheBankWouldRefuseAndBooksNothingWhenDeliveryFails) {
  const int64_t id = RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 100000},
                                         {"Demo Buitenland", Sector::kCommercieel, 50000}});
  // The second creditor's account is in Turkey: a valid IBAN outside the SEPA scope.
  ClaimRow abroad;
  abroad.line = 2;
  abroad.dossier_id = id;
  abroad.claim.creditor = "Demo Buitenland";
  abroad.claim.creditor_reference = "REF-2";
  abroad.claim.creditor_iban = "TR330006100519786457841326";
  abroad.claim.sector = Sector::kCommercieel;
  abroad.claim.principal = Money::Cents(50000);
  abroad.claim.verification = Verification::kConfirmed;
  ASSERT_TRUE(fund_.ImportClaims({abroad}).ok());
  ASSERT_TRUE(fund_.MakeOffers(id).ok());
  ASSERT_TRUE(Answer(id, 1, 1, AnswerKind::kAccept).ok());
  ASSERT_TRUE(Answer(id, 2, 1, AnswerKind::kAccept).ok());
  SepaSettings ss{"Schuldenfonds Demodorp (fictief)", DemoIban(9'999'999'998),  "",
                  sepa::Version::kPain001_001_09,     sepa::DefaultSchemaDir(), std::nullopt};
  auto failed =
      fund_.ExportSepa(ss, [](const std::string&) { return Status(ErrorCode::kIo, "disk full"); });
  EXPECT_EQ(failed.status().code(), ErrorCode::kIo);
  EXPECT_FALSE(store_.LoadDossier(id)->claims[0].paid_on) << "marked paid without a file";
  EXPECT_TRUE(store_.Entries()->size() == 1u) << "only the takeover is booked";
  auto paid = fund_.ExportSepa(ss, [](const std::string&) { return Status::Ok(); });
  ASSERT_TRUE(paid.ok()) << paid.status().ToString();
  EXPECT_EQ(paid->transfers, 1);
  EXPECT_EQ(paid->not_payable, 1);
  EXPECT_EQ(paid->total, Money::Cents(60000));
  ExpectLedgerMatches(id);
}

TEST_F(FundTest, TheRestIsForgivenAfterTheTermWithoutArrears) {
  // 60 % of EUR 10.000 is more than 18 months of what the household can afford.
  const int64_t id = RegisterWithClaims({{"Demo Energie", Sector::kEnergie, 1000000}});
  ASSERT_TRUE(fund_.MakeOffers(id).ok());
  ASSERT_TRUE(Answer(id, 1, 1, AnswerKind::kAccept).ok());
  auto plan = fund_.MakePlan(id, Regime::kKlassiek18, Month::Of(2026, 4), nullptr);
  ASSERT_TRUE(plan.ok());
  ASSERT_GT(plan->schedule.forgiven_at_end, Money::Zero());
  for (const Instalment& i : plan->schedule.instalments) {
    clock_.Set(i.month.last_day());
    ASSERT_TRUE(
        fund_.RecordRepayment(id, i.month, i.amount, RepaymentSource::kZelf, clock_.Today()).ok());
  }
  EXPECT_EQ(*fund_.CloseFinishedPlans(), 0) << "the term has not ended";
  clock_.Set(Month::Of(2026, 4).Add(18).first_day());
  EXPECT_EQ(*fund_.CloseFinishedPlans(), 1);
  auto d = store_.LoadDossier(id);
  EXPECT_EQ(d->Status(), DossierStatus::kDebtFree);
  EXPECT_EQ(d->forgiveness.back().amount, plan->schedule.forgiven_at_end);
  ExpectLedgerMatches(id);
  auto fig = fund_.FiguresFor(Date::Of(2026, 1, 1), Date::Of(2028, 1, 1));
  EXPECT_EQ(fig->debt_free, 1);
  EXPECT_EQ(fig->first_offer_accepted, 1);
}

TEST_F(FundTest, SignalsBecomeTasksOnce) {
  SignalRow r{2, {"Demo Water", SignalSector::kWater, "H-7", kReg, Money::Cents(4500), 2}};
  EXPECT_EQ(*fund_.ImportSignals({r}), 1);
  auto again = fund_.ImportSignals({r});
  EXPECT_NE(again.status().message().find("regel 2: dit signaal is al eerder ingelezen"),
            std::string::npos)
      << again.status().ToString();
  EXPECT_EQ(store_.Tasks()->size(), 1u);
}

TEST(DemoData, AboutFourteenClaimsAndAtMostForty) {
  auto demo = GenerateDemoDossiers(rules::SourceRules(), 42, 400, Date::Of(2026, 1, 5),
                                   Date::Of(2026, 3, 31), "9999");
  ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  size_t total = 0, most = 0;
  for (const auto& d : *demo) {
    total += d.claims.size();
    most = std::max(most, d.claims.size());
  }
  const double mean = static_cast<double>(total) / 400;
  EXPECT_GT(mean, 12.0);
  EXPECT_LT(mean, 16.0);
  EXPECT_LE(most, 40u);
  auto again = GenerateDemoDossiers(rules::SourceRules(), 42, 400, Date::Of(2026, 1, 5),
                                    Date::Of(2026, 3, 31), "9999");
  EXPECT_EQ((*again)[17].claims[3].principal, (*demo)[17].claims[3].principal)
      << "not deterministic";
}

}  // namespace
}  // namespace nabij::debt

namespace nabij::debt {
namespace {

std::vector<Dossier> Loaded(DebtStore& store) {
  auto all = store.LoadDossiers();
  NABIJ_CHECK(all.ok());
  return std::move(*all);
}

// Property: whatever creditors answer and whatever the household and the workers do, the ledger
// balances, each household's receivable equals its dossier's balance, and what the fund still owes
// creditors equals the settled claims it has not paid.
TEST(FundProperty, TheLedgerFollowsEveryDossierToTheCent) {
  std::mt19937_64 rng(5);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  MemoryDebtStore store;
  class Clock final : public nabij::Clock {
   public:
    Date Today() const override { return today; }
    int64_t NowUnixMillis() const override {
      return int64_t{today.days_since_epoch()} * 86'400'000;
    }
    Date today = Date::Of(2026, 1, 5);
  } clock;
  DebtFund fund(store, rules::SourceRules(), clock);
  auto demo = GenerateDemoDossiers(rules::SourceRules(), 11, 25, clock.today, clock.today, "9999");
  ASSERT_TRUE(demo.ok());
  for (const DemoDossier& dd : *demo) {
    auto id = fund.Register(dd.dossier);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    std::vector<ClaimRow> rows;
    for (const Claim& c : dd.claims) rows.push_back({0, *id, c});
    ASSERT_TRUE(fund.ImportClaims(rows).ok());
  }
  const SepaSettings ss{"Schuldenfonds Demodorp (fictief)", DemoIban(9'999'999'998),  "",
                        sepa::Version::kPain001_001_09,     sepa::DefaultSchemaDir(), std::nullopt};
  for (int day = 0; day < 120; ++day) {
    clock.today = clock.today.AddDays(1);
    auto round = fund.MakeOffers(std::nullopt);
    ASSERT_TRUE(round.ok()) << round.status().ToString();
    // Creditors answer some of the open offers.
    std::vector<AnswerRow> answers;
    for (const Dossier& d : Loaded(store)) {
      for (const Claim& c : d.claims) {
        if (c.settled_amount || c.offers.empty() || c.offers.back().answer || pick(1, 3) != 1)
          continue;
        const int roll = pick(1, 10);
        Answer a{roll <= 6   ? AnswerKind::kAccept
                 : roll <= 8 ? AnswerKind::kReject
                             : AnswerKind::kCounter,
                 clock.today, Money::Zero()};
        if (a.kind == AnswerKind::kCounter)
          a.counter_amount = MulDiv(c.total(), pick(50, 95), 100, Rounding::kDown);
        answers.push_back({0, d.id, c.seq, c.offers.back().round, a});
      }
    }
    if (!answers.empty()) {
      ASSERT_TRUE(fund.ImportAnswers(answers).ok());
    }
    for (const Dossier& d : Loaded(store)) {
      for (const Claim& c : d.claims) {
        if (ClaimStatusOf(c) == ClaimStatus::kEscalated && pick(1, 4) == 1) {
          ASSERT_TRUE(fund.SettleByWorker(d.id, c.seq,
                                          MulDiv(c.total(), pick(0, 100), 100, Rounding::kDown),
                                          "w")
                          .ok());
        }
      }
      if (d.AllSettled() && !d.plan && d.Balance() > Money::Zero()) {
        auto plan = fund.MakePlan(d.id, static_cast<Regime>(pick(0, 2)), clock.today.month().Add(1),
                                  nullptr);
        ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      }
    }
    if (day % 30 == 29) {
      auto paid = fund.ExportSepa(ss, [](const std::string&) { return Status::Ok(); });
      ASSERT_TRUE(paid.ok() || paid.status().code() == ErrorCode::kFailedPrecondition)
          << paid.status().ToString();
    }
    for (const Dossier& d : Loaded(store)) {
      if (!d.plan || d.breached || d.Balance() == Money::Zero()) continue;
      const int act = pick(1, 40);
      if (act <= 20 && clock.today.day() == 25) {
        ASSERT_TRUE(fund.RecordRepayment(d.id, clock.today.month(),
                                         Min(d.plan->monthly + Money::Cents(1), d.Balance()),
                                         RepaymentSource::kUitkering, clock.today)
                        .ok());
      } else if (act == 21) {
        auto f = fund.ConfirmMilestone(d.id, kMilestoneKinds[static_cast<size_t>(pick(0, 3))], "w",
                                       nullptr);
        ASSERT_TRUE(f.ok() || f.status().code() == ErrorCode::kAlreadyExists)
            << f.status().ToString();
      } else if (act == 22 && pick(1, 5) == 1) {
        ASSERT_TRUE(fund.Breach(d.id, "w").ok());
      }
    }
  }
  ledger::Ledger l;
  auto entries = store.Entries();
  ASSERT_TRUE(entries.ok());
  for (const ledger::Entry& e : *entries) ASSERT_TRUE(l.Append(e).ok()) << e.reference;
  Money unpaid;
  int restructured = 0, repaid = 0, forgiven = 0, breached = 0;
  for (const Dossier& d : Loaded(store)) {
    repaid += static_cast<int>(d.repayments.size());
    forgiven += static_cast<int>(d.forgiveness.size());
    breached += d.breached ? 1 : 0;
    EXPECT_EQ(l.Balance(ReceivableAccount(d.id)), d.Balance()) << "dossier " << d.id;
    EXPECT_GE(d.Balance(), Money::Zero());
    for (const Claim& c : d.claims) {
      if (c.settled_amount && !c.paid_on && d.AllSettled()) unpaid += *c.settled_amount;
    }
    if (d.AllSettled()) ++restructured;
  }
  EXPECT_EQ(-l.Balance(ledger::kTeBetalenSchuldeisers), unpaid);
  EXPECT_GT(restructured, 10) << "the property ran on too few restructured dossiers to mean much";
  EXPECT_GT(repaid, 10);
  EXPECT_GT(forgiven, 2);
  EXPECT_GT(breached, 0);
  Money sum;
  for (const auto& [account, balance] : l.Balances()) sum += balance;
  EXPECT_EQ(sum, Money::Zero());
}

}  // namespace
}  // namespace nabij::debt
