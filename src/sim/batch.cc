#include "sim/batch.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include "pw/bijstand.h"
#include "pw/params.h"
#include "sim/batch_csv.h"
#include "sim/population.h"

namespace nabij::sim {
namespace {

using SteadyClock = std::chrono::steady_clock;

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

constexpr size_t kMinBlockBytes = size_t{64} << 10;
constexpr size_t kMinChunkBytes = size_t{64} << 10;  // below this a thread costs more than it saves
constexpr int kMaxThreads = 256;

// --- snapshots ---

// One pw::Params per gemeente code, taken on first use; thread-safe. A failed snapshot (an
// unknown municipality) is cached as well, so that every row of that code gets the same error.
class SnapshotCache {
 public:
  SnapshotCache(const rules::ParameterSet& rules, Month month) : rules_(rules), month_(month) {}

  const Result<pw::Params>* Get(std::string_view gemeente) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(gemeente);
    if (it == cache_.end()) {
      auto snap = std::make_unique<Result<pw::Params>>(pw::Snapshot(rules_, month_, gemeente));
      it = cache_.emplace(std::string(gemeente), std::move(snap)).first;
    }
    return it->second.get();
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return cache_.size();
  }

 private:
  const rules::ParameterSet& rules_;
  const Month month_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<Result<pw::Params>>, std::less<>> cache_;
};

// Gemeente codes are empty or four digits (checked by the reader): a direct index.
constexpr size_t kNationalSlot = 10000;
size_t GemeenteSlot(std::string_view g) {
  if (g.empty()) return kNationalSlot;
  size_t v = 0;
  for (char c : g) v = v * 10 + static_cast<size_t>(c - '0');
  return v;
}

// --- the work of one thread on one chunk ---

struct RowFailure {
  uint64_t line;     // 1-based within the chunk
  std::string text;  // the message without the line number; never a value from the row
};

class Worker {
 public:
  Worker() : snapshots_(kNationalSlot + 1, nullptr) {}

  void Process(std::string_view text, Month month, SnapshotCache& cache) {
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
      const char* line_end = nl != nullptr ? nl : end;
      std::string_view line(p, static_cast<size_t>(line_end - p));
      p = nl != nullptr ? nl + 1 : end;
      ++lines;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      ++rows;
      ProcessRow(line, month, cache);
    }
  }

  void Clear() {
    out.clear();
    failures.clear();
    lines = 0;
  }

  std::string out;
  std::vector<RowFailure> failures;
  uint64_t lines = 0;  // in the current chunk, blank ones included
  uint64_t rows = 0;   // over the whole run
  uint64_t failed = 0;
  int64_t bijstand_cents = 0;

 private:
  void ProcessRow(std::string_view line, Month month, SnapshotCache& cache) {
    RowError err;
    if (!ParseInputRow(line, month, row_, err)) {
      std::string text;
      if (err.column >= 0) {
        text += "column ";
        text += err.column_name();
        text += ": ";
      }
      text += ErrorCodeName(err.code);
      text += ": ";
      text += err.message;
      Fail(err.code, std::move(text));
      return;
    }
    const Result<pw::Params>*& snap = snapshots_[GemeenteSlot(row_.gemeente)];
    if (snap == nullptr) snap = cache.Get(row_.gemeente);
    if (!snap->ok()) {
      const Status& st = snap->error();
      Fail(st.code(), "column gemeente: " + std::string(ErrorCodeName(st.code())) + ": " + st.message());
      return;
    }
    auto d = pw::Calculate(snap->value(), row_.input, nullptr);
    if (!d.ok()) {
      Fail(d.error().code(), d.error().ToString());
      return;
    }
    AppendOutputRow(out, row_.id, *d);
    bijstand_cents += d->bijstand.cents();
  }

  void Fail(ErrorCode code, std::string text) {
    ++failed;
    failures.push_back(RowFailure{lines, std::move(text)});
    AppendOutputError(out, row_.id, code);
  }

