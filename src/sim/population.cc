#include "sim/population.h"

#include <algorithm>
#include <array>

namespace nabij::sim {
namespace {

// Every share below is per mille and documented, with its source or as an assumption, in
// docs/population.md. Change the two together.
constexpr int kPerMille = 1000;

// The random streams of one household, so that one draw never shifts another.
enum class Stream : uint64_t { kKind = 1, kBody = 2, kGemeente = 3 };

// SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijection with good avalanche.
constexpr uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// SplitMix64 as a stream: small, fast, integer-only, identical on every platform.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t index, Stream stream)
      : state_(Mix64(Mix64(seed ^ kGolden) + index * kGolden + static_cast<uint64_t>(stream))) {}

  uint64_t Next() {
    state_ += kGolden;
    return Mix64(state_);
  }
  // Uniform in [0, n) by multiply-shift (Lemire); the bias for n < 2^32 is below 2^-32.
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64); }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1))); }
  int Between(int lo, int hi) { return static_cast<int>(Between(static_cast<int64_t>(lo), static_cast<int64_t>(hi))); }
  // True with chance per_mille / 1000.
  bool Chance(int per_mille) { return static_cast<int>(Below(kPerMille)) < per_mille; }

  // Index of the entry drawn from per-mille weights that sum to 1000.
  template <size_t N>
  size_t Pick(const std::array<int, N>& weights) {
    int r = static_cast<int>(Below(kPerMille));
    for (size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return N - 1;
  }

 private:
  static constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ULL;
  uint64_t state_;
};

struct AgeBand {
  int per_mille;
  int min_age;
  int max_age;
};

template <size_t N>
constexpr bool SumsToThousand(const std::array<AgeBand, N>& bands) {
  int s = 0;
  for (const AgeBand& b : bands) s += b.per_mille;
  return s == kPerMille;
}
template <size_t N>
constexpr bool SumsToThousand(const std::array<int, N>& w) {
  int s = 0;
  for (int x : w) s += x;
  return s == kPerMille;
}

// Household kinds, in the order of HouseholdKind.
constexpr std::array<int, 5> kKindShares{630, 10, 210, 70, 80};
static_assert(SumsToThousand(kKindShares));

// Age of the applicant on the month's first day, by household kind.
constexpr std::array<AgeBand, 5> kSingleAges{{{30, 18, 20}, {80, 21, 26}, {320, 27, 44}, {480, 45, 66}, {90, 67, 85}}};
constexpr std::array<AgeBand, 2> kInrichtingAges{{{300, 27, 44}, {700, 45, 66}}};
constexpr std::array<AgeBand, 4> kParentAges{{{10, 18, 20}, {80, 21, 26}, {600, 27, 44}, {310, 45, 66}}};
constexpr std::array<AgeBand, 5> kCoupleAges{{{10, 18, 20}, {40, 21, 26}, {380, 27, 44}, {460, 45, 66}, {110, 67, 85}}};
static_assert(SumsToThousand(kSingleAges) && SumsToThousand(kInrichtingAges) && SumsToThousand(kParentAges) &&
              SumsToThousand(kCoupleAges));
constexpr int kPartnerAgeSpread = 6;  // partner's age within applicant's ± this many years

// Number of children under 18 (1..5) in households with children.
constexpr std::array<int, 5> kChildCountShares{450, 350, 140, 45, 15};
static_assert(SumsToThousand(kChildCountShares));
// Age of the youngest child: 0-4, 5-9, 10-17 (CBS 2007, single parents with bijstand).
constexpr std::array<AgeBand, 3> kYoungestChildAges{{{340, 0, 4}, {290, 5, 9}, {370, 10, 17}}};
static_assert(SumsToThousand(kYoungestChildAges));
constexpr int kMinParentAgeAtBirth = 17;

