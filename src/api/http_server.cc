#include "api/http_server.h"

// g++ 12 in C++20 needs <utility> before the Asio headers (ARCHITECTURE.md, HTTP server).
#include <utility>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <list>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "base/clock.h"

namespace nabij::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
namespace fs = std::filesystem;

namespace {

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// One write per line: stderr is unbuffered, and lines of several threads must not mix.
void DefaultLog(std::string_view line) {
  std::string with_newline;
  with_newline.reserve(line.size() + 1);
  with_newline.append(line).push_back('\n');
  std::fwrite(with_newline.data(), 1, with_newline.size(), stderr);
}

Response ErrorResponse(int status, std::string_view code, std::string_view message) {
  Response r;
  r.status = status;
  r.body = ServerErrorJson(code, message);
  return r;
}

// The file under `root` that `path` ("/assets/app.js") names, or nullopt when the path tries to
// leave the root (".." segments, a symlink out of it) or is malformed.
std::optional<fs::path> StaticFile(const fs::path& root, std::string_view path) {
  std::string decoded;
  if (!PercentDecode(path, false, &decoded)) return std::nullopt;
  if (decoded.empty() || decoded[0] != '/' || decoded.find('\0') != std::string::npos ||
      decoded.find('\\') != std::string::npos) {
    return std::nullopt;
  }
  fs::path rel;
  std::string_view rest(decoded);
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") return std::nullopt;
    rel /= std::string(seg);
  }
  return root / rel;
}

bool IsInside(const fs::path& root, const fs::path& p) {
  std::error_code ec;
  fs::path canon_root = fs::canonical(root, ec);
  if (ec) return false;
  fs::path canon = fs::canonical(p, ec);
  if (ec) return false;
  auto r = canon_root.begin();
  auto c = canon.begin();
  for (; r != canon_root.end(); ++r, ++c) {
    if (c == canon.end() || *r != *c) return false;
  }
  return true;
}

bool ReadWholeFile(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = std::move(ss).str();
  return true;
}

// FormatUtc of now, formatted once per second per thread.
const std::string& CachedUtcNow() {
  constexpr int64_t kMillisPerSecond = 1000;
  thread_local int64_t second = -1;
  thread_local std::string text;
  int64_t now = SystemClock().NowUnixMillis() / kMillisPerSecond;
  if (now != second) {
    second = now;
    text = FormatUtc(now * kMillisPerSecond);
  }
  return text;
}

}  // namespace

std::string ServerErrorJson(std::string_view code, std::string_view message) {
  std::string out = "{\"error\":{\"code\":";
  AppendJsonString(out, code);
  out += ",\"message\":";
  AppendJsonString(out, message);
  out += "}}";
  return out;
}

std::string_view ContentTypeFor(std::string_view name) {
  struct Type {
    std::string_view ext, type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},          {".map", "application/json"},
      {".svg", "image/svg+xml"},              {".png", "image/png"},
      {".jpg", "image/jpeg"},                 {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},                {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},               {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},  {".pdf", "application/pdf"},
      {".yaml", "application/yaml"},          {".xml", "application/xml"},
  };
  size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string_view ext = name.substr(dot);
    for (const Type& t : kTypes) {
      if (t.ext.size() == ext.size() &&
          std::equal(ext.begin(), ext.end(), t.ext.begin(), [](char a, char b) { return std::tolower(a) == b; })) {
        return t.type;
      }
    }
  }
  return "application/octet-stream";
}

class Session;

struct HttpServer::Impl {
  Impl(const Router& r, ServerConfig c)
      : router(r),
        config(std::move(c)),
        io(config.threads),
        accept_strand(asio::make_strand(io)),
        acceptor(accept_strand),
        grace_timer(accept_strand) {
    if (!config.log) config.log = DefaultLog;
  }

  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void Reject(tcp::socket socket);
  void BeginShutdown();  // on accept_strand
  void SessionEnded();   // from any thread

  const Router& router;
  ServerConfig config;
  asio::io_context io;
  asio::strand<asio::io_context::executor_type> accept_strand;
  tcp::acceptor acceptor;
  asio::steady_timer grace_timer;
  std::optional<asio::signal_set> signals;
  std::vector<std::thread> threads;
  uint16_t port = 0;
  std::atomic<int> connections{0};
  std::atomic<bool> stopping{false};
  bool started = false;
  bool joined = false;
  std::mutex sessions_mu;
  std::list<std::weak_ptr<Session>> sessions;
};

