#include "debt/repayment.h"

#include <string>

namespace nabij::debt {
namespace {

constexpr std::string_view kRv475daLid5 = "Rv art. 475da lid 5";
constexpr std::string_view kZvw19Lid1 = "Zvw art. 19 lid 1";
constexpr int kMonthsPerYear = 12;
constexpr int kMaxAdults = 20;

}  // namespace

Result<Affordability> Affordable(const FundRules& rules, const Finances& f, rules::Trace* trace) {
  if (f.adults < 1 || f.adults > kMaxAdults) {
    return InvalidArgument("het aantal volwassenen is 1 tot " + std::to_string(kMaxAdults),
                           "adults");
  }
  for (auto [m, field] :
       {std::pair{f.net_income, "net_income"}, std::pair{f.housing_costs, "housing_costs"},
        std::pair{f.other_fixed_costs, "other_fixed_costs"}}) {
    if (m < Money::Zero()) return InvalidArgument("een bedrag is niet negatief", field);
  }
  bvv::Input in;
  in.huishouden = f.huishouden;
  in.op_bijstand = f.op_bijstand;
  in.bijstandsnorm = f.bijstandsnorm;
  // The VTLB looks at the household's whole income: net_income already holds any income beside
  // the benefit, so the Pw art. 32 deduction of Rv art. 475dc lid 2 (which protects the benefit
  // alone) is not made again; the floor is 95 % of the norm of the whole household.
  in.inkomen_art32 = Money::Zero();
  in.maandinkomen = f.net_income;
  in.formule_uitkomst = f.bvv_formule;
  // bvv writes its own steps (with their parameters and dates) into the same trace.
  NABIJ_ASSIGN_OR_RETURN(bvv::Outcome bvv, bvv::Calculate(rules.bvv, in, trace));
  Affordability a;
  a.beslagvrije_voet = bvv.beslagvrije_voet;

  // Rv art. 475da lid 5: housing costs above the huurgrens raise the amount left to the debtor.
  if (rules.woonkosten_norm) {
    const Money norm = rules.woonkosten_norm->value;
    a.woonkosten_correctie = Max(Money::Zero(), f.housing_costs - norm);
    if (trace) {
      trace->Formula("Correctie woonkosten boven de norm", a.woonkosten_correctie,
                     "schuldenfonds.vtlb.woonkosten", std::string(kRv475daLid5),
                     "woonkosten " + FormatEuro(f.housing_costs) + " − norm " + FormatEuro(norm) +
                         " (huurgrens Wht art. 13 lid 1 onder a, per " +
                         rules.woonkosten_norm->source->effective.ToString() +
                         "), niet minder dan € 0,00");
    }
  } else if (trace) {
    trace->Note("Correctie woonkosten niet toegepast: rules/ heeft nog geen woonkostennorm op " +
                    rules.date.ToString(),
                "schuldenfonds.vtlb.woonkosten_norm", std::string(kRv475daLid5));
  }

  // Zvw art. 19 lid 1: the yearly compulsory deductible, one twelfth per month per adult.
  if (rules.eigen_risico_per_jaar) {
    const Money year = rules.eigen_risico_per_jaar->value;
    a.eigen_risico_correctie = MulDiv(year.Times(f.adults), 1, kMonthsPerYear, Rounding::kHalfUp);
    if (trace) {
      trace->Param("Correctie eigen risico zorgverzekering", a.eigen_risico_correctie,
                   *rules.eigen_risico_per_jaar->param, *rules.eigen_risico_per_jaar->source,
                   std::to_string(f.adults) + " × " + FormatEuro(year) +
                       " / 12, eenmaal afgerond op centen");
    }
  } else if (trace) {
    trace->Note("Correctie eigen risico niet toegepast: rules/ heeft geen bedrag op " +
                    rules.date.ToString(),
                "schuldenfonds.vtlb.eigen_risico", std::string(kZvw19Lid1));
  }

  a.vtlb = a.beslagvrije_voet + a.woonkosten_correctie + a.eigen_risico_correctie;
  a.affordable = Max(Money::Zero(), f.net_income - a.vtlb);
  if (trace) {
    trace->Formula("Vrij te laten bedrag (VTLB)", a.vtlb, "schuldenfonds.vtlb", "Rv art. 475da",
                   "beslagvrije voet " + FormatEuro(a.beslagvrije_voet) + " + woonkosten " +
                       FormatEuro(a.woonkosten_correctie) + " + eigen risico " +
                       FormatEuro(a.eigen_risico_correctie));
    trace->Formula("Aflosbaar bedrag per maand", a.affordable, "schuldenfonds.aflosbaar",
                   "Rv art. 475da",
                   "netto inkomen " + FormatEuro(f.net_income) + " − VTLB " + FormatEuro(a.vtlb) +
                       ", niet minder dan € 0,00");
  }
  return a;
}

Result<Schedule> MakeSchedule(Regime regime, Money balance, Money affordable, Month start) {
  if (balance < Money::Zero()) return InvalidArgument("het saldo is niet negatief", "balance");
  if (affordable < Money::Zero())
    return InvalidArgument("het aflosbare bedrag is niet negatief", "affordable");
  const int max_months = MaxTermMonths(regime);
  if (max_months <= 0) return InvalidArgument("onbekende regeling", "regime");
  Schedule s;
  if (regime == Regime::kStudieschuld) {
    // The balance spread over the whole term, never more than is affordable.
    s.monthly = Min(affordable, MulDiv(balance, 1, max_months, Rounding::kUp));
  } else {
    s.monthly = affordable;
  }
  Money left = balance;
  for (int i = 0; i < max_months && left > Money::Zero() && s.monthly > Money::Zero(); ++i) {
    const Money amount = Min(s.monthly, left);
    s.instalments.push_back({start.Add(i), amount});
    s.paid += amount;
    left -= amount;
  }
  s.forgiven_at_end = left;
  return s;
}

Arrears ArrearsOn(const Plan& plan, const std::vector<Repayment>& repayments, Month month) {
  Arrears a;
  auto schedule = MakeSchedule(plan.regime, plan.balance, plan.affordable, plan.start);
  if (schedule.ok()) {
    for (const Instalment& i : schedule->instalments) {
      if (i.month <= month) a.due += i.amount;
    }
  }
  for (const Repayment& r : repayments) {
    if (r.month >= plan.start && r.month <= month) a.paid += r.amount;
  }
  a.arrears = Max(Money::Zero(), a.due - a.paid);
  if (a.arrears > Money::Zero() && plan.monthly > Money::Zero()) {
    a.months_behind =
        static_cast<int>((a.arrears.cents() + plan.monthly.cents() - 1) / plan.monthly.cents());
  }
  return a;
}

}  // namespace nabij::debt
