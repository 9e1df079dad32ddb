#include "base/status.h"

namespace nabij {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kParseError: return "parse_error";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kAlreadyExists: return "already_exists";
    case ErrorCode::kFailedPrecondition: return "failed_precondition";
    case ErrorCode::kRuleMissing: return "rule_missing";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kResourceExhausted: return "resource_exhausted";
    case ErrorCode::kUnimplemented: return "unimplemented";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(ErrorCodeName(code_));
  out += ": ";
  if (!field_.empty()) {
    out += field_;
    out += ": ";
  }
  out += message_;
  if (!legal_basis_.empty()) {
    out += " (";
    out += legal_basis_;
    out += ")";
  }
  return out;
}

Status Status::WithFieldPrefix(std::string_view outer) const {
  if (ok() || outer.empty()) return *this;
  std::string f(outer);
  if (!field_.empty()) {
    if (field_.front() != '[') f += '.';
    f += field_;
  }
  return Status(code_, message_, std::move(f), legal_basis_);
}

}  // namespace nabij
