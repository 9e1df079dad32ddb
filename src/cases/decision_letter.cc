#include "cases/decision_letter.h"

namespace nabij::cases {
std::string_view DecisionKindName(DecisionKind k) {
  switch (k) {
    case DecisionKind::kToekenning: return "toekenning";
    case DecisionKind::kAfwijzing: return "afwijzing";
    case DecisionKind::kWijziging: return "wijziging";
    case DecisionKind::kBeeindiging: return "beëindiging";
  }
  return "?";
}

Result<Date> ObjectionDeadline(const rules::ParameterSet& set, Date letter_date) {
  NABIJ_ASSIGN_OR_RETURN(const rules::Value* weeks, set.Find("awb.bezwaartermijn.weken", letter_date));
  constexpr int32_t kDaysPerWeek = 7;
  // Awb art. 6:8 lid 1: the term starts the day after the announcement and lasts six weeks, so
  // its last day falls six weeks after the letter date.
  return letter_date.AddDays(static_cast<int32_t>(weeks->count * kDaysPerWeek));
}

letters::Letter LetterHeadOf(const LetterContext& ctx) {
  letters::Letter l;
  l.sender = ctx.municipality;
  l.sender_address = ctx.municipality_address;
  if (!ctx.recipient_name.empty()) l.recipient_address.push_back(ctx.recipient_name);
  l.recipient_address.insert(l.recipient_address.end(), ctx.recipient_address.begin(), ctx.recipient_address.end());
  l.place_and_date = DutchDate(ctx.letter_date);
  l.reference = ctx.reference;
  l.salutation = ctx.recipient_name.empty() ? "Beste heer of mevrouw," : "Beste " + ctx.recipient_name + ",";
  l.signature = ctx.signer;
  l.footer = ctx.municipality + " · kenmerk " + ctx.reference;
  return l;
}

letters::Letter BuildDecisionLetter(DecisionKind kind, Date effective_from, const pw::Decision& d,
                                    const rules::Trace& trace, const LetterContext& ctx, Date objection_until,
                                    const MonthSettlement& settled) {
  letters::Letter l = LetterHeadOf(ctx);
  const std::string from = DutchDate(effective_from);
  const std::string month = DutchMonth(effective_from.month());

  letters::Section decided;
  decided.heading = "Wat hebben we besloten?";
  switch (kind) {
    case DecisionKind::kToekenning:
      l.subject = "Besluit op uw aanvraag bijstand: u krijgt een uitkering";
      decided.paragraphs.push_back("U krijgt vanaf " + from + " een bijstandsuitkering van " +
                                   FormatEuro(d.bijstand) + " per maand. Hieronder leest u hoe we dit bedrag berekenen.");
      break;
    case DecisionKind::kAfwijzing:
      l.subject = "Besluit op uw aanvraag bijstand: u krijgt geen uitkering";
      decided.paragraphs.push_back(
          "U krijgt geen bijstandsuitkering. " +
          std::string(d.vermogen_boven_grens
                          ? "Uw vermogen is hoger dan de grens die de wet noemt (Participatiewet artikel 34)."
                          : "Uw inkomen is even hoog als of hoger dan de norm die voor u geldt (Participatiewet artikel 19)."));
      break;
    case DecisionKind::kWijziging:
      l.subject = "Besluit: uw bijstandsuitkering verandert";
      // A wijziging computes one month: the next month is computed again with what is known then
      // (income counts for the month it relates to, Pw art. 32), so the letter names the month.
      decided.paragraphs.push_back("Voor " + month + " krijgt u " + FormatEuro(d.bijstand) +
                                   " bijstand. Dat komt door een verandering in uw situatie, bijvoorbeeld inkomsten of "
                                   "iemand die bij u komt wonen of weggaat. Elke volgende maand rekenen we opnieuw, met "
                                   "wat u ons doorgeeft.");
      break;
    case DecisionKind::kBeeindiging:
      l.subject = "Besluit: uw bijstandsuitkering stopt";
      decided.paragraphs.push_back("Uw bijstandsuitkering stopt op " + from + ".");
      break;
  }
  if (ctx.automatic) {
    decided.paragraphs.push_back(
        "Dit besluit is automatisch genomen: uw gegevens waren compleet en er was niets dat een medewerker moest "
        "beoordelen. Wilt u dat een medewerker ernaar kijkt? Bel of schrijf ons, of maak bezwaar.");
  }
  l.sections.push_back(std::move(decided));

  if (settled.any()) {
    const Money received = d.bijstand + settled.overpaid - settled.underpaid;
    const bool too_much = settled.overpaid > Money::Zero();
    letters::Section settle;
    settle.heading = std::string("U heeft over ") + month + (too_much ? " te veel" : " te weinig") + " gekregen";
    std::string text = "Over " + month + " heeft u " + FormatEuro(received) + " bijstand gekregen. Met wat we nu weten, had dat " +
                       FormatEuro(d.bijstand) + " moeten zijn. ";
    if (too_much) {
      text += "U heeft dus " + FormatEuro(settled.overpaid) +
              " te veel gekregen. Dat moet u terugbetalen (Participatiewet artikel 58). We houden het in op uw volgende "
              "uitkeringen (Participatiewet artikel 60 lid 3). U houdt daarbij altijd ten minste de beslagvrije voet over.";
    } else {
      text += "U heeft dus " + FormatEuro(settled.underpaid) + " te weinig gekregen. Dat bedrag krijgt u nog van ons.";
    }
    settle.paragraphs.push_back(std::move(text));
    settle.amounts.push_back({"Gekregen over " + month, FormatEuro(received), "", false});
    settle.amounts.push_back({"Recht over " + month, FormatEuro(d.bijstand), "", false});
    if (too_much) {
      settle.amounts.push_back({"Te veel gekregen: terugvordering", FormatEuro(settled.overpaid), "Pw art. 58", true});
    } else {
      settle.amounts.push_back({"Te weinig gekregen: krijgt u nog", FormatEuro(settled.underpaid), "", true});
    }
    l.sections.push_back(std::move(settle));
  }

  letters::Section calc;
  calc.heading = "Hoe hebben we het bedrag berekend?";
  calc.paragraphs.push_back(
      "De wet bepaalt hoeveel iemand nodig heeft om van te leven: de norm. Van de norm trekken we het inkomen af "
      "dat meetelt. Wat overblijft is uw bijstand. Elke regel noemt het wetsartikel waarop hij steunt.");
  for (const rules::TraceStep& s : trace.steps()) {
    // Lines with an amount; a remark without one (a period that ended) stays in the trace only.
    bool money = s.amount != Money::Zero() || s.rule_id == "pw.bijstand";
    if (!money) continue;
    calc.amounts.push_back({s.label, FormatEuro(s.amount), s.legal_ref, s.rule_id == "pw.bijstand"});
  }
  l.sections.push_back(std::move(calc));

  letters::Section paid;
  paid.heading = "Wanneer krijgt u het geld?";
  paid.paragraphs.push_back((kind == DecisionKind::kWijziging ? "Voor " + month + " betalen we "
                                                                : std::string("We betalen elke maand ")) +
                            FormatEuro(d.bijstand_excl_vt) + ". In de uitkering zit " + FormatEuro(d.vakantietoeslag) +
                            " vakantietoeslag per maand. Die sparen we voor u en betalen we in juni uit, of binnen drie "
                            "maanden nadat uw uitkering stopt (Participatiewet artikel 45).");
  // A month that was paid already is settled in its own section above.
  if (kind != DecisionKind::kAfwijzing && kind != DecisionKind::kBeeindiging && !settled.any()) {
    l.sections.push_back(std::move(paid));
  }

  letters::Section duties;
  duties.heading = "Wat moet u doen?";
  duties.paragraphs.push_back(
      "Geef veranderingen zo snel mogelijk aan ons door. Bijvoorbeeld: u gaat werken of verdient meer, er komt iemand "
      "bij u wonen of iemand gaat weg, u krijgt geld of spullen van iemand, u gaat verhuizen of op reis. Dit heet de "
      "inlichtingenplicht (Participatiewet artikel 17). Geeft u iets niet of te laat door, dan moet u misschien geld "
      "terugbetalen en kunnen we uw uitkering verlagen.");
  l.sections.push_back(std::move(duties));

  letters::Section objection;
  objection.heading = "Bent u het niet eens met dit besluit?";
  objection.paragraphs.push_back(
      "Dan kunt u bezwaar maken. Doe dat uiterlijk op " + DutchDate(objection_until) +
      " (Algemene wet bestuursrecht artikel 6:7). Schrijf in uw brief: uw naam en adres, de datum, het kenmerk van "
      "deze brief, waarom u het niet eens bent, en zet uw handtekening eronder. Stuur de brief naar " +
      ctx.municipality + ". Hulp nodig? Bel ons, of vraag het Juridisch Loket.");
  l.sections.push_back(std::move(objection));

  l.closing = "Met vriendelijke groet,";
  return l;
}

}  // namespace nabij::cases
