#include "debt/exchange.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "base/ids.h"

namespace nabij::debt {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr char kSep = ';';
constexpr int kMaxMonthsInArrears = 1200;
constexpr int kMaxRound = 100;

// Splits CSV text into records of fields (RFC 4180 quoting, ';' separator, CRLF or LF). Each
// record remembers the line it starts on. Returns the line of an unterminated quote as an error.
struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

Result<std::vector<Record>> SplitCsv(std::string_view text, std::vector<LineError>& errors) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  std::vector<Record> records;
  Record rec;
  std::string field;
  int line = 1;
  rec.line = 1;
  bool in_quotes = false;
  bool quoted = false;
  bool any = false;  // the record has content
  auto end_field = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    quoted = false;
  };
  auto end_record = [&] {
    if (any || !rec.fields.empty()) {
      end_field();
      records.push_back(std::move(rec));
    }
    rec = Record{};
    field.clear();
    any = false;
    quoted = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !quoted) {
      in_quotes = true;
      quoted = true;
      any = true;
    } else if (c == kSep) {
      end_field();
      any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      end_record();
      ++line;
      rec.line = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (in_quotes) {
    errors.push_back({rec.line, "", "een veld tussen aanhalingstekens wordt niet afgesloten"});
    return Status(ErrorCode::kInvalidArgument, "unterminated quote");
  }
  end_record();
  return records;
}

// A table: the header's columns by name, checked against the expected set.
class Table {
 public:
  Table(std::vector<Record> records, std::vector<std::string_view> columns,
        std::vector<LineError>& errors)
      : errors_(errors) {
    if (records.empty()) {
      errors_.push_back({1, "", "het bestand is leeg: de eerste regel noemt de kolommen"});
      return;
    }
    const Record& header = records.front();
    for (size_t i = 0; i < header.fields.size(); ++i) {
      const std::string& name = header.fields[i];
      if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
        errors_.push_back({header.line, name, "onbekende kolom"});
      } else if (!index_.emplace(name, i).second) {
        errors_.push_back({header.line, name, "de kolom staat er twee keer in"});
      }
    }
    for (std::string_view c : columns) {
      if (index_.find(std::string(c)) == index_.end())
        errors_.push_back({header.line, std::string(c), "de kolom ontbreekt"});
    }
    width_ = header.fields.size();
    rows_.assign(std::make_move_iterator(records.begin() + 1),
                 std::make_move_iterator(records.end()));
  }
  bool ok() const { return errors_.empty(); }
  const std::vector<Record>& rows() const { return rows_; }
  size_t width() const { return width_; }
  const std::string& Get(const Record& r, std::string_view column) const {
    return r.fields[index_.at(std::string(column))];
  }

 private:
  std::vector<LineError>& errors_;
  std::map<std::string, size_t> index_;
  std::vector<Record> rows_;
  size_t width_ = 0;
};

// Field readers: add an error and return a fallback when the text is wrong.
class Fields {
 public:
  Fields(const Table& t, const Record& r, std::vector<LineError>& errors)
      : t_(t), r_(r), errors_(errors) {}

  void Error(std::string_view field, std::string reason) {
    errors_.push_back({r_.line, std::string(field), std::move(reason)});
  }

  std::string Text(std::string_view col, size_t max_len, bool required = true) {
    std::string v = t_.Get(r_, col);
    if (required && v.empty()) Error(col, "is leeg");
    if (v.size() > max_len) Error(col, "is langer dan " + std::to_string(max_len) + " tekens");
    return v;
  }
  int64_t Whole(std::string_view col, int64_t lo, int64_t hi, bool allow_empty = false) {
    const std::string& v = t_.Get(r_, col);
    if (v.empty() && allow_empty) return 0;
    int64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || p != v.data() + v.size()) {
      Error(col, "is geen geheel getal");
      return lo;
    }
    if (n < lo || n > hi) {
      Error(col, "ligt tussen " + std::to_string(lo) + " en " + std::to_string(hi));
      return lo;
    }
    return n;
  }
  Money Cents(std::string_view col, bool allow_empty = false) {
    const std::string& v = t_.Get(r_, col);
    if (v.find_first_of(".,") != std::string::npos) {
      Error(col, "bedragen zijn hele eurocenten, zonder punt of komma");
      return Money::Zero();
    }
    return Money::Cents(Whole(col, 0, kMaxClaimCents, allow_empty));
  }
  Date DateAt(std::string_view col) {
    auto d = Date::Parse(t_.Get(r_, col));
    if (!d.ok()) {
      Error(col, "is geen datum JJJJ-MM-DD");
      return Date{};
    }
    return *d;
  }
  Month MonthAt(std::string_view col) {
    auto m = Month::Parse(t_.Get(r_, col));
    if (!m.ok()) {
      Error(col, "is geen maand JJJJ-MM");
      return Month{};
    }
    return *m;
  }
  template <typename E, typename F>
  E Enum(std::string_view col, F of, std::string_view allowed, E fallback) {
    auto v = of(t_.Get(r_, col));
    if (!v) {
      Error(col, "is een van: " + std::string(allowed));
      return fallback;
    }
    return *v;
  }
  bool WidthOk() {
    if (r_.fields.size() != t_.width()) {
      Error("", "heeft " + std::to_string(r_.fields.size()) + " velden, de kopregel heeft er " +
                    std::to_string(t_.width()));
      return false;
    }
    return true;
  }

 private:
  const Table& t_;
  const Record& r_;
  std::vector<LineError>& errors_;
};

