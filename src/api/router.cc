#include "api/router.h"

#include <algorithm>

namespace nabij::api {
namespace {

// Splits "/a/b/c" into {"a", "b", "c"}; "/" gives one empty segment.
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path[0] != '/') return out;
  size_t start = 1;
  for (;;) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      out.push_back(path.substr(start));
      return out;
    }
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

std::string_view Request::Param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return {};
}

bool Request::Query(std::string_view name, std::string* value) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    if (key != name) continue;
    std::string_view raw = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (!PercentDecode(raw, true, value)) value->assign(raw);
    return true;
  }
  return false;
}

Status Router::Add(std::string_view method, std::string_view path_template, Handler handler) {
  auto route = std::make_unique<Route>();
  route->method = std::string(method);
  route->id = std::string(method) + " " + std::string(path_template);
  route->handler = std::move(handler);
  if (method.empty() || path_template.empty() || path_template[0] != '/') {
    return InvalidArgument("a route is a method and a path that starts with '/': " + route->id, "route");
  }
  for (std::string_view seg : Split(path_template)) {
    if (seg.empty()) return InvalidArgument("a route has no empty path segments: " + route->id, "route");
    if (seg.front() == '{' || seg.back() == '}') {
      if (seg.size() < 3 || seg.front() != '{' || seg.back() != '}') {
        return InvalidArgument("a path parameter is written {name}: " + route->id, "route");
      }
      route->segments.push_back({std::string(seg.substr(1, seg.size() - 2)), true});
    } else {
      route->segments.push_back({std::string(seg), false});
      ++route->literals;
    }
  }
  for (const auto& r : routes_) {
    if (r->id == route->id) return Status(ErrorCode::kAlreadyExists, "the route is added twice: " + route->id, "route");
  }
  routes_.push_back(std::move(route));
  return Status::Ok();
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match m;
  std::vector<std::string_view> segs = Split(path);
  const Route* best = nullptr;
  for (const auto& r : routes_) {
    if (r->segments.size() != segs.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const Segment& s = r->segments[i];
      ok = s.param ? !segs[i].empty() : s.text == segs[i];
    }
    if (!ok) continue;
    if (r->method != method) {
      if (m.allow.find(r->method) == std::string::npos) {
        if (!m.allow.empty()) m.allow += ", ";
        m.allow += r->method;
      }
      continue;
    }
    if (best == nullptr || r->literals > best->literals) best = r.get();
  }
  if (best == nullptr) {
    m.outcome = m.allow.empty() ? Outcome::kNotFound : Outcome::kMethodNotAllowed;
    return m;
  }
  for (size_t i = 0; i < segs.size(); ++i) {
    const Segment& s = best->segments[i];
    if (!s.param) continue;
    std::string decoded;
    if (!PercentDecode(segs[i], false, &decoded)) decoded.assign(segs[i]);
    m.params.emplace_back(s.text, std::move(decoded));
  }
  m.outcome = Outcome::kFound;
  m.route_id = &best->id;
  m.handler = &best->handler;
  m.allow.clear();
  return m;
}

std::vector<std::string> Router::RouteIds() const {
  std::vector<std::string> ids;
  ids.reserve(routes_.size());
  for (const auto& r : routes_) ids.push_back(r->id);
  return ids;
}

}  // namespace nabij::api
