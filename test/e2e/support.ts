/**
 * Helpers for the browser and start-up checks (test/e2e/*.e2e.ts): start the real app as a
 * child process (`node --import tsx src/main.ts`) on a loopback port and stop it again.
 * The child gets an explicit environment, so a DATABASE_URL set in the caller's shell never
 * leaks into it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
