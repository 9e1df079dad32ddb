// Ledger: the append-only double-entry ledger of the monthly payment run.
//
// An Entry is a dated set of Postings on named accounts, debit positive and credit negative, that
// sums to exactly zero. Entries are made with MakeEntry (which validates) and added with
// Ledger::Append (which validates again, so a hand-built Entry cannot slip in). Nothing is ever
// changed or removed: a correction is a reversal (MakeReversal), a new entry that negates every
// posting of the original, after which a correct entry is booked anew. Each entry carries a
// unique reference, its idempotency key ("run:2026-01:case:42:bijstand"): appending a reference
// that is already in the ledger is refused with kAlreadyExists, which is how a payment run that
// crashed half-way knows which cases it has already booked.
//
// Because every entry sums to zero, the balances of all accounts sum to zero and a trial balance
// over any period has equal debit and credit totals; Report checks this and aborts
// (NABIJ_CHECK) if it is ever broken. Amounts are limited to kMaxPostingAmount per posting, and
// Append refuses an entry that would carry the ledger's total of debits out of the int64 range,
// so no sum in here can overflow.
//
// Account names are lower-case, `[a-z0-9_.:-]+`: a class of accounts, dot-separated words, and
// optionally a sub-account after a colon ("schuld.client:42"). The standard chart of accounts of
// the bijstand administration is below; other names are allowed. KindOf classifies any name.
//
// Ledger is in memory and NOT thread-safe: Append must not run concurrently with any other call.
// Const member functions may run concurrently with each other. Storage backends are declared by
// the rank-4 modules that need them, not here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"

