// Golden cases: households and terms with the cents the law says they come to, run against the
// engine.
//
// A golden case file is YAML under rules/**/tests/ (format: docs/golden-format.md). Each case
// names its source (a shared test vector or a reference table), a kind (household, bvv,
// bvv_maximum, zoektermijn), its input and the figures it expects. RunGoldenCases finds every such
// file, validates it strictly and runs each case through the same entry points the API uses
// (pw::BuildCaseInput and pw::Calculate, bvv::Calculate and bvv::Maximum,
// pw::EarliestApplicationDate), with one rules snapshot per month and municipality.
//
// Nothing is skipped silently: a case with an unknown key, a missing expect, an unknown kind, an
// expected figure its kind cannot produce, or an engine error is a failed CaseResult naming the
// file and line, never a crash and never a pass. Pure apart from reading the files; the
// ParameterSet is only read, so several runs may share it between threads.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "rules/parameter_set.h"

namespace nabij::golden {

struct CaseResult {
  std::string
      file;  // relative to the rules root, '/'-separated: "nl/participatiewet/tests/normen.yaml"
  int line = 0;        // where the case starts (for a problem with the file itself: where it is)
  std::string name;    // empty when the file as a whole could not be read
  std::string source;  // where the expected figures come from, as the case says
  bool passed = false;
  std::vector<std::string> mismatches;  // "bijstand: expected 70845, got 70846"
  std::string error;                    // "file:line: what is wrong", when the case could not run

  // One line for a person: "nl/x/tests/a.yaml:12: name: FAILED: bijstand: expected 1, got 2".
  std::string ToString() const;
};

// Runs every golden case in every rules_root/**/tests/*.yaml, files in path order and cases in file
// order, with the figures of `set`. Returns kNotFound when rules_root is not a directory and kIo
// when it cannot be walked; every problem inside a file is a failed CaseResult instead.
Result<std::vector<CaseResult>> RunGoldenCases(const rules::ParameterSet& set,
                                               const std::filesystem::path& rules_root);

// Runs the cases of one file's text; `file` names it in the results. Never fails as a whole: a
// file that is not valid YAML or not a golden file gives one failed CaseResult.
std::vector<CaseResult> RunGoldenFile(const rules::ParameterSet& set, std::string_view yaml,
                                      std::string_view file);

}  // namespace nabij::golden
