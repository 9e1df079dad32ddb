// The cairo + Pango adapter: the only file of nabij that includes their headers.
//
// RenderPdf works in two steps. First every piece of the letter is laid out with Pango and cut
// into Items (a line of a paragraph, a table row, the head of page 1) whose heights are measured
// before anything is drawn; Paginate then places the Items on pages. Only when the number of pages
// is known is anything drawn, so the footer can say "Pagina n van N".
//
// Units: cairo's PDF user space is in points (1/72 inch), and the Pango context is set to 72 dpi,
// so a font size in points and a Pango extent in pixels are both points here.
#include "letters/pdf_renderer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fcntl.h>
#include <pango/pangocairo.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <functional>
#include <memory>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

// fontconfig 2.14 (Debian 12) loses 288 bytes once while parsing its XML configuration, the
// first time any font is looked up; it does not grow with the number of letters. The hook tells
// LeakSanitizer (debug preset) to ignore leaks whose stack is inside libfontconfig; it lives here
// so that every program that renders letters has it. Without ASan it is never called.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace nabij::letters {
namespace {

// --- page geometry (points) ------------------------------------------------------------------

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double Mm(double mm) { return mm * kPointsPerMm; }

constexpr double kPageWidth = Mm(210);  // A4 portrait
constexpr double kPageHeight = Mm(297);
constexpr double kMargin = Mm(25);
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBodyTop = kMargin;
// Page 1: the sender's address column on the right.
constexpr double kSenderColumnWidth = Mm(55);
// The address window of the usual Dutch window envelopes (EA5/6, C5) begins about 50 mm from the
// top and 20-25 mm from the left of the folded sheet, and is about 90 x 45 mm.
constexpr double kRecipientTop = Mm(50);
constexpr double kRecipientWidth = Mm(85);
// Date, kenmerk and onderwerp begin below the window.
constexpr double kMetaTop = Mm(100);
constexpr double kMetaLabelWidth = Mm(30);
// Pages after the first carry a one-line reminder of sender and kenmerk in the top margin.
constexpr double kContinuationHeaderTop = Mm(14);
// The footer ends this far above the bottom edge; the body ends at the bottom margin or, if the
// footer is tall, kFooterGap above the footer.
constexpr double kFooterBottom = Mm(12);
constexpr double kFooterGap = Mm(4);
constexpr double kPageNumberWidth = Mm(38);
// Amount tables: the amount column is at least this wide, with a gap to the label column.
constexpr double kAmountColumnMinWidth = Mm(30);
constexpr double kAmountColumnGap = Mm(6);

// Vertical spacing between blocks; dropped at the top of a page.
constexpr double kSpaceBeforeSalutation = Mm(10);
constexpr double kSpaceBeforeHeading = Mm(5);
constexpr double kSpaceAfterHeading = Mm(1.5);
constexpr double kSpaceBetweenParagraphs = Mm(2.5);
constexpr double kSpaceBeforeTable = Mm(3);
constexpr double kSpaceBetweenRows = Mm(1.2);
constexpr double kSpaceBeforeTotal = Mm(2);
constexpr double kSpaceBeforeClosing = Mm(6);
constexpr double kSpaceForSignature = Mm(12);  // room for a handwritten signature

// --- typography ---------------------------------------------------------------------------

constexpr const char* kFontFamily = "DejaVu Sans";  // Debian fonts-dejavu-core; has €, „ and ë
constexpr double kBodySize = 10.5;
constexpr double kHeadingSize = 11;
constexpr double kSenderSize = 16;
constexpr double kSmallSize = 8.5;   // sender address, meta labels, articles
constexpr double kFooterSize = 7.5;  // footer, page numbers, continuation header
constexpr double kBodyLineSpacing = 1.25;  // baseline distance as a factor of the font height
constexpr double kRuleWidth = 0.5;

struct Color {
  double r, g, b;
};
constexpr Color kText{0.10, 0.10, 0.10};
constexpr Color kGrey{0.40, 0.40, 0.40};
constexpr Color kRule{0.65, 0.65, 0.65};
constexpr Color kAccent{0.05, 0.22, 0.42};  // the sender's name

// --- RAII for the C objects -----------------------------------------------------------------

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct FontDescriptionFree {
  void operator()(PangoFontDescription* p) const { pango_font_description_free(p); }
};
using FontDescription = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;

struct LayoutIterFree {
  void operator()(PangoLayoutIter* p) const { pango_layout_iter_free(p); }
};

struct SurfaceDestroy {
  void operator()(cairo_surface_t* p) const { cairo_surface_destroy(p); }
};
struct CairoDestroy {
  void operator()(cairo_t* p) const { cairo_destroy(p); }
};

constexpr double FromPango(int units) { return static_cast<double>(units) / PANGO_SCALE; }
int ToPango(double points) { return static_cast<int>(points * PANGO_SCALE); }

Status CairoError(cairo_status_t status, std::string_view where) {
  return Status(ErrorCode::kInternal,
                "cairo failed " + std::string(where) + ": " + cairo_status_to_string(status));
}

// cairo's write callback: appends to a std::string. An exception must not cross cairo's C frames.
cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

// --- input checks ---------------------------------------------------------------------------

Status CheckText(std::string_view text, const std::string& field) {
  if (text.size() > static_cast<size_t>(INT_MAX)) {
    return InvalidArgument("text is too long for a letter", field);
  }
  // g_utf8_validate with a length treats an embedded NUL as invalid, which is what we want.
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    return InvalidArgument("text is not valid UTF-8", field);
  }
  return Status::Ok();
}

