// Command-line helpers shared by the nabij commands: options, the rules and database locations,
// and error reporting with the exit codes of app/cli.h.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "rules/parameter_set.h"

namespace nabij::app {

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // --name value, or --flag -> ""
};

// Splits arguments into positional ones and --options; `flags` take no value.
Result<Args> ParseArgs(const std::vector<std::string>& args, const std::vector<std::string>& flags);
// --rules, else $NABIJ_RULES, else the rules/ of the source tree.
std::filesystem::path RulesDir(const Args& a);
Result<rules::ParameterSet> LoadRules(const Args& a);
// --db, else $NABIJ_DB, else nabij.db in the working directory.
std::filesystem::path DbPath(const Args& a);
// Reads a file, or standard input for "-".
Result<std::string> ReadInput(const std::string& path);
// Writes `content` to `path` through a temporary file and a rename: never half-written.
Status WriteFileAtomically(const std::filesystem::path& path, const std::string& content);
// Prints "nabij: <status>" and returns `code`.
int Fail(std::ostream& err, const Status& s, int code = 2);
// --month YYYY-MM (required).
Result<Month> MonthOption(const Args& a);
// --name as a whole number in [lo, hi], or `fallback` when absent.
Result<int64_t> NumberOption(const Args& a, const std::string& name, int64_t fallback, int64_t lo, int64_t hi);
// --name as text, or `fallback`.
std::string TextOption(const Args& a, const std::string& name, const std::string& fallback);

}  // namespace nabij::app
