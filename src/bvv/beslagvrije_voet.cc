#include "bvv/beslagvrije_voet.h"

#include <string>
#include <string_view>
#include <utility>

namespace nabij::bvv {
namespace {

// Parameter ids in rules/.
constexpr std::string_view kIdMaxAlleenstaande = "rv.bvv.maximum.alleenstaande";
constexpr std::string_view kIdMaxAlleenstaandeOuder = "rv.bvv.maximum.alleenstaande_ouder";
constexpr std::string_view kIdMaxGehuwdenZonder = "rv.bvv.maximum.gehuwden_zonder_kinderen";
constexpr std::string_view kIdMaxGehuwdenMet = "rv.bvv.maximum.gehuwden_met_kinderen";
constexpr std::string_view kIdPercentageInkomen = "rv.bvv.percentage_inkomen";
constexpr std::string_view kIdGeenWoonadres = "rv.bvv.geen_woonadres.percentage";
constexpr std::string_view kIdNormGehuwden = "pw.norm.gehuwden_21_tot_aow";
constexpr std::string_view kIdVerminderingEchtgenootMaximum = "rv.bvv.vermindering_echtgenoot.maximum";

// Formula steps defined in code.
constexpr std::string_view kIdFormule = "rv.bvv.formule";
constexpr std::string_view kIdFormuleMetMaximum = "rv.bvv.formule_met_maximum";
constexpr std::string_view kIdBijstand = "rv.bvv.bijstand";
constexpr std::string_view kIdGrens95 = "rv.bvv.grens_95_procent_inkomen";
constexpr std::string_view kIdMaximaalBeslag = "rv.bvv.maximaal_beslag";
constexpr std::string_view kIdVerminderingEigen = "rv.bvv.vermindering.eigen_inkomen";
constexpr std::string_view kIdVerminderingAuto = "rv.bvv.vermindering.loonbelasting_auto";

// Rv art. 475da lid 2 needs figures of other laws that rules/ does not hold yet.
constexpr std::string_view kFormuleNietBerekend =
    "nabij berekent de beslagvrije voet volgens de formule van Rv art. 475da lid 2 (nog) niet: "
    "daarvoor zijn de parameters van zorgtoeslag (drempelinkomen, percentage, standaardpremie), "
    "huurtoeslag (normhuur, basishuur, rekenhuur) en kindgebonden budget nodig, en die heeft "
    "nabij nog niet uit de bron overgenomen. Geef de uitkomst van de formule mee als "
    "formule_uitkomst. / nabij does not compute the beslagvrije voet by the formula of Rv art. "
    "475da lid 2 (yet): it needs zorgtoeslag, huurtoeslag and kindgebonden-budget parameters "
    "that nabij has not sourced. Pass the formula's result as formule_uitkomst.";

// The fixed citation forms used in this file.
constexpr std::string_view kRv475bLid1 = "Rv art. 475b lid 1";
constexpr std::string_view kRv475daLid1 = "Rv art. 475da lid 1";
constexpr std::string_view kRv475daLid2 = "Rv art. 475da lid 2";
constexpr std::string_view kRv475daLid4 = "Rv art. 475da lid 4";
constexpr std::string_view kRv475dbLid1a = "Rv art. 475db lid 1 onder a";
constexpr std::string_view kRv475dbLid1b = "Rv art. 475db lid 1 onder b";
constexpr std::string_view kRv475dbLid1c = "Rv art. 475db lid 1 onder c";
constexpr std::string_view kRv475dcLid1 = "Rv art. 475dc lid 1";
constexpr std::string_view kRv475dcLid2 = "Rv art. 475dc lid 2";
constexpr std::string_view kPw21OnderB = "Pw art. 21 onder b";

std::string_view HuishoudenNaam(Huishouden h) {
  switch (h) {
    case Huishouden::kAlleenstaande:
      return "alleenstaande";
    case Huishouden::kAlleenstaandeOuder:
      return "alleenstaande ouder";
    case Huishouden::kGehuwdenZonderKinderen:
      return "gehuwden zonder kinderen";
    case Huishouden::kGehuwdenMetKinderen:
      return "gehuwden met kinderen";
  }
  return "?";
}

bool KnownHuishouden(Huishouden h) {
  switch (h) {
    case Huishouden::kAlleenstaande:
    case Huishouden::kAlleenstaandeOuder:
    case Huishouden::kGehuwdenZonderKinderen:
    case Huishouden::kGehuwdenMetKinderen:
      return true;
  }
  return false;
}

struct MaximumRef {
  const Fixed<Money>* fixed;
  std::string_view id;
};

MaximumRef MaximumFor(const Params& p, Huishouden h) {
  switch (h) {
    case Huishouden::kAlleenstaande:
      return {&p.maximum_alleenstaande, kIdMaxAlleenstaande};
    case Huishouden::kAlleenstaandeOuder:
      return {&p.maximum_alleenstaande_ouder, kIdMaxAlleenstaandeOuder};
    case Huishouden::kGehuwdenZonderKinderen:
      return {&p.maximum_gehuwden_zonder_kinderen, kIdMaxGehuwdenZonder};
    case Huishouden::kGehuwdenMetKinderen:
      return {&p.maximum_gehuwden_met_kinderen, kIdMaxGehuwdenMet};
  }
  return {nullptr, {}};
}

// --- validation -----------------------------------------------------------------------------

Status CheckInputAmount(Money m, std::string_view field) {
  if (m < Money::Zero()) {
    return InvalidArgument("amount must not be negative, got " + FormatEuro(m), std::string(field));
  }
  return Status::Ok();
}

Status CheckParamAmount(const Fixed<Money>& f, std::string_view id, std::string_view cite) {
  if (f.value < Money::Zero()) {
    return Status(ErrorCode::kFailedPrecondition,
                  "parameter must not be negative, got " + FormatEuro(f.value), std::string(id),
                  std::string(cite));
  }
  return Status::Ok();
}

// A percentage that is applied to an income must lie in 0-100 %: above 100 % the debtor would
// keep more than the income, and MulDiv could leave the int64 range.
Status CheckPercentage(const Fixed<Ratio>& f, std::string_view id, std::string_view cite) {
  if (f.value.num() < 0 || f.value.num() > f.value.den()) {
    return Status(ErrorCode::kFailedPrecondition,
                  "percentage must lie between 0 % and 100 %, got " + f.value.ToPercentString(),
                  std::string(id), std::string(cite));
  }
  return Status::Ok();
}

Status CheckParams(const Params& p) {
  NABIJ_RETURN_IF_ERROR(
      CheckParamAmount(p.maximum_alleenstaande, kIdMaxAlleenstaande, kRv475daLid1));
  NABIJ_RETURN_IF_ERROR(
      CheckParamAmount(p.maximum_alleenstaande_ouder, kIdMaxAlleenstaandeOuder, kRv475daLid1));
  NABIJ_RETURN_IF_ERROR(
      CheckParamAmount(p.maximum_gehuwden_zonder_kinderen, kIdMaxGehuwdenZonder, kRv475daLid1));
  NABIJ_RETURN_IF_ERROR(
      CheckParamAmount(p.maximum_gehuwden_met_kinderen, kIdMaxGehuwdenMet, kRv475daLid1));
  NABIJ_RETURN_IF_ERROR(CheckPercentage(p.percentage_inkomen, kIdPercentageInkomen, kRv475dcLid1));
  NABIJ_RETURN_IF_ERROR(CheckPercentage(p.vermindering_echtgenoot_maximum, kIdVerminderingEchtgenootMaximum,
                                        kRv475dbLid1a));
  if (p.geen_woonadres_percentage) {
    NABIJ_RETURN_IF_ERROR(
        CheckPercentage(*p.geen_woonadres_percentage, kIdGeenWoonadres, kRv475daLid4));
  }
  if (p.norm_gehuwden) {
    NABIJ_RETURN_IF_ERROR(CheckParamAmount(*p.norm_gehuwden, kIdNormGehuwden, kPw21OnderB));
  }
  return Status::Ok();
}

Status CheckInput(const Input& in) {
  if (!KnownHuishouden(in.huishouden)) {
    return InvalidArgument("unknown huishouden " + std::to_string(static_cast<int>(in.huishouden)),
                           "huishouden");
  }
  NABIJ_RETURN_IF_ERROR(CheckInputAmount(in.bijstandsnorm, "bijstandsnorm"));
  NABIJ_RETURN_IF_ERROR(CheckInputAmount(in.inkomen_art32, "inkomen_art32"));
  NABIJ_RETURN_IF_ERROR(CheckInputAmount(in.maandinkomen, "maandinkomen"));
  if (in.formule_uitkomst) {
    NABIJ_RETURN_IF_ERROR(CheckInputAmount(*in.formule_uitkomst, "formule_uitkomst"));
  }
  const std::pair<Money, std::string_view> reductions[] = {
      {in.inkomen_echtgenoot_niet_beslagen, "inkomen_echtgenoot_niet_beslagen"},
      {in.inkomen_eigen_niet_beslagen, "inkomen_eigen_niet_beslagen"},
      {in.loonbelasting_auto, "loonbelasting_auto"}};
  for (const auto& [amount, field] : reductions) NABIJ_RETURN_IF_ERROR(CheckInputAmount(amount, field));
  // Rv art. 475db lowers the beslagvrije voet of Rv art. 475da and 475e lid 2; on bijstand Rv art.
  // 475dc lid 2 gives the amount itself, less the income of Pw art. 32.
  if (in.op_bijstand && !in.geen_woonadres) {
    for (const auto& [amount, field] : reductions) {
      if (amount > Money::Zero()) {
        return Status(ErrorCode::kInvalidArgument,
                      "bij bijstand wordt de beslagvrije voet niet volgens Rv art. 475db verminderd: "
                      "andere inkomsten tellen als inkomen_art32 (Pw art. 32)",
                      std::string(field), std::string(kRv475dcLid2));
      }
    }
  }
  return Status::Ok();
}

Status NoAddressFigureMissing(const Params& p, std::string_view id, std::string_view what) {
  std::string day = p.month.first_day().ToString();
  return Status(ErrorCode::kRuleMissing,
                "de regel voor een schuldenaar zonder woonadres heeft " + std::string(what) +
                    " nodig, maar rules/ heeft daarvoor geen waarde op " + day +
                    " / the rule for a debtor without an address needs " + std::string(id) +
                    ", which has no value in rules/ on " + day,
                std::string(id), std::string(kRv475daLid4));
}

// --- arithmetic in words, for the trace ------------------------------------------------------

// The exact product amount x ratio in Dutch notation, with the digits beyond the cent that the
// rounding removes ("€ 1.331,425"). Only for amount >= 0 and a ratio in 0-100 % (checked above).
std::string ExactEuro(Money amount, Ratio r) {
  constexpr int kMaxExtraDigits = 6;
  const __int128 n = static_cast<__int128>(amount.cents()) * r.num();
  const __int128 d = r.den();
  std::string out = FormatEuro(Money::Cents(static_cast<int64_t>(n / d)));
  __int128 rem = n % d;
  for (int i = 0; i < kMaxExtraDigits && rem != 0; ++i) {
    rem *= 10;
    out += static_cast<char>('0' + static_cast<int>(rem / d));
    rem %= d;
  }
  if (rem != 0) out += "…";
  return out;
}

// "95 % × € 1.401,50 = € 1.331,425, eenmaal afgerond (halve cent naar boven) op € 1.331,43"
std::string ProductInWords(Ratio r, Money base, Money rounded) {
  std::string exact = ExactEuro(base, r);
  std::string out = r.ToPercentString() + " × " + FormatEuro(base) + " = " + exact;
  if (exact != FormatEuro(rounded)) {
    out += ", eenmaal afgerond (halve cent naar boven) op " + FormatEuro(rounded);
  }
  return out;
}

// --- trace ---------------------------------------------------------------------------------

// Writes a step that applies a parameter. A value set by hand (no source in rules/) becomes a
// formula step under the parameter's id and `cite`. `lid` overrides the lid of the value's legal
// basis when the same figure serves another lid of the article: the 95 % of rules/ carries Rv
// art. 475dc lid 1, and lid 2 applies the same 95 % to the bijstandsnorm.
template <typename T>
void ParamStep(rules::Trace* trace, std::string label, Money amount, const Fixed<T>& f,
               std::string_view id, std::string_view cite, std::string detail,
               std::string_view lid = {}) {
  if (trace == nullptr) return;
  if (f.param == nullptr || f.source == nullptr) {
    trace->Formula(std::move(label), amount, std::string(id), std::string(cite),
                   std::move(detail) + " (waarde niet uit rules/)");
    return;
  }
  if (lid.empty()) {
    trace->Param(std::move(label), amount, *f.param, *f.source, std::move(detail));
    return;
  }
  rules::Value value = *f.source;
  value.basis.lid = std::string(lid);
  trace->Param(std::move(label), amount, *f.param, value, std::move(detail));
}

void FormulaStep(rules::Trace* trace, std::string label, Money amount, std::string_view id,
                 std::string_view cite, std::string detail) {
  if (trace == nullptr) return;
  trace->Formula(std::move(label), amount, std::string(id), std::string(cite), std::move(detail));
}

// Rv art. 475db lid 1: the beslagvrije voet of Rv art. 475da, lowered in this order by (a) the
// spouse's non-garnished periodic income, by at most half of that beslagvrije voet (the share is in
// rules/), (b) the debtor's own non-garnished periodic income and (c) the loonbelasting on a car
// for private use; never below zero. The half is rounded down: a reduction of "ten hoogste de
// helft" must not exceed it. A reduction of zero writes no step, so a trace without reductions is
// as before.
Money Reduce(const Params& p, Money bvv475da, const Input& in, rules::Trace* trace) {
  Money bvv = bvv475da;
  // Lowers bvv by `amount` and returns the arithmetic in words for the trace.
  auto lower = [&bvv](Money amount, const std::string& note) {
    const Money before = bvv;
    bvv = Max(bvv - amount, Money::Zero());
    return FormatEuro(before) + " − " + FormatEuro(amount) + note + " = " + FormatEuro(before - amount) +
           (before < amount ? "; niet lager dan € 0,00" : "");
  };
  const std::string label = "Beslagvrije voet verminderd met ";
  const Fixed<Ratio>& share = p.vermindering_echtgenoot_maximum;
  const Money cap = MulDiv(bvv475da, share.value, Rounding::kDown);
  const Money echtgenoot = Min(in.inkomen_echtgenoot_niet_beslagen, cap);
  if (echtgenoot > Money::Zero()) {
    const std::string income =
        echtgenoot < in.inkomen_echtgenoot_niet_beslagen ? "inkomen " + FormatEuro(in.inkomen_echtgenoot_niet_beslagen) + ", " : "";
    std::string detail = lower(echtgenoot, " (" + income + "ten hoogste " + share.value.ToPercentString() + " van " +
                                               FormatEuro(bvv475da) + ": " + FormatEuro(cap) + ")");
    ParamStep(trace, label + "het niet beslagen inkomen van de echtgenoot", bvv, share,
              kIdVerminderingEchtgenootMaximum, kRv475dbLid1a, std::move(detail));
  }
  if (in.inkomen_eigen_niet_beslagen > Money::Zero()) {
    std::string detail = lower(in.inkomen_eigen_niet_beslagen, "");
    FormulaStep(trace, label + "het eigen niet beslagen inkomen", bvv, kIdVerminderingEigen, kRv475dbLid1b,
                std::move(detail));
  }
  if (in.loonbelasting_auto > Money::Zero()) {
    std::string detail = lower(in.loonbelasting_auto, "");
    FormulaStep(trace, label + "de loonbelasting over de auto van de zaak", bvv, kIdVerminderingAuto, kRv475dbLid1c,
                std::move(detail));
  }
  return bvv;
}

// Rv art. 475dc lid 1: a beslagvrije voet above 95 % of the monthly income incl. vakantiebijslag
// becomes 95 % of that income. Rounded once, half-up (docs/adr/0001).
Money CapAt95Percent(const Params& p, Money berekend, Money maandinkomen, rules::Trace* trace) {
  const Ratio pct = p.percentage_inkomen.value;
  const Money grens = MulDiv(maandinkomen, pct, Rounding::kHalfUp);
  ParamStep(trace, pct.ToPercentString() + " van het maandinkomen inclusief vakantiebijslag", grens,
            p.percentage_inkomen, kIdPercentageInkomen, kRv475dcLid1,
            ProductInWords(pct, maandinkomen, grens));
  const Money bvv = Min(berekend, grens);
  FormulaStep(trace,
              "Beslagvrije voet, ten hoogste " + pct.ToPercentString() + " van het maandinkomen",
              bvv, kIdGrens95, kRv475dcLid1,
              berekend <= grens ? FormatEuro(berekend) + " is niet hoger dan " + FormatEuro(grens) +
                                      ": blijft " + FormatEuro(bvv)
                                : FormatEuro(berekend) + " is hoger dan " + FormatEuro(grens) +
                                      ": wordt " + FormatEuro(bvv));
  return bvv;
}

}  // namespace

Result<Params> Snapshot(const rules::ParameterSet& set, Month month) {
  const Date day = month.first_day();
  Params p;
  p.month = month;

  auto amount = [&](std::string_view id, Fixed<Money>& out) -> Status {
    auto v = set.Find(id, day);
    if (!v.ok()) return v.error();
    out = Fixed<Money>{(*v)->amount, set.Get(id), *v};
    return Status::Ok();
  };
  auto percentage = [&](std::string_view id, Fixed<Ratio>& out) -> Status {
    auto v = set.Find(id, day);
    if (!v.ok()) return v.error();
    out = Fixed<Ratio>{(*v)->ratio, set.Get(id), *v};
    return Status::Ok();
  };

  NABIJ_RETURN_IF_ERROR(amount(kIdMaxAlleenstaande, p.maximum_alleenstaande));
  NABIJ_RETURN_IF_ERROR(amount(kIdMaxAlleenstaandeOuder, p.maximum_alleenstaande_ouder));
  NABIJ_RETURN_IF_ERROR(amount(kIdMaxGehuwdenZonder, p.maximum_gehuwden_zonder_kinderen));
  NABIJ_RETURN_IF_ERROR(amount(kIdMaxGehuwdenMet, p.maximum_gehuwden_met_kinderen));
  NABIJ_RETURN_IF_ERROR(percentage(kIdPercentageInkomen, p.percentage_inkomen));
  NABIJ_RETURN_IF_ERROR(percentage(kIdVerminderingEchtgenootMaximum, p.vermindering_echtgenoot_maximum));

  // Optional: absent when rules/ has no value yet that day; an unknown id is still an error.
  Fixed<Ratio> geen_woonadres;
  if (Status s = percentage(kIdGeenWoonadres, geen_woonadres); s.ok()) {
    p.geen_woonadres_percentage = geen_woonadres;
  } else if (s.code() != ErrorCode::kRuleMissing) {
    return s;
  }
  Fixed<Money> norm;
  if (Status s = amount(kIdNormGehuwden, norm); s.ok()) {
    p.norm_gehuwden = norm;
  } else if (s.code() != ErrorCode::kRuleMissing) {
    return s;
  }

  NABIJ_RETURN_IF_ERROR(CheckParams(p));
  return p;
}

Result<Money> Maximum(const Params& p, Huishouden huishouden) {
  if (!KnownHuishouden(huishouden)) {
    return InvalidArgument("unknown huishouden " + std::to_string(static_cast<int>(huishouden)),
                           "huishouden");
  }
  // Rv art. 475da lid 1
  MaximumRef m = MaximumFor(p, huishouden);
  NABIJ_RETURN_IF_ERROR(CheckParamAmount(*m.fixed, m.id, kRv475daLid1));
  return m.fixed->value;
}

Result<Outcome> Calculate(const Params& p, const Input& in, rules::Trace* trace) {
  // Everything that can fail is checked before the first trace step is written.
  NABIJ_RETURN_IF_ERROR(CheckInput(in));
  NABIJ_RETURN_IF_ERROR(CheckParams(p));
  if (in.geen_woonadres) {
    if (!p.geen_woonadres_percentage) {
      return NoAddressFigureMissing(p, kIdGeenWoonadres, "het percentage van Rv art. 475da lid 4");
    }
    if (!p.norm_gehuwden) {
      return NoAddressFigureMissing(p, kIdNormGehuwden,
                                    "de norm voor gehuwden (Pw art. 21 onder b)");
    }
  } else if (!in.op_bijstand && !in.formule_uitkomst) {
    return Status(ErrorCode::kUnimplemented, std::string(kFormuleNietBerekend), "formule_uitkomst",
                  std::string(kRv475daLid2));
  }

  Outcome out;
  const MaximumRef max = MaximumFor(p, in.huishouden);
  out.maximum = max.fixed->value;
  const Ratio pct95 = p.percentage_inkomen.value;

  if (in.geen_woonadres) {
    // Rv art. 475da lid 4: without a residential address in the Netherlands in the BRP, the
    // beslagvrije voet is 47,5 % of the norm of Pw art. 21 onder b, rounded once, half-up.
    const Fixed<Money>& norm = *p.norm_gehuwden;
    const Fixed<Ratio>& pct = *p.geen_woonadres_percentage;
    ParamStep(trace, "Norm gehuwden 21 jaar tot AOW-leeftijd", norm.value, norm, kIdNormGehuwden,
              kPw21OnderB, "grondslag voor een schuldenaar zonder woonadres in Nederland");
    const Money berekend = MulDiv(norm.value, pct.value, Rounding::kHalfUp);
    ParamStep(trace,
              "Beslagvrije voet zonder woonadres: " + pct.value.ToPercentString() + " van de norm",
              berekend, pct, kIdGeenWoonadres, kRv475daLid4,
              ProductInWords(pct.value, norm.value, berekend));
    // Rv art. 475db and 475dc lid 1 apply to all of Rv art. 475da, so also to lid 4.
    out.beslagvrije_voet = CapAt95Percent(p, Reduce(p, berekend, in, trace), in.maandinkomen, trace);
  } else if (in.op_bijstand) {
    // Rv art. 475dc lid 2: 95 % of the bijstandsnorm incl. vakantietoeslag, less the income of
    // Pw art. 32. The 95 % is rounded once, half-up, on the product (docs/adr/0001).
    const Money deel = MulDiv(in.bijstandsnorm, pct95, Rounding::kHalfUp);
    ParamStep(trace, pct95.ToPercentString() + " van de bijstandsnorm inclusief vakantietoeslag",
              deel, p.percentage_inkomen, kIdPercentageInkomen, kRv475dcLid2,
              ProductInWords(pct95, in.bijstandsnorm, deel) + " (ADR 0001)", "2");
    const Money verminderd = deel - in.inkomen_art32;
    out.beslagvrije_voet = Max(verminderd, Money::Zero());
    std::string detail = FormatEuro(deel) + " − " + FormatEuro(in.inkomen_art32) +
                         " inkomsten (Pw art. 32) = " + FormatEuro(verminderd);
    if (verminderd < Money::Zero()) detail += "; niet lager dan € 0,00";
    FormulaStep(trace, "Beslagvrije voet bij bijstand, verminderd met de inkomsten",
                out.beslagvrije_voet, kIdBijstand, kRv475dcLid2, std::move(detail));
  } else {
    // Rv art. 475da lid 2, "met inachtneming van het eerste lid": the formula's result (computed
    // elsewhere), at most the maximum of lid 1 for the leefsituatie.
    const Money formule = *in.formule_uitkomst;
    FormulaStep(trace, "Uitkomst van de formule (berekend buiten nabij)", formule, kIdFormule,
                kRv475daLid2, "invoer formule_uitkomst");
    ParamStep(trace, "Maximum beslagvrije voet " + std::string(HuishoudenNaam(in.huishouden)),
              out.maximum, *max.fixed, max.id, kRv475daLid1, {});
    const Money begrensd = Min(formule, out.maximum);
    FormulaStep(trace, "Beslagvrije voet volgens de formule, ten hoogste het maximum", begrensd,
                kIdFormuleMetMaximum, kRv475daLid2,
                "laagste van " + FormatEuro(formule) + " en " + FormatEuro(out.maximum));
    out.beslagvrije_voet = CapAt95Percent(p, Reduce(p, begrensd, in, trace), in.maandinkomen, trace);
  }

  // Rv art. 475b lid 1: garnishment holds only for what the payment exceeds the beslagvrije voet.
  out.maximaal_beslag = Max(in.maandinkomen - out.beslagvrije_voet, Money::Zero());
  FormulaStep(trace, "Maximaal beslag: maandinkomen boven de beslagvrije voet", out.maximaal_beslag,
              kIdMaximaalBeslag, kRv475bLid1,
              FormatEuro(in.maandinkomen) + " − " + FormatEuro(out.beslagvrije_voet) + " = " +
                  FormatEuro(in.maandinkomen - out.beslagvrije_voet) +
                  (in.maandinkomen < out.beslagvrije_voet ? "; niet lager dan € 0,00" : ""));
  return out;
}

}  // namespace nabij::bvv