Status CheckLines(const std::vector<std::string>& lines, const std::string& field) {
  for (size_t i = 0; i < lines.size(); ++i) {
    NABIJ_RETURN_IF_ERROR(CheckText(lines[i], field + "[" + std::to_string(i) + "]"));
  }
  return Status::Ok();
}

Status CheckLetter(const Letter& l) {
  NABIJ_RETURN_IF_ERROR(CheckText(l.sender, "sender"));
  NABIJ_RETURN_IF_ERROR(CheckLines(l.sender_address, "sender_address"));
  NABIJ_RETURN_IF_ERROR(CheckLines(l.recipient_address, "recipient_address"));
  NABIJ_RETURN_IF_ERROR(CheckText(l.place_and_date, "place_and_date"));
  NABIJ_RETURN_IF_ERROR(CheckText(l.reference, "reference"));
  NABIJ_RETURN_IF_ERROR(CheckText(l.subject, "subject"));
  NABIJ_RETURN_IF_ERROR(CheckText(l.salutation, "salutation"));
  for (size_t s = 0; s < l.sections.size(); ++s) {
    const Section& section = l.sections[s];
    const std::string prefix = "sections[" + std::to_string(s) + "]";
    NABIJ_RETURN_IF_ERROR(CheckText(section.heading, prefix + ".heading"));
    NABIJ_RETURN_IF_ERROR(CheckLines(section.paragraphs, prefix + ".paragraphs"));
    for (size_t a = 0; a < section.amounts.size(); ++a) {
      const AmountLine& line = section.amounts[a];
      const std::string row = prefix + ".amounts[" + std::to_string(a) + "]";
      NABIJ_RETURN_IF_ERROR(CheckText(line.label, row + ".label"));
      NABIJ_RETURN_IF_ERROR(CheckText(line.amount, row + ".amount"));
      NABIJ_RETURN_IF_ERROR(CheckText(line.article, row + ".article"));
    }
  }
  NABIJ_RETURN_IF_ERROR(CheckText(l.closing, "closing"));
  NABIJ_RETURN_IF_ERROR(CheckText(l.signature, "signature"));
  NABIJ_RETURN_IF_ERROR(CheckText(l.footer, "footer"));
  return Status::Ok();
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

// --- layout ---------------------------------------------------------------------------------

// A piece of the letter that is placed on a page as a whole. `draw` gets the top of the item.
struct Item {
  double height = 0;
  double space_before = 0;      // not applied at the top of a page
  bool keep_with_next = false;  // do not break the page between this item and the next
  std::string field;            // what the item shows, for an error when it cannot fit a page
  std::function<void(cairo_t*, double top)> draw;
};

struct Placement {
  const Item* item;
  double top;
};
using Page = std::vector<Placement>;

// Greedy page filling that honours keep_with_next: a chain of kept items moves to the next page
// as a whole when it does not fit, unless it is taller than a page, in which case it breaks
// wherever it must. Returns kInvalidArgument if a single item is taller than a page.
Result<std::vector<Page>> Paginate(const std::vector<Item>& items, double body_top,
                                   double body_bottom) {
  const double body_height = body_bottom - body_top;
  for (const Item& item : items) {
    if (item.height > body_height) {
      return InvalidArgument("this text is too long to fit on one page", item.field);
    }
  }
  std::vector<Page> pages(1);
  double y = body_top;
  auto place = [&](const Item& item) {
    const double top = pages.back().empty() ? body_top : y + item.space_before;
    pages.back().push_back({&item, top});
    y = top + item.height;
  };
  auto new_page = [&] {
    pages.emplace_back();
    y = body_top;
  };
  auto fits = [&](const Item& item) {
    const double top = pages.back().empty() ? body_top : y + item.space_before;
    return top + item.height <= body_bottom;
  };

  size_t i = 0;
  while (i < items.size()) {
    size_t end = i + 1;  // the chain is [i, end)
    while (end < items.size() && items[end - 1].keep_with_next) ++end;
    // Height of the chain from the current position, and on an empty page.
    double chain = 0;
    for (size_t k = i; k < end; ++k) chain += items[k].height + (k == i ? 0 : items[k].space_before);
    const double here = (pages.back().empty() ? body_top : y + items[i].space_before) + chain;
    if (here > body_bottom && !pages.back().empty() && chain <= body_height) new_page();
    for (size_t k = i; k < end; ++k) {
      if (!fits(items[k]) && !pages.back().empty()) new_page();
      place(items[k]);
    }
    i = end;
  }
  return pages;
}

struct LineMetrics {
  int index;
  double x;         // left of the line within the layout
  double height;    // distance to the next line's top (the last line: its own height)
  double baseline;  // from the line's top
};

class Renderer {
 public:
  Renderer(PangoContext* context, cairo_t* cr) : context_(context), cr_(cr) {}

  Result<std::vector<Item>> Build(const Letter& letter);
  void DrawPage(const Page& page, int number, int count);
  double body_bottom() const { return body_bottom_; }

 private:
  FontDescription Font(double size, bool bold) const;
  PangoLayout* MakeLayout(std::string_view text, double size, bool bold, double width,
                          PangoAlignment align = PANGO_ALIGN_LEFT, double line_spacing = 0);
  static double Height(PangoLayout* layout);
  static double Width(PangoLayout* layout);
  static double Baseline(PangoLayout* layout) { return FromPango(pango_layout_get_baseline(layout)); }
  static std::vector<LineMetrics> Lines(PangoLayout* layout);
  static void Show(cairo_t* cr, PangoLayout* layout, double x, double y, Color c);

  void AddHead(const Letter& letter);
  // One Item per line. `keep_all` keeps every line with the next item (headings, closing).
  void AddParagraph(std::string_view text, double size, bool bold, double space_before,
                    bool keep_all, const std::string& field);
  void AddTable(const std::vector<AmountLine>& rows, const std::string& field);
  void PrepareFooter(const Letter& letter);

  PangoContext* context_;
  cairo_t* cr_;  // for measuring only; DrawPage gets the same one
  std::vector<GPtr<PangoLayout>> layouts_;  // owned here; Items point into them
  std::vector<Item> items_;
  PangoLayout* continuation_header_ = nullptr;
  PangoLayout* footer_ = nullptr;
  double footer_top_ = 0;
  double body_bottom_ = 0;
};

FontDescription Renderer::Font(double size, bool bold) const {
  FontDescription font(pango_font_description_new());
  pango_font_description_set_family(font.get(), kFontFamily);
  pango_font_description_set_size(font.get(), ToPango(size));
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return font;
}

PangoLayout* Renderer::MakeLayout(std::string_view text, double size, bool bold, double width,
                                  PangoAlignment align, double line_spacing) {
  PangoLayout* layout = pango_layout_new(context_);
  layouts_.emplace_back(layout);
  FontDescription font = Font(size, bold);
  pango_layout_set_font_description(layout, font.get());
  pango_layout_set_width(layout, ToPango(width));
  // Words break between words; a word longer than the line (an IBAN, a URL) breaks anywhere.
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, align);
  pango_layout_set_line_spacing(layout, static_cast<float>(line_spacing));
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));  // checked <= INT_MAX
  return layout;
}

