/**
 * The job handlers and periodic sweeps that modules give the worker: one list, used by the
 * in-process worker (src/main.ts) and the separate worker process (scripts/worker.ts), so both
 * run the same kinds. `mail.send` and `sms.send` are built into platform/worker.ts.
 * A module exports `xJobHandlers` / `xSweeps` from its index.ts and is added here.
 */
import { clockSweep } from './platform/clocks/index.js';
import { directorySweeps } from './modules/directory/index.js';
import { requestSweeps } from './modules/requests/index.js';
import { mediationJobHandlers, mediationSweeps } from './modules/mediation/index.js';
import { planSweeps } from './modules/plans/index.js';
import type { JobHandlers, Sweep } from './platform/worker.js';

export const jobHandlers: JobHandlers = { ...mediationJobHandlers };

export const sweeps: readonly Sweep[] = [clockSweep, ...directorySweeps, ...requestSweeps, ...mediationSweeps, ...planSweeps];