// Housemates: chance of any, by kind (single parents, couples); young singles mostly live with parents.
constexpr int kHousematesSingle = 270;
constexpr int kHousematesYoungSingle = 500;  // single applicants under 27
constexpr int kHousematesSingleParent = 120;
constexpr int kHousematesCouple = 80;
constexpr std::array<int, 4> kHousemateCountShares{750, 180, 50, 20};  // 1..4 housemates
static_assert(SumsToThousand(kHousemateCountShares));
// Who the housemate is: adult child, parent, sibling, unrelated.
constexpr std::array<int, 4> kHousemateTypeShares{350, 150, 100, 400};
static_assert(SumsToThousand(kHousemateTypeShares));
constexpr int kCommercialContract = 250;   // of unrelated housemates
constexpr int kThirdPartyContract = 100;   // of unrelated housemates without a commercial contract
constexpr int kStudentWsf = 300;           // of housemates aged 18-29
constexpr int kStudentBbl = 50;
constexpr int kStudentWtos = 20;
constexpr int kStudentAbroad = 10;
constexpr int kMantelzorgElsewhere = 10;   // of households with housemates

// Income.
constexpr int kWorkBelowAow = 85;          // applicant or partner with part-time work (Divosa: 8 %)
constexpr int kWorkSingleParent = 100;
constexpr int kWorkAow = 20;
constexpr std::array<int, 4> kWorkBucketShares{300, 400, 250, 50};
constexpr std::array<std::array<int64_t, 2>, 4> kWorkBucketCents{
    {{5000, 30000}, {30000, 70000}, {70000, 120000}, {120000, 180000}}};
static_assert(SumsToThousand(kWorkBucketShares));
constexpr int kMaxMonthsWorking = 36;      // months since the work started, uniform 1..36
constexpr int kNPeriodMonths = 6;          // Pw art. 31 lid 2 onder n: r starts after it
constexpr int kRChildAge = 12;             // onder r: youngest child under 12
constexpr int kPibLongPeriod = 12;
constexpr int kPibExtended = 50;           // of workers past 12 months under art. 34a
constexpr int kMedischUrenbeperkt = 30;    // of adults below AOW age
constexpr int kDoelgroepLks = 20;          // of workers below AOW age
constexpr int kLksAa = 300;                // of the loonkostensubsidie group
constexpr int kOtherIncome = 120;
constexpr int64_t kOtherIncomeMin = 2500, kOtherIncomeMax = 60000;
constexpr int kPremie = 5;
constexpr int64_t kPremieMin = 10000, kPremieMax = 150000, kPremieEarlierMax = 250000;
constexpr int kGiften = 20;
constexpr int64_t kGiftenMin = 2000, kGiftenMax = 50000, kGiftenEarlierMax = 150000;
constexpr int kPartnerNotEntitled = 40;    // of couples

// Household.
constexpr std::array<int, 3> kVermogenShares{650, 320, 30};  // none, below the limit, above it
static_assert(SumsToThousand(kVermogenShares));
constexpr int64_t kVermogenSmallMax = 400000, kVermogenLargeMin = 800000, kVermogenLargeMax = 3000000;
constexpr int kEigenWoning = 30;
constexpr int64_t kEigenWoningMax = 8000000;
constexpr int kParentsCannotSupport = 250;  // of single applicants aged 18-20
constexpr int kInrichtingVerhoging = 300;   // of residents of an institution
constexpr int kDaysInYear = 365;

Date BornAged(Rng& rng, Date first, int age) {
  // Age `age` on `first`: born on or before first - age years, after first - (age + 1) years.
  return first.AddYears(-age).AddDays(-static_cast<int32_t>(rng.Below(kDaysInYear)));
}

template <size_t N>
int DrawAge(Rng& rng, const std::array<AgeBand, N>& bands) {
  int r = static_cast<int>(rng.Below(kPerMille));
  for (const AgeBand& b : bands) {
    if (r < b.per_mille) return rng.Between(b.min_age, b.max_age);
    r -= b.per_mille;
  }
  return bands.back().max_age;
}

constexpr int kAowAgeYears = 67;  // for the draws only; the engine takes the AOW age from rules/

