#include "pw/params.h"

namespace nabij::pw {
namespace {

class Reader {
 public:
  Reader(const rules::ParameterSet& set, Date date, std::string_view gemeente)
      : set_(set), date_(date), gemeente_(gemeente) {}

  // A figure every calculation needs: missing is an error.
  template <typename T>
  void Required(Fixed<T>& out, std::string_view id) {
    Read(out, id, true);
  }
  // A figure that holds only in some months (a rule that starts later, or ended).
  template <typename T>
  void Optional(Fixed<T>& out, std::string_view id) {
    Read(out, id, false);
  }
  const Status& status() const { return status_; }

 private:
  template <typename T>
  void Read(Fixed<T>& out, std::string_view id, bool required) {
    if (!status_.ok()) return;
    auto v = set_.Find(id, date_, gemeente_);
    if (!v.ok()) {
      if (required || v.error().code() != ErrorCode::kRuleMissing) status_ = v.error();
      return;
    }
    out.param = set_.Get(id);
    out.source = *v;
    if constexpr (std::is_same_v<T, Money>) {
      Expect(out.param->type, rules::ValueType::kAmount, id);
      out.value = (*v)->amount;
    } else if constexpr (std::is_same_v<T, Ratio>) {
      Expect(out.param->type, rules::ValueType::kPercentage, id);
      out.value = (*v)->ratio;
    } else if constexpr (std::is_same_v<T, int64_t>) {
      Expect(out.param->type, rules::ValueType::kCount, id);
      out.value = (*v)->count;
    } else {
      Expect(out.param->type, rules::ValueType::kDate, id);
      out.value = (*v)->date;
    }
  }
  void Expect(rules::ValueType got, rules::ValueType want, std::string_view id) {
    if (got != want && status_.ok()) {
      status_ = Status(ErrorCode::kParseError,
                       "the engine reads this parameter as " + std::string(rules::ValueTypeName(want)) +
                           ", but rules/ declares it " + std::string(rules::ValueTypeName(got)),
                       std::string(id));
    }
  }

