/** SQL for identity tables (app_user, user_session, api_token). No permissions, no transactions. */
import type { Selectable } from 'kysely';
import type { Ctx } from '../context.js';
import type { AppUserTable } from '../../db/schema.js';

export type UserRow = Selectable<AppUserTable>;
type Db = Ctx['db'];

export const findUserByUsername = (db: Db, username: string) =>
  db
    .selectFrom('app_user')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();

export const findUserById = (db: Db, id: string) => db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

export const findSession = (db: Db, id: string, now: Date) =>
  db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .selectAll('app_user')
    .select(['user_session.id as session_id', 'user_session.csrf_token', 'user_session.expires_at'])
    .where('user_session.id', '=', id)
    .where('user_session.revoked_at', 'is', null)
    .where('user_session.expires_at', '>', now)
    .where('app_user.active', '=', true)
    .executeTakeFirst();

export const findToken = (db: Db, tokenHash: string, now: Date) =>
  db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .selectAll('app_user')
    .select(['api_token.id as token_id'])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_token.expires_at', 'is', null), eb('api_token.expires_at', '>', now)]))
    .where('app_user.active', '=', true)
    .executeTakeFirst();
