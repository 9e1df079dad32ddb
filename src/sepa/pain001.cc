#include "sepa/pain001.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_set>
#include <utility>

namespace nabij::sepa {

namespace {

// --- the EPC character set -------------------------------------------------------------------

bool IsEpcChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    // clang-format off
    case '/': case '-': case '?': case ':': case '(': case ')': case '.': case ',': case '\'':
    case '+': case ' ':
      return true;
    // clang-format on
    default:
      return false;
  }
}

// Plain-letter spelling of U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A).
// The two signs in that range (× U+00D7, ÷ U+00F7) become a space.
constexpr char32_t kTranslitFirst = 0xC0;
// clang-format off
constexpr std::array<const char*, 0x180 - 0xC0> kTranslit{
    // U+00C0
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    // U+00D0
    "D", "N", "O", "O", "O", "O", "O", " ", "O", "U", "U", "U", "U", "Y", "TH", "ss",
    // U+00E0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00F0
    "d", "n", "o", "o", "o", "o", "o", " ", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100
    "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d",
    // U+0110
    "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g",
    // U+0120
    "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i",
    // U+0130 (İ ı Ĳ ĳ ...)
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L",
    // U+0140
    "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o",
    // U+0150
    "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s",
    // U+0160
    "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u",
    // U+0170
    "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s",
};
// clang-format on

// The plain spelling of one code point outside ASCII; " " when it has none.
std::string_view Transliterate(char32_t cp) {
  if (cp >= kTranslitFirst && cp < kTranslitFirst + kTranslit.size()) {
    return kTranslit[cp - kTranslitFirst];
  }
  switch (cp) {
    // clang-format off
    case 0x0218: return "S";  // Ș (Romanian)
    case 0x0219: return "s";
    case 0x021A: return "T";  // Ț
    case 0x021B: return "t";
    case 0x2018:              // ‘ and ’: the apostrophe of names such as D’Souza
    case 0x2019: return "'";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:  // hyphens and dashes
      return "-";
    default: return " ";
      // clang-format on
  }
}

// Decodes one UTF-8 sequence at text[i]; advances i. Returns false on invalid UTF-8 (overlong
// forms, surrogates and code points above U+10FFFF included).
bool DecodeUtf8(std::string_view text, size_t& i, char32_t& cp) {
  auto b0 = static_cast<unsigned char>(text[i]);
  size_t len = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    cp = b0;
    ++i;
    return true;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return false;
  }
  if (i + len > text.size()) return false;
  for (size_t k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  i += len;
  return true;
}

// --- checks ----------------------------------------------------------------------------------

// Countries and territories (by IBAN country code) in the geographical scope of the SEPA
// schemes, EPC409-09 (EU and EEA, Andorra, Gibraltar, Monaco, San Marino, Switzerland, the United
// Kingdom with Jersey, Guernsey and the Isle of Man, Vatican City; Albania, Moldova, Montenegro
// and North Macedonia since their accession). French, Portuguese and Spanish outermost regions
// use their country's IBANs. Check EPC409-09 when the scope changes.
// clang-format off
constexpr std::array<std::string_view, 41> kSepaCountries{
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",  // EU
    "IS", "LI", "NO",                                                              // EEA
    "AD", "CH", "GB", "GI", "MC", "SM", "VA",
    "AL", "MD", "ME", "MK",
};
// clang-format on

bool InSepaScope(const Iban& iban) {
  std::string c = iban.country();
  return std::find(kSepaCountries.begin(), kSepaCountries.end(), c) != kSepaCountries.end();
}

// An EPC identifier (MsgId, PmtInfId, EndToEndId): 1-35 characters of the EPC set, not starting
// or ending with '/' and without "//" (EPC IG general rule for references and identifications).
// Returns an empty string when fine, else what is wrong.
std::string IdProblem(std::string_view id) {
  if (id.empty()) return "is empty";
  if (id.size() > kMaxIdLength) {
    return "has " + std::to_string(id.size()) + " characters, more than the EPC maximum of " +
           std::to_string(kMaxIdLength);
  }
  for (char c : id) {
    if (!IsEpcChar(c)) {
      return "contains a character outside the EPC character set (a-z A-Z 0-9 / - ? : ( ) . , ' "
             "+ space); ids are not transliterated";
    }
  }
  if (id.front() == '/' || id.back() == '/') return "starts or ends with '/' (EPC rule)";
  if (id.find("//") != std::string_view::npos) return "contains '//' (EPC rule)";
  return {};
}

