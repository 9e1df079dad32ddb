// Browser tests of the debt fund's screens (run by tests/browser/run.sh after ui.test.mjs): the
// schuldhulpverlener's list with the four-week clock, a restructured dossier, confirming a
// milestone (the balance drops; a second time the server's refusal is shown in Dutch), the
// household's printable overview, and the fund's figures for the schuldhulpverlener and beleid.
import path from 'node:path';
import { BASE, NEW_PW, SHOTS, check, env, euro, startBrowser } from './harness.mjs';

const h = await startBrowser();
let page = await h.newSession();
const getJson = async (p) => {
  const r = await page.request.get(`${BASE}/api/v1${p}`);
  check(r.status() === 200, `GET ${p}: ${r.status()}`);
  return r.json();
};
const focusedHeading = () => page.evaluate(() => (document.activeElement?.tagName === 'H1' ? document.activeElement.textContent : null));

let dossierId = 0;
let before = null; // the dossier before the milestone
let forgives = 0; // what the budgetcursus forgives, from the household's overview

await h.test('schuldhulpverlener: one-time password, the list with the work queue of the clock', async () => {
  await h.login('t.schuld', env('SHV_PW'), { changeTo: NEW_PW });
  await page.getByRole('navigation').getByRole('link', { name: 'Schuldenfonds' }).click();
  await page.getByRole('heading', { name: 'Schuldenfonds: dossiers' }).waitFor();
  check((await focusedHeading()) === 'Schuldenfonds: dossiers', 'the heading has no focus after navigation');
  const api = await getJson('/debt/dossiers');
  check(api.work_queue.length > 0, 'the demo has no dossier in the work queue');
  const rows = page.locator('[data-testid=debt-queue] tbody tr');
  await rows.first().waitFor();
  check((await rows.count()) === api.work_queue.length, `queue rows ${await rows.count()} != ${api.work_queue.length}`);
  // Late first, in the server's order, each with its days.
  for (let i = 0; i < api.work_queue.length; ++i) {
    const c = api.work_queue[i];
    const text = await rows.nth(i).textContent();
    check(text.includes(`Dossier ${c.dossier_id}`), `row ${i} is not dossier ${c.dossier_id}: ${text}`);
    const days = c.days_left < 0 ? `${-c.days_left} ${c.days_left === -1 ? 'dag' : 'dagen'} te laat` : `${c.days_left} ${c.days_left === 1 ? 'dag' : 'dagen'} over`;
    check(text.includes(days), `row ${i} lacks "${days}": ${text}`);
  }
  if (api.work_queue.some((c) => c.state === 'te_laat')) check((await rows.first().textContent()).includes('te laat'), 'the first row is not late');
  const others = page.locator('[data-testid=debt-dossiers] tbody tr');
  check((await others.count()) === api.dossiers.length - api.work_queue.length, 'not every other dossier is listed');
  await h.shot('schulden-lijst');
  await h.a11y('schulden-lijst');
  // A dossier still in intake: confirming a milestone is refused, with the server's reason.
  const first = api.work_queue[0].dossier_id;
  await rows.first().getByRole('link').click();
  await page.getByRole('heading', { name: new RegExp(`^Schuldendossier ${first} `) }).waitFor();
  check((await page.getByRole('heading', { name: 'Regeling' }).count()) === 1, 'no plan section');
  await page.getByRole('button', { name: 'Bevestig: Betaald werk gevonden' }).click();
  await page.getByRole('alert').getByText(`Dit kan nu niet. Dossier ${first} is intake: kwijtschelding kan pas na de sanering.`).waitFor();
  await page.getByRole('link', { name: 'Terug naar de dossiers' }).click();
  await page.getByRole('heading', { name: 'Schuldenfonds: dossiers' }).waitFor();
});

