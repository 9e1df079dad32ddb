// Shared pieces of the browser tests (tests/browser/*.test.mjs, run by tests/browser/run.sh):
// the environment, headless Chromium through playwright-core, named steps with a screenshot on
// failure, logging in (with the forced change of a one-time password) and euro formatting.
import { createRequire } from 'node:module';
import path from 'node:path';

export const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set (run this through tests/browser/run.sh)`);
  return v;
};
export const BASE = env('BASE_URL');
export const SHOTS = env('SHOTS');
export const NEW_PW = 'een-nieuw-wachtwoord-2026';

/** Integer cents as the UI shows them: 123456 -> "€ 1.234,56". */
export function euro(cents) {
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€ ${cents < 0 ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
}
export function check(cond, what) {
  if (!cond) throw new Error(what);
}

export async function startBrowser() {
  const require = createRequire(path.join(env('WEB_DIR'), 'package.json'));
  const { chromium } = require('playwright-core');
  const axeSource = require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const browser = await chromium.launch({
    executablePath: env('CHROMIUM'),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--lang=nl-NL'],
  });
  const results = [];
  const axeChecked = [];
  const h = {
    browser,
    context: null,
    page: null,
    async newSession() {
      if (h.context) await h.context.close();
      h.context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
      h.page = await h.context.newPage();
      h.page.setDefaultTimeout(30000);
      return h.page;
    },
    async shot(name) {
      await h.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    },
    /** axe-core's WCAG 2.1 A and AA rules on the page as it is now; any violation fails the step. */
    async a11y(screen) {
      const page = h.page;
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
      const found = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return r.violations.map((v) => `${v.id} (${v.nodes.length}×): ${v.help} -- ${v.nodes[0]?.target?.join(' ')}`);
      });
      check(found.length === 0, `accessibility of ${screen}:\n  ${found.join('\n  ')}`);
      axeChecked.push(screen);
    },
    async test(name, fn) {
      const start = Date.now();
      try {
        await fn();
        results.push([name, true]);
        console.log(`ok   ${name} (${Date.now() - start} ms)`);
      } catch (e) {
        results.push([name, false]);
        console.log(`FAIL ${name}: ${e.message}`);
        try {
          await h.shot(`FAIL-${name.replace(/\W+/g, '-')}`);
        } catch {
          /* no page */
        }
      }
    },
    async login(name, password, { changeTo } = {}) {
      const page = h.page;
      await page.goto(`${BASE}/inloggen`);
      await page.getByLabel('Gebruikersnaam').fill(name);
      await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      if (changeTo) {
        await page.getByRole('heading', { name: 'Kies een nieuw wachtwoord' }).waitFor();
        await page.getByLabel('Huidig (eenmalig) wachtwoord').fill(password);
        await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(changeTo);
        await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(changeTo);
        await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      }
      await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    },
    async logout() {
      await h.page.getByRole('button', { name: 'Uitloggen' }).click();
      await h.page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    },
    /** Closes the browser, prints the tally and exits 0 only when every step passed. */
    async finish() {
      await browser.close();
      const passed = results.filter((r) => r[1]).length;
      if (axeChecked.length) console.log(`axe-core WCAG 2.1 AA checks without violations: ${axeChecked.join(', ')}`);
      console.log(`screenshots: ${SHOTS}`);
      console.log(`${passed} passed, ${results.length - passed} failed`);
      process.exit(results.length > 0 && passed === results.length ? 0 : 1);
    },
  };
  return h;
}
