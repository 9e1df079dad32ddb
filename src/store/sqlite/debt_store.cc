#include "store/sqlite/debt_store.h"

#include <sqlite3.h>

#include <map>

namespace nabij::store {

using debt::Claim;
using debt::Dossier;

namespace {

constexpr char kDossierColumns[] =
    "household_ref, gemeente, registered, restructured, breached, huishouden, op_bijstand, "
    "bijstandsnorm, "
    "net_income, bvv_formule, housing_costs, adults, other_fixed_costs, plan_regime, plan_start, "
    "plan_balance, plan_affordable, plan_monthly, plan_term_months, plan_agreed_on, benefit_case_id";

// Binds the dossier's columns (kDossierColumns) from parameter `first`.
void BindDossier(Statement& s, int first, const Dossier& d) {
  int i = first;
  s.BindText(i++, d.household_ref);
  s.BindText(i++, d.gemeente);
  s.BindDate(i++, d.registered);
  s.BindDateOrNull(i++, d.restructured);
  s.BindDateOrNull(i++, d.breached);
  const debt::Finances& f = d.finances;
  s.BindText(i++, debt::HuishoudenName(f.huishouden));
  s.BindBool(i++, f.op_bijstand);
  s.BindMoney(i++, f.bijstandsnorm);
  s.BindMoney(i++, f.net_income);
  if (f.bvv_formule) {
    s.BindMoney(i++, *f.bvv_formule);
  } else {
    s.BindNull(i++);
  }
  s.BindMoney(i++, f.housing_costs);
  s.BindInt(i++, f.adults);
  s.BindMoney(i++, f.other_fixed_costs);
  if (d.plan) {
    s.BindText(i++, debt::RegimeName(d.plan->regime));
    s.BindMonth(i++, d.plan->start);
    s.BindMoney(i++, d.plan->balance);
    s.BindMoney(i++, d.plan->affordable);
    s.BindMoney(i++, d.plan->monthly);
    s.BindInt(i++, d.plan->term_months);
    s.BindDate(i++, d.plan->agreed_on);
  } else {
    for (int k = 0; k < 7; ++k) s.BindNull(i++);
  }
  if (d.benefit_case) {
    s.BindInt(i++, *d.benefit_case);
  } else {
    s.BindNull(i++);
  }
}

std::optional<Date> DateOrNull(const Statement& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  auto d = Date::Parse(s.TextView(col));
  return d.ok() ? std::optional<Date>(*d) : std::nullopt;
}

Date DateAt(const Statement& s, int col) { return DateOrNull(s, col).value_or(Date{}); }

Status Corrupt(std::string_view what) {
  return Status(ErrorCode::kInternal,
                "the database holds a value nabij does not know in " + std::string(what));
}

template <typename T>
Result<T> Known(std::optional<T> v, std::string_view what) {
  if (!v) return Corrupt(what);
  return *v;
}

constexpr char kUpsertClaim[] =
    "INSERT INTO debt_claims (dossier_id, seq, creditor, creditor_iban, creditor_reference, "
    "sector, principal, "
    "interest, collection_costs, verification, settled_amount, settled_on, paid_on, payment_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "ON CONFLICT (dossier_id, seq) DO UPDATE SET creditor = excluded.creditor, creditor_iban = "
    "excluded.creditor_iban, "
    "creditor_reference = excluded.creditor_reference, sector = excluded.sector, principal = "
    "excluded.principal, "
    "interest = excluded.interest, collection_costs = excluded.collection_costs, verification = "
    "excluded.verification, "
    "settled_amount = excluded.settled_amount, settled_on = excluded.settled_on, paid_on = "
    "excluded.paid_on, "
    "payment_id = excluded.payment_id";
constexpr char kUpsertOffer[] =
    "INSERT INTO debt_offers (dossier_id, claim_seq, round, percentage_num, percentage_den, "
    "amount, sent, answer_due, "
    "answer, answer_date, counter_amount) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (dossier_id, claim_seq, round) DO UPDATE SET answer = excluded.answer, "
    "answer_date = excluded.answer_date, counter_amount = excluded.counter_amount";
constexpr char kInsertRepayment[] =
    "INSERT INTO debt_repayments (dossier_id, seq, month, received, amount, source) VALUES (?1, "
    "?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (dossier_id, seq) DO NOTHING";
// Only the claw-back columns change, and only when they do (the trigger refuses a second change).
constexpr char kUpsertForgiveness[] =
    "INSERT INTO debt_forgiveness (dossier_id, seq, milestone, granted, confirmed_by, amount, "
    "clawed_back, "
    "clawed_back_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (dossier_id, seq) DO UPDATE SET clawed_back = excluded.clawed_back, "
    "clawed_back_on = excluded.clawed_back_on WHERE clawed_back_on IS NOT excluded.clawed_back_on";

// Runs `sql` (binding ?1 = id when id > 0) and calls read(statement, dossier) for each row whose
// dossier (column 0) is among `dossier`'s.
template <typename Lookup, typename Read>
Status EachChildRow(SqliteDatabase& db, const std::string& sql, int64_t id, Lookup dossier,
                    Read read) {
  NABIJ_ASSIGN_OR_RETURN(Statement s, db.Prepare(sql));
  if (id > 0) s.BindInt(1, id);
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::Ok();
    Dossier* d = dossier(s.Int(0));
    if (d != nullptr) NABIJ_RETURN_IF_ERROR(read(s, *d));
  }
}

}  // namespace

