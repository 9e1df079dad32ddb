#include "auth/password.h"

#include <gtest/gtest.h>

#include <set>

#include "auth/crypto.h"

namespace nabij::auth {
namespace {

// Cheap parameters for tests that hash often; the production parameters are tested once below.
constexpr Argon2Params kCheap{256, 1, 1};

TEST(Password, HashWithProductionParametersIsPhcAndVerifies) {
  auto h = HashPassword("correct horse battery staple");
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_TRUE(h->starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << *h;
  EXPECT_FALSE(NeedsRehash(*h));
  EXPECT_EQ(VerifyPassword(*h, "correct horse battery staple").value(), true);
  EXPECT_EQ(VerifyPassword(*h, "correct horse battery stapl").value(), false);
}

TEST(Password, WrongPasswordAndSaltsDiffer) {
  auto a = HashPassword("een lang wachtwoord", kCheap);
  auto b = HashPassword("een lang wachtwoord", kCheap);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);  // a fresh salt each time
  EXPECT_TRUE(VerifyPassword(*a, "een lang wachtwoord").value());
  EXPECT_TRUE(VerifyPassword(*b, "een lang wachtwoord").value());
  EXPECT_FALSE(VerifyPassword(*a, "Een lang wachtwoord").value());
  EXPECT_FALSE(VerifyPassword(*a, "").value());
  EXPECT_TRUE(NeedsRehash(*a));  // cheaper than production
}

TEST(Password, BrokenStoredHashIsAnErrorNotAMatch) {
  EXPECT_EQ(VerifyPassword("plain-text", "x").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(VerifyPassword("$argon2i$v=19$m=256,t=1,p=1$c2FsdHNhbHQ$aGFzaA", "x").status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(VerifyPassword("$argon2id$v=19$m=256,t=1,p=1$!!!$???", "x").status().code(),
            ErrorCode::kInvalidArgument);
}

TEST(Password, Policy) {
  EXPECT_EQ(CheckPasswordPolicy("kort").field(), "password");
  EXPECT_FALSE(CheckPasswordPolicy("elf tekens.").ok());  // 11
  EXPECT_TRUE(CheckPasswordPolicy("twaalf teken").ok());  // 12
  EXPECT_FALSE(CheckPasswordPolicy("ééééééééééé").ok());  // 11 code points, 22 bytes
  EXPECT_TRUE(CheckPasswordPolicy("éééééééééééé").ok());
  EXPECT_FALSE(CheckPasswordPolicy(std::string(129, 'a')).ok());
  EXPECT_TRUE(CheckPasswordPolicy(std::string(128, 'a')).ok());
  EXPECT_FALSE(CheckPasswordPolicy("twaalf\ttekens").ok());
}

TEST(Password, OneTimePasswordsAreRandomAndReadable) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    auto p = GenerateOneTimePassword();
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->size(), kOneTimePasswordLength);
    EXPECT_TRUE(CheckPasswordPolicy(*p).ok());
    EXPECT_EQ(p->find_first_of("0Oo1lI"), std::string::npos) << *p;
    seen.insert(*p);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST(Crypto, Sha256KnownAnswers) {
  // FIPS 180-2 appendix B.1 and the empty string.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Crypto, Base64UrlAndCompare) {
  // RFC 4648 section 10 vectors, without padding, in the URL alphabet.
  EXPECT_EQ(Base64Url(""), "");
  EXPECT_EQ(Base64Url("f"), "Zg");
  EXPECT_EQ(Base64Url("fo"), "Zm8");
  EXPECT_EQ(Base64Url("foo"), "Zm9v");
  EXPECT_EQ(Base64Url("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Url("\xfb\xff"), "-_8");
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  auto r = RandomBytes(32);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 32u);
  EXPECT_NE(*r, RandomBytes(32).value());
}

}  // namespace
}  // namespace nabij::auth
