import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { createClients, REPLAY_CREDENTIALS, type AwsClients } from '../../../src/aws/clients.js';
import type { Fixture } from '../../../src/aws/replay/fixture.js';
import {
  startReplayServer,
  type ReplayServer,
  type ReplayServerOptions,
} from '../../../src/aws/replay/server.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const BASIC = path.join(FIXTURES, 'basic');

/** No test may read the developer's AWS settings or reach AWS. */
export function clearAwsEnv(): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
}

export interface Replay {
  server: ReplayServer;
  aws: AwsClients;
}

/** A replay server and real SDK clients pointed at it, for the tests of one file. */
export function useReplay(fixture: Fixture | string = BASIC, options: ReplayServerOptions = {}): Replay {
  const replay = {} as Replay;
  beforeAll(async () => {
    clearAwsEnv();
    replay.server = await startReplayServer(fixture, options);
    replay.aws = createClients({
      endpointUrl: replay.server.url,
      region: 'us-east-1',
      credentials: REPLAY_CREDENTIALS,
      retryDelayMs: 0,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    replay.aws?.destroy();
    await replay.server?.close();
  });
  return replay;
}

/** The error a promise rejects with, for asserting on name, message and $metadata. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}
