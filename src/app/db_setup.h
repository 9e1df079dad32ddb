// Setting up the benefit administration's database and its SEPA export, shared by the CLI
// (nabij db init, nabij demo-data, nabij run export) and the server (nabijd --demo).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "base/clock.h"
#include "base/date.h"
#include "app/args.h"
#include "base/status.h"
#include "payments/payment_run.h"
#include "rules/parameter_set.h"
#include "store/sqlite/database.h"

namespace nabij::app {

// Opens the database file; with `migrate` brings its schema up to date first. Without it,
// kFailedPrecondition ("run 'nabij db init' first") unless the schema is the latest.
Result<std::unique_ptr<store::SqliteDatabase>> OpenDatabase(const std::filesystem::path& path, bool migrate);

// Adds `n` synthetic demo cases around `month` (payments::GenerateDemoCases with `seed`), books
// their recovery claims and records "demo_data.added" by `actor` in the audit trail. The cases go
// in in one transaction: all or none.
Status AddDemoData(store::SqliteDatabase& db, uint64_t seed, size_t n, Month month, const std::string& actor);

// Takes in `n` synthetic applications (api::GenerateDemoApplications with `seed`) dated in the
// weeks before `today`, through the same intake as a real one: about half are decided
// straight-through (opening a case), the others wait in the work queue with their reasons.
Status AddDemoApplications(store::SqliteDatabase& db, const rules::ParameterSet& rules, uint64_t seed, size_t n,
                           const Clock& clock, const std::string& actor);

// Registers `n` synthetic debt dossiers (debt::GenerateDemoDossiers, about 14 claims each) over the
// 60 days before today and takes them through the fund as far as a demo shows: first offers,
// simulated creditor answers (most accept), and a repayment plan (student-loan regime) for every
// dossier whose claims are all settled. Synthetic creditors and households only.
Status AddDemoDebt(store::SqliteDatabase& db, const rules::ParameterSet& rules, uint64_t seed, size_t n,
                   const Clock& clock);

// The SEPA export settings from --debtor-name, --debtor-iban, --debtor-bic, --schemas and --format
// (pain.001.001.09 or pain.001.001.03); without them the fictitious demo municipality's account
// and the XSDs of the source tree. kInvalidArgument for another format.
Result<payments::ExportSettings> ExportSettingsFrom(const Args& a);

}  // namespace nabij::app
