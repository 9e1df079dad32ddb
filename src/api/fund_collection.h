// The debt fund joined to the other modules for the CLI and the server: FundCollection (the
// instalments withheld in the monthly payment run), LinkBenefitCase (which benefit case they are
// withheld from) and HouseholdLetterPdf (the household's letter, rendered by src/letters).
//
// FundCollection:
// payments::PaymentRun asks, through payments::DebtCollection, which instalments to withhold
// (debt::DebtFund::InstalmentsDue, by benefit case) and records what each batch withheld
// (debt::DebtFund::RecordWithheld, source uitkering) inside the batch's transaction. payments and
// debt are both rank 4 and know nothing of each other; this adapter joins them for the CLI
// (`nabij run prepare`) and the server (POST /api/v1/runs/{month}/prepare). The fund's store must
// be on the run store's connection, so the line and the repayment commit together.
#pragma once

#include <map>
#include <vector>

#include "debt/fund.h"
#include "payments/case_files.h"
#include "payments/payment_run.h"

namespace nabij::api {

class FundCollection final : public payments::DebtCollection {
 public:
  explicit FundCollection(debt::DebtFund& fund) : fund_(fund) {}

  // kAlreadyExists when two running dossiers name the same benefit case (SetBenefitCase refuses
  // that, so only a database changed by hand has it).
  Result<std::map<int64_t, payments::DebtInstalment>> Due(Month month) override;
  Status Record(Month month, Date booking_date, const std::vector<payments::CaseOutcome>& outcomes) override;

 private:
  debt::DebtFund& fund_;
};

// The worker's step (CLI `nabij debt withhold`, PUT /api/v1/debt/dossiers/{id}/withholding):
// withhold the dossier's instalment from benefit case `case_id` from the next payment run on, or
// stop (nullopt). kNotFound (field "case") when there is no such benefit case; else
// debt::DebtFund::SetBenefitCase's errors.
Status LinkBenefitCase(debt::DebtFund& fund, payments::CaseFiles& cases, int64_t dossier_id,
                       std::optional<int64_t> case_id);

// The household's letter about its plan and balance (debt::LetterForHousehold) as PDF, dated
// `letter_date`, from the demo municipality (DemoLetterContext): the dossier holds no name or
// address, so the recipient block says where the municipality takes them from. Shared by the CLI
// (`nabij debt statement DOSSIER --pdf FILE`) and GET /api/v1/debt/dossiers/{id}/letter. Returns
// kNotFound for an unknown dossier, else letters::RenderPdf's errors.
Result<std::string> HouseholdLetterPdf(debt::DebtFund& fund, int64_t dossier_id, Date letter_date);

}  // namespace nabij::api
