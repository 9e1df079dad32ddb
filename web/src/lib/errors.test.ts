import { describe, expect, it } from 'vitest';
import { dutchError, fieldLabel, fieldMessage, translateMessage } from './errors';

describe('dutchError', () => {
  it('maps codes and statuses to Dutch', () => {
    expect(dutchError(403, { code: 'permission_denied', message: 'role beleid may not GET /api/v1/cases' })).toMatch(
      /^Uw rol geeft geen toegang/,
    );
    expect(dutchError(404, null)).toBe('Niet gevonden.');
    expect(dutchError(0)).toMatch(/niet bereikbaar/);
    expect(dutchError(500, { code: 'internal', message: 'sqlite: disk I/O error' })).toBe(
      'Er ging iets mis op de server. Probeer het later opnieuw.',
    );
    expect(dutchError(502, null)).toMatch(/server/);
    expect(dutchError(418, null)).toBe('Het verzoek is niet gelukt.');
  });
  it('shows the server words for a failed login, nothing for an expired session', () => {
    expect(dutchError(401, { code: 'unauthenticated', message: 'onbekende gebruikersnaam of onjuist wachtwoord' })).toBe(
      'Onbekende gebruikersnaam of onjuist wachtwoord.',
    );
    expect(dutchError(401, { code: 'unauthenticated', message: 'session expired' })).toBe(
      'U bent niet (meer) aangemeld. Meld u opnieuw aan.',
    );
    expect(dutchError(429, { code: 'resource_exhausted', message: 'locked for 900 s' })).toMatch(/15 minuten/);
  });
  it('names the field and the article', () => {
    const s = dutchError(400, { code: 'invalid_argument', message: 'missing', field: 'applicant.iban' });
    expect(s).toBe('De invoer is niet juist. IBAN aanvrager: is verplicht');
    const t = dutchError(409, {
      code: 'failed_precondition',
      message: 'the applicant is younger than 18: no right to algemene bijstand',
      field: 'members',
      legal_basis: 'Pw art. 13 lid 3',
    });
    expect(t).toBe('Dit kan nu niet. huishouden: de aanvrager is jonger dan 18: geen recht op algemene bijstand (Pw art. 13 lid 3)');
  });
});

describe('phrases and fields', () => {
  it('translates known phrases and keeps unknown ones', () => {
    expect(translateMessage('must be a date YYYY-MM-DD')).toBe('moet een datum zijn (JJJJ-MM-DD)');
    expect(translateMessage("no municipality with code '1234' in rules/gemeenten")).toBe("onbekende gemeentecode '1234'");
    expect(translateMessage('must be the month of start_date (2026-11)')).toBe('moet de maand van de ingangsdatum zijn (2026-11)');
    expect(translateMessage('iets onbekends')).toBe('iets onbekends');
  });
  it('names fields as people know them', () => {
    expect(fieldLabel('household.members[1].birth_date')).toBe('gezinslid 2: birth date');
    expect(fieldLabel('melding')).toBe('datum melding');
    expect(fieldMessage({ message: 'missing', legal_basis: 'Pw art. 44' })).toBe('Is verplicht (Pw art. 44)');
  });
});
