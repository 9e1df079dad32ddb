#include "base/clock.h"

#include <chrono>
#include <cstdio>

namespace nabij {

std::string FormatUtc(int64_t unix_millis) {
  using namespace std::chrono;
  constexpr int64_t kMillisPerSecond = 1000;
  sys_seconds t{seconds(unix_millis / kMillisPerSecond)};
  auto day = floor<days>(t);
  year_month_day ymd(day);
  hh_mm_ss hms(t - day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

Date SystemClock::Today() const {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date::FromDays(static_cast<int32_t>(days.time_since_epoch().count()));
}

int64_t SystemClock::NowUnixMillis() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace nabij
