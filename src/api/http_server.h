// HttpServer: nabijd's HTTP/1.1 server. The only code that uses Boost.Beast and Asio.
//
// It reads requests, hands each to the Router (api/router.h) and writes the Response; paths
// outside /api/ are static files from the web directory (the built UI), with index.html for the
// single-page app's own paths. N worker threads run one io_context; each connection is served
// on its own strand, and keeps alive between requests (HTTP/1.1 default) until the client closes,
// a limit is hit or the server shuts down. Handlers run on the worker threads and must be
// thread-safe.
//
// Limits (ServerLimits), each answered with a JSON error and the connection closed:
//   413  a body longer than max_body_bytes (by Content-Length, or while it is read)
//   431  request line and headers longer than max_header_bytes
//   408  a request not read completely within request_timeout_ms of the server starting to wait
//        for it (a keep-alive connection that sends nothing in that time is closed without one)
//   503  a new connection beyond max_connections (answered and closed at once)
//   404  a path that matches no route (JSON for /api/, also for a missing static file)
//   405  a route path with a method it does not serve, with the Allow header
//   400  a request that is not HTTP
// A handler that throws gets 500 (the last-resort handler; handlers return errors as values).
//
// Shutdown (Shutdown(), or SIGINT/SIGTERM after HandleSignals) stops accepting, lets every request
// in flight finish and be answered (with Connection: close), closes idle connections, and makes
// Wait return; connections still busy after shutdown_grace_ms are cut.
//
// The request log: one JSON line per request through ServerConfig::log (stderr by default):
// {"ts":"2026-12-03T06:00:00.123Z","method":"GET","route":"GET /api/v1/cases/{id}","status":200,
//  "ms":0.84,"bytes":2048,"user":"k.jansen"}. It names the route template, never the concrete
// path, query or body, so no id, name or BSN of a client reaches it; the user is a login name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "api/router.h"
#include "base/status.h"

namespace nabij::api {

struct ServerLimits {
  size_t max_body_bytes = 1 << 20;       // 1 MiB: a household document is at most that too
  size_t max_header_bytes = 16 * 1024;   // request line and headers
  int request_timeout_ms = 10'000;       // to read one request, from the start of waiting for it
  int max_connections = 1024;            // open connections at once
  int shutdown_grace_ms = 30'000;        // requests in flight may finish within this
};

struct ServerConfig {
  std::string address = "127.0.0.1";  // "0.0.0.0" or "::" to listen on every interface
  uint16_t port = 0;                   // 0: the system picks a free port (see HttpServer::port)
  int threads = 2;                     // worker threads on the io_context
  std::filesystem::path web_dir;       // static files; empty: none (every non-API path is 404)
  ServerLimits limits;
  // Receives each request log line (without newline). Default: a line on stderr.
  std::function<void(std::string_view)> log;
};

class HttpServer {
 public:
  // `router` must outlive the server and not change while it runs.
  HttpServer(const Router& router, ServerConfig config);
  ~HttpServer();  // shuts down and waits
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the worker threads. kInvalidArgument for an address that is not
  // an IP address, kIo when the port cannot be bound.
  Status Start();
  // The port listened on (the chosen one when the config said 0); valid after Start.
  uint16_t port() const;
  // SIGINT and SIGTERM start a graceful shutdown. Call after Start.
  void HandleSignals();
  // Starts a graceful shutdown; returns at once. Safe from any thread, more than once.
  void Shutdown();
  // Blocks until the server has shut down and its threads have ended.
  void Wait();

  struct Impl;  // http_server.cc only

 private:
  std::unique_ptr<Impl> impl_;
};

// The content type served for a file name's extension ("index.html" -> "text/html; charset=utf-8").
std::string_view ContentTypeFor(std::string_view file_name);

// {"error":{"code":CODE,"message":MESSAGE}} for the server's own errors (413, 431, ...).
std::string ServerErrorJson(std::string_view code, std::string_view message);

}  // namespace nabij::api
