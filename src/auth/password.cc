#include "auth/password.h"

#include <argon2.h>

#include <string>

#include "auth/crypto.h"

namespace nabij::auth {
namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;  // count every byte that starts a code point
  }
  return n;
}

Status ArgonError(int rc) {
  return Status(ErrorCode::kInternal, std::string("password hashing failed: ") + argon2_error_message(rc));
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password) {
  size_t n = CodePoints(password);
  if (n < kMinPasswordLength) {
    return InvalidArgument("het wachtwoord moet minstens " + std::to_string(kMinPasswordLength) + " tekens hebben",
                           "password");
  }
  if (n > kMaxPasswordLength) {
    return InvalidArgument("het wachtwoord mag hoogstens " + std::to_string(kMaxPasswordLength) + " tekens hebben",
                           "password");
  }
  for (char c : password) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      return InvalidArgument("het wachtwoord bevat een stuurteken (zoals een tab of nieuwe regel)", "password");
    }
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password, const Argon2Params& params) {
  NABIJ_ASSIGN_OR_RETURN(std::string salt, RandomBytes(kSaltBytes));
  size_t len = argon2_encodedlen(params.iterations, params.memory_kib, params.parallelism,
                                 static_cast<uint32_t>(kSaltBytes), static_cast<uint32_t>(kHashBytes), Argon2_id);
  std::string encoded(len, '\0');
  int rc = argon2id_hash_encoded(params.iterations, params.memory_kib, params.parallelism, password.data(),
                                 password.size(), salt.data(), salt.size(), kHashBytes, encoded.data(),
                                 encoded.size());
  if (rc != ARGON2_OK) return ArgonError(rc);
  encoded.resize(encoded.find('\0'));  // argon2_encodedlen counts the terminating NUL
  return encoded;
}

Result<bool> VerifyPassword(std::string_view encoded, std::string_view password) {
  if (!encoded.starts_with("$argon2id$")) {
    return InvalidArgument("the stored password hash is not an argon2id PHC string", "password_hash");
  }
  std::string text(encoded);  // argon2id_verify wants a NUL-terminated string
  int rc = argon2id_verify(text.c_str(), password.data(), password.size());
  if (rc == ARGON2_OK) return true;
  if (rc == ARGON2_VERIFY_MISMATCH) return false;
  if (rc == ARGON2_MEMORY_ALLOCATION_ERROR) return ArgonError(rc);
  return InvalidArgument(std::string("the stored password hash cannot be read: ") + argon2_error_message(rc),
                         "password_hash");
}

bool NeedsRehash(std::string_view encoded, const Argon2Params& params) {
  std::string want = "$argon2id$v=19$m=" + std::to_string(params.memory_kib) + ",t=" +
                     std::to_string(params.iterations) + ",p=" + std::to_string(params.parallelism) + "$";
  return !encoded.starts_with(want);
}

Result<std::string> GenerateOneTimePassword(size_t length) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  static_assert(kAlphabet.size() == 56);
  std::string out;
  out.reserve(length);
  // Rejection sampling: bytes >= 224 (4 * 56) are dropped so every symbol is equally likely.
  constexpr unsigned kLimit = 4 * 56;
  while (out.size() < length) {
    NABIJ_ASSIGN_OR_RETURN(std::string bytes, RandomBytes(2 * length));
    for (char c : bytes) {
      auto u = static_cast<unsigned char>(c);
      if (u >= kLimit) continue;
      out += kAlphabet[u % kAlphabet.size()];
      if (out.size() == length) break;
    }
  }
  return out;
}

}  // namespace nabij::auth
