#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "letters/letter.h"
#include "letters/pdf_renderer.h"

namespace nabij::letters {
namespace {

namespace fs = std::filesystem;

// A decision letter with the characters a Dutch letter needs (é, ë, ï, €, „…”) and a long
// section about objection that pushes it onto a second page.
Letter SampleLetter() {
  Letter l;
  l.sender = "Gemeente Voorbeeldstad";
  l.sender_address = {"Werk & Inkomen", "Postbus 1234", "1234 AB Voorbeeldstad",
                      "Telefoon 14 0123", "www.voorbeeldstad.nl"};
  l.recipient_address = {"De heer J. de Vries", "Kerkstraat 12 A", "1234 CD Voorbeeldstad"};
  l.place_and_date = "Voorbeeldstad, 12 maart 2026";
  l.reference = "WI-2026-000123";
  l.subject = "Beëindiging van uw bijstandsuitkering";
  l.salutation = "Geachte heer De Vries,";

  Section decision;
  decision.heading = "Ons besluit";
  decision.paragraphs = {
      "U heeft ons op 3 februari 2026 laten weten dat u werk heeft gevonden bij café "
      "„De Groene Weg”. Wij hebben daarom uw financiële situatie opnieuw bekeken. Uw inkomen "
      "is hoger dan de bijstandsnorm die voor u geldt. Daarom beëindigen wij uw "
      "bijstandsuitkering met ingang van 1 april 2026.",
      "Hieronder ziet u hoe wij dat hebben berekend. Bij elk bedrag staat het artikel van de "
      "wet waarop het berust.",
  };
  decision.amounts = {
      {"Bijstandsnorm gehuwden", "€ 1.401,50", "Participatiewet art. 21 sub b", false},
      {"Inkomsten uit arbeid (netto per maand)", "€ 1.650,00", "Participatiewet art. 32 lid 1",
       false},
      {"Vrijlating inkomsten", "€ 0,00", "Participatiewet art. 31 lid 2 onderdeel n", false},
      {"Bijstand per maand", "€ 0,00", "", true},
  };

  Section duties;
  duties.heading = "Wat betekent dit voor u?";
  duties.paragraphs = {
      "U hoeft niets te doen. Wij hebben uw zorgverzekeraar en de Belastingdienst "
      "geïnformeerd. Heeft u schulden bij ons, dan blijft de afspraak over het aflossen "
      "daarvan gewoon doorlopen.",
  };

  Section objection;
  objection.heading = "Bent u het niet eens met dit besluit?";
  for (int i = 0; i < 6; ++i) {
    objection.paragraphs.push_back(
        "Dan kunt u binnen zes weken na de datum van deze brief bezwaar maken. Dat doet u "
        "schriftelijk of digitaal met DigiD. Schrijf in uw bezwaarschrift uw naam, adres, de "
        "datum, het kenmerk van deze brief en waarom u het niet eens bent met ons besluit. "
        "Vergeet niet het te ondertekenen. Heeft u haast, dan kunt u de voorzieningenrechter "
        "vragen om een voorlopige voorziening. Wilt u eerst met iemand praten? Bel dan uw "
        "klantmanager; één gesprek lost vaak al veel op.");
  }
  l.sections = {decision, duties, objection};
  l.closing = "Met vriendelijke groet,";
  l.signature = "J. Jansen\nklantmanager inkomen";
  l.footer = "Gemeente Voorbeeldstad · Werk & Inkomen · Postbus 1234, 1234 AB Voorbeeldstad · "
             "Bezoekadres Stadhuisplein 1";
  return l;
}

// `n` sections of a heading, a paragraph and a small table.
Letter LongLetter(int n) {
  Letter l = SampleLetter();
  l.sections.clear();
  for (int i = 1; i <= n; ++i) {
    Section s;
    s.heading = "Onderdeel " + std::to_string(i) + " van de berekening";
    s.paragraphs = {"Dit onderdeel legt uit hoe wij bedrag " + std::to_string(i) +
                    " hebben berekend en op welk artikel van de wet het berust. Wij hebben uw "
                    "gegevens van de afgelopen maanden daarvoor gebruikt."};
    s.amounts = {{"Post " + std::to_string(i) + ".1", "€ 12,50", "Pw art. 31", false},
                 {"Post " + std::to_string(i) + ".2", "€ 1.000,00", "Pw art. 32", false},
                 {"Totaal onderdeel " + std::to_string(i), "€ 1.012,50", "", true}};
    l.sections.push_back(s);
  }
  return l;
}

bool HaveTool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Standard output of a shell command; the command's paths are single-quoted by the caller.
std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string RightTrim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

struct Word {
  double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
  std::string text;
  int page = 0;
};

double Attribute(const std::string& tag, const std::string& name) {
  const size_t at = tag.find(name + "=\"");
  return at == std::string::npos ? -1 : std::atof(tag.c_str() + at + name.size() + 2);
}

// Words with their boxes and page (from 1), from `pdftotext -bbox`:
// <page ...> <word xMin=".." yMin=".." xMax=".." yMax="..">text</word> ... </page>.
std::vector<Word> ParseWords(const std::string& html) {
  std::vector<Word> words;
  int page = 0;
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    if (html.compare(at, 6, "<page ") == 0) ++page;
    if (html.compare(at, 6, "<word ") != 0) continue;
    const size_t close = html.find('>', at);
    const size_t end = html.find("</word>", close);
    if (close == std::string::npos || end == std::string::npos) break;
    const std::string tag = html.substr(at, close - at);
    words.push_back({Attribute(tag, "xMin"), Attribute(tag, "yMin"), Attribute(tag, "xMax"),
                     Attribute(tag, "yMax"), html.substr(close + 1, end - close - 1), page});
  }
  return words;
}

class LettersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("nabij_letters_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `letter` to dir_/name and returns the path.
  fs::path Write(const Letter& letter, const std::string& name) {
    const fs::path path = dir_ / name;
    const Status s = WritePdfFile(letter, path);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return path;
  }

  std::string PdfToText(const fs::path& pdf) {
    return RunCommand("pdftotext -layout -enc UTF-8 '" + pdf.string() + "' -");
  }

  std::vector<Word> Words(const fs::path& pdf) {
    return ParseWords(RunCommand("pdftotext -bbox -enc UTF-8 '" + pdf.string() + "' -"));
  }

  // No word runs into the bottom margin: every word is above it, or in the footer below it.
  void ExpectNothingInTheBottomMargin(const fs::path& pdf) {
    constexpr double kBodyBottom = 841.89 - 25 * 72 / 25.4;  // A4 height minus 25 mm
    constexpr double kFooterTop = 841.89 - 22 * 72 / 25.4;   // a two-line footer is lower
    const std::vector<Word> words = Words(pdf);
    ASSERT_FALSE(words.empty());
    for (const Word& w : words) {
      if (w.y_min >= kFooterTop) continue;
      EXPECT_LE(w.y_max, kBodyBottom + 0.5) << "page " << w.page << ": " << w.text;
    }
  }

  // The value of `key` ("Pages", "Title") in pdfinfo's output, or "" if it is not there.
  std::string PdfInfo(const fs::path& pdf, const std::string& key) {
    for (const std::string& line : SplitLines(RunCommand("pdfinfo '" + pdf.string() + "'"))) {
      if (line.rfind(key + ":", 0) != 0) continue;
      const size_t value = line.find_first_not_of(' ', key.size() + 1);
      return value == std::string::npos ? "" : line.substr(value);
    }
    return "";
  }

  int PageCount(const fs::path& pdf) { return std::atoi(PdfInfo(pdf, "Pages").c_str()); }

  fs::path dir_;
};

#define SKIP_WITHOUT(tool)                                                                      \
  if (!HaveTool(tool)) GTEST_SKIP() << tool " (Debian package poppler-utils) is not installed; " \
                                       "install it with scripts/setup.sh deps"

TEST_F(LettersTest, RendersAPdf) {
  Result<std::string> pdf = RenderPdf(SampleLetter());
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf->find("%%EOF"), std::string::npos);
}

