import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetJobRunCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { createClients, REPLAY_CREDENTIALS } from '../../src/aws/clients.js';
import { CLI, ROOT, cleanEnv } from '../helpers/cli.js';

describe('etl-doctor serve-fixture', () => {
  it('prints a loopback URL that a real SDK client reads the fixture from, and stops on SIGTERM', async () => {
    const dir = join(ROOT, 'fixtures', 'glue-executor-oom');
    const scenario = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8'));
    const child = spawn(process.execPath, [CLI, 'serve-fixture', dir], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      const url = chunk.toString().trim().split('\n')[0]!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const clients = createClients({
        endpointUrl: url,
        region: 'us-east-1',
        credentials: REPLAY_CREDENTIALS,
        retryDelayMs: 0,
      });
      const out = await clients.glue.send(
        new GetJobRunCommand({ JobName: scenario.target.jobName, RunId: scenario.target.runId }),
      );
      clients.destroy();
      expect(out.JobRun?.JobRunState).toBe('FAILED');
      expect(out.JobRun?.StartedOn).toBeInstanceOf(Date);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
