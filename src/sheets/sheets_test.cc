#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sheets/csv.h"
#include "sheets/sheet.h"
#include "sheets/xlsx_writer.h"

namespace nabij::sheets {
namespace {

namespace fs = std::filesystem;
using Kind = Column::Kind;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// Excel's 1900 date system: serial number of 1970-01-01 (valid for dates after 1900-02-28).
constexpr int32_t kExcelSerialOfUnixEpoch = 25569;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Output of a shell command; fails the test if it does not exit 0.
std::string RunCommand(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) {
    ADD_FAILURE() << "popen failed: " << cmd;
    return out;
  }
  char buf[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = ::pclose(p);
  EXPECT_EQ(rc, 0) << cmd;
  return out;
}

// One member of the zip container that an .xlsx file is.
std::string Unzip(const fs::path& xlsx, const std::string& member) {
  return RunCommand("unzip -p '" + xlsx.string() + "' '" + member + "'");
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// The double that Excel makes of a number's text in the XML.
double ExcelReads(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

// The double nearest to the exact decimal amount: what Excel stores when a person types it.
double ExactAmount(int64_t cents) { return ExcelReads(FormatDecimal(Money::Cents(cents))); }

// The <v> values of the cells of column `col` ("C") in a worksheet XML, in row order.
std::vector<std::string> ColumnValues(const std::string& xml, const std::string& col) {
  std::vector<std::string> values;
  const std::string open = "<c r=\"" + col;
  for (size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at + 1)) {
    if (!std::isdigit(static_cast<unsigned char>(xml[at + open.size()]))) continue;  // "CA1"
    const size_t end = xml.find("</c>", at);
    const size_t v = xml.find("<v>", at);
    if (v == std::string::npos || v > end) {
      values.emplace_back();
      continue;
    }
    const size_t v_end = xml.find("</v>", v);
    values.push_back(xml.substr(v + 3, v_end - v - 3));
  }
  return values;
}

Sheet SmallSheet() {
  Sheet s;
  s.name = "Betalingen";
  s.columns = {{"Naam", Kind::kText, 30},
               {"Dossier", Kind::kNumber, 10},
               {"Bedrag", Kind::kMoney, 14},
               {"Datum", Kind::kDate, 12}};
  s.rows = {{std::string("José Müller"), int64_t{1001}, Money::Cents(140150), Date::Of(2026, 6, 1)},
            {std::string("Anneke de Vries"), int64_t{1002}, Money::Cents(-123405),
             Date::Of(2026, 6, 2)}};
  s.notes = {"Betaalrun 2026-06, goedgekeurd door bert"};
  return s;
}

class SheetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("nabij_sheets_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The names of the files in dir_, to see that no temporary file is left behind.
  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
};

// --- CSV ---------------------------------------------------------------------------------------

TEST_F(SheetsTest, CsvStartsWithBomThenHeaderAndRowsWithCrlf) {
  auto csv = ToCsv(SmallSheet());
  ASSERT_TRUE(csv.ok()) << csv.error().ToString();
  EXPECT_EQ(*csv, std::string(kBom) +
                      "Naam;Dossier;Bedrag;Datum\r\n"
                      "José Müller;1001;1401,50;2026-06-01\r\n"
                      "Anneke de Vries;1002;-1234,05;2026-06-02\r\n");
}

TEST_F(SheetsTest, CsvDoesNotWriteNotes) {
  auto csv = ToCsv(SmallSheet());
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->find("Betaalrun"), std::string::npos);
}

TEST_F(SheetsTest, CsvQuotesSeparatorQuotesAndNewlines) {
  Sheet s;
  s.columns = {{"Omschrijving; toelichting", Kind::kText, 0}};
  s.rows = {{std::string("huur; mei")},
            {std::string("zegt \"ja\"")},
            {std::string("regel 1\nregel 2")},
            {std::string("regel 1\r\nregel 2")},
            {std::string("komma, punt. gewoon")},
            {std::string("")}};
  auto csv = ToCsv(s);
  ASSERT_TRUE(csv.ok()) << csv.error().ToString();
  EXPECT_EQ(*csv, std::string(kBom) +
                      "\"Omschrijving; toelichting\"\r\n"
                      "\"huur; mei\"\r\n"
                      "\"zegt \"\"ja\"\"\"\r\n"
                      "\"regel 1\nregel 2\"\r\n"
                      "\"regel 1\r\nregel 2\"\r\n"
                      "komma, punt. gewoon\r\n"
                      "\r\n");
}

TEST_F(SheetsTest, CsvMoneyHasADecimalCommaAndTwoDecimals) {
  Sheet s;
  s.columns = {{"Bedrag", Kind::kMoney, 0}};
  for (int64_t cents : {int64_t{-123405}, int64_t{140150}, int64_t{5}, int64_t{-5}, int64_t{0},
                        int64_t{100}, int64_t{123456789012}}) {
    s.rows.push_back({Money::Cents(cents)});
  }
  auto csv = ToCsv(s);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv, std::string(kBom) +
                      "Bedrag\r\n-1234,05\r\n1401,50\r\n0,05\r\n-0,05\r\n0,00\r\n1,00\r\n"
                      "1234567890,12\r\n");
}

TEST_F(SheetsTest, CsvWritesFormulaLikeTextWithALeadingApostrophe) {
  Sheet s;
  s.columns = {{"=Kop", Kind::kText, 0}, {"Saldo", Kind::kMoney, 0}};
  s.rows = {{std::string("=HYPERLINK(\"http://x\")"), Money::Cents(-100)},
            {std::string("+31 6 12345678"), Money::Cents(0)},
            {std::string("-"), Money::Cents(0)},
            {std::string("@SUM(A1)"), Money::Cents(0)},
            {std::string("=a;b"), Money::Cents(0)},
            {std::string("a=b"), Money::Cents(0)}};
  auto csv = ToCsv(s);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv, std::string(kBom) +
                      "'=Kop;Saldo\r\n"
                      "\"'=HYPERLINK(\"\"http://x\"\")\";-1,00\r\n"  // money keeps its minus
                      "'+31 6 12345678;0,00\r\n"
                      "'-;0,00\r\n"
                      "'@SUM(A1);0,00\r\n"
                      "\"'=a;b\";0,00\r\n"
                      "a=b;0,00\r\n");
}

