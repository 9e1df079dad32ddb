// Cryptographic building blocks of nabij's accounts: random secrets, SHA-256, constant-time compare.
//
// RandomBytes reads the kernel's CSPRNG through getrandom(2) and never falls back to a weaker
// source: when the kernel cannot give randomness it returns kInternal and the caller refuses the
// operation (no login, no account). Sha256 is OpenSSL's libcrypto; crypto.cc is the only file that
// includes it. Every function is thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace nabij::auth {

// `n` random bytes from getrandom(2); kInternal when the kernel fails.
Result<std::string> RandomBytes(size_t n);

// `bytes` as base64url without padding (RFC 4648 section 5): safe in cookies, headers and URLs.
std::string Base64Url(std::string_view bytes);

// The SHA-256 digest of `data` as 64 lower-case hex characters.
std::string Sha256Hex(std::string_view data);

// True when a and b are equal; the time taken depends only on the lengths, not on where the
// first difference is (for comparing secrets such as CSRF tokens).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace nabij::auth
