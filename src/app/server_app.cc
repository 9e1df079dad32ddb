#include "app/server_app.h"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "api/router.h"
#include "api/service.h"
#include "app/db_setup.h"
#include "auth/access_log.h"
#include "auth/accounts.h"
#include "auth/guard.h"
#include "auth/rate_limiter.h"
#include "auth/sessions.h"
#include "base/clock.h"
#include "store/sqlite/auth_store.h"
#include "store/sqlite/database.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/case_store.h"
#include "store/sqlite/debt_store.h"
#include "store/sqlite/run_store.h"

namespace nabij::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage = R"(nabijd — de nabij-server (JSON-API en web-UI)

Gebruik: nabijd [OPTIES]
  --db BESTAND             SQLite-database (standaard nabij.db)
  --port N                 TCP-poort; 0 kiest een vrije poort en drukt die af (standaard 8080)
  --address ADRES          luisteradres (standaard 127.0.0.1; 0.0.0.0 voor alle interfaces)
  --threads N              werkthreads (standaard: aantal processorkernen, minstens 2)
  --web-dir MAP            de gebouwde web-UI (standaard web/dist van de broncode, als die bestaat)
  --demo                   lege database: vult die met synthetische demodossiers
  --demo-households N      aantal demodossiers (standaard 2000)
  --demo-applications N    aantal demo-aanvragen, de helft in de werkvoorraad (standaard 40)
  --demo-debt-dossiers N   aantal demo-schuldendossiers (standaard 20)
  --config BESTAND         instellingen als key=value of key: value (YAML), één per regel
  --rules MAP              de regels (standaard $NABIJ_RULES of rules/ van de broncode)
  --request-log stderr|off|BESTAND   waar de verzoeklog heen gaat (standaard stderr)
  --tls true               achter een TLS-proxy: sessiecookie met Secure en __Host-
  --max-body-bytes N, --max-header-bytes N, --request-timeout-ms N, --max-connections N,
  --shutdown-grace-ms N    grenzen (docs/server.md)
  --debtor-name, --debtor-iban, --debtor-bic, --schemas   de rekening van de gemeente voor SEPA
Elke optie kan ook in de omgeving: NABIJ_PORT, NABIJ_DB, NABIJ_WEB_DIR, ... (opdrachtregel gaat voor
omgeving, omgeving voor het configuratiebestand).
)";

// Every setting nabijd knows; the command line, the environment (NABIJ_ + upper case, '-' -> '_')
// and the configuration file use these names.
const std::vector<std::string> kKeys = {
    "db", "rules", "port", "address", "threads", "web-dir", "demo", "demo-households", "demo-applications", "demo-debt-dossiers", "request-log", "tls",
    "max-body-bytes", "max-header-bytes", "request-timeout-ms", "max-connections", "shutdown-grace-ms",
    "debtor-name", "debtor-iban", "debtor-bic", "schemas", "config",
};

bool KnownKey(const std::string& k) { return std::find(kKeys.begin(), kKeys.end(), k) != kKeys.end(); }

std::string EnvName(const std::string& key) {
  std::string env = "NABIJ_";
  for (char c : key) env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return env;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// key=value or key: value lines; '#' starts a comment; quotes around a value are removed.
Result<std::map<std::string, std::string>> ReadConfigFile(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::kIo, "cannot read the configuration file " + path.string(), "config");
  std::map<std::string, std::string> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string where = path.string() + ":" + std::to_string(n);
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    line = Trim(line);
    if (line.empty() || line == "---") continue;
    size_t sep = line.find_first_of("=:");
    if (sep == std::string::npos) return InvalidArgument(where + ": expected key=value or key: value", "config");
    std::string key = Trim(line.substr(0, sep));
    std::string value = Trim(line.substr(sep + 1));
    for (char& c : key) c = c == '_' ? '-' : c;
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    if (!KnownKey(key) || key == "config") return InvalidArgument(where + ": unknown setting '" + key + "'", "config");
    out[key] = value;
  }
  return out;
}