double Renderer::Height(PangoLayout* layout) {
  int width = 0, height = 0;
  pango_layout_get_pixel_size(layout, &width, &height);
  return height;
}

double Renderer::Width(PangoLayout* layout) {
  int width = 0, height = 0;
  pango_layout_get_pixel_size(layout, &width, &height);
  return width;
}

std::vector<LineMetrics> Renderer::Lines(PangoLayout* layout) {
  std::vector<LineMetrics> lines;
  std::unique_ptr<PangoLayoutIter, LayoutIterFree> iter(pango_layout_get_iter(layout));
  std::vector<int> tops;
  int index = 0;
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter.get(), nullptr, &logical);
    const int baseline = pango_layout_iter_get_baseline(iter.get());
    lines.push_back({index++, FromPango(logical.x), FromPango(logical.height),
                     FromPango(baseline - logical.y)});
    tops.push_back(logical.y);
  } while (pango_layout_iter_next_line(iter.get()));
  for (size_t i = 0; i + 1 < lines.size(); ++i) lines[i].height = FromPango(tops[i + 1] - tops[i]);
  return lines;
}

void Renderer::Show(cairo_t* cr, PangoLayout* layout, double x, double y, Color c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

void DrawRule(cairo_t* cr, double x0, double x1, double y) {
  cairo_set_source_rgb(cr, kRule.r, kRule.g, kRule.b);
  cairo_set_line_width(cr, kRuleWidth);
  cairo_move_to(cr, x0, y);
  cairo_line_to(cr, x1, y);
  cairo_stroke(cr);
}

// Page 1 above the salutation, drawn as one Item at fixed places on the sheet.
void Renderer::AddHead(const Letter& letter) {
  struct Row {
    PangoLayout* label;
    PangoLayout* value;
    double label_offset;  // puts the label's baseline on the value's first baseline
    double top;
  };
  PangoLayout* sender = nullptr;
  PangoLayout* sender_address = nullptr;
  PangoLayout* recipient = nullptr;
  std::vector<Row> rows;

  const double name_width = kContentWidth - kSenderColumnWidth - kAmountColumnGap;
  double bottom = kBodyTop;
  if (!letter.sender.empty()) {
    sender = MakeLayout(letter.sender, kSenderSize, true, name_width);
    bottom = std::max(bottom, kBodyTop + Height(sender));
  }
  double right_column_bottom = kBodyTop;
  if (!letter.sender_address.empty()) {
    sender_address = MakeLayout(JoinLines(letter.sender_address), kSmallSize, false,
                                kSenderColumnWidth, PANGO_ALIGN_LEFT, kBodyLineSpacing);
    right_column_bottom = kBodyTop + Height(sender_address);
  }
  double recipient_top = std::max(kRecipientTop, bottom + Mm(8));
  if (!letter.recipient_address.empty()) {
    recipient = MakeLayout(JoinLines(letter.recipient_address), kBodySize, false, kRecipientWidth);
    bottom = recipient_top + Height(recipient);
  }
  bottom = std::max(bottom, right_column_bottom);

  double y = std::max(kMetaTop, bottom + Mm(10));
  const std::pair<const char*, const std::string*> meta[] = {
      {"Datum", &letter.place_and_date},
      {"Ons kenmerk", &letter.reference},
      {"Onderwerp", &letter.subject},
  };
  for (const auto& [label_text, value_text] : meta) {
    if (value_text->empty()) continue;
    PangoLayout* label = MakeLayout(label_text, kSmallSize, false, kMetaLabelWidth);
    PangoLayout* value = MakeLayout(*value_text, kBodySize, false, kContentWidth - kMetaLabelWidth);
    rows.push_back({label, value, Baseline(value) - Baseline(label), y});
    y += Height(value) + Mm(1.5);
    bottom = y;
  }

  Item head;
  head.field = letter.sender_address.size() > letter.recipient_address.size() ? "sender_address"
                                                                               : "recipient_address";
  head.height = bottom - kBodyTop;
  head.draw = [=](cairo_t* cr, double top) {
    const double shift = top - kBodyTop;  // 0: the head is always the first item of page 1
    if (sender) Show(cr, sender, kMargin, kBodyTop + shift, kAccent);
    if (sender_address) {
      Show(cr, sender_address, kPageWidth - kMargin - kSenderColumnWidth, kBodyTop + shift, kGrey);
    }
    if (recipient) Show(cr, recipient, kMargin, recipient_top + shift, kText);
    for (const Row& row : rows) {
      Show(cr, row.label, kMargin, row.top + row.label_offset + shift, kGrey);
      Show(cr, row.value, kMargin + kMetaLabelWidth, row.top + shift, kText);
    }
  };
  items_.push_back(std::move(head));
}

void Renderer::AddParagraph(std::string_view text, double size, bool bold, double space_before,
                            bool keep_all, const std::string& field) {
  if (text.empty()) return;
  // A euro sign never ends a line apart from its amount: the space after it does not break.
  std::string kept(text);
  constexpr std::string_view kEuroSpace = "\u20ac ", kEuroNoBreak = "\u20ac\u00a0";
  for (size_t at = kept.find(kEuroSpace); at != std::string::npos; at = kept.find(kEuroSpace, at)) {
    kept.replace(at, kEuroSpace.size(), kEuroNoBreak);
  }
  PangoLayout* layout =
      MakeLayout(kept, size, bold, kContentWidth, PANGO_ALIGN_LEFT, kBodyLineSpacing);
  const std::vector<LineMetrics> lines = Lines(layout);
  const size_t n = lines.size();
  for (size_t i = 0; i < n; ++i) {
    const LineMetrics line = lines[i];
    Item item;
    item.height = line.height;
    item.space_before = i == 0 ? space_before : 0;
    // No first line alone at the bottom of a page and no last line alone at the top of one.
    item.keep_with_next = keep_all || (n >= 2 && (i == 0 || i == n - 2));
    item.field = field;
    item.draw = [layout, line](cairo_t* cr, double top) {
      cairo_set_source_rgb(cr, kText.r, kText.g, kText.b);
      cairo_move_to(cr, kMargin + line.x, top + line.baseline);
      pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(layout, line.index));
    };
    items_.push_back(std::move(item));
  }
}