namespace nabij::ledger {

// --- Standard chart of accounts (rekeningschema) of the bijstand administration ---------------
//
// Profit-and-loss accounts start with "kosten." (expenses, normally debit) or "baten." (income,
// normally credit); every other account is a balance-sheet account.

// Balance sheet: assets (normally debit).

// The municipality's payment account; the SEPA file of a run pays from it.
inline constexpr char kBank[] = "bank";
// Advances paid while an application is pending (Pw art. 52), settled against the benefit.
inline constexpr char kVoorschot[] = "vordering.voorschot";
// Benefit paid too much that the client must pay back (Pw art. 58).
inline constexpr char kVorderingTerugvordering[] = "vordering.terugvordering";
// Debts the debt fund bought from the citizen's creditors, now owed by the citizen to us.
inline constexpr char kFondsSchulden[] = "vordering.schuldenfonds";

// Balance sheet: liabilities and reservations (normally credit).

// Net benefit due to the client.
inline constexpr char kTeBetalenClient[] = "schuld.client";
// Paid directly to third parties on the client's behalf: health insurer, landlord.
inline constexpr char kTeBetalenDerden[] = "schuld.derden";
// The garnished part of the benefit, due to the creditor who laid the beslag.
inline constexpr char kTeBetalenBeslaglegger[] = "schuld.beslaglegger";
// Wage tax withheld on the benefit, due to the Belastingdienst.
inline constexpr char kTeBetalenLoonheffing[] = "schuld.loonheffing";
// Buy-out amounts the debt fund owes to the citizen's creditors.
inline constexpr char kTeBetalenSchuldeisers[] = "schuld.schuldeisers";
// Holiday allowance reserved each month and paid in June (Pw art. 19 lid 3, art. 45).
inline constexpr char kReserveringVakantietoeslag[] = "reservering.vakantietoeslag";

// Profit and loss: expenses.

// Algemene bijstand, gross, without the holiday allowance.
inline constexpr char kKostenBijstand[] = "kosten.bijstand";
// The monthly reservation of the holiday allowance (counterpart of the reservering).
inline constexpr char kKostenVakantietoeslag[] = "kosten.vakantietoeslag";
// Bijzondere bijstand (Pw art. 35).
inline constexpr char kKostenBijzondereBijstand[] = "kosten.bijzondere_bijstand";
// Debt-fund claims forgiven as a reward for milestones.
inline constexpr char kKostenKwijtschelding[] = "kosten.kwijtschelding";
// Recoveries written off as uncollectable.
inline constexpr char kKostenOninbaar[] = "kosten.oninbaar";

// Profit and loss: income.

// Recovery decisions (Pw art. 58): the counterpart of vordering.terugvordering.
inline constexpr char kBatenTerugvordering[] = "baten.terugvordering";

// Where an account belongs in the report.
enum class AccountKind {
  kBalanceSheet,   // balans: assets, liabilities, reservations; carried over between periods
  kProfitAndLoss,  // staat van baten en lasten: expenses and income of the period
};

// The kind of any account name, by its first word (up to the first '.' or ':'): "kosten" and
// "baten" are profit and loss, everything else is balance sheet.
AccountKind KindOf(std::string_view account);
std::string_view AccountKindName(AccountKind kind);  // "balance_sheet", "profit_and_loss"

// --- Entries ---------------------------------------------------------------------------------

// The largest amount of one posting: € 10.000.000.000.000,00, far beyond any municipal budget,
// and small enough that sums of postings cannot overflow and every amount can be negated.
inline constexpr Money kMaxPostingAmount = Money::Cents(1'000'000'000'000'000);

struct Posting {
  std::string account;
  Money amount;  // debit positive, credit negative; never zero
};

struct Entry {
  uint64_t id = 0;  // assigned by Ledger::Append (1, 2, ...); 0 until appended
  Date booking_date;
  std::string reference;  // idempotency key, unique in a ledger: "run:2026-01:case:42:bijstand"
  std::string description;
  std::vector<Posting> postings;
  std::optional<uint64_t> reverses;  // the id of the entry this one reverses
};

// An entry that is not yet appended. Returns kInvalidArgument, with the field
// ("reference", "postings", "postings[2].amount") and what is wrong, unless: the reference is
// not empty; there are at least two postings; every account is non-empty and of the form
// `[a-z0-9_.:-]+`; no amount is zero or larger in size than kMaxPostingAmount; and the amounts
// sum to exactly zero.
Result<Entry> MakeEntry(Date booking_date, std::string reference, std::string description,
                        std::vector<Posting> postings);

// The reversal (tegenboeking) of an appended entry: the same postings in the same order with
// every amount negated, `reverses` set to original.id, and a description that names the original.
// Appending it restores every balance to the cent.
Entry MakeReversal(const Entry& original, Date booking_date, std::string reference);

// Checks an entry as MakeEntry does (a reversal included); `id` is not looked at.
Status Validate(const Entry& entry);

// --- Ledger ----------------------------------------------------------------------------------

struct TrialBalanceLine {
  std::string account;
  AccountKind kind = AccountKind::kBalanceSheet;
  Money debit;    // sum of the positive postings in the period (>= 0)
  Money credit;   // sum of the negative postings in the period, as a positive amount (>= 0)
  Money balance;  // debit - credit
};

// A trial balance (proefbalans) over the booking dates [from, until).
struct TrialBalance {
  Date from;
  Date until;
  std::vector<TrialBalanceLine> lines;  // one per account with postings in the period, by name
  Money total_debit;
  Money total_credit;  // equal to total_debit, always (checked)
};

class Ledger {
 public:
  Ledger() = default;
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;
  Ledger(Ledger&&) = default;
  Ledger& operator=(Ledger&&) = default;

  // Appends `entry` with the next id (its own `id` is overwritten) and returns that id. On
  // failure nothing changes and it returns:
  // - kInvalidArgument when Validate fails, when a reversal's postings are not the exact negation
  //   of the original's, or when a reversal is dated before its original;
  // - kAlreadyExists when the reference is already in the ledger (the field is "reference");
  // - kNotFound when `reverses` names an entry that is not in the ledger;
  // - kFailedPrecondition when that entry is already reversed, or is itself a reversal (to undo a
  //   wrong reversal, book the correct entry anew);
  // - kResourceExhausted when the ledger's total of debits would leave the int64 range.
  Result<uint64_t> Append(Entry entry);

  // Every entry in the order appended; entries()[i].id == i + 1.
  const std::vector<Entry>& entries() const { return entries_; }
  // The entry with this id or reference, or nullptr. The pointer is valid until the next Append.
  const Entry* Find(uint64_t id) const;
  const Entry* FindByReference(std::string_view reference) const;
  // The id of the entry that reverses entry `id`, if any.
  std::optional<uint64_t> ReversedBy(uint64_t id) const;

  // Debit minus credit over all entries; zero for an account never posted to.
  Money Balance(std::string_view account) const;
  // The balance of every account ever posted to (zero balances included), by name. The values
  // sum to zero.
  std::map<std::string, Money> Balances() const;

  // The trial balance over the entries booked in [from, until); empty when from >= until.
  TrialBalance Report(Date from, Date until) const;

 private:
  struct Totals {
    Money debit;
    Money credit;  // as a positive amount
  };

  std::vector<Entry> entries_;
  std::map<std::string, Totals, std::less<>> totals_;
  std::map<std::string, uint64_t, std::less<>> by_reference_;
  std::vector<uint64_t> reversed_by_;  // [id - 1]: id of the reversal, 0 when not reversed
  Money total_debit_;  // over all entries; bounds every other sum (no overflow past Append)
};

}  // namespace nabij::ledger
