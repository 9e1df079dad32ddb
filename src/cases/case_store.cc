#include "cases/case_store.h"

namespace nabij::cases {

std::string_view ApplicationStatusName(ApplicationStatus s) {
  return s == ApplicationStatus::kDecided ? "decided" : "queued";
}

}  // namespace nabij::cases
