// The libxml2 adapter of nabij: the only file that includes libxml2 (see xsd_validator.h).

#include "sepa/xsd_validator.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <climits>
#include <cstdint>
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
  if (error->level == XML_ERR_WARNING) text = "warning: " + text;
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

// Parses `xml` without network, entities or DTD. Returns kParseError with libxml2's messages.
Result<DocPtr> ParseDocument(std::string_view xml) {
  if (xml.size() > static_cast<size_t>(INT_MAX)) {
    return Status(ErrorCode::kInvalidArgument, "the XML text is larger than 2 GiB");
  }
  Problems problems;
  DocPtr doc;
  {
    ScopedErrorHandler handler(&problems);
    doc.reset(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "pain.001.xml", nullptr,
                            kParseOptions));
  }
  if (doc == nullptr) {
    return Status(ErrorCode::kParseError,
                  "not well-formed XML: " + (problems.empty() ? "no details" : problems.Join()));
  }
  return doc;
}

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

struct XPathContextDeleter {
  void operator()(xmlXPathContext* c) const { xmlXPathFreeContext(c); }
};
struct XPathObjectDeleter {
  void operator()(xmlXPathObject* o) const { xmlXPathFreeObject(o); }
};
struct XmlCharDeleter {
  void operator()(xmlChar* s) const { xmlFree(s); }
};
using XmlString = std::unique_ptr<xmlChar, XmlCharDeleter>;

// The nodes `expr` selects from `node` (the document when null); prefix "p" is the message's
// namespace.
std::vector<xmlNodePtr> Select(xmlXPathContext* ctx, const char* expr, xmlNodePtr node) {
  ctx->node = node;
  std::unique_ptr<xmlXPathObject, XPathObjectDeleter> obj(
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr), ctx));
  std::vector<xmlNodePtr> out;
  if (obj == nullptr || obj->type != XPATH_NODESET || obj->nodesetval == nullptr) return out;
  out.reserve(static_cast<size_t>(obj->nodesetval->nodeNr));
  for (int i = 0; i < obj->nodesetval->nodeNr; ++i) out.push_back(obj->nodesetval->nodeTab[i]);
  return out;
}

std::string TextOf(xmlNodePtr node) {
  XmlString s(xmlNodeGetContent(node));
  return std::string(Str(s.get()));
}

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

// The one child `expr` of `parent`; reports a missing or repeated one.
xmlNodePtr One(xmlXPathContext* ctx, xmlNodePtr parent, const char* expr, const std::string& what,
               Problems& problems) {
  std::vector<xmlNodePtr> nodes = Select(ctx, expr, parent);
  if (nodes.size() == 1) return nodes.front();
  problems.Add(xmlGetLineNo(parent),
               what + (nodes.empty() ? " is missing" : " appears more than once"));
  return nullptr;
}

void CheckCount(xmlXPathContext* ctx, xmlNodePtr parent, const std::string& where, uint64_t count,
                Problems& problems) {
  xmlNodePtr n = One(ctx, parent, "p:NbOfTxs", where + "/NbOfTxs", problems);
  if (n == nullptr) return;
  std::string text = TextOf(n);
  if (text != std::to_string(count)) {
    problems.Add(xmlGetLineNo(n), where + "/NbOfTxs is '" + text + "' but there are " +
                                      std::to_string(count) + " transactions");
  }
}

void CheckSum(xmlXPathContext* ctx, xmlNodePtr parent, const std::string& where, int64_t sum,
              Problems& problems) {
  xmlNodePtr n = One(ctx, parent, "p:CtrlSum", where + "/CtrlSum", problems);
  if (n == nullptr) return;
  std::string text = TextOf(n);
  int64_t cents = 0;
  constexpr size_t kDecimalNumberFractionDigits = 17;  // DecimalNumber in both XSDs
  if (std::string p = ParseDecimalCents(text, kDecimalNumberFractionDigits, cents); !p.empty()) {
    problems.Add(xmlGetLineNo(n), where + "/CtrlSum " + p);
  } else if (cents != sum) {
    problems.Add(xmlGetLineNo(n),
                 where + "/CtrlSum is " + text + " but the transactions add up to " + Decimal(sum));
  }
}

}  // namespace

std::filesystem::path DefaultSchemaDir() { return NABIJ_SEPA_SCHEMA_DIR; }