// One connection: reads requests one after another, answers each, keeps alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(HttpServer::Impl& srv, tcp::socket socket)
      : srv_(srv), socket_(std::move(socket)), timer_(socket_.get_executor()) {
    beast::error_code ec;
    auto ep = socket_.remote_endpoint(ec);
    if (!ec) peer_ = ep.address().to_string();
    socket_.set_option(tcp::no_delay(true), ec);
  }
  ~Session() { srv_.SessionEnded(); }

  void Start() {
    asio::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Called when the server shuts down: an idle connection is closed, a busy one finishes.
  void PostShutdown() {
    asio::post(socket_.get_executor(), [self = shared_from_this()] { self->OnShutdown(); });
  }

 private:
  void OnShutdown() {
    if (reading_ && parser_ && !parser_->got_some()) {
      beast::error_code ec;
      socket_.cancel(ec);
    }
  }

  void Read() {
    if (srv_.stopping) return Close();
    parser_.emplace();
    parser_->body_limit(srv_.config.limits.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(srv_.config.limits.max_header_bytes));
    reading_ = true;
    timed_out_ = false;
    ArmDeadline();
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  // One timer per connection, armed lazily: reading a request and writing a response each must
  // finish by `deadline_`. Moving the deadline costs no timer operation; the timer, when it fires
  // early, waits again until the current deadline.
  void ArmDeadline() {
    deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(srv_.config.limits.request_timeout_ms);
    if (timer_armed_) return;
    timer_armed_ = true;
    timer_.expires_at(deadline_);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) { self->OnTimer(ec); });
  }

  void OnTimer(beast::error_code ec) {
    timer_armed_ = false;
    if (ec || closed_ || (!reading_ && !writing_)) return;
    if (std::chrono::steady_clock::now() < deadline_) {
      timer_armed_ = true;
      timer_.expires_at(deadline_);
      timer_.async_wait([self = shared_from_this()](beast::error_code e) { self->OnTimer(e); });
      return;
    }
    if (reading_) timed_out_ = true;
    beast::error_code ignored;
    socket_.cancel(ignored);  // the read or write ends with operation_aborted
  }

  void OnRead(beast::error_code ec) {
    reading_ = false;
    started_ = std::chrono::steady_clock::now();
    if (timed_out_) {
      if (parser_->got_some()) {
        return SendError(408, "request_timeout", "het verzoek kwam niet op tijd helemaal binnen");
      }
      return Close();
    }
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof) {
      return Close();
    }
    if (ec == http::error::body_limit) {
      return SendError(413, "payload_too_large",
                       "de inhoud van het verzoek is groter dan " +
                           std::to_string(srv_.config.limits.max_body_bytes) + " bytes");
    }
    if (ec == http::error::header_limit) {
      return SendError(431, "header_too_large",
                       "de kopregels van het verzoek zijn samen groter dan " +
                           std::to_string(srv_.config.limits.max_header_bytes) + " bytes");
    }
    if (ec) {
      if (parser_->got_some()) return SendError(400, "bad_request", "dit is geen geldig HTTP-verzoek");
      return Close();
    }
    Handle();
  }

  void Handle() {
    const auto& req = parser_->get();
    Request r;
    method_ = std::string(req.method_string());
    r.method = method_;
    std::string_view target(req.target().data(), req.target().size());
    size_t q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string_view::npos) r.query = target.substr(q + 1);
    r.body = req.body();
    auto header = [&](auto field) {
      auto it = req.find(field);
      return it == req.end() ? std::string_view() : std::string_view(it->value().data(), it->value().size());
    };
    r.content_type = header(http::field::content_type);
    r.cookie = header(http::field::cookie);
    r.csrf_token = header("X-CSRF-Token");
    r.screen = header("X-Nabij-Screen");
    r.peer = peer_;

    Response res;
    const bool api = r.path == "/api" || r.path.rfind("/api/", 0) == 0;
    if (api) {
      Router::Match m = srv_.router.Find(r.method, r.path);
      if (m.outcome == Router::Outcome::kNotFound) {
        route_ = "unmatched";
        res = ErrorResponse(404, "not_found", "deze API-route bestaat niet");
      } else if (m.outcome == Router::Outcome::kMethodNotAllowed) {
        route_ = "unmatched";
        res = ErrorResponse(405, "method_not_allowed", "deze route kent de methode " + method_ + " niet; wel: " + m.allow);
        res.headers.emplace_back("Allow", m.allow);
      } else {
        route_ = *m.route_id;
        r.route = route_;
        r.params = std::move(m.params);
        try {
          res = (*m.handler)(r);
        } catch (...) {  // the last-resort handler of a request: handlers return errors as values
          res = ErrorResponse(500, "internal", "er ging iets mis in de server; het verzoek is niet uitgevoerd");
        }
      }
    } else {
      route_ = "static";
      res = Static(r);
    }
    Send(std::move(res), req.keep_alive(), req.version(), r.method == "HEAD");
  }

  Response Static(const Request& r) {
    if (r.method != "GET" && r.method != "HEAD") {
      Response res = ErrorResponse(405, "method_not_allowed", "bestanden kunnen alleen worden opgehaald (GET)");
      res.headers.emplace_back("Allow", "GET, HEAD");
      return res;
    }
    const fs::path& root = srv_.config.web_dir;
    if (root.empty()) return ErrorResponse(404, "not_found", "deze server heeft geen webmap");
    std::optional<fs::path> file = StaticFile(root, r.path);
    if (!file) return ErrorResponse(404, "not_found", "dit bestand bestaat niet");
    std::error_code ec;
    if (fs::is_directory(*file, ec)) *file /= "index.html";
    if (!fs::is_regular_file(*file, ec)) {
      // A path of the single-page app ("/dossiers/17") is the app's own: it gets index.html.
      // A missing file with an extension ("/assets/gone.js") is a real 404.
      if (file->has_extension()) return ErrorResponse(404, "not_found", "dit bestand bestaat niet");
      *file = root / "index.html";
    }
    Response res;
    if (!IsInside(root, *file) || !ReadWholeFile(*file, &res.body)) {
      return ErrorResponse(404, "not_found", "dit bestand bestaat niet");
    }
    res.content_type = std::string(ContentTypeFor(file->filename().string()));
    // Hashed assets may be cached; index.html must not be, or a new build is not seen.
    bool hashed = r.path.rfind("/assets/", 0) == 0;
    res.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    return res;
  }

  void SendError(int status, std::string_view code, const std::string& message) {
    route_ = "-";
    if (method_.empty() && parser_ && parser_->is_header_done()) method_ = std::string(parser_->get().method_string());
    Send(ErrorResponse(status, code, message), false, 11, false);
  }

  void Send(Response res, bool keep_alive, unsigned version, bool head) {
    auto out = std::make_shared<http::response<http::string_body>>();
    out->version(version);
    out->result(static_cast<unsigned>(res.status));
    if (!res.content_type.empty()) out->set(http::field::content_type, res.content_type);
    out->set("X-Content-Type-Options", "nosniff");
    out->set("X-Frame-Options", "DENY");  // no page of nabij inside another site's frame
    out->set("Referrer-Policy", "no-referrer");
    if (route_ != "static") out->set(http::field::cache_control, "no-store");
    for (auto& [k, v] : res.headers) out->insert(k, v);
    keep_alive_ = keep_alive && !srv_.stopping;
    out->keep_alive(keep_alive_);
    status_ = res.status;
    user_ = std::move(res.user);
    bytes_ = res.body.size();
    if (head) {
      out->content_length(res.body.size());
    } else {
      out->body() = std::move(res.body);
      out->prepare_payload();
    }
    writing_ = true;
    ArmDeadline();
    http::async_write(socket_, *out, [self = shared_from_this(), out](beast::error_code ec, size_t) {
      self->writing_ = false;
      self->OnWrite(ec);
    });
  }

  void OnWrite(beast::error_code ec) {
    Log();
    method_.clear();
    if (ec || !keep_alive_) return Close();
    Read();
  }

  void Log() {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    std::string line;
    line.reserve(160);
    line += "{\"ts\":\"";
    line += CachedUtcNow();
    line += "\",\"method\":";
    AppendJsonString(line, method_.empty() ? "-" : method_);
    line += ",\"route\":";
    AppendJsonString(line, route_);
    char num[64];
    std::snprintf(num, sizeof num, ",\"status\":%d,\"ms\":%.3f,\"bytes\":%zu", status_, ms, bytes_);
    line += num;
    if (!user_.empty()) {
      line += ",\"user\":";
      AppendJsonString(line, user_);
    }
    line += '}';
    srv_.config.log(line);
  }

  void Close() {
    beast::error_code ec;
    closed_ = true;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    socket_.close(ec);
    timer_.cancel();
  }

  HttpServer::Impl& srv_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::chrono::steady_clock::time_point deadline_;
  bool timer_armed_ = false;
  bool writing_ = false;
  bool closed_ = false;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string peer_;
  bool reading_ = false;
  bool timed_out_ = false;
  bool keep_alive_ = true;
  std::chrono::steady_clock::time_point started_;
  std::string method_;
  std::string route_;
  std::string user_;
  int status_ = 0;
  size_t bytes_ = 0;
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    OnAccept(ec, std::move(socket));
  });
}

