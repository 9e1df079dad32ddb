// Trace: the explanation of a calculation, one line per step.
//
// Every step names the amount it produced, the rule (a parameter id or a formula id), the value
// of the parameter it used and the date that value took effect, and the legal reference in the
// fixed citation form ("Pw art. 22a lid 1"). Formulas write to a Trace only when one is passed
// (per case); the batch path passes none and runs the very same code. Not thread-safe: one trace
// per calculation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "rules/parameter_set.h"

namespace nabij::rules {

struct TraceStep {
  std::string label;        // Dutch, for the reader: "Norm gehuwden 21 jaar tot AOW-leeftijd"
  Money amount;             // the amount this step produced
  std::string rule_id;      // "pw.norm.gehuwden_21_tot_aow" or "pw.formule.kostendelersnorm"
  std::string param_value;  // "€ 2.002,13 per maand", "25 %", empty for a pure formula step
  std::optional<Date> effective;  // when the parameter value took effect
  std::string legal_ref;    // "Pw art. 22a lid 1"
  std::string detail;       // the arithmetic in words: "(40 % + 2 × 30 %) / 2 × € 2.002,13"
};

class Trace {
 public:
  // A step that applies a parameter value.
  void Param(std::string label, Money amount, const Parameter& param, const Value& value,
             std::string detail = {});
  // A step of a formula defined in code, with its article.
  void Formula(std::string label, Money amount, std::string rule_id, std::string legal_ref,
               std::string detail = {});
  // A remark without an amount (a period that ends, a rule that does not apply).
  void Note(std::string label, std::string rule_id, std::string legal_ref, std::string detail = {});

  const std::vector<TraceStep>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }

 private:
  std::vector<TraceStep> steps_;
};

}  // namespace nabij::rules