Status ValidateXsd(std::string_view xml, Version version, const std::filesystem::path& schema_dir) {
  InitLibxml();
  NABIJ_ASSIGN_OR_RETURN(std::shared_ptr<const ParsedSchema> schema,
                         CachedSchema(schema_dir / (std::string(VersionName(version)) + ".xsd")));
  NABIJ_ASSIGN_OR_RETURN(DocPtr doc, ParseDocument(xml));

  Problems problems;
  xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema->get());
  if (vctxt == nullptr) return Status(ErrorCode::kInternal, "libxml2: no validation context");
  xmlSchemaSetValidStructuredErrors(vctxt, reinterpret_cast<xmlStructuredErrorFunc>(&CollectError),
                                    &problems);
  int rc = xmlSchemaValidateDoc(vctxt, doc.get());
  xmlSchemaFreeValidCtxt(vctxt);
  if (rc == 0) return Status::Ok();
  if (rc < 0) {
    return Status(ErrorCode::kInternal, "libxml2 could not validate the document" +
                                            (problems.empty() ? "" : ": " + problems.Join()));
  }
  return InvalidArgument("the document does not match the " + std::string(VersionName(version)) +
                         " XSD: " + (problems.empty() ? "no details" : problems.Join()));
}

Status CheckTotals(std::string_view xml) {
  InitLibxml();
  NABIJ_ASSIGN_OR_RETURN(DocPtr doc, ParseDocument(xml));
  xmlNodePtr root = xmlDocGetRootElement(doc.get());
  std::string_view ns = root != nullptr && root->ns != nullptr ? Str(root->ns->href) : "";
  if (root == nullptr || Str(root->name) != "Document" ||
      (ns != VersionNamespace(Version::kPain001_001_09) &&
       ns != VersionNamespace(Version::kPain001_001_03))) {
    return InvalidArgument("not a pain.001.001.09 or pain.001.001.03 Document");
  }
  std::unique_ptr<xmlXPathContext, XPathContextDeleter> ctx(xmlXPathNewContext(doc.get()));
  if (ctx == nullptr ||
      xmlXPathRegisterNs(ctx.get(), reinterpret_cast<const xmlChar*>("p"), root->ns->href) != 0) {
    return Status(ErrorCode::kInternal, "libxml2: no XPath context");
  }

  Problems problems;
  std::vector<xmlNodePtr> headers =
      Select(ctx.get(), "/p:Document/p:CstmrCdtTrfInitn/p:GrpHdr", nullptr);
  std::vector<xmlNodePtr> blocks =
      Select(ctx.get(), "/p:Document/p:CstmrCdtTrfInitn/p:PmtInf", nullptr);
  if (headers.size() != 1) problems.Add(xmlGetLineNo(root), "there must be one GrpHdr");
  if (blocks.empty()) problems.Add(xmlGetLineNo(root), "there is no PmtInf");

  uint64_t total_count = 0;
  int64_t total_sum = 0;
  bool overflow = false;
  bool all_readable = true;
  for (size_t k = 0; k < blocks.size(); ++k) {
    const std::string where = "PmtInf[" + std::to_string(k) + "]";
    std::vector<xmlNodePtr> txs = Select(ctx.get(), "p:CdtTrfTxInf", blocks[k]);
    std::vector<xmlNodePtr> amounts =
        Select(ctx.get(), "p:CdtTrfTxInf/p:Amt/p:InstdAmt", blocks[k]);
    if (amounts.size() != txs.size()) {
      problems.Add(xmlGetLineNo(blocks[k]), where + " has " + std::to_string(txs.size()) +
                                                " transactions but " +
                                                std::to_string(amounts.size()) +
                                                " InstdAmt; every amount must be an InstdAmt");
    }
    int64_t sum = 0;
    bool readable = true;  // a sum over unreadable amounts would only add noise
    for (xmlNodePtr a : amounts) {
      XmlString ccy(xmlGetProp(a, reinterpret_cast<const xmlChar*>("Ccy")));
      if (Str(ccy.get()) != "EUR") {
        problems.Add(xmlGetLineNo(a), "InstdAmt has currency '" + std::string(Str(ccy.get())) +
                                          "'; SEPA credit transfers are in EUR");
      }
      int64_t cents = 0;
      constexpr size_t kEpcDecimals = 2;
      if (std::string p = ParseDecimalCents(TextOf(a), kEpcDecimals, cents); !p.empty()) {
        problems.Add(xmlGetLineNo(a), "InstdAmt " + p);
        readable = false;
      } else {
        overflow |= __builtin_add_overflow(sum, cents, &sum);
      }
    }
    CheckCount(ctx.get(), blocks[k], where, txs.size(), problems);
    if (readable) CheckSum(ctx.get(), blocks[k], where, sum, problems);
    all_readable = all_readable && readable;
    total_count += txs.size();
    overflow |= __builtin_add_overflow(total_sum, sum, &total_sum);
  }
  if (overflow) problems.Add(0, "the amounts add up to more than 64 bits of cents");
  if (headers.size() == 1) {
    CheckCount(ctx.get(), headers.front(), "GrpHdr", total_count, problems);
    if (all_readable && !overflow) {
      CheckSum(ctx.get(), headers.front(), "GrpHdr", total_sum, problems);
    }
  }
  if (problems.empty()) return Status::Ok();
  return InvalidArgument("the totals check failed: " + problems.Join());
}

}  // namespace nabij::sepa
