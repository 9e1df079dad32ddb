import { describe, expect, it } from 'vitest';
import {
  CALCULATOR_HOURS,
  ibanValid,
  intakeFieldKey,
  isDate,
  normalBsn,
  validateCalculator,
  validateIntake,
  validateNewPassword,
  validateUserName,
  type CalculatorForm,
  type IntakeForm,
} from './validate';

const calc: CalculatorForm = {
  couple: false,
  age: '35',
  partnerAge: '',
  childAges: [],
  gemeente: '9999',
  hourlyWage: '14,00',
  regime: 'art31',
};

describe('validateCalculator', () => {
  it('builds the request of POST /api/v1/calculator', () => {
    const { errors, request } = validateCalculator({ ...calc, couple: true, partnerAge: '40', childAges: ['3', '11'], regime: 'in_balans' }, '2026-12');
    expect(errors).toEqual({});
    expect(request).toEqual({
      household: {
        month: '2026-12',
        gemeente: '9999',
        regime: 'in_balans',
        members: [
          { role: 'applicant', age: 35 },
          { role: 'partner', age: 40 },
          { role: 'child', age: 3 },
          { role: 'child', age: 11 },
        ],
      },
      parttime: { hourly_wage: 1400, hours: CALCULATOR_HOURS },
    });
  });
  it('names each wrong field', () => {
    const { errors, request } = validateCalculator(
      { ...calc, age: '17', couple: true, partnerAge: 'x', childAges: ['18'], gemeente: '99', hourlyWage: 'veel' },
      '2026-12',
    );
    expect(request).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['age', 'child0', 'gemeente', 'hourlyWage', 'partnerAge']);
  });
  it('caps the hourly wage', () => {
    expect(validateCalculator({ ...calc, hourlyWage: '1000,01' }, '2026-12').errors.hourlyWage).toMatch(/hoogstens/);
  });
});

describe('IBAN and dates', () => {
  it('checks the mod-97 check digits', () => {
    expect(ibanValid('NL91ABNA0417164300')).toBe(true);
    expect(ibanValid('nl91 abna 0417 1643 00')).toBe(true);
    expect(ibanValid('NL44RABO0123456789')).toBe(true);
    expect(ibanValid('NL92ABNA0417164300')).toBe(false);
    expect(ibanValid('NL91')).toBe(false);
  });
  it('checks a BSN with the elfproef', () => {
    expect(normalBsn('111222333')).toBe('111222333');
    expect(normalBsn('123 456 782')).toBe('123456782');
    expect(normalBsn('12345672')).toBe('012345672'); // a leading zero left out
    expect(normalBsn('111222334')).toBeNull(); // check digit wrong
    expect(normalBsn('000000000')).toBeNull(); // sum 0 is no number
    expect(normalBsn('1234567')).toBeNull();
    expect(normalBsn('12345678a')).toBeNull();
  });
  it('knows real dates', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('29-02-2028')).toBe(false);
  });
});

const intake: IntakeForm = {
  melding: '2026-11-02',
  received: '2026-11-04',
  startDate: '',
  applicantName: 'Fictieve Aanvrager',
  applicantIban: 'NL91ABNA0417164300',
  applicantBsn: '',
  partnerName: '',
  partnerIban: '',
  partnerBsn: '',
  gemeente: '9999',
  vermogen: '1.200,00',
  members: [{ role: 'applicant', birthDate: '1985-03-14', netWork: '400,00' }],
};

