#include "payments/run_workbook.h"

#include <string>
#include <utility>
#include <vector>

namespace nabij::payments {

Result<sheets::Workbook> RunWorkbook(RunStore& runs, const RunRecord& run, const RunTotals& t) {
  using Kind = sheets::Column::Kind;
  sheets::Workbook wb;
  wb.title = "Betaalrun " + run.month.ToString();
  std::string header = "Betaalrun " + run.month.ToString() + ", " + std::string(RunStatusName(run.status)) +
                       ", voorbereid door " + run.prepared_by +
                       (run.approved_by.empty() ? "" : ", goedgekeurd door " + run.approved_by) + ", regelversie " +
                       run.rules_version;
  sheets::Sheet totals{"Totalen", {{"Post", Kind::kText, 36}, {"Bedrag", Kind::kMoney, 18}}, {}, {header}};
  for (const auto& [label, amount] : std::vector<std::pair<std::string, Money>>{
           {"Bijstand", t.bijstand},
           {"Vakantietoeslag gereserveerd", t.vt_reserved},
           {"Vakantietoeslag uitbetaald", t.vt_paid},
           {"Beslag", t.garnished},
           {"Verrekend (terugvordering)", t.recovered},
           {"Derdenbetalingen", t.direct},
           {"Ingehouden voor het schuldenfonds", t.debt_withheld},
           {"Aan cliënten", t.to_client - t.debt_withheld}}) {
    totals.rows.push_back({label, amount});
  }
  sheets::Sheet paid{"Betalingen",
                     {{"Kenmerk (end-to-end)", Kind::kText, 24},
                      {"Soort", Kind::kText, 10},
                      {"Begunstigde", Kind::kText, 32},
                      {"IBAN", Kind::kText, 22},
                      {"Omschrijving", Kind::kText, 40},
                      {"Bedrag", Kind::kMoney, 14}},
                     {},
                     {header}};
  NABIJ_ASSIGN_OR_RETURN(std::vector<Payment> payments, runs.Payments(run.id));
  for (const Payment& p : payments) {
    paid.rows.push_back({p.end_to_end_id, std::string(PaymentKindName(p.kind)), p.creditor.name,
                         p.creditor.iban, p.remittance, p.amount});
  }
  sheets::Sheet failed{"Fouten",
                       {{"Dossier", Kind::kNumber, 10}, {"Code", Kind::kText, 20}, {"Reden", Kind::kText, 80}},
                       {},
                       {header}};
  NABIJ_ASSIGN_OR_RETURN(std::vector<FailedLine> lines, runs.FailedLines(run.id));
  for (const FailedLine& f : lines) failed.rows.push_back({f.case_id, f.error_code, f.error_message});
  wb.sheets = {std::move(totals), std::move(paid), std::move(failed)};
  return wb;
}

}  // namespace nabij::payments