void Renderer::AddTable(const std::vector<AmountLine>& rows, const std::string& field) {
  struct Cells {
    PangoLayout* label = nullptr;
    PangoLayout* article = nullptr;
    PangoLayout* amount = nullptr;
  };
  // The amount column is as wide as the widest amount, so all amounts end at the right margin.
  double amount_width = kAmountColumnMinWidth;
  std::vector<Cells> cells(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    cells[r].amount = MakeLayout(rows[r].amount, kBodySize, rows[r].emphasis, kContentWidth / 2,
                                 PANGO_ALIGN_RIGHT);
    amount_width = std::max(amount_width, Width(cells[r].amount));
  }
  const double label_width = kContentWidth - amount_width - kAmountColumnGap;
  const double amount_x = kPageWidth - kMargin - amount_width;
  for (size_t r = 0; r < rows.size(); ++r) {
    const AmountLine& row = rows[r];
    Cells c = cells[r];
    pango_layout_set_width(c.amount, ToPango(amount_width));
    c.label = MakeLayout(row.label, kBodySize, row.emphasis, label_width);
    double left_height = Height(c.label);
    const double label_height = left_height;
    if (!row.article.empty()) {
      c.article = MakeLayout(row.article, kSmallSize, false, label_width);
      left_height += Height(c.article);
    }
    Item item;
    item.height = std::max(left_height, Height(c.amount));
    item.space_before = r == 0 ? kSpaceBeforeTable
                               : (row.emphasis ? kSpaceBeforeTotal : kSpaceBetweenRows);
    // Keep the first two rows together, and the last two (a total with what it totals).
    item.keep_with_next = rows.size() >= 2 && (r == 0 || r == rows.size() - 2);
    item.field = field + ".amounts[" + std::to_string(r) + "]";
    const bool rule = row.emphasis && r > 0;
    item.draw = [c, amount_x, label_height, rule](cairo_t* cr, double top) {
      if (rule) DrawRule(cr, kMargin, kPageWidth - kMargin, top - kSpaceBeforeTotal / 2);
      Show(cr, c.label, kMargin, top, kText);
      if (c.article) Show(cr, c.article, kMargin, top + label_height, kGrey);
      Show(cr, c.amount, amount_x, top, kText);
    };
    items_.push_back(std::move(item));
  }
}

