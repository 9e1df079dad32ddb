// A small blocking HTTP/1.1 client over a POSIX socket, for the HTTP integration tests: it sends
// whatever bytes a test gives (also malformed requests) and reads one response at a time, so a
// test can use one keep-alive connection for several requests. Loopback only; one thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nabij::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; repeated headers joined by "\n"
  std::string body;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class HttpClient {
 public:
  explicit HttpClient(uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends raw bytes; false when the connection is gone.
  bool SendRaw(std::string_view bytes);
  // Reads one response; nullopt when the connection closed or `timeout_ms` passed first. The
  // response to a HEAD request has no body, whatever its Content-Length says.
  std::optional<HttpResponse> ReadResponse(int timeout_ms = 20'000, bool head = false);
  // True when the server closed the connection (a read returns end of file) within `timeout_ms`.
  bool ServerClosed(int timeout_ms = 5'000);

  // Sends a request with Host and Content-Length (when there is a body) and reads the response.
  // `headers` are added as given ("Cookie", "nabij_session=..."). Returns status 0 on failure.
  HttpResponse Request(std::string_view method, std::string_view target, std::string_view body = {},
                       const std::vector<std::pair<std::string, std::string>>& headers = {});

 private:
  int fd_ = -1;
  std::string buffer_;  // bytes read past the last response
};

// One request on a fresh connection.
HttpResponse Fetch(uint16_t port, std::string_view method, std::string_view target, std::string_view body = {},
                   const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace nabij::testing
