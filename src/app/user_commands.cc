#include "app/user_commands.h"

#include <iostream>
#include <memory>

#include "app/args.h"
#include "auth/accounts.h"
#include "auth/roles.h"
#include "base/clock.h"
#include "store/sqlite/auth_store.h"
#include "store/sqlite/database.h"
#include "store/sqlite/event_log.h"

namespace nabij::app {
namespace {

constexpr int64_t kMillisPerDay = 24 * 60 * 60 * 1000;
// The actor of account changes made on the command line, in the audit trail.
constexpr std::string_view kCliActor = "cli";

Result<std::unique_ptr<store::SqliteDatabase>> OpenMigratedDb(const Args& a) {
  NABIJ_ASSIGN_OR_RETURN(auto db, store::SqliteDatabase::Open(DbPath(a), store::OpenOptions{}));
  NABIJ_RETURN_IF_ERROR(db->Migrate());
  return db;
}

std::string RoleList() {
  std::string s;
  for (auth::Role r : auth::kAllRoles) {
    if (!s.empty()) s += ", ";
    s += auth::RoleId(r);
  }
  return s;
}

void PrintOneTimePassword(std::ostream& out, const std::string& name, const std::string& password) {
  out << "gebruiker:           " << name << "\n"
      << "eenmalig wachtwoord: " << password << "\n"
      << "Dit wachtwoord wordt niet opnieuw getoond en moet bij de eerste aanmelding worden gewijzigd.\n";
}

// --from/--until JJJJ-MM-DD as the first millisecond of that day (UTC), or nullopt.
Result<std::optional<int64_t>> DayOption(const Args& a, const std::string& name) {
  auto it = a.options.find(name);
  if (it == a.options.end()) return std::optional<int64_t>();
  auto d = Date::Parse(it->second);
  if (!d.ok()) return InvalidArgument("--" + name + " is a date JJJJ-MM-DD", name);
  return std::optional<int64_t>(int64_t{d->days_since_epoch()} * kMillisPerDay);
}

constexpr const char* kUserUsage =
    "usage: nabij user init | add NAAM --role ROL | list | disable NAAM | enable NAAM | reset-password NAAM "
    "[--db FILE]";

}  // namespace

int CmdUser(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {});
  if (!a.ok()) return Fail(err, a.error());
  const std::vector<std::string>& pos = a->positional;
  if (pos.empty()) return Fail(err, InvalidArgument(kUserUsage));
  const std::string& sub = pos[0];
  const bool takes_name = sub == "add" || sub == "disable" || sub == "enable" || sub == "reset-password";
  if ((takes_name && pos.size() != 2) || (!takes_name && pos.size() != 1)) {
    return Fail(err, InvalidArgument(kUserUsage));
  }
  if (!takes_name && sub != "init" && sub != "list") return Fail(err, InvalidArgument(kUserUsage));
  auto db = OpenMigratedDb(*a);
  if (!db.ok()) return Fail(err, db.error());
  store::SqliteAuthStore store(**db);
  store::SqliteEventLog events(**db);
  SystemClock clock;
  auth::AccountService accounts(store, clock, &events);

  if (sub == "init") {
    auto first = accounts.Bootstrap();
    if (!first.ok()) return Fail(err, first.error());
    if (!first->has_value()) {
      out << "er bestaan al gebruikers; er is niets aangemaakt\n";
      return 0;
    }
    out << "eerste beheerder aangemaakt\n";
    PrintOneTimePassword(out, (*first)->user.name, (*first)->one_time_password);
    return 0;
  }
  if (sub == "add") {
    auto role_it = a->options.find("role");
    if (role_it == a->options.end()) return Fail(err, InvalidArgument("--role is one of: " + RoleList(), "role"));
    auto role = auth::ParseRole(role_it->second);
    if (!role) return Fail(err, InvalidArgument("--role is one of: " + RoleList(), "role"));
    auto made = accounts.CreateUser(kCliActor, pos[1], *role);
    if (!made.ok()) return Fail(err, made.error());
    out << "gebruiker aangemaakt met de rol " << auth::RoleDisplayName(*role) << "\n";
    PrintOneTimePassword(out, made->user.name, made->one_time_password);
    return 0;
  }
  if (sub == "list") {
    auto users = accounts.List();
    if (!users.ok()) return Fail(err, users.error());
    for (const auth::UserRecord& u : *users) {
      out << u.name << "\t" << auth::RoleDisplayName(u.role) << "\t"
          << (u.disabled ? "uitgeschakeld" : u.must_change_password ? "moet wachtwoord wijzigen" : "actief") << "\n";
    }
    out << users->size() << (users->size() == 1 ? " gebruiker\n" : " gebruikers\n");
    return 0;
  }
  if (sub == "disable" || sub == "enable") {
    Status s = accounts.SetDisabled(kCliActor, pos[1], sub == "disable");
    if (!s.ok()) return Fail(err, s);
    out << pos[1] << (sub == "disable" ? " is uitgeschakeld; sessies zijn beëindigd\n" : " is weer actief\n");
    return 0;
  }
  auto password = accounts.ResetPassword(kCliActor, pos[1]);  // reset-password
  if (!password.ok()) return Fail(err, password.error());
  out << "nieuw wachtwoord ingesteld; sessies zijn beëindigd\n";
  PrintOneTimePassword(out, pos[1], *password);
  return 0;
}

int CmdAccessLog(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  auto a = ParseArgs(rest, {});
  if (!a.ok()) return Fail(err, a.error());
  if (!a->positional.empty()) {
    return Fail(err, InvalidArgument("usage: nabij access-log [--user NAAM] [--case N] [--from JJJJ-MM-DD] "
                                     "[--until JJJJ-MM-DD] [--limit N] [--db FILE]"));
  }
  auth::AccessQuery q;
  q.user = TextOption(*a, "user", "");
  auto case_id = NumberOption(*a, "case", 0, 1, INT64_MAX);
  if (!case_id.ok()) return Fail(err, case_id.error());
  q.case_id = *case_id;
  auto from = DayOption(*a, "from");
  if (!from.ok()) return Fail(err, from.error());
  auto until = DayOption(*a, "until");
  if (!until.ok()) return Fail(err, until.error());
  q.from_ms = *from;
  if (*until) q.until_ms = **until + kMillisPerDay;  // --until is inclusive: up to the end of that day
  auto limit = NumberOption(*a, "limit", 1000, 1, 10'000);
  if (!limit.ok()) return Fail(err, limit.error());
  q.limit = static_cast<int>(*limit);
  auto db = OpenMigratedDb(*a);
  if (!db.ok()) return Fail(err, db.error());
  store::SqliteAuthStore store(**db);
  auto records = store.SearchAccess(q);
  if (!records.ok()) return Fail(err, records.error());
  for (const auth::AccessRecord& r : *records) {
    out << FormatUtc(r.at_ms) << "\t" << r.user << "\t" << auth::RoleId(r.role) << "\tdossier " << r.case_id << "\t"
        << r.route << (r.screen.empty() ? "" : "\t" + r.screen) << "\n";
  }
  out << records->size() << (records->size() == 1 ? " inzage\n" : " inzagen\n");
  return 0;
}

}  // namespace nabij::app
