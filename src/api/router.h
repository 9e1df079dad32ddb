// Router: nabijd's HTTP routes by method and path template, without any HTTP library.
//
// A route is registered as a method and a path template whose segments are literal text or a
// parameter in braces: "GET /api/v1/cases/{id}". That string is the route id: the key of the
// permission table (auth/permissions.h), of the request log and of api/openapi.yaml. Find matches
// a request's method and path (without the query string) against the templates: a template with
// more literal segments wins over one with a parameter in the same place; a path that matches a
// template under another method only is kMethodNotAllowed with the methods that are allowed (for
// the Allow header); otherwise kNotFound. Parameters are percent-decoded and never empty.
//
// Request and Response are the plain values that handlers see (http_server.cc fills and sends
// them); the views in a Request live as long as the handler call. Add is not thread-safe; after
// the routes are added, Find may be called from any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace nabij::api {

struct Request {
  std::string_view method;        // "GET"
  std::string_view path;          // "/api/v1/cases/17", no query
  std::string_view query;         // "q=jan&limit=5", without '?'
  std::string_view body;
  std::string_view content_type;  // the Content-Type header, "" when absent
  std::string_view cookie;        // the Cookie header
  std::string_view csrf_token;    // the X-CSRF-Token header
  std::string_view screen;        // the X-Nabij-Screen header (the web UI names its screen)
  std::string_view peer;          // the client's address, "127.0.0.1"
  std::string_view route;         // the matched route id
  std::vector<std::pair<std::string_view, std::string>> params;  // path parameters, decoded

  // The path parameter `name`, "" when the route has none of that name.
  std::string_view Param(std::string_view name) const;
  // The query parameter `name` (percent- and '+'-decoded), or nullopt-like "" with found=false.
  bool Query(std::string_view name, std::string* value) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // Set-Cookie, Content-Disposition, Allow
  std::vector<int64_t> case_ids_shown;  // cases whose data the body holds (for the access log)
  std::string user;                     // login name for the request log, "" when none
};

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::kNotFound;
    const std::string* route_id = nullptr;  // kFound: "GET /api/v1/cases/{id}"
    const Handler* handler = nullptr;        // kFound
    std::vector<std::pair<std::string_view, std::string>> params;  // kFound
    std::string allow;                       // kMethodNotAllowed: "GET, POST"
  };

  // Adds a route. kInvalidArgument for a template that does not start with '/', has an empty
  // segment or a malformed parameter; kAlreadyExists for a route id added before.
  Status Add(std::string_view method, std::string_view path_template, Handler handler);
  Match Find(std::string_view method, std::string_view path) const;
  // Every route id, in the order added.
  std::vector<std::string> RouteIds() const;

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter's name
    bool param = false;
  };
  struct Route {
    std::string method;
    std::string id;
    std::vector<Segment> segments;
    int literals = 0;
    Handler handler;
  };
  std::vector<std::unique_ptr<Route>> routes_;
};

// Decodes %XX escapes (and '+' as a space when `plus_is_space`). false for a malformed escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out);

}  // namespace nabij::api
