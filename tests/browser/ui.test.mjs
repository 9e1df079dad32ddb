// Browser tests of the web UI (run by tests/browser/run.sh, which starts nabijd and makes the users).
// playwright-core drives Debian's Chromium headless; screenshots go to $SHOTS.
import { BASE, NEW_PW, check, env, euro, startBrowser } from './harness.mjs';

const now = new Date();
const MONTH = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
const TODAY = `${MONTH}-${String(now.getDate()).padStart(2, '0')}`;
const BSN = '999000305'; // synthetic: passes the elfproef, outside the demo's DemoBsn numbers

const h = await startBrowser();
let page;
let context;
async function newSession() {
  page = await h.newSession();
  context = h.context;
}
const { test, shot, a11y, login, logout } = h;

await newSession();

await test('calculator: table, chart and explanation, both regimes', async () => {
  await page.goto(`${BASE}/`);
  check((await page.getAttribute('html', 'lang')) === 'nl', 'html lang is not nl');
  await page.getByRole('heading', { name: 'Wat houd ik over als ik parttime ga werken?' }).waitFor();
  // Keyboard: the first Tab reaches the skip link.
  await page.keyboard.press('Tab');
  check((await page.evaluate(() => document.activeElement?.textContent)) === 'Naar de inhoud', 'first Tab is not the skip link');
  // A wrong age is refused next to the field, nothing is sent.
  await page.getByLabel('Uw leeftijd (jaren)').fill('16');
  await page.getByRole('button', { name: 'Bereken', exact: true }).click();
  await page.locator('#age-error').getByText('Vul een leeftijd in').waitFor();
  check((await page.getAttribute('#age', 'aria-invalid')) === 'true', 'age not marked invalid');
  await page.getByLabel('Uw leeftijd (jaren)').fill('34');
  await page.getByLabel('Aantal kinderen jonger dan 18 in huis').selectOption('1');
  await page.getByLabel('Leeftijd kind 1 (jaren)').fill('6');
  await page.getByLabel('Nettoloon per uur (euro)').fill('12,50');
  await page.getByRole('button', { name: 'Bereken', exact: true }).click();
  const rows = page.locator('[data-testid=calc-table] tbody tr');
  await rows.first().waitFor();
  check((await rows.count()) === 11, `expected 11 rows, got ${await rows.count()}`);
  check((await page.locator('[data-testid=calc-chart] svg').count()) === 1, 'no chart');
  // The figures are the API's, formatted as euro: compare with the API's own answer.
  const api = await (
    await page.request.post(`${BASE}/api/v1/calculator`, {
      data: {
        household: { month: MONTH, gemeente: '9999', regime: 'art31', members: [{ role: 'applicant', age: 34 }, { role: 'child', age: 6 }] },
        parttime: { hourly_wage: 1250, hours: [16] },
      },
    })
  ).json();
  const p16 = api.parttime[0];
  const row16 = page.locator('[data-testid=calc-table] tbody tr', { has: page.locator('th', { hasText: /^16$/ }) });
  const cells = await row16.locator('td').allTextContents();
  check(cells[0] === euro(p16.net_wage), `net wage ${cells[0]} != ${euro(p16.net_wage)}`);
  check(cells[2] === euro(p16.with_vrijlating.total), `total ${cells[2]} != ${euro(p16.with_vrijlating.total)}`);
  check(cells[4] === euro(p16.after_vrijlating.total), `after ${cells[4]} != ${euro(p16.after_vrijlating.total)}`);
  await page.getByRole('button', { name: 'Uitleg bij 16 uur' }).click();
  const trace = page.locator('[data-testid=uitleg-16] tbody tr');
  await trace.first().waitFor();
  check((await trace.count()) === p16.explanation.length, 'explanation has not every line');
  check((await page.locator('[data-testid=uitleg-16]').textContent()).includes('Pw art. 31'), 'no article in the explanation');
  check((await page.getByRole('button', { name: 'Uitleg bij 16 uur' }).getAttribute('aria-expanded')) === 'true', 'aria-expanded');
  await shot('rekenhulp');
  await a11y('rekenhulp');
  await page.getByLabel('Participatiewet in balans').check();
  await page.getByRole('button', { name: 'Bereken', exact: true }).click();
  await page.getByRole('heading', { name: 'Uitkomst (Participatiewet in balans)' }).waitFor();
  await shot('rekenhulp-in-balans');
});

