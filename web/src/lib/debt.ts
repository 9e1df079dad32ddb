// The debt fund's screens (docs/debt-fund.md): the API's shapes and their Dutch words. Pure, so it
// is unit tested (debt.test.ts).
import { ApiError } from './api';
import { dutchError, translateMessage } from './errors';

export interface DebtClock {
  dossier_id: number;
  days_elapsed: number;
  days_left: number;
  state: string;
  open_claims: number;
  escalated_claims: number;
}
export interface DebtDossierSummary {
  id: number;
  household_ref: string;
  gemeente: string;
  registered: string;
  status: string;
  claims: number;
  claims_total: number;
  owed: number;
  balance: number;
  clock: DebtClock;
}
export interface DebtDossiers {
  work_queue: DebtClock[];
  dossiers: DebtDossierSummary[];
}
export interface DebtOffer {
  round: number;
  percentage: string;
  amount: number;
  sent: string;
  answer_due: string;
  answer: { kind: string; date: string; counter_amount: number } | null;
}
export interface DebtClaim {
  seq: number;
  creditor: string;
  creditor_reference: string;
  sector: string;
  principal: number;
  interest: number;
  collection_costs: number;
  total: number;
  verification: string;
  status: string;
  settled_amount: number | null;
  settled_on: string | null;
  paid_on: string | null;
  offers: DebtOffer[];
}
export interface DebtPlan {
  regime: string;
  start: string;
  balance: number;
  affordable: number;
  monthly: number;
  term_months: number;
  agreed_on: string;
  arrears: number;
  months_behind: number;
}
export interface DebtDossierDoc extends DebtDossierSummary {
  finances: {
    huishouden: string;
    op_bijstand: boolean;
    bijstandsnorm: number;
    net_income: number;
    housing_costs: number;
    adults: number;
    other_fixed_costs: number;
  };
  claims_detail: DebtClaim[];
  benefit_case: number | null; // the benefit case the payment run withholds the instalment from
  plan: DebtPlan | null;
  repayments: { month: string; date: string; amount: number; source: string }[];
  forgiveness: { milestone: string; date: string; confirmed_by: string; amount: number; clawed_back: number }[];
  repaid: number;
  forgiven: number;
}
export interface DebtOverviewDoc {
  dossier_id: number;
  status: string;
  paid_by_fund: number;
  balance: number;
  monthly: number;
  last_month: string | null;
  arrears: number;
  forgiven: number;
  milestones: { kind: string; forgives: number }[];
  lines: string[];
}
export interface DebtFiguresDoc {
  from: string;
  until: string;
  restructured: number;
  average_days: number;
  within_clock: number;
  first_offer_answered: number;
  first_offer_accepted: number;
  claims_settled_total: number;
  settled_amount: number;
  debt_free: number;
  forgiven: number;
}

/** The milestone kinds the server knows (api/openapi.yaml), in the order of the buttons. */
export const MILESTONE_KINDS = ['budgetcursus', 'participatie_trede', 'baan', 'diploma'] as const;

const MILESTONE_NL: Record<string, string> = {
  budgetcursus: 'Budgetcursus afgerond',
  participatie_trede: 'Trede hoger op de participatieladder',
  baan: 'Betaald werk gevonden',
  diploma: 'Diploma behaald',
  einde_looptijd: 'Rest kwijtgescholden na de looptijd',
};
// The same milestones as the household reads them (its own view, plain Dutch).
const MILESTONE_HOUSEHOLD_NL: Record<string, string> = {
  budgetcursus: 'Een budgetcursus afmaken',
  participatie_trede: 'Een stap zetten naar werk of meedoen',
  baan: 'Betaald werk vinden',
  diploma: 'Een diploma halen',
};
const DOSSIER_STATUS_NL: Record<string, string> = {
  intake: 'intake',
  gesaneerd: 'gesaneerd',
  aflossing: 'lost af',
  schuldenvrij: 'schuldenvrij',
  afspraken_verbroken: 'afspraken verbroken',
};
const CLOCK_NL: Record<string, string> = {
  op_schema: 'op schema',
  risico: 'risico',
  te_laat: 'te laat',
  op_tijd_klaar: 'op tijd klaar',
  te_laat_klaar: 'te laat klaar',
};
const CLAIM_STATUS_NL: Record<string, string> = {
  open: 'open',
  aangeboden: 'aanbod gedaan',
  geescaleerd: 'geëscaleerd',
  akkoord: 'akkoord',
  betaald: 'betaald',
};
const SECTOR_NL: Record<string, string> = {
  energie: 'energie',
  water: 'water',
  woningcorporatie: 'woningcorporatie',
  zorgverzekeraar: 'zorgverzekeraar',
  overheid: 'overheid',
  commercieel: 'commercieel',
};
const ANSWER_NL: Record<string, string> = {
  akkoord: 'akkoord',
  afwijzing: 'afgewezen',
  tegenvoorstel: 'tegenvoorstel',
  geen_reactie: 'geen reactie',
};
const REGIME_NL: Record<string, string> = {
  studieschuld: 'zoals een studieschuld (draagkracht, hooguit 15 jaar)',
  klassiek18: 'klassiek, 18 maanden',
  klassiek36: 'klassiek, 36 maanden',
};
const HUISHOUDEN_NL: Record<string, string> = {
  alleenstaande: 'alleenstaande',
  alleenstaande_ouder: 'alleenstaande ouder',
  gehuwden_zonder_kinderen: 'gehuwden of samenwonenden zonder kinderen',
  gehuwden_met_kinderen: 'gehuwden of samenwonenden met kinderen',
};
const SOURCE_NL: Record<string, string> = { uitkering: 'ingehouden op de uitkering', zelf: 'zelf betaald' };

