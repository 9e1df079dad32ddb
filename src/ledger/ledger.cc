#include "ledger/ledger.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace nabij::ledger {
namespace {

bool IsAccountChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' ||
         c == '-';
}

std::string PostingField(size_t i, std::string_view member) {
  std::string f = "postings[" + std::to_string(i) + "]";
  if (!member.empty()) {
    f += '.';
    f += member;
  }
  return f;
}

// The sum of the positive amounts of an entry. Validate guarantees it fits in an int64.
Money DebitSum(const Entry& entry) {
  Money sum;
  for (const Posting& p : entry.postings) {
    if (p.amount > Money::Zero()) sum += p.amount;
  }
  return sum;
}

// Postings as a sorted list of (account, cents), to compare two entries regardless of order.
std::vector<std::pair<std::string_view, int64_t>> Sorted(const std::vector<Posting>& postings,
                                                         bool negate) {
  std::vector<std::pair<std::string_view, int64_t>> out;
  out.reserve(postings.size());
  for (const Posting& p : postings) {
    out.emplace_back(p.account, negate ? -p.amount.cents() : p.amount.cents());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

AccountKind KindOf(std::string_view account) {
  std::string_view first = account.substr(0, account.find_first_of(".:"));
  if (first == "kosten" || first == "baten") return AccountKind::kProfitAndLoss;
  return AccountKind::kBalanceSheet;
}

std::string_view AccountKindName(AccountKind kind) {
  switch (kind) {
    case AccountKind::kBalanceSheet: return "balance_sheet";
    case AccountKind::kProfitAndLoss: return "profit_and_loss";
  }
  return "unknown";
}

Status Validate(const Entry& entry) {
  if (entry.reference.empty()) {
    return InvalidArgument("an entry needs a reference (its idempotency key)", "reference");
  }
  if (entry.postings.size() < 2) {
    return InvalidArgument("an entry needs at least two postings, got " +
                               std::to_string(entry.postings.size()),
                           "postings");
  }
  // Each amount is at most kMaxPostingAmount in size, so 128 bits hold any sum of them.
  __int128 sum = 0;
  __int128 debit = 0;
  for (size_t i = 0; i < entry.postings.size(); ++i) {
    const Posting& p = entry.postings[i];
    if (p.account.empty()) {
      return InvalidArgument("account is empty", PostingField(i, "account"));
    }
    if (!std::all_of(p.account.begin(), p.account.end(), IsAccountChar)) {
      return InvalidArgument("account \"" + p.account +
                                 "\" may contain only a-z, 0-9 and _ . : -",
                             PostingField(i, "account"));
    }
    if (p.amount == Money::Zero()) {
      return InvalidArgument("amount on " + p.account + " is zero", PostingField(i, "amount"));
    }
    if (p.amount > kMaxPostingAmount || p.amount < -kMaxPostingAmount) {
      return InvalidArgument("amount on " + p.account + " is larger than " +
                                 FormatEuro(kMaxPostingAmount),
                             PostingField(i, "amount"));
    }
    sum += p.amount.cents();
    if (p.amount > Money::Zero()) debit += p.amount.cents();
  }
  if (sum != 0) {
    // |sum| <= debit, and a debit total past int64 is refused below anyway.
    std::string off = sum > std::numeric_limits<int64_t>::max() ||
                              sum < std::numeric_limits<int64_t>::min()
                          ? std::string("more than the largest amount")
                          : FormatEuro(Money::Cents(static_cast<int64_t>(sum)));
    return InvalidArgument("postings do not balance: debits minus credits is " + off +
                               ", must be € 0,00",
                           "postings");
  }
  if (debit > std::numeric_limits<int64_t>::max()) {
    return InvalidArgument("the debits of one entry add up to more than the largest amount",
                           "postings");
  }
  return Status::Ok();
}

Result<Entry> MakeEntry(Date booking_date, std::string reference, std::string description,
                        std::vector<Posting> postings) {
  Entry entry;
  entry.booking_date = booking_date;
  entry.reference = std::move(reference);
  entry.description = std::move(description);
  entry.postings = std::move(postings);
  NABIJ_RETURN_IF_ERROR(Validate(entry));
  return entry;
}

Entry MakeReversal(const Entry& original, Date booking_date, std::string reference) {
  Entry reversal;
  reversal.booking_date = booking_date;
  reversal.reference = std::move(reference);
  reversal.description = "Tegenboeking van boeking " + std::to_string(original.id);
  if (!original.description.empty()) reversal.description += ": " + original.description;
  reversal.postings.reserve(original.postings.size());
  for (const Posting& p : original.postings) {
    // Negation cannot overflow for a valid entry (|amount| <= kMaxPostingAmount); an invalid
    // original gives an invalid reversal, which Append refuses.
    Money negated = p.amount.cents() == std::numeric_limits<int64_t>::min() ? p.amount : -p.amount;
    reversal.postings.push_back(Posting{p.account, negated});
  }
  reversal.reverses = original.id;
  return reversal;
}

Result<uint64_t> Ledger::Append(Entry entry) {
  NABIJ_RETURN_IF_ERROR(Validate(entry));
  if (by_reference_.find(entry.reference) != by_reference_.end()) {
    return Status(ErrorCode::kAlreadyExists,
                  "reference " + entry.reference + " is already booked (entry " +
                      std::to_string(by_reference_.find(entry.reference)->second) + ")",
                  "reference");
  }
  if (entry.reverses) {
    const uint64_t target = *entry.reverses;
    const Entry* original = Find(target);
    if (original == nullptr) {
      return Status(ErrorCode::kNotFound,
                    "entry " + std::to_string(target) + " to reverse is not in the ledger",
                    "reverses");
    }
    if (uint64_t by = reversed_by_[target - 1]; by != 0) {
      return Status(ErrorCode::kFailedPrecondition,
                    "entry " + std::to_string(target) + " is already reversed by entry " +
                        std::to_string(by),
                    "reverses");
    }
    if (original->reverses) {
      return Status(ErrorCode::kFailedPrecondition,
                    "entry " + std::to_string(target) +
                        " is itself a reversal; book the correct entry anew instead",
                    "reverses");
    }
    if (Sorted(entry.postings, /*negate=*/false) != Sorted(original->postings, /*negate=*/true)) {
      return InvalidArgument("the postings of a reversal must be those of entry " +
                                 std::to_string(target) + " with every amount negated",
                             "postings");
    }
    if (entry.booking_date < original->booking_date) {
      return InvalidArgument("a reversal cannot be dated " + entry.booking_date.ToString() +
                                 ", before entry " + std::to_string(target) + " (" +
                                 original->booking_date.ToString() + ")",
                             "booking_date");
    }
  }
  int64_t new_total = 0;
  if (__builtin_add_overflow(total_debit_.cents(), DebitSum(entry).cents(), &new_total)) {
    return Status(ErrorCode::kResourceExhausted,
                  "the ledger's total of debits would exceed the largest amount it can hold");
  }

  // Nothing below can fail.
  total_debit_ = Money::Cents(new_total);
  entry.id = entries_.size() + 1;
  for (const Posting& p : entry.postings) {
    auto it = totals_.find(p.account);
    if (it == totals_.end()) it = totals_.emplace(p.account, Totals{}).first;
    if (p.amount > Money::Zero()) {
      it->second.debit += p.amount;
    } else {
      it->second.credit -= p.amount;
    }
  }
  if (entry.reverses) reversed_by_[*entry.reverses - 1] = entry.id;
  by_reference_.emplace(entry.reference, entry.id);
  reversed_by_.push_back(0);
  entries_.push_back(std::move(entry));
  return entries_.back().id;
}

const Entry* Ledger::Find(uint64_t id) const {
  if (id == 0 || id > entries_.size()) return nullptr;
  return &entries_[id - 1];
}

const Entry* Ledger::FindByReference(std::string_view reference) const {
  auto it = by_reference_.find(reference);
  return it == by_reference_.end() ? nullptr : Find(it->second);
}

std::optional<uint64_t> Ledger::ReversedBy(uint64_t id) const {
  if (id == 0 || id > reversed_by_.size() || reversed_by_[id - 1] == 0) return std::nullopt;
  return reversed_by_[id - 1];
}

Money Ledger::Balance(std::string_view account) const {
  auto it = totals_.find(account);
  return it == totals_.end() ? Money::Zero() : it->second.debit - it->second.credit;
}

std::map<std::string, Money> Ledger::Balances() const {
  std::map<std::string, Money> out;
  Money sum;
  for (const auto& [account, t] : totals_) {
    out.emplace_hint(out.end(), account, t.debit - t.credit);
    sum += t.debit - t.credit;
  }
  NABIJ_CHECK(sum == Money::Zero());  // every appended entry sums to zero
  return out;
}

TrialBalance Ledger::Report(Date from, Date until) const {
  TrialBalance report;
  report.from = from;
  report.until = until;
  std::map<std::string_view, TrialBalanceLine> lines;
  for (const Entry& entry : entries_) {
    if (entry.booking_date < from || !(entry.booking_date < until)) continue;
    for (const Posting& p : entry.postings) {
      TrialBalanceLine& line = lines[p.account];
      if (p.amount > Money::Zero()) {
        line.debit += p.amount;
        report.total_debit += p.amount;
      } else {
        line.credit -= p.amount;
        report.total_credit -= p.amount;
      }
    }
  }
  report.lines.reserve(lines.size());
  Money balance_sum;
  for (auto& [account, line] : lines) {
    line.account = std::string(account);
    line.kind = KindOf(account);
    line.balance = line.debit - line.credit;
    balance_sum += line.balance;
    report.lines.push_back(std::move(line));
  }
  // Double entry: holds by construction, since Append takes only entries that sum to zero.
  NABIJ_CHECK(report.total_debit == report.total_credit);
  NABIJ_CHECK(balance_sum == Money::Zero());
  return report;
}

}  // namespace nabij::ledger
