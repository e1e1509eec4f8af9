import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type AppProcess, baseEnv, startAppProcess } from '../setup/app-process';
import { isolatedDatabase } from '../setup/test-environment';

/**
 * The web console in a real browser (issue 15): Debian's Chromium, driven by
 * playwright-core, against the built app as a process on a database of its own with
 * the demo data and the clock at 16.08.2021. The clerk logs in, sees Mein Eingang,
 * opens the seed's Vorlage 2021/119 and submits it; the department head, the
 * Kreisdirektor and the Landrat each sign it with the button their inbox leads them
 * to. axe-core checks every view (no serious or critical WCAG 2.1 A/AA violation);
 * screenshots go to test-output/console/ for review.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '../../test-output/console');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TITLE = /Digitalisierung – SmartCity/;

describe('web console in the browser (e2e)', () => {
  const children: ChildProcess[] = [];
  let app: AppProcess;
  let browser: Browser;
  let drop: () => Promise<void>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const isolated = await isolatedDatabase('console_browser');
    drop = isolated.drop;
    app = await startAppProcess(
      {
        ...baseEnv(),
        NODE_ENV: 'development',
        DATABASE_URL: isolated.databaseUrl,
        QUEUE_PREFIX: isolated.queuePrefix,
        JWT_SECRET: 'console-browser-test-secret-0123456789-abcdef',
        SEED_DEMO: 'true',
        CLOCK_START: '2021-08-16T09:00:00+02:00',
        LOG_LEVEL: 'warn',
        DATA_DIR: '/tmp/ratsweg-console-browser',
      },
      children,
      90_000,
    );
    // A fresh profile per launch (playwright's own temporary user-data-dir), no background traffic.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await drop?.();
  });

  /** A browser window of its own (own cookies and sessionStorage) for one user, German and in Berlin. */
  async function windowFor(): Promise<Page> {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    context.setDefaultTimeout(20_000);
    return context.newPage();
  }

  /** axe-core on the page as it is: no serious or critical violation of WCAG 2.0/2.1 A and AA. */
  async function expectAccessible(page: Page, view: string): Promise<void> {
    // Evaluated through the debugging protocol, so the page's CSP (script-src 'self') stays as it is.
    await page.evaluate(AXE);
    // A string, evaluated in the page (this file is compiled without the DOM's types).
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) =>
        r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) })))`,
    )) as { id: string; impact: string; help: string; targets: string[] }[];
    expect({ view, violations: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') }).toEqual({ view, violations: [] });
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }

  async function login(page: Page, username: string): Promise<void> {
    await page.getByLabel('Benutzername').fill(username);
    await page.getByLabel('Passwort').fill(username);
    await page.getByRole('button', { name: 'Anmelden' }).click();
  }

  let clerk: Page;

  it('shows the login, in German, and refuses a wrong password with a German message', async () => {
    clerk = await windowFor();
    await clerk.goto(`${app.url}/`);
    await expect(clerk.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('ratsweg – Anmelden');
    expect(await clerk.evaluate('document.documentElement.lang')).toBe('de');
    await expectAccessible(clerk, 'Anmelden');
    await shoot(clerk, '01-anmelden');

    await clerk.getByLabel('Benutzername').fill('clerk');
    await clerk.getByLabel('Passwort').fill('falsch');
    await clerk.getByRole('button', { name: 'Anmelden' }).click();
    await expect(clerk.getByRole('alert').textContent()).resolves.toBe('Benutzername oder Passwort ist falsch.');
  }, 60_000);

  it('logs the clerk in to Mein Eingang with its draft 2021/119 counted; the token stays out of reach of scripts', async () => {
    await login(clerk, 'clerk');
    await clerk.getByRole('heading', { level: 1, name: 'Mein Eingang' }).waitFor();
    await clerk.getByRole('link', { name: 'Entwürfe: 1' }).waitFor();
    await clerk.getByRole('link', { name: 'Zu zeichnen: 0' }).waitFor();
    await clerk.getByRole('link', { name: TITLE }).waitFor();
    // httpOnly: the page's scripts see the CSRF cookie, never the session token.
    const visible = (await clerk.evaluate('document.cookie')) as string;
    expect(visible).toMatch(/ratsweg_csrf=/);
    expect(visible).not.toMatch(/ratsweg_session/);
    const cookies = await clerk.context().cookies();
    expect(cookies.find((c) => c.name === 'ratsweg_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await expectAccessible(clerk, 'Mein Eingang');
    await shoot(clerk, '02-mein-eingang-sachbearbeitung');
  }, 60_000);

  it('opens the Vorlage with its fields, Beratungsfolge and verified history; only the submit button is offered', async () => {
    await clerk.getByRole('link', { name: TITLE }).click();
    await clerk.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await clerk.getByText('✓ Verlauf geprüft').waitFor();
    const beratung = clerk.getByRole('table').first();
    const rows = await beratung.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['Ausschuss für Wirtschaftspolitik und Digitales', 'Vorberatung', '31.08.2021', '2.a', 'Herr Haumann', 'offen'],
      ['Kreisausschuss', 'Vorberatung', '13.09.2021', '5', 'Herr Haumann', 'offen'],
      ['Kreistag', 'Entscheidung', '29.09.2021', '11', 'Herr Haumann', 'offen'],
    ]);
    await clerk.getByText('Keine unmittelbaren Auswirkungen').waitFor();
    await clerk.getByRole('button', { name: 'Zur Mitzeichnung einreichen' }).waitFor();
    await expect(clerk.getByRole('button', { name: 'Zeichnen' }).count()).resolves.toBe(0);
    await expectAccessible(clerk, 'Vorlage (Entwurf)');
    await shoot(clerk, '03-vorlage-entwurf');
  }, 60_000);

  it('submits it with the button: the view shows the new state and the history grows, still verified', async () => {
    await clerk.getByRole('button', { name: 'Zur Mitzeichnung einreichen' }).click();
    await clerk.getByText('Erledigt: zur Mitzeichnung eingereicht. Stand jetzt: In Mitzeichnung.').waitFor();
    await clerk.getByText('Als Nächstes zeichnet').waitFor();
    await clerk.locator('dd', { hasText: 'Fachbereichsleitung' }).waitFor();
    await expect(clerk.getByRole('button', { name: 'Zur Mitzeichnung einreichen' }).count()).resolves.toBe(0);
    await clerk.getByRole('cell', { name: 'zur Mitzeichnung eingereicht' }).waitFor();
    await clerk.getByText(/✓ Verlauf geprüft: \d+ Einträge/).waitFor();
  }, 60_000);

  it('keeps typed text when the session ends: login in place, then the same view with the text', async () => {
    const reason = clerk.getByLabel('Begründung für „Zurückziehen“');
    await reason.fill('Die Vorlage wird in der nächsten Woche neu gefasst.');
    // The session ends (as at expiry): the next request is refused with 401.
    await clerk.context().clearCookies();
    await clerk.getByRole('button', { name: 'Zurückziehen' }).click();
    await clerk.getByText('Ihre Sitzung ist abgelaufen.', { exact: false }).waitFor();
    await expectAccessible(clerk, 'Anmelden (Sitzung abgelaufen)');
    await shoot(clerk, '04-sitzung-abgelaufen');
    await login(clerk, 'clerk');
    await clerk.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect(clerk.getByLabel('Begründung für „Zurückziehen“').inputValue()).resolves.toBe('Die Vorlage wird in der nächsten Woche neu gefasst.');
    // Nothing was withdrawn: the refused request changed nothing.
    await clerk.locator('dl').getByText('In Mitzeichnung', { exact: true }).waitFor();
    await clerk.getByLabel('Begründung für „Zurückziehen“').fill('');
  }, 60_000);

  it('leads each signer from Mein Eingang to the Vorlage, where “Zeichnen” is offered to exactly the one whose step is next', async () => {
    const kd = await windowFor();
    await kd.goto(`${app.url}/`);
    await login(kd, 'kd');
    await kd.getByRole('link', { name: 'Zu zeichnen: 0' }).waitFor();

    const fbl = await windowFor();
    await fbl.goto(`${app.url}/`);
    await login(fbl, 'fbl');
    await fbl.getByRole('link', { name: 'Zu zeichnen: 1' }).waitFor();
    await expectAccessible(fbl, 'Mein Eingang (Fachbereichsleitung)');
    await shoot(fbl, '05-mein-eingang-fachbereichsleitung');
    await fbl.getByRole('link', { name: TITLE }).click();
    await fbl.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await fbl.getByRole('button', { name: 'Zeichnung ablehnen' }).waitFor();
    await expectAccessible(fbl, 'Vorlage (Mitzeichnung)');
    await shoot(fbl, '06-vorlage-mitzeichnung');

    // A second tab of the department head signs first: the first tab's button acts on a stale version.
    const second = await fbl.context().newPage();
    await second.goto(fbl.url());
    await second.getByRole('button', { name: 'Zeichnen', exact: true }).click();
    await second.getByText('Erledigt: gezeichnet.', { exact: false }).waitFor();
    await fbl.getByRole('button', { name: 'Zeichnen', exact: true }).click();
    await fbl.getByText('Die Vorlage wurde inzwischen geändert. Der aktuelle Stand ist geladen.').waitFor();
    // The API's own reason beside the German meaning.
    await expect(fbl.getByText(/^Antwort des Servers: /).textContent()).resolves.toMatch(/stale; the current version is 3/);
    // … and the fresh state has no button left for the department head.
    await fbl.locator('dd', { hasText: /^Kreisdirektor$/ }).waitFor();
    await expect(fbl.getByRole('button', { name: 'Zeichnen', exact: true }).count()).resolves.toBe(0);
    await expectAccessible(fbl, 'Vorlage (Ablehnung angezeigt)');
    await shoot(fbl, '07-vorlage-veraltet');

    for (const [page, next] of [
      [kd, 'Landrat'],
      [undefined, null],
    ] as const) {
      const signer = page ?? (await windowFor());
      if (!page) {
        await signer.goto(`${app.url}/`);
        await login(signer, 'landrat');
      } else {
        await signer.reload();
      }
      await signer.getByRole('link', { name: 'Zu zeichnen: 1' }).waitFor();
      await signer.getByRole('link', { name: TITLE }).click();
      await signer.getByRole('button', { name: 'Zeichnen', exact: true }).click();
      await signer.getByText('Erledigt: gezeichnet.', { exact: false }).waitFor();
      if (next) {
        await signer.locator('dd', { hasText: new RegExp(`^${next}$`) }).waitFor();
      } else {
        // The Landrat's signature releases it: the reference of the seed, deliberation at the committee.
        await signer.getByText('Stand jetzt: In Beratung (wartet auf Tagesordnung).').waitFor();
        await signer.getByText('2021/119', { exact: true }).waitFor();
        await signer.getByRole('row', { name: /Ausschuss für Wirtschaftspolitik und Digitales.*aktuell/ }).waitFor();
        await signer.getByText(/✓ Verlauf geprüft: \d+ Einträge, Hash-Kette lückenlos und unverändert\./).waitFor();
        await expectAccessible(signer, 'Vorlage (freigegeben)');
        await shoot(signer, '08-vorlage-freigegeben');
      }
    }
  }, 120_000);

  it('lists the Vorlagen with the released 2021/119, searchable', async () => {
    await clerk.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Vorlagen' }).click();
    await clerk.getByRole('heading', { level: 1, name: 'Vorlagen' }).waitFor();
    await clerk.getByLabel('Titel oder Nummer').fill('2021/119');
    await clerk.getByRole('button', { name: 'Suchen' }).click();
    await clerk.getByText('1 Vorlage', { exact: true }).waitFor();
    await clerk.getByRole('cell', { name: '2021/119' }).waitFor();
    await expectAccessible(clerk, 'Vorlagen');
    await shoot(clerk, '09-vorlagen');
  }, 60_000);

  it('logs out: the session cookie is gone and the token revoked', async () => {
    const before = (await clerk.context().cookies()).find((c) => c.name === 'ratsweg_session')!.value;
    await clerk.getByRole('button', { name: 'Abmelden' }).click();
    await clerk.getByRole('heading', { level: 1, name: 'ratsweg – Anmelden' }).waitFor();
    expect((await clerk.context().cookies()).find((c) => c.name === 'ratsweg_session')).toBeUndefined();
    const me = await fetch(`${app.url}/auth/me`, { headers: { authorization: `Bearer ${before}` } });
    expect(me.status).toBe(401);
  }, 60_000);
});
