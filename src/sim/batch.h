// RunBatch: a whole population through the engine, file in to file out (`nabij calc-batch`).
//
// The input is the columnar CSV of docs/batch-format.md (sim/batch_csv.h); the output has one line
// per household, in input order. Each household goes through pw::Calculate without a trace, the
// same formula code as the per-case path. A bad row never stops the batch: it gets its error code
// in the output's status column and one line on the diagnostics stream naming the line number and
// the column, never a value (values are personal data).
//
// How it runs: the input is read in blocks of complete lines (not mapped whole), so memory stays
// bounded by the block size whatever N is; each block is split at line boundaries into one chunk
// per thread, and each thread parses, computes and formats its chunk into its own buffer; the
// buffers are then written in order. Parameter snapshots (pw::Params) are taken lazily, once per
// distinct gemeente code (empty: national rules), and shared read-only between the threads.
// The output is written to OUT.tmp and renamed to OUT only when complete, so OUT is never half
// written (a process that dies leaves at most OUT.tmp behind).
//
// RunBatch may be called from several threads at once for different files; the ParameterSet
// must outlive the call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"
#include "rules/parameter_set.h"

namespace nabij::sim {

struct BatchStats {
  uint64_t rows = 0;         // households (data lines; blank lines are skipped and not counted)
  uint64_t failed_rows = 0;  // rows with a status other than "ok"
  Money bijstand_total;      // sum of the bijstand (including vakantietoeslag) of the computed rows
  int threads = 0;
  size_t snapshots = 0;      // distinct gemeente codes met, each one snapshot (or one failure)
  uint64_t input_bytes = 0;
  uint64_t output_bytes = 0;
  // Wall-clock seconds per phase, summed over the blocks; compute is parse + calculate + format
  // on all threads together, and includes taking the snapshots.
  double read_seconds = 0;
  double compute_seconds = 0;
  double write_seconds = 0;   // writing OUT.tmp, closing it and renaming it to OUT
  double total_seconds = 0;
};

struct BatchOptions {
  int threads = 1;                    // 0 or less: one per hardware thread
  std::FILE* diagnostics = stderr;    // one line per failing row; nullptr: not reported
  size_t block_bytes = size_t{8} << 20;  // input bytes per round, all threads together
};

// Computes every household of `in` for `month` and writes the results to `out`. Returns
// kIo when `in` cannot be read or `out` cannot be written (OUT.tmp is removed then and OUT is
// untouched), kParseError naming line 1 and the column when the header is missing or not the
// format's header, and kParseError naming the line when a line is longer than the block.
Result<BatchStats> RunBatch(const rules::ParameterSet& rules, Month month, const std::filesystem::path& in,
                            const std::filesystem::path& out, int threads);
Result<BatchStats> RunBatch(const rules::ParameterSet& rules, Month month, const std::filesystem::path& in,
                            const std::filesystem::path& out, const BatchOptions& options);

// The same on text in memory: `input` is a whole input file, the output file's text is appended
// to `output`. For tests and fuzzing; the same code as RunBatch apart from the file handling.
Result<BatchStats> RunBatchText(const rules::ParameterSet& rules, Month month, std::string_view input,
                                std::string& output, const BatchOptions& options);

// Writes households 0..n-1 of the synthetic population (sim/population.h) drawn with `seed` as a
// batch input file, ids "h0", "h1", ..., municipality codes drawn from `gemeenten` (empty list:
// national rules). Streams: memory does not grow with n. Returns kIo when the file cannot be
// written (no half-written file is left: it goes through FILE.tmp too).
Status WriteSyntheticInput(const std::filesystem::path& file, uint64_t seed, size_t n, Month month,
                           const std::vector<std::string_view>& gemeenten = {});

}  // namespace nabij::sim
