// RenderPdf: a Letter as an A4 PDF, through cairo and Pango (the one adapter for both).
//
// Layout: A4 portrait, 25 mm margins, DejaVu Sans 10.5 pt (Debian: fonts-dejavu-core). Page 1
// has the sender top left with its address in a column on the right, the recipient address where
// the window of a Dutch window envelope is (50 mm from the top), then date, kenmerk and onderwerp.
// Section headings are bold; an amount table has the label left, the amount right-aligned in its
// own column and the article in small grey text under the label. Blocks are measured before they
// are drawn and flow onto a new page when they would cross the bottom margin: a paragraph breaks
// between lines (never leaving a single line alone when it can be helped), a table between rows,
// and a heading stays with what follows it. Every page ends with the footer text and
// "Pagina n van N"; pages after the first repeat sender and kenmerk at the top. The PDF title is the
// subject. The same Letter gives the same bytes.
//
// Thread-safety: RenderPdf and WritePdfFile may be called from many threads at once. Each call
// creates its own PangoFontMap, PangoContext and cairo surface and shares no mutable state with
// other calls; what is shared underneath is fontconfig's configuration and cairo's font cache,
// both of which guard themselves with locks. No mutex in nabij serialises rendering. The price is
// that each call loads its fonts afresh; a two-page letter takes about 10 ms all told. Cache a
// font map per thread if letters ever become a hot path.
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"
#include "letters/letter.h"

namespace nabij::letters {

// The PDF bytes ("%PDF-1.5 ..."). Returns kInvalidArgument (with the field) if a text is not valid
// UTF-8, kFailedPrecondition if the font DejaVu Sans is not installed, and kInternal with cairo's
// own message if cairo fails.
Result<std::string> RenderPdf(const Letter& letter);

// Renders `letter` and writes it to `path` through a temporary file in the same directory that is
// renamed over `path` only when it is complete and flushed to disk, so a reader never sees half a
// letter and a failure leaves no file behind. The file is readable by its owner only (0600): a
// letter holds personal data. Returns RenderPdf's errors, or kIo when writing fails.
Status WritePdfFile(const Letter& letter, const std::filesystem::path& path);

}  // namespace nabij::letters
