#include "rules/trace.h"

namespace nabij::rules {

void Trace::Param(std::string label, Money amount, const Parameter& param, const Value& value,
                  std::string detail) {
  steps_.push_back(TraceStep{std::move(label), amount, param.id, value.Display(param.type, param.unit),
                             value.effective, value.basis.Cite(), std::move(detail)});
}

void Trace::Formula(std::string label, Money amount, std::string rule_id, std::string legal_ref,
                    std::string detail) {
  steps_.push_back(TraceStep{std::move(label), amount, std::move(rule_id), {}, std::nullopt,
                             std::move(legal_ref), std::move(detail)});
}

void Trace::Note(std::string label, std::string rule_id, std::string legal_ref, std::string detail) {
  steps_.push_back(TraceStep{std::move(label), Money::Zero(), std::move(rule_id), {}, std::nullopt,
                             std::move(legal_ref), std::move(detail)});
}

}  // namespace nabij::rules
