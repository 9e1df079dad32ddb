// Checks of what a person typed, before anything is sent. Pure functions, unit tested; the server
// checks everything again and its field errors are shown the same way.
import { parseEuro } from './format';

export type Errors = Record<string, string>;

export function parseWholeNumber(text: string): number | null {
  const s = text.trim();
  return /^\d{1,3}$/.test(s) ? Number(s) : null;
}

// ---- Public calculator ----
export interface CalculatorForm {
  couple: boolean;
  age: string;
  partnerAge: string;
  childAges: string[];
  gemeente: string;
  hourlyWage: string; // euro, as typed
  regime: 'art31' | 'in_balans';
}

export interface CalculatorRequest {
  household: {
    month: string;
    gemeente: string;
    regime: string;
    members: { role: string; age: number }[];
  };
  parttime: { hourly_wage: number; hours: number[] };
}

export const CALCULATOR_HOURS = [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40];

export function validateCalculator(f: CalculatorForm, month: string): { errors: Errors; request?: CalculatorRequest } {
  const errors: Errors = {};
  const age = parseWholeNumber(f.age);
  if (age === null || age < 18 || age > 110) errors.age = 'Vul een leeftijd in van 18 tot en met 110 jaar.';
  let partnerAge: number | null = null;
  if (f.couple) {
    partnerAge = parseWholeNumber(f.partnerAge);
    if (partnerAge === null || partnerAge < 18 || partnerAge > 110)
      errors.partnerAge = 'Vul een leeftijd van de partner in van 18 tot en met 110 jaar.';
  }
  const childAges: number[] = [];
  f.childAges.forEach((a, i) => {
    const n = parseWholeNumber(a);
    if (n === null || n > 17) errors[`child${i}`] = 'Een kind is 0 tot en met 17 jaar.';
    else childAges.push(n);
  });
  if (!/^\d{4}$/.test(f.gemeente.trim())) errors.gemeente = 'De gemeentecode heeft 4 cijfers (bijvoorbeeld 9999).';
  const wage = parseEuro(f.hourlyWage);
  if (wage === null || wage < 0) errors.hourlyWage = 'Vul een bedrag in, bijvoorbeeld 12,50.';
  else if (wage > 100000) errors.hourlyWage = 'Het nettoloon per uur is hoogstens € 1.000,00.';
  if (Object.keys(errors).length > 0) return { errors };
  const members = [{ role: 'applicant', age: age! }];
  if (f.couple) members.push({ role: 'partner', age: partnerAge! });
  for (const a of childAges) members.push({ role: 'child', age: a });
  return {
    errors,
    request: {
      household: { month, gemeente: f.gemeente.trim(), regime: f.regime, members },
      parttime: { hourly_wage: wage!, hours: CALCULATOR_HOURS },
    },
  };
}

