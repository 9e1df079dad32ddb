#include "payments/payment_run.h"

#include "sepa/xsd_validator.h"

namespace nabij::payments {

std::string_view RunStatusName(RunStatus s) {
  switch (s) {
    case RunStatus::kPreparing: return "preparing";
    case RunStatus::kPrepared: return "prepared";
    case RunStatus::kApproved: return "approved";
    case RunStatus::kExported: return "exported";
  }
  return "?";
}

Result<MonthRules> PaymentRun::RulesFor(Month month, const std::string& gemeente) {
  if (!bvv_params_ || !(params_month_ == month)) {
    pw_params_.clear();
    auto b = bvv::Snapshot(rules_, month);
    if (!b.ok()) return b.error();
    bvv_params_ = std::move(*b);
    params_month_ = month;
  }
  auto it = pw_params_.find(gemeente);
  if (it == pw_params_.end()) {
    auto p = pw::Snapshot(rules_, month, gemeente);
    if (!p.ok()) return p.error();
    it = pw_params_.emplace(gemeente, std::move(*p)).first;
  }
  return MonthRules{&it->second, &*bvv_params_};
}

Result<PrepareResult> PaymentRun::Prepare(Month month, const std::string& user,
                                          const std::function<void(int64_t)>& progress, int batch_size) {
  if (user.empty()) return InvalidArgument("who prepares the run must be known", "user");
  if (batch_size < 1) return InvalidArgument("the batch size is at least 1", "batch_size");
  // The month must have rules before anything is written.
  NABIJ_ASSIGN_OR_RETURN(MonthRules national, RulesFor(month, ""));
  (void)national;
  NABIJ_ASSIGN_OR_RETURN(std::optional<RunRecord> existing, store_.FindRun(month));
  RunRecord run;
  if (existing) {
    run = *existing;
  } else {
    RunRecord fresh;
    fresh.month = month;
    fresh.prepared_by = user;
    fresh.rules_version = rules_.content_hash();
    fresh.booking_date = clock_.Today();
    fresh.created_at = FormatUtc(clock_.NowUnixMillis());
    auto created = store_.CreateRun(fresh);
    if (!created.ok()) return created.error();
    run = *created;
  }
  PrepareResult result;
  if (run.status == RunStatus::kPreparing) {
    // Cases already in the run have their instalment recorded: the fund no longer lists them.
    std::map<int64_t, DebtInstalment> due;
    if (debt_ != nullptr) {
      NABIJ_ASSIGN_OR_RETURN(due, debt_->Due(month));
    }
    int64_t after = 0;
    for (;;) {
      NABIJ_ASSIGN_OR_RETURN(std::vector<RunCase> cases, store_.LoadPendingCases(run.id, month, after, batch_size));
      if (cases.empty()) break;
      bool withholds = false;
      for (RunCase& c : cases) {
        auto d = due.find(c.case_id);
        if (d == due.end()) continue;
        c.debt = d->second;
        withholds = true;
      }
      std::vector<CaseOutcome> outcomes;
      outcomes.reserve(cases.size());
      for (const RunCase& c : cases) {
        auto r = RulesFor(month, c.gemeente);
        if (!r.ok()) {
          CaseOutcome failed;
          failed.case_id = c.case_id;
          failed.ok = false;
          failed.error_code = std::string(ErrorCodeName(r.error().code()));
          failed.error_message = r.error().message();
          outcomes.push_back(std::move(failed));
          continue;
        }
        outcomes.push_back(ComputeCase(c, month, *r, run.booking_date));
      }
      after = cases.back().case_id;
      if (withholds) {
        NABIJ_RETURN_IF_ERROR(store_.SaveBatch(
            run.id, outcomes, [&] { return debt_->Record(month, run.booking_date, outcomes); }));
      } else {
        NABIJ_RETURN_IF_ERROR(store_.SaveBatch(run.id, outcomes));
      }
      result.computed_now += static_cast<int64_t>(outcomes.size());
      if (progress) progress(result.computed_now);
    }
    NABIJ_RETURN_IF_ERROR(store_.SetStatus(run.id, RunStatus::kPreparing, RunStatus::kPrepared, user));
    run.status = RunStatus::kPrepared;
  }
  result.run = run;
  NABIJ_ASSIGN_OR_RETURN(result.totals, store_.Totals(run.id));
  return result;
}

Status PaymentRun::Approve(Month month, const std::string& user) {
  NABIJ_ASSIGN_OR_RETURN(std::optional<RunRecord> run, store_.FindRun(month));
  if (!run) return Status(ErrorCode::kNotFound, "there is no payment run for " + month.ToString(), "month");
  if (run->status != RunStatus::kPrepared) {
    return Status(ErrorCode::kFailedPrecondition,
                  "the run for " + month.ToString() + " is " + std::string(RunStatusName(run->status)) +
                      "; only a prepared run can be approved", "status");
  }
  if (run->prepared_by == user) {
    return Status(ErrorCode::kPermissionDenied, "the run must be approved by someone other than who prepared it",
                  "user");
  }
  return store_.SetStatus(run->id, RunStatus::kPrepared, RunStatus::kApproved, user);
}

Result<std::string> PaymentRun::Export(Month month, const ExportSettings& settings) {
  NABIJ_ASSIGN_OR_RETURN(std::optional<RunRecord> run, store_.FindRun(month));
  if (!run) return Status(ErrorCode::kNotFound, "there is no payment run for " + month.ToString(), "month");
  if (run->status != RunStatus::kApproved && run->status != RunStatus::kExported) {
    return Status(ErrorCode::kFailedPrecondition,
                  "the run for " + month.ToString() + " is " + std::string(RunStatusName(run->status)) +
                      "; it must be approved by a second user first", "status");
  }
  auto debtor = Iban::Parse(settings.debtor_iban);
  if (!debtor.ok()) return InvalidArgument("the municipality's IBAN is not valid", "debtor_iban");
  Money client;
  Money derden;
  Money beslag;
  std::vector<sepa::Transfer> transfers;
  {
    // The payments' text moves into the transfers: one copy of each name and IBAN in memory.
    NABIJ_ASSIGN_OR_RETURN(std::vector<Payment> payments, store_.Payments(run->id));
    if (payments.empty())
      return Status(ErrorCode::kFailedPrecondition, "the run has no payments", "payments");
    transfers.reserve(payments.size());
    for (Payment& p : payments) {
      auto iban = Iban::Parse(p.creditor.iban);
      if (!iban.ok())
        return InvalidArgument("payment " + p.end_to_end_id + " has an invalid IBAN", "payments");
      if (p.kind == PaymentKind::kClient) {
        client += p.amount;
      } else if (p.kind == PaymentKind::kDerde) {
        derden += p.amount;
      } else {
        beslag += p.amount;
      }
      transfers.push_back({std::move(p.end_to_end_id), p.amount, std::move(p.creditor.name),
                           std::move(iban).value(), std::move(p.remittance)});
    }
  }
  sepa::Batch batch{.message_id = "NABIJ-" + month.ToString() + "-" + std::to_string(run->id),
                    .created_at = run->created_at,
                    .debtor_name = settings.debtor_name,
                    .debtor_iban = *debtor,
                    .debtor_bic = settings.debtor_bic,
                    .execution_date = settings.execution_date.value_or(run->booking_date),
                    .payment_info_id = "BIJSTAND-" + month.ToString(),
                    .transfers = std::move(transfers)};
  NABIJ_ASSIGN_OR_RETURN(std::string xml, sepa::WritePain001(batch, settings.version));
  batch.transfers = {};  // written: freed before the file is read back
  // The official XSD and the totals, in one streaming reading of the file.
  NABIJ_RETURN_IF_ERROR(sepa::ValidateXsdAndTotals(xml, settings.version, settings.schema_dir));
  std::vector<ledger::Posting> postings;
  if (client > Money::Zero()) postings.push_back({ledger::kTeBetalenClient, client});
  if (derden > Money::Zero()) postings.push_back({ledger::kTeBetalenDerden, derden});
  if (beslag > Money::Zero()) postings.push_back({ledger::kTeBetalenBeslaglegger, beslag});
  postings.push_back({ledger::kBank, -(client + derden + beslag)});
  NABIJ_ASSIGN_OR_RETURN(ledger::Entry entry,
                         ledger::MakeEntry(batch.execution_date, "sepa:" + month.ToString(),
                                           "Betaling bijstand " + month.ToString() + " (SEPA)", std::move(postings)));
  NABIJ_RETURN_IF_ERROR(store_.AppendEntryOnce(entry));
  if (run->status == RunStatus::kApproved) {
    NABIJ_RETURN_IF_ERROR(store_.SetStatus(run->id, RunStatus::kApproved, RunStatus::kExported, run->approved_by));
  }
  return xml;  // moved (C++20 implicit move into the Result)
}

}  // namespace nabij::payments