await h.test('a restructured dossier: claims, offers, the plan', async () => {
  const api = await getJson('/debt/dossiers');
  for (const d of api.dossiers) {
    if (d.balance <= 0 || !['gesaneerd', 'aflossing'].includes(d.status)) continue;
    const full = await getJson(`/debt/dossiers/${d.id}`);
    if (full.plan?.regime === 'studieschuld' && !full.forgiveness.some((f) => f.milestone === 'budgetcursus')) {
      dossierId = d.id;
      before = full;
      break;
    }
  }
  check(dossierId > 0, 'the demo has no restructured dossier with a student-loan plan');
  await page.locator('[data-testid=debt-dossiers]').getByRole('link', { name: `Dossier ${dossierId}`, exact: true }).click();
  await page.getByRole('heading', { name: new RegExp(`^Schuldendossier ${dossierId} `) }).waitFor();
  check((await focusedHeading())?.startsWith(`Schuldendossier ${dossierId}`), 'the heading has no focus');
  check((await page.locator('[data-testid=debt-balance]').textContent()) === euro(before.balance), 'balance differs from the API');
  const claims = page.locator('[data-testid=debt-claims] > tbody > tr');
  check((await claims.count()) === before.claims_detail.length, 'not every claim is shown');
  const c0 = before.claims_detail[0];
  const row0 = await claims.first().textContent();
  check(row0.includes(c0.creditor) && row0.includes(euro(c0.total)), `first claim: ${row0}`);
  // The offers of a claim open with a button (aria-expanded), their answers in Dutch.
  const withOffer = before.claims_detail.findIndex((c) => c.offers.length > 0);
  check(withOffer >= 0, 'no claim with an offer');
  const toggle = claims.nth(withOffer).getByRole('button');
  await toggle.click();
  check((await toggle.getAttribute('aria-expanded')) === 'true', 'aria-expanded');
  const offers = page.locator(`[data-testid=offers-${before.claims_detail[withOffer].seq}] tbody tr`);
  await offers.first().waitFor();
  check((await offers.count()) === before.claims_detail[withOffer].offers.length, 'not every offer is shown');
  const plan = await page.locator('[data-testid=debt-plan]').textContent();
  check(plan.includes('studieschuld') && plan.includes(euro(before.plan.monthly)) && plan.includes(`${before.plan.term_months} maanden`), `plan: ${plan}`);
  await h.shot('schulden-dossier');
  await h.a11y('schulden-dossier');
});

await h.test('confirm a milestone: the balance drops; a second time the refusal in Dutch', async () => {
  check(dossierId > 0, 'no dossier opened');
  const overview = await getJson(`/debt/dossiers/${dossierId}/overview`);
  forgives = overview.milestones.find((m) => m.kind === 'budgetcursus')?.forgives ?? 0;
  check(forgives > 0, 'the budgetcursus forgives nothing');
  const button = page.getByRole('button', { name: 'Bevestig: Budgetcursus afgerond' });
  await button.click();
  await page.locator('[data-testid=milestone-result]').getByText(`${euro(forgives)} kwijtgescholden`).waitFor();
  await page.locator('[data-testid=debt-balance]').getByText(euro(before.balance - forgives), { exact: true }).waitFor();
  await page.locator('[data-testid=debt-forgiveness] tbody tr', { hasText: 'Budgetcursus afgerond' }).getByText('t.schuld').waitFor();
  await button.click();
  await page.getByRole('alert').getByText('Dit bestaat al. Mijlpaal budgetcursus is al bevestigd.').waitFor();
  check((await page.locator('[data-testid=debt-balance]').textContent()) === euro(before.balance - forgives), 'the refused milestone changed the balance');
  await h.shot('schulden-mijlpaal');
  await h.a11y('schulden-mijlpaal');
});

await h.test('withhold the instalment from a benefit case; a case that does not exist is refused', async () => {
  check(dossierId > 0, 'no dossier opened');
  const box = page.locator('[data-testid=debt-withholding]');
  await box.getByText('Het huishouden betaalt de termijnen zelf.').waitFor();
  const field = page.getByLabel('Zaaknummer van de uitkering');
  const submit = page.getByRole('button', { name: 'Inhouden op deze uitkering' });
  await field.fill('99999999');
  await submit.click();
  await box.getByRole('alert').getByText(/geen uitkeringsdossier 99999999/).waitFor();
  check((await field.getAttribute('aria-invalid')) === 'true', 'the field is not marked invalid');
  await field.fill('3');
  await submit.click();
  await page.locator('[data-testid=withholding-result]').getByText('ingehouden op uitkering 3').waitFor();
  await box.getByText('De betaalrun houdt de termijn in op uitkering 3.').waitFor();
  check((await getJson(`/debt/dossiers/${dossierId}`)).benefit_case === 3, 'the API does not show the benefit case');
  await h.shot('schulden-inhouden');
  await h.a11y('schulden-inhouden');
});

