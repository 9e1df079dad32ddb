// TempFile: a file is written beside its target under a hidden temporary name and renamed over
// the target only when complete, so a reader never sees half a file and a failed write leaves an
// existing file as it was. Internal to sheets (the CSV and .xlsx writers).
//
// The temporary file is created with mode 0600 (mkstemp), which the target keeps: exports hold
// personal data. It lives in the target's directory so the rename cannot cross file systems.
// A TempFile that is not committed removes its file when destroyed. Move-only; one thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace nabij::sheets::internal {

class TempFile {
 public:
  // Creates ".NAME.XXXXXX" beside `target` and keeps it open. Returns kInvalidArgument if
  // `target` names no file, kIo if the file cannot be created (e.g. the directory is missing).
  static Result<TempFile> Create(const std::filesystem::path& target);

  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  const std::string& path() const { return temp_; }

  // Appends `data` to the open file. Returns kIo on a write error.
  Status Write(std::string_view data);
  // Closes the file so another writer (libxlsxwriter) can open it by path() and write it.
  // Returns kIo if closing fails.
  Status Close();
  // Flushes path() to disk and renames it over the target. Returns kIo on failure; the
  // temporary file is removed then.
  Status Commit();

 private:
  TempFile(std::filesystem::path target, std::string temp, int fd)
      : target_(std::move(target)), temp_(std::move(temp)), fd_(fd) {}
  Status IoError(std::string what, int err) const;

  std::filesystem::path target_;
  std::string temp_;
  int fd_ = -1;
  bool done_ = false;  // committed, or moved from
};

}  // namespace nabij::sheets::internal
