/**
 * Append-only, timestamp-named migrations in src/db/migrations, run by Kysely's Migrator on
 * both databases. Each file exports `up(db)`; files are never edited once landed.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { DB } from './schema.js';
import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';

export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

class DirectoryMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(migrationsDir)).filter((f) => /^\d{14}_[a-z0-9_]+\.ts$/.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      out[f.replace(/\.ts$/, '')] = (await import(pathToFileURL(join(migrationsDir, f)).href)) as Migration;
    }
    return out;
  }
}

/** Migrates to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  // Migrations see the database untyped: they create the tables the types describe.
  const migrator = new Migrator({ db: db as unknown as Kysely<Record<string, never>>, provider: new DirectoryMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String((error as Error).message ?? error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