TEST_F(SheetsTest, CsvRefusesARowOfTheWrongLength) {
  Sheet s = SmallSheet();
  s.rows[1].pop_back();
  auto csv = ToCsv(s);
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(csv.error().field(), "rows[1]");
  EXPECT_EQ(csv.error().message(),
            "sheet \"Betalingen\", row 1: has 3 cells, the sheet has 4 columns");
}

TEST_F(SheetsTest, CsvRefusesACellOfTheWrongKind) {
  Sheet s = SmallSheet();
  s.rows[0][2] = std::string("1401,50");
  auto csv = ToCsv(s);
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(csv.error().field(), "rows[0][2]");
  EXPECT_EQ(csv.error().message(),
            "sheet \"Betalingen\", row 0, column \"Bedrag\": the cell is text, the column holds "
            "money");
}

TEST_F(SheetsTest, CsvRefusesTextThatIsNotUtf8) {
  Sheet s = SmallSheet();
  s.rows[1][0] = std::string("Jos\xE9");  // Latin-1 é
  auto csv = ToCsv(s);
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.error().field(), "rows[1][0]");
  EXPECT_NE(csv.error().message().find("not valid UTF-8"), std::string::npos);
}

TEST_F(SheetsTest, CsvNeedsAColumnButNoName) {
  Sheet s;
  EXPECT_EQ(ToCsv(s).status().code(), ErrorCode::kInvalidArgument);
  s.columns = {{"A", Kind::kText, 0}};
  s.name = "a/b: [not] an Excel name";
  EXPECT_TRUE(ToCsv(s).ok());
}

TEST_F(SheetsTest, WriteCsvFileWritesToCsvPrivatelyAndLeavesNoTemporaryFile) {
  const fs::path path = dir_ / "betalingen.csv";
  std::ofstream(path) << "old";
  const Status s = WriteCsvFile(SmallSheet(), path);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ReadFile(path), *ToCsv(SmallSheet()));
  EXPECT_EQ(Files(), std::vector<std::string>{"betalingen.csv"});
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(SheetsTest, WriteCsvFileLeavesTheOldFileOnBadInput) {
  const fs::path path = dir_ / "betalingen.csv";
  std::ofstream(path) << "old";
  Sheet bad = SmallSheet();
  bad.rows[0].emplace_back(std::in_place_type<std::string>, "extra");
  EXPECT_EQ(WriteCsvFile(bad, path).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ReadFile(path), "old");
  EXPECT_EQ(Files(), std::vector<std::string>{"betalingen.csv"});
}

