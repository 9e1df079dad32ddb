// nabijd: the nabij server. Reads its settings, assembles the server (app/server_app.h) and serves
// until SIGINT or SIGTERM, finishing the requests in flight. docs/server.md.
#include <iostream>
#include <string>
#include <vector>

#include "app/args.h"
#include "app/server_app.h"

namespace nabij::app {
namespace {

int Serve(const std::vector<std::string>& argv) {
  auto settings = ServerSettingsFrom(argv);
  if (!settings.ok()) return Fail(std::cerr, settings.error());
  if (settings->help) {
    std::cout << ServerUsage();
    return 0;
  }
  auto app = ServerApp::Open(*settings, std::cout);
  if (!app.ok()) return Fail(std::cerr, app.error(), 1);
  Status started = (*app)->Start();
  if (!started.ok()) return Fail(std::cerr, started, 1);
  (*app)->HandleSignals();
  const api::ServerConfig& http = settings->http;
  std::string host = http.address.find(':') != std::string::npos ? "[" + http.address + "]" : http.address;
  std::cout << "nabijd luistert op http://" << host << ":" << (*app)->port() << "/ (" << http.threads
            << " threads, database " << settings->db.string() << ")\n";
  // The one-time password goes to the terminal once, never to a log.
  if (const auto& pw = (*app)->one_time_password()) {
    std::cout << "Aanmelden: gebruiker beheerder, eenmalig wachtwoord: " << *pw
              << "\nDit wachtwoord wordt niet opnieuw getoond en moet bij de eerste aanmelding worden gewijzigd.\n";
  } else {
    std::cout << "Aanmelden met een bestaand account (nieuwe accounts: nabij user add NAAM --role ROL).\n";
  }
  std::cout << "Stoppen: Ctrl-C (lopende verzoeken worden afgemaakt).\n" << std::flush;
  (*app)->Wait();
  std::cout << "nabijd is gestopt\n";
  return 0;
}

}  // namespace
}  // namespace nabij::app

int main(int argc, char** argv) {
  try {
    return nabij::app::Serve(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "nabijd: internal error: " << e.what() << "\n";
    return 1;
  }
}
