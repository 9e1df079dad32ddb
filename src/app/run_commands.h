// The database and payment-run commands: db init, demo-data, run prepare|approve|export|report.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nabij::app {

int CmdDb(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err);
int CmdDemoData(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err);
int CmdRun(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err);

}  // namespace nabij::app
