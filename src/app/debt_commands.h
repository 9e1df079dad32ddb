// The debt fund commands: nabij debt
// register|import|balance-requests|offers|settle|show|queue|plan|
// repay|arrears|milestone|breach|close-plans|export|figures|tasks|ledger|demo-data.
//
// Thin: each command parses its options, calls one debt::DebtFund operation on the SQLite store
// (migrated on open), records the step in the audit trail (ids and amounts, never a name), and
// prints the outcome in Dutch. --today sets the date the fund works on (replays, tests); it
// defaults to the system date.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nabij::app {

int CmdDebt(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err);

}  // namespace nabij::app
