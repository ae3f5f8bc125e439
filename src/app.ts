/**
 * buildApp(deps) → a Fastify instance with every route registered. Tests use it with
 * inject(); main.ts listens on a port. Nothing here reads process.env.
 */
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from './db/connection.js';
import type { Deps } from './platform/context.js';
import { genRequestId, installHttpKernel } from './platform/http.js';
import { logRedactPaths } from './platform/log.js';
import { typed } from './platform/api.js';
import { renderErrorPage } from './web/error-page.js';
import { registerAccount } from './modules/account/index.js';
import { registerCalendar } from './modules/calendar/index.js';
import { registerDirectory } from './modules/directory/index.js';
import { registerAdmin } from './modules/admin/index.js';
import { mediationRecordDocument, registerRequests, unsuccessfulMediationDocument } from './modules/requests/index.js';
import { registerHotline } from './modules/hotline/index.js';
import { registerMediation } from './modules/mediation/index.js';
import { registerPlans } from './modules/plans/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string }[];
  }
  interface FastifyContextConfig {
    /** Request-body examples for the OpenAPI document. */
    openapiExamples?: { body?: unknown[] };
  }
}

export interface AppOptions {
  database: Database;
  deps: Deps;
  /** Pino logger options; `false` silences logs (tests). */
  logger?: boolean | object;
}

export async function buildApp({ database, deps, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? {
      level: deps.config.LOG_LEVEL,
      redact: { paths: logRedactPaths, censor: '[ẩn]' },
      // Query strings can hold personal data (a caller's phone, a tracking secret): logged without them.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      },
    },
    genReqId: genRequestId,
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    trustProxy: false,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: deps.config.BODY_LIMIT_BYTES });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: deps.config.SECURE_COOKIES,
  });
  // Off by default; public and login routes opt in with `config.rateLimit`.
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'bvntd API',
        version: '1',
        description: 'Hệ thống bảo vệ quyền lợi người tiêu dùng — API. Lỗi luôn có dạng { error: { code, message, details?, requestId } }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'bvntd_sid' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    // Zod metadata does not carry examples through to the document: routes give them in
    // `config.openapiExamples` and they are added to the request body schema here.
    transform: (args) => {
      const out = jsonSchemaTransform(args);
      const examples = (args.route.config as { openapiExamples?: { body?: unknown[] } } | undefined)?.openapiExamples?.body;
      const body = (out.schema as { body?: Record<string, unknown> }).body;
      if (examples && body) body.examples = examples;
      return out;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('./web/static/', import.meta.url)),
    prefix: '/static/',
    maxAge: 3600_000,
  });

  installHttpKernel(app, database.db, deps, renderErrorPage);

  // Every route, for the bad-input and authorization-matrix tests.
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routeList.push({ method: m, url: r.url });
  });

  const api = typed(app);
  api.get(
    '/health',
    { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({
      status: 'ok' as const,
    }),
  );
  api.get(
    '/ready',
    {
      schema: {
        tags: ['ops'],
        summary: 'Readiness: the database answers',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string() }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(database.db);
        return { status: 'ready' as const, database: database.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );
  api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAccount(app, deps);
  registerCalendar(app, deps);
  registerDirectory(app, deps);
  registerAdmin(app);
  registerRequests(app, deps);
  registerHotline(app, deps);
  registerMediation(app, deps, { mediationRecordDocument, unsuccessfulMediationDocument });
  registerPlans(app, deps);

  await app.ready();
  return app;
}