TEST_F(LettersTest, TextSurvivesWithDutchCharactersAndPageNumbers) {
  SKIP_WITHOUT("pdftotext");
  const fs::path path = Write(SampleLetter(), "besluit.pdf");
  ExpectNothingInTheBottomMargin(path);
  const std::string text = PdfToText(path);
  for (const char* expected :
       {"Beëindiging", "€ 1.401,50", "financiële", "geïnformeerd", "café", "één",
        "„De", "Weg”", "Pagina 1 van 2", "Pagina 2 van 2", "Ons kenmerk",
        "WI-2026-000123", "Geachte heer De Vries,", "klantmanager inkomen"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("Pagina 3"), std::string::npos);
}

TEST_F(LettersTest, AmountIsOnItsLabelsLine) {
  SKIP_WITHOUT("pdftotext");
  const std::vector<std::string> lines = SplitLines(PdfToText(Write(SampleLetter(), "a.pdf")));
  auto check = [&](const std::string& label, const std::string& amount) {
    for (const std::string& raw : lines) {
      const std::string line = RightTrim(raw);
      const size_t at = line.find(label);
      if (at == std::string::npos) continue;
      const size_t amount_at = line.find(amount, at + label.size());
      ASSERT_NE(amount_at, std::string::npos) << "amount not on the label's line: " << line;
      // Only blanks between label and amount, and the amount ends the line.
      EXPECT_EQ(line.find_first_not_of(' ', at + label.size()), amount_at) << line;
      EXPECT_EQ(amount_at + amount.size(), line.size()) << line;
      return;
    }
    ADD_FAILURE() << "label not found: " << label;
  };
  check("Bijstandsnorm gehuwden", "€ 1.401,50");
  check("Inkomsten uit arbeid (netto per maand)", "€ 1.650,00");
  check("Vrijlating inkomsten", "€ 0,00");
  check("Bijstand per maand", "€ 0,00");
}

// pdftotext -layout guesses columns from character counts, too coarse to see right alignment;
// -bbox gives every word's box in points.
TEST_F(LettersTest, AmountsAreRightAlignedAtTheMargin) {
  SKIP_WITHOUT("pdftotext");
  std::vector<Word> words = Words(Write(SampleLetter(), "a.pdf"));
  std::erase_if(words, [](const Word& w) { return w.page != 1; });
  // The box of the first word of `label`, and of the word `amount` nearest to it vertically
  // (pdftotext does not always list a line's words left to right).
  auto find = [&](const std::vector<std::string>& label, const std::string& amount)
      -> std::pair<Word, Word> {
    for (size_t i = 0; i + label.size() <= words.size(); ++i) {
      bool match = true;
      for (size_t k = 0; k < label.size() && match; ++k) match = words[i + k].text == label[k];
      if (!match) continue;
      const Word* nearest = nullptr;
      for (const Word& w : words) {
        if (w.text == amount && (nearest == nullptr || std::abs(w.y_max - words[i].y_max) <
                                                           std::abs(nearest->y_max - words[i].y_max))) {
          nearest = &w;
        }
      }
      if (nearest != nullptr) return {words[i], *nearest};
    }
    ADD_FAILURE() << "not found: " << label.front() << " ... " << amount;
    return {};
  };
  constexpr double kRightMargin = 595.276 - 25 * 72 / 25.4;  // A4 width minus 25 mm
  const auto [norm_label, norm] = find({"Bijstandsnorm", "gehuwden"}, "1.401,50");
  const auto [income_label, income] = find({"Inkomsten", "uit", "arbeid"}, "1.650,00");
  const auto [free_label, free] = find({"Vrijlating", "inkomsten"}, "0,00");
  const auto [total_label, total] = find({"Bijstand", "per", "maand"}, "0,00");
  for (const auto& [label, amount] : {std::pair{norm_label, norm}, std::pair{income_label, income},
                                      std::pair{free_label, free}, std::pair{total_label, total}}) {
    EXPECT_NEAR(amount.x_max, kRightMargin, 1.0) << amount.text;
    EXPECT_NEAR(amount.y_max, label.y_max, 0.5) << amount.text << " not level with " << label.text;
    EXPECT_GT(amount.x_min, label.x_max + 50) << amount.text;
  }
  EXPECT_NEAR(norm.x_max, free.x_max, 0.2);
  EXPECT_NEAR(norm.x_max, income.x_max, 0.2);
  EXPECT_NEAR(norm_label.x_min, 25 * 72 / 25.4, 0.5);  // labels start at the left margin
}

TEST_F(LettersTest, MetadataAndPageCount) {
  SKIP_WITHOUT("pdfinfo");
  const fs::path path = Write(SampleLetter(), "besluit.pdf");
  EXPECT_EQ(PdfInfo(path, "Title"), "Beëindiging van uw bijstandsuitkering");
  EXPECT_EQ(PdfInfo(path, "Author"), "Gemeente Voorbeeldstad");
  EXPECT_EQ(PdfInfo(path, "Page size"), "595.276 x 841.89 pts (A4)");
  EXPECT_EQ(PdfInfo(path, "CreationDate"), "") << "the clock leaks into the PDF";
  EXPECT_EQ(PageCount(path), 2);
}

TEST_F(LettersTest, ThirtySectionsTakeAtLeastThreePages) {
  SKIP_WITHOUT("pdfinfo");
  SKIP_WITHOUT("pdftotext");
  const fs::path path = Write(LongLetter(30), "lang.pdf");
  const int pages = PageCount(path);
  EXPECT_GE(pages, 3);
  const std::string text = PdfToText(path);
  const std::string last = "Pagina " + std::to_string(pages) + " van " + std::to_string(pages);
  EXPECT_NE(text.find(last), std::string::npos);
  EXPECT_NE(text.find("Totaal onderdeel 30"), std::string::npos);
  ExpectNothingInTheBottomMargin(path);

  // A heading never ends a page: the last body line of each page is not a heading.
  std::istringstream in(text);
  int page = 0;
  for (std::string page_text; std::getline(in, page_text, '\f');) {
    if (RightTrim(page_text).empty()) continue;
    ++page;
    std::string last_body;
    for (const std::string& raw : SplitLines(page_text)) {
      const std::string line = RightTrim(raw);
      if (line.empty() || line.find("Pagina ") != std::string::npos ||
          line.find("Bezoekadres") != std::string::npos) {
        continue;
      }
      last_body = line;
    }
    EXPECT_EQ(last_body.find("Onderdeel "), std::string::npos)
        << "page " << page << " ends with a heading: " << last_body;
  }
  EXPECT_EQ(page, pages);
}

TEST_F(LettersTest, SamePdfEveryTimeAndFromManyThreads) {
  const Letter letter = SampleLetter();
  Result<std::string> first = RenderPdf(letter);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  std::vector<std::string> outputs(6);
  std::vector<std::thread> threads;
  for (std::string& out : outputs) {
    threads.emplace_back([&letter, &out] {
      Result<std::string> pdf = RenderPdf(letter);
      out = pdf.ok() ? *pdf : pdf.status().ToString();
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& out : outputs) EXPECT_TRUE(out == *first);
}

TEST_F(LettersTest, EmptyLetterIsOnePage) {
  SKIP_WITHOUT("pdftotext");
  const std::string text = PdfToText(Write(Letter{}, "leeg.pdf"));
  EXPECT_NE(text.find("Pagina 1 van 1"), std::string::npos) << text;
}

TEST_F(LettersTest, ParagraphLongerThanAPageFlowsOn) {
  SKIP_WITHOUT("pdfinfo");
  SKIP_WITHOUT("pdftotext");
  Letter l = SampleLetter();
  std::string huge;
  for (int i = 0; i < 250; ++i) huge += "Een zin die herhaald wordt om de alinea lang te maken. ";
  huge += std::string(600, 'x');  // one word wider than the line: breaks inside the word
  l.sections = {Section{"Lang", {huge}, {}}};
  const fs::path path = Write(l, "lang.pdf");
  EXPECT_GE(PageCount(path), 3);
  ExpectNothingInTheBottomMargin(path);
}

// Lines that are kept together (a heading with what follows) but are longer than a page still
// break at the bottom margin instead of running off the page.
TEST_F(LettersTest, KeptTogetherButLongerThanAPageStillBreaks) {
  SKIP_WITHOUT("pdftotext");
  Letter l = SampleLetter();
  std::string heading;
  for (int i = 0; i < 120; ++i) heading += "Een kop die niet ophoudt. ";
  l.sections[1].heading = heading;
  const fs::path path = Write(l, "kop.pdf");
  ExpectNothingInTheBottomMargin(path);
  EXPECT_GE(PageCount(path), 3);
}

TEST_F(LettersTest, InvalidUtf8IsRefusedWithItsField) {
  Letter l = SampleLetter();
  l.sections[1].paragraphs[0] = "caf\xe9";  // Latin-1, not UTF-8
  Result<std::string> pdf = RenderPdf(l);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(pdf.error().field(), "sections[1].paragraphs[0]");

  Letter nul = SampleLetter();
  nul.sections[0].amounts[2].amount = std::string("€ 1\0", 6);
  Result<std::string> bad = RenderPdf(nul);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field(), "sections[0].amounts[2].amount");
}

// "€ 12,34" is one unit in running text: at whatever place the line ends, the euro sign is never
// left behind at the end of a line with its amount on the next.
TEST_F(LettersTest, TheEuroSignStaysWithItsAmount) {
  SKIP_WITHOUT("pdftotext");
  Letter letter;
  letter.sender = "Gemeente Demodorp (fictief)";
  Section section;
  std::string prefix;
  for (int k = 0; k < 60; ++k) {  // the sign lands at every place along a line
    section.paragraphs.push_back(prefix + "€ 12,34 eind.");
    prefix += "x ";
  }
  letter.sections.push_back(section);
  const std::vector<Word> words = Words(Write(letter, "euro.pdf"));
  int signs = 0;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i].text != "€") continue;
    ++signs;
    EXPECT_EQ(words[i + 1].text, "12,34");
    EXPECT_NEAR(words[i + 1].y_min, words[i].y_min, 0.5) << "paragraph " << signs << ": the amount went to the next line";
  }
  EXPECT_EQ(signs, 60);
}

