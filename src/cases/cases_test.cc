#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cases/application.h"
#include "rules/source_rules.h"
#include "cases/decision_letter.h"
#include "cases/stp.h"
#include "letters/pdf_renderer.h"

namespace nabij::cases {
namespace {

namespace fs = std::filesystem;

const rules::ParameterSet& Rules() { return rules::SourceRules(); }

Application Young() {
  Application a;
  a.melding = Date::Of(2026, 3, 2);
  a.birth_dates = {Date::Of(2002, 1, 1)};  // 24
  return a;
}

TEST(Deadlines, SearchPeriodVoorschotAndDecisionTerm) {
  Application a = Young();
  auto d = ComputeDeadlines(Rules(), a, Date::Of(2026, 3, 10));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->earliest_application, Date::Of(2026, 3, 30));
  EXPECT_FALSE(d->decision_due.has_value());
  a.received = Date::Of(2026, 3, 30);
  d = ComputeDeadlines(Rules(), a, Date::Of(2026, 4, 10));
  EXPECT_EQ(*d->voorschot_due, Date::Of(2026, 4, 27));   // Pw art. 52: four weeks
  EXPECT_EQ(*d->decision_due, Date::Of(2026, 5, 25));    // Awb 4:13: eight weeks
  EXPECT_EQ(*d->days_left, 45);
}

TEST(Deadlines, IncompletenessSuspendsAndAnExtensionMovesTheDate) {
  Application a = Young();
  a.received = Date::Of(2026, 3, 30);
  a.suspensions.push_back({Date::Of(2026, 4, 1), std::nullopt});
  auto d = ComputeDeadlines(Rules(), a, Date::Of(2026, 4, 5));
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->suspended_now);
  EXPECT_FALSE(d->decision_due.has_value());
  a.suspensions[0].completed = Date::Of(2026, 4, 15);  // 14 days suspended (Awb 4:15)
  d = ComputeDeadlines(Rules(), a, Date::Of(2026, 4, 16));
  EXPECT_EQ(d->suspended_days, 14);
  EXPECT_EQ(*d->decision_due, Date::Of(2026, 6, 8));
  a.extended_until = Date::Of(2026, 7, 1);  // Awb 4:14 lid 3
  d = ComputeDeadlines(Rules(), a, Date::Of(2026, 4, 16));
  EXPECT_EQ(*d->decision_due, Date::Of(2026, 7, 1));
  a.decided = Date::Of(2026, 5, 4);
  d = ComputeDeadlines(Rules(), a, Date::Of(2026, 5, 4));
  EXPECT_EQ(*d->handling_days, 35 - 14);
}

TEST(Deadlines, RefusesImpossibleDates) {
  Application a = Young();
  a.received = Date::Of(2026, 3, 1);
  EXPECT_EQ(ComputeDeadlines(Rules(), a, a.melding).status().field(), "received");
  a.received = Date::Of(2026, 3, 30);
  a.suspensions.push_back({Date::Of(2026, 4, 10), Date::Of(2026, 4, 9)});
  EXPECT_EQ(ComputeDeadlines(Rules(), a, a.melding).status().field(), "suspensions[0]");
}

struct Calculated {
  pw::CaseInput in;
  pw::Decision decision;
  rules::Trace trace;
};

Calculated Calc(int age, Money work) {
  Calculated c;
  Month m = Month::Of(2026, 5);
  c.in.month = m;
  c.in.applicant.birth = m.first_day().AddYears(-age);
  c.in.applicant.work_income = work;
  c.in.applicant.periods.n_month = 1;
  auto p = pw::Snapshot(Rules(), m);
  NABIJ_CHECK(p.ok());
  auto d = pw::Calculate(*p, c.in, &c.trace);
  NABIJ_CHECK(d.ok());
  c.decision = *d;
  return c;
}

