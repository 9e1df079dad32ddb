// Clock: where "today" and "now" come from.
//
// Domain code never reads the system time: it is handed a Clock. SystemClock reads the real
// time; FixedClock is set by a test or a replay. Implementations are thread-safe for reading.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "base/date.h"

namespace nabij {

class Clock {
 public:
  virtual ~Clock() = default;
  // Today's date in the Netherlands' civil calendar as the service sees it (UTC date).
  virtual Date Today() const = 0;
  // Milliseconds since 1970-01-01T00:00:00Z, for audit timestamps.
  virtual int64_t NowUnixMillis() const = 0;
};

// "2026-11-23T09:30:00Z": an audit timestamp from milliseconds since the epoch (UTC).
std::string FormatUtc(int64_t unix_millis);

class SystemClock final : public Clock {
 public:
  Date Today() const override;
  int64_t NowUnixMillis() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Date today, int64_t unix_millis = 0) : today_(today), millis_(unix_millis) {}
  Date Today() const override { return today_; }
  int64_t NowUnixMillis() const override { return millis_.load(); }
  void Advance(int64_t millis) { millis_ += millis; }

 private:
  Date today_;
  std::atomic<int64_t> millis_;
};

}  // namespace nabij