void Renderer::PrepareFooter(const Letter& letter) {
  const double text_width = kContentWidth - kPageNumberWidth - kAmountColumnGap;
  footer_ = MakeLayout(letter.footer.empty() ? std::string_view(" ") : letter.footer, kFooterSize,
                       false, text_width);
  footer_top_ = kPageHeight - kFooterBottom - Height(footer_);
  body_bottom_ = std::min(kPageHeight - kMargin, footer_top_ - kFooterGap);

  std::string header = letter.sender;
  if (!letter.reference.empty()) {
    if (!header.empty()) header += "  \u00b7  ";
    header += "Ons kenmerk " + letter.reference;
  }
  if (!header.empty()) continuation_header_ = MakeLayout(header, kFooterSize, false, kContentWidth);
}

Result<std::vector<Item>> Renderer::Build(const Letter& letter) {
  PrepareFooter(letter);
  AddHead(letter);
  AddParagraph(letter.salutation, kBodySize, false, kSpaceBeforeSalutation, true, "salutation");
  for (size_t s = 0; s < letter.sections.size(); ++s) {
    const Section& section = letter.sections[s];
    const std::string field = "sections[" + std::to_string(s) + "]";
    double space = kSpaceBeforeHeading;
    if (!section.heading.empty()) {
      AddParagraph(section.heading, kHeadingSize, true, space, true, field + ".heading");
      space = kSpaceAfterHeading;
    }
    for (size_t p = 0; p < section.paragraphs.size(); ++p) {
      AddParagraph(section.paragraphs[p], kBodySize, false, space, false,
                   field + ".paragraphs[" + std::to_string(p) + "]");
      space = kSpaceBetweenParagraphs;
    }
    if (!section.amounts.empty()) AddTable(section.amounts, field);
  }
  AddParagraph(letter.closing, kBodySize, false, kSpaceBeforeClosing, true, "closing");
  const size_t signature_start = items_.size();
  AddParagraph(letter.signature, kBodySize, false, kSpaceForSignature, false, "signature");
  if (letter.closing.empty() && signature_start < items_.size()) {
    items_[signature_start].space_before = kSpaceBeforeClosing;
  }
  return std::move(items_);
}

