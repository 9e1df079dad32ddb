// libFuzzer target: the debt fund's exchange files (claims, answers, signals). Any input must give
// rows or a Status listing the problems, never a crash, a sanitizer report or a hang; an accepted
// claims file writes back as an offers-shaped file without trouble.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "debt/exchange.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto claims = nabij::debt::ParseClaimsCsv(text);
  if (claims.ok()) {
    std::vector<nabij::debt::OutgoingClaim> out;
    for (const auto& row : *claims) out.push_back({row.dossier_id, &row.claim});
    (void)nabij::debt::BalanceRequestsCsv(out, nabij::Date::Of(2026, 1, 1));
  }
  (void)nabij::debt::ParseAnswersCsv(text);
  (void)nabij::debt::ParseSignalsCsv(text);
  return 0;
}