Status SqliteDebtStore::WriteChildren(const Dossier& d) {
  NABIJ_ASSIGN_OR_RETURN(Statement claim, db_.Prepare(kUpsertClaim));
  NABIJ_ASSIGN_OR_RETURN(Statement offer, db_.Prepare(kUpsertOffer));
  for (const Claim& c : d.claims) {
    claim.BindInt(1, d.id);
    claim.BindInt(2, c.seq);
    claim.BindText(3, c.creditor);
    claim.BindText(4, c.creditor_iban);
    claim.BindText(5, c.creditor_reference);
    claim.BindText(6, debt::SectorName(c.sector));
    claim.BindMoney(7, c.principal);
    claim.BindMoney(8, c.interest);
    claim.BindMoney(9, c.collection_costs);
    claim.BindText(10, debt::VerificationName(c.verification));
    if (c.settled_amount) {
      claim.BindMoney(11, *c.settled_amount);
    } else {
      claim.BindNull(11);
    }
    claim.BindDateOrNull(12, c.settled_on);
    claim.BindDateOrNull(13, c.paid_on);
    claim.BindText(14, c.payment_id);
    NABIJ_RETURN_IF_ERROR(claim.Run());
    claim.Reset();
    for (const debt::Offer& o : c.offers) {
      offer.BindInt(1, d.id);
      offer.BindInt(2, c.seq);
      offer.BindInt(3, o.round);
      offer.BindInt(4, o.percentage.num());
      offer.BindInt(5, o.percentage.den());
      offer.BindMoney(6, o.amount);
      offer.BindDate(7, o.sent);
      offer.BindDate(8, o.answer_due);
      if (o.answer) {
        offer.BindText(9, debt::AnswerKindName(o.answer->kind));
        offer.BindDate(10, o.answer->date);
        offer.BindMoney(11, o.answer->counter_amount);
      } else {
        offer.BindNull(9);
        offer.BindNull(10);
        offer.BindInt(11, 0);
      }
      NABIJ_RETURN_IF_ERROR(offer.Run());
      offer.Reset();
    }
  }
  NABIJ_ASSIGN_OR_RETURN(Statement rep, db_.Prepare(kInsertRepayment));
  for (const debt::Repayment& r : d.repayments) {
    rep.BindInt(1, d.id);
    rep.BindInt(2, r.seq);
    rep.BindMonth(3, r.month);
    rep.BindDate(4, r.date);
    rep.BindMoney(5, r.amount);
    rep.BindText(6, debt::RepaymentSourceName(r.source));
    NABIJ_RETURN_IF_ERROR(rep.Run());
    rep.Reset();
  }
  NABIJ_ASSIGN_OR_RETURN(Statement fg, db_.Prepare(kUpsertForgiveness));
  for (const debt::Forgiveness& f : d.forgiveness) {
    fg.BindInt(1, d.id);
    fg.BindInt(2, f.seq);
    if (f.milestone) {
      fg.BindText(3, debt::MilestoneKindName(*f.milestone));
    } else {
      fg.BindNull(3);
    }
    fg.BindDate(4, f.date);
    fg.BindText(5, f.confirmed_by);
    fg.BindMoney(6, f.amount);
    fg.BindMoney(7, f.clawed_back);
    fg.BindDateOrNull(8, f.clawed_back_on);
    NABIJ_RETURN_IF_ERROR(fg.Run());
    fg.Reset();
  }
  return Status::Ok();
}

