// Checks of a written pain.001 file: against the official ISO 20022 XSD, and of its totals.
//
// Both read the XML with libxml2 (the one libxml2 adapter of nabij, xsd_validator.cc), with
// XML_PARSE_NONET and without entity substitution or DTD loading: nothing is ever fetched over
// the network, neither for the document nor for the schema.
//
// The document is read as a stream, with libxml2's SAX2 parser and its streaming XSD validator
// plugged into it: no tree is built, and memory does not grow with the file (a run of 150,000
// payments is a 72 MB file; as a tree it took 1 GB). ValidateXsdAndTotals does both checks in one
// reading. A document with a DOCTYPE is refused (kInvalidArgument): a pain.001 message has none,
// and no DTD is read.
//
// ValidateXsd parses the schema file `<schema_dir>/pain.001.001.0N.xsd` once per path and keeps
// it for the life of the process (a changed file on disk is not re-read). Both functions are
// thread-safe: the schema cache is guarded by a mutex, a parsed schema is only read once built,
// and every call has its own parser and validation contexts; libxml2's error callbacks are
// per-thread state in libxml2 built with thread support (as Debian's is).
//
// libxml2's messages quote values from the file (a name, an IBAN): a Status from ValidateXsd may
// hold personal data and is for the person running the payment, not for a technical log.
#pragma once

#include <filesystem>
#include <string_view>

#include "base/status.h"
#include "sepa/pain001.h"

namespace nabij::sepa {

// The schema directory compiled in (CMake cache variable NABIJ_SEPA_SCHEMA_DIR, default
// <source dir>/schemas/sepa). The composition root passes it, or its own, to ValidateXsd.
std::filesystem::path DefaultSchemaDir();

// Validates `xml` against the XSD of `version` in `schema_dir`.
// Returns kParseError if `xml` is not well-formed, kInvalidArgument if it does not match the
// schema (the message lists libxml2's messages with their line numbers, "line 12: Element
// 'CtrlSum': ...", at most ten and then how many more; the line is where the parser found the
// problem: the element's start tag, or its end tag for a child found missing), kIo if the schema
// cannot be read or parsed.
Status ValidateXsd(std::string_view xml, Version version, const std::filesystem::path& schema_dir);

// Re-reads a pain.001 (.09 or .03, told by its namespace) and checks that GrpHdr/NbOfTxs and
// every PmtInf/NbOfTxs count the transactions, that GrpHdr/CtrlSum and every PmtInf/CtrlSum equal
// the sum of their InstdAmt exactly, and that every InstdAmt is in EUR with at most two decimals.
// All four totals must be present (WritePain001 always writes them).
// Returns kParseError if `xml` is not well-formed, kInvalidArgument otherwise when a check fails
// (each problem with its line number, at most ten listed).
Status CheckTotals(std::string_view xml);

// ValidateXsd and then CheckTotals, in one reading of `xml`: ValidateXsd's error if there is one,
// else CheckTotals' result. What a payment run's export uses.
Status ValidateXsdAndTotals(std::string_view xml, Version version,
                            const std::filesystem::path& schema_dir);

}  // namespace nabij::sepa