// A name or remittance text after transliteration, or the problem with it.
Result<std::string> EpcField(std::string_view utf8, size_t max_length, bool required) {
  NABIJ_ASSIGN_OR_RETURN(std::string text, ToEpcText(utf8));
  if (required && text.empty()) {
    return InvalidArgument(utf8.empty() ? "is empty"
                                        : "has no character left after transliteration to the "
                                          "EPC character set");
  }
  if (text.size() > max_length) {
    return InvalidArgument("has " + std::to_string(text.size()) +
                           " characters after transliteration, more than the EPC maximum of " +
                           std::to_string(max_length));
  }
  return text;
}

// BIC as the version's XSD pattern requires (ISO 9362): .09 BICFIDec2014Identifier
// [A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?, .03 BICIdentifier
// [A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?.
bool IsBic(std::string_view bic, Version version) {
  constexpr size_t kShort = 8;
  constexpr size_t kLong = 11;
  if (bic.size() != kShort && bic.size() != kLong) return false;
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto alnum = [&](char c) { return upper(c) || (c >= '0' && c <= '9'); };
  if (!std::all_of(bic.begin(), bic.end(), alnum)) return false;
  if (!upper(bic[4]) || !upper(bic[5])) return false;  // country code
  if (version == Version::kPain001_001_03) {
    if (!std::all_of(bic.begin(), bic.begin() + 4, upper)) return false;
    if (bic[6] == '0' || bic[6] == '1' || bic[7] == 'O') return false;
  }
  return true;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int TwoDigits(std::string_view s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

// "YYYY-MM-DDThh:mm:ss", optionally ".f..." (1-9 digits) and "Z". On success sets `date`.
bool ParseCreatedAt(std::string_view s, Date& date) {
  constexpr size_t kDateLen = 10;
  constexpr size_t kDateTimeLen = 19;
  if (s.size() < kDateTimeLen) return false;
  auto d = Date::Parse(s.substr(0, kDateLen));
  if (!d.ok() || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
  std::string_view hh = s.substr(11, 2), mm = s.substr(14, 2), ss = s.substr(17, 2);
  if (!IsDigits(hh) || !IsDigits(mm) || !IsDigits(ss)) return false;
  constexpr int kHours = 24;
  constexpr int kSixty = 60;
  if (TwoDigits(hh) >= kHours || TwoDigits(mm) >= kSixty || TwoDigits(ss) >= kSixty) return false;
  std::string_view rest = s.substr(kDateTimeLen);
  if (!rest.empty() && rest.front() == '.') {
    size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    constexpr size_t kMaxFraction = 9;
    if (n == 1 || n - 1 > kMaxFraction) return false;
    rest.remove_prefix(n);
  }
  if (!(rest.empty() || rest == "Z")) return false;
  date = *d;
  return true;
}

Status FieldError(std::string field, std::string message) {
  return InvalidArgument(std::move(message), std::move(field));
}

// A transfer error: field "transfers[i].<field>", message "transfer i: <what> <problem>".
Status TransferError(size_t i, const Status& inner) {
  return InvalidArgument("transfer " + std::to_string(i) + ": " + inner.message(),
                         "transfers[" + std::to_string(i) + "]." + inner.field());
}

// --- the XML writer --------------------------------------------------------------------------

// Escapes XML's special characters: in text content '&' and '<' (and '>' for "]]>"), in an
// attribute value also '"'. The EPC checks leave none of them in what we write; escaping anyway
// keeps the document well-formed if a check is ever loosened.
void AppendEscaped(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        [[fallthrough]];
      default:
        out += c;
    }
  }
}

// An indenting writer for the element-only content model of pain.001 (no mixed content).
class XmlWriter {
 public:
  explicit XmlWriter(size_t reserve) { out_.reserve(reserve); }

  void Declaration() { out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }
  void Open(std::string_view tag, std::string_view xmlns = {}) {
    Indent();
    out_ += '<';
    out_ += tag;
    if (!xmlns.empty()) {
      out_ += " xmlns=\"";
      AppendEscaped(out_, xmlns, /*attribute=*/true);
      out_ += '"';
    }
    out_ += ">\n";
    ++depth_;
  }
  void Close(std::string_view tag) {
    --depth_;
    Indent();
    out_ += "</";
    out_ += tag;
    out_ += ">\n";
  }
  // <tag attr="value">text</tag>; attr empty: no attribute.
  void Leaf(std::string_view tag, std::string_view text, std::string_view attr = {},
            std::string_view value = {}) {
    Indent();
    out_ += '<';
    out_ += tag;
    if (!attr.empty()) {
      out_ += ' ';
      out_ += attr;
      out_ += "=\"";
      AppendEscaped(out_, value, /*attribute=*/true);
      out_ += '"';
    }
    out_ += '>';
    AppendEscaped(out_, text, /*attribute=*/false);
    out_ += "</";
    out_ += tag;
    out_ += ">\n";
  }
  std::string Take() && { return std::move(out_); }

 private:
  void Indent() { out_.append(static_cast<size_t>(depth_) * 2, ' '); }
  std::string out_;
  int depth_ = 0;
};

// A transfer after the checks, with its texts in the EPC set.
struct CleanTransfer {
  const Transfer* in;
  std::string creditor_name;
  std::string remittance;
};

Result<CleanTransfer> CleanTransferOf(const Transfer& t) {
  if (std::string p = IdProblem(t.end_to_end_id); !p.empty()) {
    return FieldError("end_to_end_id", "the end-to-end id " + p);
  }
  if (t.amount.cents() < kMinAmountCents) {
    return FieldError("amount", "the amount must be at least 0.01, not " + FormatDecimal(t.amount));
  }
  if (t.amount.cents() > kMaxAmountCents) {
    return FieldError("amount", "the amount " + FormatDecimal(t.amount) +
                                    " is above the EPC maximum of 999999999.99");
  }
  auto name = EpcField(t.creditor_name, kMaxNameLength, /*required=*/true);
  if (!name.ok()) return FieldError("creditor_name", "the creditor name " + name.error().message());
  if (!InSepaScope(t.creditor_iban)) {
    return FieldError("creditor_iban", "the creditor IBAN is from " + t.creditor_iban.country() +
                                           ", outside the SEPA scheme's countries");
  }
  auto remittance = EpcField(t.remittance, kMaxRemittanceLength, /*required=*/false);
  if (!remittance.ok()) {
    return FieldError("remittance", "the remittance information " + remittance.error().message());
  }
  return CleanTransfer{&t, std::move(*name), std::move(*remittance)};
}

}  // namespace