template <typename Row, typename ParseRow>
Result<std::vector<Row>> ParseTable(std::string_view text, std::vector<std::string_view> columns,
                                    std::string_view what, ParseRow parse_row) {
  std::vector<LineError> errors;
  auto records = SplitCsv(text, errors);
  if (!records.ok()) return LineErrorsStatus(errors, what);
  Table table(std::move(*records), std::move(columns), errors);
  if (!table.ok()) return LineErrorsStatus(errors, what);
  std::vector<Row> rows;
  for (const Record& r : table.rows()) {
    Fields f(table, r, errors);
    if (!f.WidthOk()) continue;
    Row row;
    row.line = r.line;
    parse_row(f, row);
    rows.push_back(std::move(row));
  }
  if (!errors.empty()) return LineErrorsStatus(errors, what);
  if (rows.empty())
    return LineErrorsStatus({{1, "", "het bestand heeft een kopregel maar verder geen regels"}},
                            what);
  return rows;
}

std::string Quote(std::string_view v) {
  if (v.find_first_of(";\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Join(std::initializer_list<std::string> fields) {
  std::string out;
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) out += kSep;
    out += Quote(f);
    first = false;
  }
  return out + "\r\n";
}

// "60" or "62.5": the percentage as the rules write it.
std::string PercentText(Ratio r) {
  // num/den as a decimal with up to 6 digits after the point (ParsePercent's precision).
  constexpr int kDigits = 6;
  __int128 n = static_cast<__int128>(r.num()) * 100;
  const __int128 d = r.den();
  std::string out = std::to_string(static_cast<int64_t>(n / d));
  __int128 rem = n % d;
  if (rem != 0) {
    out += '.';
    for (int i = 0; i < kDigits && rem != 0; ++i) {
      rem *= 10;
      out += static_cast<char>('0' + static_cast<int>(rem / d));
      rem %= d;
    }
  }
  return out;
}

}  // namespace

Status LineErrorsStatus(const std::vector<LineError>& errors, std::string_view what) {
  std::string msg = std::string(what) + ": " + std::to_string(errors.size()) +
                    " probleem/problemen, niets ingelezen";
  for (size_t i = 0; i < errors.size() && i < kMaxListedErrors; ++i) {
    const LineError& e = errors[i];
    msg += "\n  regel " + std::to_string(e.line);
    if (!e.field.empty()) msg += ", veld " + e.field;
    msg += ": " + e.reason;
  }
  if (errors.size() > kMaxListedErrors)
    msg += "\n  ... en nog " + std::to_string(errors.size() - kMaxListedErrors);
  std::string field = errors.empty() ? ""
                                     : "regel " + std::to_string(errors[0].line) +
                                           (errors[0].field.empty() ? "" : ": " + errors[0].field);
  return Status(ErrorCode::kInvalidArgument, std::move(msg), std::move(field));
}

Result<std::vector<ClaimRow>> ParseClaimsCsv(std::string_view text) {
  return ParseTable<ClaimRow>(
      text,
      {"dossier", "schuldeiser", "iban", "sector", "kenmerk", "hoofdsom", "rente", "incassokosten",
       "status"},
      "vorderingenbestand", [](Fields& f, ClaimRow& row) {
        row.dossier_id = f.Whole("dossier", 1, INT64_MAX);
        Claim& c = row.claim;
        c.creditor = f.Text("schuldeiser", kMaxNameLength);
        const std::string iban = f.Text("iban", 34, /*required=*/false);
        if (!iban.empty()) {
          auto parsed = Iban::Parse(iban);
          if (!parsed.ok()) {
            f.Error("iban", "is geen geldige IBAN (landcode, lengte of controlegetal)");
          } else {
            c.creditor_iban = parsed->text();
          }
        }
        c.sector =
            f.Enum("sector", SectorOf,
                   "energie, water, woningcorporatie, zorgverzekeraar, overheid, commercieel",
                   Sector::kCommercieel);
        c.creditor_reference = f.Text("kenmerk", kMaxReferenceLength);
        c.principal = f.Cents("hoofdsom");
        c.interest = f.Cents("rente", true);
        c.collection_costs = f.Cents("incassokosten", true);
        c.verification =
            f.Enum("status", VerificationOf, "onbevestigd, opgevraagd, bevestigd, betwist",
                   Verification::kUnverified);
        if (c.total() == Money::Zero())
          f.Error("hoofdsom", "een vordering van € 0,00 is geen vordering");
      });
}

