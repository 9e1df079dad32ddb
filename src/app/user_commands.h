// The account commands: user init|add|list|disable|enable|reset-password, and access-log.
//
// For the operator who has the database file (and could read it with sqlite3 anyway); in nabijd
// the same actions are routes that only the beheerder (accounts) or the auditor (access log) may
// call. One-time passwords are printed once, on standard output, and never stored.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nabij::app {

int CmdUser(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err);
int CmdAccessLog(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err);

}  // namespace nabij::app
