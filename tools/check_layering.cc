// check_layering: enforces the module layers of nabij (ARCHITECTURE.md, "Layers") in CI.
//
//   check_layering SRC_DIR LAYERS_FILE
//
// LAYERS_FILE lists one module per line as `name rank`; `#` starts a comment. Every .h and .cc
// file under SRC_DIR belongs to the module of its folder, by longest match: src/store/sqlite/x.cc
// belongs to store/sqlite. A quoted include that names a module (`#include "pw/norm.h"`) must name
// the file's own module or a module of strictly lower rank. A folder under SRC_DIR that is neither
// a module, inside a module, nor a parent of modules (like store/) is an error, so that a new
// module cannot escape the check by not being listed.
//
// Includes are resolved the way the compiler resolves quoted includes: relative to the including
// file when they say `..` or `.` or name a file that exists there, otherwise from SRC_DIR (the
// project's include root). Angle-bracket includes and quoted includes that name no module (a
// third-party header) are not checked. Includes inside comments are ignored; includes inside
// multi-line raw string literals are not recognised as such.
//
// Output: one line per violation, `src/pw/foo.cc:12: pw (rank 3) includes sim (rank 4)`, and exit
// status 1; otherwise `layering ok: N files, M modules` (M counts modules that have files) and
// exit status 0. Bad arguments or an unreadable file or folder: a message on stderr, exit status 2.
//
// Standard library only, so that CI can build and run it before any dependency is installed.

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

namespace fs = std::filesystem;

constexpr int kExitOk = 0;
constexpr int kExitViolations = 1;
constexpr int kExitUsage = 2;

// store/* implements the storage interfaces that rank-4 modules declare, so it may always include
// a rank-4 module. With store/* at rank 5 the rank rule already allows this; the exception keeps
// the intent explicit should the ranks in layers.txt ever change.
constexpr std::string_view kInterfaceImplementorPrefix = "store/";
constexpr int kInterfaceDeclarerRank = 4;

// Module name -> rank, from LAYERS_FILE.
using Ranks = std::map<std::string, int, std::less<>>;

struct Include {
  std::size_t line = 0;
  std::string path;  // as written between the quotes
};

struct Violation {
  std::string path;      // as shown: "src/pw/foo.cc" or "src/foo"
  std::size_t line = 0;  // 0 when the violation is not about one line
  std::string message;

  bool operator<(const Violation& other) const {
    if (path != other.path) return path < other.path;
    return line < other.line;
  }
};

std::string Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(kSpace);
  return std::string(text.substr(begin, end - begin + 1));
}