await test('calculator by keyboard only: skip link, Tab to Bereken, Enter, Space on an explanation', async () => {
  await page.goto(`${BASE}/rekenhulp`);
  await page.getByRole('heading', { name: 'Wat houd ik over als ik parttime ga werken?' }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  check((await page.evaluate(() => document.activeElement?.id)) === 'main', 'the skip link does not move focus to the content');
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  for (let i = 0; i < 40 && (await focused()) !== 'Bereken'; i++) await page.keyboard.press('Tab');
  check((await focused()) === 'Bereken', 'Tab never reaches the Bereken button');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=calc-table] tbody tr').first().waitFor();
  for (let i = 0; i < 40 && !(await focused()).startsWith('▸ Uitleg'); i++) await page.keyboard.press('Tab');
  check((await focused()).startsWith('▸ Uitleg'), 'Tab never reaches an explanation button');
  await page.keyboard.press('Space');
  await page.locator('[data-testid=uitleg-0] tbody tr').first().waitFor();
});

await test('log in with a one-time password, forced password change, work queue', async () => {
  await page.goto(`${BASE}/inloggen`);
  await page.getByLabel('Gebruikersnaam').fill('t.klant');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('fout-wachtwoord-123');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('alert').getByText('Onbekende gebruikersnaam of onjuist wachtwoord.').waitFor();
  await login('t.klant', env('KMI_PW'), { changeTo: NEW_PW });
  await page.getByRole('heading', { name: 'Werkvoorraad' }).waitFor();
  await page.locator('[data-testid=queue-applications] tbody tr').first().waitFor();
  await shot('werkvoorraad');
  await a11y('werkvoorraad');
});

let caseId = 0;
await test('search and open a client file', async () => {
  await page.getByRole('link', { name: 'Zoeken' }).click();
  await page.getByLabel('Naam, BSN of dossiernummer').fill('Fictieve Klant 1');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const first = page.locator('[data-testid=search-results] tbody tr').first();
  await first.waitFor();
  await first.getByRole('link').click();
  await page.getByRole('heading', { name: /^Dossier \d+: Fictieve Klant 1/ }).waitFor();
  await page.locator('[data-testid=household]').waitFor();
  await page.getByRole('button', { name: 'Uitleg van de berekening' }).click();
  await page.locator('#calc-now table.trace').waitFor();
  await shot('dossier-gezocht');
  await a11y('dossier-gezocht');
});

await test('take in an application: field error from the API, then an automatic decision', async () => {
  await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click();
  await page.getByLabel('Datum melding').fill(TODAY);
  await page.getByLabel('Datum aanvraag ontvangen (leeg: nog niet ontvangen)').fill(TODAY);
  await page.getByLabel('Naam', { exact: true }).fill('Fictieve Browsertest');
  await page.getByLabel('IBAN', { exact: true }).fill('NL91ABNA0417164300');
  await page.getByLabel('Gemeente (CBS-code)').fill('1234');
  await page.getByLabel('Vermogen (euro)').fill('1.200,00');
  await page.getByLabel('Geboortedatum aanvrager').fill('1985-03-14');
  // A BSN with a typing error is caught before anything is sent, without repeating the number.
  await page.getByLabel('BSN', { exact: true }).fill('999000306');
  await page.getByRole('button', { name: 'Aanvraag innemen' }).click();
  const bsnErr = page.locator('#f-applicant-bsn-error');
  await bsnErr.waitFor();
  check((await bsnErr.textContent()).includes('elfproef'), `BSN error: ${await bsnErr.textContent()}`);
  check(!(await bsnErr.textContent()).includes('999000306'), 'the BSN error repeats the number');
  await page.getByLabel('BSN', { exact: true }).fill(BSN);
  await page.getByRole('button', { name: 'Aanvraag innemen' }).click();
  // The server knows no municipality 1234: its error stands next to that field.
  const err = page.locator('#f-household-gemeente-error');
  await err.waitFor();
  check((await err.textContent()).includes('gemeentecode'), `field error: ${await err.textContent()}`);
  check((await page.getAttribute('#f-household-gemeente', 'aria-invalid')) === 'true', 'gemeente not marked invalid');
  await shot('aanvraag-veldfout');
  await a11y('aanvraag-veldfout');
  await page.getByLabel('Gemeente (CBS-code)').fill('9999');
  await page.getByRole('button', { name: 'Aanvraag innemen' }).click();
  await page.locator('[data-testid=intake-result]').waitFor();
  const text = await page.locator('[data-testid=intake-result]').textContent();
  check(text.includes('automatisch besloten'), `not decided automatically: ${text}`);
  await shot('aanvraag-besluit');
  await page.getByRole('link', { name: /^Open dossier \d+$/ }).click();
  await page.getByRole('heading', { name: /Fictieve Browsertest/ }).waitFor();
  caseId = Number(/\/dossiers\/(\d+)/.exec(page.url())[1]);
  const shown = await page.locator('[data-testid=bsn-applicant]').textContent();
  check(shown.trim() === '*****0305', `BSN in the file: ${shown}`);
});

