#include "rules/yaml_doc.h"

#include <yaml-cpp/yaml.h>

#include <set>

namespace nabij::rules {
namespace {

constexpr size_t kMaxBytes = 4u << 20;
constexpr int kMaxDepth = 64;

Status ParseError(std::string_view source, int line, std::string message) {
  return Status(ErrorCode::kParseError, std::move(message),
                std::string(source) + ":" + std::to_string(line));
}

Result<YamlNode> Convert(const YAML::Node& n, std::string_view source, int depth) {
  int line = n.Mark().line >= 0 ? n.Mark().line + 1 : 0;
  if (depth > kMaxDepth) return ParseError(source, line, "nested too deeply");
  switch (n.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return YamlNode::Null(line);
    case YAML::NodeType::Scalar:
      // yaml-cpp tags a quoted (non-plain) scalar "!" and a plain one "?".
      return YamlNode::Scalar(n.Scalar(), n.Tag() == "!", line);
    case YAML::NodeType::Sequence: {
      std::vector<YamlNode> items;
      for (const auto& item : n) {
        NABIJ_ASSIGN_OR_RETURN(YamlNode c, Convert(item, source, depth + 1));
        items.push_back(std::move(c));
      }
      return YamlNode::Sequence(std::move(items), line);
    }
    case YAML::NodeType::Map: {
      std::vector<std::pair<std::string, YamlNode>> entries;
      std::vector<int> key_lines;
      std::set<std::string> seen;
      for (const auto& kv : n) {
        int kline = kv.first.Mark().line + 1;
        if (!kv.first.IsScalar()) return ParseError(source, kline, "a key must be a plain word");
        const std::string& key = kv.first.Scalar();
        if (!seen.insert(key).second) {
          return ParseError(source, kline, "the key '" + key + "' appears twice");
        }
        NABIJ_ASSIGN_OR_RETURN(YamlNode c, Convert(kv.second, source, depth + 1));
        entries.emplace_back(key, std::move(c));
        key_lines.push_back(kline);
      }
      return YamlNode::Map(std::move(entries), std::move(key_lines), line);
    }
  }
  return ParseError(source, line, "unknown YAML node");
}

}  // namespace

const YamlNode* YamlNode::Find(std::string_view key) const {
  for (const auto& [k, v] : entries_) {
    if (k == key) return &v;
  }
  return nullptr;
}

YamlNode YamlNode::Null(int line) {
  YamlNode n;
  n.line_ = line;
  return n;
}

YamlNode YamlNode::Scalar(std::string value, bool quoted, int line) {
  YamlNode n;
  n.kind_ = Kind::kScalar;
  n.scalar_ = std::move(value);
  n.quoted_ = quoted;
  n.line_ = line;
  return n;
}

YamlNode YamlNode::Sequence(std::vector<YamlNode> items, int line) {
  YamlNode n;
  n.kind_ = Kind::kSequence;
  n.items_ = std::move(items);
  n.line_ = line;
  return n;
}

YamlNode YamlNode::Map(std::vector<std::pair<std::string, YamlNode>> entries,
                       std::vector<int> key_lines, int line) {
  YamlNode n;
  n.kind_ = Kind::kMap;
  n.entries_ = std::move(entries);
  n.key_lines_ = std::move(key_lines);
  n.line_ = line;
  return n;
}

Result<YamlNode> ParseYaml(std::string_view text, std::string_view source_name) {
  if (text.size() > kMaxBytes) return ParseError(source_name, 0, "file larger than 4 MiB");
  // yaml-cpp recurses per nesting level while parsing; refuse deep bracket nesting up front so
  // that hostile input cannot exhaust the stack before our own depth check sees it.
  int depth = 0;
  int max_depth = 0;
  for (char c : text) {
    if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    if (c == ']' || c == '}') --depth;
  }
  if (max_depth > kMaxDepth) return ParseError(source_name, 0, "nested too deeply");
  // Block nesting: "- - - x" nests without brackets, and deep indentation nests too.
  int line_no = 1;
  size_t i = 0;
  while (i < text.size()) {
    int level = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i, ++level;
    while (i + 1 < text.size() && (text[i] == '-' || text[i] == '?' || text[i] == ':') &&
           text[i + 1] == ' ') {
      i += 2;
      level += kMaxDepth / 8;
    }
    if (level > kMaxDepth * 4) return ParseError(source_name, line_no, "nested too deeply");
    while (i < text.size() && text[i] != '\n') ++i;
    ++i;
    ++line_no;
  }
  try {
    YAML::Node root = YAML::Load(std::string(text));
    return Convert(root, source_name, 0);
  } catch (const YAML::Exception& e) {
    return ParseError(source_name, e.mark.line + 1, "not valid YAML: " + e.msg);
  } catch (const std::exception& e) {
    return ParseError(source_name, 0, std::string("not valid YAML: ") + e.what());
  }
}

}  // namespace nabij::rules