Result<bool> BoolSetting(const Args& a, const std::string& key) {
  auto it = a.options.find(key);
  if (it == a.options.end()) return false;
  const std::string& v = it->second;
  if (v.empty() || v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  return InvalidArgument("--" + key + " is true or false", key);
}

// The audit trail shared by the request threads: one connection, one at a time.
class LockedEventLog final : public EventLog {
 public:
  explicit LockedEventLog(store::SqliteDatabase& db) : log_(db) {}
  Status Append(const Event& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    return log_.Append(e);
  }
  Result<std::vector<Event>> List(int64_t case_id, int limit) override {
    std::lock_guard<std::mutex> lock(mu_);
    return log_.List(case_id, limit);
  }

 private:
  std::mutex mu_;
  store::SqliteEventLog log_;
};

// Client files for the request threads: a pool of read connections, each with its own store, so
// that opening files runs in parallel (SQLite's WAL lets readers run beside the writer).
class PooledCaseFiles final : public payments::CaseFiles {
 public:
  static Result<std::unique_ptr<PooledCaseFiles>> Open(const fs::path& path, int n) {
    auto pool = std::unique_ptr<PooledCaseFiles>(new PooledCaseFiles());
    for (int i = 0; i < n; ++i) {
      NABIJ_ASSIGN_OR_RETURN(auto db, OpenDatabase(path, false));
      auto store = std::make_unique<store::SqliteRunStore>(*db);
      pool->free_.push_back(store.get());
      pool->dbs_.push_back(std::move(db));
      pool->stores_.push_back(std::move(store));
    }
    return pool;
  }
  Result<std::vector<payments::CaseSummary>> SearchCases(const payments::CaseQuery& q) override {
    Lease l(*this);
    return l.store->SearchCases(q);
  }
  Result<std::optional<payments::CaseFile>> LoadCaseFile(int64_t id) override {
    Lease l(*this);
    return l.store->LoadCaseFile(id);
  }

 private:
  PooledCaseFiles() = default;
  struct Lease {
    explicit Lease(PooledCaseFiles& p) : pool(p) {
      std::unique_lock<std::mutex> lock(pool.mu_);
      pool.cv_.wait(lock, [&] { return !pool.free_.empty(); });
      store = pool.free_.back();
      pool.free_.pop_back();
    }
    ~Lease() {
      {
        std::lock_guard<std::mutex> lock(pool.mu_);
        pool.free_.push_back(store);
      }
      pool.cv_.notify_one();
    }
    PooledCaseFiles& pool;
    store::SqliteRunStore* store = nullptr;
  };
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<store::SqliteRunStore*> free_;
  std::vector<std::unique_ptr<store::SqliteDatabase>> dbs_;
  std::vector<std::unique_ptr<store::SqliteRunStore>> stores_;
};

// Whether the database holds no case yet.
Result<bool> NoCases(store::SqliteDatabase& db) {
  NABIJ_ASSIGN_OR_RETURN(store::Statement s, db.Prepare("SELECT 1 FROM cases LIMIT 1"));
  NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
  return !row;
}

// The settings: the file, overridden by the environment, overridden by the command line.
Result<Args> Settings(const std::vector<std::string>& argv) {
  NABIJ_ASSIGN_OR_RETURN(Args cli, ParseArgs(argv, {"demo", "help"}));
  if (!cli.positional.empty()) return InvalidArgument("nabijd takes no arguments, only options: " + cli.positional[0]);
  for (const auto& [k, v] : cli.options) {
    if (!KnownKey(k) && k != "help") return InvalidArgument("unknown option --" + k, k);
  }
  Args merged;
  std::string config = TextOption(cli, "config", "");
  if (config.empty()) {
    if (const char* env = std::getenv("NABIJ_CONFIG"); env != nullptr) config = env;
  }
  if (!config.empty()) {
    NABIJ_ASSIGN_OR_RETURN(auto file, ReadConfigFile(config));
    merged.options = std::move(file);
  }
  for (const std::string& k : kKeys) {
    if (const char* env = std::getenv(EnvName(k).c_str()); env != nullptr && *env != '\0') merged.options[k] = env;
  }
  for (const auto& [k, v] : cli.options) merged.options[k] = v;
  return merged;
}

}  // namespace