void Renderer::DrawPage(const Page& page, int number, int count) {
  if (number > 1 && continuation_header_) {
    Show(cr_, continuation_header_, kMargin, kContinuationHeaderTop, kGrey);
  }
  for (const Placement& p : page) p.item->draw(cr_, p.top);

  DrawRule(cr_, kMargin, kPageWidth - kMargin, footer_top_ - kFooterGap / 2);
  Show(cr_, footer_, kMargin, footer_top_, kGrey);
  const std::string page_text =
      "Pagina " + std::to_string(number) + " van " + std::to_string(count);
  PangoLayout* page_number =
      MakeLayout(page_text, kFooterSize, false, kPageNumberWidth, PANGO_ALIGN_RIGHT);
  Show(cr_, page_number, kPageWidth - kMargin - kPageNumberWidth, footer_top_, kGrey);
}

// Fails when fontconfig would substitute another family: the letter would then look different
// and might lack glyphs such as €.
Status CheckFont(PangoFontMap* font_map, PangoContext* context) {
  FontDescription wanted(pango_font_description_new());
  pango_font_description_set_family(wanted.get(), kFontFamily);
  pango_font_description_set_size(wanted.get(), ToPango(kBodySize));
  GPtr<PangoFont> font(pango_font_map_load_font(font_map, context, wanted.get()));
  if (!font) {
    return Status(ErrorCode::kFailedPrecondition,
                  "no font found; install fonts-dejavu-core (DejaVu Sans)");
  }
  FontDescription got(pango_font_describe(font.get()));
  const char* family = pango_font_description_get_family(got.get());
  if (family == nullptr || g_ascii_strcasecmp(family, kFontFamily) != 0) {
    return Status(ErrorCode::kFailedPrecondition,
                  std::string("font DejaVu Sans is not installed (got ") +
                      (family ? family : "none") + "); install fonts-dejavu-core");
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> RenderPdf(const Letter& letter) {
  NABIJ_RETURN_IF_ERROR(CheckLetter(letter));

  std::string pdf;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(AppendToString, &pdf, kPageWidth, kPageHeight));
  if (cairo_status_t s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) {
    return CairoError(s, "creating the PDF surface");
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, letter.subject.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, letter.sender.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "nabij");
  // cairo stamps the clock time as /CreationDate unless told otherwise; a date that is not ISO 8601
  // (the empty string) leaves it out, so the same letter gives the same bytes. The letter's own
  // date is in its text, and the file's time is the file system's business.
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, "");
  std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
  if (cairo_status_t s = cairo_status(cr.get()); s != CAIRO_STATUS_SUCCESS) {
    return CairoError(s, "creating the drawing context");
  }

  // A font map of our own per call: nothing shared with other threads (see pdf_renderer.h).
  GPtr<PangoFontMap> font_map(pango_cairo_font_map_new());
  GPtr<PangoContext> context(pango_font_map_create_context(font_map.get()));
  pango_cairo_context_set_resolution(context.get(), 72.0);  // 1 Pango pixel = 1 point
  pango_cairo_update_context(cr.get(), context.get());       // the PDF surface's font options
  pango_context_set_round_glyph_positions(context.get(), FALSE);  // exact advances in a PDF
  pango_context_set_language(context.get(), pango_language_from_string("nl-NL"));
  NABIJ_RETURN_IF_ERROR(CheckFont(font_map.get(), context.get()));

  Renderer renderer(context.get(), cr.get());
  NABIJ_ASSIGN_OR_RETURN(std::vector<Item> items, renderer.Build(letter));
  NABIJ_ASSIGN_OR_RETURN(std::vector<Page> pages,
                         Paginate(items, kBodyTop, renderer.body_bottom()));
  const int count = static_cast<int>(pages.size());
  for (int p = 0; p < count; ++p) {
    renderer.DrawPage(pages[static_cast<size_t>(p)], p + 1, count);
    cairo_show_page(cr.get());
    if (cairo_status_t s = cairo_status(cr.get()); s != CAIRO_STATUS_SUCCESS) {
      return CairoError(s, "drawing page " + std::to_string(p + 1));
    }
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_status_t s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) {
    return CairoError(s, "writing the PDF");
  }
  return pdf;
}

Status WritePdfFile(const Letter& letter, const std::filesystem::path& path) {
  if (!path.has_filename()) return InvalidArgument("path names no file", path.string());
  NABIJ_ASSIGN_OR_RETURN(std::string pdf, RenderPdf(letter));

  auto io_error = [&](std::string what, int err) {
    return Status(ErrorCode::kIo,
                  what + ": " + std::error_code(err, std::generic_category()).message(),
                  path.string());
  };
  // A hidden temporary file in the target directory, so the rename cannot cross file systems.
  std::string temp = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());  // mode 0600
  if (fd < 0) return io_error("cannot create a temporary file beside the letter", errno);

  size_t written = 0;
  while (written < pdf.size()) {
    const ssize_t n = ::write(fd, pdf.data() + written, pdf.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return io_error("cannot write the letter", err);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return io_error("cannot flush the letter to disk", err);
  }
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return io_error("cannot close the letter", err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return io_error("cannot move the letter into place", err);
  }
  return Status::Ok();
}

}  // namespace nabij::letters
