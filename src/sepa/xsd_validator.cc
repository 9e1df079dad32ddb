// The libxml2 adapter of nabij: the only file that includes libxml2 (see xsd_validator.h).

#include "sepa/xsd_validator.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#ifndef NABIJ_SEPA_SCHEMA_DIR
#error "NABIJ_SEPA_SCHEMA_DIR must be defined by the build (src/sepa/CMakeLists.txt)"
#endif

namespace nabij::sepa {

namespace {

// libxml2 2.12 made the error argument of structured error handlers const.
#if LIBXML_VERSION >= 21200
using ErrorArg = const xmlError*;
#else
using ErrorArg = xmlError*;
#endif

// No entity substitution, no DTD loading, no network; big line numbers kept (a file of 10,000
// transfers has about 180,000 lines).
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
// How many messages a Status lists before saying how many more there were.
constexpr size_t kMaxMessages = 10;

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string_view Str(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

// Problems found, each "line N: text", for one Status message.
class Problems {
 public:
  void Add(long line, std::string text) {
    if (messages_.size() >= kMaxMessages) {
      ++more_;
      return;
    }
    messages_.push_back(line > 0 ? "line " + std::to_string(line) + ": " + std::move(text)
                                 : std::move(text));
  }
  // The messages of `other` after these (and its uncounted ones).
  void Append(const Problems& other) {
    for (const std::string& m : other.messages_) {
      if (messages_.size() >= kMaxMessages) {
        ++more_;
      } else {
        messages_.push_back(m);
      }
    }
    more_ += other.more_;
  }
  // Errors (not warnings) that CollectError saw, and whether one was libxml2's internal error.
  void CountError(bool internal) {
    ++errors_;
    internal_ = internal_ || internal;
  }
  size_t errors() const { return errors_; }
  bool internal() const { return internal_; }
  bool empty() const { return messages_.empty(); }
  std::string Join() const {
    std::string out;
    for (const std::string& m : messages_) {
      if (!out.empty()) out += "; ";
      out += m;
    }
    if (more_ > 0) out += "; and " + std::to_string(more_) + " more";
    return out;
  }

 private:
  std::vector<std::string> messages_;
  size_t more_ = 0;
  size_t errors_ = 0;
  bool internal_ = false;
};

// libxml2's messages name elements "{urn:iso:std:iso:20022:tech:xsd:pain.001.001.09}CtrlSum";
// the namespace is the same everywhere in the file, so it is dropped for the reader.
std::string Readable(std::string_view message) {
  constexpr std::string_view kNs = "{urn:iso:std:iso:20022:tech:xsd:";
  std::string out;
  out.reserve(message.size());
  size_t i = 0;
  while (i < message.size()) {
    size_t at = message.find(kNs, i);
    if (at == std::string_view::npos) break;
    size_t close = message.find('}', at);
    if (close == std::string_view::npos) break;
    out.append(message.substr(i, at - i));
    i = close + 1;
  }
  out.append(message.substr(i));
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// The structured error handler: every libxml2 error and warning into `Problems`, with the line
// of the node it is about (xmlGetLineNo knows lines past 65535) or else the parser's line.
void CollectError(void* user, ErrorArg error) {
  if (user == nullptr || error == nullptr) return;
  auto* problems = static_cast<Problems*>(user);
  long line = error->line;
  if (error->node != nullptr) {
    auto* node = static_cast<xmlNodePtr>(error->node);
    if (node->type == XML_ELEMENT_NODE) {
      long node_line = xmlGetLineNo(node);
      if (node_line > 0) line = node_line;
    }
  }
  std::string text = Readable(error->message == nullptr ? "unknown libxml2 error" : error->message);
  if (error->level == XML_ERR_WARNING) {
    text = "warning: " + text;
  } else {
    problems->CountError(error->code == XML_SCHEMAV_INTERNAL);
  }
  problems->Add(line, std::move(text));
}

// Routes this thread's libxml2 structured errors to `problems` for its lifetime (the document
// parser reports there; the handler is per-thread state in a thread-enabled libxml2).
class ScopedErrorHandler {
 public:
  explicit ScopedErrorHandler(Problems* problems)
      : prev_(xmlStructuredError), prev_ctx_(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(problems, reinterpret_cast<xmlStructuredErrorFunc>(&CollectError));
  }
  ~ScopedErrorHandler() { xmlSetStructuredErrorFunc(prev_ctx_, prev_); }
  ScopedErrorHandler(const ScopedErrorHandler&) = delete;
  ScopedErrorHandler& operator=(const ScopedErrorHandler&) = delete;

 private:
  xmlStructuredErrorFunc prev_;
  void* prev_ctx_;
};

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

// --- the schema cache -----------------------------------------------------------------------

// A parsed schema and the document it was parsed from (the schema may point into it).
class ParsedSchema {
 public:
  ParsedSchema(xmlSchemaPtr schema, xmlDocPtr doc) : schema_(schema), doc_(doc) {}
  ~ParsedSchema() {
    xmlSchemaFree(schema_);
    xmlFreeDoc(doc_);
  }
  ParsedSchema(const ParsedSchema&) = delete;
  ParsedSchema& operator=(const ParsedSchema&) = delete;
  xmlSchemaPtr get() const { return schema_; }

 private:
  xmlSchemaPtr schema_;
  xmlDocPtr doc_;
};

// Reads and parses one XSD. The file is read by us with kParseOptions (so with NONET) and handed
// to the schema parser as a document; the pain.001 schemas include and import nothing.
Result<std::shared_ptr<const ParsedSchema>> ParseSchema(const std::filesystem::path& path) {
  Problems problems;
  DocPtr doc;
  {
    ScopedErrorHandler handler(&problems);
    doc.reset(xmlReadFile(path.c_str(), nullptr, kParseOptions));
  }
  if (doc == nullptr) {
    return Status(ErrorCode::kIo, "cannot read the XSD " + path.string() +
                                      (problems.empty() ? "" : ": " + problems.Join()));
  }
  xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewDocParserCtxt(doc.get());
  if (pctxt == nullptr) return Status(ErrorCode::kInternal, "libxml2: no schema parser context");
  xmlSchemaSetParserStructuredErrors(pctxt, reinterpret_cast<xmlStructuredErrorFunc>(&CollectError),
                                     &problems);
  xmlSchemaPtr schema = xmlSchemaParse(pctxt);
  xmlSchemaFreeParserCtxt(pctxt);
  if (schema == nullptr) {
    return Status(ErrorCode::kIo, "the XSD " + path.string() + " is not a valid schema" +
                                      (problems.empty() ? "" : ": " + problems.Join()));
  }
  return std::shared_ptr<const ParsedSchema>(std::make_shared<ParsedSchema>(schema, doc.release()));
}

// One parsed schema per path for the life of the process. A failed parse is not kept, so a
// schema put in place later is found.
Result<std::shared_ptr<const ParsedSchema>> CachedSchema(const std::filesystem::path& path) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const ParsedSchema>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(path.string());
  if (it != cache.end()) return it->second;
  NABIJ_ASSIGN_OR_RETURN(std::shared_ptr<const ParsedSchema> schema, ParseSchema(path));
  cache.emplace(path.string(), schema);
  return schema;
}

// --- totals -----------------------------------------------------------------------------------

// An xs:decimal read exactly as integer cents. `max_decimals` is how many fraction digits may be
// written at all; digits past the second must be zeros. Returns the problem, or empty.
std::string ParseDecimalCents(std::string_view text, size_t max_decimals, int64_t& cents) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  std::string_view s = text;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (!s.empty() && s.front() == '-') return "'" + std::string(text) + "' is negative";
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  auto digits = [](std::string_view d) {
    for (char c : d) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  if ((whole.empty() && frac.empty()) || !digits(whole) || !digits(frac)) {
    return "'" + std::string(text) + "' is not a decimal number";
  }
  if (frac.size() > max_decimals) {
    return "'" + std::string(text) + "' has " + std::to_string(frac.size()) +
           " decimals, more than " + std::to_string(max_decimals);
  }
  constexpr size_t kCentDigits = 2;
  for (size_t i = kCentDigits; i < frac.size(); ++i) {
    if (frac[i] != '0') return "'" + std::string(text) + "' is not a whole number of cents";
  }
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  constexpr size_t kMaxWholeDigits = 16;  // the XSDs allow 18 digits in all: fits in int64 cents
  if (whole.size() > kMaxWholeDigits) return "'" + std::string(text) + "' is too large";
  int64_t v = 0;
  for (char c : whole) v = v * 10 + (c - '0');
  for (size_t i = 0; i < kCentDigits; ++i) v = v * 10 + (i < frac.size() ? frac[i] - '0' : 0);
  cents = v;
  return {};
}

std::string Decimal(int64_t cents) { return FormatDecimal(Money::Cents(cents)); }

// --- one reading of the text ------------------------------------------------------------------

// The totals of a pain.001, collected from the parser's SAX events as it goes (no tree is built):
// what the XPath expressions /Document/CstmrCdtTrfInitn/GrpHdr, .../PmtInf, PmtInf/CdtTrfTxInf,
// CdtTrfTxInf/Amt/InstdAmt and the NbOfTxs and CtrlSum children of GrpHdr and PmtInf select, all
// in the namespace of the root, with the line of each element's start tag.
class Totals {
 public:
  void set_parser(xmlParserCtxtPtr ctxt) { ctxt_ = ctxt; }

  void Start(std::string_view name, const xmlChar* uri, int nb_attributes,
             const xmlChar** attributes) {
    const Role role = RoleOf(name, uri);
    stack_.push_back(role);
    switch (role) {
      case Role::kHeader:
        ++headers_;
        group_ = headers_ == 1 ? &header_ : &other_header_;
        *group_ = Group{};
        group_->line = Line();
        break;
      case Role::kBlock:
        block_ = Group{};
        block_.line = Line();
        group_ = &block_;
        break;
      case Role::kTransaction:
        ++block_.transactions;
        break;
      case Role::kInstructedAmount:
        ++block_.amounts;
        amount_line_ = Line();
        currency_.clear();
        for (int i = 0; i < nb_attributes; ++i) {  // localname, prefix, URI, value, end
          const xmlChar** a = attributes + static_cast<ptrdiff_t>(5) * i;
          if (Str(a[0]) == "Ccy") {  // xmlGetProp: the first of that name, in any namespace
            currency_.assign(reinterpret_cast<const char*>(a[3]), static_cast<size_t>(a[4] - a[3]));
            break;
          }
        }
        Capture(&amount_text_);
        break;
      case Role::kCount:
      case Role::kSum: {
        Figure& f = role == Role::kCount ? group_->count : group_->sum;
        if (++f.seen == 1) {
          f.line = Line();
          Capture(&f.text);
        }
        break;
      }
      default:
        break;
    }
  }

  void End() {
    if (capture_ != nullptr && stack_.size() == capture_depth_) capture_ = nullptr;
    const Role role = stack_.back();
    stack_.pop_back();
    if (role == Role::kInstructedAmount) {
      EndAmount();
    } else if (role == Role::kBlock) {
      EndBlock();
    }
  }

  // The text of every descendant, as xmlNodeGetContent gives it.
  void Text(const xmlChar* text, int len) {
    if (capture_ != nullptr)
      capture_->append(reinterpret_cast<const char*>(text), static_cast<size_t>(len));
  }

  // A DOCTYPE: refused (a pain.001 has none, and no DTD is read), the parser stops.
  void Doctype() {
    if (doctype_line_ == 0) doctype_line_ = std::max(Line(), 1L);
    xmlStopParser(ctxt_);
  }
  long doctype_line() const { return doctype_line_; }

  // The totals check of a well-formed document.
  Status Result() const {
    if (!root_ok_) return InvalidArgument("not a pain.001.001.09 or pain.001.001.03 Document");
    Problems problems;
    if (headers_ != 1) problems.Add(root_line_, "there must be one GrpHdr");
    if (blocks_ == 0) problems.Add(root_line_, "there is no PmtInf");
    problems.Append(blocks_problems_);
    if (overflow_) problems.Add(0, "the amounts add up to more than 64 bits of cents");
    if (headers_ == 1) {
      CheckCount(header_, "GrpHdr", total_count_, problems);
      if (all_readable_ && !overflow_) CheckSum(header_, "GrpHdr", total_sum_, problems);
    }
    if (problems.empty()) return Status::Ok();
    return InvalidArgument("the totals check failed: " + problems.Join());
  }

 private:
  enum class Role : uint8_t {
    kOther,
    kDocument,
    kInitiation,
    kHeader,
    kBlock,
    kTransaction,
    kAmount,
    kInstructedAmount,
    kCount,
    kSum
  };
  // NbOfTxs or CtrlSum of a GrpHdr or PmtInf: how many there are, and the first one's text and
  // line.
  struct Figure {
    size_t seen = 0;
    std::string text;
    long line = 0;
  };
  struct Group {  // a GrpHdr or a PmtInf
    long line = 0;
    Figure count, sum;
    uint64_t transactions = 0;  // PmtInf: CdtTrfTxInf
    uint64_t amounts = 0;       // PmtInf: CdtTrfTxInf/Amt/InstdAmt
    int64_t cents = 0;          // their sum
    bool readable = true;       // every amount could be read
  };

  long Line() const { return ctxt_ != nullptr && ctxt_->input != nullptr ? ctxt_->input->line : 0; }

  Role RoleOf(std::string_view name, const xmlChar* uri) {
    if (stack_.empty()) {
      root_line_ = Line();
      const std::string_view ns = Str(uri);
      root_ok_ = uri != nullptr && name == "Document" &&
                 (ns == VersionNamespace(Version::kPain001_001_09) ||
                  ns == VersionNamespace(Version::kPain001_001_03));
      ns_ = ns;
      return root_ok_ ? Role::kDocument : Role::kOther;
    }
    if (!root_ok_ || uri == nullptr || Str(uri) != ns_) return Role::kOther;
    switch (stack_.back()) {
      case Role::kDocument:
        return name == "CstmrCdtTrfInitn" ? Role::kInitiation : Role::kOther;
      case Role::kInitiation:
        if (name == "GrpHdr") return Role::kHeader;
        return name == "PmtInf" ? Role::kBlock : Role::kOther;
      case Role::kHeader:
      case Role::kBlock:
        if (name == "NbOfTxs") return Role::kCount;
        if (name == "CtrlSum") return Role::kSum;
        return stack_.back() == Role::kBlock && name == "CdtTrfTxInf" ? Role::kTransaction
                                                                      : Role::kOther;
      case Role::kTransaction:
        return name == "Amt" ? Role::kAmount : Role::kOther;
      case Role::kAmount:
        return name == "InstdAmt" ? Role::kInstructedAmount : Role::kOther;
      default:
        return Role::kOther;
    }
  }

  void Capture(std::string* into) {
    into->clear();
    capture_ = into;
    capture_depth_ = stack_.size();
  }

  void EndAmount() {
    if (currency_ != "EUR") {
      amount_problems_.Add(amount_line_, "InstdAmt has currency '" + currency_ +
                                             "'; SEPA credit transfers are in EUR");
    }
    int64_t cents = 0;
    constexpr size_t kEpcDecimals = 2;
    if (std::string p = ParseDecimalCents(amount_text_, kEpcDecimals, cents); !p.empty()) {
      amount_problems_.Add(amount_line_, "InstdAmt " + p);
      block_.readable = false;
    } else {
      overflow_ |= __builtin_add_overflow(block_.cents, cents, &block_.cents);
    }
  }

  // A PmtInf's problems in the order of the DOM check: the number of amounts, the amounts, its
  // NbOfTxs, its CtrlSum.
  void EndBlock() {
    const std::string where = "PmtInf[" + std::to_string(blocks_++) + "]";
    if (block_.amounts != block_.transactions) {
      blocks_problems_.Add(block_.line, where + " has " + std::to_string(block_.transactions) +
                                            " transactions but " + std::to_string(block_.amounts) +
                                            " InstdAmt; every amount must be an InstdAmt");
    }
    blocks_problems_.Append(amount_problems_);
    amount_problems_ = Problems();
    CheckCount(block_, where, block_.transactions, blocks_problems_);
    if (block_.readable) CheckSum(block_, where, block_.cents, blocks_problems_);
    all_readable_ = all_readable_ && block_.readable;
    total_count_ += block_.transactions;
    overflow_ |= __builtin_add_overflow(total_sum_, block_.cents, &total_sum_);
  }

  // Reports a missing or repeated figure at its parent's line.
  static bool One(const Figure& f, const Group& parent, const std::string& what,
                  Problems& problems) {
    if (f.seen == 1) return true;
    problems.Add(parent.line, what + (f.seen == 0 ? " is missing" : " appears more than once"));
    return false;
  }

  static void CheckCount(const Group& g, const std::string& where, uint64_t count,
                         Problems& problems) {
    if (!One(g.count, g, where + "/NbOfTxs", problems)) return;
    if (g.count.text != std::to_string(count)) {
      problems.Add(g.count.line, where + "/NbOfTxs is '" + g.count.text + "' but there are " +
                                     std::to_string(count) + " transactions");
    }
  }

  static void CheckSum(const Group& g, const std::string& where, int64_t sum, Problems& problems) {
    if (!One(g.sum, g, where + "/CtrlSum", problems)) return;
    int64_t cents = 0;
    constexpr size_t kDecimalNumberFractionDigits = 17;  // DecimalNumber in both XSDs
    if (std::string p = ParseDecimalCents(g.sum.text, kDecimalNumberFractionDigits, cents);
        !p.empty()) {
      problems.Add(g.sum.line, where + "/CtrlSum " + p);
    } else if (cents != sum) {
      problems.Add(g.sum.line, where + "/CtrlSum is " + g.sum.text +
                                   " but the transactions add up to " + Decimal(sum));
    }
  }

  xmlParserCtxtPtr ctxt_ = nullptr;
  std::vector<Role> stack_;
  bool root_ok_ = false;
  long root_line_ = 0;
  std::string ns_;
  long doctype_line_ = 0;

  size_t headers_ = 0;
  Group header_;        // the first GrpHdr
  Group other_header_;  // any further one (only counted)
  size_t blocks_ = 0;
  Group block_;  // the PmtInf being read
  Group* group_ = &header_;
  Problems amount_problems_;  // of the PmtInf being read
  Problems blocks_problems_;  // of the PmtInfs read

  long amount_line_ = 0;
  std::string currency_;
  std::string amount_text_;
  std::string* capture_ = nullptr;  // where the text goes, while inside that element
  size_t capture_depth_ = 0;

  uint64_t total_count_ = 0;
  int64_t total_sum_ = 0;
  bool overflow_ = false;
  bool all_readable_ = true;
};

// The SAX2 callbacks: the totals' events, no tree.
void OnStart(void* ctx, const xmlChar* localname, const xmlChar* /*prefix*/, const xmlChar* uri,
             int /*nb_namespaces*/, const xmlChar** /*namespaces*/, int nb_attributes,
             int /*nb_defaulted*/, const xmlChar** attributes) {
  static_cast<Totals*>(ctx)->Start(Str(localname), uri, nb_attributes, attributes);
}
void OnEnd(void* ctx, const xmlChar* /*localname*/, const xmlChar* /*prefix*/,
           const xmlChar* /*uri*/) {
  static_cast<Totals*>(ctx)->End();
}
void OnText(void* ctx, const xmlChar* text, int len) { static_cast<Totals*>(ctx)->Text(text, len); }
void OnDoctype(void* ctx, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
               const xmlChar* /*system_id*/) {
  static_cast<Totals*>(ctx)->Doctype();
}

// The parser reads the text from memory through this, a few KiB at a time: no copy of the whole.
struct Source {
  std::string_view rest;
};
int ReadSource(void* ctx, char* buffer, int len) {
  auto* s = static_cast<Source*>(ctx);
  const size_t n = std::min(s->rest.size(), static_cast<size_t>(std::max(len, 0)));
  std::memcpy(buffer, s->rest.data(), n);
  s->rest.remove_prefix(n);
  return static_cast<int>(n);
}
int CloseSource(void* /*ctx*/) { return 0; }

// The line for the streaming validator's messages: where the parser is (the start tag of the
// element a message is about, or its end tag for what is found missing at the end).
int LineForValidator(void* ctx, const char** file, unsigned long* line) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  *file = nullptr;
  *line = ctxt->input != nullptr && ctxt->input->line > 0
              ? static_cast<unsigned long>(ctxt->input->line)
              : 0;
  return 0;
}

struct ParserDeleter {
  void operator()(xmlParserCtxt* c) const {
    if (c->myDoc != nullptr) xmlFreeDoc(c->myDoc);
    xmlFreeParserCtxt(c);
  }
};
struct ValidCtxtDeleter {
  void operator()(xmlSchemaValidCtxt* v) const { xmlSchemaFreeValidCtxt(v); }
};

// Reads `xml` once with libxml2's SAX2 parser, building no tree: with `schema`, libxml2's
// streaming XSD validator is plugged into the parser (xmlSchemaSAXPlug), and with `totals` the
// totals are collected on the way. Returns, in this order: kParseError if `xml` is not
// well-formed, kInvalidArgument for a DOCTYPE, kInvalidArgument if it does not match the schema,
// the totals check.
Status Read(std::string_view xml, const ParsedSchema* schema, Version version, bool totals) {
  InitLibxml();
  if (xml.size() > static_cast<size_t>(INT_MAX)) {
    return Status(ErrorCode::kInvalidArgument, "the XML text is larger than 2 GiB");
  }
  Totals collected;
  xmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = &OnStart;
  sax.endElementNs = &OnEnd;
  sax.characters = &OnText;
  sax.ignorableWhitespace = &OnText;
  sax.cdataBlock = &OnText;
  sax.internalSubset = &OnDoctype;
  Source source{xml};
  Problems parse_problems;
  Problems xsd_problems;
  bool well_formed = false;
  bool valid = true;
  {
    ScopedErrorHandler handler(&parse_problems);  // the parser reports there
    std::unique_ptr<xmlParserCtxt, ParserDeleter> ctxt(xmlCreateIOParserCtxt(
        &sax, &collected, &ReadSource, &CloseSource, &source, XML_CHAR_ENCODING_NONE));
    if (ctxt == nullptr) return Status(ErrorCode::kInternal, "libxml2: no parser context");
    xmlCtxtUseOptions(ctxt.get(), kParseOptions);
    collected.set_parser(ctxt.get());
    std::unique_ptr<xmlSchemaValidCtxt, ValidCtxtDeleter> vctxt;
    xmlSchemaSAXPlugPtr plug = nullptr;
    if (schema != nullptr) {
      vctxt.reset(xmlSchemaNewValidCtxt(schema->get()));
      if (vctxt == nullptr) return Status(ErrorCode::kInternal, "libxml2: no validation context");
      xmlSchemaSetValidStructuredErrors(
          vctxt.get(), reinterpret_cast<xmlStructuredErrorFunc>(&CollectError), &xsd_problems);
      plug = xmlSchemaSAXPlug(vctxt.get(), &ctxt->sax, &ctxt->userData);
      if (plug == nullptr)
        return Status(ErrorCode::kInternal, "libxml2: the validator cannot be plugged in");
      xmlSchemaValidateSetLocator(vctxt.get(), &LineForValidator, ctxt.get());
    }
    xmlParseDocument(ctxt.get());
    well_formed = ctxt->wellFormed != 0;
    if (plug != nullptr) {
      xmlSchemaSAXUnplug(plug);  // before the context frees its (own) SAX handler
      valid = xsd_problems.errors() == 0 && xmlSchemaIsValid(vctxt.get()) != 0;
    }
  }
  if (collected.doctype_line() > 0) {
    return InvalidArgument(
        "line " + std::to_string(collected.doctype_line()) +
        ": the document has a DOCTYPE; a pain.001 message has none and no DTD is read");
  }
  if (!well_formed) {
    return Status(
        ErrorCode::kParseError,
        "not well-formed XML: " + (parse_problems.empty() ? "no details" : parse_problems.Join()));
  }
  if (!valid) {
    if (xsd_problems.internal()) {
      return Status(ErrorCode::kInternal,
                    "libxml2 could not validate the document: " + xsd_problems.Join());
    }
    return InvalidArgument("the document does not match the " + std::string(VersionName(version)) +
                           " XSD: " + (xsd_problems.empty() ? "no details" : xsd_problems.Join()));
  }
  return totals ? collected.Result() : Status::Ok();
}

Result<std::shared_ptr<const ParsedSchema>> SchemaFor(Version version,
                                                      const std::filesystem::path& schema_dir) {
  InitLibxml();
  return CachedSchema(schema_dir / (std::string(VersionName(version)) + ".xsd"));
}

}  // namespace

std::filesystem::path DefaultSchemaDir() { return NABIJ_SEPA_SCHEMA_DIR; }

Status ValidateXsd(std::string_view xml, Version version, const std::filesystem::path& schema_dir) {
  NABIJ_ASSIGN_OR_RETURN(std::shared_ptr<const ParsedSchema> schema,
                         SchemaFor(version, schema_dir));
  return Read(xml, schema.get(), version, false);
}

Status CheckTotals(std::string_view xml) {
  return Read(xml, nullptr, Version::kPain001_001_09, true);
}

Status ValidateXsdAndTotals(std::string_view xml, Version version,
                            const std::filesystem::path& schema_dir) {
  NABIJ_ASSIGN_OR_RETURN(std::shared_ptr<const ParsedSchema> schema,
                         SchemaFor(version, schema_dir));
  return Read(xml, schema.get(), version, true);
}

}  // namespace nabij::sepa
