/**
 * Throughput of Calendar.addWorkingDays in-process (target ≥ 1,000,000 calls/s for N = 7..30).
 * Prints the figure only; no assertion, since timing depends on the machine.
 * Usage: npx tsx bench/calendar.ts
 */
import { createCalendar, formatIso, isoToDay } from '../src/platform/calendar/index.js';

const cal = createCalendar();

// Inputs spread over 2024–2027 (official and derived years, across Tết and 30/4–1/5).
const start = isoToDay('2024-01-01');
const inputs: Array<[string, number]> = [];
for (let i = 0; i < 4096; i++) {
  inputs.push([formatIso(start + ((i * 7919) % 1400)), 7 + ((i * 31) % 24)]);
}

// Warm-up: materialises the years and lets the JIT optimise the loop.
let sink = 0;
for (let i = 0; i < 200_000; i++) {
  const [from, n] = inputs[i & 4095] as [string, number];
  sink += cal.addWorkingDays(from, n).skipped.length;
}

const calls = 2_000_000;
const t0 = process.hrtime.bigint();
for (let i = 0; i < calls; i++) {
  const [from, n] = inputs[i & 4095] as [string, number];
  sink += cal.addWorkingDays(from, n).skipped.length;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(
  `addWorkingDays: ${Math.round(calls / seconds).toLocaleString('en-US')} calls/s ` +
    `(${calls.toLocaleString('en-US')} calls, N = 7..30, ${(seconds * 1000).toFixed(0)} ms; checksum ${sink})`,
);
