import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'etl-doctor-home-'));

/**
 * The environment a test run gets: no AWS_* variables from the developer's shell, no shared config
 * files, no instance metadata look-ups, no retry delay.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return {
    ...env,
    HOME: EMPTY_HOME,
    AWS_CONFIG_FILE: join(EMPTY_HOME, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(EMPTY_HOME, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ETL_DOCTOR_RETRY_DELAY_MS: '0',
    NO_COLOR: '1',
    ...extra,
  };
}

export function clearAwsEnv(): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.ETL_DOCTOR_RETRY_DELAY_MS = '0';
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string | Buffer } = {},
): CliResult {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build (npm test does)');
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: cleanEnv(options.env),
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 32 * 1024 * 1024,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