void HttpServer::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (stopping || !acceptor.is_open()) return;
  if (!ec) {
    if (connections.load() >= config.limits.max_connections) {
      Reject(std::move(socket));
    } else {
      ++connections;
      auto s = std::make_shared<Session>(*this, std::move(socket));
      {
        std::lock_guard<std::mutex> lock(sessions_mu);
        // Drop entries of sessions that have ended.
        for (auto it = sessions.begin(); it != sessions.end();) {
          it = it->expired() ? sessions.erase(it) : std::next(it);
        }
        sessions.push_back(s);
      }
      s->Start();
    }
  }
  Accept();
}

void HttpServer::Impl::Reject(tcp::socket socket) {
  static const std::string kBody = ServerErrorJson("unavailable", "de server heeft het te druk; probeer het zo opnieuw");
  static const std::string kResponse = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                                       "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
                                       std::to_string(kBody.size()) + "\r\n\r\n" + kBody;
  auto sock = std::make_shared<tcp::socket>(std::move(socket));
  asio::async_write(*sock, asio::buffer(kResponse), [this, sock](beast::error_code, size_t) {
    beast::error_code ec;
    sock->shutdown(tcp::socket::shutdown_send, ec);
    sock->close(ec);
    config.log("{\"ts\":\"" + FormatUtc(SystemClock().NowUnixMillis()) +
               "\",\"method\":\"-\",\"route\":\"-\",\"status\":503,\"ms\":0,\"bytes\":" + std::to_string(kBody.size()) +
               "}");
  });
}