// A module name is one or more folder names joined by '/', none of them empty, "." or "..".
bool IsValidModuleName(std::string_view name) {
  if (name.empty() || name.find('\\') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = name.find('/', start);
    const std::string_view part = name.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

// Reads LAYERS_FILE into *ranks. Returns false and sets *error when the file cannot be read, a
// line is not `module rank` with a positive integer rank, a module is listed twice, or the file
// lists no module at all.
bool ReadLayers(const fs::path& path, Ranks* ranks, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read layers file " + path.string();
    return false;
  }
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const std::string where = path.string() + ":" + std::to_string(line_number) + ": ";
    if (const std::size_t hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream fields(line);
    std::string name;
    std::string rank_text;
    std::string extra;
    if (!(fields >> name)) continue;  // blank or comment-only line
    if (!(fields >> rank_text) || (fields >> extra)) {
      *error = where + "expected `module rank`, got `" + Trim(line) + "`";
      return false;
    }
    if (!IsValidModuleName(name)) {
      *error = where + "invalid module name `" + name + "`";
      return false;
    }
    int rank = 0;
    const char* const rank_end = rank_text.data() + rank_text.size();
    const auto [parsed_end, parse_error] = std::from_chars(rank_text.data(), rank_end, rank);
    if (parse_error != std::errc() || parsed_end != rank_end || rank < 1) {
      *error = where + "rank of " + name + " must be a positive integer, got `" + rank_text + "`";
      return false;
    }
    if (!ranks->emplace(name, rank).second) {
      *error = where + "module " + name + " is listed twice";
      return false;
    }
  }
  if (in.bad()) {
    *error = "error while reading layers file " + path.string();
    return false;
  }
  if (ranks->empty()) {
    *error = "layers file " + path.string() + " lists no modules";
    return false;
  }
  return true;
}

// Returns the longest module whose folders are a leading run of `dir` (relative to SRC_DIR), or
// nullopt when `dir` lies in no module.
std::optional<std::string> ModuleOf(const fs::path& dir, const Ranks& ranks) {
  std::optional<std::string> found;
  std::string prefix;
  for (const fs::path& part : dir) {
    const std::string name = part.generic_string();
    if (name.empty() || name == ".") continue;
    if (!prefix.empty()) prefix += '/';
    prefix += name;
    if (ranks.contains(prefix)) found = prefix;
  }
  return found;
}

// True when `dir` (relative to SRC_DIR) holds modules further down, as store/ holds store/sqlite.
bool IsParentOfModules(const fs::path& dir, const Ranks& ranks) {
  const std::string prefix = dir.generic_string() + "/";
  return std::any_of(ranks.begin(), ranks.end(),
                     [&](const auto& entry) { return entry.first.starts_with(prefix); });
}

// Returns the code of one line with comments removed. *in_block_comment carries an open /* */
// comment from line to line. String and character literals are kept whole so that comment
// markers inside them are not taken for comments; they cannot span lines here.
std::string CodeOf(std::string_view line, bool* in_block_comment) {
  std::string code;
  std::size_t i = 0;
  while (i < line.size()) {
    if (*in_block_comment) {
      const std::size_t end = line.find("*/", i);
      if (end == std::string_view::npos) return code;
      *in_block_comment = false;
      i = end + 2;
      code += ' ';
      continue;
    }
    const char c = line[i];
    const char next = i + 1 < line.size() ? line[i + 1] : '\0';
    if (c == '/' && next == '/') break;
    if (c == '/' && next == '*') {
      *in_block_comment = true;
      i += 2;
      continue;
    }
    if (c == '"' || c == '\'') {
      std::size_t j = i + 1;
      while (j < line.size() && line[j] != c) {
        j += line[j] == '\\' ? std::size_t{2} : std::size_t{1};  // skip an escaped character
      }
      j = std::min(j + 1, line.size());
      code.append(line.substr(i, j - i));
      i = j;
      continue;
    }
    code += c;
    ++i;
  }
  return code;
}

// Returns X for a line of code `#include "X"` (any spacing), nullopt for any other line.
std::optional<std::string> QuotedInclude(std::string_view code) {
  std::size_t i = code.find_first_not_of(" \t");
  if (i == std::string_view::npos || code[i] != '#') return std::nullopt;
  i = code.find_first_not_of(" \t", i + 1);
  constexpr std::string_view kInclude = "include";
  if (i == std::string_view::npos || code.substr(i, kInclude.size()) != kInclude) {
    return std::nullopt;
  }
  i = code.find_first_not_of(" \t", i + kInclude.size());
  if (i == std::string_view::npos || code[i] != '"') return std::nullopt;
  const std::size_t close = code.find('"', i + 1);
  if (close == std::string_view::npos) return std::nullopt;
  return std::string(code.substr(i + 1, close - i - 1));
}

// Reads the quoted includes of `file` into *includes. Returns false and sets *error when the file
// cannot be read.
bool ReadIncludes(const fs::path& file, std::vector<Include>* includes, std::string* error) {
  std::ifstream in(file);
  if (!in) {
    *error = "cannot read " + file.string();
    return false;
  }
  bool in_block_comment = false;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const std::string code = CodeOf(line, &in_block_comment);
    if (std::optional<std::string> path = QuotedInclude(code)) {
      includes->push_back({line_number, std::move(*path)});
    }
  }
  if (in.bad()) {
    *error = "error while reading " + file.string();
    return false;
  }
  return true;
}

// Returns the path, relative to SRC_DIR, of the file that `include` (written in a file in folder
// `from_dir`, relative to SRC_DIR) names, or nullopt when it names a file outside SRC_DIR.
std::optional<fs::path> ResolveInclude(const fs::path& src_dir, const fs::path& from_dir,
                                       const std::string& include) {
  const fs::path written(include);
  bool relative_syntax = false;
  for (const fs::path& part : written) {
    if (part == "." || part == "..") relative_syntax = true;
  }
  std::error_code ignored;
  if (relative_syntax || fs::is_regular_file(src_dir / from_dir / written, ignored)) {
    const fs::path resolved = (from_dir / written).lexically_normal();
    if (resolved.empty() || *resolved.begin() == "..") return std::nullopt;
    return resolved;
  }
  if (written.is_absolute()) return std::nullopt;
  return written.lexically_normal();
}