std::string_view VersionName(Version v) {
  return v == Version::kPain001_001_09 ? "pain.001.001.09" : "pain.001.001.03";
}

std::string_view VersionNamespace(Version v) {
  return v == Version::kPain001_001_09 ? "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
                                       : "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
}

bool IsEpcText(std::string_view text) { return std::all_of(text.begin(), text.end(), IsEpcChar); }

Result<std::string> ToEpcText(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  auto put = [&](std::string_view piece) {
    for (char c : piece) {
      if (c == ' ') {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out += ' ';
      pending_space = false;
      out += c;
    }
  };
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = 0;
    size_t at = i;
    if (!DecodeUtf8(utf8, i, cp)) {
      return InvalidArgument("is not valid UTF-8 (byte " + std::to_string(at) + ")");
    }
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      put(IsEpcChar(c) ? std::string_view(&c, 1) : std::string_view(" "));
    } else {
      put(Transliterate(cp));
    }
  }
  return out;
}

Status CheckTransfer(const Transfer& transfer) { return CleanTransferOf(transfer).status(); }

Result<std::string> WritePain001(const Batch& batch, Version version) {
  // Group and payment-information level.
  if (std::string p = IdProblem(batch.message_id); !p.empty()) {
    return FieldError("message_id", "the message id " + p);
  }
  if (std::string p = IdProblem(batch.payment_info_id); !p.empty()) {
    return FieldError("payment_info_id", "the payment information id " + p);
  }
  Date created;
  if (!ParseCreatedAt(batch.created_at, created)) {
    return FieldError("created_at", "the creation time '" + batch.created_at +
                                        "' is not an ISO date-time such as 2026-01-26T09:30:00Z");
  }
  if (batch.execution_date < created) {
    return FieldError("execution_date",
                      "the requested execution date " + batch.execution_date.ToString() +
                          " is before the file's creation date " + created.ToString());
  }
  auto debtor_name = EpcField(batch.debtor_name, kMaxNameLength, /*required=*/true);
  if (!debtor_name.ok()) {
    return FieldError("debtor_name", "the debtor name " + debtor_name.error().message());
  }
  if (!InSepaScope(batch.debtor_iban)) {
    return FieldError("debtor_iban", "the debtor IBAN is from " + batch.debtor_iban.country() +
                                         ", outside the SEPA scheme's countries");
  }
  if (!batch.debtor_bic.empty() && !IsBic(batch.debtor_bic, version)) {
    return FieldError("debtor_bic", "'" + batch.debtor_bic + "' is not a BIC as " +
                                        std::string(VersionName(version)) +
                                        " requires (8 or 11 capitals and digits)");
  }
  if (batch.transfers.empty()) {
    return FieldError("transfers", "the batch has no transfers; an empty pain.001 is not allowed");
  }

  // Transfers; totals in integer cents.
  std::vector<CleanTransfer> clean;
  clean.reserve(batch.transfers.size());
  std::unordered_set<std::string_view> ids;
  ids.reserve(batch.transfers.size());
  int64_t total = 0;
  for (size_t i = 0; i < batch.transfers.size(); ++i) {
    const Transfer& t = batch.transfers[i];
    auto c = CleanTransferOf(t);
    if (!c.ok()) return TransferError(i, c.error());
    if (!ids.insert(t.end_to_end_id).second) {
      return TransferError(i, FieldError("end_to_end_id", "the end-to-end id '" + t.end_to_end_id +
                                                              "' is used twice in the batch"));
    }
    // Each amount is at most kMaxAmountCents (< 2^37), so this overflows only past ~9e7
    // transfers; checked all the same.
    if (__builtin_add_overflow(total, t.amount.cents(), &total)) {
      return FieldError("transfers", "the control sum does not fit in 64 bits");
    }
    clean.push_back(std::move(*c));
  }
  const std::string count = std::to_string(batch.transfers.size());
  const std::string ctrl_sum = FormatDecimal(Money::Cents(total));
  const bool v09 = version == Version::kPain001_001_09;

  constexpr size_t kBytesPerTransfer = 640;
  constexpr size_t kBytesHeader = 2048;
  XmlWriter w(kBytesHeader + kBytesPerTransfer * clean.size());
  w.Declaration();
  w.Open("Document", VersionNamespace(version));
  w.Open("CstmrCdtTrfInitn");

  w.Open("GrpHdr");
  w.Leaf("MsgId", batch.message_id);
  w.Leaf("CreDtTm", batch.created_at);
  w.Leaf("NbOfTxs", count);
  w.Leaf("CtrlSum", ctrl_sum);
  w.Open("InitgPty");
  w.Leaf("Nm", *debtor_name);
  w.Close("InitgPty");
  w.Close("GrpHdr");

  w.Open("PmtInf");
  w.Leaf("PmtInfId", batch.payment_info_id);
  w.Leaf("PmtMtd", "TRF");
  w.Leaf("BtchBookg", "true");
  w.Leaf("NbOfTxs", count);
  w.Leaf("CtrlSum", ctrl_sum);
  w.Open("PmtTpInf");
  w.Open("SvcLvl");
  w.Leaf("Cd", "SEPA");
  w.Close("SvcLvl");
  w.Close("PmtTpInf");
  if (v09) {  // .09: DateAndDateTime2Choice, of which the EPC allows only Dt
    w.Open("ReqdExctnDt");
    w.Leaf("Dt", batch.execution_date.ToString());
    w.Close("ReqdExctnDt");
  } else {
    w.Leaf("ReqdExctnDt", batch.execution_date.ToString());
  }
  w.Open("Dbtr");
  w.Leaf("Nm", *debtor_name);
  w.Close("Dbtr");
  w.Open("DbtrAcct");
  w.Open("Id");
  w.Leaf("IBAN", batch.debtor_iban.text());
  w.Close("Id");
  w.Close("DbtrAcct");
  w.Open("DbtrAgt");
  w.Open("FinInstnId");
  if (!batch.debtor_bic.empty()) {
    w.Leaf(v09 ? "BICFI" : "BIC", batch.debtor_bic);
  } else {  // EPC: without a BIC, Othr/Id "NOTPROVIDED"
    w.Open("Othr");
    w.Leaf("Id", "NOTPROVIDED");
    w.Close("Othr");
  }
  w.Close("FinInstnId");
  w.Close("DbtrAgt");
  w.Leaf("ChrgBr", "SLEV");

  for (const CleanTransfer& c : clean) {
    w.Open("CdtTrfTxInf");
    w.Open("PmtId");
    w.Leaf("EndToEndId", c.in->end_to_end_id);
    w.Close("PmtId");
    w.Open("Amt");
    w.Leaf("InstdAmt", FormatDecimal(c.in->amount), "Ccy", "EUR");
    w.Close("Amt");
    w.Open("Cdtr");
    w.Leaf("Nm", c.creditor_name);
    w.Close("Cdtr");
    w.Open("CdtrAcct");
    w.Open("Id");
    w.Leaf("IBAN", c.in->creditor_iban.text());
    w.Close("Id");
    w.Close("CdtrAcct");
    if (!c.remittance.empty()) {
      w.Open("RmtInf");
      w.Leaf("Ustrd", c.remittance);
      w.Close("RmtInf");
    }
    w.Close("CdtTrfTxInf");
  }

  w.Close("PmtInf");
  w.Close("CstmrCdtTrfInitn");
  w.Close("Document");
  return std::move(w).Take();
}

}  // namespace nabij::sepa
