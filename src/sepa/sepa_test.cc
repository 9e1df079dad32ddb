#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sepa/pain001.h"
#include "sepa/xsd_validator.h"

namespace nabij::sepa {
namespace {

namespace fs = std::filesystem;

constexpr Version kBoth[] = {Version::kPain001_001_09, Version::kPain001_001_03};

// A synthetic IBAN with correct ISO 7064 mod 97-10 check digits for `bban` in `country`.
Iban MakeIban(const std::string& country, const std::string& bban) {
  std::string moved = bban + country + "00";
  int rem = 0;
  for (char c : moved) {
    if (c >= 'A' && c <= 'Z') {
      rem = (rem * 100 + (c - 'A' + 10)) % 97;
    } else {
      rem = (rem * 10 + (c - '0')) % 97;
    }
  }
  int check = 98 - rem;
  std::string text = country + (check < 10 ? "0" : "") + std::to_string(check) + bban;
  auto iban = Iban::Parse(text);
  EXPECT_TRUE(iban.ok()) << text << ": " << iban.status().ToString();
  return std::move(iban).value();
}

// NL IBAN of the fictitious bank "NABJ" with account number n.
Iban NlIban(uint64_t n) {
  std::string digits = std::to_string(n);
  return MakeIban("NL", "NABJ" + std::string(10 - digits.size(), '0') + digits);
}

Transfer MakeTransfer(int i, int64_t cents) {
  return Transfer{
      .end_to_end_id = "NABIJ-2026-01-" + std::to_string(100000 + i),
      .amount = Money::Cents(cents),
      .creditor_name = "Fictieve Klant " + std::to_string(i),
      .creditor_iban = NlIban(1000000 + static_cast<uint64_t>(i) * 7),
      .remittance = "Bijstand januari 2026 dossier " + std::to_string(i),
  };
}

Batch MakeBatch(int n) {
  Batch b{
      .message_id = "NABIJ-RUN-2026-01",
      .created_at = "2026-01-26T09:30:00Z",
      .debtor_name = "Gemeente Voorbeeld Werk en Inkomen",
      .debtor_iban = NlIban(123456789),
      .debtor_bic = "NABJNL2A",
      .execution_date = Date::Of(2026, 1, 28),
      .payment_info_id = "NABIJ-RUN-2026-01-PI1",
      .transfers = {},
  };
  for (int i = 0; i < n; ++i) {
    // Deterministic spread of amounts from 0.01 to about 2,500.00.
    int64_t cents = 1 + (static_cast<int64_t>(i) * 7919) % 250000;
    b.transfers.push_back(MakeTransfer(i, cents));
  }
  return b;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// Replaces the first occurrence of `from` (which must exist) by `to`.
std::string ReplaceFirst(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Written(const Batch& b, Version v) {
  auto xml = WritePain001(b, v);
  EXPECT_TRUE(xml.ok()) << xml.status().ToString();
  return xml.ok() ? *xml : std::string();
}

// The error of writing `b` (which must fail).
Status WriteError(const Batch& b, Version v = Version::kPain001_001_09) {
  auto xml = WritePain001(b, v);
  EXPECT_FALSE(xml.ok());
  return xml.status();
}

const fs::path kSchemaDir = DefaultSchemaDir();

// --- whole files against the real XSDs -----------------------------------------------------------

TEST(Pain001, ThousandTransfersValidateInBothVersions) {
  Batch b = MakeBatch(1000);
  int64_t sum = 0;
  for (const Transfer& t : b.transfers) sum += t.amount.cents();
  for (Version v : kBoth) {
    SCOPED_TRACE(std::string(VersionName(v)));
    std::string xml = Written(b, v);
    EXPECT_EQ(Count(xml, "<CdtTrfTxInf>"), 1000u);
    EXPECT_EQ(Count(xml, "<NbOfTxs>1000</NbOfTxs>"), 2u);  // group and payment information
    EXPECT_EQ(Count(xml, "<CtrlSum>" + FormatDecimal(Money::Cents(sum)) + "</CtrlSum>"), 2u);
    EXPECT_NE(xml.find(std::string("xmlns=\"") + std::string(VersionNamespace(v)) + "\""),
              std::string::npos);
    Status s = ValidateXsd(xml, v, kSchemaDir);
    EXPECT_TRUE(s.ok()) << s.ToString();
    s = CheckTotals(xml);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

TEST(Pain001, FixedElementsAsTheEpcWantsThem) {
  std::string xml09 = Written(MakeBatch(2), Version::kPain001_001_09);
  EXPECT_NE(xml09.find("<PmtMtd>TRF</PmtMtd>"), std::string::npos);
  EXPECT_NE(xml09.find("<BtchBookg>true</BtchBookg>"), std::string::npos);
  EXPECT_NE(xml09.find("<SvcLvl>\n          <Cd>SEPA</Cd>"), std::string::npos);
  EXPECT_NE(xml09.find("<ChrgBr>SLEV</ChrgBr>"), std::string::npos);
  EXPECT_NE(xml09.find("<ReqdExctnDt>\n        <Dt>2026-01-28</Dt>"), std::string::npos);
  EXPECT_NE(xml09.find("<BICFI>NABJNL2A</BICFI>"), std::string::npos);
  std::string xml03 = Written(MakeBatch(2), Version::kPain001_001_03);
  EXPECT_NE(xml03.find("<ReqdExctnDt>2026-01-28</ReqdExctnDt>"), std::string::npos);
  EXPECT_NE(xml03.find("<BIC>NABJNL2A</BIC>"), std::string::npos);
}

// The small batch of testdata/, byte for byte: the reviewed shape of our files.
TEST(Pain001, SmallBatchMatchesTestdata) {
  Batch b = MakeBatch(3);
  b.transfers[1].creditor_name = "Zoë Brontë-Çelik";
  b.transfers[2].remittance.clear();
  for (Version v : kBoth) {
    SCOPED_TRACE(std::string(VersionName(v)));
    fs::path golden = fs::path(NABIJ_SOURCE_DIR) / "src/sepa/testdata" /
                      ("small_batch." + std::string(VersionName(v)) + ".xml");
    std::string expected = ReadFile(golden);
    ASSERT_FALSE(expected.empty()) << golden;
    EXPECT_EQ(Written(b, v), expected);
    Status s = ValidateXsd(expected, v, kSchemaDir);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_TRUE(CheckTotals(expected).ok());
  }
}

TEST(Pain001, WithoutBicWritesNotProvided) {
  Batch b = MakeBatch(2);
  b.debtor_bic.clear();
  for (Version v : kBoth) {
    std::string xml = Written(b, v);
    EXPECT_NE(xml.find("<Othr>\n            <Id>NOTPROVIDED</Id>"), std::string::npos) << xml;
    Status s = ValidateXsd(xml, v, kSchemaDir);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

TEST(Pain001, AmountsHaveExactlyTwoDecimalsFromCents) {
  Batch b = MakeBatch(4);
  b.transfers[0].amount = Money::Cents(1);
  b.transfers[1].amount = Money::Cents(123456789);
  b.transfers[2].amount = Money::Cents(100);
  b.transfers[3].amount = Money::Cents(kMaxAmountCents);
  std::string xml = Written(b, Version::kPain001_001_09);
  EXPECT_NE(xml.find("<InstdAmt Ccy=\"EUR\">0.01</InstdAmt>"), std::string::npos);
  EXPECT_NE(xml.find("<InstdAmt Ccy=\"EUR\">1234567.89</InstdAmt>"), std::string::npos);
  EXPECT_NE(xml.find("<InstdAmt Ccy=\"EUR\">1.00</InstdAmt>"), std::string::npos);
  EXPECT_NE(xml.find("<InstdAmt Ccy=\"EUR\">999999999.99</InstdAmt>"), std::string::npos);
  // 0.01 + 1234567.89 + 1.00 + 999999999.99
  EXPECT_EQ(Count(xml, "<CtrlSum>1001234568.89</CtrlSum>"), 2u);
  EXPECT_TRUE(ValidateXsd(xml, Version::kPain001_001_09, kSchemaDir).ok());
  EXPECT_TRUE(CheckTotals(xml).ok());
}

// --- transliteration -----------------------------------------------------------------------------

TEST(Pain001, NamesWithDiacriticsAreTransliterated) {
  Batch b = MakeBatch(4);
  b.transfers[0].creditor_name = "José Müller-Ünal";
  b.transfers[1].creditor_name = "Zoë Brontë";
  b.transfers[2].creditor_name = "Søren Ødegård & Zn";
  b.transfers[3].creditor_name = "Ĳsbrand Şahin Łukasz";
  b.transfers[3].remittance = "Toeslag ‘april’ – € 12,50";
  for (Version v : kBoth) {
    std::string xml = Written(b, v);
    EXPECT_NE(xml.find("<Nm>Jose Muller-Unal</Nm>"), std::string::npos);
    EXPECT_NE(xml.find("<Nm>Zoe Bronte</Nm>"), std::string::npos);
    EXPECT_NE(xml.find("<Nm>Soren Odegard Zn</Nm>"), std::string::npos);
    EXPECT_NE(xml.find("<Nm>IJsbrand Sahin Lukasz</Nm>"), std::string::npos);
    EXPECT_NE(xml.find("<Ustrd>Toeslag 'april' - 12,50</Ustrd>"), std::string::npos);
    // Only ASCII left in the file.
    for (char c : xml) ASSERT_GE(static_cast<unsigned char>(c), 0x0Au) << c;
    for (char c : xml) ASSERT_LT(static_cast<unsigned char>(c), 0x80u);
    EXPECT_TRUE(ValidateXsd(xml, v, kSchemaDir).ok());
  }
}

TEST(EpcText, Transliteration) {
  EXPECT_EQ(*ToEpcText("é ë è ê á à ä ö ü ï ç ñ"), "e e e e a a a o u i c n");
  EXPECT_EQ(*ToEpcText("ÉËÈÊÁÀÄÖÜÏÇÑ"), "EEEEAAAOUICN");
  EXPECT_EQ(*ToEpcText("Straße Ærø Œuvre"), "Strasse AEro OEuvre");
  EXPECT_EQ(*ToEpcText("  a\t&\n<b>  \"c\"; @d_e  "), "a b c d e");
  EXPECT_EQ(*ToEpcText("D’Souza"), "D'Souza");
  EXPECT_EQ(*ToEpcText("Wit 😀 bloem"), "Wit bloem");
  EXPECT_EQ(*ToEpcText("محمد"), "");
  EXPECT_EQ(*ToEpcText("a/b-c?d:e(f)g.h,i'j+k"), "a/b-c?d:e(f)g.h,i'j+k");
  EXPECT_FALSE(ToEpcText("bad \xC3").ok());          // truncated sequence
  EXPECT_FALSE(ToEpcText("bad \xC0\xAF").ok());      // overlong '/'
  EXPECT_FALSE(ToEpcText("bad \xED\xA0\x80").ok());  // surrogate
  EXPECT_TRUE(IsEpcText("Fictieve Klant 17"));
  EXPECT_FALSE(IsEpcText("Zoë"));
  EXPECT_FALSE(IsEpcText("a&b"));
}

// --- our own checks, before writing --------------------------------------------------------------

TEST(Pain001Checks, EmptyBatchRefused) {
  Status s = WriteError(MakeBatch(0));
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "transfers");
}

TEST(Pain001Checks, BadIbanRefused) {
  // Wrong check digits never become an Iban, so a Transfer cannot hold one.
  std::string good = NlIban(4242).text();
  std::string bad = good;
  bad[17] = bad[17] == '9' ? '0' : static_cast<char>(bad[17] + 1);
  EXPECT_FALSE(Iban::Parse(bad).ok());
  // A valid IBAN outside the SEPA scheme (Turkey) is refused by WritePain001.
  Batch b = MakeBatch(5);
  b.transfers[3].creditor_iban = MakeIban("TR", "0006100000001234567890");
  Status s = WriteError(b);
  EXPECT_EQ(s.field(), "transfers[3].creditor_iban");
  EXPECT_NE(s.message().find("transfer 3:"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("TR"), std::string::npos) << s.message();
  // Other SEPA countries are fine.
  b.transfers[3].creditor_iban = MakeIban("BE", "000123456789");
  EXPECT_TRUE(WritePain001(b, Version::kPain001_001_09).ok());
}

TEST(Pain001Checks, AmountsOutOfRangeRefused) {
  for (int64_t cents : {int64_t{0}, int64_t{-500}, kMaxAmountCents + 1}) {
    Batch b = MakeBatch(3);
    b.transfers[2].amount = Money::Cents(cents);
    Status s = WriteError(b);
    EXPECT_EQ(s.field(), "transfers[2].amount") << cents;
    EXPECT_NE(s.message().find("transfer 2:"), std::string::npos) << s.message();
  }
}

TEST(Pain001Checks, DuplicateEndToEndIdRefused) {
  Batch b = MakeBatch(8);
  b.transfers[6].end_to_end_id = b.transfers[2].end_to_end_id;
  Status s = WriteError(b);
  EXPECT_EQ(s.field(), "transfers[6].end_to_end_id");
  EXPECT_NE(s.message().find("used twice"), std::string::npos) << s.message();
}

TEST(Pain001Checks, TooLongTextsRefused) {
  Batch b = MakeBatch(3);
  b.transfers[1].creditor_name = std::string(70, 'x');
  EXPECT_TRUE(WritePain001(b, Version::kPain001_001_09).ok());
  b.transfers[1].creditor_name = std::string(71, 'x');
  Status s = WriteError(b);
  EXPECT_EQ(s.field(), "transfers[1].creditor_name");
  EXPECT_NE(s.message().find("70"), std::string::npos) << s.message();
  // The length counts after transliteration: 36 "ß" become 72 letters.
  std::string sz;
  for (int i = 0; i < 36; ++i) sz += "ß";
  b.transfers[1].creditor_name = sz;
  EXPECT_EQ(WriteError(b).field(), "transfers[1].creditor_name");

  b = MakeBatch(3);
  b.transfers[0].remittance = std::string(141, 'r');
  EXPECT_EQ(WriteError(b).field(), "transfers[0].remittance");
  b = MakeBatch(3);
  b.debtor_name = std::string(71, 'g');
  EXPECT_EQ(WriteError(b).field(), "debtor_name");
}

TEST(Pain001Checks, NamesMustKeepSomething) {
  Batch b = MakeBatch(3);
  b.transfers[0].creditor_name = "";
  EXPECT_EQ(WriteError(b).field(), "transfers[0].creditor_name");
  b.transfers[0].creditor_name = "😀 &";
  EXPECT_EQ(WriteError(b).field(), "transfers[0].creditor_name");
  b.transfers[0].creditor_name = "Klant \xFF";
  Status s = WriteError(b);
  EXPECT_EQ(s.field(), "transfers[0].creditor_name");
  EXPECT_NE(s.message().find("UTF-8"), std::string::npos) << s.message();
}

TEST(Pain001Checks, IdsAreCheckedNotTransliterated) {
  auto field_of = [](auto mutate) {
    Batch b = MakeBatch(3);
    mutate(b);
    return WriteError(b).field();
  };
  EXPECT_EQ(field_of([](Batch& b) { b.transfers[1].end_to_end_id = "NABIJ-é"; }),
            "transfers[1].end_to_end_id");
  EXPECT_EQ(field_of([](Batch& b) { b.transfers[1].end_to_end_id = "A&B"; }),
            "transfers[1].end_to_end_id");
  EXPECT_EQ(field_of([](Batch& b) { b.transfers[1].end_to_end_id = std::string(36, 'E'); }),
            "transfers[1].end_to_end_id");
  EXPECT_EQ(field_of([](Batch& b) { b.transfers[1].end_to_end_id = ""; }),
            "transfers[1].end_to_end_id");
  EXPECT_EQ(field_of([](Batch& b) { b.transfers[1].end_to_end_id = "/ABC"; }),
            "transfers[1].end_to_end_id");
  EXPECT_EQ(field_of([](Batch& b) { b.transfers[1].end_to_end_id = "A//B"; }),
            "transfers[1].end_to_end_id");
  EXPECT_EQ(field_of([](Batch& b) { b.message_id = "RUN<1>"; }), "message_id");
  EXPECT_EQ(field_of([](Batch& b) { b.payment_info_id = std::string(36, 'P'); }),
            "payment_info_id");
  Batch ok = MakeBatch(1);
  ok.transfers[0].end_to_end_id = std::string(35, 'E');
  EXPECT_TRUE(WritePain001(ok, Version::kPain001_001_09).ok());
}

TEST(Pain001Checks, HeaderFieldsChecked) {
  Batch b = MakeBatch(2);
  b.created_at = "26-01-2026 09:30";
  EXPECT_EQ(WriteError(b).field(), "created_at");
  b.created_at = "2026-01-26T24:00:00Z";
  EXPECT_EQ(WriteError(b).field(), "created_at");
  b.created_at = "2026-01-26T09:30:00.123Z";
  EXPECT_TRUE(WritePain001(b, Version::kPain001_001_09).ok());
  b.created_at = "2026-01-29T09:30:00";
  EXPECT_EQ(WriteError(b).field(), "execution_date");  // executes on the 28th

  b = MakeBatch(2);
  b.debtor_bic = "NABJ NL2A";
  EXPECT_EQ(WriteError(b).field(), "debtor_bic");
  b.debtor_bic = "1ABJNL2A";  // .09 allows a digit in the bank code, .03 does not
  EXPECT_TRUE(WritePain001(b, Version::kPain001_001_09).ok());
  EXPECT_EQ(WriteError(b, Version::kPain001_001_03).field(), "debtor_bic");
}

TEST(Pain001Checks, CheckTransferScreensOneTransfer) {
  Transfer t = MakeTransfer(1, 1000);
  EXPECT_TRUE(CheckTransfer(t).ok());
  t.amount = Money::Zero();
  Status s = CheckTransfer(t);
  EXPECT_EQ(s.field(), "amount");
}

// --- XSD validation ------------------------------------------------------------------------------

TEST(ValidateXsd, CatchesRemovedMandatoryElement) {
  for (Version v : kBoth) {
    SCOPED_TRACE(std::string(VersionName(v)));
    std::string xml = Written(MakeBatch(3), v);
    std::string broken = ReplaceFirst(xml, "      <PmtMtd>TRF</PmtMtd>\n", "");
    Status s = ValidateXsd(broken, v, kSchemaDir);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(s.message().find("line 15: Element 'BtchBookg': This element is not expected. "
                               "Expected is ( PmtMtd )"),
              std::string::npos)
        << s.message();
  }
}

TEST(ValidateXsd, CatchesWrongVersionAndBadValues) {
  std::string xml09 = Written(MakeBatch(2), Version::kPain001_001_09);
  Status s = ValidateXsd(xml09, Version::kPain001_001_03, kSchemaDir);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.message().find("No matching global declaration"), std::string::npos) << s.message();

  // The XSD does check a pattern: an IBAN with a lower-case country code.
  std::string bad = ReplaceFirst(xml09, "<IBAN>NL", "<IBAN>nl");
  s = ValidateXsd(bad, Version::kPain001_001_09, kSchemaDir);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.message().find("'IBAN'"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("line "), std::string::npos) << s.message();
}

TEST(ValidateXsd, NotWellFormedAndMissingSchema) {
  Status s = ValidateXsd("<Document><unclosed></Document>", Version::kPain001_001_09, kSchemaDir);
  EXPECT_EQ(s.code(), ErrorCode::kParseError);
  EXPECT_NE(s.message().find("line 1"), std::string::npos) << s.message();

  std::string xml = Written(MakeBatch(1), Version::kPain001_001_09);
  s = ValidateXsd(xml, Version::kPain001_001_09, fs::path(NABIJ_SOURCE_DIR) / "no-such-dir");
  EXPECT_EQ(s.code(), ErrorCode::kIo);
}

TEST(ValidateXsd, ManyThreadsShareTheCachedSchema) {
  std::string xml09 = Written(MakeBatch(50), Version::kPain001_001_09);
  std::string xml03 = Written(MakeBatch(50), Version::kPain001_001_03);
  std::string broken = ReplaceFirst(xml09, "<ChrgBr>SLEV</ChrgBr>", "<ChrgBr>XXXX</ChrgBr>");
  std::vector<int> failures(8, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 5; ++k) {
        if (!ValidateXsd(xml09, Version::kPain001_001_09, kSchemaDir).ok()) ++failures[t];
        if (!ValidateXsd(xml03, Version::kPain001_001_03, kSchemaDir).ok()) ++failures[t];
        if (ValidateXsd(broken, Version::kPain001_001_09, kSchemaDir).ok()) ++failures[t];
        if (!CheckTotals(xml09).ok()) ++failures[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

// libxml2 keeps element lines in 16 bits unless asked; a big run has more lines than that.
TEST(ValidateXsd, LineNumbersPast65535AreRight) {
  std::string xml = Written(MakeBatch(5000), Version::kPain001_001_09);
  size_t at = xml.rfind("<IBAN>NL");
  auto line_of = [&](size_t pos) {
    return std::to_string(1 + std::count(xml.begin(), xml.begin() + static_cast<long>(pos), '\n'));
  };
  std::string line = line_of(at);
  ASSERT_GT(std::stoi(line), 65535);
  std::string bad = xml;
  bad.replace(at, 8, "<IBAN>nl");
  Status s = ValidateXsd(bad, Version::kPain001_001_09, kSchemaDir);
  EXPECT_NE(s.message().find("line " + line + ": Element 'IBAN'"), std::string::npos)
      << s.message();

  at = xml.rfind("<InstdAmt Ccy=\"EUR\">");
  line = line_of(at);
  bad = xml;
  bad.insert(xml.find('<', at + 1), "0");  // a third decimal
  s = CheckTotals(bad);
  EXPECT_NE(s.message().find("line " + line + ": InstdAmt"), std::string::npos) << s.message();
}

// --- totals --------------------------------------------------------------------------------------

TEST(CheckTotals, CatchesTamperedCtrlSumThatTheXsdAccepts) {
  for (Version v : kBoth) {
    SCOPED_TRACE(std::string(VersionName(v)));
    Batch b = MakeBatch(3);
    b.transfers[0].amount = Money::Cents(1000);
    b.transfers[1].amount = Money::Cents(2000);
    b.transfers[2].amount = Money::Cents(3050);
    std::string xml = Written(b, v);
    ASSERT_EQ(Count(xml, "<CtrlSum>60.50</CtrlSum>"), 2u);
    std::string tampered =
        ReplaceFirst(xml, "<CtrlSum>60.50</CtrlSum>", "<CtrlSum>60.51</CtrlSum>");
    EXPECT_TRUE(ValidateXsd(tampered, v, kSchemaDir).ok());  // the XSD cannot see it
    Status s = CheckTotals(tampered);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(s.message().find("line 8: GrpHdr/CtrlSum is 60.51 but the transactions add up to "
                               "60.50"),
              std::string::npos)
        << s.message();

    // At payment-information level (the second CtrlSum).
    size_t second = xml.find("<CtrlSum>60.50</CtrlSum>", xml.find("<PmtInf>"));
    std::string pmt = xml;
    pmt.replace(second, std::string("<CtrlSum>60.50</CtrlSum>").size(), "<CtrlSum>60.5</CtrlSum>");
    EXPECT_TRUE(CheckTotals(pmt).ok());  // the same number written differently
    pmt.replace(second, std::string("<CtrlSum>60.5</CtrlSum>").size(), "<CtrlSum>61</CtrlSum>");
    s = CheckTotals(pmt);
    EXPECT_NE(s.message().find("PmtInf[0]/CtrlSum is 61 but"), std::string::npos) << s.message();
  }
}

TEST(CheckTotals, CatchesCountsDecimalsAndCurrency) {
  std::string xml = Written(MakeBatch(3), Version::kPain001_001_09);
  Status s = CheckTotals(ReplaceFirst(xml, "<NbOfTxs>3</NbOfTxs>", "<NbOfTxs>4</NbOfTxs>"));
  EXPECT_NE(s.message().find("GrpHdr/NbOfTxs is '4' but there are 3 transactions"),
            std::string::npos)
      << s.message();

  // An amount with three decimals is valid for the XSD (five allowed) but not for SEPA.
  std::string amount =
      "<InstdAmt Ccy=\"EUR\">" + FormatDecimal(MakeBatch(1).transfers[0].amount) + "</InstdAmt>";
  std::string three = ReplaceFirst(xml, amount, "<InstdAmt Ccy=\"EUR\">0.010</InstdAmt>");
  EXPECT_TRUE(ValidateXsd(three, Version::kPain001_001_09, kSchemaDir).ok());
  s = CheckTotals(three);
  EXPECT_NE(s.message().find("InstdAmt '0.010' has 3 decimals, more than 2"), std::string::npos)
      << s.message();

  std::string usd = ReplaceFirst(xml, "Ccy=\"EUR\"", "Ccy=\"USD\"");
  s = CheckTotals(usd);
  EXPECT_NE(s.message().find("currency 'USD'"), std::string::npos) << s.message();

  // Without CtrlSum the totals cannot be checked.
  std::string no_sum = xml;
  size_t at = no_sum.find("<CtrlSum>");
  no_sum.erase(at, no_sum.find('\n', at) + 1 - at);
  s = CheckTotals(no_sum);
  EXPECT_NE(s.message().find("GrpHdr/CtrlSum is missing"), std::string::npos) << s.message();

  EXPECT_EQ(CheckTotals("<Document xmlns=\"urn:other\"/>").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CheckTotals("not xml").code(), ErrorCode::kParseError);
}

}  // namespace
}  // namespace nabij::sepa
