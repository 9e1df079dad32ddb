#include "sheets/temp_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>
#include <utility>

namespace nabij::sheets::internal {

Result<TempFile> TempFile::Create(const std::filesystem::path& target) {
  if (!target.has_filename()) return InvalidArgument("the path names no file", target.string());
  // Appended rather than "." + name: g++ 12 -O3 gives a false -Wrestrict on the latter.
  std::string name = ".";
  name += target.filename().string();
  name += ".XXXXXX";
  std::string temp = (target.parent_path() / name).string();
  const int fd = ::mkstemp(temp.data());  // mode 0600
  if (fd < 0) {
    const int err = errno;
    return Status(ErrorCode::kIo,
                  "cannot create a temporary file beside " + target.string() + ": " +
                      std::error_code(err, std::generic_category()).message(),
                  target.string());
  }
  return TempFile(target, std::move(temp), fd);
}

TempFile::TempFile(TempFile&& other) noexcept
    : target_(std::move(other.target_)),
      temp_(std::move(other.temp_)),
      fd_(std::exchange(other.fd_, -1)),
      done_(std::exchange(other.done_, true)) {}

TempFile::~TempFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!done_) ::unlink(temp_.c_str());
}

Status TempFile::IoError(std::string what, int err) const {
  return Status(ErrorCode::kIo,
                what + " " + target_.string() + ": " +
                    std::error_code(err, std::generic_category()).message(),
                target_.string());
}

Status TempFile::Write(std::string_view data) {
  NABIJ_CHECK(fd_ >= 0);
  size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = ::write(fd_, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot write", errno);
    written += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status TempFile::Close() {
  if (fd_ < 0) return Status::Ok();
  const int rc = ::close(std::exchange(fd_, -1));
  if (rc != 0) return IoError("cannot close the temporary file of", errno);
  return Status::Ok();
}

Status TempFile::Commit() {
  NABIJ_CHECK(!done_);
  if (fd_ < 0) {
    // Written by someone else through path(): open it again to flush it.
    fd_ = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return IoError("cannot reopen the temporary file of", errno);
  }
  if (::fsync(fd_) != 0) return IoError("cannot flush to disk", errno);
  NABIJ_RETURN_IF_ERROR(Close());
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    return IoError("cannot move the finished file into place as", errno);
  }
  done_ = true;
  return Status::Ok();
}

}  // namespace nabij::sheets::internal