  const rules::ParameterSet& set_;
  Date date_;
  std::string_view gemeente_;
  Status status_;
};

}  // namespace

Result<Params> Snapshot(const rules::ParameterSet& set, Month month, std::string_view gemeente) {
  Params p;
  p.month = month;
  p.gemeente = std::string(gemeente);
  const Date first = month.first_day();
  Reader r(set, first, gemeente);
  r.Required(p.alleenstaande_18_20, "pw.norm.alleenstaande_18_20");
  r.Required(p.gehuwden_18_20, "pw.norm.gehuwden_18_20");
  r.Required(p.gehuwden_18_20_en_21plus, "pw.norm.gehuwden_18_20_en_21plus");
  r.Required(p.alleenstaande_ouder_18_20, "pw.norm.alleenstaande_ouder_18_20");
  r.Required(p.gehuwden_18_20_met_kinderen, "pw.norm.gehuwden_18_20_met_kinderen");
  r.Required(p.gehuwden_18_20_en_21plus_met_kinderen, "pw.norm.gehuwden_18_20_en_21plus_met_kinderen");
  r.Optional(p.verhoging_jongere_geen_onderhoud, "pw.norm.verhoging_jongere_ouders_geen_onderhoud");
  r.Required(p.alleenstaande_21_tot_aow, "pw.norm.alleenstaande_21_tot_aow");
  r.Required(p.gehuwden_21_tot_aow, "pw.norm.gehuwden_21_tot_aow");
  r.Required(p.alleenstaande_aow, "pw.norm.alleenstaande_aow");
  r.Required(p.gehuwden_aow, "pw.norm.gehuwden_aow");
  r.Required(p.gehuwden_een_aow, "pw.norm.gehuwden_een_aow");
  r.Required(p.inrichting_alleenstaande, "pw.norm.inrichting_alleenstaande");
  r.Required(p.inrichting_gehuwden, "pw.norm.inrichting_gehuwden");
  r.Required(p.inrichting_verhoging_alleenstaande, "pw.norm.inrichting_verhoging_alleenstaande");
  r.Required(p.inrichting_verhoging_gehuwden, "pw.norm.inrichting_verhoging_gehuwden");
  r.Required(p.vakantietoeslag, "pw.vakantietoeslag.percentage");
  r.Required(p.art24, "pw.art24.percentage");
  r.Required(p.volwassenennorm_leeftijd, "pw.leeftijd.volwassenennorm");
  r.Required(p.aow_leeftijd_maanden, "aow.pensioenleeftijd");
  r.Required(p.kdm_basis, "pw.kostendelers.basispercentage");
  r.Required(p.kdm_per_persoon, "pw.kostendelers.percentage_per_persoon");
  r.Required(p.kdm_minimumleeftijd, "pw.kostendelers.minimumleeftijd");
  r.Required(p.kdm_jongere_partner_met_kinderen, "pw.kostendelers.jongere_partner_met_kinderen");
  r.Required(p.kdm_jongere_partner_zonder_kinderen, "pw.kostendelers.jongere_partner_zonder_kinderen");
  r.Required(p.vrijlating_minimumleeftijd, "pw.vrijlating.minimumleeftijd");
  r.Required(p.n_pct, "pw.vrijlating.n.percentage");
  r.Required(p.n_max, "pw.vrijlating.n.maximum");
  r.Required(p.n_maanden, "pw.vrijlating.n.maanden");
  r.Required(p.r_pct, "pw.vrijlating.r.percentage");
  r.Required(p.r_max, "pw.vrijlating.r.maximum");
  r.Required(p.r_maanden, "pw.vrijlating.r.maanden");
  r.Required(p.r_leeftijd_kind, "pw.vrijlating.r.leeftijd_kind");
  r.Required(p.y_pct, "pw.vrijlating.y.percentage");
  r.Required(p.y_max, "pw.vrijlating.y.maximum");
  r.Required(p.z_pct, "pw.vrijlating.z.percentage");
  r.Required(p.z_max, "pw.vrijlating.z.maximum");
  r.Required(p.z_maanden, "pw.vrijlating.z.maanden");
  r.Required(p.aa_pct, "pw.vrijlating.aa.percentage");
  r.Required(p.aa_max, "pw.vrijlating.aa.maximum");
  r.Required(p.j_max_per_jaar, "pw.vrijlating.j.maximum");
  r.Optional(p.giften_vrij_per_jaar, "pw.giften.vrij_per_jaar");
  r.Optional(p.giften_gemeentelijk_per_jaar, "pw.giften.gemeentelijk_beleid_per_jaar");
  r.Optional(p.pib_ingangsdatum, "pw.pib.ingangsdatum_bijverdienregels");
  r.Optional(p.pib_pct, "pw.pib.34a.percentage");
  r.Optional(p.pib_urenbeperkt_pct, "pw.pib.34a.urenbeperkt_percentage");
  r.Optional(p.pib_aow_pct, "pw.pib.34a.aow_percentage");
  r.Optional(p.pib_aow_max, "pw.pib.34a.aow_maximum");
  r.Optional(p.pib_maanden, "pw.pib.34a.maanden");
  r.Required(p.vermogen_alleenstaande, "pw.vermogensgrens.alleenstaande");
  r.Required(p.vermogen_alleenstaande_ouder, "pw.vermogensgrens.alleenstaande_ouder");
  r.Required(p.vermogen_gehuwden, "pw.vermogensgrens.gehuwden");
  r.Required(p.vermogen_eigen_woning, "pw.vermogensgrens.eigen_woning");
  if (!r.status().ok()) return r.status();

  constexpr int kAdult = 18;
  p.born_by_18 = first.AddYears(-kAdult);
  p.born_by_21 = first.AddYears(-static_cast<int>(p.volwassenennorm_leeftijd.value));
  p.born_by_27_kdm = first.AddYears(-static_cast<int>(p.kdm_minimumleeftijd.value));
  p.born_by_27_vrijlating = first.AddYears(-static_cast<int>(p.vrijlating_minimumleeftijd.value));
  p.born_by_aow = first.AddMonths(-static_cast<int>(p.aow_leeftijd_maanden.value));
  p.in_balans_by_date = p.pib_ingangsdatum.present() && first >= p.pib_ingangsdatum.value;
  return p;
}

}  // namespace nabij::pw
