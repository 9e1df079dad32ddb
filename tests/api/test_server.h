// A nabijd for the HTTP integration tests: app::ServerApp in this process, on port 0 of the
// loopback interface, with a real SQLite file in a fresh temporary directory, synthetic demo
// cases and the request log in a file; plus helpers to sign in and act as a user.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "app/db_setup.h"
#include "app/server_app.h"
#include "http_client.h"

namespace nabij::testing {

struct UserSession {
  std::string user;
  std::string cookie;  // "nabij_session=..."
  std::string csrf;
};

class TestServer {
 public:
  static constexpr int kDemoHouseholds = 40;

  explicit TestServer(const std::function<void(app::ServerSettings&)>& tweak = {}) {
    std::string templ = (std::filesystem::temp_directory_path() / "nabij-api-test-XXXXXX").string();
    dir_ = mkdtemp(templ.data());
    app::ServerSettings s;
    s.db = dir_ / "nabij.db";
    s.rules = std::filesystem::path(NABIJ_SOURCE_DIR) / "rules";
    s.demo = true;
    s.demo_households = kDemoHouseholds;
    s.demo_applications = 0;  // the tests take in their own
    s.demo_debt_dossiers = 4;
    s.http.threads = 2;
    s.http.port = 0;
    s.request_log = (dir_ / "requests.log").string();
    s.sepa = *app::ExportSettingsFrom(app::Args{});  // the fictitious demo municipality
    if (tweak) tweak(s);
    std::ostringstream out;
    auto app = app::ServerApp::Open(s, out);
    if (!app.ok()) {
      ADD_FAILURE() << app.error().ToString();
      return;
    }
    app_ = std::move(*app);
    Status started = app_->Start();
    EXPECT_TRUE(started.ok()) << started.ToString();
    if (app_->one_time_password()) admin_password_ = *app_->one_time_password();
  }
  ~TestServer() {
    app_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  uint16_t port() const { return app_ ? app_->port() : 0; }
  app::ServerApp& app() { return *app_; }
  const std::string& admin_password() const { return admin_password_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::string RequestLog() const {
    std::ifstream in(dir_ / "requests.log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  static std::string CookieOf(const HttpResponse& r) {
    std::string set = r.Header("set-cookie");
    return set.substr(0, set.find(';'));
  }

  HttpResponse LoginRaw(const std::string& name, const std::string& password) {
    nlohmann::json body{{"name", name}, {"password", password}};
    return Fetch(port(), "POST", "/api/v1/session", body.dump(), {{"Content-Type", "application/json"}});
  }

  UserSession Login(const std::string& name, const std::string& password) {
    HttpResponse r = LoginRaw(name, password);
    EXPECT_EQ(r.status, 200) << r.body;
    UserSession s{name, CookieOf(r), ""};
    if (r.status == 200) s.csrf = nlohmann::json::parse(r.body).value("csrf_token", "");
    return s;
  }

  // The password every test user ends up with.
  static std::string PasswordOf(const std::string& name) { return "Een-lang-wachtwoord-van-" + name; }

  // Logs in with a one-time password and changes it; returns the new session.
  UserSession Activate(const std::string& name, const std::string& one_time) {
    UserSession s = Login(name, one_time);
    nlohmann::json body{{"old_password", one_time}, {"new_password", PasswordOf(name)}};
    HttpResponse r = Call(s, "PUT", "/api/v1/session/password", body.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return s;
    return UserSession{name, CookieOf(r), nlohmann::json::parse(r.body).value("csrf_token", "")};
  }

  UserSession Admin() {
    if (!admin_) admin_ = std::make_unique<UserSession>(Activate("beheerder", admin_password_));
    return *admin_;
  }

  // A new active user with `role`.
  UserSession AddUser(const std::string& name, const std::string& role) {
    nlohmann::json body{{"name", name}, {"role", role}};
    HttpResponse r = Call(Admin(), "POST", "/api/v1/users", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    return Activate(name, nlohmann::json::parse(r.body).value("one_time_password", ""));
  }

  HttpResponse Call(const UserSession& s, const std::string& method, const std::string& target,
                    const std::string& body = {}, std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers.emplace_back("Cookie", s.cookie);
    if (method != "GET") headers.emplace_back("X-CSRF-Token", s.csrf);
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return Fetch(port(), method, target, body, headers);
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<app::ServerApp> app_;
  std::string admin_password_;
  std::unique_ptr<UserSession> admin_;
};

}  // namespace nabij::testing
