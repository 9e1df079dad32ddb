// Which screens each role sees (the permission table is docs/accounts.md; the server checks again).
export interface MenuItem {
  href: string;
  label: string;
}

const START: MenuItem = { href: '/start', label: 'Werkvoorraad' };
const SEARCH: MenuItem = { href: '/zoeken', label: 'Zoeken' };
const INTAKE: MenuItem = { href: '/aanvraag', label: 'Nieuwe aanvraag' };
const RUN: MenuItem = { href: '/betaalrun', label: 'Betaalrun' };
const CASELOAD: MenuItem = { href: '/caseload', label: 'Caseload' };
const ACCESS_LOG: MenuItem = { href: '/inzagelog', label: 'Inzagelog' };
const USERS: MenuItem = { href: '/gebruikers', label: 'Gebruikers' };
const DEBT: MenuItem = { href: '/schulden', label: 'Schuldenfonds' };
const DEBT_FIGURES: MenuItem = { href: '/fondscijfers', label: 'Cijfers fonds' };

const MENUS: Record<string, MenuItem[]> = {
  klantmanager_inkomen: [START, SEARCH, INTAKE],
  klantmanager_werk: [START, SEARCH],
  schuldhulpverlener: [START, SEARCH, DEBT, DEBT_FIGURES],
  handhaving: [START, SEARCH],
  financiele_administratie: [START, SEARCH, RUN, CASELOAD],
  beleid: [CASELOAD, DEBT_FIGURES],
  auditor: [ACCESS_LOG, RUN, CASELOAD, DEBT_FIGURES],
  beheerder: [USERS],
};

export function menuFor(role: string): MenuItem[] {
  return MENUS[role] ?? [];
}

/** The first screen after logging in. */
export function homeFor(role: string): string {
  return menuFor(role)[0]?.href ?? '/rekenhulp';
}
