#include "auth/rate_limiter.h"

#include <algorithm>

namespace nabij::auth {

Status LoginRateLimiter::CheckKey(const Table& table, const std::string& key, int64_t now) const {
  auto it = table.find(key);
  if (it == table.end() || it->second.locked_until_ms <= now) return Status::Ok();
  int64_t minutes = (it->second.locked_until_ms - now + kMinuteMs - 1) / kMinuteMs;
  return Status(ErrorCode::kResourceExhausted,
                "te veel mislukte inlogpogingen; probeer het over " + std::to_string(minutes) +
                    (minutes == 1 ? " minuut" : " minuten") + " opnieuw");
}

Status LoginRateLimiter::Check(const std::string& account, const std::string& address) {
  const int64_t now = clock_.NowUnixMillis();
  std::lock_guard lock(mu_);
  NABIJ_RETURN_IF_ERROR(CheckKey(accounts_, account, now));
  return CheckKey(addresses_, address, now);
}

void LoginRateLimiter::Fail(Table& table, const std::string& key, const RateLimit& limit, int64_t now) {
  if (table.size() >= kMaxTrackedKeys && !table.contains(key)) Prune(table, now);
  Entry& e = table[key];
  e.last_ms = now;
  std::erase_if(e.failures, [&](int64_t t) { return t <= now - limit.window_ms; });
  e.failures.push_back(now);
  if (static_cast<int>(e.failures.size()) >= limit.max_failures) {
    e.locked_until_ms = now + limit.lockout_ms;
    e.failures.clear();  // after the lockout the key starts with a full budget again
  }
}

void LoginRateLimiter::RecordFailure(const std::string& account, const std::string& address) {
  const int64_t now = clock_.NowUnixMillis();
  std::lock_guard lock(mu_);
  Fail(accounts_, account, per_account_, now);
  Fail(addresses_, address, per_address_, now);
}

void LoginRateLimiter::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mu_);
  accounts_.erase(account);
}

void LoginRateLimiter::Prune(Table& table, int64_t now) {
  const int64_t window = std::max(per_account_.window_ms, per_address_.window_ms);
  std::erase_if(table, [&](const auto& kv) {
    return kv.second.locked_until_ms <= now && kv.second.last_ms <= now - window;
  });
  if (table.size() < kMaxTrackedKeys) return;
  // Still full of live keys (an attack from very many names): drop the least recently used.
  auto oldest = std::min_element(table.begin(), table.end(),
                                 [](const auto& a, const auto& b) { return a.second.last_ms < b.second.last_ms; });
  table.erase(oldest);
}

size_t LoginRateLimiter::tracked_keys() const {
  std::lock_guard lock(mu_);
  return accounts_.size() + addresses_.size();
}

}  // namespace nabij::auth
