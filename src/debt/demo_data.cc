#include "debt/demo_data.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace nabij::debt {
namespace {

struct DemoCreditor {
  const char* name;
  Sector sector;
  int64_t min_cents;  // typical claim range of the sector (assumption for a demo)
  int64_t max_cents;
};

// Fictitious organisations; the weights make commercial and government claims the most common,
// as in Dutch debt counselling practice (assumption for a demo).
constexpr DemoCreditor kCreditors[] = {
    {"Demo Energie (fictief)", Sector::kEnergie, 15000, 250000},
    {"Stroom en Gas Voorbeeld (fictief)", Sector::kEnergie, 15000, 200000},
    {"Waterbedrijf Demodorp (fictief)", Sector::kWater, 5000, 60000},
    {"Woonstichting Demodorp (fictief)", Sector::kWoningcorporatie, 50000, 400000},
    {"Zorgverzekeraar Voorbeeld (fictief)", Sector::kZorgverzekeraar, 10000, 300000},
    {"Rijksincasso Voorbeeld (fictief)", Sector::kOverheid, 10000, 500000},
    {"Toeslagen Terugvordering Demo (fictief)", Sector::kOverheid, 20000, 600000},
    {"Gemeentebelastingen Demodorp (fictief)", Sector::kOverheid, 5000, 80000},
    {"Studiefinanciering Demo (fictief)", Sector::kOverheid, 30000, 900000},
    {"Telefonie Voorbeeld (fictief)", Sector::kCommercieel, 5000, 120000},
    {"Webwinkel Demo (fictief)", Sector::kCommercieel, 2000, 80000},
    {"Incassobureau Voorbeeld (fictief)", Sector::kCommercieel, 5000, 150000},
    {"Kredietverstrekker Demo (fictief)", Sector::kCommercieel, 50000, 1500000},
    {"Sportschool Voorbeeld (fictief)", Sector::kCommercieel, 3000, 30000},
    {"Verzekeraar Voorbeeld (fictief)", Sector::kCommercieel, 3000, 50000},
};
constexpr int kCreditorWeights[] = {6, 4, 5, 5, 7, 8, 6, 5, 3, 8, 10, 10, 4, 3, 3};
constexpr uint64_t kCreditorIbanBase = 7'000'000'000;

// Claims per household: log-normal, median 12, so the mean is about 14; at most 40.
constexpr double kClaimsLogMedian = 2.48;  // ln(12)
constexpr double kClaimsLogSigma = 0.55;
// Collection costs on a commercial claim, shaped like the Besluit vergoeding voor
// buitengerechtelijke incassokosten (15 % of the first EUR 2,500, at least EUR 40).
constexpr int64_t kBikBase = 250000;
constexpr int64_t kBikMinimum = 4000;

}  // namespace

