// A synthetic population of bijstand households, for the policy lab and the benchmarks.
//
// The generator draws households whose composition follows the shares in docs/population.md
// (singles, single parents, couples, youth, AOW age, cost-sharers, part-time work, other income,
// vermogen), each stated there with its source or as an assumption. Every person in it is made up:
// the population is synthetic only and never derived from real case data.
//
// Deterministic: household `index` depends only on (seed, index, month), through a fixed
// integer-only random generator (not <random>, whose distributions differ between standard
// libraries). So household 17 is the same whether 100 or 10 million are generated, on any machine,
// and a population can be generated in parallel or streamed without holding it in memory.
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "pw/household.h"

namespace nabij::sim {

// The kind of household a generated case is; the first draw of the generator.
enum class HouseholdKind : uint8_t {
  kSingle,               // alleenstaande without children living at home
  kSingleInInrichting,   // alleenstaande living in an institution (Pw art. 23)
  kSingleParent,         // alleenstaande ouder
  kCouple,               // gehuwden without children
  kCoupleWithChildren,   // gehuwden met kinderen
};

// Household `index` of the population drawn with `seed`, for `month`. Only fields with meaning are
// set: partner fields only with a partner, youngest_child_birth only with children, housemates up
// to housemate_count; the rest keeps the CaseInput defaults.
pw::CaseInput GenerateHousehold(uint64_t seed, uint64_t index, Month month);

// The kind that GenerateHousehold(seed, index, month) draws (for statistics and tests).
HouseholdKind GeneratedKind(uint64_t seed, uint64_t index);

// Replaces `out` by households 0..n-1 of the population drawn with `seed`.
void GeneratePopulation(uint64_t seed, size_t n, Month month, std::vector<pw::CaseInput>& out);

// A municipality code for household `index`, drawn from `gemeenten` with equal chance (empty list:
// the empty code, national rules only). Independent of the household's own draws.
std::string_view GeneratedGemeente(uint64_t seed, uint64_t index, const std::vector<std::string_view>& gemeenten);

}  // namespace nabij::sim
