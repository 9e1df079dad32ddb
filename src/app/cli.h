// The nabij command line: one function per command, wired in main().
//
// Every command writes its result to `out`, its errors to `err`, and returns the process exit
// code: 0 success, 1 the work found problems (failed golden cases, lint issues, failed rows),
// 2 bad usage or input. Nothing half-written is left behind on failure.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace nabij::app {

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace nabij::app