  std::vector<const Result<pw::Params>*> snapshots_;  // by GemeenteSlot, filled from the cache
  ParsedRow row_;
};

// --- input and output ---

std::string ErrnoText(int err) { return std::strerror(err); }

class Source {
 public:
  virtual ~Source() = default;
  // Reads up to `cap` bytes; 0 at the end of the input.
  virtual Result<size_t> Read(char* buf, size_t cap) = 0;
};

class TextSource : public Source {
 public:
  explicit TextSource(std::string_view text) : text_(text) {}
  Result<size_t> Read(char* buf, size_t cap) override {
    size_t n = std::min(cap, text_.size());
    std::memcpy(buf, text_.data(), n);
    text_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view text_;
};

class FileSource : public Source {
 public:
  ~FileSource() override {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Open(const std::filesystem::path& path) {
    path_ = path.string();
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return Status(ErrorCode::kIo, "cannot open " + path_ + " for reading: " + ErrnoText(errno), "in");
    return Status::Ok();
  }
  Result<size_t> Read(char* buf, size_t cap) override {
    while (true) {
      ssize_t n = ::read(fd_, buf, cap);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return Status(ErrorCode::kIo, "cannot read " + path_ + ": " + ErrnoText(errno), "in");
    }
  }

 private:
  std::string path_;
  int fd_ = -1;
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual Status Write(std::string_view data) = 0;
};

class StringSink : public Sink {
 public:
  explicit StringSink(std::string& out) : out_(out) {}
  Status Write(std::string_view data) override {
    out_.append(data);
    return Status::Ok();
  }

 private:
  std::string& out_;
};

// Writes to PATH.tmp and renames it to PATH on Commit; removes PATH.tmp if not committed.
class AtomicFileSink : public Sink {
 public:
  ~AtomicFileSink() override { Abandon(); }

  Status Open(const std::filesystem::path& path) {
    path_ = path;
    tmp_ = path;
    tmp_ += ".tmp";
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) {
      return Status(ErrorCode::kIo, "cannot create " + tmp_.string() + " for writing: " + ErrnoText(errno), "out");
    }
    return Status::Ok();
  }

  Status Write(std::string_view data) override {
    while (!data.empty()) {
      ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status(ErrorCode::kIo, "cannot write " + tmp_.string() + ": " + ErrnoText(errno), "out");
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  }

  Status Commit() {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
      return Status(ErrorCode::kIo, "cannot write " + tmp_.string() + ": " + ErrnoText(errno), "out");
    }
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
      return Status(ErrorCode::kIo, "cannot rename " + tmp_.string() + " to " + path_.string() + ": " + ErrnoText(errno),
                    "out");
    }
    committed_ = true;
    return Status::Ok();
  }

 private:
  void Abandon() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!committed_ && !tmp_.empty()) ::unlink(tmp_.c_str());
  }

  std::filesystem::path path_, tmp_;
  int fd_ = -1;
  bool committed_ = false;
};

// --- the header ---

Status HeaderError(std::string message, std::string_view column) {
  return Status(ErrorCode::kParseError, std::move(message), std::string(column));
}

// The header must be the format's header exactly. Messages never quote the text found: a file
// without a header starts with a household.
Status CheckHeader(std::string_view line) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (line.substr(0, kBom.size()) == kBom) line.remove_prefix(kBom.size());
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty()) {
    return HeaderError("line 1: the header is missing (an empty file or an empty first line); "
                       "the first line must be the header of docs/batch-format.md", "header");
  }
  size_t col = 0;
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    std::string_view name = line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (col >= kInputColumnCount) {
      return HeaderError("line 1, column " + std::to_string(col + 1) + ": the header has more columns than the " +
                             std::to_string(kInputColumnCount) + " of the format",
                         "header");
    }
    if (name != kInputColumnNames[col]) {
      return HeaderError("line 1, column " + std::to_string(col + 1) + ": expected '" +
                             std::string(kInputColumnNames[col]) +
                             "' (the first line must be the header of docs/batch-format.md)",
                         kInputColumnNames[col]);
    }
    ++col;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (col < kInputColumnCount) {
    return HeaderError("line 1, column " + std::to_string(col + 1) + ": the header has " + std::to_string(col) +
                           " columns, the format " + std::to_string(kInputColumnCount) + "; '" +
                           std::string(kInputColumnNames[col]) + "' is missing",
                       kInputColumnNames[col]);
  }
  return Status::Ok();
}