Result<int64_t> SqliteDebtStore::CreateDossier(const Dossier& d) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  NABIJ_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare(std::string("INSERT INTO debt_dossiers (version, ") + kDossierColumns +
                  ") VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                  "?16, ?17, ?18, ?19, ?20, ?21) RETURNING id"));
  BindDossier(s, 1, d);
  NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
  NABIJ_CHECK(row);
  Dossier stored = d;
  stored.id = s.Int(0);
  s.Reset();
  NABIJ_RETURN_IF_ERROR(WriteChildren(stored));
  NABIJ_RETURN_IF_ERROR(tx.Commit());
  return stored.id;
}

Result<std::vector<Dossier>> SqliteDebtStore::Load(int64_t id) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kDeferred));
  const std::string where = id > 0 ? " WHERE dossier_id = ?1" : "";
  std::vector<Dossier> out;
  std::map<int64_t, size_t> index;
  {
    NABIJ_ASSIGN_OR_RETURN(
        Statement s,
        db_.Prepare(std::string("SELECT id, version, ") + kDossierColumns + " FROM debt_dossiers" +
                    (id > 0 ? " WHERE id = ?1" : "") + " ORDER BY id"));
    if (id > 0) s.BindInt(1, id);
    for (;;) {
      NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      Dossier d;
      d.id = s.Int(0);
      d.version = s.Int(1);
      d.household_ref = s.Text(2);
      d.gemeente = s.Text(3);
      d.registered = DateAt(s, 4);
      d.restructured = DateOrNull(s, 5);
      d.breached = DateOrNull(s, 6);
      debt::Finances& f = d.finances;
      NABIJ_ASSIGN_OR_RETURN(f.huishouden, Known(debt::HuishoudenOf(s.TextView(7)), "huishouden"));
      f.op_bijstand = s.Bool(8);
      f.bijstandsnorm = s.MoneyAt(9);
      f.net_income = s.MoneyAt(10);
      if (!s.IsNull(11)) f.bvv_formule = s.MoneyAt(11);
      f.housing_costs = s.MoneyAt(12);
      f.adults = static_cast<int>(s.Int(13));
      f.other_fixed_costs = s.MoneyAt(14);
      if (!s.IsNull(15)) {
        debt::Plan p;
        NABIJ_ASSIGN_OR_RETURN(p.regime, Known(debt::RegimeOf(s.TextView(15)), "plan_regime"));
        NABIJ_ASSIGN_OR_RETURN(p.start, Month::Parse(s.TextView(16)));
        p.balance = s.MoneyAt(17);
        p.affordable = s.MoneyAt(18);
        p.monthly = s.MoneyAt(19);
        p.term_months = static_cast<int>(s.Int(20));
        p.agreed_on = DateAt(s, 21);
        d.plan = p;
      }
      if (!s.IsNull(22)) d.benefit_case = s.Int(22);
      index[d.id] = out.size();
      out.push_back(std::move(d));
    }
  }
  if (id > 0 && out.empty())
    return Status(ErrorCode::kNotFound, "er is geen schuldendossier " + std::to_string(id),
                  "dossier");
  auto dossier = [&](int64_t dossier_id) -> Dossier* {
    auto it = index.find(dossier_id);
    return it == index.end() ? nullptr : &out[it->second];
  };
  NABIJ_RETURN_IF_ERROR(EachChildRow(
      db_,
      "SELECT dossier_id, seq, creditor, creditor_iban, creditor_reference, sector, principal, "
      "interest, "
      "collection_costs, verification, settled_amount, settled_on, paid_on, payment_id FROM "
      "debt_claims" +
          where + " ORDER BY dossier_id, seq",
      id, dossier, [](const Statement& s, Dossier& d) -> Status {
        Claim c;
        c.seq = s.Int(1);
        c.creditor = s.Text(2);
        c.creditor_iban = s.Text(3);
        c.creditor_reference = s.Text(4);
        NABIJ_ASSIGN_OR_RETURN(c.sector, Known(debt::SectorOf(s.TextView(5)), "sector"));
        c.principal = s.MoneyAt(6);
        c.interest = s.MoneyAt(7);
        c.collection_costs = s.MoneyAt(8);
        NABIJ_ASSIGN_OR_RETURN(c.verification,
                               Known(debt::VerificationOf(s.TextView(9)), "verification"));
        if (!s.IsNull(10)) c.settled_amount = s.MoneyAt(10);
        c.settled_on = DateOrNull(s, 11);
        c.paid_on = DateOrNull(s, 12);
        c.payment_id = s.Text(13);
        d.claims.push_back(std::move(c));
        return Status::Ok();
      }));
  NABIJ_RETURN_IF_ERROR(EachChildRow(
      db_,
      "SELECT dossier_id, claim_seq, round, percentage_num, percentage_den, amount, sent, "
      "answer_due, answer, "
      "answer_date, counter_amount FROM debt_offers" +
          where + " ORDER BY dossier_id, claim_seq, round",
      id, dossier, [](const Statement& s, Dossier& d) -> Status {
        Claim* c = d.FindClaim(s.Int(1));
        if (c == nullptr) return Corrupt("debt_offers");
        debt::Offer o;
        o.round = static_cast<int>(s.Int(2));
        o.percentage = Ratio::Of(s.Int(3), s.Int(4));
        o.amount = s.MoneyAt(5);
        o.sent = DateAt(s, 6);
        o.answer_due = DateAt(s, 7);
        if (!s.IsNull(8)) {
          debt::Answer a;
          NABIJ_ASSIGN_OR_RETURN(a.kind, Known(debt::AnswerKindOf(s.TextView(8)), "answer"));
          a.date = DateAt(s, 9);
          a.counter_amount = s.MoneyAt(10);
          o.answer = a;
        }
        c->offers.push_back(o);
        return Status::Ok();
      }));
  NABIJ_RETURN_IF_ERROR(EachChildRow(
      db_,
      "SELECT dossier_id, seq, month, received, amount, source FROM debt_repayments" + where +
          " ORDER BY dossier_id, seq",
      id, dossier, [](const Statement& s, Dossier& d) -> Status {
        debt::Repayment r;
        r.seq = s.Int(1);
        NABIJ_ASSIGN_OR_RETURN(r.month, Month::Parse(s.TextView(2)));
        r.date = DateAt(s, 3);
        r.amount = s.MoneyAt(4);
        NABIJ_ASSIGN_OR_RETURN(r.source, Known(debt::RepaymentSourceOf(s.TextView(5)), "source"));
        d.repayments.push_back(r);
        return Status::Ok();
      }));
  NABIJ_RETURN_IF_ERROR(
      EachChildRow(db_,
                   "SELECT dossier_id, seq, milestone, granted, confirmed_by, amount, clawed_back, "
                   "clawed_back_on FROM "
                   "debt_forgiveness" +
                       where + " ORDER BY dossier_id, seq",
                   id, dossier, [](const Statement& s, Dossier& d) -> Status {
                     debt::Forgiveness f;
                     f.seq = s.Int(1);
                     if (!s.IsNull(2)) {
                       NABIJ_ASSIGN_OR_RETURN(
                           f.milestone, Known(debt::MilestoneKindOf(s.TextView(2)), "milestone"));
                     }
                     f.date = DateAt(s, 3);
                     f.confirmed_by = s.Text(4);
                     f.amount = s.MoneyAt(5);
                     f.clawed_back = s.MoneyAt(6);
                     f.clawed_back_on = DateOrNull(s, 7);
                     d.forgiveness.push_back(std::move(f));
                     return Status::Ok();
                   }));
  return out;
}

