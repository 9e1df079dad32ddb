#include "api/json_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>

namespace nabij::api {
namespace {

TEST(JsonWriterTest, WritesCompactDocumentsWithCommas) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("a").Int(-12).Key("b").BeginArray().Bool(true).Null().String("x").EndArray();
  w.Key("c").BeginObject().EndObject().Key("d").Raw("[1,2]").EndObject();
  EXPECT_EQ(out, R"({"a":-12,"b":[true,null,"x"],"c":{},"d":[1,2]})");
}

TEST(JsonWriterTest, EscapesWhatJsonRequiresAndKeepsUtf8) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray().String("€ 1.401,50 \"quoted\" back\\slash\nnew\ttab\x01 and a long tail without escapes").EndArray();
  EXPECT_EQ(out, "[\"€ 1.401,50 \\\"quoted\\\" back\\\\slash\\nnew\\ttab\\u0001 and a long tail without escapes\"]");
}

TEST(JsonWriterTest, RandomTextRoundTripsThroughAParser) {
  std::mt19937 rng(7);
  const std::string alphabet = std::string("abc \"\\\n\t\x01\x1f") + "\xc3\xab" + "\xe2\x82\xac";
  for (int n = 0; n < 500; ++n) {
    std::string s;
    int len = static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
    // Keep it valid UTF-8: drop partial multi-byte sequences by using whole ones only.
    std::string valid;
    for (char c : s) {
      if (static_cast<unsigned char>(c) < 0x80) valid += c;
    }
    valid += "\xc3\xab\xe2\x82\xac";
    std::string out;
    JsonWriter(out).String(valid);
    auto parsed = nlohmann::json::parse(out);
    EXPECT_EQ(parsed.get<std::string>(), valid) << out;
  }
}

}  // namespace
}  // namespace nabij::api