// --- the run ---

Result<BatchStats> Run(const rules::ParameterSet& rules, Month month, Source& src, Sink& sink,
                       const BatchOptions& options) {
  const auto start = SteadyClock::now();
  BatchStats stats;
  int threads = options.threads;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, kMaxThreads);
  stats.threads = threads;
  const size_t block = std::max(options.block_bytes, kMinBlockBytes);

  SnapshotCache cache(rules, month);
  std::vector<Worker> workers(static_cast<size_t>(threads));
  std::vector<std::string_view> chunks;
  auto buffer = std::make_unique_for_overwrite<char[]>(block);
  size_t have = 0;            // bytes in the buffer
  bool eof = false;
  bool header_done = false;
  uint64_t lines_done = 0;    // lines before the current block, the header included
  std::string diag;

  {
    auto t = SteadyClock::now();
    std::string header(OutputHeader());
    header += '\n';
    NABIJ_RETURN_IF_ERROR(sink.Write(header));
    stats.write_seconds += SecondsSince(t);
  }

  while (true) {
    // Read: fill the buffer behind what is left of the previous block.
    auto t = SteadyClock::now();
    while (!eof && have < block) {
      NABIJ_ASSIGN_OR_RETURN(size_t n, src.Read(buffer.get() + have, block - have));
      if (n == 0) eof = true;
      have += n;
      stats.input_bytes += n;
    }
    stats.read_seconds += SecondsSince(t);
    if (have == 0) {
      if (!header_done) return CheckHeader({});
      break;
    }
    size_t usable = have;  // complete lines only, unless the input ends here
    if (!eof) {
      const char* last = static_cast<const char*>(memrchr(buffer.get(), '\n', have));
      if (last == nullptr) {
        return Status(ErrorCode::kParseError,
                      "line " + std::to_string(lines_done + 1) + ": longer than " + std::to_string(block) +
                          " bytes; not a line of docs/batch-format.md",
                      "line");
      }
      usable = static_cast<size_t>(last - buffer.get()) + 1;
    }
    std::string_view text(buffer.get(), usable);
    if (!header_done) {
      size_t nl = text.find('\n');
      NABIJ_RETURN_IF_ERROR(CheckHeader(text.substr(0, nl)));
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      header_done = true;
      lines_done = 1;
    }

    // Compute: one chunk per thread, cut at line ends.
    t = SteadyClock::now();
    const size_t n_chunks = std::clamp<size_t>(text.size() / kMinChunkBytes, 1, workers.size());
    chunks.clear();
    size_t pos = 0;
    for (size_t i = 0; i < n_chunks; ++i) {
      size_t cut = i + 1 == n_chunks ? text.size() : std::max(pos, text.size() * (i + 1) / n_chunks);
      if (cut < text.size()) {
        size_t nl = text.find('\n', cut);
        cut = nl == std::string_view::npos ? text.size() : nl + 1;
      }
      chunks.push_back(text.substr(pos, cut - pos));
      pos = cut;
    }
    {
      std::vector<std::jthread> pool;
      pool.reserve(n_chunks - 1);
      size_t started = 1;
      try {
        for (; started < n_chunks; ++started) {
          pool.emplace_back([&, i = started] { workers[i].Process(chunks[i], month, cache); });
        }
      } catch (const std::system_error&) {
        // No thread to be had: the chunks not started run here, so the result is the same.
      }
      workers[0].Process(chunks[0], month, cache);
      for (size_t i = started; i < n_chunks; ++i) workers[i].Process(chunks[i], month, cache);
    }  // the threads join here
    stats.compute_seconds += SecondsSince(t);

    // Write, in input order; the failing rows to the diagnostics.
    t = SteadyClock::now();
    for (size_t i = 0; i < n_chunks; ++i) {
      Worker& w = workers[i];
      NABIJ_RETURN_IF_ERROR(sink.Write(w.out));
      stats.output_bytes += w.out.size();
      if (options.diagnostics != nullptr) {
        for (const RowFailure& f : w.failures) {
          diag = "line " + std::to_string(lines_done + f.line) + ": " + f.text + "\n";
          std::fwrite(diag.data(), 1, diag.size(), options.diagnostics);
        }
      }
      lines_done += w.lines;
      w.Clear();
    }
    stats.write_seconds += SecondsSince(t);

    std::memmove(buffer.get(), buffer.get() + usable, have - usable);
    have -= usable;
    if (eof && have == 0) break;
  }
  if (options.diagnostics != nullptr) std::fflush(options.diagnostics);

  for (const Worker& w : workers) {
    stats.rows += w.rows;
    stats.failed_rows += w.failed;
    stats.bijstand_total += Money::Cents(w.bijstand_cents);
  }
  stats.snapshots = cache.size();
  stats.total_seconds = SecondsSince(start);
  return stats;
}

}  // namespace