await test('find the new case by its BSN, shown masked and kept out of the address', async () => {
  await page.getByRole('link', { name: 'Zoeken' }).click();
  await page.getByLabel('Naam, BSN of dossiernummer').fill(BSN);
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const rows = page.locator('[data-testid=search-results] tbody tr');
  await rows.first().waitFor();
  check((await rows.count()) === 1, `BSN search found ${await rows.count()} cases`);
  const row = await rows.first().textContent();
  check(row.includes(String(caseId)) && row.includes('*****0305') && !row.includes(BSN), `BSN search row: ${row}`);
  check(!page.url().includes(BSN), `the BSN is in the address: ${page.url()}`);
  await shot('zoeken-bsn');
  await a11y('zoeken-bsn');
  await rows.first().getByRole('link').click();  // back in the file for the next steps
  await page.getByRole('heading', { name: /Fictieve Browsertest/ }).waitFor();
});

await test('expand a decision explanation and fetch its letter', async () => {
  const button = page.getByRole('button', { name: /^Uitleg besluit \d+$/ }).first();
  await button.click();
  const trace = page.locator('[data-testid^=trace-] tbody tr');
  await trace.first().waitFor();
  check((await trace.count()) >= 3, 'explanation too short');
  check((await page.locator('[data-testid^=trace-]').textContent()).includes('Pw art.'), 'no article');
  const href = await page.locator('[data-testid=letters] a').first().getAttribute('href');
  check(/\/api\/v1\/cases\/\d+\/letters\/\d+$/.test(href), `letter link ${href}`);
  const pdf = await page.request.get(`${BASE}${href}`);
  check(pdf.status() === 200 && pdf.headers()['content-type'].startsWith('application/pdf'), 'letter is no PDF');
  check((await pdf.body()).subarray(0, 4).toString() === '%PDF', 'letter does not start with %PDF');
  await shot('dossier-uitleg');
  await a11y('dossier-uitleg');
});

await test('record a month of income', async () => {
  await page.getByLabel('Maand (JJJJ-MM)').fill(MONTH);
  await page.getByLabel('Netto inkomen uit werk (euro)').fill('veel');
  await page.getByRole('button', { name: 'Inkomen opslaan en opnieuw berekenen' }).click();
  await page.locator('#inc-net_work_income-error').waitFor();
  await page.getByLabel('Netto inkomen uit werk (euro)').fill('250,00');
  await page.getByRole('button', { name: 'Inkomen opslaan en opnieuw berekenen' }).click();
  const res = page.locator('[data-testid=income-result]');
  await res.waitFor();
  check((await res.textContent()).includes('wijziging'), `income result: ${await res.textContent()}`);
  await page.locator('[data-testid=incomes]').getByText('€ 250,00').first().waitFor();
  await shot('inkomen');
});

await test('decide a queued application', async () => {
  await page.getByRole('link', { name: 'Werkvoorraad' }).click();
  await page.locator('[data-testid=queue-applications] tbody tr').first().getByRole('link').click();
  await page.getByRole('heading', { name: /^Beslissen over aanvraag \d+$/ }).waitFor();
  await page.getByRole('radio', { name: 'Afwijzen' }).check();
  await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await page.locator('#note-error').waitFor();
  await page.getByLabel('Toelichting (verplicht bij afwijzen)').fill('Browsertest: de gegevens zijn niet compleet.');
  await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await page.getByRole('status').getByText(/^Afgewezen/).waitFor();
  await logout();
});

