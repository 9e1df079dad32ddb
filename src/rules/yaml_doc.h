// YamlNode: a YAML document as a plain tree with line numbers.
//
// This is nabij's one adapter around yaml-cpp: every YAML file (rules, golden cases) is read by
// ParseYaml into this tree, and no other file includes yaml-cpp. A scalar remembers whether it was
// quoted, so a loader can insist that percentages are strings and amounts are bare integers.
// Mapping keys keep their file order; a duplicate key is refused. Values are immutable after
// parsing and may be read from several threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace nabij::rules {

class YamlNode {
 public:
  enum class Kind { kNull, kScalar, kSequence, kMap };

  Kind kind() const { return kind_; }
  int line() const { return line_; }  // 1-based line in the file
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_scalar() const { return kind_ == Kind::kScalar; }
  bool is_map() const { return kind_ == Kind::kMap; }
  bool is_sequence() const { return kind_ == Kind::kSequence; }

  const std::string& scalar() const { return scalar_; }
  bool quoted() const { return quoted_; }
  const std::vector<YamlNode>& items() const { return items_; }
  const std::vector<std::pair<std::string, YamlNode>>& entries() const { return entries_; }
  // The line of the i-th key of a map.
  int key_line(size_t i) const { return key_lines_[i]; }
  // The value under `key` of a map, or nullptr.
  const YamlNode* Find(std::string_view key) const;

  static YamlNode Null(int line);
  static YamlNode Scalar(std::string value, bool quoted, int line);
  static YamlNode Sequence(std::vector<YamlNode> items, int line);
  static YamlNode Map(std::vector<std::pair<std::string, YamlNode>> entries, std::vector<int> key_lines,
                      int line);

 private:
  Kind kind_ = Kind::kNull;
  int line_ = 0;
  std::string scalar_;
  bool quoted_ = false;
  std::vector<YamlNode> items_;
  std::vector<std::pair<std::string, YamlNode>> entries_;
  std::vector<int> key_lines_;
};

// Parses one YAML document. `source_name` is used in messages ("rules/x.yaml:12: ...").
// Returns kParseError with the line for malformed YAML, a duplicate key, a non-scalar key,
// anchors nested deeper than 64 levels, or input over 4 MiB.
Result<YamlNode> ParseYaml(std::string_view text, std::string_view source_name);

}  // namespace nabij::rules
