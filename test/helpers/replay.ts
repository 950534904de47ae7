import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClients, REPLAY_CREDENTIALS, type AwsClients } from '../../src/aws/clients.js';
import { startReplayServer, type ReplayServer } from '../../src/aws/replay/server.js';
import { diagnose } from '../../src/engine/diagnose.js';
import type { Report } from '../../src/engine/report.js';
import type { Evidence } from '../../src/evidence/model.js';
import { collectEvidence, type FetchOptions } from '../../src/fetchers/index.js';
import type { Target } from '../../src/target.js';
import { ROOT, clearAwsEnv } from './cli.js';

/** A copy of a bundled fixture with extra calls.json entries put first (injected errors). */
export function fixtureWith(name: string, extraCalls: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), `fixture-${name}-`));
  cpSync(join(ROOT, 'fixtures', name), dir, { recursive: true });
  const callsFile = join(dir, 'calls.json');
  const calls = JSON.parse(readFileSync(callsFile, 'utf8')) as unknown[];
  writeFileSync(callsFile, JSON.stringify([...extraCalls, ...calls], null, 2));
  return dir;
}

export function fixtureDir(name: string): string {
  return join(ROOT, 'fixtures', name);
}

export interface ReplayRun {
  evidence: Evidence;
  report: Report;
  server: ReplayServer;
}

/** The whole pipeline a user's run takes, against a replayed fixture, in-process. */
export async function diagnoseFixture(
  dir: string,
  target?: Target,
  options: Omit<FetchOptions, 'clients'> = {},
): Promise<ReplayRun> {
  clearAwsEnv();
  const server = await startReplayServer(dir);
  const clients: AwsClients = createClients({
    endpointUrl: server.url,
    region: server.fixture.scenario?.region ?? 'us-east-1',
    credentials: REPLAY_CREDENTIALS,
    retryDelayMs: 0,
  });
  try {
    const evidence = await collectEvidence(target ?? (server.fixture.scenario!.target as Target), {
      ...options,
      clients,
    });
    return { evidence, report: diagnose(evidence), server };
  } finally {
    clients.destroy();
    await server.close();
  }
}
