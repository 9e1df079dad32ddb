#include "api/router.h"

#include <gtest/gtest.h>

namespace nabij::api {
namespace {

Handler Named(std::string name) {
  return [name](const Request&) {
    Response r;
    r.body = name;
    return r;
  };
}

TEST(RouterTest, MatchesTemplatesAndDecodesParameters) {
  Router r;
  ASSERT_TRUE(r.Add("GET", "/api/v1/cases", Named("list")).ok());
  ASSERT_TRUE(r.Add("GET", "/api/v1/cases/{id}", Named("one")).ok());
  ASSERT_TRUE(r.Add("POST", "/api/v1/users/{name}/disable", Named("disable")).ok());
  auto m = r.Find("GET", "/api/v1/cases/17");
  ASSERT_EQ(m.outcome, Router::Outcome::kFound);
  EXPECT_EQ(*m.route_id, "GET /api/v1/cases/{id}");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "id");
  EXPECT_EQ(m.params[0].second, "17");
  Request req;
  req.params = m.params;
  EXPECT_EQ((*m.handler)(req).body, "one");

  m = r.Find("POST", "/api/v1/users/k.jansen%2Dx/disable");
  ASSERT_EQ(m.outcome, Router::Outcome::kFound);
  EXPECT_EQ(m.params[0].second, "k.jansen-x");
}

TEST(RouterTest, LiteralSegmentsWinOverParameters) {
  Router r;
  ASSERT_TRUE(r.Add("GET", "/a/{x}", Named("param")).ok());
  ASSERT_TRUE(r.Add("GET", "/a/b", Named("literal")).ok());
  auto m = r.Find("GET", "/a/b");
  ASSERT_EQ(m.outcome, Router::Outcome::kFound);
  EXPECT_EQ(*m.route_id, "GET /a/b");
  m = r.Find("GET", "/a/c");
  ASSERT_EQ(m.outcome, Router::Outcome::kFound);
  EXPECT_EQ(*m.route_id, "GET /a/{x}");
}

TEST(RouterTest, UnknownPathIsNotFoundAndWrongMethodListsAllowed) {
  Router r;
  ASSERT_TRUE(r.Add("GET", "/api/v1/session", Named("get")).ok());
  ASSERT_TRUE(r.Add("POST", "/api/v1/session", Named("post")).ok());
  ASSERT_TRUE(r.Add("DELETE", "/api/v1/session", Named("delete")).ok());
  EXPECT_EQ(r.Find("GET", "/api/v1/nope").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(r.Find("GET", "/api/v1/session/").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(r.Find("GET", "/api/v1//session").outcome, Router::Outcome::kNotFound);
  auto m = r.Find("PATCH", "/api/v1/session");
  EXPECT_EQ(m.outcome, Router::Outcome::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "GET, POST, DELETE");
}

TEST(RouterTest, RefusesBadTemplatesAndDuplicates) {
  Router r;
  EXPECT_EQ(r.Add("GET", "api/v1", Named("x")).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.Add("GET", "/a//b", Named("x")).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.Add("GET", "/a/{}", Named("x")).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.Add("GET", "/a/{x", Named("x")).code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(r.Add("GET", "/a", Named("x")).ok());
  EXPECT_EQ(r.Add("GET", "/a", Named("y")).code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(r.RouteIds(), std::vector<std::string>{"GET /a"});
}

TEST(RouterTest, QueryParametersAreDecoded) {
  Request req;
  req.query = "q=van+der%20berg&limit=5&flag";
  std::string v;
  ASSERT_TRUE(req.Query("q", &v));
  EXPECT_EQ(v, "van der berg");
  ASSERT_TRUE(req.Query("limit", &v));
  EXPECT_EQ(v, "5");
  ASSERT_TRUE(req.Query("flag", &v));
  EXPECT_EQ(v, "");
  EXPECT_FALSE(req.Query("nope", &v));
}

TEST(RouterTest, PercentDecodeRefusesMalformedEscapes) {
  std::string out;
  EXPECT_FALSE(PercentDecode("%", false, &out));
  EXPECT_FALSE(PercentDecode("%4", false, &out));
  EXPECT_FALSE(PercentDecode("%zz", false, &out));
  ASSERT_TRUE(PercentDecode("%41b+", false, &out));
  EXPECT_EQ(out, "Ab+");
}

}  // namespace
}  // namespace nabij::api