// ---- IBAN (ISO 13616: mod 97) ----
export function ibanValid(text: string): boolean {
  const s = text.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

// ---- BSN (elfproef: 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11; src/base/ids.h) ----
/** The nine digits of a valid BSN (spaces and dots ignored, 8 digits get a leading zero), or null. */
export function normalBsn(text: string): string | null {
  let d = text.replace(/[\s.]+/g, '');
  if (!/^\d{8,9}$/.test(d)) return null;
  if (d.length === 8) d = '0' + d;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(d[i]);
  sum -= Number(d[8]);
  return sum !== 0 && sum % 11 === 0 ? d : null;
}

export function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

// ---- Application intake (docs/case-intake.md) ----
export interface MemberForm {
  role: 'applicant' | 'partner' | 'child' | 'housemate';
  birthDate: string;
  netWork: string; // euro per month, as typed; applicant and partner only
  relation?: string; // housemate: kinship to the applicant (docs/household-format.md), default other
  commercial?: boolean; // housemate: rents or boards at a commercial price under a written agreement
}

export interface IntakeForm {
  melding: string;
  received: string;
  startDate: string;
  applicantName: string;
  applicantIban: string;
  applicantBsn: string; // optional: empty when the person has no BSN yet
  partnerName: string;
  partnerIban: string;
  partnerBsn: string;
  gemeente: string;
  vermogen: string; // euro
  members: MemberForm[]; // members[0] is the applicant
}

/** The application document, or the errors keyed by the API's field names (household.members[1].birth_date). */
export function validateIntake(f: IntakeForm): { errors: Errors; document?: Record<string, unknown> } {
  const errors: Errors = {};
  const need = (v: string, field: string, what: string) => {
    if (!v.trim()) errors[field] = `Vul ${what} in.`;
  };
  need(f.melding, 'melding', 'de datum van de melding');
  if (f.melding && !isDate(f.melding)) errors.melding = 'Geen geldige datum.';
  if (f.received && !isDate(f.received)) errors.received = 'Geen geldige datum.';
  if (f.startDate && !isDate(f.startDate)) errors.start_date = 'Geen geldige datum.';
  if (!errors.melding && !errors.received && f.received && f.received < f.melding)
    errors.received = 'De aanvraag kan niet vóór de melding zijn ontvangen.';
  need(f.applicantName, 'applicant.name', 'de naam van de aanvrager');
  if (!ibanValid(f.applicantIban)) errors['applicant.iban'] = 'Geen geldig IBAN (controlegetal klopt niet).';
  const bsnWrong = 'Geen geldig BSN: 9 cijfers die de elfproef doorstaan. Leeg laten als het BSN nog niet bekend is.';
  const applicantBsn = normalBsn(f.applicantBsn);
  if (f.applicantBsn.trim() && !applicantBsn) errors['applicant.bsn'] = bsnWrong;
  const hasPartner = f.members.some((m) => m.role === 'partner');
  const partnerBsn = normalBsn(f.partnerBsn);
  if (hasPartner) {
    need(f.partnerName, 'partner.name', 'de naam van de partner');
    if (!ibanValid(f.partnerIban)) errors['partner.iban'] = 'Geen geldig IBAN (controlegetal klopt niet).';
    if (f.partnerBsn.trim() && !partnerBsn) errors['partner.bsn'] = bsnWrong;
    else if (applicantBsn && partnerBsn === applicantBsn) errors['partner.bsn'] = 'De partner heeft een ander BSN dan de aanvrager.';
  }
  if (!/^\d{4}$/.test(f.gemeente.trim())) errors['household.gemeente'] = 'De gemeentecode heeft 4 cijfers.';
  const vermogen = f.vermogen.trim() === '' ? 0 : parseEuro(f.vermogen);
  if (vermogen === null) errors['household.vermogen'] = 'Vul een bedrag in, bijvoorbeeld 1.200,00.';
  if (f.members.filter((m) => m.role === 'partner').length > 1)
    errors['household.members'] = 'Een huishouden heeft hoogstens één partner.';
  const members = f.members.map((m, i) => {
    const base = `household.members[${i}]`;
    if (!isDate(m.birthDate)) errors[`${base}.birth_date`] = 'Vul een geldige geboortedatum in.';
    const out: Record<string, unknown> = { role: m.role, birth_date: m.birthDate };
    if ((m.role === 'applicant' || m.role === 'partner') && m.netWork.trim() !== '') {
      const c = parseEuro(m.netWork);
      if (c === null || c < 0) errors[`${base}.net_work_income`] = 'Vul een bedrag in, bijvoorbeeld 400,00.';
      else out.net_work_income = c;
    }
    if (m.role === 'housemate') {
      out.relation = m.relation || 'other';
      if (m.commercial) out.commercial_contract = true;
    }
    return out;
  });
  if (Object.keys(errors).length > 0) return { errors };
  const start = f.startDate || f.melding;
  const doc: Record<string, unknown> = {
    melding: f.melding,
    start_date: start,
    applicant: person(f.applicantName, f.applicantIban, applicantBsn),
    household: { month: start.slice(0, 7), gemeente: f.gemeente.trim(), members, vermogen },
  };
  if (f.received) doc.received = f.received;
  if (hasPartner)
    doc.partner = person(f.partnerName, f.partnerIban, partnerBsn);
  return { errors, document: doc };
}

function person(name: string, iban: string, bsn: string | null): Record<string, string> {
  const p: Record<string, string> = { name: name.trim(), iban: iban.replace(/\s+/g, '').toUpperCase() };
  if (bsn) p.bsn = bsn;
  return p;
}

// ---- Passwords (src/auth/password.h: 12 to 128 characters) ----
export function validateNewPassword(pw: string, repeat: string, old: string): string | null {
  if (pw.length < 12) return 'Het nieuwe wachtwoord heeft minstens 12 tekens.';
  if (pw.length > 128) return 'Het nieuwe wachtwoord heeft hoogstens 128 tekens.';
  if (pw === old) return 'Kies een ander wachtwoord dan het huidige.';
  if (pw !== repeat) return 'De twee nieuwe wachtwoorden zijn niet gelijk.';
  return null;
}

const TOP_LEVEL = /^(melding|received|start_date|extended_until|exception_41_4|suspensions|applicant|partner)(\.|\[|$)/;

/**
 * The key of the intake form's field for an error field of POST /api/v1/applications. The server
 * names household fields relative to the household ("gemeente", "members[1].role"); a member's
 * field that the form has no input for goes to that member's birth date input.
 */
export function intakeFieldKey(apiField: string): string {
  let f = apiField.startsWith('household.') || TOP_LEVEL.test(apiField) ? apiField : `household.${apiField}`;
  if (f === 'household.month') return 'start_date';
  if (f === 'household') return 'household.members';
  const m = /^household\.members\[(\d+)\](?:\.(.+))?$/.exec(f);
  if (m && m[2] !== 'birth_date' && m[2] !== 'net_work_income') f = `household.members[${m[1]}].birth_date`;
  return f;
}

// ---- User names (src/auth/accounts.cc CheckUserName) ----
export function validateUserName(name: string): string | null {
  if (name.length < 1 || name.length > 64) return 'Een gebruikersnaam heeft 1 tot 64 tekens.';
  if (!/^[a-z]/.test(name)) return 'Een gebruikersnaam begint met een kleine letter (a-z).';
  if (!/^[a-z0-9._-]+$/.test(name)) return "Een gebruikersnaam bestaat uit a-z, 0-9, '.', '_' en '-'.";
  return null;
}
