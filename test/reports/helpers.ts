import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { repoRoot } from '../helpers/paths.js';

/** The report fixtures folder. */
export const FIXTURES = join(repoRoot(), 'test', 'reports', 'fixtures');

/** One fixture's bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** The PostgreSQL server tests use: INKAN_TEST_PG, else the local one of .ci/run. */
export const PG_URL = process.env['INKAN_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A store location for one test, and how to remove it. */
export interface TestStore {
  location: string;
  cleanup(): Promise<void>;
}

/** A backend the store suite runs against. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why it is skipped (PostgreSQL unreachable outside CI). */
  skip?: string;
  create(): Promise<TestStore>;
}

let pgReachable: Promise<boolean> | undefined;

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** SQLite always; PostgreSQL when reachable (in CI, an unreachable PostgreSQL fails the run instead of skipping). */
export async function backends(): Promise<Backend[]> {
  pgReachable ??= reachable();
  const up = await pgReachable;
  const host = new URL(PG_URL).host;
  if (!up && (process.env['CI'] || process.env['INKAN_REQUIRE_SERVICES'])) throw new Error(`no PostgreSQL at ${host} (CI must provide it)`);
  return [
    {
      name: 'sqlite',
      async create() {
        const dir = mkdtempSync(join(tmpdir(), 'inkan-reports-'));
        return { location: join(dir, 'inkan.db'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
    {
      name: 'postgres',
      ...(up ? {} : { skip: `skipped: no PostgreSQL at ${host}` }),
      async create() {
        const name = `inkan_test_${process.pid}_${randomBytes(4).toString('hex')}`;
        const admin = new pg.Client({ connectionString: PG_URL });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const url = new URL(PG_URL);
        url.pathname = `/${name}`;
        return {
          location: url.toString(),
          async cleanup() {
            const c = new pg.Client({ connectionString: PG_URL });
            await c.connect();
            // pg's Pool.end() resolves before its sockets have closed: a FORCE drop now would kill a backend whose
            // client is still ending, and that client's 'error' would surface in whatever test runs next.
            for (let i = 0; i < 100; i++) {
              const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
              if (!rows[0]?.n) break;
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await c.end();
          },
        };
      },
    },
  ];
}
