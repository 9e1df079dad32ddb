// What every nabij benchmark prints before its figures, and the helpers they share.
//
// The setup line names the commit (NABIJ_COMMIT from the environment, else the commit at CMake
// configure time, "+changes" when the tree had uncommitted changes then), the machine (hardware
// threads, CPU model from /proc/cpuinfo), N and the build type with its flags, so that a figure in
// bench/RESULTS.md can be traced to what produced it. Not thread-safe; call from main().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace nabij::bench {

inline constexpr size_t kDefaultN = 1'000'000;

// NABIJ_BENCH_N from the environment, else `default_n` (a bad value is reported and ignored).
size_t BenchN(size_t default_n = kDefaultN);

// Prints the setup block to stdout; `what` says what the program measures.
void PrintSetup(const char* program, const char* what, size_t n);

std::string Commit();
std::string CpuModel();
unsigned HardwareThreads();

// Peak resident set size of this process so far, in bytes (getrusage ru_maxrss).
int64_t PeakRssBytes();

}  // namespace nabij::bench
