import { sql, type Kysely } from 'kysely';

/**
 * Business accounts (issue 5, business portal): a one-time invitation by e-mail for a business
 * identified by tax code. Only the SHA-256 of the token is stored; an invitation is used once,
 * expires (7 days), or is revoked when a newer one is sent to the same address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table business_invitation (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      business_tax_code text not null,
      business_name text,
      email text not null,
      request_id uuid references request(id),
      invited_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      used_by uuid references app_user(id),
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index business_invitation_tax_code on business_invitation (business_tax_code, created_at desc)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