TEST_F(LettersTest, TableRowTallerThanAPageIsRefused) {
  Letter l = SampleLetter();
  std::string label;
  for (int i = 0; i < 800; ++i) label += "zeer lange omschrijving ";
  l.sections[0].amounts[1].label = label;
  Result<std::string> pdf = RenderPdf(l);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(pdf.error().field(), "sections[0].amounts[1]");
}

TEST_F(LettersTest, WriteReplacesAtomicallyAndLeavesNoTemporaryFile) {
  const fs::path path = dir_ / "besluit.pdf";
  { std::ofstream(path) << "oud"; }
  ASSERT_TRUE(WritePdfFile(SampleLetter(), path).ok());
  std::ifstream in(path, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir_)) files.push_back(entry.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0], path);
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(LettersTest, WriteFailureIsAnIoErrorAndLeavesNothing) {
  const Status s = WritePdfFile(SampleLetter(), dir_ / "bestaat-niet" / "besluit.pdf");
  EXPECT_EQ(s.code(), ErrorCode::kIo) << s.ToString();
  EXPECT_TRUE(fs::is_empty(dir_));

  Letter bad = SampleLetter();
  bad.subject = "\xff";
  const Status invalid = WritePdfFile(bad, dir_ / "besluit.pdf");
  EXPECT_EQ(invalid.code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(fs::is_empty(dir_));
}

}  // namespace
}  // namespace nabij::letters