TEST_F(SheetsTest, WriteCsvFileIntoAMissingDirectoryIsAnIoError) {
  const Status s = WriteCsvFile(SmallSheet(), dir_ / "missing" / "x.csv");
  EXPECT_EQ(s.code(), ErrorCode::kIo) << s.ToString();
  EXPECT_EQ(WriteCsvFile(SmallSheet(), dir_ / "").code(), ErrorCode::kInvalidArgument);
}

// --- .xlsx -------------------------------------------------------------------------------------

// Two sheets of 10,000 rows, written and then read back from the zip container.
TEST_F(SheetsTest, XlsxLargeWorkbookReadsBack) {
  constexpr int64_t kRows = 10'000;
  Workbook wb;
  wb.title = "Betaalrun juni 2026 — gemeente Demodorp";
  Sheet pay;
  pay.name = "Betalingen";
  pay.notes = {"Betaalrun 2026-06, goedgekeurd door bert", "Bedragen in euro"};
  pay.columns = {{"Naam", Kind::kText, 30},
                 {"Dossier", Kind::kNumber, 10},
                 {"Bedrag", Kind::kMoney, 14},
                 {"Datum", Kind::kDate, 12},
                 {"Inhouding", Kind::kMoney, 0}};
  int64_t total = 0;
  int64_t total_held = 0;
  for (int64_t i = 0; i < kRows; ++i) {
    const int64_t cents = i == 0 ? 140150 : (i * 7919) % 250000 - 20000;
    const int64_t held = i % 3 == 0 ? -(i % 1000) : 0;
    total += cents;
    total_held += held;
    pay.rows.push_back({"Cliënt " + std::to_string(i), int64_t{100000} + i, Money::Cents(cents),
                        Date::Of(2026, 6, 1).AddDays(static_cast<int32_t>(i % 30)),
                        Money::Cents(held)});
  }
  Sheet people;
  people.name = "Dossiers (2026)";
  people.columns = {{"Dossier", Kind::kNumber, 10}, {"Klantmanager", Kind::kText, 20}};
  for (int64_t i = 0; i < kRows; ++i) {
    people.rows.push_back({int64_t{100000} + i, std::string(i % 2 == 0 ? "Ayşe" : "Björn")});
  }
  wb.sheets = {pay, people};

  const fs::path path = dir_ / "betaalrun.xlsx";
  const Status s = WriteXlsxFile(wb, path);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Files(), std::vector<std::string>{"betaalrun.xlsx"});
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  const std::string workbook = Unzip(path, "xl/workbook.xml");
  EXPECT_NE(workbook.find("<sheet name=\"Betalingen\" sheetId=\"1\""), std::string::npos);
  EXPECT_NE(workbook.find("<sheet name=\"Dossiers (2026)\" sheetId=\"2\""), std::string::npos);
  EXPECT_NE(Unzip(path, "docProps/core.xml")
                .find("<dc:title>Betaalrun juni 2026 — gemeente Demodorp</dc:title>"),
            std::string::npos);

  const std::string strings = Unzip(path, "xl/sharedStrings.xml");
  for (const char* text : {"Naam", "Bedrag", "Inhouding", "Betaalrun 2026-06, goedgekeurd door bert",
                           "Totaal", "Cliënt 0", "Cliënt 9999", "Ayşe"}) {
    EXPECT_NE(strings.find(std::string("<t>") + text + "</t>"), std::string::npos) << text;
  }

  const std::string styles = Unzip(path, "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"€ #,##0.00\""), std::string::npos);
  EXPECT_NE(styles.find("formatCode=\"dd-mm-yyyy\""), std::string::npos);
  EXPECT_NE(styles.find("<b/>"), std::string::npos);

  const std::string sheet1 = Unzip(path, "xl/worksheets/sheet1.xml");
  // 2 notes, an empty row, the header on row 4, data on rows 5-10004, totals on row 10005.
  EXPECT_EQ(Count(sheet1, "<row "), 2 + 1 + kRows + 1);
  EXPECT_NE(sheet1.find("<pane ySplit=\"4\" topLeftCell=\"A5\" activePane=\"bottomLeft\" "
                        "state=\"frozen\"/>"),
            std::string::npos);
  EXPECT_NE(sheet1.find("<autoFilter ref=\"A4:E10004\"/>"), std::string::npos);
  EXPECT_NE(sheet1.find("<col min=\"1\" max=\"1\" width=\"30."), std::string::npos);
  EXPECT_NE(sheet1.find("<f>SUM(C5:C10004)</f>"), std::string::npos);
  EXPECT_NE(sheet1.find("<f>SUM(E5:E10004)</f>"), std::string::npos);
  EXPECT_EQ(Count(sheet1, "<f>"), 2u);

  // Every amount reads back as the double nearest to its exact decimal; the first is 1401.5.
  const std::vector<std::string> amounts = ColumnValues(sheet1, "C");
  ASSERT_EQ(amounts.size(), static_cast<size_t>(1 + kRows + 1));  // header, data, total
  EXPECT_EQ(amounts[1], "1401.5");
  for (int64_t i = 0; i < kRows; ++i) {
    const int64_t cents = std::get<Money>(pay.rows[static_cast<size_t>(i)][2]).cents();
    ASSERT_EQ(ExcelReads(amounts[static_cast<size_t>(i + 1)]), ExactAmount(cents))
        << "row " << i << ": " << amounts[static_cast<size_t>(i + 1)];
  }
  // The totals rows carry the value summed in cents, for viewers that do not recalculate.
  EXPECT_EQ(ExcelReads(amounts.back()), ExactAmount(total)) << total;
  EXPECT_EQ(ExcelReads(ColumnValues(sheet1, "E").back()), ExactAmount(total_held));
  // Dates are Excel serial numbers: 2026-06-01 is 46174.
  const std::vector<std::string> dates = ColumnValues(sheet1, "D");
  ASSERT_GE(dates.size(), 3u);
  EXPECT_EQ(dates[1], std::to_string(Date::Of(2026, 6, 1).days_since_epoch() +
                                     kExcelSerialOfUnixEpoch));
  EXPECT_EQ(dates[1], "46174");
  EXPECT_EQ(dates[2], "46175");
  EXPECT_EQ(ColumnValues(sheet1, "B")[1], "100000");

  // The second sheet: no notes, no money, so no totals row.
  const std::string sheet2 = Unzip(path, "xl/worksheets/sheet2.xml");
  EXPECT_EQ(Count(sheet2, "<row "), 1 + kRows);
  EXPECT_NE(sheet2.find("<pane ySplit=\"1\" topLeftCell=\"A2\""), std::string::npos);
  EXPECT_NE(sheet2.find("<autoFilter ref=\"A1:B10001\"/>"), std::string::npos);
  EXPECT_EQ(Count(sheet2, "<f>"), 0u);
}

