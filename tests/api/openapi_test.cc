// api/openapi.yaml and the running server agree in both directions: every operation in the spec
// is a route the router serves (and the running server answers it with something other than
// 404 or 405), and every route the router serves is in the spec.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "rules/yaml_doc.h"
#include "test_server.h"

namespace nabij::testing {
namespace {

// "GET /api/v1/cases/{id}" for every operation in api/openapi.yaml (read through nabij's one
// YAML adapter).
std::set<std::string> SpecOperations() {
  std::ifstream in(std::string(NABIJ_SOURCE_DIR) + "/api/openapi.yaml");
  std::stringstream text;
  text << in.rdbuf();
  auto spec = rules::ParseYaml(text.str(), "api/openapi.yaml");
  EXPECT_TRUE(spec.ok()) << spec.status().ToString();
  std::set<std::string> ops;
  if (!spec.ok()) return ops;
  const rules::YamlNode* version = spec->Find("openapi");
  EXPECT_TRUE(version != nullptr && version->scalar().rfind("3.0.", 0) == 0);
  const rules::YamlNode* paths = spec->Find("paths");
  EXPECT_TRUE(paths != nullptr && paths->is_map());
  if (paths == nullptr) return ops;
  for (const auto& [path, item] : paths->entries()) {
    for (const auto& [key, op] : item.entries()) {
      std::string method = key;
      if (method == "parameters" || method == "summary" || method == "description") continue;
      std::transform(method.begin(), method.end(), method.begin(), ::toupper);
      ops.insert(method + " " + path);
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