TEST(Voorschot, AtLeastTheRulesPercentageRoundedUp) {
  // Pw art. 52 lid 2: 95 % from 2026 (Wet Participatiewet in balans), 90 % before.
  EXPECT_EQ(VoorschotMinimum(Rules(), Date::Of(2026, 11, 4), Money::Cents(111946)).value(), Money::Cents(106349));
  EXPECT_EQ(VoorschotMinimum(Rules(), Date::Of(2025, 12, 31), Money::Cents(111946)).value(), Money::Cents(100752));
  EXPECT_EQ(VoorschotMinimum(Rules(), Date::Of(2026, 1, 1), Money::Cents(140150)).value(), Money::Cents(133143));
  EXPECT_EQ(VoorschotMinimum(Rules(), Date::Of(2026, 1, 1), Money::Zero()).value(), Money::Zero());
  EXPECT_EQ(VoorschotMinimum(Rules(), Date::Of(2026, 1, 1), Money::Cents(-1)).status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(VoorschotMinimum(Rules(), Date::Of(2019, 1, 1), Money::Cents(1)).status().code(), ErrorCode::kRuleMissing);
}

TEST(StraightThrough, CompleteAndPlainIsAutomaticEverythingElseSaysWhy) {
  Application a;
  a.melding = Date::Of(2026, 4, 1);
  a.birth_dates = {Date::Of(1980, 1, 1)};
  a.received = Date::Of(2026, 4, 1);
  Date today = Date::Of(2026, 4, 20);
  auto d = *ComputeDeadlines(Rules(), a, today);
  Calculated c = Calc(46, Money::Zero());
  StpOutcome o = CheckStraightThrough(a, d, c.in, c.decision, today);
  EXPECT_TRUE(o.automatic);
  EXPECT_TRUE(o.reasons.empty());
  c.in.vermogen = Money::Euros(7000);  // above 80 % of 8.000
  o = CheckStraightThrough(a, d, c.in, c.decision, today);
  EXPECT_FALSE(o.automatic);
  ASSERT_EQ(o.reasons.size(), 1u);
  EXPECT_NE(o.reasons[0].find("vermogensgrens"), std::string::npos);
  Calculated rich = Calc(46, Money::Cents(300000));
  o = CheckStraightThrough(a, d, rich.in, rich.decision, today);
  EXPECT_FALSE(o.automatic);  // no right: an afwijzing is for a person
  a.suspensions.push_back({Date::Of(2026, 4, 2), std::nullopt});
  d = *ComputeDeadlines(Rules(), a, today);
  o = CheckStraightThrough(a, d, c.in, c.decision, today);
  EXPECT_GE(o.reasons.size(), 2u);
}

std::string PdfText(const std::string& pdf) {
  fs::path file = fs::temp_directory_path() / ("nabij_letter_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  std::string cmd = "pdftotext -layout -enc UTF-8 '" + file.string() + "' - 2>/dev/null";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  fs::remove(file);
  return out;
}

TEST(DecisionLetter, PlainDutchWithTheComputationRightsAndObjectionDate) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftotext (poppler-utils) is missing";
  Calculated c = Calc(35, Money::Cents(40000));
  LetterContext ctx;
  ctx.municipality = "Gemeente Demodorp (fictief)";
  ctx.municipality_address = {"Postbus 1", "9999 ZZ Demodorp"};
  ctx.recipient_name = "Fictieve Klant Zoë Brontë";
  ctx.recipient_address = {"Voorbeeldstraat 1", "9999 AA Demodorp"};
  ctx.reference = "PW-2026-0001";
  ctx.letter_date = Date::Of(2026, 5, 12);
  ctx.signer = "Fictieve Klantmanager\nklantmanager inkomen";
  auto until = ObjectionDeadline(Rules(), ctx.letter_date);
  ASSERT_TRUE(until.ok());
  EXPECT_EQ(*until, Date::Of(2026, 6, 23));
  letters::Letter l = BuildDecisionLetter(DecisionKind::kToekenning, Date::Of(2026, 5, 1), c.decision, c.trace, ctx, *until);
  auto pdf = letters::RenderPdf(l);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  std::string text = PdfText(*pdf);
  for (const std::string& want :
       {std::string("U krijgt vanaf 1 mei 2026 een bijstandsuitkering van ") + FormatEuro(c.decision.bijstand),
        std::string("Zoë Brontë"), std::string("Pw art. 21 onder a"), std::string("€ 1.401,50"),
        std::string("uiterlijk op 23 juni 2026"), std::string("inlichtingenplicht"), std::string("Pw art. 31 lid 2 onder n")}) {
    EXPECT_NE(text.find(want), std::string::npos) << "missing: " << want;
  }
}

// A change to a paid month says what the client received, the right now, and what is recovered or
// still owed; a change to a month not yet paid says nothing of the kind.
TEST(DecisionLetter, AChangeToAPaidMonthSaysWhatWasReceivedTooMuchOrTooLittle) {
  Calculated c = Calc(35, Money::Cents(40000));
  LetterContext ctx;
  ctx.municipality = "Gemeente Demodorp (fictief)";
  ctx.reference = "PW-2026-0002";
  ctx.letter_date = Date::Of(2026, 12, 3);
  const Date until = Date::Of(2027, 1, 14);
  const Month nov = Month::Of(2026, 11);
  letters::Letter plain = BuildDecisionLetter(DecisionKind::kWijziging, nov.first_day(), c.decision, c.trace, ctx, until);
  letters::Letter over = BuildDecisionLetter(DecisionKind::kWijziging, nov.first_day(), c.decision, c.trace, ctx, until,
                                             {Money::Cents(22500), Money::Zero()});
  // The paid month is settled in its own section, instead of "Wanneer krijgt u het geld?".
  ASSERT_EQ(over.sections.size(), plain.sections.size());
  EXPECT_NE(plain.sections[0].paragraphs[0].find("Voor november 2026 krijgt u " + FormatEuro(c.decision.bijstand)),
            std::string::npos)
      << "a wijziging names its month, not 'per maand' from then on: " << plain.sections[0].paragraphs[0];
  for (const auto& section : over.sections) EXPECT_NE(section.heading, "Wanneer krijgt u het geld?");
  const letters::Section& s = over.sections[1];
  EXPECT_EQ(s.heading, "U heeft over november 2026 te veel gekregen");
  ASSERT_EQ(s.amounts.size(), 3u);
  EXPECT_EQ(s.amounts[0].amount, FormatEuro(c.decision.bijstand + Money::Cents(22500)));
  EXPECT_EQ(s.amounts[1].amount, FormatEuro(c.decision.bijstand));
  EXPECT_EQ(s.amounts[2].amount, "€ 225,00");
  EXPECT_EQ(s.amounts[2].article, "Pw art. 58");
  EXPECT_TRUE(s.amounts[2].emphasis);
  EXPECT_NE(s.paragraphs[0].find("Participatiewet artikel 58"), std::string::npos) << s.paragraphs[0];
  EXPECT_NE(s.paragraphs[0].find("beslagvrije voet"), std::string::npos) << s.paragraphs[0];

  letters::Letter under = BuildDecisionLetter(DecisionKind::kWijziging, nov.first_day(), c.decision, c.trace, ctx, until,
                                              {Money::Zero(), Money::Cents(5000)});
  const letters::Section& u = under.sections[1];
  EXPECT_EQ(u.heading, "U heeft over november 2026 te weinig gekregen");
  EXPECT_EQ(u.amounts[0].amount, FormatEuro(c.decision.bijstand - Money::Cents(5000)));
  EXPECT_EQ(u.amounts[2].amount, "€ 50,00");
  EXPECT_NE(u.paragraphs[0].find("krijgt u nog van ons"), std::string::npos) << u.paragraphs[0];
}

}  // namespace
}  // namespace nabij::cases