const word = (table: Record<string, string>) => (key: string) => table[key] ?? key.replace(/_/g, ' ');
export const milestoneNl = word(MILESTONE_NL);
export const milestoneForHouseholdNl = word(MILESTONE_HOUSEHOLD_NL);
export const dossierStatusNl = word(DOSSIER_STATUS_NL);
export const clockStateNl = word(CLOCK_NL);
export const claimStatusNl = word(CLAIM_STATUS_NL);
export const sectorNl = word(SECTOR_NL);
export const answerNl = word(ANSWER_NL);
export const regimeNl = word(REGIME_NL);
export const huishoudenNl = word(HUISHOUDEN_NL);
export const repaymentSourceNl = word(SOURCE_NL);

/** True for the clock states that need the worker now (the server's work queue holds only these). */
export function clockUrgent(state: string): boolean {
  return state === 'te_laat' || state === 'risico';
}

/** "12 dagen over", "1 dag over", "3 dagen te laat"; a finished clock shows the days it took. */
export function daysLeftText(c: DebtClock): string {
  if (c.state === 'op_tijd_klaar' || c.state === 'te_laat_klaar') return `klaar na ${c.days_elapsed} ${c.days_elapsed === 1 ? 'dag' : 'dagen'}`;
  const n = Math.abs(c.days_left);
  const days = `${n} ${n === 1 ? 'dag' : 'dagen'}`;
  return c.days_left < 0 ? `${days} te laat` : `${days} over`;
}

/** The work queue with each dossier's summary, in the server's order (late first, then fewest days left). */
export function queueRows(doc: DebtDossiers): { clock: DebtClock; dossier: DebtDossierSummary | undefined }[] {
  const byId = new Map(doc.dossiers.map((d) => [d.id, d]));
  return doc.work_queue.map((clock) => ({ clock, dossier: byId.get(clock.dossier_id) }));
}

/** The other dossiers (not in the work queue), open ones first, then by id. */
export function otherDossiers(doc: DebtDossiers): DebtDossierSummary[] {
  const queued = new Set(doc.work_queue.map((c) => c.dossier_id));
  const rank = (s: string) => (s === 'intake' ? 0 : s === 'schuldenvrij' ? 2 : 1);
  return doc.dossiers.filter((d) => !queued.has(d.id)).sort((a, b) => rank(a.status) - rank(b.status) || a.id - b.id);
}

/** A share as a Dutch percentage with at most one decimal: (3, 4) -> "75%", (1, 3) -> "33,3%"; no total: "–". */
export function percentNl(part: number, total: number): string {
  if (!total) return '–';
  const tenths = Math.round((part * 1000) / total);
  return `${Math.floor(tenths / 10)}${tenths % 10 ? ',' + (tenths % 10) : ''}%`;
}

/** A number of days with one decimal, Dutch: 23.5 -> "23,5". */
export function daysNl(days: number): string {
  if (!Number.isFinite(days)) return '–';
  return (Math.round(days * 10) / 10).toString().replace('.', ',');
}

/** What a refused milestone shows: the head line and the server's own (Dutch) reason, e.g.
 *  "Dit bestaat al. Mijlpaal budgetcursus is al bevestigd." */
export function milestoneError(e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  const body = e.body;
  if (!body?.message || e.status === 0 || e.status >= 500 || e.status === 401) return e.message;
  const head = dutchError(e.status, { code: body.code });
  const reason = translateMessage(body.message);
  return `${head} ${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
}
