#include "rules/parameter_set.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "rules/yaml_doc.h"

namespace nabij::rules {
namespace {

namespace fs = std::filesystem;

Status Err(std::string_view file, int line, std::string message) {
  return Status(ErrorCode::kParseError, std::move(message),
                std::string(file) + ":" + std::to_string(line));
}

// Short names of the laws nabij cites, by BWB id, for the fixed citation form.
std::string_view ShortLawName(const LegalBasis& b) {
  if (b.bwb == "BWBR0015703") return "Pw";
  if (b.bwb == "BWBR0001827") return "Rv";
  if (b.bwb == "BWBR0005537") return "Awb";
  if (b.bwb == "BWBR0002221") return "AOW";
  if (b.bwb == "BWBR0018450") return "Zvw";
  return b.law;
}

bool ValidId(std::string_view id) {
  if (id.empty() || id.front() == '.' || id.back() == '.') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

Status CheckKeys(const YamlNode& map, std::initializer_list<std::string_view> allowed,
                 std::string_view file, std::string_view what) {
  for (size_t i = 0; i < map.entries().size(); ++i) {
    const std::string& k = map.entries()[i].first;
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return Err(file, map.key_line(i), "unknown key '" + k + "' in " + std::string(what) +
                                     " (allowed: " + list + ")");
    }
  }
  return Status::Ok();
}

Result<std::string> ScalarText(const YamlNode* n, std::string_view file, int line,
                               std::string_view key) {
  if (n == nullptr) return Err(file, line, "missing '" + std::string(key) + "'");
  if (!n->is_scalar()) return Err(file, n->line(), "'" + std::string(key) + "' must be a single value");
  return n->scalar();
}

Result<LegalBasis> ParseBasis(const YamlNode& n, std::string_view file) {
  if (!n.is_map()) return Err(file, n.line(), "legal_basis must be a map with law, bwb, article, lid, onderdeel");
  NABIJ_RETURN_IF_ERROR(CheckKeys(n, {"law", "bwb", "article", "lid", "onderdeel"}, file, "legal_basis"));
  LegalBasis b;
  auto get = [&](std::string_view key, std::string& out) -> Status {
    const YamlNode* v = n.Find(key);
    if (v == nullptr || v->is_null()) return Status::Ok();
    if (!v->is_scalar()) return Err(file, v->line(), "legal_basis." + std::string(key) + " must be text");
    out = v->scalar();
    return Status::Ok();
  };
  NABIJ_RETURN_IF_ERROR(get("law", b.law));
  NABIJ_RETURN_IF_ERROR(get("bwb", b.bwb));
  NABIJ_RETURN_IF_ERROR(get("article", b.article));
  NABIJ_RETURN_IF_ERROR(get("lid", b.lid));
  NABIJ_RETURN_IF_ERROR(get("onderdeel", b.onderdeel));
  if (!b.complete()) return Err(file, n.line(), "legal_basis needs at least law and article");
  return b;
}

Status ParseTypedValue(const YamlNode& n, ValueType type, std::string_view file, Value& out) {
  if (!n.is_scalar()) return Err(file, n.line(), "value must be a single value");
  const std::string& s = n.scalar();
  switch (type) {
    case ValueType::kAmount:
    case ValueType::kCount: {
      const char* what = type == ValueType::kAmount ? "an amount" : "a count";
      if (n.quoted()) {
        return Err(file, n.line(), std::string(what) + " is a bare whole number, not text: " + s);
      }
      if (s.find_first_of(".,eE") != std::string::npos) {
        return Err(file, n.line(),
                   type == ValueType::kAmount
                       ? "an amount is written in integer eurocents (1.283,83 euro is 128383), not " + s
                       : "a count is a whole number, not " + s);
      }
      int64_t v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size() || v < 0) {
        return Err(file, n.line(), std::string(what) + " must be a whole number of at least 0: " + s);
      }
      if (type == ValueType::kAmount) {
        out.amount = Money::Cents(v);
      } else {
        out.count = v;
      }
      return Status::Ok();
    }
    case ValueType::kPercentage: {
      if (!n.quoted()) {
        return Err(file, n.line(), "a percentage is a quoted decimal string such as \"12.5\", not " + s);
      }
      auto r = Ratio::ParsePercent(s);
      if (!r.ok()) return Err(file, n.line(), r.error().message());
      out.ratio = *r;
      return Status::Ok();
    }
    case ValueType::kDate: {
      auto d = Date::Parse(s);
      if (!d.ok()) return Err(file, n.line(), d.error().message());
      out.date = *d;
      return Status::Ok();
    }
  }
  return Err(file, n.line(), "unknown type");
}

// Parses a `values:` map. `default_basis` may be null (then every value needs its own).
Result<std::vector<Value>> ParseValues(const YamlNode* values, int parent_line, ValueType type,
                                       const LegalBasis* default_basis, std::string_view file) {
  if (values == nullptr) return Err(file, parent_line, "missing 'values'");
  if (!values->is_map() || values->entries().empty()) {
    return Err(file, values->line(), "'values' must map effective dates (YYYY-MM-DD) to entries");
  }
  std::vector<Value> out;
  for (const auto& [key, entry] : values->entries()) {
    auto date = Date::Parse(key);
    if (!date.ok()) return Err(file, entry.line(), "effective date: " + date.error().message());
    if (!out.empty() && !(out.back().effective < *date)) {
      return Err(file, entry.line(), "effective dates must ascend: " + key + " comes after " +
                                         out.back().effective.ToString());
    }
    if (!entry.is_map()) return Err(file, entry.line(), "the entry for " + key + " must have value and publication");
    NABIJ_RETURN_IF_ERROR(CheckKeys(entry, {"value", "publication", "legal_basis", "note"}, file, "a value"));
    Value v;
    v.effective = *date;
    const YamlNode* value = entry.Find("value");
    if (value == nullptr) return Err(file, entry.line(), "the entry for " + key + " has no value");
    NABIJ_RETURN_IF_ERROR(ParseTypedValue(*value, type, file, v));
    NABIJ_ASSIGN_OR_RETURN(v.publication, ScalarText(entry.Find("publication"), file, entry.line(), "publication"));
    if (v.publication.empty()) return Err(file, entry.line(), "publication must say where the figure comes from");
    if (const YamlNode* note = entry.Find("note"); note != nullptr && note->is_scalar()) v.note = note->scalar();
    if (const YamlNode* b = entry.Find("legal_basis"); b != nullptr) {
      NABIJ_ASSIGN_OR_RETURN(v.basis, ParseBasis(*b, file));
    } else if (default_basis != nullptr) {
      v.basis = *default_basis;
    } else {
      return Err(file, entry.line(), "the value for " + key + " has no legal basis (set legal_basis on the file or the value)");
    }
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kIo, "cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void HashInto(uint64_t& h, std::string_view bytes) {
  constexpr uint64_t kPrime = 1099511628211ULL;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= kPrime;
  }
}

std::vector<fs::path> YamlFilesUnder(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (it->is_directory() && p.filename() == "tests") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && p.extension() == ".yaml") files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

LintIssue ToIssue(const Status& s, const std::string& file) {
  LintIssue issue;
  issue.file = file;
  issue.message = s.message();
  const std::string& f = s.field();
  if (auto colon = f.rfind(':'); colon != std::string::npos) {
    issue.file = f.substr(0, colon);
    std::from_chars(f.data() + colon + 1, f.data() + f.size(), issue.line);
  }
  return issue;
}

// Loads the tree into `set`, reporting every problem to `issues`.
void LoadInto(const fs::path& root, ParameterSet* set, std::map<std::string, Parameter, std::less<>>& params,
              std::map<std::string, Municipality, std::less<>>& gemeenten, std::string& hash,
              std::vector<LintIssue>& issues) {
  (void)set;
  uint64_t h = 1469598103934665603ULL;
  std::error_code ec;
  if (!fs::is_directory(root / "nl", ec)) {
    issues.push_back({root.string(), 0, "no rules found: " + (root / "nl").string() + " is not a folder"});
    return;
  }
  for (const fs::path& path : YamlFilesUnder(root / "nl")) {
    std::string rel = fs::relative(path, root, ec).string();
    auto text = ReadFile(path);
    if (!text.ok()) {
      issues.push_back({rel, 0, text.error().message()});
      continue;
    }
    HashInto(h, rel);
    HashInto(h, std::string_view("\0", 1));
    HashInto(h, *text);
    auto p = ParameterSet::ParseParameter(*text, rel);
    if (!p.ok()) {
      issues.push_back(ToIssue(p.error(), rel));
      continue;
    }
    if (params.count(p->id) != 0) {
      issues.push_back({rel, 1, "the id '" + p->id + "' is also used by " + params[p->id].file});
      continue;
    }
    p->file = rel;
    params.emplace(p->id, std::move(*p));
  }
  for (const fs::path& dir : [&] {
         std::vector<fs::path> dirs;
         if (fs::is_directory(root / "gemeenten", ec)) {
           for (const auto& e : fs::directory_iterator(root / "gemeenten", ec)) {
             if (e.is_directory()) dirs.push_back(e.path());
           }
         }
         std::sort(dirs.begin(), dirs.end());
         return dirs;
       }()) {
    std::string code = dir.filename().string();
    std::string rel_dir = fs::relative(dir, root, ec).string();
    Municipality m;
    m.code = code;
    if (code.size() != 4 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      issues.push_back({rel_dir, 0, "a municipality folder is named by its four-digit CBS code, not '" + code + "'"});
      continue;
    }
    for (const fs::path& path : YamlFilesUnder(dir)) {
      std::string rel = fs::relative(path, root, ec).string();
      auto text = ReadFile(path);
      if (!text.ok()) {
        issues.push_back({rel, 0, text.error().message()});
        continue;
      }
      HashInto(h, rel);
      HashInto(h, *text);
      auto doc = ParseYaml(*text, rel);
      if (!doc.ok()) {
        issues.push_back(ToIssue(doc.error(), rel));
        continue;
      }
      if (!doc->is_map()) {
        issues.push_back({rel, doc->line(), "a municipal file must be a map"});
        continue;
      }
      if (path.filename() == "gemeente.yaml") {
        if (Status s = CheckKeys(*doc, {"code", "name"}, rel, "gemeente.yaml"); !s.ok()) {
          issues.push_back(ToIssue(s, rel));
          continue;
        }
        const YamlNode* c = doc->Find("code");
        const YamlNode* n = doc->Find("name");
        if (c == nullptr || !c->is_scalar() || c->scalar() != code) {
          issues.push_back({rel, doc->line(), "code must be \"" + code + "\", the folder's name"});
        }
        if (n == nullptr || !n->is_scalar() || n->scalar().empty()) {
          issues.push_back({rel, doc->line(), "name is missing"});
        } else {
          m.name = n->scalar();
        }
        continue;
      }
      if (Status s = CheckKeys(*doc, {"fills", "values"}, rel, "a municipal file"); !s.ok()) {
        issues.push_back(ToIssue(s, rel));
        continue;
      }
      auto fills = ScalarText(doc->Find("fills"), rel, doc->line(), "fills");
      if (!fills.ok()) {
        issues.push_back(ToIssue(fills.error(), rel));
        continue;
      }
      auto it = params.find(*fills);
      if (it == params.end()) {
        issues.push_back({rel, doc->line(), "fills '" + *fills + "', which is not a parameter in rules/nl"});
        continue;
      }
      if (!it->second.open_term) {
        issues.push_back({rel, doc->line(), "'" + *fills + "' is set by law, not an open term a municipality may fill"});
        continue;
      }
      auto values = ParseValues(doc->Find("values"), doc->line(), it->second.type, nullptr, rel);
      if (!values.ok()) {
        issues.push_back(ToIssue(values.error(), rel));
        continue;
      }
      Parameter filled = it->second;
      filled.file = rel;
      filled.values = std::move(*values);
      for (Value& v : filled.values) v.gemeente = code;
      m.fills.emplace(*fills, std::move(filled));
    }
    if (m.name.empty()) {
      issues.push_back({rel_dir, 0, "gemeente.yaml with the municipality's code and name is missing"});
    }
    gemeenten.emplace(code, std::move(m));
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  hash = buf;
}

}  // namespace

std::string LegalBasis::Cite() const {
  std::string out(ShortLawName(*this));
  out += " art. " + article;
  if (!lid.empty()) out += " lid " + lid;
  if (!onderdeel.empty()) out += " onder " + onderdeel;
  return out;
}

std::string_view ValueTypeName(ValueType t) {
  switch (t) {
    case ValueType::kAmount: return "amount";
    case ValueType::kPercentage: return "percentage";
    case ValueType::kCount: return "count";
    case ValueType::kDate: return "date";
  }
  return "?";
}

std::string Value::Display(ValueType type, std::string_view unit) const {
  switch (type) {
    case ValueType::kAmount: {
      std::string s = FormatEuro(amount);
      if (unit == "per_maand") s += " per maand";
      if (unit == "per_jaar") s += " per jaar";
      return s;
    }
    case ValueType::kPercentage: return ratio.ToPercentString();
    case ValueType::kCount: {
      std::string u(unit);
      if (u == "jaren") u = count == 1 ? "jaar" : "jaar";
      return std::to_string(count) + (u.empty() ? "" : " " + u);
    }
    case ValueType::kDate: return date.ToString();
  }
  return "?";
}

const Value* Parameter::At(Date date) const {
  // values are few (one per half year); a binary search keeps it O(log n) anyway.
  auto it = std::upper_bound(values.begin(), values.end(), date,
                             [](Date d, const Value& v) { return d < v.effective; });
  if (it == values.begin()) return nullptr;
  return &*(it - 1);
}

std::string LintIssue::ToString() const {
  return file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message;
}

Result<Parameter> ParameterSet::ParseParameter(std::string_view yaml, std::string_view name) {
  NABIJ_ASSIGN_OR_RETURN(YamlNode doc, ParseYaml(yaml, name));
  if (!doc.is_map()) return Err(name, doc.line(), "a parameter file must be a map with id, title, type, legal_basis and values");
  NABIJ_RETURN_IF_ERROR(CheckKeys(doc, {"id", "title", "type", "unit", "legal_basis", "note", "values", "open_term", "delegated_to"},
                                  name, "a parameter file"));
  Parameter p;
  NABIJ_ASSIGN_OR_RETURN(p.id, ScalarText(doc.Find("id"), name, doc.line(), "id"));
  if (!ValidId(p.id)) return Err(name, doc.Find("id")->line(), "id must be lower-case words joined by dots: '" + p.id + "'");
  NABIJ_ASSIGN_OR_RETURN(p.title, ScalarText(doc.Find("title"), name, doc.line(), "title"));
  NABIJ_ASSIGN_OR_RETURN(std::string type, ScalarText(doc.Find("type"), name, doc.line(), "type"));
  int type_line = doc.Find("type")->line();
  if (type == "amount") {
    p.type = ValueType::kAmount;
  } else if (type == "percentage") {
    p.type = ValueType::kPercentage;
  } else if (type == "count") {
    p.type = ValueType::kCount;
  } else if (type == "date") {
    p.type = ValueType::kDate;
  } else {
    return Err(name, type_line, "type must be amount, percentage, count or date, not '" + type + "'");
  }
  if (const YamlNode* unit = doc.Find("unit"); unit != nullptr) {
    if (!unit->is_scalar()) return Err(name, unit->line(), "unit must be a word");
    p.unit = unit->scalar();
  }
  static const std::set<std::string> kAmountUnits{"per_maand", "per_jaar", "eenmalig"};
  static const std::set<std::string> kCountUnits{"jaren", "maanden", "weken", "dagen", "personen"};
  if (p.type == ValueType::kAmount && kAmountUnits.count(p.unit) == 0) {
    return Err(name, type_line, "an amount needs unit per_maand, per_jaar or eenmalig");
  }
  if (p.type == ValueType::kCount && kCountUnits.count(p.unit) == 0) {
    return Err(name, type_line, "a count needs unit jaren, maanden, weken, dagen or personen");
  }
  if (const YamlNode* note = doc.Find("note"); note != nullptr && note->is_scalar()) p.note = note->scalar();
  if (const YamlNode* open = doc.Find("open_term"); open != nullptr) {
    if (!open->is_scalar() || (open->scalar() != "true" && open->scalar() != "false")) {
      return Err(name, open->line(), "open_term is true or false");
    }
    p.open_term = open->scalar() == "true";
  }
  if (const YamlNode* d = doc.Find("delegated_to"); d != nullptr) {
    if (!d->is_scalar() || (d->scalar() != "gemeenteraad" && d->scalar() != "college")) {
      return Err(name, d->line(), "delegated_to is gemeenteraad or college");
    }
    p.delegated_to = d->scalar();
  }
  if (p.open_term && p.delegated_to.empty()) {
    return Err(name, doc.line(), "an open term says who fills it: delegated_to: gemeenteraad or college");
  }
  std::optional<LegalBasis> basis;
  if (const YamlNode* b = doc.Find("legal_basis"); b != nullptr) {
    NABIJ_ASSIGN_OR_RETURN(LegalBasis lb, ParseBasis(*b, name));
    basis = std::move(lb);
  }
  NABIJ_ASSIGN_OR_RETURN(p.values, ParseValues(doc.Find("values"), doc.line(), p.type,
                                               basis ? &*basis : nullptr, name));
  return p;
}

Result<ParameterSet> ParameterSet::Load(const std::filesystem::path& root) {
  ParameterSet set;
  std::vector<LintIssue> issues;
  LoadInto(root, &set, set.params_, set.gemeenten_, set.hash_, issues);
  if (!issues.empty()) {
    const LintIssue& first = issues.front();
    std::string more = issues.size() > 1 ? " (and " + std::to_string(issues.size() - 1) +
                                                 " more problems; run 'nabij rules check')"
                                         : "";
    return Status(ErrorCode::kParseError, first.message + more,
                  first.file + (first.line > 0 ? ":" + std::to_string(first.line) : ""));
  }
  return set;
}

std::vector<LintIssue> ParameterSet::Lint(const std::filesystem::path& root) {
  ParameterSet set;
  std::vector<LintIssue> issues;
  LoadInto(root, &set, set.params_, set.gemeenten_, set.hash_, issues);
  return issues;
}

const Parameter* ParameterSet::Get(std::string_view id) const {
  auto it = params_.find(id);
  return it == params_.end() ? nullptr : &it->second;
}

const Municipality* ParameterSet::GetMunicipality(std::string_view code) const {
  auto it = gemeenten_.find(code);
  return it == gemeenten_.end() ? nullptr : &it->second;
}

Result<const Value*> ParameterSet::Find(std::string_view id, Date date, std::string_view gemeente) const {
  const Parameter* p = Get(id);
  if (p == nullptr) return Status(ErrorCode::kNotFound, "no parameter '" + std::string(id) + "' in rules/", std::string(id));
  if (!gemeente.empty()) {
    const Municipality* m = GetMunicipality(gemeente);
    if (m == nullptr) {
      return Status(ErrorCode::kNotFound, "no municipality with code '" + std::string(gemeente) + "' in rules/gemeenten",
                    "gemeente");
    }
    if (auto it = m->fills.find(id); it != m->fills.end()) {
      if (const Value* v = it->second.At(date)) return v;
    }
  }
  const Value* v = p->At(date);
  if (v == nullptr) {
    std::string cite = p->values.empty() ? "" : p->values.front().basis.Cite();
    return Status(ErrorCode::kRuleMissing,
                  "'" + p->title + "' has no value on " + date.ToString() + " (first value from " +
                      (p->values.empty() ? std::string("-") : p->values.front().effective.ToString()) + ")",
                  std::string(id), cite);
  }
  return v;
}

}  // namespace nabij::rules