void DrawIncome(Rng& rng, pw::Adult& a, int age, bool single_parent_young_child, bool is_partner) {
  const bool aow = age >= kAowAgeYears;
  const int work = aow ? kWorkAow : (single_parent_young_child ? kWorkSingleParent : kWorkBelowAow);
  if (!aow) {
    a.medisch_urenbeperkt = rng.Chance(kMedischUrenbeperkt);
  }
  if (rng.Chance(work)) {
    const auto& bucket = kWorkBucketCents[rng.Pick(kWorkBucketShares)];
    a.work_income = Money::Cents(rng.Between(bucket[0], bucket[1]));
    const int months = rng.Between(1, kMaxMonthsWorking);
    a.periods.n_month = static_cast<uint8_t>(months);
    a.periods.pib_month = static_cast<uint8_t>(months);
    if (single_parent_young_child && !is_partner && months > kNPeriodMonths) {
      a.periods.r_month = static_cast<uint8_t>(months - kNPeriodMonths);
    }
    if (months > kPibLongPeriod) a.periods.pib_extended = rng.Chance(kPibExtended);
    if (!aow && rng.Chance(kDoelgroepLks)) {
      a.doelgroep_lks = true;
      a.periods.z_month = static_cast<uint8_t>(months);
      a.periods.aa = rng.Chance(kLksAa);
    }
  }
  if (rng.Chance(kOtherIncome)) a.other_income = Money::Cents(rng.Between(kOtherIncomeMin, kOtherIncomeMax));
  if (rng.Chance(kPremie)) {
    a.premie = Money::Cents(rng.Between(kPremieMin, kPremieMax));
    a.premie_earlier = Money::Cents(rng.Between(int64_t{0}, kPremieEarlierMax));
  }
  if (rng.Chance(kGiften)) {
    a.giften = Money::Cents(rng.Between(kGiftenMin, kGiftenMax));
    a.giften_earlier = Money::Cents(rng.Between(int64_t{0}, kGiftenEarlierMax));
  }
}

pw::Housemate DrawHousemate(Rng& rng, Date first, int applicant_age) {
  pw::Housemate h;
  int age = 0;
  constexpr int kAdult = 18, kOldest = 95, kGeneration = 20, kGenerationSpread = 12, kSiblingSpread = 8;
  constexpr int kStudentMaxAge = 29, kAdultChildMaxAge = 30;
  switch (rng.Pick(kHousemateTypeShares)) {
    case 0:  // adult child
      h.relation = pw::Relation::kFirstDegree;
      age = rng.Between(kAdult, std::max(kAdult, std::min(kAdultChildMaxAge, applicant_age - kGeneration)));
      break;
    case 1:  // parent
      h.relation = pw::Relation::kFirstDegree;
      age = std::min(kOldest, applicant_age + kGeneration + rng.Between(0, kGenerationSpread));
      break;
    case 2:  // sibling
      h.relation = pw::Relation::kSecondDegree;
      age = std::max(kAdult, applicant_age + rng.Between(-kSiblingSpread, kSiblingSpread));
      break;
    default:  // unrelated
      age = std::max(kAdult, applicant_age + rng.Between(-2 * kSiblingSpread, 2 * kSiblingSpread));
      h.commercial_contract = rng.Chance(kCommercialContract);
      if (!h.commercial_contract) h.third_party_contract = rng.Chance(kThirdPartyContract);
      break;
  }
  if (age <= kStudentMaxAge) {
    int r = static_cast<int>(rng.Below(kPerMille));
    if (r < kStudentWsf) {
      h.education = pw::Education::kWsf;
    } else if ((r -= kStudentWsf) < kStudentBbl) {
      h.education = pw::Education::kBbl;
    } else if ((r -= kStudentBbl) < kStudentWtos) {
      h.education = pw::Education::kWtos;
    } else if ((r -= kStudentWtos) < kStudentAbroad) {
      h.education = pw::Education::kAbroad;
    }
  }
  h.birth = BornAged(rng, first, age);
  return h;
}

}  // namespace

HouseholdKind GeneratedKind(uint64_t seed, uint64_t index) {
  Rng rng(seed, index, Stream::kKind);
  return static_cast<HouseholdKind>(rng.Pick(kKindShares));
}

