#include "api/fund_collection.h"

#include "api/casework.h"
#include "cases/decision_letter.h"
#include "debt/household_view.h"
#include "letters/pdf_renderer.h"

namespace nabij::api {

Result<std::map<int64_t, payments::DebtInstalment>> FundCollection::Due(Month month) {
  NABIJ_ASSIGN_OR_RETURN(std::vector<debt::DueInstalment> due, fund_.InstalmentsDue(month));
  std::map<int64_t, payments::DebtInstalment> by_case;
  for (const debt::DueInstalment& d : due) {
    auto [it, fresh] = by_case.emplace(d.benefit_case, payments::DebtInstalment{d.dossier_id, d.amount});
    if (!fresh) {
      return Status(ErrorCode::kAlreadyExists,
                    "de schuldendossiers " + std::to_string(it->second.dossier_id) + " en " +
                        std::to_string(d.dossier_id) + " houden allebei in op uitkeringsdossier " +
                        std::to_string(d.benefit_case),
                    "dossier");
    }
  }
  return by_case;
}

Status FundCollection::Record(Month month, Date booking_date, const std::vector<payments::CaseOutcome>& outcomes) {
  std::vector<debt::Withheld> rows;
  for (const payments::CaseOutcome& o : outcomes) {
    if (o.debt_withheld > Money::Zero()) rows.push_back({o.debt_dossier_id, month, o.debt_withheld, booking_date});
  }
  return fund_.RecordWithheld(rows);
}

Status LinkBenefitCase(debt::DebtFund& fund, payments::CaseFiles& cases, int64_t dossier_id,
                       std::optional<int64_t> case_id) {
  if (case_id && *case_id >= 1) {
    NABIJ_ASSIGN_OR_RETURN(std::optional<payments::CaseFile> file, cases.LoadCaseFile(*case_id));
    if (!file) {
      return Status(ErrorCode::kNotFound, "er is geen uitkeringsdossier " + std::to_string(*case_id), "case");
    }
  }
  return fund.SetBenefitCase(dossier_id, case_id);
}

Result<std::string> HouseholdLetterPdf(debt::DebtFund& fund, int64_t dossier_id, Date letter_date) {
  NABIJ_ASSIGN_OR_RETURN(debt::HouseholdView view, fund.ViewFor(dossier_id));
  cases::LetterContext ctx = DemoLetterContext("", "NABIJ-S" + std::to_string(dossier_id), letter_date);
  ctx.recipient_address = {"(naam en adres volgens de BRP)"};
  ctx.signer = "De schuldhulpverlener";
  return letters::RenderPdf(debt::LetterForHousehold(view, dossier_id, cases::LetterHeadOf(ctx)));
}

}  // namespace nabij::api
