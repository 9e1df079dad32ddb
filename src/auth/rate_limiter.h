// LoginRateLimiter: slows down password guessing, per account name and per client address.
//
// A key (an account name or a client address) that collects `max_failures` failed logins within
// `window_ms` is locked for `lockout_ms`: every login for it is refused before the password is
// checked, so a locked account costs the server no argon2 hashing. Per-address limits are set
// higher than per-account limits because a whole office may share one address behind NAT.
// In memory only (each nabijd process counts its own; a restart forgets), bounded in size, and
// thread-safe. Times come from the injected Clock.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace nabij::auth {

struct RateLimit {
  int max_failures;
  int64_t window_ms;
  int64_t lockout_ms;
};
inline constexpr int64_t kMinuteMs = 60 * 1000;
// 5 failures per 15 minutes lock an account name for 15 minutes (OWASP Authentication Cheat
// Sheet, "Account Lockout": a threshold, an observation window and a lockout duration).
inline constexpr RateLimit kPerAccountLimit{5, 15 * kMinuteMs, 15 * kMinuteMs};
// 20 failures per 15 minutes from one address lock that address for 15 minutes.
inline constexpr RateLimit kPerAddressLimit{20, 15 * kMinuteMs, 15 * kMinuteMs};
// At most this many keys are remembered; beyond it, keys without a lock or recent failure are
// dropped first, then the oldest.
inline constexpr size_t kMaxTrackedKeys = 100'000;

class LoginRateLimiter {
 public:
  LoginRateLimiter(const Clock& clock, RateLimit per_account = kPerAccountLimit,
                   RateLimit per_address = kPerAddressLimit)
      : clock_(clock), per_account_(per_account), per_address_(per_address) {}

  // Ok when a login attempt for `account` from `address` may be checked; kResourceExhausted with
  // a Dutch message that says how many minutes remain when either is locked.
  Status Check(const std::string& account, const std::string& address);
  // Counts a failed attempt for both keys (and locks a key that reaches its limit).
  void RecordFailure(const std::string& account, const std::string& address);
  // Forgets the failures of the account name after a successful login. The address keeps its
  // count, so one valid account does not reset the guessing budget of an address.
  void RecordSuccess(const std::string& account);

  size_t tracked_keys() const;

 private:
  struct Entry {
    std::vector<int64_t> failures;  // times within the window, oldest first
    int64_t locked_until_ms = 0;
    int64_t last_ms = 0;
  };
  using Table = std::map<std::string, Entry>;
  Status CheckKey(const Table& table, const std::string& key, int64_t now) const;
  void Fail(Table& table, const std::string& key, const RateLimit& limit, int64_t now);
  void Prune(Table& table, int64_t now);

  const Clock& clock_;
  const RateLimit per_account_;
  const RateLimit per_address_;
  mutable std::mutex mu_;
  Table accounts_;   // guarded by mu_
  Table addresses_;  // guarded by mu_
};

}  // namespace nabij::auth
