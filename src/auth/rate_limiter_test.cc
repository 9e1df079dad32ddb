#include "auth/rate_limiter.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace nabij::auth {
namespace {

TEST(LoginRateLimiter, FiveFailuresLockTheAccountForFifteenMinutes) {
  FixedClock clock(Date::Of(2026, 11, 23), 1'000'000'000'000);
  LoginRateLimiter limiter(clock);
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(limiter.Check("anna", "10.0.0.1").ok());
    limiter.RecordFailure("anna", "10.0.0.1");
    clock.Advance(1000);
  }
  EXPECT_TRUE(limiter.Check("anna", "10.0.0.1").ok());
  limiter.RecordFailure("anna", "10.0.0.1");  // the fifth
  Status s = limiter.Check("anna", "10.0.0.2");  // another address does not help
  EXPECT_EQ(s.code(), ErrorCode::kResourceExhausted);
  EXPECT_NE(s.message().find("15 minuten"), std::string::npos) << s.message();
  EXPECT_TRUE(limiter.Check("bert", "10.0.0.1").ok());  // the address is below its own limit
  clock.Advance(15 * kMinuteMs - 1);
  EXPECT_FALSE(limiter.Check("anna", "10.0.0.1").ok());
  clock.Advance(1);
  EXPECT_TRUE(limiter.Check("anna", "10.0.0.1").ok());
}

TEST(LoginRateLimiter, FailuresOutsideTheWindowAreForgotten) {
  FixedClock clock(Date::Of(2026, 11, 23), 1'000'000'000'000);
  LoginRateLimiter limiter(clock);
  for (int i = 0; i < 4; ++i) limiter.RecordFailure("anna", "10.0.0.1");
  clock.Advance(15 * kMinuteMs);
  limiter.RecordFailure("anna", "10.0.0.1");  // the earlier four are out of the window
  EXPECT_TRUE(limiter.Check("anna", "10.0.0.1").ok());
}

TEST(LoginRateLimiter, SuccessResetsTheAccountButNotTheAddress) {
  FixedClock clock(Date::Of(2026, 11, 23), 1'000'000'000'000);
  LoginRateLimiter limiter(clock, RateLimit{5, 15 * kMinuteMs, 15 * kMinuteMs},
                           RateLimit{6, 15 * kMinuteMs, 15 * kMinuteMs});
  for (int i = 0; i < 4; ++i) limiter.RecordFailure("anna", "10.0.0.1");
  limiter.RecordSuccess("anna");
  limiter.RecordFailure("anna", "10.0.0.1");
  EXPECT_TRUE(limiter.Check("anna", "10.0.0.9").ok());  // account count restarted at 1
  limiter.RecordFailure("carla", "10.0.0.1");  // sixth failure from this address
  EXPECT_EQ(limiter.Check("dirk", "10.0.0.1").code(), ErrorCode::kResourceExhausted);
  EXPECT_TRUE(limiter.Check("dirk", "10.0.0.2").ok());
}

TEST(LoginRateLimiter, ManyThreadsCountEveryFailure) {
  FixedClock clock(Date::Of(2026, 11, 23), 1'000'000'000'000);
  LoginRateLimiter limiter(clock, RateLimit{400, 15 * kMinuteMs, 15 * kMinuteMs},
                           RateLimit{1'000'000, 15 * kMinuteMs, 15 * kMinuteMs});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&limiter, t] {
      for (int i = 0; i < 100; ++i) {
        limiter.RecordFailure("anna", "10.0." + std::to_string(t) + "." + std::to_string(i));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(limiter.Check("anna", "10.9.9.9").code(), ErrorCode::kResourceExhausted);  // exactly 400 counted
  EXPECT_EQ(limiter.tracked_keys(), 1u + 400u);
}

}  // namespace
}  // namespace nabij::auth
