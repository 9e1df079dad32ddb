// The case administration's commands: case apply|queue|decide|show|letter|verify and
// income report, stats caseload (docs/case-intake.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nabij::app {

int CmdCase(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err);
int CmdIncome(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err);
// stats caseload --from YYYY-MM --to YYYY-MM: cases with a right, inflow and outflow per month.
int CmdStats(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err);

}  // namespace nabij::app
