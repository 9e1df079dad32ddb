import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { daysLeftText, daysNl, milestoneError, milestoneForHouseholdNl, milestoneNl, otherDossiers, percentNl, queueRows, type DebtClock, type DebtDossierSummary } from './debt';

const clock = (id: number, state: string, days_left: number, days_elapsed = 28 - days_left): DebtClock => ({
  dossier_id: id,
  days_elapsed,
  days_left,
  state,
  open_claims: 1,
  escalated_claims: 0,
});
const dossier = (id: number, status: string, c: DebtClock): DebtDossierSummary => ({
  id,
  household_ref: `H${id}`,
  gemeente: '9999',
  registered: '2026-11-01',
  status,
  claims: 3,
  claims_total: 100000,
  owed: 0,
  balance: 0,
  clock: c,
});

describe('daysLeftText', () => {
  it('counts the days left, or late, in Dutch', () => {
    expect(daysLeftText(clock(1, 'risico', 3))).toBe('3 dagen over');
    expect(daysLeftText(clock(1, 'risico', 1))).toBe('1 dag over');
    expect(daysLeftText(clock(1, 'te_laat', -12))).toBe('12 dagen te laat');
    expect(daysLeftText(clock(1, 'op_schema', 0))).toBe('0 dagen over');
  });
  it('shows the days it took once the clock stopped', () => {
    expect(daysLeftText(clock(1, 'op_tijd_klaar', 12, 16))).toBe('klaar na 16 dagen');
    expect(daysLeftText(clock(1, 'te_laat_klaar', -1, 29))).toBe('klaar na 29 dagen');
  });
});

describe('work queue and the other dossiers', () => {
  const late = clock(7, 'te_laat', -3);
  const risk = clock(2, 'risico', 4);
  const doc = {
    work_queue: [late, risk],
    dossiers: [
      dossier(2, 'intake', risk),
      dossier(3, 'schuldenvrij', clock(3, 'op_tijd_klaar', 10)),
      dossier(4, 'aflossing', clock(4, 'op_tijd_klaar', 5)),
      dossier(5, 'intake', clock(5, 'op_schema', 20)),
      dossier(7, 'intake', late),
    ],
  };
  it('keeps the server order of the queue and joins each dossier', () => {
    const rows = queueRows(doc);
    expect(rows.map((r) => r.clock.dossier_id)).toEqual([7, 2]);
    expect(rows[0].dossier?.household_ref).toBe('H7');
  });
  it('lists the rest: intake first, debt-free last', () => {
    expect(otherDossiers(doc).map((d) => d.id)).toEqual([5, 4, 3]);
  });
  it('tolerates a queued dossier missing from the list', () => {
    expect(queueRows({ work_queue: [clock(99, 'te_laat', -1)], dossiers: [] })[0].dossier).toBeUndefined();
  });
});

describe('figures', () => {
  it('percentages in Dutch with at most one decimal', () => {
    expect(percentNl(3, 4)).toBe('75%');
    expect(percentNl(1, 3)).toBe('33,3%');
    expect(percentNl(2, 3)).toBe('66,7%');
    expect(percentNl(0, 5)).toBe('0%');
    expect(percentNl(5, 0)).toBe('–');
  });
  it('days with a decimal comma', () => {
    expect(daysNl(35.4)).toBe('35,4');
    expect(daysNl(21)).toBe('21');
    expect(daysNl(NaN)).toBe('–');
  });
});

describe('milestones', () => {
  it('have Dutch names, unknown kinds readable', () => {
    expect(milestoneNl('baan')).toBe('Betaald werk gevonden');
    expect(milestoneNl('iets_anders')).toBe('iets anders');
    expect(milestoneForHouseholdNl('diploma')).toBe('Een diploma halen');
  });
  it('a refusal shows the head line and the server reason', () => {
    const e = new ApiError(409, { code: 'already_exists', message: 'mijlpaal budgetcursus is al bevestigd', field: 'milestone' });
    expect(milestoneError(e)).toBe('Dit bestaat al. Mijlpaal budgetcursus is al bevestigd.');
    const p = new ApiError(409, { code: 'failed_precondition', message: 'dossier 3 is intake: kwijtschelding kan pas na de sanering' });
    expect(milestoneError(p)).toBe('Dit kan nu niet. Dossier 3 is intake: kwijtschelding kan pas na de sanering.');
  });
  it('no server reason for a 5xx or no connection', () => {
    expect(milestoneError(new ApiError(500, { code: 'internal', message: 'sqlite: disk I/O' }))).toBe('Er ging iets mis op de server. Probeer het later opnieuw.');
    expect(milestoneError(new ApiError(0, null))).toMatch(/niet bereikbaar/);
  });
});
