// Helpers for sim tests: the real rules, field-by-field CaseInput equality, temporary directories.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/check.h"
#include "pw/household.h"
#include "rules/parameter_set.h"
#include "rules/source_rules.h"

namespace nabij::sim::testing {

inline const rules::ParameterSet& Rules() { return rules::SourceRules(); }

// The first field that differs, or empty when `a` and `b` are equal in every meaningful field:
// partner fields only with a partner, the youngest child only with children, housemates up to
// housemate_count (the format carries nothing else, docs/batch-format.md).
inline std::string Difference(const pw::CaseInput& a, const pw::CaseInput& b) {
  auto adult = [](const pw::Adult& x, const pw::Adult& y, const std::string& who) -> std::string {
    if (x.birth != y.birth) return who + ".birth";
    if (x.entitled != y.entitled) return who + ".entitled";
    if (x.medisch_urenbeperkt != y.medisch_urenbeperkt) return who + ".medisch_urenbeperkt";
    if (x.doelgroep_lks != y.doelgroep_lks) return who + ".doelgroep_lks";
    if (x.work_income != y.work_income) return who + ".work_income";
    if (x.other_income != y.other_income) return who + ".other_income";
    if (x.premie != y.premie) return who + ".premie";
    if (x.premie_earlier != y.premie_earlier) return who + ".premie_earlier";
    if (x.giften != y.giften) return who + ".giften";
    if (x.giften_earlier != y.giften_earlier) return who + ".giften_earlier";
    const pw::Periods& p = x.periods;
    const pw::Periods& q = y.periods;
    if (p.n_month != q.n_month) return who + ".n_month";
    if (p.r_month != q.r_month) return who + ".r_month";
    if (p.z_month != q.z_month) return who + ".z_month";
    if (p.pib_month != q.pib_month) return who + ".pib_month";
    if (p.aa != q.aa) return who + ".aa";
    if (p.pib_extended != q.pib_extended) return who + ".pib_extended";
    return {};
  };
  if (a.month != b.month) return "month";
  if (auto d = adult(a.applicant, b.applicant, "applicant"); !d.empty()) return d;
  if (a.has_partner != b.has_partner) return "has_partner";
  if (a.has_partner) {
    if (auto d = adult(a.partner, b.partner, "partner"); !d.empty()) return d;
  }
  if (a.children != b.children) return "children";
  if (a.children > 0 && a.youngest_child_birth != b.youngest_child_birth) return "youngest_child_birth";
  if (a.in_inrichting != b.in_inrichting) return "in_inrichting";
  if (a.inrichting_verhoging != b.inrichting_verhoging) return "inrichting_verhoging";
  if (a.parents_cannot_support != b.parents_cannot_support) return "parents_cannot_support";
  if (a.mantelzorg_elsewhere != b.mantelzorg_elsewhere) return "mantelzorg_elsewhere";
  if (a.vermogen != b.vermogen) return "vermogen";
  if (a.eigen_woning_vermogen != b.eigen_woning_vermogen) return "eigen_woning_vermogen";
  if (a.housemate_count != b.housemate_count) return "housemate_count";
  for (size_t i = 0; i < a.housemate_count; ++i) {
    const pw::Housemate& x = a.housemates[i];
    const pw::Housemate& y = b.housemates[i];
    std::string who = "housemates[" + std::to_string(i) + "]";
    if (x.birth != y.birth) return who + ".birth";
    if (x.relation != y.relation) return who + ".relation";
    if (x.education != y.education) return who + ".education";
    if (x.commercial_contract != y.commercial_contract) return who + ".commercial_contract";
    if (x.third_party_contract != y.third_party_contract) return who + ".third_party_contract";
  }
  return {};
}

// A fresh directory under the system's temporary directory, removed with the object.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("nabij_sim_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline void WriteFile(const std::filesystem::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

}  // namespace nabij::sim::testing
