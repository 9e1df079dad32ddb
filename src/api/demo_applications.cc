#include "api/demo_applications.h"

#include <nlohmann/json.hpp>

#include <random>

#include "payments/demo_data.h"

namespace nabij::api {
namespace {

using json = nlohmann::ordered_json;

enum class Shape { kPlain, kLodger, kAssets, kIncomplete, kYoung, kNotReceived };

// The kind of each application: about half plain, the rest spread over the exception rules.
Shape ShapeOf(uint64_t r) {
  switch (r % 10) {
    case 0: return Shape::kLodger;
    case 1: return Shape::kAssets;
    case 2: return Shape::kIncomplete;
    case 3: return Shape::kYoung;
    case 4: return Shape::kNotReceived;
    default: return Shape::kPlain;
  }
}

}  // namespace

std::vector<std::string> GenerateDemoApplications(uint64_t seed, size_t n, Date today, const std::string& gemeente) {
  std::mt19937_64 rng(seed ^ 0x6e61626a'61707073ULL);  // "nabjapps"
  auto below = [&](uint64_t k) { return static_cast<int32_t>(rng() % k); };
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t number = i + 1;
    const Shape shape = ShapeOf(rng());
    // Reported 1 to 55 days ago; a young applicant's melding is recent (the search period runs).
    const Date melding = today.AddDays(-(shape == Shape::kYoung ? 1 + below(10) : 1 + below(55)));
    const Date received = melding.AddDays(below(4));
    const int age = shape == Shape::kYoung ? 19 + below(7) : 27 + below(38);
    const Date birth = melding.AddDays(-(age * 365 + below(300)));
    json members = json::array();
    json applicant{{"role", "applicant"}, {"birth_date", birth.ToString()}};
    if (below(4) == 0) {
      applicant["net_work_income"] = 20000 + below(60000);
      applicant["vrijlating_n_month"] = 1;
    }
    members.push_back(applicant);
    const bool couple = below(3) == 0;
    if (couple) {
      members.push_back({{"role", "partner"}, {"birth_date", birth.AddDays(below(2000) - 1000).ToString()}});
    }
    for (int c = below(3); c > 0; --c) {
      members.push_back({{"role", "child"}, {"birth_date", melding.AddDays(-(365 + below(16 * 365))).ToString()}});
    }
    if (shape == Shape::kLodger) {
      members.push_back({{"role", "housemate"},
                         {"birth_date", melding.AddDays(-(30 * 365 + below(3000))).ToString()},
                         {"relation", "other"},
                         {"commercial_contract", true}});
    }
    json household{{"month", melding.month().ToString()}, {"gemeente", gemeente}, {"members", members}};
    // Assets near the limit (Pw art. 34: EUR 8.000 for a single person in 2026) go to a person.
    household["vermogen"] = shape == Shape::kAssets ? 750000 + below(50000) : below(300000);
    json doc{{"melding", melding.ToString()}};
    // A young applicant applies after the four-week search period (Pw art. 41 lid 4): not yet.
    if (shape != Shape::kNotReceived && shape != Shape::kYoung) doc["received"] = received.ToString();
    doc["start_date"] = melding.ToString();
    if (shape == Shape::kIncomplete) doc["suspensions"] = json::array({{{"requested", received.AddDays(1).ToString()}}});
    doc["applicant"] = {{"name", "Fictieve Aanvrager " + std::to_string(number)},
                        {"iban", payments::DemoIban(900'000'000 + number * 2)},
                        {"bsn", DemoBsn(900'000 + number * 2).digits()}};
    if (couple) {
      doc["partner"] = {{"name", "Fictieve Partner " + std::to_string(number)},
                        {"iban", payments::DemoIban(900'000'000 + number * 2 + 1)},
                        {"bsn", DemoBsn(900'000 + number * 2 + 1).digits()}};
    }
    doc["household"] = household;
    out.push_back(doc.dump());
  }
  return out;
}

}  // namespace nabij::api
