// JsonWriter: compact JSON written straight into a string, for the API's hot paths (the
// calculator answers with a decision and its trace tens of thousands of times a second; building
// an nlohmann tree first costs an allocation per value). The caller writes a well-formed document
// (keys only inside objects, at most kMaxDepth levels) with keys that are plain ASCII names
// needing no escapes (the code's own constants); the writer places the commas and escapes text
// values as RFC 8259 asks. Not thread-safe; one writer per document.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "base/check.h"

namespace nabij::api {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  static constexpr int kMaxDepth = 32;

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  // The key of the next value in an object: a constant name such as "net_wage", not escaped.
  JsonWriter& Key(std::string_view k) {
    Separate();
    out_ += '"';
    out_ += k;
    out_ += "\":";
    after_key_ = true;
    return *this;
  }
  JsonWriter& String(std::string_view s) {
    Separate();
    AppendString(s);
    return *this;
  }
  JsonWriter& Int(int64_t v) {
    Separate();
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, end);
    return *this;
  }
  JsonWriter& Bool(bool v) {
    Separate();
    out_ += v ? "true" : "false";
    return *this;
  }
  JsonWriter& Null() {
    Separate();
    out_ += "null";
    return *this;
  }
  // A complete JSON text written elsewhere, as the next value.
  JsonWriter& Raw(std::string_view json) {
    Separate();
    out_ += json;
    return *this;
  }

 private:
  JsonWriter& Open(char c) {
    Separate();
    out_ += c;
    NABIJ_CHECK(depth_ < kMaxDepth);
    first_[depth_++] = true;
    return *this;
  }
  JsonWriter& Close(char c) {
    out_ += c;
    NABIJ_CHECK(depth_ > 0);
    --depth_;
    return *this;
  }
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    if (!first_[depth_ - 1]) out_ += ',';
    first_[depth_ - 1] = false;
  }
  // Whether any of the 8 bytes of `v` needs an escape: a control character, '"' or '\\'.
  // (SWAR: a byte below 0x20, or equal to 0x22 or 0x5c, sets its high bit in the result.)
  static bool NeedsEscape8(uint64_t v) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHigh = 0x8080808080808080ULL;
    auto zero_byte = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
    uint64_t below_space = (v - kOnes * 0x20) & ~v & kHigh;
    return (below_space | zero_byte(v ^ (kOnes * '"')) | zero_byte(v ^ (kOnes * '\\'))) != 0;
  }

  void AppendString(std::string_view s) {
    out_ += '"';
    size_t run = 0;  // start of the characters not yet copied
    size_t i = 0;
    while (i < s.size()) {
      if (i + 8 <= s.size()) {
        uint64_t v;
        std::memcpy(&v, s.data() + i, 8);
        if (!NeedsEscape8(v)) {
          i += 8;
          continue;
        }
      }
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') {
        ++i;
        continue;
      }
      out_.append(s.data() + run, i - run);
      run = ++i;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 0xf];
        }
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string& out_;
  bool first_[kMaxDepth] = {};  // per open object or array: no value written yet
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace nabij::api
