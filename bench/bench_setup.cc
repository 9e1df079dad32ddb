#include "bench_setup.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string_view>
#include <thread>

namespace nabij::bench {

size_t BenchN(size_t default_n) {
  const char* env = std::getenv("NABIJ_BENCH_N");
  if (env == nullptr || *env == '\0') return default_n;
  char* end = nullptr;
  unsigned long long n = std::strtoull(env, &end, 10);
  if (end == env || *end != '\0' || n == 0) {
    std::fprintf(stderr, "NABIJ_BENCH_N='%s' is not a positive whole number; using %zu\n", env, default_n);
    return default_n;
  }
  return static_cast<size_t>(n);
}

std::string Commit() {
  const char* env = std::getenv("NABIJ_COMMIT");
  if (env != nullptr && *env != '\0') return env;
  return NABIJ_GIT_COMMIT;
}

std::string CpuModel() {
  std::ifstream f("/proc/cpuinfo");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("model name", 0) == 0) {
      size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(" \t", colon + 1));
    }
  }
  return "unknown";
}

unsigned HardwareThreads() { return std::thread::hardware_concurrency(); }

int64_t PeakRssBytes() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  constexpr int64_t kKibibyte = 1024;  // Linux reports ru_maxrss in KiB
  return static_cast<int64_t>(ru.ru_maxrss) * kKibibyte;
}

void PrintSetup(const char* program, const char* what, size_t n) {
  std::printf("%s: %s\n", program, what);
  std::printf("  commit:     %s\n", Commit().c_str());
  std::printf("  machine:    %u hardware threads (nproc), CPU %s\n", HardwareThreads(), CpuModel().c_str());
  std::printf("  N:          %zu households (NABIJ_BENCH_N)\n", n);
  std::printf("  build:      %s, flags '%s'\n", NABIJ_BUILD_TYPE, NABIJ_CXX_FLAGS);
  std::printf("\n");
  std::fflush(stdout);
}

}  // namespace nabij::bench
