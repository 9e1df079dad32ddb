// Turns an error answer of the API ({"error":{code,message,field,legal_basis}}) into Dutch text for
// the person at the screen. Pure, so it is unit tested.

export interface ApiErrorBody {
  code?: string;
  message?: string;
  field?: string;
  legal_basis?: string;
}

const BY_CODE: Record<string, string> = {
  unauthenticated: 'U bent niet (meer) aangemeld. Meld u opnieuw aan.',
  permission_denied: 'Uw rol geeft geen toegang tot dit scherm of deze handeling.',
  not_found: 'Niet gevonden.',
  invalid_argument: 'De invoer is niet juist.',
  parse_error: 'De invoer kon niet worden gelezen.',
  already_exists: 'Dit bestaat al.',
  failed_precondition: 'Dit kan nu niet.',
  conflict: 'Dit kan nu niet: iemand anders heeft het al gedaan of het is al gebeurd.',
  rule_missing: 'Voor deze situatie heeft nabij (nog) geen regel.',
  unimplemented: 'Deze situatie kan nabij nog niet berekenen.',
  resource_exhausted: 'Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.',
  unsupported_media_type: 'Het verzoek had een verkeerd formaat.',
  method_not_allowed: 'Deze handeling bestaat hier niet.',
  payload_too_large: 'Het verzoek is te groot.',
  io: 'Er ging iets mis bij het opslaan of lezen. Probeer het later opnieuw.',
  internal: 'Er ging iets mis op de server. Probeer het later opnieuw.',
};

const BY_STATUS: Record<number, string> = {
  400: BY_CODE.invalid_argument,
  401: BY_CODE.unauthenticated,
  403: BY_CODE.permission_denied,
  404: BY_CODE.not_found,
  405: BY_CODE.method_not_allowed,
  409: BY_CODE.failed_precondition,
  413: BY_CODE.payload_too_large,
  415: BY_CODE.unsupported_media_type,
  422: BY_CODE.unimplemented,
  429: BY_CODE.resource_exhausted,
};

// The server's messages for fields are short English phrases; the common ones in Dutch.
const PHRASES: [RegExp, string][] = [
  [/^missing$/, 'is verplicht'],
  [/^unknown field.*$/, 'is een onbekend veld'],
  [/^must be a date YYYY-MM-DD$/, 'moet een datum zijn (JJJJ-MM-DD)'],
  [/^must be true or false$/, 'moet ja of nee zijn'],
  [/^must be text$/, 'moet tekst zijn'],
  [/^must be a list.*$/, 'moet een lijst zijn'],
  [/^must be an object.*$/, 'ontbreekt of is onvolledig'],
  [/^must be a whole number.*$/, 'moet een bedrag in hele centen zijn'],
  [/^needs a birth date$/, 'heeft een geboortedatum nodig'],
  [/^the application was received before the melding$/, 'de aanvraag kan niet vóór de melding zijn ontvangen'],
  [/^must be the month of start_date \((.*)\)$/, 'moet de maand van de ingangsdatum zijn ($1)'],
  [/^the case has no right to bijstand in (.*)$/, 'er is geen recht op bijstand in $1'],
  [/^net income is not negative$/, 'het netto inkomen kan niet negatief zijn'],
  [/^no municipality with code '(.*)'.*$/, "onbekende gemeentecode '$1'"],
  [/^a child of 18 or older is a housemate.*$/, 'een kind van 18 of ouder is een medebewoner'],
  [/^the applicant is younger than 18: no right to algemene bijstand$/, 'de aanvrager is jonger dan 18: geen recht op algemene bijstand'],
  [/^must be a valid IBAN.*$|^not a valid IBAN.*$/i, 'is geen geldig IBAN'],
  [/^wrong name or password.*$/i, 'onjuiste gebruikersnaam of wachtwoord'],
];

/** The server's message in Dutch where we know the phrase; otherwise as the server wrote it. */
export function translateMessage(message: string): string {
  for (const [re, nl] of PHRASES) {
    if (re.test(message)) return message.replace(re, nl);
  }
  return message;
}

/** Field names as a person knows them. */
const FIELD_NAMES: Record<string, string> = {
  melding: 'datum melding',
  received: 'datum aanvraag ontvangen',
  start_date: 'ingangsdatum',
  'applicant.name': 'naam aanvrager',
  'applicant.iban': 'IBAN aanvrager',
  'partner.name': 'naam partner',
  'partner.iban': 'IBAN partner',
  'household.vermogen': 'vermogen',
  'household.month': 'maand',
  new_password: 'nieuw wachtwoord',
  old_password: 'huidig wachtwoord',
  password: 'wachtwoord',
  name: 'gebruikersnaam',
  gemeente: 'gemeente',
  'household.gemeente': 'gemeente',
  members: 'huishouden',
  'household.members': 'huishouden',
  month: 'maand',
  net_work_income: 'netto inkomen uit werk',
  other_income: 'overig inkomen',
  note: 'toelichting',
};

export function fieldLabel(field: string): string {
  if (FIELD_NAMES[field]) return FIELD_NAMES[field];
  const m = /^(?:household\.)?members\[(\d+)\]\.(.+)$/.exec(field);
  if (m) return `gezinslid ${Number(m[1]) + 1}: ${m[2].replace(/_/g, ' ')}`;
  return field.replace(/_/g, ' ');
}

/** One Dutch sentence for an error answer with this HTTP status (0 = no answer at all). */
export function dutchError(status: number, body?: ApiErrorBody | null): string {
  if (status === 0) return 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.';
  const code = body?.code ?? '';
  const head = BY_CODE[code] ?? BY_STATUS[status] ?? (status >= 500 ? BY_CODE.internal : 'Het verzoek is niet gelukt.');
  // A failed login: the server's own (Dutch) words, no more.
  if (status === 401 && body?.message && /wachtwoord|gebruikersnaam/.test(body.message)) {
    return capitalize(translateMessage(body.message)) + '.';
  }
  // Expired sessions, lock-outs and 5xx: never more detail than the head line.
  if (status >= 500 || code === 'unauthenticated' || code === 'resource_exhausted') return head;
  const parts = [head];
  if (body?.message) {
    const msg = translateMessage(body.message);
    parts.push(body.field ? `${fieldLabel(body.field)}: ${msg}` : msg);
  }
  if (body?.legal_basis) parts.push(`(${body.legal_basis})`);
  return parts.join(' ');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The message to show next to the field the error names: the server's words in Dutch, with the article. */
export function fieldMessage(body: ApiErrorBody): string {
  const msg = body.message ? capitalize(translateMessage(body.message)) : 'Onjuiste invoer.';
  return body.legal_basis ? `${msg} (${body.legal_basis})` : msg;
}