Result<std::vector<DemoDossier>> GenerateDemoDossiers(const rules::ParameterSet& set, uint64_t seed,
                                                      size_t n, Date first, Date last,
                                                      const std::string& gemeente) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  std::discrete_distribution<size_t> creditor(std::begin(kCreditorWeights),
                                              std::end(kCreditorWeights));
  std::lognormal_distribution<double> claims(kClaimsLogMedian, kClaimsLogSigma);
  const int32_t span = std::max(0, last.days_since_epoch() - first.days_since_epoch());
  std::vector<DemoDossier> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    DemoDossier dd;
    NewDossier& d = dd.dossier;
    d.household_ref = "DEMO-" + std::to_string(seed) + "-" + std::to_string(i + 1);
    d.gemeente = gemeente;
    d.registered = first.AddDays(static_cast<int32_t>(pick(0, span)));
    const bool couple = pick(1, 100) <= 25;  // assumption: a quarter are couples
    const bool children = pick(1, 100) <= 40;
    Finances& f = d.finances;
    f.huishouden = couple ? (children ? bvv::Huishouden::kGehuwdenMetKinderen
                                      : bvv::Huishouden::kGehuwdenZonderKinderen)
                          : (children ? bvv::Huishouden::kAlleenstaandeOuder
                                      : bvv::Huishouden::kAlleenstaande);
    f.adults = couple ? 2 : 1;
    NABIJ_ASSIGN_OR_RETURN(
        const rules::Value* norm,
        set.Find(couple ? "pw.norm.gehuwden_21_tot_aow" : "pw.norm.alleenstaande_21_tot_aow",
                 d.registered));
    f.op_bijstand = true;
    f.bijstandsnorm = norm->amount;
    // The norm, plus for some a part-time income of which the vrijlating is kept (assumption).
    f.net_income =
        f.bijstandsnorm + (pick(1, 100) <= 20 ? Money::Cents(pick(2000, 25000)) : Money::Zero());
    f.housing_costs = Money::Cents(pick(45000, 110000));
    f.other_fixed_costs = Money::Cents(pick(10000, 40000));
    const int count = std::clamp(static_cast<int>(std::lround(claims(rng))), 1, kDemoMaxClaims);
    for (int k = 0; k < count; ++k) {
      const size_t ci = creditor(rng);
      const DemoCreditor& cr = kCreditors[ci];
      Claim c;
      c.seq = k + 1;
      c.creditor = cr.name;
      c.creditor_iban = DemoIban(kCreditorIbanBase + ci);
      c.creditor_reference = "K" + std::to_string(seed % 1000) + "-" + std::to_string(i + 1) + "-" +
                             std::to_string(k + 1);
      c.sector = cr.sector;
      c.principal = Money::Cents(pick(cr.min_cents, cr.max_cents));
      c.interest = MulDiv(c.principal, pick(0, 12), 100, Rounding::kHalfUp);
      if (cr.sector == Sector::kCommercieel) {
        c.collection_costs =
            Max(Money::Cents(kBikMinimum),
                MulDiv(Min(c.principal, Money::Cents(kBikBase)), 15, 100, Rounding::kHalfUp));
      }
      c.verification = pick(1, 100) <= 70 ? Verification::kConfirmed : Verification::kUnverified;
      dd.claims.push_back(std::move(c));
    }
    out.push_back(std::move(dd));
  }
  return out;
}

Result<std::string> SimulateCreditorAnswers(std::string_view offers_csv, uint64_t seed, Date date) {
  // Read the offers back with the answers parser's CSV rules: columns by name.
  std::mt19937_64 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::string out = "dossier;vordering;ronde;antwoord;datum;tegenbod\r\n";
  size_t pos = offers_csv.find('\n');
  if (pos == std::string_view::npos) return out;
  std::string_view rest = offers_csv.substr(pos + 1);
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    // dossier;vordering;schuldeiser;kenmerk;ronde;vordering_totaal;percentage;aanbod;reageren_voor
    // (the demo's names and references never contain ';' or quotes)
    std::vector<std::string_view> f;
    size_t s = 0;
    for (;;) {
      size_t e = line.find(';', s);
      f.push_back(line.substr(s, e == std::string_view::npos ? std::string_view::npos : e - s));
      if (e == std::string_view::npos) break;
      s = e + 1;
    }
    if (f.size() != 9) return InvalidArgument("not an offers file (aanbiedingen)", "offers");
    const int roll =
        pick(1, 100);  // assumption: 55 % accept, 20 % reject, 10 % counter, 15 % silent
    std::string kind;
    std::string counter;
    if (roll <= 55) {
      kind = "akkoord";
    } else if (roll <= 75) {
      kind = "afwijzing";
    } else if (roll <= 85) {
      kind = "tegenvoorstel";
      // Asks the offer plus a tenth of the claim, never more than the claim.
      const int64_t total = std::stoll(std::string(f[5]));
      const int64_t offer = std::stoll(std::string(f[7]));
      counter = std::to_string(std::min(total, offer + total / 10));
    } else {
      continue;
    }
    out += std::string(f[0]) + ";" + std::string(f[1]) + ";" + std::string(f[4]) + ";" + kind +
           ";" + date.ToString() + ";" + counter + "\r\n";
  }
  return out;
}

}  // namespace nabij::debt