await h.test("the household's own view, printable", async () => {
  check(dossierId > 0, 'no dossier opened');
  await page.getByRole('link', { name: 'Overzicht voor het huishouden' }).click();
  await page.getByRole('heading', { name: 'Uw schulden en uw regeling' }).waitFor();
  const api = await getJson(`/debt/dossiers/${dossierId}/overview`);
  const lines = page.locator('[data-testid=overview-lines] p');
  check((await lines.count()) === api.lines.length, 'not every line is shown');
  check((await lines.first().textContent()) === api.lines[0], 'the first line differs');
  check((await page.locator('[data-testid=overview-facts]').textContent()).includes(euro(before.balance - forgives)), 'the balance is not the new one');
  check((await page.locator('[data-testid=overview-milestones] tbody tr').count()) === api.milestones.length, 'milestones missing');
  // The same overview as a letter: the link gives the PDF.
  const href = await page.getByRole('link', { name: 'Als brief (PDF)' }).getAttribute('href');
  check(href === `/api/v1/debt/dossiers/${dossierId}/letter`, `the letter link is ${href}`);
  const letter = await page.request.get(`${BASE}${href}`);
  check(letter.status() === 200 && letter.headers()['content-type'] === 'application/pdf', `the letter: ${letter.status()}`);
  check((await letter.body()).subarray(0, 5).toString() === '%PDF-', 'the letter is not a PDF');
  // "Afdrukken" opens the browser's print dialog; on paper the menu and the buttons are gone.
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => (window.__printed += 1);
  });
  await page.getByRole('button', { name: 'Afdrukken' }).click();
  check((await page.evaluate(() => window.__printed)) === 1, 'Afdrukken did not print');
  await h.shot('schulden-overzicht');
  await h.a11y('schulden-overzicht');
  await page.emulateMedia({ media: 'print' });
  check(!(await page.locator('header.top').isVisible()), 'the menu is printed');
  check(!(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()), 'the button is printed');
  check(await page.locator('[data-testid=overview-lines]').isVisible(), 'the text is not printed');
  await page.pdf({ path: path.join(SHOTS, 'schulden-overzicht.pdf'), format: 'A4' });
  await h.shot('schulden-overzicht-afdruk');
  await page.emulateMedia({ media: 'screen' });
});

await h.test("the fund's figures for the schuldhulpverlener", async () => {
  await page.getByRole('navigation').getByRole('link', { name: 'Cijfers fonds' }).click();
  await page.getByRole('heading', { name: 'Schuldenfonds: cijfers' }).waitFor();
  const api = await getJson('/debt/figures');
  check(api.forgiven >= forgives, 'the confirmed milestone is not in the figures');
  const cell = (label) => page.locator('[data-testid=debt-figures] tr', { hasText: label }).locator('td');
  await cell('Gesaneerde dossiers').first().waitFor();
  check((await cell('Gesaneerde dossiers').textContent()) === String(api.restructured), 'restructured');
  check((await cell('Kwijtgescholden').textContent()) === euro(api.forgiven), 'forgiven');
  check((await cell('Gesaneerde schulden samen').textContent()) === euro(api.claims_settled_total), 'settled total');
  // A wrong date is refused before anything is sent.
  await page.getByLabel('Vanaf (JJJJ-MM-DD)').fill('gisteren');
  await page.getByRole('button', { name: 'Tonen' }).click();
  await page.getByRole('alert').getByText(/Vul datums in als JJJJ-MM-DD/).waitFor();
  await h.shot('schulden-cijfers');
  await h.a11y('schulden-cijfers');
  await h.logout();
});

await h.test('beleid: the figures, not the dossiers', async () => {
  page = await h.newSession();
  await h.login('t.beleid.fonds', env('BELEID_FUND_PW'), { changeTo: NEW_PW });
  const nav = page.getByRole('navigation');
  check((await nav.getByRole('link', { name: 'Schuldenfonds' }).count()) === 0, 'beleid sees the dossiers in the menu');
  await nav.getByRole('link', { name: 'Cijfers fonds' }).click();
  await page.getByRole('heading', { name: 'Schuldenfonds: cijfers' }).waitFor();
  await page.locator('[data-testid=debt-figures] tbody tr').first().waitFor();
  await page.goto(`${BASE}/schulden`);
  await page.getByRole('alert').getByText(/Uw rol geeft geen toegang/).waitFor();
  await h.shot('schulden-beleid');
});

await h.finish();
