// ServerApp: nabijd assembled: the rules, the SQLite connections, the accounts, the API service,
// the router and the HTTP server, made in one place and owned together (no globals).
//
// nabijd's main() reads the settings (ServerSettingsFrom: configuration file, environment,
// command line) and runs one; the HTTP integration tests run one in-process on port 0 with a
// temporary database. Open migrates the database, adds demo cases when asked and the database
// has none, and creates the first administrator when there is no account yet (its one-time
// password is returned once, to be shown on the terminal and nowhere else). docs/server.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/http_server.h"
#include "app/args.h"
#include "base/status.h"
#include "payments/payment_run.h"

namespace nabij::app {

struct ServerSettings {
  std::filesystem::path db = "nabij.db";
  std::filesystem::path rules;  // the rules tree
  api::ServerConfig http;
  bool demo = false;
  int64_t demo_households = 2000;
  int64_t demo_applications = 40;  // taken in with --demo: about half wait in the work queue
  int64_t demo_debt_dossiers = 20;  // debt fund dossiers with --demo
  bool tls = false;  // behind a TLS proxy: Secure __Host- cookies
  std::string request_log = "stderr";  // "stderr", "off" or a file
  payments::ExportSettings sepa;
  bool help = false;
};

// The settings from the configuration file (--config or NABIJ_CONFIG; key=value or key: value
// lines), overridden by the environment (NABIJ_PORT, NABIJ_DB, ...), overridden by `argv`.
// kInvalidArgument naming the option for anything unknown or out of range; kIo for an unreadable
// configuration file.
Result<ServerSettings> ServerSettingsFrom(const std::vector<std::string>& argv);
// The usage text of nabijd (Dutch).
const char* ServerUsage();

class ServerApp {
 public:
  // Opens everything and prints what a person starting the server should know (demo cases made)
  // to `out`. Returns the first error: settings, rules, database, routes.
  static Result<std::unique_ptr<ServerApp>> Open(const ServerSettings& settings, std::ostream& out);
  ~ServerApp();

  // Listens and serves on the worker threads (returns at once).
  Status Start();
  uint16_t port() const;
  // The first administrator's one-time password when Open created the account, else empty.
  const std::optional<std::string>& one_time_password() const;
  void HandleSignals();
  void Shutdown();
  void Wait();
  // Every route the router serves ("GET /api/v1/cases/{id}"), in table order.
  std::vector<std::string> RouteIds() const;

  struct Parts;  // server_app.cc

 private:
  explicit ServerApp(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> p_;
};

}  // namespace nabij::app
