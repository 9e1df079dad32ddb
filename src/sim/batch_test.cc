#include "sim/batch.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <vector>

#include "pw/bijstand.h"
#include "pw/params.h"
#include "sim/batch_csv.h"
#include "sim/population.h"
#include "sim/test_util.h"

namespace nabij::sim {
namespace {

using testing::Difference;
using testing::ReadFile;
using testing::Rules;
using testing::TempDir;
using testing::WriteFile;

const Month kMonth = Month::Of(2026, 1);
constexpr uint64_t kSeed = 20261123;

std::string Header() { return std::string(InputHeader()) + "\n"; }

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    out.push_back(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  return out;
}

// Output rows by id; the header checked.
std::map<std::string, OutputRow, std::less<>> ParseOutput(std::string_view text) {
  std::vector<std::string_view> lines = Lines(text);
  EXPECT_FALSE(lines.empty());
  if (lines.empty()) return {};
  EXPECT_EQ(lines[0], OutputHeader());
  std::map<std::string, OutputRow, std::less<>> rows;
  for (size_t i = 1; i < lines.size(); ++i) {
    OutputRow r;
    EXPECT_TRUE(ParseOutputRow(lines[i], r)) << "output line " << i + 1;
    rows[std::string(r.id)] = r;
  }
  return rows;
}

// Reads what a FILE* received (a tmpfile used as the diagnostics stream).
std::string Drain(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

// A household with every field of the format set to something other than its default, drawn
// from `i`, so that the round trip covers what the generator leaves at zero.
pw::CaseInput EveryField(int i) {
  pw::CaseInput in = GenerateHousehold(kSeed, static_cast<uint64_t>(i), kMonth);
  auto fill = [i](pw::Adult& a, bool partner) {
    a.entitled = !partner || i % 3 != 0;
    a.medisch_urenbeperkt = i % 2 == 0;
    a.doelgroep_lks = i % 5 == 0;
    a.work_income = Money::Cents(12345 + i);
    a.other_income = Money::Cents(i % 7 == 0 ? 0 : 999 * i);
    a.premie = Money::Cents(50000);
    a.premie_earlier = Money::Cents(kMaxCents);
    a.giften = Money::Cents(1);
    a.giften_earlier = Money::Cents(i);
    a.periods = pw::Periods{static_cast<uint8_t>(i % 256), static_cast<uint8_t>(255 - i % 256), 12, 1, i % 2 == 1,
                            i % 4 == 1};
  };
  fill(in.applicant, false);
  if (i % 2 == 0) {
    in.has_partner = true;
    in.partner.birth = Date::Of(1900, 1, 1).AddDays(i);
    fill(in.partner, true);
  }
  in.children = static_cast<uint8_t>(i % 4 == 0 ? 255 : i % 4);
  if (in.children > 0) in.youngest_child_birth = kMonth.last_day().AddDays(-i % 3000);
  in.in_inrichting = i % 3 == 0;
  in.inrichting_verhoging = i % 6 == 0;
  in.parents_cannot_support = i % 5 == 1;
  in.mantelzorg_elsewhere = i % 7 == 1;
  in.vermogen = Money::Cents(i * 1000);
  in.eigen_woning_vermogen = Money::Cents(kMaxCents - i);
  in.housemate_count = static_cast<uint8_t>(i % (pw::kMaxHousemates + 1));
  for (size_t h = 0; h < in.housemate_count; ++h) {
    pw::Housemate& m = in.housemates[h];
    m.birth = kMonth.last_day().AddDays(-static_cast<int32_t>(h * 4000 + static_cast<size_t>(i)));
    m.relation = static_cast<pw::Relation>((h + static_cast<size_t>(i)) % 3);
    m.education = static_cast<pw::Education>((h + static_cast<size_t>(i)) % 5);
    m.commercial_contract = (h + static_cast<size_t>(i)) % 2 == 0;
    m.third_party_contract = (h + static_cast<size_t>(i)) % 3 == 0;
  }
  return in;
}

TEST(BatchCsv, HeaderIsTheColumnNamesInOrder) {
  EXPECT_EQ(InputHeader().substr(0, 44), "id,gemeente,applicant_birth,applicant_flags,");
  EXPECT_EQ(std::count(InputHeader().begin(), InputHeader().end(), ','), kInputColumnCount - 1);
  EXPECT_EQ(OutputHeader(), "id,norm,counted_income,vrijlating,bijstand,vakantietoeslag,kostendelers,status");
}

TEST(BatchCsv, WriterReaderRoundTripOfGeneratedHouseholds) {
  std::vector<pw::CaseInput> pop;
  GeneratePopulation(kSeed, 5000, kMonth, pop);
  std::string line;
  ParsedRow row;
  RowError err;
  for (size_t i = 0; i < pop.size(); ++i) {
    line.clear();
    const std::string_view gemeente = i % 2 == 0 ? "" : "9999";
    ASSERT_TRUE(AppendInputRow(line, "h" + std::to_string(i), gemeente, pop[i]).ok());
    ASSERT_EQ(line.back(), '\n');
    line.pop_back();
    ASSERT_TRUE(ParseInputRow(line, kMonth, row, err))
        << "household " << i << ": " << err.column_name() << ": " << err.message;
    EXPECT_EQ(row.id, "h" + std::to_string(i));
    EXPECT_EQ(row.gemeente, gemeente);
    ASSERT_EQ(Difference(row.input, pop[i]), "") << "household " << i;
  }
}

TEST(BatchCsv, WriterReaderRoundTripOfEveryField) {
  std::string line;
  ParsedRow row;
  RowError err;
  for (int i = 0; i < 500; ++i) {
    pw::CaseInput in = EveryField(i);
    line.clear();
    ASSERT_TRUE(AppendInputRow(line, "x-" + std::to_string(i), "0363", in).ok()) << i;
    line.pop_back();
    ASSERT_TRUE(ParseInputRow(line, kMonth, row, err)) << i << ": " << err.column_name() << ": " << err.message;
    ASSERT_EQ(Difference(row.input, in), "") << "household " << i << ": " << line;
  }
}

TEST(BatchCsv, DatesAgreeWithBaseDate) {
  ParsedRow row;
  RowError err;
  std::string prefix = "a,,";
  std::string suffix = std::string(kInputColumnCount - 3, ',');
  for (Date d = Date::Of(1900, 1, 1); d <= Date::Of(2026, 1, 31); d = d.AddDays(13)) {
    std::string line = prefix + d.ToString() + suffix;
    ASSERT_TRUE(ParseInputRow(line, kMonth, row, err)) << d.ToString() << ": " << err.message;
    ASSERT_EQ(row.input.applicant.birth, d);
    std::string written;
    ASSERT_TRUE(AppendInputRow(written, "a", "", row.input).ok());
    ASSERT_EQ(written, line + "\n");
  }
}

// One row with one field replaced, for the table of bad fields.
std::string RowWith(Column c, std::string_view value) {
  pw::CaseInput in = GenerateHousehold(kSeed, 1, kMonth);
  in.has_partner = true;
  in.partner.birth = Date::Of(1980, 5, 5);
  in.partner.work_income = Money::Cents(50000);
  in.children = 1;
  in.youngest_child_birth = Date::Of(2020, 1, 1);
  std::string line;
  NABIJ_CHECK(AppendInputRow(line, "r1", "", in).ok());
  line.pop_back();
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    fields.emplace_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  fields[static_cast<size_t>(c)] = std::string(value);
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i > 0 ? "," : "") + fields[i];
  return out;
}

TEST(BatchCsv, BadFieldsNameTheirColumnAndNeverTheValue) {
  struct Case {
    Column column;
    std::string value;
    ErrorCode code;
  };
  const Case cases[] = {
      {Column::kApplicantBirth, "1990-02-30", ErrorCode::kInvalidArgument},
      {Column::kApplicantBirth, "90-01-01", ErrorCode::kParseError},
      {Column::kApplicantBirth, "", ErrorCode::kParseError},
      {Column::kApplicantBirth, "1899-12-31", ErrorCode::kInvalidArgument},
      {Column::kApplicantBirth, "2026-02-01", ErrorCode::kInvalidArgument},  // after the month
      {Column::kApplicantFlags, "q", ErrorCode::kParseError},
      {Column::kApplicantFlags, "e", ErrorCode::kInvalidArgument},  // only the partner
      {Column::kApplicantWork, "12.50", ErrorCode::kParseError},
      {Column::kApplicantWork, "-5", ErrorCode::kParseError},
      {Column::kApplicantWork, "+5", ErrorCode::kParseError},
      {Column::kApplicantWork, " 5", ErrorCode::kParseError},
      {Column::kApplicantWork, "100000000000001", ErrorCode::kInvalidArgument},
      {Column::kApplicantWork, "99999999999999999999999", ErrorCode::kInvalidArgument},
      {Column::kApplicantNMonth, "256", ErrorCode::kInvalidArgument},
      {Column::kPartnerGiftenEarlier, "x", ErrorCode::kParseError},
      {Column::kPartnerFlags, "E", ErrorCode::kParseError},
      {Column::kChildren, "x", ErrorCode::kParseError},
      {Column::kYoungestChildBirth, "", ErrorCode::kInvalidArgument},
      {Column::kYoungestChildBirth, "2007-01-01", ErrorCode::kInvalidArgument},  // 19: a housemate
      {Column::kHousemates, "1990-01-01/", ErrorCode::kParseError},
      {Column::kHousemates, "1990-01-01/q", ErrorCode::kParseError},
      {Column::kHousemates, "1990-01-01/12", ErrorCode::kInvalidArgument},
      {Column::kHousemates, "1990-01-01/wb", ErrorCode::kInvalidArgument},
      {Column::kHousemates, "1990-01-01;", ErrorCode::kParseError},
      {Column::kHousemates, "1990-01-01 ", ErrorCode::kParseError},
      {Column::kHousemates,
       "1990-01-01;1990-01-01;1990-01-01;1990-01-01;1990-01-01;1990-01-01;1990-01-01;1990-01-01;1990-01-01;"
       "1990-01-01;1990-01-01;1990-01-01;1990-01-01",
       ErrorCode::kInvalidArgument},
      {Column::kVermogen, "1e6", ErrorCode::kParseError},
      {Column::kHouseholdFlags, "I", ErrorCode::kParseError},
      {Column::kGemeente, "363", ErrorCode::kParseError},
      {Column::kId, "", ErrorCode::kParseError},
      {Column::kId, "\"r1\"", ErrorCode::kParseError},
  };
  ParsedRow row;
  RowError err;
  for (const Case& c : cases) {
    std::string line = RowWith(c.column, c.value);
    EXPECT_FALSE(ParseInputRow(line, kMonth, row, err)) << line;
    EXPECT_EQ(err.column_name(), kInputColumnNames[static_cast<size_t>(c.column)]) << c.value << ": " << err.message;
    EXPECT_EQ(err.code, c.code) << c.value << ": " << err.message;
    if (c.value.size() > 1) {  // a single flag letter may well occur in the text
      EXPECT_EQ(err.message.find(c.value), std::string_view::npos) << err.message;
    }
  }
  // The unchanged row is fine, so each case above fails for its own field.
  EXPECT_TRUE(ParseInputRow(RowWith(Column::kId, "r1"), kMonth, row, err)) << err.message;
  // Children 0 with a youngest child's birth date: the date is the field out of place.
  EXPECT_FALSE(ParseInputRow(RowWith(Column::kChildren, "0"), kMonth, row, err));
  EXPECT_EQ(err.column_name(), "youngest_child_birth");
}

TEST(BatchCsv, ColumnCountIsExact) {
  // Lines of random bytes, commas among them (and bytes one bit away from a comma): the reader
  // counts exactly the commas, in every position of its eight-byte steps.
  uint64_t x = 12345;
  auto next = [&x] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  const char alphabet[] = {',', ',', '-', '\xac', '\x2d', '\x2e', 'a', '0', '\0', '\x7f', '\xff', '1'};
  ParsedRow row;
  RowError err;
  for (int i = 0; i < 20000; ++i) {
    std::string line(next() % 120, 'x');
    size_t commas = 0;
    for (char& c : line) {
      c = alphabet[next() % sizeof alphabet];
      commas += c == ',' ? 1 : 0;
    }
    ASSERT_FALSE(ParseInputRow(line, kMonth, row, err));
    if (commas + 1 < kInputColumnCount) {
      ASSERT_EQ(err.column, static_cast<int>(commas + 1)) << i;
    } else if (commas + 1 > kInputColumnCount) {
      ASSERT_EQ(err.column, -1) << i;
      ASSERT_EQ(err.message, "more columns than the header (32)");
    } else {
      ASSERT_GE(err.column, 0) << i;  // the right count: some field is bad instead
    }
  }
  std::string extra = RowWith(Column::kId, "r1") + ",";
  ASSERT_FALSE(ParseInputRow(extra, kMonth, row, err));
  EXPECT_EQ(err.column, -1);
  EXPECT_EQ(row.id, "r1");
}

TEST(BatchCsv, PartnerFieldsNeedAPartner) {
  std::string line = RowWith(Column::kPartnerBirth, "");
  ParsedRow row;
  RowError err;
  EXPECT_FALSE(ParseInputRow(line, kMonth, row, err));
  EXPECT_EQ(err.column_name(), "partner_work");  // the first partner field that is not empty
  // With every partner column empty the row is a single applicant.
  pw::CaseInput in = GenerateHousehold(kSeed, 1, kMonth);
  in.has_partner = false;
  std::string ok;
  ASSERT_TRUE(AppendInputRow(ok, "r1", "", in).ok());
  ok.pop_back();
  EXPECT_TRUE(ParseInputRow(ok, kMonth, row, err)) << err.message;
  EXPECT_FALSE(row.input.has_partner);
}

TEST(BatchCsv, WriterRefusesWhatTheReaderWouldRefuse) {
  pw::CaseInput in = GenerateHousehold(kSeed, 3, kMonth);
  std::string out;
  EXPECT_EQ(AppendInputRow(out, "a,b", "", in).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(AppendInputRow(out, "", "", in).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(AppendInputRow(out, "a", "36", in).code(), ErrorCode::kInvalidArgument);
  pw::CaseInput neg = in;
  neg.applicant.work_income = Money::Cents(-1);
  EXPECT_EQ(AppendInputRow(out, "a", "", neg).field(), "applicant.work_income");
  pw::CaseInput no_right = in;
  no_right.applicant.entitled = false;
  EXPECT_EQ(AppendInputRow(out, "a", "", no_right).code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(out.empty());
}

// --- the batch ---

TEST(Batch, EveryRowEqualsThePerCasePath) {
  TempDir dir;
  const auto in = dir.path() / "in.csv";
  const auto out = dir.path() / "out.csv";
  constexpr size_t kN = 2000;
  const std::vector<std::string_view> gemeenten{"", "9999"};
  ASSERT_TRUE(WriteSyntheticInput(in, kSeed, kN, kMonth, gemeenten).ok());
  BatchOptions options;
  options.threads = 2;
  options.block_bytes = 64 << 10;  // several blocks, each split over the threads
  auto stats = RunBatch(Rules(), kMonth, in, out, options);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->rows, kN);
  EXPECT_EQ(stats->failed_rows, 0u);
  EXPECT_EQ(stats->snapshots, 2u);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out.csv.tmp"));

  std::map<std::string_view, pw::Params> params;
  for (std::string_view g : gemeenten) params.emplace(g, *pw::Snapshot(Rules(), kMonth, g));
  const std::string text = ReadFile(out);
  auto rows = ParseOutput(text);
  ASSERT_EQ(rows.size(), kN);
  int64_t total = 0;
  for (size_t i = 0; i < kN; ++i) {
    const std::string id = "h" + std::to_string(i);
    const OutputRow& r = rows.at(id);
    const pw::CaseInput input = GenerateHousehold(kSeed, i, kMonth);
    auto d = pw::Calculate(params.at(GeneratedGemeente(kSeed, i, gemeenten)), input, nullptr);
    ASSERT_TRUE(d.ok()) << id << ": " << d.status().ToString();
    ASSERT_EQ(r.status, "ok") << id;
    EXPECT_EQ(r.norm, d->norm.cents()) << id;
    EXPECT_EQ(r.counted_income, d->counted_income.cents()) << id;
    EXPECT_EQ(r.vrijlating, d->vrijlating.cents()) << id;
    EXPECT_EQ(r.bijstand, d->bijstand.cents()) << id;
    EXPECT_EQ(r.vakantietoeslag, d->vakantietoeslag.cents()) << id;
    EXPECT_EQ(r.kostendelers, d->kostendelers) << id;
    total += d->bijstand.cents();
  }
  EXPECT_EQ(stats->bijstand_total.cents(), total);

  // The output is in input order and the same for any number of threads and any block size.
  const std::string input = ReadFile(in);
  for (int threads : {1, 3}) {
    for (size_t block : {size_t{64} << 10, size_t{8} << 20}) {
      std::string again;
      BatchOptions o;
      o.threads = threads;
      o.block_bytes = block;
      ASSERT_TRUE(RunBatchText(Rules(), kMonth, input, again, o).ok());
      EXPECT_EQ(again, text) << threads << " threads, block " << block;
    }
  }
  std::vector<std::string_view> lines = Lines(text);
  EXPECT_EQ(lines[1].substr(0, 3), "h0,");
  EXPECT_EQ(lines.back().substr(0, 6), "h1999,");
}

TEST(Batch, BadRowsAreReportedAndTheRestComputed) {
  const std::string good = RowWith(Column::kId, "good");
  std::string text = Header();
  text += good + "\n";                                                  // line 2
  text += RowWith(Column::kApplicantBirth, "1988-13-01") + "\n";        // 3
  text += "only,three,columns\n";                                       // 4
  text += RowWith(Column::kApplicantBirth, "2015-06-01") + "\n";        // 5: under 18
  text += RowWith(Column::kGemeente, "1234") + "\n";                    // 6: no such municipality
  text += "\r\n";                                                       // 7: blank, skipped
  text += RowWith(Column::kId, "good2") + "\r\n";                       // 8: CRLF
  text += RowWith(Column::kId, "a\"b") + "\n";                          // 9: bad id
  text += RowWith(Column::kId, "last");                                 // 10: no final newline

  std::FILE* diag = std::tmpfile();
  ASSERT_NE(diag, nullptr);
  BatchOptions o;
  o.diagnostics = diag;
  std::string out;
  auto stats = RunBatchText(Rules(), kMonth, text, out, o);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->rows, 8u);
  EXPECT_EQ(stats->failed_rows, 5u);

  std::vector<std::string_view> lines = Lines(out);
  ASSERT_EQ(lines.size(), 9u);
  OutputRow r;
  ASSERT_TRUE(ParseOutputRow(lines[1], r));
  EXPECT_EQ(r.id, "good");
  EXPECT_EQ(r.status, "ok");
  EXPECT_GT(r.norm, 0);
  EXPECT_EQ(lines[2], "r1,,,,,,,invalid_argument");
  EXPECT_EQ(lines[3], "only,,,,,,,parse_error");
  EXPECT_EQ(lines[4], "r1,,,,,,,failed_precondition");
  EXPECT_EQ(lines[5], "r1,,,,,,,not_found");
  ASSERT_TRUE(ParseOutputRow(lines[6], r));
  EXPECT_EQ(r.id, "good2");
  EXPECT_EQ(r.status, "ok");
  EXPECT_EQ(lines[7], ",,,,,,,parse_error");
  ASSERT_TRUE(ParseOutputRow(lines[8], r));
  EXPECT_EQ(r.id, "last");
  EXPECT_EQ(r.status, "ok");

  const std::string messages = Drain(diag);
  std::fclose(diag);
  std::vector<std::string_view> m = Lines(messages);
  ASSERT_EQ(m.size(), 5u) << messages;
  EXPECT_EQ(m[0].substr(0, 32), "line 3: column applicant_birth: ");
  EXPECT_EQ(m[1].substr(0, 35), "line 4: column applicant_flags: par");
  EXPECT_EQ(m[2].substr(0, 28), "line 5: failed_precondition:");
  EXPECT_EQ(m[3].substr(0, 24), "line 6: column gemeente:");
  EXPECT_EQ(m[4].substr(0, 18), "line 9: column id:");
  // No personal data: no birth date or amount from the rows.
  for (std::string_view bad : {"1988-13-01", "2015-06-01", "a\"b"}) {
    EXPECT_EQ(messages.find(bad), std::string::npos) << bad;
  }
  EXPECT_EQ(messages.find(GenerateHousehold(kSeed, 1, kMonth).applicant.birth.ToString()), std::string::npos);
}

TEST(Batch, BadHeaderIsABadFile) {
  std::string out;
  BatchOptions o;
  auto empty = RunBatchText(Rules(), kMonth, "", out, o);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code(), ErrorCode::kParseError);
  EXPECT_NE(empty.error().message().find("line 1"), std::string::npos);

  std::string header(InputHeader());
  std::string wrong = header;
  wrong.replace(wrong.find("applicant_flags"), 15, "applicant_flagz");
  auto r = RunBatchText(Rules(), kMonth, wrong + "\n", out, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "applicant_flags");
  EXPECT_NE(r.error().message().find("line 1, column 4"), std::string::npos) << r.error().message();

  auto fewer = RunBatchText(Rules(), kMonth, header.substr(0, header.rfind(',')) + "\n", out, o);
  ASSERT_FALSE(fewer.ok());
  EXPECT_EQ(fewer.error().field(), "household_flags");
  EXPECT_NE(fewer.error().message().find("column 32"), std::string::npos) << fewer.error().message();

  auto more = RunBatchText(Rules(), kMonth, header + ",extra\n", out, o);
  ASSERT_FALSE(more.ok());
  EXPECT_NE(more.error().message().find("column 33"), std::string::npos) << more.error().message();

  // No header at all: the first household is not quoted back.
  std::string row = RowWith(Column::kId, "r1");
  auto none = RunBatchText(Rules(), kMonth, row + "\n", out, o);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message().find("r1"), std::string::npos);