TEST_F(SheetsTest, XlsxMoneyReadsBackAsItsExactDecimal) {
  Workbook wb;
  Sheet s;
  s.name = "Bedragen";
  s.columns = {{"Bedrag", Kind::kMoney, 0}};
  // 71.65 and 0.3 are written by libxlsxwriter's "%.16G" as "71.65000000000001" and
  // "0.3000000000000000"-like texts; they must still read back as the typed amount.
  const std::vector<int64_t> cents = {1, 10, 30, 1234, 7165, 140150, -123405, 33,
                                      -999'999'999'999'999, 999'999'999'999'999};
  for (int64_t c : cents) s.rows.push_back({Money::Cents(c)});
  wb.sheets = {s};
  const fs::path path = dir_ / "bedragen.xlsx";
  const Status st = WriteXlsxFile(wb, path);
  ASSERT_TRUE(st.ok()) << st.ToString();
  const std::vector<std::string> values =
      ColumnValues(Unzip(path, "xl/worksheets/sheet1.xml"), "A");
  ASSERT_EQ(values.size(), cents.size() + 2);  // header, amounts, total
  for (size_t i = 0; i < cents.size(); ++i) {
    EXPECT_EQ(ExcelReads(values[i + 1]), ExactAmount(cents[i])) << values[i + 1];
  }
  EXPECT_EQ(values[1], "0.01");
  EXPECT_EQ(values[7], "-1234.05");
  EXPECT_EQ(values[10], "9999999999999.99");
  // The total, summed in cents: 0.01 + 0.10 + 0.30 + 12.34 + 71.65 + 1401.50 - 1234.05 + 0.33.
  EXPECT_EQ(ExcelReads(values.back()), ExactAmount(25218));
}

