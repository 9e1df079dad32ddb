// Status and Result<T>: errors as values.
//
// A Status carries a code, a message in plain words, the field the error is about (a JSON path,
// a YAML key, a CSV column, or empty) and, for failures of a rule of law, the legal basis. Domain
// code never throws; a fallible function returns Result<T> (a value or a Status), shaped like
// std::expected so it can be replaced by it later. Both types are cheap to move and not
// thread-safe to mutate from several threads at once, like any value.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/check.h"

namespace nabij {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,     // input does not have the required form or range
  kParseError,          // a file or body could not be read as its format
  kNotFound,            // the thing asked for does not exist
  kAlreadyExists,       // creating something that exists
  kFailedPrecondition,  // the state does not allow the operation
  kRuleMissing,         // a rule or parameter has no value for the date asked
  kPermissionDenied,
  kUnauthenticated,
  kConflict,
  kResourceExhausted,
  kUnimplemented,       // a legal rule that nabij does not compute (yet); the message says which
  kIo,                  // reading or writing a file failed
  kInternal,
};

// Stable lower-case name of an error code, e.g. "invalid_argument"; used in JSON error bodies.
std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message, std::string field = {}, std::string legal_basis = {})
      : code_(code),
        message_(std::move(message)),
        field_(std::move(field)),
        legal_basis_(std::move(legal_basis)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  const std::string& legal_basis() const { return legal_basis_; }

  // "invalid_argument: members[1].birth_date: not a date (Pw art. 20)" style one-liner.
  std::string ToString() const;

  // Returns a copy whose field is prefixed with `outer` ("members[0]" + "birth_date").
  Status WithFieldPrefix(std::string_view outer) const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string field_;
  std::string legal_basis_;
};

inline Status InvalidArgument(std::string message, std::string field = {}) {
  return {ErrorCode::kInvalidArgument, std::move(message), std::move(field)};
}

// Result<T>: either a T or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit like std::expected
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    NABIJ_CHECK(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    NABIJ_CHECK(ok());
    return std::get<T>(v_);
  }
  T& value() & {
    NABIJ_CHECK(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    NABIJ_CHECK(ok());
    return std::get<T>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The error; an ok Result has an ok Status.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }
  const Status& error() const {
    NABIJ_CHECK(!ok());
    return std::get<Status>(v_);
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace nabij

// Returns the Status of `expr` from the enclosing function when it is not ok.
#define NABIJ_RETURN_IF_ERROR(expr)           \
  do {                                        \
    ::nabij::Status nabij_status_ = (expr);   \
    if (!nabij_status_.ok()) return nabij_status_; \
  } while (false)

#define NABIJ_CONCAT_INNER(a, b) a##b
#define NABIJ_CONCAT(a, b) NABIJ_CONCAT_INNER(a, b)
// NABIJ_ASSIGN_OR_RETURN(auto x, F()): x = the value of F(), or return its Status.
#define NABIJ_ASSIGN_OR_RETURN(decl, expr)                              \
  auto NABIJ_CONCAT(nabij_result_, __LINE__) = (expr);                  \
  if (!NABIJ_CONCAT(nabij_result_, __LINE__).ok())                      \
    return NABIJ_CONCAT(nabij_result_, __LINE__).error();               \
  decl = std::move(NABIJ_CONCAT(nabij_result_, __LINE__)).value()