void HttpServer::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  beast::error_code ec;
  acceptor.close(ec);
  if (signals) signals->cancel(ec);
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(sessions_mu);
    for (auto& w : sessions) {
      if (auto s = w.lock()) live.push_back(std::move(s));
    }
    sessions.clear();
  }
  for (auto& s : live) s->PostShutdown();
  if (connections.load() == 0) return;
  grace_timer.expires_after(std::chrono::milliseconds(config.limits.shutdown_grace_ms));
  grace_timer.async_wait([this](beast::error_code e) {
    if (!e) io.stop();  // requests still running after the grace period are cut
  });
}

void HttpServer::Impl::SessionEnded() {
  if (connections.fetch_sub(1) == 1 && stopping) {
    asio::post(accept_strand, [this] { grace_timer.cancel(); });
  }
}

HttpServer::HttpServer(const Router& router, ServerConfig config)
    : impl_(std::make_unique<Impl>(router, std::move(config))) {}

HttpServer::~HttpServer() {
  if (impl_->started) {
    Shutdown();
    Wait();
  }
}

Status HttpServer::Start() {
  Impl& s = *impl_;
  beast::error_code ec;
  auto address = asio::ip::make_address(s.config.address, ec);
  if (ec) return InvalidArgument("not an IP address: " + s.config.address, "address");
  tcp::endpoint ep(address, s.config.port);
  s.acceptor.open(ep.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(ep, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status(ErrorCode::kIo,
                  "cannot listen on " + s.config.address + ":" + std::to_string(s.config.port) + ": " + ec.message(),
                  "port");
  }
  s.port = s.acceptor.local_endpoint().port();
  s.Accept();
  int n = s.config.threads < 1 ? 1 : s.config.threads;
  s.started = true;
  for (int i = 0; i < n; ++i) {
    s.threads.emplace_back([&s] {
      for (;;) {
        try {
          s.io.run();
          return;
        } catch (...) {
          // A handler escaped the per-request catch: keep serving the other connections.
        }
      }
    });
  }
  return Status::Ok();
}

uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::HandleSignals() {
  Impl& s = *impl_;
  asio::post(s.accept_strand, [&s] {
    if (s.stopping) return;
    s.signals.emplace(s.accept_strand, SIGINT, SIGTERM);
    s.signals->async_wait([&s](beast::error_code ec, int) {
      if (!ec) s.BeginShutdown();
    });
  });
}

void HttpServer::Shutdown() {
  Impl& s = *impl_;
  asio::post(s.accept_strand, [&s] { s.BeginShutdown(); });
}

void HttpServer::Wait() {
  Impl& s = *impl_;
  if (s.joined) return;
  for (auto& t : s.threads) t.join();
  s.joined = true;
}

}  // namespace nabij::api