Result<Dossier> SqliteDebtStore::LoadDossier(int64_t id) {
  if (id <= 0)
    return Status(ErrorCode::kNotFound, "er is geen schuldendossier " + std::to_string(id),
                  "dossier");
  NABIJ_ASSIGN_OR_RETURN(std::vector<Dossier> one, Load(id));
  return std::move(one.front());
}

Result<std::vector<Dossier>> SqliteDebtStore::LoadDossiers() { return Load(0); }

Result<std::vector<int64_t>> SqliteDebtStore::DossiersOf(const std::string& household_ref) {
  NABIJ_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare("SELECT id FROM debt_dossiers WHERE household_ref = ?1 ORDER BY id"));
  s.BindText(1, household_ref);
  std::vector<int64_t> out;
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(s.Int(0));
  }
  return out;
}

Status SqliteDebtStore::AppendEntry(const ledger::Entry& e) {
  NABIJ_RETURN_IF_ERROR(ledger::Validate(e));
  NABIJ_ASSIGN_OR_RETURN(
      Statement s, db_.Prepare("INSERT INTO ledger_entries (reference, booking_date, description, "
                               "reverses) VALUES (?1, ?2, ?3, ?4) RETURNING id"));
  s.BindText(1, e.reference);
  s.BindDate(2, e.booking_date);
  s.BindText(3, e.description);
  if (e.reverses) {
    s.BindInt(4, static_cast<int64_t>(*e.reverses));
  } else {
    s.BindNull(4);
  }
  auto row = s.Step();
  if (!row.ok()) {
    if (row.error().code() == ErrorCode::kAlreadyExists) {
      return Status(ErrorCode::kAlreadyExists, "boeking " + e.reference + " bestaat al",
                    "reference");
    }
    return row.error();
  }
  NABIJ_CHECK(*row);
  const int64_t entry_id = s.Int(0);
  s.Reset();
  NABIJ_ASSIGN_OR_RETURN(Statement p,
                         db_.Prepare("INSERT INTO ledger_postings (entry_id, seq, account, amount) "
                                     "VALUES (?1, ?2, ?3, ?4)"));
  for (size_t i = 0; i < e.postings.size(); ++i) {
    p.BindInt(1, entry_id);
    p.BindInt(2, static_cast<int64_t>(i + 1));
    p.BindText(3, e.postings[i].account);
    p.BindMoney(4, e.postings[i].amount);
    NABIJ_RETURN_IF_ERROR(p.Run());
    p.Reset();
  }
  return Status::Ok();
}

