#include "debt/household_view.h"

#include "debt/progress.h"
#include "debt/repayment.h"

namespace nabij::debt {
namespace {

std::string MilestoneText(MilestoneKind k) {
  switch (k) {
    case MilestoneKind::kBudgetcursus:
      return "u een budgetcursus afmaakt";
    case MilestoneKind::kParticipatieTrede:
      return "u een stap zet naar werk of meedoen";
    case MilestoneKind::kBaan:
      return "u betaald werk vindt";
    case MilestoneKind::kDiploma:
      return "u een diploma haalt";
  }
  return "";
}

}  // namespace

HouseholdView ViewForHousehold(const Dossier& d, const FundRules& rules, Date today) {
  HouseholdView v;
  v.status = d.Status();
  v.forgiven = d.Forgiven();
  auto& p = v.paragraphs;
  if (!d.AllSettled()) {
    const ClockView clock = ClockOf(d, today);
    int open = 0;
    for (const Claim& c : d.claims) open += c.settled_amount ? 0 : 1;
    p.push_back("Wij maken afspraken met de mensen en bedrijven bij wie u schulden heeft. Met " +
                std::to_string(d.claims.size() - static_cast<size_t>(open)) + " van de " +
                std::to_string(d.claims.size()) + " is het al geregeld.");
    if (clock.days_left >= 0) {
      p.push_back(
          "Wij willen alles binnen vier weken na uw aanmelding regelen. Daarvoor hebben wij nog " +
          std::to_string(clock.days_left) + " dagen.");
    } else {
      p.push_back("Het duurt langer dan vier weken. Uw schuldhulpverlener neemt contact met u op.");
    }
    p.push_back(
        "U hoeft de schuldeisers nu niet zelf te betalen. Krijgt u toch een brief of een "
        "aanmaning? "
        "Geef die aan uw schuldhulpverlener.");
    return v;
  }
  v.paid_by_fund = d.Owed();
  v.repaid = d.Repaid();
  v.balance = d.Balance();
  p.push_back("Het schuldenfonds heeft uw schulden overgenomen. Uw schuldeisers krijgen samen " +
              FormatEuro(v.paid_by_fund) + " en hebben verder niets meer van u te vorderen.");
  if (d.breached) {
    p.push_back(
        "U heeft zich niet aan de afspraken gehouden. Daarom is de kwijtschelding zoals in de "
        "afspraken staat teruggedraaid. U moet nog " +
        FormatEuro(v.balance) + " betalen. Uw schuldhulpverlener bespreekt met u hoe.");
    return v;
  }
  if (v.balance == Money::Zero()) {
    p.push_back("U heeft geen schuld meer bij het schuldenfonds. U bent schuldenvrij.");
    return v;
  }
  p.push_back("U betaalt nu alleen nog aan de gemeente. U moet nog " + FormatEuro(v.balance) +
              " betalen.");
  if (d.plan) {
    v.monthly = d.plan->monthly;
    auto schedule =
        MakeSchedule(d.plan->regime, d.plan->balance, d.plan->affordable, d.plan->start);
    if (schedule.ok() && !schedule->instalments.empty())
      v.last_month = schedule->instalments.back().month;
    if (v.monthly > Money::Zero() && v.last_month) {
      p.push_back("Elke maand betaalt u " + FormatEuro(v.monthly) +
                  ". Dat is wat u kunt missen: wij laten u " +
                  "genoeg over om van te leven. De laatste betaling is in " +
                  DutchMonth(*v.last_month) + ".");
      if (d.benefit_case) {
        p.push_back("Wij houden dit bedrag elke maand in op uw bijstand. U hoeft het dus niet zelf over te "
                    "maken. Wij houden nooit zoveel in dat u minder overhoudt dan het deel van uw bijstand "
                    "dat altijd voor u blijft.");
      }
    } else {
      p.push_back("U hoeft nu niets per maand te betalen, omdat u niets kunt missen.");
    }
    p.push_back(
        "Wat er aan het eind nog over is, hoeft u niet meer te betalen, als u zich aan de "
        "afspraken "
        "houdt.");
    // Only months that have ended count: this month's instalment is not late yet.
    const Arrears a = ArrearsOn(*d.plan, d.repayments, today.month().Add(-1));
    v.arrears = a.arrears;
    if (a.arrears > Money::Zero()) {
      p.push_back("Let op: u bent " + FormatEuro(a.arrears) +
                  " achter met betalen. Neem contact op met uw "
                  "schuldhulpverlener als dat niet lukt.");
    }
  } else {
    p.push_back("Uw schuldhulpverlener maakt met u een afspraak over wat u elke maand betaalt.");
  }
  if (v.forgiven > Money::Zero()) {
    p.push_back("U heeft al " + FormatEuro(v.forgiven) + " kwijtgescholden gekregen.");
  }
  for (MilestoneKind k : kMilestoneKinds) {
    bool done = false;
    for (const Forgiveness& f : d.forgiveness)
      done = done || (f.milestone == k && k != MilestoneKind::kParticipatieTrede);
    if (done) continue;
    const MilestoneRule& rule = rules.Milestone(k);
    const Money amount =
        Min(v.balance, rule.amount.value + MulDiv(v.balance, rule.share.value, Rounding::kDown));
    if (amount == Money::Zero()) continue;
    v.milestones.push_back({k, amount});
    p.push_back("Als " + MilestoneText(k) + ", scheldt de gemeente nu " + FormatEuro(amount) +
                " kwijt.");
  }
  return v;
}

letters::Letter LetterForHousehold(const HouseholdView& v, int64_t dossier_id, letters::Letter head) {
  letters::Letter l = std::move(head);
  l.subject = "Uw schulden en uw regeling bij het schuldenfonds";
  letters::Section now;
  now.heading = "Hoe staat het ervoor?";
  now.paragraphs = v.paragraphs;
  l.sections.push_back(std::move(now));
  if (v.paid_by_fund > Money::Zero()) {  // the fund has taken the debts over
    letters::Section sums;
    sums.heading = "De bedragen";
    sums.amounts.push_back({"Betaald aan uw schuldeisers", FormatEuro(v.paid_by_fund), "", false});
    sums.amounts.push_back({"Al door u terugbetaald", FormatEuro(v.repaid), "", false});
    sums.amounts.push_back({"Kwijtgescholden", FormatEuro(v.forgiven), "", false});
    sums.amounts.push_back({"Nog te betalen", FormatEuro(v.balance), "", true});
    if (v.monthly > Money::Zero()) {
      sums.amounts.push_back({"Per maand" + (v.last_month ? ", tot en met " + DutchMonth(*v.last_month) : std::string()),
                              FormatEuro(v.monthly), "", false});
    }
    if (v.arrears > Money::Zero()) sums.amounts.push_back({"Achterstand", FormatEuro(v.arrears), "", false});
    l.sections.push_back(std::move(sums));
  }
  letters::Section ask;
  ask.heading = "Vragen?";
  ask.paragraphs.push_back(
      "Verandert er iets in uw inkomen, uw woonsituatie of uw gezin? Of lukt het betalen niet? Neem dan contact op met "
      "uw schuldhulpverlener. Noem dan uw dossiernummer: " +
      std::to_string(dossier_id) + ".");
  l.sections.push_back(std::move(ask));
  l.closing = "Met vriendelijke groet,";
  return l;
}

}  // namespace nabij::debt