await test('payment run: prepared by one user, approved by a second, SEPA and Excel', async () => {
  await newSession();
  await login('t.fin.een', env('FA1_PW'), { changeTo: NEW_PW });
  await page.getByRole('link', { name: 'Betaalrun' }).click();
  await page.getByRole('button', { name: /voorbereiden$/ }).click();
  const status = page.locator('[data-testid=run-status]');
  await status.waitFor({ timeout: 120000 });
  check((await status.textContent()) === 'voorbereid, wacht op goedkeuring', `status ${await status.textContent()}`);
  check((await page.getByRole('button', { name: 'Betaalrun goedkeuren' }).count()) === 0, 'the preparer may approve');
  await shot('betaalrun-voorbereid');
  await logout();
  await newSession();
  await login('t.fin.twee', env('FA2_PW'), { changeTo: NEW_PW });
  await page.getByRole('link', { name: 'Betaalrun' }).click();
  await page.getByRole('button', { name: 'Betaalrun goedkeuren' }).click();
  await page.locator('[data-testid=run-status]').getByText('goedgekeurd').waitFor();
  const sepa = await page.request.get(`${BASE}${await page.locator('[data-testid=sepa-link]').getAttribute('href')}`);
  check(sepa.status() === 200 && (await sepa.text()).includes('pain.001'), 'no SEPA file');
  const xlsx = await page.request.get(`${BASE}/api/v1/runs/${MONTH}/report?format=xlsx`);
  check(xlsx.status() === 200 && (await xlsx.body()).subarray(0, 2).toString() === 'PK', 'no Excel file');
  await shot('betaalrun-goedgekeurd');
  await a11y('betaalrun-goedgekeurd');
  await logout();
});

await test('caseload chart for beleid; no client file for that role', async () => {
  await newSession();
  await login('t.beleid', env('BELEID_PW'), { changeTo: NEW_PW });
  check((await page.getByRole('navigation').getByRole('link', { name: 'Zoeken' }).count()) === 0, 'beleid sees Zoeken');
  await page.getByRole('heading', { name: 'Caseload, instroom en uitstroom' }).waitFor();
  await page.locator('[data-testid=caseload-chart] svg').waitFor();
  check((await page.locator('[data-testid=caseload-table] tbody tr').count()) > 0, 'no caseload rows');
  await shot('caseload');
  await a11y('caseload');
  await page.goto(`${BASE}/zoeken`);
  await page.getByLabel('Naam, BSN of dossiernummer').fill('Fictieve');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.getByRole('alert').getByText(/Uw rol geeft geen toegang/).waitFor();
  // The session ends (cookie gone): the next request answers 401 and the login screen comes back;
  // after logging in again the user is back where they were.
  await context.clearCookies();
  await page.getByRole('link', { name: 'Rekenhulp' }).click();
  await page.getByRole('link', { name: 'Caseload' }).click();
  await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
  check(page.url().endsWith('/inloggen?terug=%2Fcaseload'), `after 401: ${page.url()}`);
  await page.getByLabel('Gebruikersnaam').fill('t.beleid');
  await page.getByLabel('Wachtwoord', { exact: true }).fill(NEW_PW);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Caseload, instroom en uitstroom' }).waitFor();
  check(new URL(page.url()).pathname === '/caseload', `back at ${page.url()}`);
});

await test('administrator: first login, new password, create an account', async () => {
  await newSession();
  await login('beheerder', env('ADMIN_PW'), { changeTo: NEW_PW });
  await page.getByRole('heading', { name: 'Gebruikers' }).waitFor();
  await page.getByLabel('Gebruikersnaam').fill('Fout Naam');
  await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await page.locator('#new-user-error').getByText(/kleine letter/).waitFor();
  await page.getByLabel('Gebruikersnaam').fill('k.werk');
  await page.getByLabel('Rol').selectOption('klantmanager_werk');
  await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  const otp = page.locator('[data-testid=one-time-password] code');
  await otp.waitFor();
  check((await otp.textContent()).length >= 12, 'no one-time password shown');
  await page.locator('[data-testid=users] tbody tr', { hasText: 'k.werk' }).getByText('eenmalig wachtwoord').waitFor();
  await shot('gebruikers');
  await a11y('gebruikers');
  await logout();
});

await test('auditor: the access log shows who opened which file through which screen', async () => {
  await newSession();
  await login('t.audit', env('AUDITOR_PW'), { changeTo: NEW_PW });
  await page.getByRole('heading', { name: 'Inzagelog' }).waitFor();
  await page.getByLabel('Gebruiker').fill('t.klant');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const row = page.locator('[data-testid=access-log] tbody tr', { hasText: `GET /api/v1/cases/{id}` }).filter({ hasText: 'dossier' });
  await row.first().waitFor();
  check((await page.locator('[data-testid=access-log] tbody tr', { hasText: 't.beleid' }).count()) === 0, 'filter by user ignored');
  await shot('inzagelog');
  await a11y('inzagelog');
  await logout();
});

await h.finish();