Result<BatchStats> RunBatch(const rules::ParameterSet& rules, Month month, const std::filesystem::path& in,
                            const std::filesystem::path& out, int threads) {
  BatchOptions options;
  options.threads = threads;
  return RunBatch(rules, month, in, out, options);
}

Result<BatchStats> RunBatch(const rules::ParameterSet& rules, Month month, const std::filesystem::path& in,
                            const std::filesystem::path& out, const BatchOptions& options) {
  const auto start = SteadyClock::now();
  FileSource src;
  NABIJ_RETURN_IF_ERROR(src.Open(in));
  AtomicFileSink sink;
  NABIJ_RETURN_IF_ERROR(sink.Open(out));
  NABIJ_ASSIGN_OR_RETURN(BatchStats stats, Run(rules, month, src, sink, options));
  auto t = SteadyClock::now();
  NABIJ_RETURN_IF_ERROR(sink.Commit());
  stats.write_seconds += SecondsSince(t);
  stats.total_seconds = SecondsSince(start);
  return stats;
}

Result<BatchStats> RunBatchText(const rules::ParameterSet& rules, Month month, std::string_view input,
                                std::string& output, const BatchOptions& options) {
  TextSource src(input);
  StringSink sink(output);
  return Run(rules, month, src, sink, options);
}

Status WriteSyntheticInput(const std::filesystem::path& file, uint64_t seed, size_t n, Month month,
                           const std::vector<std::string_view>& gemeenten) {
  constexpr size_t kFlushBytes = size_t{1} << 20;
  AtomicFileSink sink;
  NABIJ_RETURN_IF_ERROR(sink.Open(file));
  std::string buf(InputHeader());
  buf += '\n';
  std::string id;
  for (size_t i = 0; i < n; ++i) {
    id = "h" + std::to_string(i);
    pw::CaseInput in = GenerateHousehold(seed, i, month);
    NABIJ_RETURN_IF_ERROR(AppendInputRow(buf, id, GeneratedGemeente(seed, i, gemeenten), in));
    if (buf.size() >= kFlushBytes) {
      NABIJ_RETURN_IF_ERROR(sink.Write(buf));
      buf.clear();
    }
  }
  NABIJ_RETURN_IF_ERROR(sink.Write(buf));
  return sink.Commit();
}

}  // namespace nabij::sim