// Under a locale with a decimal comma, snprintf would write "1401,5" and corrupt the file.
TEST_F(SheetsTest, XlsxNumbersHaveADecimalPointUnderADutchLocale) {
  const char* kLocale = "nl_NL.UTF-8";
  if (::setlocale(LC_NUMERIC, kLocale) == nullptr) {
    // Not installed: compile it into the test directory (needs localedef and the locales data).
    const fs::path locales = dir_ / "locales";
    fs::create_directories(locales);
    const std::string cmd = "localedef -i nl_NL -f UTF-8 '" + (locales / kLocale).string() +
                            "' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "cannot build the nl_NL.UTF-8 locale";
    ::setenv("LOCPATH", locales.c_str(), 1);
    const bool set = ::setlocale(LC_NUMERIC, kLocale) != nullptr;
    ::unsetenv("LOCPATH");
    if (!set) GTEST_SKIP() << "cannot load the nl_NL.UTF-8 locale";
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", 1401.5);
  const std::string under_locale = buf;
  Workbook wb{{SmallSheet()}, ""};
  const fs::path path = dir_ / "nl.xlsx";
  const Status st = WriteXlsxFile(wb, path);
  ::setlocale(LC_NUMERIC, "C");
  ASSERT_EQ(under_locale, "1401,5");  // the locale is really in effect
  ASSERT_TRUE(st.ok()) << st.ToString();
  const std::vector<std::string> values =
      ColumnValues(Unzip(path, "xl/worksheets/sheet1.xml"), "C");
  ASSERT_EQ(values.size(), 4u);
  EXPECT_EQ(values[1], "1401.5");
  EXPECT_EQ(values[2], "-1234.05");
}

TEST_F(SheetsTest, XlsxEmptySheetHasHeaderFilterAndAZeroTotal) {
  Workbook wb;
  Sheet s;
  s.name = "Leeg";
  s.columns = {{"Bedrag", Kind::kMoney, 0}, {"Naam", Kind::kText, 0}};
  wb.sheets = {s};
  const fs::path path = dir_ / "leeg.xlsx";
  const Status st = WriteXlsxFile(wb, path);
  ASSERT_TRUE(st.ok()) << st.ToString();
  const std::string xml = Unzip(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(xml.find("<autoFilter ref=\"A1:B1\"/>"), std::string::npos);
  EXPECT_EQ(Count(xml, "<f>"), 0u);
  EXPECT_EQ(ColumnValues(xml, "A").back(), "0");
  // The first column is money, so there is no "Totaal" label.
  EXPECT_EQ(Unzip(path, "xl/sharedStrings.xml").find("Totaal"), std::string::npos);
}

TEST_F(SheetsTest, XlsxRefusesARowOfTheWrongLength) {
  Workbook wb;
  wb.sheets = {SmallSheet(), SmallSheet()};
  wb.sheets[1].name = "Tweede";
  wb.sheets[1].rows[1].push_back(Money::Cents(1));
  const fs::path path = dir_ / "x.xlsx";
  const Status s = WriteXlsxFile(wb, path);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "sheets[1].rows[1]");
  EXPECT_EQ(s.message(), "sheet \"Tweede\", row 1: has 5 cells, the sheet has 4 columns");
  EXPECT_TRUE(Files().empty());
}

TEST_F(SheetsTest, XlsxRefusesACellOfTheWrongKind) {
  Workbook wb;
  wb.sheets = {SmallSheet()};
  wb.sheets[0].rows[1][3] = std::string("2026-06-02");
  const fs::path path = dir_ / "x.xlsx";
  std::ofstream(path) << "old";
  const Status s = WriteXlsxFile(wb, path);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "sheets[0].rows[1][3]");
  EXPECT_EQ(s.message(),
            "sheet \"Betalingen\", row 1, column \"Datum\": the cell is text, the column holds "
            "date");
  EXPECT_EQ(ReadFile(path), "old");
  EXPECT_EQ(Files(), std::vector<std::string>{"x.xlsx"});
}

TEST_F(SheetsTest, XlsxRefusesBadSheetNames) {
  const std::string too_long(32, 'x');
  for (const std::string& name : {std::string(""), too_long, std::string("Juni/Juli"),
                                  std::string("Run [1]"), std::string("a:b"), std::string("a*"),
                                  std::string("wat?"), std::string("a\\b"), std::string("'quoted"),
                                  std::string("quoted'"), std::string("history"),
                                  std::string("Jos\xE9"), std::string("tab\there")}) {
    Workbook wb;
    wb.sheets = {SmallSheet()};
    wb.sheets[0].name = name;
    const Status s = WriteXlsxFile(wb, dir_ / "x.xlsx");
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << name;
    EXPECT_EQ(s.field(), "sheets[0].name") << name;
  }
  EXPECT_EQ(ValidateSheetName(too_long).message(),
            "sheet name \"" + too_long + "\" has 32 characters; Excel allows at most 31");
  EXPECT_EQ(ValidateSheetName("Juni/Juli").message(),
            "sheet name \"Juni/Juli\" contains '/'; Excel does not allow any of [ ] : * ? / \\ in "
            "a sheet name");
  // 31 characters, counted as characters and not bytes.
  EXPECT_TRUE(ValidateSheetName("Ééééééééééééééééééééééééééééééé").ok());
  EXPECT_TRUE(Files().empty());
}

