#include "pw/explain.h"

#include <algorithm>

namespace nabij::pw {
namespace {

// Pads `s` with spaces to `width` display columns (UTF-8 aware: counts code points).
std::string Pad(const std::string& s, size_t width) {
  size_t cols = static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  return cols >= width ? s + " " : s + std::string(width - cols, ' ');
}

std::string PadLeft(const std::string& s, size_t width) {
  size_t cols = static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  return cols >= width ? s : std::string(width - cols, ' ') + s;
}

constexpr size_t kLabelWidth = 62;
constexpr size_t kAmountWidth = 14;

}  // namespace

std::string FormatDecisionText(const Decision& d, const Params& p, const rules::Trace& trace) {
  std::string out;
  out += "Berekening bijstand voor " + p.month.ToString();
  if (!p.gemeente.empty()) out += ", gemeente " + p.gemeente;
  out += "\nRegels voor inkomsten uit arbeid: ";
  out += d.in_balans ? "Participatiewet in balans (art. 34a)\n" : "Participatiewet art. 31 lid 2\n\n";
  if (d.in_balans) out += "\n";
  for (const rules::TraceStep& s : trace.steps()) {
    bool has_amount = s.amount.cents() != 0 || !s.param_value.empty() || s.rule_id.rfind("pw.bijstand", 0) == 0;
    out += Pad(s.label, kLabelWidth);
    out += has_amount ? PadLeft(FormatEuro(s.amount), kAmountWidth) : std::string(kAmountWidth, ' ');
    out += "   " + s.legal_ref + "\n";
    std::string detail = s.detail;
    if (!s.param_value.empty() && s.effective) {
      if (!detail.empty()) detail += "; ";
      detail += "waarde " + s.param_value + " sinds " + s.effective->ToString();
    }
    if (!detail.empty()) out += "    " + detail + "\n";
  }
  out += "\n" + Pad("Bijstand per maand (inclusief vakantietoeslag)", kLabelWidth) +
         PadLeft(FormatEuro(d.bijstand), kAmountWidth) + "\n";
  out += Pad("  waarvan vakantietoeslag", kLabelWidth) + PadLeft(FormatEuro(d.vakantietoeslag), kAmountWidth) + "\n";
  out += Pad("  uit te betalen per maand", kLabelWidth) + PadLeft(FormatEuro(d.bijstand_excl_vt), kAmountWidth) + "\n";
  if (d.vermogen_boven_grens) out += "\nGeen recht op bijstand: het vermogen is hoger dan de vermogensgrens (Pw art. 34).\n";
  return out;
}

}  // namespace nabij::pw
