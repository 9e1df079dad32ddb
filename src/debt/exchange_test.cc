// The creditor exchange: good files round-trip; bad files are refused whole, every problem named by
// line and field, without quoting values.
#include "debt/exchange.h"

#include <gtest/gtest.h>

#include "base/ids.h"

namespace nabij::debt {
namespace {

std::string ClaimsFile(const std::string& lines) {
  return "dossier;schuldeiser;iban;sector;kenmerk;hoofdsom;rente;incassokosten;status\n" + lines;
}

TEST(ClaimsCsv, ParsesWithBomCrlfQuotesAndAnyColumnOrder) {
  const std::string iban = DemoIban(7);
  std::string text =
      "\xEF\xBB\xBFstatus;dossier;schuldeiser;iban;sector;kenmerk;hoofdsom;rente;incassokosten\r\n"
      "bevestigd;3;\"Demo; Energie \"\"fictief\"\"\";" +
      iban + ";energie;E-1;12345;100;\r\n";
  auto rows = ParseClaimsCsv(text);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  const ClaimRow& r = (*rows)[0];
  EXPECT_EQ(r.line, 2);
  EXPECT_EQ(r.dossier_id, 3);
  EXPECT_EQ(r.claim.creditor, "Demo; Energie \"fictief\"");
  EXPECT_EQ(r.claim.creditor_iban, iban);
  EXPECT_EQ(r.claim.sector, Sector::kEnergie);
  EXPECT_EQ(r.claim.total(), Money::Cents(12445));
  EXPECT_EQ(r.claim.verification, Verification::kConfirmed);
}

TEST(ClaimsCsv, EveryBadFieldIsNamedAndNothingIsReturned) {
  std::string text = ClaimsFile(
      "1;Demo;NL00NABI0000000001;energie;E-1;100;0;0;bevestigd\n"  // line 2: bad IBAN
      "x;Demo;;gas;E-2;12,50;0;0;zeker\n"      // line 3: dossier, sector, amount, status
      "1;Demo;;water;E-3;0;0;0;onbevestigd\n"  // line 4: zero claim
      "1;Demo;;water\n");                      // line 5: too few fields
  auto rows = ParseClaimsCsv(text);
  ASSERT_FALSE(rows.ok());
  const std::string& m = rows.error().message();
  EXPECT_EQ(rows.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(m.find("niets ingelezen"), std::string::npos);
  EXPECT_NE(m.find("regel 2, veld iban"), std::string::npos) << m;
  EXPECT_NE(m.find("regel 3, veld dossier: is geen geheel getal"), std::string::npos) << m;
  EXPECT_NE(m.find("regel 3, veld sector: is een van"), std::string::npos) << m;
  EXPECT_NE(m.find("regel 3, veld hoofdsom: bedragen zijn hele eurocenten"), std::string::npos)
      << m;
  EXPECT_NE(m.find("regel 3, veld status"), std::string::npos) << m;
  EXPECT_NE(m.find("regel 4, veld hoofdsom"), std::string::npos) << m;
  EXPECT_NE(m.find("regel 5: heeft 4 velden, de kopregel heeft er 9"), std::string::npos) << m;
  EXPECT_EQ(m.find("NL00NABI"), std::string::npos) << "a value was quoted";
  EXPECT_EQ(rows.error().field(), "regel 2: iban");
}

TEST(ClaimsCsv, HeaderProblems) {
  EXPECT_NE(ParseClaimsCsv("").error().message().find("het bestand is leeg"), std::string::npos);
  auto missing = ParseClaimsCsv("dossier;schuldeiser\n1;x\n");
  EXPECT_NE(missing.error().message().find("veld iban: de kolom ontbreekt"), std::string::npos);
  auto extra = ParseClaimsCsv(ClaimsFile("").substr(0, ClaimsFile("").size() - 1) + ";bsn\n");
  EXPECT_NE(extra.error().message().find("veld bsn: onbekende kolom"), std::string::npos);
  EXPECT_NE(ParseClaimsCsv(ClaimsFile("")).error().message().find("geen regels"),
            std::string::npos);
  EXPECT_NE(ParseClaimsCsv(ClaimsFile("1;\"open")).error().message().find("niet afgesloten"),
            std::string::npos);
}

TEST(AnswersCsv, CounterOfferNeedsItsAmountAndOnlyIt) {
  auto ok = ParseAnswersCsv(
      "dossier;vordering;ronde;antwoord;datum;tegenbod\n1;2;1;tegenvoorstel;2026-03-10;5000\n"
      "1;3;2;akkoord;2026-03-11;\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ((*ok)[0].answer.kind, AnswerKind::kCounter);
  EXPECT_EQ((*ok)[0].answer.counter_amount, Money::Cents(5000));
  EXPECT_EQ((*ok)[1].round, 2);
  auto bad = ParseAnswersCsv(
      "dossier;vordering;ronde;antwoord;datum;tegenbod\n1;2;1;tegenvoorstel;2026-03-10;\n"
      "1;2;0;akkoord;2026-02-30;10\n");
  ASSERT_FALSE(bad.ok());
  const std::string& m = bad.error().message();
  EXPECT_NE(m.find("regel 2, veld tegenbod: een tegenvoorstel noemt"), std::string::npos) << m;
  EXPECT_NE(m.find("regel 3, veld ronde"), std::string::npos) << m;
  EXPECT_NE(m.find("regel 3, veld datum"), std::string::npos) << m;
  EXPECT_NE(m.find("regel 3, veld tegenbod: alleen een tegenvoorstel"), std::string::npos) << m;
}

TEST(RepaymentsCsv, ParsesAndNamesBadFields) {
  auto ok = ParseRepaymentsCsv(
      "dossier;maand;datum;bedrag;bron\n4;2026-04;2026-04-25;5083;uitkering\n4;2026-05;2026-05-27;"
      "5083;zelf\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ((*ok)[0].repayment.month, Month::Of(2026, 4));
  EXPECT_EQ((*ok)[0].repayment.source, RepaymentSource::kUitkering);
  EXPECT_EQ((*ok)[1].repayment.amount, Money::Cents(5083));
  auto bad = ParseRepaymentsCsv("dossier;maand;datum;bedrag;bron\n4;2026-13;2026-04-25;0;bank\n");
  ASSERT_FALSE(bad.ok());
  const std::string& m = bad.error().message();
  for (const char* f : {"regel 2, veld maand", "regel 2, veld bedrag", "regel 2, veld bron"}) {
    EXPECT_NE(m.find(f), std::string::npos) << f << "\n" << m;
  }
}

TEST(SignalsCsv, ParsesAndRefuses) {
  auto ok = ParseSignalsCsv(
      "bron;sector;huishouden;datum;achterstand;maanden\nWaterbedrijf;water;H-1;2026-03-01;4500;"
      "2\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ((*ok)[0].signal.sector, SignalSector::kWater);
  EXPECT_EQ((*ok)[0].signal.months, 2);
  auto bad =
      ParseSignalsCsv("bron;sector;huishouden;datum;achterstand;maanden\n;gas;;2026-03-01;0;0\n");
  ASSERT_FALSE(bad.ok());
  const std::string& m = bad.error().message();
  for (const char* f :
       {"veld bron", "veld sector", "veld huishouden", "veld achterstand", "veld maanden"}) {
    EXPECT_NE(m.find(f), std::string::npos) << f << "\n" << m;
  }
}

TEST(OffersCsv, WritesTheNewestOfferAndQuotes) {
  Claim c;
  c.seq = 4;
  c.creditor = "Demo; BV";
  c.creditor_reference = "R-9";
  c.principal = Money::Cents(10000);
  c.offers.push_back(
      {1, Ratio::Of(60, 100), Money::Cents(6000), Date::Of(2026, 3, 1), Date::Of(2026, 3, 11), {}});
  c.offers.push_back({2,
                      Ratio::Of(625, 1000),
                      Money::Cents(6250),
                      Date::Of(2026, 3, 12),
                      Date::Of(2026, 3, 22),
                      {}});
  std::string csv = OffersCsv({{7, &c}});
  EXPECT_EQ(csv,
            "dossier;vordering;schuldeiser;kenmerk;ronde;vordering_totaal;percentage;aanbod;"
            "reageren_voor\r\n"
            "7;4;\"Demo; BV\";R-9;2;10000;62.5;6250;2026-03-22\r\n");
}

TEST(ErrorList, StopsAtTheLimitAndSaysHowManyMore) {
  std::string lines;
  for (int i = 0; i < 30; ++i) lines += "x;Demo;;water;E;1;0;0;bevestigd\n";
  auto rows = ParseClaimsCsv(ClaimsFile(lines));
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.error().message().find("en nog 10"), std::string::npos) << rows.error().message();
}

}  // namespace
}  // namespace nabij::debt