Status SqliteDebtStore::Save(const std::vector<Dossier>& dossiers,
                             const std::vector<ledger::Entry>& entries) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  for (const Dossier& d : dossiers) {
    NABIJ_ASSIGN_OR_RETURN(
        Statement s,
        db_.Prepare(std::string("UPDATE debt_dossiers SET version = version + 1, (") +
                    kDossierColumns +
                    ") = (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
                    "?19, ?20, ?21, ?22, ?23) WHERE id = ?1 AND version = ?2"));
    s.BindInt(1, d.id);
    s.BindInt(2, d.version);
    BindDossier(s, 3, d);
    NABIJ_RETURN_IF_ERROR(s.Run());
    if (sqlite3_changes(db_.handle()) == 0) {
      NABIJ_ASSIGN_OR_RETURN(Statement exists,
                             db_.Prepare("SELECT 1 FROM debt_dossiers WHERE id = ?1"));
      exists.BindInt(1, d.id);
      NABIJ_ASSIGN_OR_RETURN(bool found, exists.Step());
      if (!found)
        return Status(ErrorCode::kNotFound, "er is geen schuldendossier " + std::to_string(d.id),
                      "dossier");
      return Status(ErrorCode::kConflict,
                    "dossier " + std::to_string(d.id) +
                        " is intussen door iemand anders gewijzigd; laad het opnieuw",
                    "version");
    }
    NABIJ_RETURN_IF_ERROR(WriteChildren(d));
  }
  for (const ledger::Entry& e : entries) NABIJ_RETURN_IF_ERROR(AppendEntry(e));
  return tx.Commit();
}

