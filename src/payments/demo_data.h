// Synthetic demo cases for the payment run: realistic shapes, fictitious people.
//
// Names are "Fictieve Klant 17", IBANs use the fictitious bank code NABI with valid check digits,
// BSNs are synthetic (DemoBsn: case i's applicant 2i, partner 2i + 1),
// birth dates and amounts are drawn from a seeded generator, so the same seed gives the same
// cases. The shares are assumptions for a demo (docs/demo-data.md), not statistics of a real
// municipality. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/ids.h"
#include "payments/run_case.h"

namespace nabij::payments {

// DemoIban lives in base/ids.h (the debt fund's demo data uses it too).
using nabij::DemoIban;

// `n` cases with a right to bijstand in `month`, with income facts for the twelve months before
// and after it, standing instructions, garnishments and recovery claims.
std::vector<RunCase> GenerateDemoCases(uint64_t seed, size_t n, Month month);

}  // namespace nabij::payments
