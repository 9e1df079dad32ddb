#include "cases/stp.h"

namespace nabij::cases {
namespace {

// Vermogen above this share of the limit is checked by a person: bank statements are read by
// hand near the limit (Pw art. 34). Policy, not law: a municipality may tune it.
constexpr int64_t kVermogenCheckPercent = 80;

}  // namespace

StpOutcome CheckStraightThrough(const Application& a, const Deadlines& d, const pw::CaseInput& in,
                                const pw::Decision& decision, Date today) {
  StpOutcome o;
  auto why = [&](std::string reason) { o.reasons.push_back(std::move(reason)); };
  if (!a.received) why("De aanvraag is nog niet ontvangen.");
  if (today < d.earliest_application) {
    why("De zoektermijn van vier weken is nog niet voorbij (Pw art. 41 lid 4).");
  }
  if (d.suspended_now) why("De aanvraag is onvolledig: er loopt een verzoek om gegevens (Awb art. 4:5).");
  if (decision.bijstand == Money::Zero()) {
    why("Er is geen recht op bijstand berekend; een afwijzing beoordeelt een medewerker.");
  }
  if (decision.vermogen_boven_grens ||
      in.vermogen > MulDiv(decision.vermogensgrens, kVermogenCheckPercent, 100, Rounding::kDown)) {
    why("Het vermogen ligt dicht bij of boven de vermogensgrens (Pw art. 34).");
  }
  if (decision.eigen_woning_boven_grens) why("Vermogen in de eigen woning boven de grens: bijstand als lening (Pw art. 50).");
  if (in.has_partner && !in.partner.entitled) {
    why("De partner heeft geen recht op bijstand: beoordeling nodig (Pw art. 24).");
  }
  for (int i = 0; i < in.housemate_count; ++i) {
    const pw::Housemate& h = in.housemates[static_cast<size_t>(i)];
    if (h.commercial_contract || h.third_party_contract || h.education != pw::Education::kNone) {
      why("Een medebewoner telt niet mee als kostendeler; het bewijs moet worden bekeken (Pw art. 19a lid 2).");
      break;
    }
  }
  if (in.in_inrichting) why("Verblijf in een inrichting (Pw art. 23).");
  if (in.applicant.medisch_urenbeperkt || in.applicant.doelgroep_lks) {
    why("Medisch urenbeperkt of doelgroep loonkostensubsidie: vaststelling nodig.");
  }
  o.automatic = o.reasons.empty();
  return o;
}

}  // namespace nabij::cases
