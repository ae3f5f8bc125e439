/**
 * Helpers for the browser and start-up checks (test/e2e/*.e2e.ts): start the real app as a
 * child process (`node --import tsx src/main.ts`) on a loopback port and stop it again.
 * The child gets an explicit environment, so a DATABASE_URL set in the caller's shell never
 * leaks into it. For the browser journeys, `newJourney` gives a fresh data directory, the app on
 * it and Debian's Chromium, and takes them all down again; `loginAs`, `axeProblems`, `download`
 * and `fileRequest` are the steps the journeys share.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const root = new URL('../..', import.meta.url).pathname;
export const DEMO_PASSWORD = 'demo-e2e-Mat-khau-1';

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `bvntd-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface AppProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  /** Everything the child wrote so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the child has exited. */
  readonly exited: Promise<number | string>;
  /** Polls /health until it answers 200; returns the milliseconds since spawn. */
  waitForHealth(timeoutMs?: number): Promise<number>;
  /** SIGTERM, wait for exit (SIGKILL after `graceMs`); returns the exit code or signal. */
  stop(graceMs?: number): Promise<number | string>;
}

export interface StartOptions {
  /** Directory holding pgdata/, mail/ and files. */
  dataDir: string;
  port?: number;
  demoPassword?: string;
  env?: Record<string, string>;
}

export async function startApp(o: StartOptions): Promise<AppProcess> {
  const port = o.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    TZ: 'UTC',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_BASE_URL: baseUrl,
    DATABASE_URL: `pglite://${join(o.dataDir, 'pgdata')}`,
    DATA_DIR: o.dataDir,
    MAIL_URL: `file://${join(o.dataDir, 'mail')}`,
    DEMO_PASSWORD: o.demoPassword ?? DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
    ...o.env,
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  let exitedWith: number | string | undefined;
  void exited.then((c) => (exitedWith = c));

  return {
    child,
    port,
    baseUrl,
    exited,
    output: () => out,
    async waitForHealth(timeoutMs = 60_000) {
      const deadline = started + timeoutMs;
      for (;;) {
        if (exitedWith !== undefined) throw new Error(`app exited (${exitedWith}) before /health answered:\n${out}`);
        try {
          const r = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
          if (r.status === 200) return Math.round(performance.now() - started);
        } catch {
          // not listening yet
        }
        if (performance.now() > deadline) throw new Error(`/health did not answer 200 within ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(graceMs = 15_000) {
      if (exitedWith !== undefined) return exitedWith;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Logs in through the JSON API; returns the Cookie header value. */
export async function apiLogin(baseUrl: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Screenshots of the journeys, kept as artefacts. */
const artifacts = join(root, 'artifacts', 'e2e');
export const DESKTOP = { viewport: { width: 1280, height: 900 } };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function launchBrowser(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Journey {
  readonly app: AppProcess;
  readonly browser: Browser;
  /** The app's base URL (`http://127.0.0.1:<port>`). */
  readonly base: string;
  /** The app's data directory: fresh, removed by close(). */
  readonly dir: string;
  /** A new browser context (Vietnamese locale, then `options`) and its page; actions time out after 15 s. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A full-page screenshot at artifacts/e2e/<journey>-<name>.png, checked to hold an image. */
  shot(page: Page, name: string): Promise<void>;
  /**
   * Closes the browser, stops the app (printing its output unless it exited 0), removes the data
   * directory; then fails if any page reported a Content-Security-Policy violation (pages run under
   * the app's real policy: no journey bypasses it).
   */
  close(): Promise<void>;
}

/**
 * Chromium and the app on a fresh data directory, healthy. `name` names the temporary directory
 * and prefixes the screenshots. If any of it fails to start, what did start is taken down again
 * before the error is thrown, so `after(() => journey?.close())` is all a file needs.
 */
export async function newJourney(name: string): Promise<Journey> {
  const dir = tempDir(`e2e-${name}`);
  let browser: Browser | undefined;
  let app: AppProcess | undefined;
  const violations: string[] = [];
  const close = async () => {
    await browser?.close();
    const code = await app?.stop();
    if (code !== undefined && code !== 0) console.error(`app exited with ${code}:\n${app?.output()}`);
    dir.remove();
    assert.deepEqual(violations, [], 'no Content-Security-Policy violations');
  };
  try {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchBrowser();
    app = await startApp({ dataDir: dir.path });
    await app.waitForHealth();
  } catch (e) {
    await close();
    throw e;
  }
  const b = browser;
  return {
    app,
    browser: b,
    base: app.baseUrl,
    dir: dir.path,
    async newPage(options = {}) {
      const context = await b.newContext({ locale: 'vi-VN', ...options });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
      });
      return page;
    },
    async shot(page, shot) {
      const path = join(artifacts, `${name}-${shot}.png`);
      await page.screenshot({ path, fullPage: true });
      assert.ok(statSync(path).size > 1000, `${name}-${shot} screenshot written`);
    },
    close,
  };
}

/**
 * Signs a demo user in through the login form and waits for where it leads: the staff home page,
 * or `next` when given (sent as `/login?next=…`).
 */
export async function loginAs(page: Page, base: string, username: string, next?: string): Promise<void> {
  await page.goto(next === undefined ? `${base}/login` : `${base}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL(`**${next ?? '/home'}`), page.click('main form button[type="submit"]')]);
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical violations on the current page, one line each. axe goes in
 * through evaluate: page.addScriptTag adds an inline <script>, which the page's CSP (script-src
 * 'self') rightly refuses, and the CSP is under test, so not every context may bypass it.
 */
export async function axeProblems(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Clicks `selector` and returns the file the click downloads: its suggested name and its bytes. */
export async function download(page: Page, selector: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), body: readFileSync((await file.path())!) };
}

/** Files a consumer request through the public JSON API (POST /api/v1/requests) under an idempotency key. */
export function fileRequest(base: string, idempotencyKey: string, body: unknown): Promise<Response> {
  return fetch(`${base}/api/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  });
}
