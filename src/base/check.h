// NABIJ_CHECK: aborts the process when a broken invariant is found.
//
// Only for invariants that the program itself guarantees. User or file input never reaches a
// NABIJ_CHECK: such input is validated and answered with a Status (see base/status.h).
#pragma once

#include <cstdio>
#include <cstdlib>

#define NABIJ_CHECK(cond)                                                             \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: NABIJ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (false)