const char* ServerUsage() { return kUsage; }

Result<ServerSettings> ServerSettingsFrom(const std::vector<std::string>& argv) {
  NABIJ_ASSIGN_OR_RETURN(Args a, Settings(argv));
  ServerSettings s;
  s.help = a.options.count("help") != 0;
  constexpr int64_t kDefaultPort = 8080;
  constexpr int64_t kMaxThreads = 256;
  NABIJ_ASSIGN_OR_RETURN(int64_t port, NumberOption(a, "port", kDefaultPort, 0, 65535));
  const int64_t cores = std::max<int64_t>(2, std::thread::hardware_concurrency());
  NABIJ_ASSIGN_OR_RETURN(int64_t threads, NumberOption(a, "threads", cores, 1, kMaxThreads));
  NABIJ_ASSIGN_OR_RETURN(s.demo, BoolSetting(a, "demo"));
  NABIJ_ASSIGN_OR_RETURN(s.tls, BoolSetting(a, "tls"));
  NABIJ_ASSIGN_OR_RETURN(s.demo_households, NumberOption(a, "demo-households", s.demo_households, 1, 1'000'000));
  NABIJ_ASSIGN_OR_RETURN(s.demo_applications, NumberOption(a, "demo-applications", s.demo_applications, 0, 100'000));
  NABIJ_ASSIGN_OR_RETURN(s.demo_debt_dossiers, NumberOption(a, "demo-debt-dossiers", s.demo_debt_dossiers, 0, 100'000));
  api::ServerConfig& http = s.http;
  http.port = static_cast<uint16_t>(port);
  http.address = TextOption(a, "address", "127.0.0.1");
  http.threads = static_cast<int>(threads);
  api::ServerLimits& l = http.limits;
  NABIJ_ASSIGN_OR_RETURN(int64_t body, NumberOption(a, "max-body-bytes", static_cast<int64_t>(l.max_body_bytes), 1024, 64 << 20));
  NABIJ_ASSIGN_OR_RETURN(int64_t header,
                         NumberOption(a, "max-header-bytes", static_cast<int64_t>(l.max_header_bytes), 1024, 1 << 20));
  NABIJ_ASSIGN_OR_RETURN(int64_t timeout, NumberOption(a, "request-timeout-ms", l.request_timeout_ms, 100, 600'000));
  NABIJ_ASSIGN_OR_RETURN(int64_t conns, NumberOption(a, "max-connections", l.max_connections, 1, 100'000));
  NABIJ_ASSIGN_OR_RETURN(int64_t grace, NumberOption(a, "shutdown-grace-ms", l.shutdown_grace_ms, 0, 600'000));
  l.max_body_bytes = static_cast<size_t>(body);
  l.max_header_bytes = static_cast<size_t>(header);
  l.request_timeout_ms = static_cast<int>(timeout);
  l.max_connections = static_cast<int>(conns);
  l.shutdown_grace_ms = static_cast<int>(grace);
  fs::path default_web = fs::path(NABIJ_SOURCE_DIR) / "web" / "dist";
  std::error_code ec;
  http.web_dir = TextOption(a, "web-dir", fs::is_directory(default_web, ec) ? default_web.string() : "");
  if (!http.web_dir.empty() && !fs::is_directory(http.web_dir, ec)) {
    return InvalidArgument("--web-dir is not a folder: " + http.web_dir.string(), "web-dir");
  }
  s.request_log = TextOption(a, "request-log", "stderr");
  NABIJ_ASSIGN_OR_RETURN(s.sepa, ExportSettingsFrom(a));
  s.db = DbPath(a);
  s.rules = RulesDir(a);
  return s;
}

struct ServerApp::Parts {
  ServerSettings settings;
  std::optional<rules::ParameterSet> rules;
  SystemClock clock;
  std::unique_ptr<store::SqliteDatabase> db, auth_db, events_db, reads_db;
  std::unique_ptr<PooledCaseFiles> case_files;
  std::unique_ptr<store::SqliteAuthStore> auth_store;
  std::unique_ptr<LockedEventLog> events;
  std::unique_ptr<store::SqliteRunStore> runs;
  std::unique_ptr<store::SqliteCaseStore> cases;  // on `db`, like `runs`
  std::unique_ptr<store::SqliteCaseStore> case_reads;  // on `reads_db`: a client file's decisions
  std::unique_ptr<store::SqliteDebtStore> debt;   // on `db`, like `runs`
  std::unique_ptr<auth::AccountService> accounts;
  std::unique_ptr<auth::LoginRateLimiter> limiter;
  std::unique_ptr<auth::SessionService> sessions;
  std::unique_ptr<auth::RequestGuard> guard;
  std::unique_ptr<auth::AccessLog> access_log;
  std::unique_ptr<api::Service> service;
  api::Router router;
  std::ofstream log_file;
  std::mutex log_mu;
  std::optional<std::string> one_time_password;
  // Housekeeping while the server runs: the request log file is flushed every second (not per
  // line: a write per request costs more than the rest of the log line), expired sessions are
  // swept every ten minutes.
  std::thread sweeper;
  std::mutex sweep_mu;
  std::condition_variable sweep_cv;
  bool stop_sweeping = false;
  std::unique_ptr<api::HttpServer> server;  // last: destroyed (shut down) first
};

ServerApp::ServerApp(std::unique_ptr<Parts> parts) : p_(std::move(parts)) {}

ServerApp::~ServerApp() {
  if (p_->server) {
    p_->server->Shutdown();
    Wait();
  }
}

Result<std::unique_ptr<ServerApp>> ServerApp::Open(const ServerSettings& settings, std::ostream& out) {
  auto p = std::make_unique<Parts>();
  p->settings = settings;
  api::ServerConfig http = settings.http;
  if (settings.request_log == "off") {
    http.log = [](std::string_view) {};
  } else if (settings.request_log != "stderr") {
    p->log_file.open(settings.request_log, std::ios::app);
    if (!p->log_file) return Status(ErrorCode::kIo, "cannot write the request log " + settings.request_log, "request-log");
    Parts* parts = p.get();
    http.log = [parts](std::string_view line) {
      std::lock_guard<std::mutex> lock(parts->log_mu);
      parts->log_file << line << '\n';  // flushed every second by the housekeeping thread
    };
  }
  NABIJ_ASSIGN_OR_RETURN(rules::ParameterSet set, rules::ParameterSet::Load(settings.rules));
  p->rules.emplace(std::move(set));
  NABIJ_ASSIGN_OR_RETURN(p->db, OpenDatabase(settings.db, true));
  if (settings.demo) {
    NABIJ_ASSIGN_OR_RETURN(bool empty, NoCases(*p->db));
    if (empty) {
      NABIJ_RETURN_IF_ERROR(AddDemoData(*p->db, 1, static_cast<size_t>(settings.demo_households),
                                        p->clock.Today().month(), "nabij"));
      out << settings.demo_households << " synthetische demodossiers aangemaakt in " << settings.db.string() << "\n";
      NABIJ_RETURN_IF_ERROR(
          AddDemoApplications(*p->db, *p->rules, 1, static_cast<size_t>(settings.demo_applications), p->clock, "nabij"));
      out << settings.demo_applications << " synthetische aanvragen ingenomen (een deel in de werkvoorraad)\n";
      NABIJ_RETURN_IF_ERROR(AddDemoDebt(*p->db, *p->rules, 1, static_cast<size_t>(settings.demo_debt_dossiers), p->clock));
      out << settings.demo_debt_dossiers << " synthetische schuldendossiers aangemaakt\n";
    }
  }
  NABIJ_ASSIGN_OR_RETURN(p->auth_db, OpenDatabase(settings.db, false));
  NABIJ_ASSIGN_OR_RETURN(p->events_db, OpenDatabase(settings.db, false));
  NABIJ_ASSIGN_OR_RETURN(p->reads_db, OpenDatabase(settings.db, false));
  NABIJ_ASSIGN_OR_RETURN(p->case_files, PooledCaseFiles::Open(settings.db, std::max(1, http.threads)));
  p->auth_store = std::make_unique<store::SqliteAuthStore>(*p->auth_db);
  p->events = std::make_unique<LockedEventLog>(*p->events_db);
  p->runs = std::make_unique<store::SqliteRunStore>(*p->db);
  p->cases = std::make_unique<store::SqliteCaseStore>(*p->db);
  p->case_reads = std::make_unique<store::SqliteCaseStore>(*p->reads_db);
  p->debt = std::make_unique<store::SqliteDebtStore>(*p->db);
  p->accounts = std::make_unique<auth::AccountService>(*p->auth_store, p->clock, p->events.get());
  p->limiter = std::make_unique<auth::LoginRateLimiter>(p->clock);
  p->sessions = std::make_unique<auth::SessionService>(*p->auth_store, p->clock, *p->limiter);
  p->guard = std::make_unique<auth::RequestGuard>(*p->sessions, settings.tls);
  p->access_log = std::make_unique<auth::AccessLog>(*p->auth_store, p->clock);
  p->service = std::make_unique<api::Service>(api::ServiceDeps{*p->rules, p->clock, *p->guard, *p->sessions,
                                                               *p->accounts, *p->access_log, *p->case_files, *p->runs,
                                                               *p->cases, *p->case_reads, *p->debt, *p->events,
                                                               settings.sepa});
  NABIJ_RETURN_IF_ERROR(p->service->AddRoutes(p->router));
  NABIJ_ASSIGN_OR_RETURN(auto first, p->accounts->Bootstrap());
  if (first) p->one_time_password = first->one_time_password;
  p->server = std::make_unique<api::HttpServer>(p->router, http);
  return std::unique_ptr<ServerApp>(new ServerApp(std::move(p)));
}

Status ServerApp::Start() {
  NABIJ_RETURN_IF_ERROR(p_->server->Start());
  Parts* p = p_.get();
  p->sweeper = std::thread([p] {
    constexpr auto kFlushEvery = std::chrono::seconds(1);
    constexpr int kSweepEveryFlushes = 600;  // ten minutes
    int flushes = 0;
    std::unique_lock<std::mutex> lock(p->sweep_mu);
    while (!p->sweep_cv.wait_for(lock, kFlushEvery, [p] { return p->stop_sweeping; })) {
      {
        std::lock_guard<std::mutex> log_lock(p->log_mu);
        if (p->log_file.is_open()) p->log_file.flush();
      }
      if (++flushes % kSweepEveryFlushes == 0) (void)p->sessions->RemoveExpired();
    }
  });
  return Status::Ok();
}

uint16_t ServerApp::port() const { return p_->server->port(); }
const std::optional<std::string>& ServerApp::one_time_password() const { return p_->one_time_password; }
void ServerApp::HandleSignals() { p_->server->HandleSignals(); }
void ServerApp::Shutdown() { p_->server->Shutdown(); }
std::vector<std::string> ServerApp::RouteIds() const { return p_->router.RouteIds(); }

void ServerApp::Wait() {
  p_->server->Wait();
  {
    std::lock_guard<std::mutex> lock(p_->sweep_mu);
    p_->stop_sweeping = true;
  }
  p_->sweep_cv.notify_all();
  if (p_->sweeper.joinable()) p_->sweeper.join();
  std::lock_guard<std::mutex> log_lock(p_->log_mu);
  if (p_->log_file.is_open()) p_->log_file.flush();
}

}  // namespace nabij::app
