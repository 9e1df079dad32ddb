// Password hashing with argon2id (RFC 9106) in the PHC string format, and the password policy.
//
// A stored password is only ever the encoded string
//   $argon2id$v=19$m=19456,t=2,p=1$<salt, base64>$<hash, base64>
// which carries its own parameters and salt, so raising the parameters later keeps old hashes
// verifiable (NeedsRehash tells when to store a new one at the next login). password.cc is the
// only file that includes libargon2. All functions are thread-safe; hashing takes about 19 MiB of
// memory and tens of milliseconds per call, by design.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace nabij::auth {

// The argon2id cost. The defaults are the OWASP Password Storage Cheat Sheet's minimum: "Use
// Argon2id with a minimum configuration of 19 MiB of memory, an iteration count of 2, and 1
// degree of parallelism" (cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html).
struct Argon2Params {
  uint32_t memory_kib = 19 * 1024;  // m: 19 MiB
  uint32_t iterations = 2;          // t
  uint32_t parallelism = 1;         // p: one lane; a server hashes for many users at once
};
// The production parameters (the defaults above). Tests may pass cheaper ones to HashPassword;
// nothing outside tests does.
inline constexpr Argon2Params kArgon2Owasp{};
// 16 random bytes of salt: RFC 9106 section 3.1 recommends 128 bits for password hashing.
inline constexpr size_t kSaltBytes = 16;
// A 256-bit tag, RFC 9106's recommended tag length.
inline constexpr size_t kHashBytes = 32;

// Password policy (NIST SP 800-63B section 5.1.1.2: length over composition rules, no hints).
// 12 characters minimum for accounts that open personal data; 128 maximum so one login cannot
// make the server hash megabytes.
inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 128;

// kInvalidArgument (field "password", Dutch message) when `password` breaks the policy: too short
// or too long (counted in UTF-8 code points), or containing a control character.
Status CheckPasswordPolicy(std::string_view password);

// The PHC string of `password` with a fresh random salt. kInternal when the system has no
// randomness or libargon2 fails (out of memory). Does not apply the policy.
Result<std::string> HashPassword(std::string_view password, const Argon2Params& params = kArgon2Owasp);

// True when `password` matches `encoded`, false when it does not; the comparison of the tags is
// constant-time (libargon2's argon2id_verify). kInvalidArgument when `encoded` is not an argon2id
// PHC string, kInternal when hashing fails.
Result<bool> VerifyPassword(std::string_view encoded, std::string_view password);

// True when `encoded` was made with other parameters than `params` (store a new hash).
bool NeedsRehash(std::string_view encoded, const Argon2Params& params = kArgon2Owasp);

// A random password of `length` characters from an alphabet without look-alikes (no 0/O/o, 1/l/I),
// for one-time passwords that a person reads from a terminal and types once. 20 characters from
// 56 symbols give 116 bits. kInternal when the system has no randomness.
inline constexpr size_t kOneTimePasswordLength = 20;
Result<std::string> GenerateOneTimePassword(size_t length = kOneTimePasswordLength);

}  // namespace nabij::auth