TEST_F(SheetsTest, XlsxRefusesSheetNamesThatDifferOnlyInCase) {
  Workbook wb;
  wb.sheets = {SmallSheet(), SmallSheet()};
  wb.sheets[1].name = "BETALINGEN";
  const Status s = WriteXlsxFile(wb, dir_ / "x.xlsx");
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "sheets[1].name");
  EXPECT_NE(s.message().find("already used by sheet 0"), std::string::npos) << s.ToString();
}

TEST_F(SheetsTest, XlsxRefusesWhatExcelCannotHold) {
  auto check = [&](Workbook wb, const std::string& field, const std::string& what) {
    const Status s = WriteXlsxFile(wb, dir_ / "x.xlsx");
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << what;
    EXPECT_EQ(s.field(), field) << what << ": " << s.ToString();
  };
  check(Workbook{}, "sheets", "no sheets");
  check(Workbook{{SmallSheet()}, "Titel\x02"}, "title", "a control character in the title");
  {
    Workbook wb{{SmallSheet()}, ""};
    wb.sheets[0].columns[0].width_chars = 256;
    check(wb, "sheets[0].columns[0].width_chars", "width");
  }
  {
    Workbook wb{{SmallSheet()}, ""};
    wb.sheets[0].rows[0][2] = Money::Cents(1'000'000'000'000'000);
    check(wb, "sheets[0].rows[0][2]", "an amount beyond 15 digits");
  }
  {
    Workbook wb{{SmallSheet()}, ""};
    wb.sheets[0].rows[0][2] = Money::Cents(999'999'999'999'999);
    wb.sheets[0].rows[1][2] = Money::Cents(1);
    check(wb, "sheets[0].columns[2]", "a total beyond 15 digits");
  }
  {
    Workbook wb{{SmallSheet()}, ""};
    wb.sheets[0].rows[0][1] = int64_t{-1'000'000'000'000'000};
    check(wb, "sheets[0].rows[0][1]", "a number beyond 15 digits");
  }
  {
    Workbook wb{{SmallSheet()}, ""};
    wb.sheets[0].rows[1][3] = Date::FromDays(-30'000);  // 1887
    check(wb, "sheets[0].rows[1][3]", "a date before 1900");
  }
  {
    Workbook wb{{SmallSheet()}, ""};
    wb.sheets[0].rows[1][0] = std::string(32'768, 'x');
    check(wb, "sheets[0].rows[1][0]", "a text beyond 32,767 characters");
  }
  {
    Workbook wb{{SmallSheet()}, ""};
    wb.sheets[0].notes.push_back("\xC3");  // half of "é"
    check(wb, "sheets[0].notes[1]", "a note that is not UTF-8");
  }
  EXPECT_TRUE(Files().empty());
}

TEST_F(SheetsTest, XlsxIntoAMissingDirectoryIsAnIoError) {
  Workbook wb{{SmallSheet()}, "t"};
  const Status s = WriteXlsxFile(wb, dir_ / "missing" / "x.xlsx");
  EXPECT_EQ(s.code(), ErrorCode::kIo) << s.ToString();
}

TEST_F(SheetsTest, XlsxEscapesControlCharactersInText) {
  Workbook wb{{SmallSheet()}, ""};
  wb.sheets[0].rows[0][0] = std::string("a\x01z\ttab");
  const fs::path path = dir_ / "x.xlsx";
  ASSERT_TRUE(WriteXlsxFile(wb, path).ok());
  EXPECT_NE(Unzip(path, "xl/sharedStrings.xml").find("<t>a_x0001_z\ttab</t>"), std::string::npos);
}

TEST_F(SheetsTest, XlsxReplacesAnExistingFile) {
  const fs::path path = dir_ / "x.xlsx";
  std::ofstream(path) << "old";
  Workbook wb{{SmallSheet()}, ""};
  ASSERT_TRUE(WriteXlsxFile(wb, path).ok());
  EXPECT_NE(Unzip(path, "xl/sharedStrings.xml").find("<t>José Müller</t>"), std::string::npos);
  EXPECT_EQ(Files(), std::vector<std::string>{"x.xlsx"});
}

}  // namespace
}  // namespace nabij::sheets