  // A byte-order mark and CRLF are accepted; a header alone is an empty batch.
  out.clear();
  auto bom = RunBatchText(Rules(), kMonth, "\xEF\xBB\xBF" + header + "\r\n", out, o);
  ASSERT_TRUE(bom.ok()) << bom.status().ToString();
  EXPECT_EQ(bom->rows, 0u);
  EXPECT_EQ(out, std::string(OutputHeader()) + "\n");
}

TEST(Batch, EndToEndOnRealFiles) {
  TempDir dir;
  const auto in = dir.path() / "in.csv";
  const auto out = dir.path() / "out.csv";
  ASSERT_TRUE(WriteSyntheticInput(in, kSeed, 300, kMonth).ok());
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "in.csv.tmp"));
  auto stats = RunBatch(Rules(), kMonth, in, out, 2);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->rows, 300u);
  EXPECT_EQ(stats->threads, 2);
  EXPECT_GT(stats->bijstand_total.cents(), 0);
  EXPECT_EQ(stats->input_bytes, std::filesystem::file_size(in));
  EXPECT_EQ(stats->output_bytes + OutputHeader().size() + 1, std::filesystem::file_size(out));
  EXPECT_EQ(ParseOutput(ReadFile(out)).size(), 300u);
}

TEST(Batch, FileErrorsAreIoAndNeverLeaveAHalfWrittenOutput) {
  TempDir dir;
  const auto in = dir.path() / "in.csv";
  ASSERT_TRUE(WriteSyntheticInput(in, kSeed, 50, kMonth).ok());

  auto missing = RunBatch(Rules(), kMonth, dir.path() / "nope.csv", dir.path() / "out.csv", 1);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kIo);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out.csv.tmp"));

  auto unwritable = RunBatch(Rules(), kMonth, in, dir.path() / "no_such_dir" / "out.csv", 1);
  ASSERT_FALSE(unwritable.ok());
  EXPECT_EQ(unwritable.error().code(), ErrorCode::kIo);
  EXPECT_EQ(unwritable.error().field(), "out");

  // A bad file leaves an existing OUT as it was, and no OUT.tmp.
  const auto out = dir.path() / "out.csv";
  WriteFile(out, "previous results\n");
  const auto bad = dir.path() / "bad.csv";
  WriteFile(bad, "id,gemeente\n");
  auto r = RunBatch(Rules(), kMonth, bad, out, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kParseError);
  EXPECT_EQ(ReadFile(out), "previous results\n");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out.csv.tmp"));

  // A line longer than a block is a bad file too.
  WriteFile(bad, Header() + std::string(70000, 'x') + "\n");
  BatchOptions o;
  o.block_bytes = 64 << 10;
  r = RunBatch(Rules(), kMonth, bad, out, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("line 2"), std::string::npos) << r.error().message();
  EXPECT_EQ(ReadFile(out), "previous results\n");
}

}  // namespace
}  // namespace nabij::sim