bool MayInclude(const std::string& from, int from_rank, const std::string& to, int to_rank) {
  if (to == from || to_rank < from_rank) return true;
  return from.starts_with(kInterfaceImplementorPrefix) && to_rank == kInterfaceDeclarerRank;
}

bool IsSourceFile(const fs::path& path) {
  const fs::path extension = path.extension();
  return extension == ".h" || extension == ".cc";
}

int Run(const fs::path& src_dir, const fs::path& layers_file) {
  Ranks ranks;
  std::string error;
  if (!ReadLayers(layers_file, &ranks, &error)) {
    std::cerr << "check_layering: " << error << "\n";
    return kExitUsage;
  }
  std::error_code ec;
  if (!fs::is_directory(src_dir, ec)) {
    std::cerr << "check_layering: " << src_dir.string() << " is not a readable directory\n";
    return kExitUsage;
  }

  // Walk SRC_DIR: report folders outside every module, collect the source files.
  std::vector<Violation> violations;
  std::vector<fs::path> files;  // relative to SRC_DIR
  fs::recursive_directory_iterator it(src_dir, ec);
  const fs::recursive_directory_iterator end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path rel = it->path().lexically_relative(src_dir);
    const std::string shown = (src_dir / rel).generic_string();
    std::error_code type_error;
    if (it->is_directory(type_error)) {
      if (ModuleOf(rel, ranks) || IsParentOfModules(rel, ranks)) continue;
      violations.push_back({shown, 0, "module " + rel.generic_string() + " is not in layers.txt"});
      it.disable_recursion_pending();
    } else if (it->is_regular_file(type_error) && IsSourceFile(rel)) {
      if (ModuleOf(rel.parent_path(), ranks)) {
        files.push_back(rel);
      } else {
        violations.push_back({shown, 0, "file is in no module folder of layers.txt"});
      }
    }
  }
  if (ec) {
    std::cerr << "check_layering: cannot list " << src_dir.string() << ": " << ec.message() << "\n";
    return kExitUsage;
  }
  std::sort(files.begin(), files.end());

  std::set<std::string> modules_seen;
  for (const fs::path& rel : files) {
    const std::string from = *ModuleOf(rel.parent_path(), ranks);
    const int from_rank = ranks.find(from)->second;
    modules_seen.insert(from);
    std::vector<Include> includes;
    if (!ReadIncludes(src_dir / rel, &includes, &error)) {
      std::cerr << "check_layering: " << error << "\n";
      return kExitUsage;
    }
    for (const Include& include : includes) {
      const std::optional<fs::path> target =
          ResolveInclude(src_dir, rel.parent_path(), include.path);
      if (!target) continue;
      const std::optional<std::string> to = ModuleOf(target->parent_path(), ranks);
      if (!to) continue;  // names no module: a third-party or local header
      const int to_rank = ranks.find(*to)->second;
      if (MayInclude(from, from_rank, *to, to_rank)) continue;
      violations.push_back({(src_dir / rel).generic_string(), include.line,
                            from + " (rank " + std::to_string(from_rank) + ") includes " + *to +
                                " (rank " + std::to_string(to_rank) + ")"});
    }
  }

  if (!violations.empty()) {
    std::sort(violations.begin(), violations.end());
    for (const Violation& violation : violations) {
      std::cout << violation.path;
      if (violation.line != 0) std::cout << ":" << violation.line;
      std::cout << ": " << violation.message << "\n";
    }
    std::cout << "layering violated: " << violations.size() << " problem(s)\n";
    return kExitViolations;
  }
  std::cout << "layering ok: " << files.size() << " files, " << modules_seen.size() << " modules\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: check_layering SRC_DIR LAYERS_FILE\n"
              << "  checks that every #include \"module/...\" in SRC_DIR/**/*.{h,cc} names the\n"
              << "  file's own module or a module of strictly lower rank in LAYERS_FILE\n";
    return kExitUsage;
  }
  try {
    fs::path src_dir = fs::path(argv[1]).lexically_normal();
    if (!src_dir.has_filename() && src_dir.has_relative_path()) src_dir = src_dir.parent_path();
    return Run(src_dir, fs::path(argv[2]));
  } catch (const std::exception& e) {  // last-resort handler: filesystem or allocation failure
    std::cerr << "check_layering: " << e.what() << "\n";
    return kExitUsage;
  }
}