pw::CaseInput GenerateHousehold(uint64_t seed, uint64_t index, Month month) {
  const HouseholdKind kind = GeneratedKind(seed, index);
  Rng rng(seed, index, Stream::kBody);
  const Date first = month.first_day();
  pw::CaseInput in;
  in.month = month;

  int age = 0;
  switch (kind) {
    case HouseholdKind::kSingle: age = DrawAge(rng, kSingleAges); break;
    case HouseholdKind::kSingleInInrichting: age = DrawAge(rng, kInrichtingAges); break;
    case HouseholdKind::kSingleParent: age = DrawAge(rng, kParentAges); break;
    case HouseholdKind::kCouple:
    case HouseholdKind::kCoupleWithChildren: age = DrawAge(rng, kCoupleAges); break;
  }
  in.applicant.birth = BornAged(rng, first, age);

  const bool couple = kind == HouseholdKind::kCouple || kind == HouseholdKind::kCoupleWithChildren;
  const bool with_children = kind == HouseholdKind::kSingleParent || kind == HouseholdKind::kCoupleWithChildren;
  int partner_age = 0;
  if (couple) {
    in.has_partner = true;
    constexpr int kAdult = 18;
    partner_age = std::max(kAdult, age + rng.Between(-kPartnerAgeSpread, kPartnerAgeSpread));
    in.partner.birth = BornAged(rng, first, partner_age);
    in.partner.entitled = !rng.Chance(kPartnerNotEntitled);
  }
  int youngest_age = 0;
  if (with_children) {
    in.children = static_cast<uint8_t>(rng.Pick(kChildCountShares) + 1);
    const int parent_age = couple ? std::min(age, partner_age) : age;
    // A young parent cannot have an older child: the drawn age is capped by the parent's.
    youngest_age = std::min(DrawAge(rng, kYoungestChildAges), std::max(0, parent_age - kMinParentAgeAtBirth));
    in.youngest_child_birth = BornAged(rng, first, youngest_age);
  }

  const bool young_child = with_children && youngest_age < kRChildAge;
  DrawIncome(rng, in.applicant, age, kind == HouseholdKind::kSingleParent && young_child, false);
  if (couple) DrawIncome(rng, in.partner, partner_age, false, true);

  if (kind == HouseholdKind::kSingleInInrichting) {
    in.in_inrichting = true;
    in.inrichting_verhoging = rng.Chance(kInrichtingVerhoging);
  } else {
    constexpr int kYoungAge = 27;
    int chance = kHousematesSingle;
    if (kind == HouseholdKind::kSingle && age < kYoungAge) chance = kHousematesYoungSingle;
    if (kind == HouseholdKind::kSingleParent) chance = kHousematesSingleParent;
    if (couple) chance = kHousematesCouple;
    if (rng.Chance(chance)) {
      in.housemate_count = static_cast<uint8_t>(rng.Pick(kHousemateCountShares) + 1);
      for (size_t i = 0; i < in.housemate_count; ++i) in.housemates[i] = DrawHousemate(rng, first, age);
      in.mantelzorg_elsewhere = rng.Chance(kMantelzorgElsewhere);
    }
  }
  constexpr int kYouthNormUntil = 21;
  if (!couple && age < kYouthNormUntil) in.parents_cannot_support = rng.Chance(kParentsCannotSupport);

  switch (rng.Pick(kVermogenShares)) {
    case 0: break;
    case 1: in.vermogen = Money::Cents(rng.Between(int64_t{1}, kVermogenSmallMax)); break;
    default: in.vermogen = Money::Cents(rng.Between(kVermogenLargeMin, kVermogenLargeMax)); break;
  }
  if (rng.Chance(kEigenWoning)) in.eigen_woning_vermogen = Money::Cents(rng.Between(int64_t{0}, kEigenWoningMax));
  return in;
}

void GeneratePopulation(uint64_t seed, size_t n, Month month, std::vector<pw::CaseInput>& out) {
  out.clear();
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(GenerateHousehold(seed, i, month));
}

std::string_view GeneratedGemeente(uint64_t seed, uint64_t index, const std::vector<std::string_view>& gemeenten) {
  if (gemeenten.empty()) return {};
  Rng rng(seed, index, Stream::kGemeente);
  return gemeenten[static_cast<size_t>(rng.Below(gemeenten.size()))];
}

}  // namespace nabij::sim
