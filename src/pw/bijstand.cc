#include "pw/bijstand.h"

#include <string>

namespace nabij::pw {
namespace {

using rules::Trace;

template <typename T>
void Step(Trace* t, std::string label, Money amount, const Fixed<T>& f, std::string detail = {}) {
  if (t != nullptr && f.present()) t->Param(std::move(label), amount, *f.param, *f.source, std::move(detail));
}

std::string Cite(const Fixed<Money>& f) { return f.present() ? f.source->basis.Cite() : std::string(); }

bool AtLeast(Date birth, Date born_by) { return birth <= born_by; }

// Pw art. 19a lid 1: does this housemate count as kostendelende medebewoner?
bool CountsAsKostendeler(const Params& p, const Housemate& h) {
  if (!AtLeast(h.birth, p.born_by_27_kdm)) return false;                          // 27 or older
  if (h.commercial_contract && h.relation == Relation::kNone) return false;       // onder b
  if (h.third_party_contract) return false;                                       // onder c
  if (h.education != Education::kNone) return false;                              // onder d
  return true;
}

// Pw art. 22a lid 1: ((40 % + A × 30 %) / A) × B, rounded half-up to the cent.
Money KostendelersNorm(const Params& p, int a, const Fixed<Money>& b, Trace* t, const std::string& who) {
  const Ratio basis = p.kdm_basis.value;
  const Ratio per = p.kdm_per_persoon.value;
  int64_t num = basis.num() * per.den() + a * per.num() * basis.den();
  int64_t den = basis.den() * per.den() * a;
  Money norm = MulDiv(b.value, num, den, Rounding::kHalfUp);
  if (t != nullptr) {
    if (t != nullptr) Step(t, "B: gehuwdennorm voor " + who, b.value, b);
    t->Formula("Kostendelersnorm " + who, norm, "pw.formule.kostendelersnorm", "Pw art. 22a lid 1",
               "(" + basis.ToPercentString() + " + " + std::to_string(a) + " × " + per.ToPercentString() + ") / " +
                   std::to_string(a) + " × " + FormatEuro(b.value));
  }
  return norm;
}

// The B of art. 22a lid 1 for a spouse (or a single person when `other` is null).
const Fixed<Money>& CoupleNormFor(const Params& p, const Adult& self, const Adult* other) {
  if (AtLeast(self.birth, p.born_by_aow)) return p.gehuwden_aow;                        // 22 onder b
  if (other != nullptr && AtLeast(other->birth, p.born_by_aow)) return p.gehuwden_een_aow;  // 22 onder c
  return p.gehuwden_21_tot_aow;                                                        // 21 onder b
}

struct NormOutcome {
  Money norm;
  Money couple_norm;  // the norm if both spouses had a right, for Pw art. 32 lid 3
};

// The norm of Pw art. 20-24 for the household, the couple norm for art. 32 lid 3.
NormOutcome Norm(const Params& p, const CaseInput& in, int kdm, Decision& d, Trace* t) {
  const bool kids = in.children > 0;
  const Adult& app = in.applicant;
  const bool app21 = AtLeast(app.birth, p.born_by_21);
  const bool app_aow = AtLeast(app.birth, p.born_by_aow);
  d.leefvorm = in.has_partner ? (kids ? Leefvorm::kGehuwdenMetKinderen : Leefvorm::kGehuwden)
                              : (kids ? Leefvorm::kAlleenstaandeOuder : Leefvorm::kAlleenstaande);
  if (t != nullptr) {
    t->Note("Leefvorm: " + std::string(LeefvormName(d.leefvorm)), "pw.leefvorm", "Pw art. 4",
            in.has_partner ? "gehuwden of samenwonenden" : "geen partner");
  }
  if (in.in_inrichting) {
    // Pw art. 23 lid 1 and lid 2.
    const Fixed<Money>& base = in.has_partner ? p.inrichting_gehuwden : p.inrichting_alleenstaande;
    Money norm = base.value;
    if (t != nullptr) Step(t, "Norm bij verblijf in een inrichting", base.value, base);
    if (in.inrichting_verhoging) {
      const Fixed<Money>& up = in.has_partner ? p.inrichting_verhoging_gehuwden : p.inrichting_verhoging_alleenstaande;
      norm += up.value;
      if (t != nullptr) Step(t, "Verhoging bij verblijf in een inrichting", up.value, up);
    }
    return {norm, norm};
  }
  if (!in.has_partner) {
    if (!app21) {
      // Pw art. 20 lid 1 onder a / lid 2 onder a, and the supplement of lid 3.
      const Fixed<Money>& base = kids ? p.alleenstaande_ouder_18_20 : p.alleenstaande_18_20;
      Money norm = base.value;
      if (t != nullptr) Step(t, kids ? "Norm alleenstaande ouder 18 tot 21 jaar" : "Norm alleenstaande 18 tot 21 jaar", norm, base);
      if (in.parents_cannot_support && p.verhoging_jongere_geen_onderhoud.present()) {
        norm += p.verhoging_jongere_geen_onderhoud.value;
        if (t != nullptr) Step(t, "Verhoging: ouders kunnen niet in het onderhoud voorzien", p.verhoging_jongere_geen_onderhoud.value,
             p.verhoging_jongere_geen_onderhoud);
      }
      return {norm, norm};
    }
    if (kdm > 0) {
      d.a = static_cast<uint8_t>(kdm + 1);
      Money norm = KostendelersNorm(p, d.a, CoupleNormFor(p, app, nullptr), t, "de aanvrager");
      return {norm, norm};
    }
    const Fixed<Money>& base = app_aow ? p.alleenstaande_aow : p.alleenstaande_21_tot_aow;
    if (t != nullptr) Step(t, app_aow ? "Norm alleenstaande (ouder), AOW-leeftijd" : "Norm alleenstaande (ouder), 21 jaar tot AOW-leeftijd",
         base.value, base);
    return {base.value, base.value};
  }

  const Adult& par = in.partner;
  const bool par21 = AtLeast(par.birth, p.born_by_21);
  const bool par_aow = AtLeast(par.birth, p.born_by_aow);
  NormOutcome out;
  // The norm as if both spouses had a right (art. 20-22a).
  if (!app21 && !par21) {
    const Fixed<Money>& base = kids ? p.gehuwden_18_20_met_kinderen : p.gehuwden_18_20;
    if (t != nullptr) Step(t, "Norm gehuwden, beiden 18 tot 21 jaar", base.value, base);
    out.couple_norm = base.value;
  } else if (kdm > 0 && app21 != par21) {
    // Pw art. 22a lid 3: a fixed part for the younger spouse plus the older's kostendelersnorm.
    const Adult& older = app21 ? app : par;
    const Fixed<Money>& young = kids ? p.kdm_jongere_partner_met_kinderen : p.kdm_jongere_partner_zonder_kinderen;
    d.a = static_cast<uint8_t>(kdm + 1);
    if (t != nullptr) Step(t, "Deel voor de partner van 18 tot 21 jaar", young.value, young);
    out.couple_norm = young.value + KostendelersNorm(p, d.a, CoupleNormFor(p, older, nullptr), t,
                                                     "de partner van 21 jaar of ouder");
  } else if (kdm > 0) {
    // Pw art. 22a lid 2: the sum of the norms of each spouse.
    d.a = static_cast<uint8_t>(kdm + 2);
    Money a_norm = KostendelersNorm(p, d.a, CoupleNormFor(p, app, &par), t, "de aanvrager");
    Money p_norm = KostendelersNorm(p, d.a, CoupleNormFor(p, par, &app), t, "de partner");
    out.couple_norm = a_norm + p_norm;
    if (t != nullptr) {
      t->Formula("Norm gehuwden: som van beide kostendelersnormen", out.couple_norm, "pw.formule.kostendelersnorm_gehuwden",
                 "Pw art. 22a lid 2");
    }
    if (!par.entitled) {
      // Pw art. 22a lid 2 with art. 24: only the spouse with a right has a norm.
      if (t != nullptr) {
        t->Formula("Norm: alleen de partner met recht op bijstand telt", a_norm, "pw.formule.art24_kostendelers",
                   "Pw art. 24 lid 1");
      }
      return {a_norm, out.couple_norm};
    }
    return {out.couple_norm, out.couple_norm};
  } else if (app_aow || par_aow) {
    // Pw art. 22 onder b (both at AOW age) or onder c (one of them), whatever the other's age.
    const Fixed<Money>& base = (app_aow && par_aow) ? p.gehuwden_aow : p.gehuwden_een_aow;
    if (t != nullptr) Step(t, "Norm gehuwden, AOW-leeftijd", base.value, base);
    out.couple_norm = base.value;
  } else if (app21 != par21) {
    // Pw art. 20 lid 1 onder c / lid 2 onder c.
    const Fixed<Money>& base = kids ? p.gehuwden_18_20_en_21plus_met_kinderen : p.gehuwden_18_20_en_21plus;
    if (t != nullptr) Step(t, "Norm gehuwden, één partner 18 tot 21 jaar", base.value, base);
    out.couple_norm = base.value;
  } else {
    // Pw art. 21 onder b.
    if (t != nullptr) Step(t, "Norm gehuwden, 21 jaar tot AOW-leeftijd", p.gehuwden_21_tot_aow.value, p.gehuwden_21_tot_aow);
    out.couple_norm = p.gehuwden_21_tot_aow.value;
  }
  out.norm = out.couple_norm;
  if (!par.entitled) {
    // Pw art. 24 lid 1: 50 % of the couple norm for the entitled spouse's age.
    const Fixed<Money>& base = app21 ? CoupleNormFor(p, app, &par)
                                     : (kids ? p.gehuwden_18_20_met_kinderen : p.gehuwden_18_20);
    out.norm = MulDiv(base.value, p.art24.value, Rounding::kHalfUp);
    if (t != nullptr) {
      if (t != nullptr) Step(t, "Percentage voor een partner zonder recht op bijstand", out.norm, p.art24,
           p.art24.value.ToPercentString() + " × " + FormatEuro(base.value) + " (" + Cite(base) + ")");
    }
  }
  return out;
}

void AddPeriodEnd(Decision& d, VrijlatingRule rule, bool partner, Month month, int64_t months_left) {
  if (d.period_end_count < d.period_ends.size()) {
    d.period_ends[d.period_end_count++] = PeriodEnd{rule, partner, month.Add(static_cast<int>(months_left))};
  }
}

Money Capped(Money income, const Fixed<Ratio>& pct, const Fixed<Money>& max) {
  // "tot 25 procent": rounded down so the share never exceeds the percentage.
  return Min(max.value, MulDiv(income, pct.value, Rounding::kDown));
}

// The vrijlating of income from work under Pw art. 31 lid 2 onder n, r, y, z, aa.
Money VrijlatingArt31(const Params& p, const CaseInput& in, const Adult& a, bool is_partner, Decision& d,
                      PersonMeans& pm, Trace* t) {
  const Money w = a.work_income;
  const bool age27 = AtLeast(a.birth, p.born_by_27_vrijlating);
  const bool aow = AtLeast(a.birth, p.born_by_aow);
  const Periods& per = a.periods;
  const std::string who = is_partner ? " (partner)" : "";
  // onder n: 25 %, capped, six months below AOW age; not under 27 (lid 5).
  bool in_n = per.n_month >= 1 && per.n_month <= p.n_maanden.value;
  if (age27 && (aow || in_n)) {
    pm.rule = VrijlatingRule::kN;
    Money v = Capped(w, p.n_pct, p.n_max);
    if (t != nullptr) Step(t, "Vrijlating inkomsten uit arbeid" + who, v, p.n_max,
         p.n_pct.value.ToPercentString() + " van " + FormatEuro(w) + ", ten hoogste " + FormatEuro(p.n_max.value));
    if (!aow) AddPeriodEnd(d, VrijlatingRule::kN, is_partner, in.month, p.n_maanden.value - per.n_month);
    return v;
  }
  if (t != nullptr && per.n_month > 0 && !age27) {
    if (t != nullptr) Step(t, "Geen vrijlating onder n: jonger dan 27 jaar" + who, Money::Zero(), p.vrijlating_minimumleeftijd);
  } else if (t != nullptr && per.n_month > p.n_maanden.value && !aow) {
    if (t != nullptr) Step(t, "Periode van de vrijlating onder n is voorbij" + who, Money::Zero(), p.n_maanden);
  }
  // onder y, z, aa: 15 %, capped; they do not apply while n applies.
  Money best;
  const Fixed<Money>* best_max = nullptr;
  if (a.medisch_urenbeperkt) {
    Money v = Capped(w, p.y_pct, p.y_max);
    if (best_max == nullptr || v > best) best = v, best_max = &p.y_max, pm.rule = VrijlatingRule::kY;
  }
  bool in_z = a.doelgroep_lks && per.z_month >= 1 && per.z_month <= p.z_maanden.value;
  if (in_z) {
    Money v = Capped(w, p.z_pct, p.z_max);
    if (best_max == nullptr || v > best) best = v, best_max = &p.z_max, pm.rule = VrijlatingRule::kZ;
    AddPeriodEnd(d, VrijlatingRule::kZ, is_partner, in.month, p.z_maanden.value - per.z_month);
  } else if (a.doelgroep_lks && per.aa) {
    Money v = Capped(w, p.aa_pct, p.aa_max);
    if (best_max == nullptr || v > best) best = v, best_max = &p.aa_max, pm.rule = VrijlatingRule::kAa;
  }
  if (best_max != nullptr) {
    if (t != nullptr) Step(t, "Vrijlating inkomsten uit arbeid, " + std::string(VrijlatingRuleName(pm.rule)) + who, best, *best_max,
         "15 % van " + FormatEuro(w) + ", ten hoogste " + FormatEuro(best_max->value));
    return best;
  }
  // onder r: single parent with a child under 12, after the n period, 12.5 %, capped, 30 months.
  bool child_under_12 =
      in.children > 0 && in.youngest_child_birth > in.month.first_day().AddYears(-static_cast<int>(p.r_leeftijd_kind.value));
  bool in_r = per.r_month >= 1 && per.r_month <= p.r_maanden.value;
  if (!in.has_partner && child_under_12 && age27 && in_r) {
    pm.rule = VrijlatingRule::kR;
    Money v = Capped(w, p.r_pct, p.r_max);
    if (t != nullptr) Step(t, "Vrijlating alleenstaande ouder" + who, v, p.r_max,
         p.r_pct.value.ToPercentString() + " van " + FormatEuro(w) + ", ten hoogste " + FormatEuro(p.r_max.value));
    AddPeriodEnd(d, VrijlatingRule::kR, is_partner, in.month, p.r_maanden.value - per.r_month);
    return v;
  }
  return Money::Zero();
}

// The part of income from work that is not set off under Pw art. 34a (Participatiewet in balans).
Money VrijlatingInBalans(const Params& p, const CaseInput& in, const Adult& a, bool is_partner, Decision& d,
                         PersonMeans& pm, Trace* t) {
  const Money w = a.work_income;
  const std::string who = is_partner ? " (partner)" : "";
  if (AtLeast(a.birth, p.born_by_aow)) {
    // Pw art. 34a lid 1 onder c: AOW age, 25 % up to the maximum.
    pm.rule = VrijlatingRule::kPibC;
    Money v = Capped(w, p.pib_aow_pct, p.pib_aow_max);
    if (t != nullptr) Step(t, "Niet verrekende inkomsten uit arbeid, AOW-leeftijd" + who, v, p.pib_aow_max,
         p.pib_aow_pct.value.ToPercentString() + " van " + FormatEuro(w) + ", ten hoogste " +
             FormatEuro(p.pib_aow_max.value));
    return v;
  }
  Money best;
  bool in_a = (a.periods.pib_month >= 1 && a.periods.pib_month <= p.pib_maanden.value) || a.periods.pib_extended;
  if (in_a) {
    // Pw art. 34a lid 1 onder a: 15 % without a maximum, at most 12 months (lid 2: extendable).
    pm.rule = VrijlatingRule::kPibA;
    best = MulDiv(w, p.pib_pct.value, Rounding::kDown);
    if (t != nullptr) Step(t, "Niet verrekende inkomsten uit arbeid" + who, best, p.pib_pct,
         p.pib_pct.value.ToPercentString() + " van " + FormatEuro(w) + ", geen maximum");
    if (!a.periods.pib_extended) {
      AddPeriodEnd(d, VrijlatingRule::kPibA, is_partner, in.month, p.pib_maanden.value - a.periods.pib_month);
    }
  }
  if (a.medisch_urenbeperkt) {
    // Pw art. 34a lid 1 onder b: medisch urenbeperkt, 15 %, no time limit.
    Money v = MulDiv(w, p.pib_urenbeperkt_pct.value, Rounding::kDown);
    if (v > best || pm.rule == VrijlatingRule::kNone) {
      best = v;
      pm.rule = VrijlatingRule::kPibB;
      if (t != nullptr) Step(t, "Niet verrekende inkomsten uit arbeid, medisch urenbeperkt" + who, v, p.pib_urenbeperkt_pct);
    }
  }
  return best;
}

// The means of one adult (Pw art. 31-34a).
PersonMeans Means(const Params& p, const CaseInput& in, const Adult& a, bool is_partner, bool in_balans,
                  Decision& d, Trace* t) {
  PersonMeans pm;
  pm.work_income = a.work_income;
  const std::string who = is_partner ? " (partner)" : "";
  if (t != nullptr && a.work_income > Money::Zero()) {
    t->Formula("Netto inkomsten uit arbeid" + who, a.work_income, "pw.middelen.arbeid", "Pw art. 31 lid 3");
  }
  if (a.work_income > Money::Zero()) {
    pm.vrijlating = in_balans ? VrijlatingInBalans(p, in, a, is_partner, d, pm, t)
                              : VrijlatingArt31(p, in, a, is_partner, d, pm, t);
  }
  if (a.premie > Money::Zero()) {
    // Pw art. 31 lid 2 onder j, with lid 5: not under 27 unless in the loonkostensubsidie group.
    if (AtLeast(a.birth, p.born_by_27_vrijlating) || a.doelgroep_lks) {
      pm.premie_vrij = Min(a.premie, Max(Money::Zero(), p.j_max_per_jaar.value - a.premie_earlier));
    }
    if (t != nullptr) Step(t, "Premie vrijgelaten" + who, pm.premie_vrij, p.j_max_per_jaar,
         "van " + FormatEuro(a.premie) + "; eerder dit jaar vrijgelaten " + FormatEuro(a.premie_earlier));
  }
  if (a.giften > Money::Zero()) {
    // Pw art. 31 lid 2 onder m: from 2026 a yearly amount in law; before, the municipality's policy.
    const Fixed<Money>& cap = p.giften_vrij_per_jaar.present() ? p.giften_vrij_per_jaar : p.giften_gemeentelijk_per_jaar;
    if (cap.present()) pm.giften_vrij = Min(a.giften, Max(Money::Zero(), cap.value - a.giften_earlier));
    if (t != nullptr) Step(t, "Giften vrijgelaten" + who, pm.giften_vrij, cap,
         "van " + FormatEuro(a.giften) + "; eerder dit jaar vrijgelaten " + FormatEuro(a.giften_earlier));
  }
  if (t != nullptr && a.other_income > Money::Zero()) {
    t->Formula("Overige netto inkomsten" + who, a.other_income, "pw.middelen.overig", "Pw art. 31 lid 1");
  }
  pm.counted = a.work_income - pm.vrijlating + (a.premie - pm.premie_vrij) + (a.giften - pm.giften_vrij) + a.other_income;
  return pm;
}

}  // namespace

std::string_view LeefvormName(Leefvorm l) {
  switch (l) {
    case Leefvorm::kAlleenstaande: return "alleenstaande";
    case Leefvorm::kAlleenstaandeOuder: return "alleenstaande ouder";
    case Leefvorm::kGehuwden: return "gehuwden";
    case Leefvorm::kGehuwdenMetKinderen: return "gehuwden met kinderen";
  }
  return "?";
}

std::string_view VrijlatingRuleName(VrijlatingRule r) {
  switch (r) {
    case VrijlatingRule::kNone: return "geen";
    case VrijlatingRule::kN: return "art. 31 lid 2 onder n";
    case VrijlatingRule::kR: return "art. 31 lid 2 onder r";
    case VrijlatingRule::kY: return "art. 31 lid 2 onder y";
    case VrijlatingRule::kZ: return "art. 31 lid 2 onder z";
    case VrijlatingRule::kAa: return "art. 31 lid 2 onder aa";
    case VrijlatingRule::kPibA: return "art. 34a lid 1 onder a";
    case VrijlatingRule::kPibB: return "art. 34a lid 1 onder b";
    case VrijlatingRule::kPibC: return "art. 34a lid 1 onder c";
  }
  return "?";
}

Result<Decision> Calculate(const Params& p, const CaseInput& in, Trace* t, Options options) {
  if (!(in.month == p.month)) {
    return InvalidArgument("the household is for " + in.month.ToString() + ", the rules snapshot for " +
                           p.month.ToString(), "month");
  }
  if (!AtLeast(in.applicant.birth, p.born_by_18)) {
    return Status(ErrorCode::kFailedPrecondition, "the applicant is younger than 18: no right to algemene bijstand",
                  "members", "Pw art. 13 lid 3");
  }
  if (in.has_partner && !AtLeast(in.partner.birth, p.born_by_18)) {
    return Status(ErrorCode::kUnimplemented, "a partner younger than 18 is not calculated by nabij", "members",
                  "Pw art. 13 lid 3");
  }
  Decision d;
  d.in_balans = options.regime == Regime::kInBalans || (options.regime == Regime::kByDate && p.in_balans_by_date);
  if (d.in_balans && !(p.pib_pct.present() && p.pib_aow_pct.present() && p.pib_aow_max.present() &&
                       p.pib_maanden.present() && p.pib_urenbeperkt_pct.present())) {
    return Status(ErrorCode::kRuleMissing, "the rules of the Participatiewet in balans have no figures in " +
                  p.month.ToString(), "regime", "Pw art. 34a");
  }

  // Pw art. 19a and 22a lid 4: who counts as kostendelende medebewoner.
  int kdm = 0;
  for (int i = 0; i < in.housemate_count; ++i) kdm += CountsAsKostendeler(p, in.housemates[static_cast<size_t>(i)]) ? 1 : 0;
  if (in.mantelzorg_elsewhere) kdm = 0;
  d.kostendelers = static_cast<uint8_t>(kdm);
  if (t != nullptr && in.housemate_count > 0) {
    t->Note("Kostendelende medebewoners: " + std::to_string(kdm) + " van " + std::to_string(in.housemate_count) +
                " medebewoners", "pw.kostendelers.telling", in.mantelzorg_elsewhere ? "Pw art. 22a lid 4" : "Pw art. 19a lid 1",
            "telt mee: 27 jaar of ouder, geen student of bbl'er, geen commerciële huurder of kostganger "
            "(tenzij familie in de eerste of tweede graad)");
  }

  NormOutcome norm = Norm(p, in, kdm, d, t);
  d.norm = norm.norm;
  if (t != nullptr) t->Formula("Norm (inclusief vakantietoeslag)", d.norm, "pw.norm", "Pw art. 20-24");

  d.applicant = Means(p, in, in.applicant, false, d.in_balans, d, t);
  d.counted_income = d.applicant.counted;
  d.vrijlating = d.applicant.vrijlating + d.applicant.premie_vrij + d.applicant.giften_vrij;
  if (in.has_partner) {
    d.partner = Means(p, in, in.partner, true, d.in_balans, d, t);
    d.vrijlating += d.partner.vrijlating + d.partner.premie_vrij + d.partner.giften_vrij;
    if (in.partner.entitled) {
      d.counted_income += d.partner.counted;
    } else {
      // Pw art. 32 lid 3: the income of a spouse without a right counts only insofar as the
      // couple's income with the bijstand would exceed the couple norm.
      Money room = norm.couple_norm - norm.norm;
      Money counted = Max(Money::Zero(), d.partner.counted - room);
      if (t != nullptr) {
        t->Formula("Inkomen van de partner zonder recht op bijstand, voor zover boven " + FormatEuro(room), counted,
                   "pw.middelen.art32_lid3", "Pw art. 32 lid 3");
      }
      d.partner.counted = counted;
      d.counted_income += counted;
    }
  }
  if (t != nullptr) t->Formula("Middelen die meetellen", d.counted_income, "pw.middelen", "Pw art. 31 lid 1");

  // Pw art. 34: vermogen above the limit; art. 34 lid 2 onder d: equity in the own home.
  const Fixed<Money>& grens = in.has_partner ? p.vermogen_gehuwden
                              : in.children > 0 ? p.vermogen_alleenstaande_ouder
                                                : p.vermogen_alleenstaande;
  d.vermogensgrens = grens.value;
  d.vermogen_boven_grens = in.vermogen > grens.value;
  if (t != nullptr && (in.vermogen > Money::Zero() || d.vermogen_boven_grens)) {
    if (t != nullptr) Step(t, d.vermogen_boven_grens ? "Vermogen boven de grens: geen recht op bijstand" : "Vermogen onder de grens",
         in.vermogen, grens);
  }
  d.eigen_woning_boven_grens = in.eigen_woning_vermogen > p.vermogen_eigen_woning.value;
  if (t != nullptr && d.eigen_woning_boven_grens) {
    if (t != nullptr) Step(t, "Vermogen in de eigen woning boven de grens: bijstand kan als geldlening (Pw art. 50)",
         in.eigen_woning_vermogen, p.vermogen_eigen_woning);
  }

  // Pw art. 19 lid 2: bijstand = norm − means, never below zero.
  d.bijstand = d.vermogen_boven_grens ? Money::Zero() : Max(Money::Zero(), d.norm - d.counted_income);
  // Pw art. 19 lid 3: the vakantietoeslag is a share of the bijstand, rounded half-up.
  d.vakantietoeslag = MulDiv(d.bijstand, p.vakantietoeslag.value, Rounding::kHalfUp);
  d.bijstand_excl_vt = d.bijstand - d.vakantietoeslag;
  if (t != nullptr) {
    t->Formula("Bijstand per maand: norm − middelen, niet lager dan nul", d.bijstand, "pw.bijstand", "Pw art. 19 lid 2",
               FormatEuro(d.norm) + " − " + FormatEuro(d.counted_income));
    if (t != nullptr) Step(t, "Waarvan vakantietoeslag (wordt in juni uitbetaald)", d.vakantietoeslag, p.vakantietoeslag,
         p.vakantietoeslag.value.ToPercentString() + " van " + FormatEuro(d.bijstand));
    t->Formula("Bijstand per maand zonder vakantietoeslag", d.bijstand_excl_vt, "pw.bijstand_excl_vt", "Pw art. 19 lid 3");
    for (int i = 0; i < d.period_end_count; ++i) {
      const PeriodEnd& e = d.period_ends[static_cast<size_t>(i)];
      t->Note("Vrijlating " + std::string(VrijlatingRuleName(e.rule)) + (e.partner ? " (partner)" : "") +
                  " geldt tot en met " + e.last_month.ToString(),
              "pw.vrijlating.periode", "Pw " + std::string(VrijlatingRuleName(e.rule)));
    }
  }
  return d;
}

}  // namespace nabij::pw
