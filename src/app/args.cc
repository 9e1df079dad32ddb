#include "app/args.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace nabij::app {

namespace fs = std::filesystem;

Result<Args> ParseArgs(const std::vector<std::string>& args, const std::vector<std::string>& flags) {
  Args a;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& s = args[i];
    if (s.rfind("--", 0) == 0 && s.size() > 2) {
      std::string name = s.substr(2);
      if (std::find(flags.begin(), flags.end(), name) != flags.end()) {
        a.options[name] = "";
        continue;
      }
      if (i + 1 >= args.size()) return InvalidArgument("option --" + name + " needs a value", name);
      a.options[name] = args[++i];
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

fs::path RulesDir(const Args& a) {
  if (auto it = a.options.find("rules"); it != a.options.end()) return it->second;
  if (const char* env = std::getenv("NABIJ_RULES"); env != nullptr && *env != '\0') return env;
  return NABIJ_RULES_DIR;
}

Result<std::string> ReadInput(const std::string& path) {
  std::stringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status(ErrorCode::kIo, "cannot read the file " + path);
  ss << f.rdbuf();
  return ss.str();
}

int Fail(std::ostream& err, const Status& s, int code) {
  err << "nabij: " << s.ToString() << "\n";
  return code;
}

Result<rules::ParameterSet> LoadRules(const Args& a) { return rules::ParameterSet::Load(RulesDir(a)); }

Result<Month> MonthOption(const Args& a) {
  auto it = a.options.find("month");
  if (it == a.options.end()) return InvalidArgument("--month YYYY-MM is required", "month");
  auto m = Month::Parse(it->second);
  if (!m.ok()) return InvalidArgument(m.error().message(), "month");
  return *m;
}

Result<int64_t> NumberOption(const Args& a, const std::string& name, int64_t fallback, int64_t lo, int64_t hi) {
  auto it = a.options.find(name);
  if (it == a.options.end()) return fallback;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || v < lo || v > hi) {
    return InvalidArgument("--" + name + " must be a whole number from " + std::to_string(lo) + " to " +
                           std::to_string(hi), name);
  }
  return v;
}

fs::path DbPath(const Args& a) {
  if (auto it = a.options.find("db"); it != a.options.end()) return it->second;
  if (const char* env = std::getenv("NABIJ_DB"); env != nullptr && *env != '\0') return env;
  return "nabij.db";
}

std::string TextOption(const Args& a, const std::string& name, const std::string& fallback) {
  auto it = a.options.find(name);
  return it == a.options.end() ? fallback : it->second;
}

Status WriteFileAtomically(const fs::path& path, const std::string& content) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Status(ErrorCode::kIo, "cannot write " + tmp.string());
    f << content;
    f.flush();
    if (!f) return Status(ErrorCode::kIo, "writing " + tmp.string() + " failed");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status(ErrorCode::kIo, "cannot move the file into place: " + path.string());
  }
  return Status::Ok();
}

}  // namespace nabij::app