Result<std::vector<AnswerRow>> ParseAnswersCsv(std::string_view text) {
  return ParseTable<AnswerRow>(
      text, {"dossier", "vordering", "ronde", "antwoord", "datum", "tegenbod"}, "antwoordenbestand",
      [](Fields& f, AnswerRow& row) {
        row.dossier_id = f.Whole("dossier", 1, INT64_MAX);
        row.claim_seq = f.Whole("vordering", 1, INT64_MAX);
        row.round = static_cast<int>(f.Whole("ronde", 1, kMaxRound));
        row.answer.kind =
            f.Enum("antwoord", AnswerKindOf, "akkoord, afwijzing, tegenvoorstel, geen_reactie",
                   AnswerKind::kNoAnswer);
        row.answer.date = f.DateAt("datum");
        row.answer.counter_amount = f.Cents("tegenbod", true);
        if (row.answer.kind == AnswerKind::kCounter && row.answer.counter_amount == Money::Zero()) {
          f.Error("tegenbod", "een tegenvoorstel noemt het bedrag dat de schuldeiser vraagt");
        }
        if (row.answer.kind != AnswerKind::kCounter && row.answer.counter_amount != Money::Zero()) {
          f.Error("tegenbod", "alleen een tegenvoorstel heeft een bedrag");
        }
      });
}

Result<std::vector<RepaymentRow>> ParseRepaymentsCsv(std::string_view text) {
  return ParseTable<RepaymentRow>(text, {"dossier", "maand", "datum", "bedrag", "bron"},
                                  "aflossingenbestand", [](Fields& f, RepaymentRow& row) {
                                    row.dossier_id = f.Whole("dossier", 1, INT64_MAX);
                                    Repayment& r = row.repayment;
                                    r.month = f.MonthAt("maand");
                                    r.date = f.DateAt("datum");
                                    r.amount = f.Cents("bedrag");
                                    if (r.amount == Money::Zero())
                                      f.Error("bedrag", "een aflossing heeft een bedrag boven nul");
                                    r.source = f.Enum("bron", RepaymentSourceOf, "uitkering, zelf",
                                                      RepaymentSource::kZelf);
                                  });
}

Result<std::vector<SignalRow>> ParseSignalsCsv(std::string_view text) {
  return ParseTable<SignalRow>(
      text, {"bron", "sector", "huishouden", "datum", "achterstand", "maanden"}, "signalenbestand",
      [](Fields& f, SignalRow& row) {
        ArrearsSignal& s = row.signal;
        s.source = f.Text("bron", kMaxNameLength);
        s.sector = f.Enum("sector", SignalSectorOf, "energie, water, huur, zorgverzekeraar",
                          SignalSector::kEnergie);
        s.household_ref = f.Text("huishouden", kMaxReferenceLength);
        s.date = f.DateAt("datum");
        s.arrears = f.Cents("achterstand");
        if (s.arrears == Money::Zero())
          f.Error("achterstand", "een signaal van een achterstand heeft een bedrag boven nul");
        s.months = static_cast<int>(f.Whole("maanden", 1, kMaxMonthsInArrears));
      });
}

std::string BalanceRequestsCsv(const std::vector<OutgoingClaim>& claims, Date as_of) {
  std::string out = Join({"dossier", "vordering", "schuldeiser", "kenmerk", "peildatum"});
  for (const OutgoingClaim& o : claims) {
    out += Join({std::to_string(o.dossier_id), std::to_string(o.claim->seq), o.claim->creditor,
                 o.claim->creditor_reference, as_of.ToString()});
  }
  return out;
}

std::string OffersCsv(const std::vector<OutgoingClaim>& claims) {
  std::string out = Join({"dossier", "vordering", "schuldeiser", "kenmerk", "ronde",
                          "vordering_totaal", "percentage", "aanbod", "reageren_voor"});
  for (const OutgoingClaim& o : claims) {
    if (o.claim->offers.empty()) continue;
    const Offer& offer = o.claim->offers.back();
    out += Join({std::to_string(o.dossier_id), std::to_string(o.claim->seq), o.claim->creditor,
                 o.claim->creditor_reference, std::to_string(offer.round),
                 std::to_string(o.claim->total().cents()), PercentText(offer.percentage),
                 std::to_string(offer.amount.cents()), offer.answer_due.ToString()});
  }
  return out;
}

}  // namespace nabij::debt
