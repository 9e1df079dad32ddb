#include "base/status.h"

#include <gtest/gtest.h>

namespace nabij {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("odd", "x");
  return x / 2;
}

Result<int> Quarter(int x) {
  NABIJ_ASSIGN_OR_RETURN(int h, Half(x));
  NABIJ_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(Result, CarriesValueOrStatus) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field(), "x");
}

TEST(Status, ToStringNamesFieldAndLegalBasis) {
  Status s(ErrorCode::kRuleMissing, "no value on 2019-01-01", "pw.norm.x", "Pw art. 21 onder a");
  EXPECT_EQ(s.ToString(), "rule_missing: pw.norm.x: no value on 2019-01-01 (Pw art. 21 onder a)");
  EXPECT_EQ(Status().ToString(), "ok");
  EXPECT_EQ(InvalidArgument("bad", "birth_date").WithFieldPrefix("members[1]").field(),
            "members[1].birth_date");
  EXPECT_EQ(InvalidArgument("bad", "[2]").WithFieldPrefix("members").field(), "members[2]");
}

}  // namespace
}  // namespace nabij
