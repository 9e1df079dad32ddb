// ParameterSet: the law as data, loaded from rules/ and looked up by date.
//
// A Parameter is one figure of law (a norm, a percentage, a maximum, a term) with its values
// keyed by the date they take effect, each with its legal basis and publication (format:
// docs/rules-format.md). Open terms have a national default and a value per municipality that
// filled them (rules/gemeenten/<code>/). A ParameterSet is immutable after loading and may be read
// from any number of threads; the Values it hands out live as long as the set.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"

namespace nabij::rules {

struct LegalBasis {
  std::string law;        // "Participatiewet"
  std::string bwb;        // "BWBR0015703"
  std::string article;    // "22a"
  std::string lid;        // "1" or empty
  std::string onderdeel;  // "a" or empty

  // The fixed citation form used in comments and traces: "Pw art. 22a lid 1 onder a".
  std::string Cite() const;
  bool complete() const { return !law.empty() && !article.empty(); }
};

enum class ValueType { kAmount, kPercentage, kCount, kDate };
std::string_view ValueTypeName(ValueType t);

struct Value {
  Date effective;  // the value holds from this date until the next value's date
  Money amount;    // kAmount
  Ratio ratio;     // kPercentage
  int64_t count = 0;  // kCount
  Date date;          // kDate
  std::string publication;
  std::string note;
  LegalBasis basis;
  std::string gemeente;  // the municipality that set it, empty for national law or a default

  // The value as a reader sees it: "€ 1.401,50", "12,5 %", "27 jaar", "2027-01-01".
  std::string Display(ValueType type, std::string_view unit) const;
};

struct Parameter {
  std::string id;
  std::string title;
  ValueType type = ValueType::kAmount;
  std::string unit;
  std::string note;
  bool open_term = false;
  std::string delegated_to;
  std::string file;            // path relative to the rules root
  std::vector<Value> values;   // ascending by effective date

  // The value in force on `date`, or nullptr before the first value.
  const Value* At(Date date) const;
};

struct Municipality {
  std::string code;  // four-digit CBS code, e.g. "0363"
  std::string name;
  std::map<std::string, Parameter, std::less<>> fills;  // open-term id -> values
};

// One problem found while loading, with the place it is about.
struct LintIssue {
  std::string file;  // relative to the rules root
  int line = 0;
  std::string message;
  std::string ToString() const;
};

class ParameterSet {
 public:
  // Loads every *.yaml under `root`/nl (parameters) and `root`/gemeenten (municipal choices);
  // files under a tests/ folder are golden cases and are skipped here. Returns kParseError naming
  // the first problem; use Lint for all of them.
  static Result<ParameterSet> Load(const std::filesystem::path& root);
  // Every problem in the tree, in file order; empty when the tree is sound.
  static std::vector<LintIssue> Lint(const std::filesystem::path& root);

  // Parses one parameter file (for tests and the fuzzer). `name` is used in messages.
  static Result<Parameter> ParseParameter(std::string_view yaml, std::string_view name);

  const Parameter* Get(std::string_view id) const;
  // The value of `id` in force on `date` in municipality `gemeente` (empty: national default).
  // Returns kNotFound for an unknown id or municipality, kRuleMissing when no value holds then.
  Result<const Value*> Find(std::string_view id, Date date, std::string_view gemeente = {}) const;
  const Municipality* GetMunicipality(std::string_view code) const;

  const std::map<std::string, Parameter, std::less<>>& parameters() const { return params_; }
  const std::map<std::string, Municipality, std::less<>>& municipalities() const { return gemeenten_; }
  // A hash of the content of every loaded file (FNV-1a 64, hex): the rules version a decision
  // records, so that it can be reproduced with exactly these rules later.
  const std::string& content_hash() const { return hash_; }

 private:
  std::map<std::string, Parameter, std::less<>> params_;
  std::map<std::string, Municipality, std::less<>> gemeenten_;
  std::string hash_;
};

}  // namespace nabij::rules
