// api/openapi.yaml and the running server agree in both directions: every operation in the spec
// is a route the router serves (and the running server answers it with something other than
// 404 or 405), and every route the router serves is in the spec.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "test_server.h"

namespace nabij::testing {
namespace {

std::set<std::string> SpecOperations() {
  YAML::Node spec = YAML::LoadFile(std::string(NABIJ_SOURCE_DIR) + "/api/openapi.yaml");
  EXPECT_EQ(spec["openapi"].as<std::string>().substr(0, 4), "3.0.");
  std::set<std::string> ops;
  for (const auto& path : spec["paths"]) {
    std::string p = path.first.as<std::string>();
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters" || method == "summary" || method == "description") continue;
      std::transform(method.begin(), method.end(), method.begin(), ::toupper);
      ops.insert(method + " " + p);
    }
  }
  return ops;
}

// The route with its parameters filled in.
std::string Concrete(const std::string& path) {
  std::string out = path;
  for (auto [from, to] : {std::pair<std::string, std::string>{"{id}", "1"}, {"{month}", "2026-01"}, {"{name}", "niemand"},
                          {"{letter}", "1"}}) {
    for (size_t at; (at = out.find(from)) != std::string::npos;) out.replace(at, from.size(), to);
  }
  return out;
}

TEST(OpenApiTest, EverySpecOperationIsServedAndEveryRouteIsInTheSpec) {
  TestServer srv;
  std::set<std::string> spec = SpecOperations();
  ASSERT_FALSE(spec.empty());
  std::vector<std::string> served = srv.app().RouteIds();
  std::set<std::string> router(served.begin(), served.end());
  for (const std::string& op : spec) EXPECT_TRUE(router.count(op)) << "in api/openapi.yaml, not served: " << op;
  for (const std::string& r : router) EXPECT_TRUE(spec.count(r)) << "served, not in api/openapi.yaml: " << r;

  // The running server: each operation is answered by its handler or the guard, never by the
  // router's 404 or 405 (no session: routes behind the guard answer 401).
  for (const std::string& op : spec) {
    std::string method = op.substr(0, op.find(' '));
    std::string path = Concrete(op.substr(op.find(' ') + 1));
    HttpResponse r = Fetch(srv.port(), method, path, {}, {{"Content-Type", "application/json"}});
    EXPECT_NE(r.status, 405) << op;
    EXPECT_NE(r.status, 0) << op;
    EXPECT_TRUE(r.status != 404 || r.body.find("deze API-route bestaat niet") == std::string::npos) << op;
    EXPECT_LT(r.status, 500) << op << " " << r.body;
  }
}

}  // namespace
}  // namespace nabij::testing
