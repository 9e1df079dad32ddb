// Compile-fail cases for Money: each NABIJ_CASE > 0 must not compile. The CTest that runs a case
// passes only when the compiler's error points at the marked line (NABIJ_COMPILE_FAIL_MARK), so a
// case that fails for another reason (a typo, a missing header) does not count as a pass.
#include "base/money.h"

namespace nabij {

Money Use() {
  Money m = Money::Cents(140150);
  [[maybe_unused]] int64_t n = 5;
#if NABIJ_CASE == 0
  return m + Money::Cents(5) - MulDiv(m, 25, 100, Rounding::kHalfUp);  // control: compiles
#elif NABIJ_CASE == 1
  return m * 0.25;  // NABIJ_COMPILE_FAIL_MARK
#elif NABIJ_CASE == 2
  return m + 5;  // NABIJ_COMPILE_FAIL_MARK
#elif NABIJ_CASE == 3
  return Money(3.5);  // NABIJ_COMPILE_FAIL_MARK
#elif NABIJ_CASE == 4
  return m * n;  // NABIJ_COMPILE_FAIL_MARK
#elif NABIJ_CASE == 5
  return m / 2;  // NABIJ_COMPILE_FAIL_MARK
#elif NABIJ_CASE == 6
  Money x = 140150;  // NABIJ_COMPILE_FAIL_MARK
  return x;
#elif NABIJ_CASE == 7
  double d = m;  // NABIJ_COMPILE_FAIL_MARK
  return Money::Cents(static_cast<int64_t>(d));
#elif NABIJ_CASE == 8
  return 0.5f * m;  // NABIJ_COMPILE_FAIL_MARK
#endif
}

}  // namespace nabij
