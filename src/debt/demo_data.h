// Synthetic debt dossiers for demos and tests: realistic shapes, fictitious households and
// creditors.
//
// The number of claims per household is drawn so that the average is about 14 and the maximum 40
// (the fund model's experience; an assumption for a demo, not a statistic). Creditors are
// fictitious organisations ("Demo Energie (fictief)") with IBANs at the fictitious bank code NABI
// (base/ids.h DemoIban). Households are on bijstand with the norm of rules/ on the registration
// date. Same seed, same dossiers. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "debt/fund.h"
#include "rules/parameter_set.h"

namespace nabij::debt {

inline constexpr int kDemoMaxClaims = 40;

struct DemoDossier {
  NewDossier dossier;
  std::vector<Claim> claims;
};

// `n` dossiers registered on days spread over [first, last]. Returns the ParameterSet's error when
// the norms are missing on a registration date.
Result<std::vector<DemoDossier>> GenerateDemoDossiers(const rules::ParameterSet& set, uint64_t seed,
                                                      size_t n, Date first, Date last,
                                                      const std::string& gemeente);

// The answers a simulated creditor gives to the newest offers in `offers_csv` (aanbiedingen), as an
// antwoorden CSV dated `date`: most accept, some reject, counter or stay silent (rows are left out
// for silence). Deterministic for a seed.
Result<std::string> SimulateCreditorAnswers(std::string_view offers_csv, uint64_t seed, Date date);

}  // namespace nabij::debt
