// Letter: the content of one letter to a citizen, independent of any domain.
//
// A Letter is plain text in UTF-8, already worded and formatted by whoever composes it (a decision
// letter, a payment specification, a reminder): amounts arrive as finished strings ("€ 1.401,50",
// see FormatEuro in base/money.h) so that the letter shows exactly the figure the engine computed,
// and this module never formats or computes money. Empty fields are left out of the page.
// A '\n' inside a field starts a new line within that field. The renderer is in
// letters/pdf_renderer.h. Letter is a value type: copyable, no shared state.
#pragma once

#include <string>
#include <vector>

namespace nabij::letters {

// One row of an amount table: label left, amount right-aligned, legal article in small grey text
// under the label. `emphasis` marks a total (bold, with a rule above).
struct AmountLine {
  std::string label;
  std::string amount;   // already formatted, e.g. "€ 1.401,50"
  std::string article;  // e.g. "Pw art. 21 sub b"; may be empty
  bool emphasis = false;
};

// A part of the body: an optional bold heading, paragraphs, then an optional amount table.
struct Section {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<AmountLine> amounts;
};

struct Letter {
  std::string sender;                          // the municipality, e.g. "Gemeente Utrecht"
  std::vector<std::string> sender_address;     // postal address, phone, website; top right
  std::vector<std::string> recipient_address;  // in the window of a window envelope
  std::string place_and_date;                  // "Utrecht, 12 maart 2026"
  std::string reference;                       // kenmerk
  std::string subject;                         // onderwerp; also the PDF title
  std::string salutation;                      // "Geachte heer De Vries,"
  std::vector<Section> sections;
  std::string closing;    // "Met vriendelijke groet,"
  std::string signature;  // name and function, e.g. "J. Jansen\nklantmanager inkomen"
  std::string footer;     // small print on every page, left of the page number
};

}  // namespace nabij::letters
