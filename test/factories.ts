/** Factories: build the records a test needs, creating missing parents. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/connection.js';
import type { Role, UserActor } from '../src/platform/context.js';
import { hashPassword } from '../src/platform/auth/secrets.js';

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';
let cachedHash: Promise<string> | undefined;

export interface BuiltUser {
  id: string;
  username: string;
  actor: UserActor;
}

export async function buildUser(
  db: Db,
  o: { role?: Role; username?: string; agencyId?: string | null; communeCode?: string | null; taxCode?: string } = {},
): Promise<BuiltUser> {
  const role = o.role ?? 'case_officer';
  const username = o.username ?? `u${randomBytes(5).toString('hex')}`;
  const kind = role === 'business' ? 'business' : 'staff';
  const row = await db
    .insertInto('app_user')
    .values({
      username,
      display_name: `Người dùng ${username}`,
      password_hash: await (cachedHash ??= hashPassword(TEST_PASSWORD)),
      kind,
      role,
      agency_id: o.agencyId ?? null,
      commune_code: kind === 'staff' ? (o.communeCode ?? null) : null,
      business_tax_code: kind === 'business' ? (o.taxCode ?? '0100000001') : null,
      email: `${username}@example.test`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    username,
    actor: {
      type: 'user',
      userId: row.id,
      username,
      displayName: row.display_name,
      role,
      userKind: kind,
      agencyId: row.agency_id,
      communeCode: row.commune_code,
      businessTaxCode: row.business_tax_code,
      via: 'session',
    },
  };
}

/** Logs in through the API and returns the Cookie header value. */
export async function loginCookie(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
  return r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