describe('validateIntake', () => {
  it('builds the application document', () => {
    const { errors, document } = validateIntake(intake);
    expect(errors).toEqual({});
    expect(document).toEqual({
      melding: '2026-11-02',
      received: '2026-11-04',
      start_date: '2026-11-02',
      applicant: { name: 'Fictieve Aanvrager', iban: 'NL91ABNA0417164300' },
      household: {
        month: '2026-11',
        gemeente: '9999',
        vermogen: 120000,
        members: [{ role: 'applicant', birth_date: '1985-03-14', net_work_income: 40000 }],
      },
    });
  });
  it('keys errors by the API field names', () => {
    const { errors, document } = validateIntake({
      ...intake,
      received: '2026-11-01',
      applicantIban: 'NL00ABNA0417164300',
      members: [intake.members[0], { role: 'partner', birthDate: '1980-13-01', netWork: 'x' }],
    });
    expect(document).toBeUndefined();
    expect(errors).toEqual({
      received: expect.stringMatching(/vóór de melding/),
      'applicant.iban': expect.any(String),
      'partner.name': expect.any(String),
      'partner.iban': expect.any(String),
      'household.members[1].birth_date': expect.any(String),
      'household.members[1].net_work_income': expect.any(String),
    });
  });
  it('sends a BSN only when one is typed, as nine digits', () => {
    const partner = { role: 'partner' as const, birthDate: '1984-01-01', netWork: '' };
    const couple = { ...intake, partnerName: 'Fictieve Partner', partnerIban: 'NL44RABO0123456789', members: [intake.members[0], partner] };
    const { errors, document } = validateIntake({ ...couple, applicantBsn: ' 1112.22.333 ', partnerBsn: '12345684' });
    expect(errors).toEqual({});
    expect(document!.applicant).toEqual({ name: 'Fictieve Aanvrager', iban: 'NL91ABNA0417164300', bsn: '111222333' });
    expect(document!.partner).toEqual({ name: 'Fictieve Partner', iban: 'NL44RABO0123456789', bsn: '012345684' });
    const wrong = validateIntake({ ...couple, applicantBsn: '111222334', partnerBsn: '' });
    expect(wrong.errors).toEqual({ 'applicant.bsn': expect.stringMatching(/elfproef/) });
    expect(wrong.errors['applicant.bsn']).not.toContain('111222334');
    const same = validateIntake({ ...couple, applicantBsn: '111222333', partnerBsn: '111222333' });
    expect(same.errors).toEqual({ 'partner.bsn': expect.stringMatching(/ander BSN/) });
  });
  it('gives a housemate its relation and contract', () => {
    const { document } = validateIntake({
      ...intake,
      members: [
        intake.members[0],
        { role: 'housemate', birthDate: '1990-01-01', netWork: '', relation: 'sibling', commercial: true },
        { role: 'housemate', birthDate: '1991-01-01', netWork: '500' },
      ],
    });
    const members = (document!.household as { members: unknown[] }).members;
    expect(members[1]).toEqual({ role: 'housemate', birth_date: '1990-01-01', relation: 'sibling', commercial_contract: true });
    expect(members[2]).toEqual({ role: 'housemate', birth_date: '1991-01-01', relation: 'other' });
  });
  it('maps the server error fields to the form', () => {
    expect(intakeFieldKey('gemeente')).toBe('household.gemeente');
    expect(intakeFieldKey('members[1].role')).toBe('household.members[1].birth_date');
    expect(intakeFieldKey('members[0].net_work_income')).toBe('household.members[0].net_work_income');
    expect(intakeFieldKey('household.members[2].birth_date')).toBe('household.members[2].birth_date');
    expect(intakeFieldKey('members')).toBe('household.members');
    expect(intakeFieldKey('applicant.iban')).toBe('applicant.iban');
    expect(intakeFieldKey('month')).toBe('start_date');
    expect(intakeFieldKey('melding')).toBe('melding');
  });
});

describe('validateNewPassword', () => {
  it('follows the password rules of nabijd', () => {
    expect(validateNewPassword('kort', 'kort', 'oud')).toMatch(/12 tekens/);
    expect(validateNewPassword('een-lang-wachtwoord', 'een-lang-wachtwoord', 'een-lang-wachtwoord')).toMatch(/ander/);
    expect(validateNewPassword('een-lang-wachtwoord', 'een-lang-wachtwoord!', 'oud')).toMatch(/niet gelijk/);
    expect(validateNewPassword('een-lang-wachtwoord', 'een-lang-wachtwoord', 'oud')).toBeNull();
  });
});

describe('validateUserName', () => {
  it('follows the account rules of nabijd', () => {
    expect(validateUserName('k.jansen')).toBeNull();
    expect(validateUserName('a')).toBeNull();
    expect(validateUserName('')).toMatch(/1 tot 64/);
    expect(validateUserName('x'.repeat(65))).toMatch(/1 tot 64/);
    expect(validateUserName('1abc')).toMatch(/kleine letter/);
    expect(validateUserName('K.Jansen')).toMatch(/kleine letter/);
    expect(validateUserName('k jansen')).toMatch(/bestaat uit/);
  });
});