Status SqliteDebtStore::AddTasks(const std::vector<debt::OutreachTask>& tasks) {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kImmediate));
  NABIJ_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare("INSERT INTO debt_tasks (source, sector, household_ref, signal_date, "
                  "arrears, months, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  for (size_t i = 0; i < tasks.size(); ++i) {
    const debt::ArrearsSignal& g = tasks[i].signal;
    s.BindText(1, g.source);
    s.BindText(2, debt::SignalSectorName(g.sector));
    s.BindText(3, g.household_ref);
    s.BindDate(4, g.date);
    s.BindMoney(5, g.arrears);
    s.BindInt(6, g.months);
    s.BindDate(7, tasks[i].created);
    Status st = s.Run();
    if (!st.ok()) {
      const std::string field = "tasks[" + std::to_string(i) + "]";
      if (st.code() == ErrorCode::kAlreadyExists) {
        return Status(ErrorCode::kAlreadyExists,
                      "signaal " + std::to_string(i) + " is al eerder ingelezen", field);
      }
      return Status(st.code(), st.message(), field);
    }
    s.Reset();
  }
  return tx.Commit();
}

Result<std::vector<debt::OutreachTask>> SqliteDebtStore::Tasks() {
  NABIJ_ASSIGN_OR_RETURN(
      Statement s, db_.Prepare("SELECT id, source, sector, household_ref, signal_date, arrears, "
                               "months, created FROM debt_tasks ORDER BY id"));
  std::vector<debt::OutreachTask> out;
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    debt::OutreachTask t;
    t.id = s.Int(0);
    t.signal.source = s.Text(1);
    NABIJ_ASSIGN_OR_RETURN(t.signal.sector, Known(debt::SignalSectorOf(s.TextView(2)), "sector"));
    t.signal.household_ref = s.Text(3);
    t.signal.date = DateAt(s, 4);
    t.signal.arrears = s.MoneyAt(5);
    t.signal.months = static_cast<int>(s.Int(6));
    t.created = DateAt(s, 7);
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<ledger::Entry>> SqliteDebtStore::Entries() {
  NABIJ_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_, Transaction::Mode::kDeferred));
  std::vector<ledger::Entry> out;
  std::map<int64_t, size_t> index;
  {
    NABIJ_ASSIGN_OR_RETURN(
        Statement s, db_.Prepare("SELECT id, reference, booking_date, description, reverses FROM "
                                 "ledger_entries WHERE reference GLOB 'debt:*' ORDER BY id"));
    for (;;) {
      NABIJ_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      ledger::Entry e;
      e.id = static_cast<uint64_t>(s.Int(0));
      e.reference = s.Text(1);
      e.booking_date = DateAt(s, 2);
      e.description = s.Text(3);
      if (!s.IsNull(4)) e.reverses = static_cast<uint64_t>(s.Int(4));
      index[s.Int(0)] = out.size();
      out.push_back(std::move(e));
    }
  }
  NABIJ_ASSIGN_OR_RETURN(
      Statement p, db_.Prepare("SELECT p.entry_id, p.account, p.amount FROM ledger_postings p "
                               "JOIN ledger_entries e ON e.id = p.entry_id WHERE e.reference GLOB "
                               "'debt:*' ORDER BY p.entry_id, p.seq"));
  for (;;) {
    NABIJ_ASSIGN_OR_RETURN(bool row, p.Step());
    if (!row) break;
    auto it = index.find(p.Int(0));
    if (it == index.end()) continue;
    out[it->second].postings.push_back({p.Text(1), p.MoneyAt(2)});
  }
  return out;
}

}  // namespace nabij::store
