// pain.001: the SEPA credit transfer file (ISO 20022 CustomerCreditTransferInitiation) that a
// payment run hands to the municipality's bank.
//
// WritePain001 turns one Batch (one debtor account, one execution date, many transfers) into the
// XML text of a pain.001.001.09 or pain.001.001.03 message with one payment-information block.
// The writer is our own (no XML library): it computes NbOfTxs and CtrlSum itself, writes amounts
// from integer cents with exactly two decimals, and always writes PmtMtd TRF, SvcLvl/Cd SEPA,
// ChrgBr SLEV and BtchBookg true (one debit on the municipality's statement per run, matching
// the run's one ledger entry, and no citizen's benefit on that statement line by line).
//
// Before writing it checks what the generic ISO XSD cannot (the EPC SCT customer-to-PSP
// implementation guidelines): amounts 0.01 to 999999999.99; creditor and debtor IBANs in the
// SEPA scope (the check digits are guaranteed by the Iban type); the EPC Latin character set;
// the EPC maximum lengths; unique end-to-end ids; ids that do not start or end with '/' nor
// contain "//"; a non-empty batch. Names and the remittance text are transliterated into the EPC
// set (é -> e, ß -> ss, anything else -> space); ids are never altered, so an id with a character
// outside the set is refused. The result still has to pass ValidateXsd and CheckTotals
// (sepa/xsd_validator.h) before it leaves nabij.
//
// Everything here is pure: no I/O, no clock (the creation time comes in the Batch), no globals;
// safe to call from several threads at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/ids.h"
#include "base/money.h"
#include "base/status.h"

namespace nabij::sepa {

enum class Version {
  kPain001_001_09,  // ISO 2019 message, EPC SCT guidelines from November 2023
  kPain001_001_03,  // ISO 2009 message, for banks that still want it
};

// "pain.001.001.09"; also the XSD's file name without ".xsd".
std::string_view VersionName(Version v);
// "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
std::string_view VersionNamespace(Version v);

// EPC limits (SCT customer-to-PSP implementation guidelines), below the ISO lengths.
inline constexpr size_t kMaxNameLength = 70;
inline constexpr size_t kMaxRemittanceLength = 140;
inline constexpr size_t kMaxIdLength = 35;
inline constexpr int64_t kMinAmountCents = 1;               // 0.01 EUR
inline constexpr int64_t kMaxAmountCents = 99'999'999'999;  // 999999999.99 EUR

struct Transfer {
  std::string end_to_end_id;  // EPC character set, 1-35, unique within the batch; never altered
  Money amount;               // 0.01 to 999999999.99
  std::string creditor_name;  // UTF-8; transliterated; 1-70 after that
  Iban creditor_iban;
  std::string remittance;  // UTF-8, unstructured; transliterated; up to 140; empty: none
};

struct Batch {
  std::string message_id;   // GrpHdr/MsgId: EPC character set, 1-35
  std::string created_at;   // ISO date-time UTC from the caller's Clock: "2026-01-26T09:30:00Z"
                            // (the "Z" and fractional seconds are optional)
  std::string debtor_name;  // the municipality; UTF-8; transliterated; 1-70
  Iban debtor_iban;
  std::string debtor_bic;       // optional: empty writes "NOTPROVIDED" as the EPC allows
  Date execution_date;          // requested execution date; not before created_at's date
  std::string payment_info_id;  // PmtInf/PmtInfId: EPC character set, 1-35
  std::vector<Transfer> transfers;
};

// Writes the pain.001 XML (UTF-8, with an XML declaration) for `batch`.
// Returns kInvalidArgument for the first problem found: the field names the place
// ("transfers[17].creditor_name", "debtor_bic", "transfers") and the message says what is wrong,
// starting with "transfer 17: " for a transfer (indexes from 0).
Result<std::string> WritePain001(const Batch& batch, Version version);

// The transfer-level checks of WritePain001 for one transfer, without the batch-level ones
// (unique end-to-end ids). A payment run can screen each transfer with it, record the ones that
// fail and write a batch of the rest. Returns kInvalidArgument with the field
// ("creditor_name", ...) as WritePain001 would report it without the "transfers[i]." prefix.
Status CheckTransfer(const Transfer& transfer);

// Transliterates UTF-8 text into the EPC Latin character set (a-z A-Z 0-9 / - ? : ( ) . , ' +
// space): Latin letters with diacritics lose them (é -> e, Ø -> O, ß -> ss, Æ -> AE, ı -> i),
// every other character becomes a space; runs of spaces become one, and leading and trailing
// spaces go. Returns kInvalidArgument if `utf8` is not valid UTF-8.
Result<std::string> ToEpcText(std::string_view utf8);

// True if every character of `text` is in the EPC Latin character set.
bool IsEpcText(std::string_view text);

}  // namespace nabij::sepa
