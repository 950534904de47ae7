import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FixtureError, formatPath, loadFixture } from '../../../src/aws/replay/fixture.js';
import { BASIC } from './helpers.js';

const made: string[] = [];

async function fixtureWith(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'etl-doctor-fixture-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function loadError(dir: string): Promise<string> {
  try {
    await loadFixture(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError);
    return (error as Error).message;
  }
  throw new Error('expected loadFixture to fail');
}

const entry = { service: 'glue', operation: 'GetJobRun', input: {}, output: {} };

describe('loadFixture', () => {
  it('reads every file of a fixture folder', async () => {
    const fixture = await loadFixture(BASIC);
    expect(fixture.scenario?.target).toEqual({
      kind: 'glue-job-run',
      jobName: 'orders-etl',
      runId: 'jr_0a1b',
    });
    expect(fixture.scenario?.expect?.also).toEqual(['data-skew']);
    expect(fixture.calls[1]).toMatchObject({ index: 1, service: 'glue', operation: 'GetJobRun' });
    expect(fixture.logs.get('/aws-glue/jobs/error')?.get('jr_0a1b')?.[0]).toEqual({
      timestamp: Date.parse('2026-11-20T03:01:00Z'),
      message: 'INFO starting stage 1',
      ingestionTime: Date.parse('2026-11-20T03:01:00Z'),
    });
    expect(fixture.metrics[0]?.points[0]).toEqual([Date.parse('2026-11-20T03:00:00Z'), 0.2]);
    expect(fixture.s3Dir).toBe(path.join(BASIC, 's3'));
  });

  it('accepts a fixture of calls alone, without scenario.json', async () => {
    const fixture = await loadFixture(await fixtureWith({ 'calls.json': [entry] }));
    expect(fixture.scenario).toBeUndefined();
    expect(fixture.calls).toHaveLength(1);
    expect(fixture.logs.size).toBe(0);
  });

  it('names the file and the field of a bad value', async () => {
    const calls = [entry, entry, entry, { ...entry, service: 'dynamo' }];
    const dir = await fixtureWith({ 'calls.json': calls });
    expect(await loadError(dir)).toBe(
      `${path.join(dir, 'calls.json')}: [3].service: expected one of glue, emr, logs, cloudwatch, s3`,
    );
  });

  it.each([
    [{ 'calls.json': '[{' }, 'calls.json: invalid JSON'],
    [
      { 'calls.json': [{ ...entry, ouput: {} }] },
      'calls.json: [0].ouput: unknown key; did you mean "output"?',
    ],
    [{ 'calls.json': [{ ...entry, error: { code: 'X' } }] }, 'has both output and error'],
    [{ 'calls.json': [{ ...entry, times: 0 }] }, '[0].times: expected a positive integer'],
    [{ 'calls.json': [{ service: 'glue', input: {} }] }, '[0].operation: required'],
    [
      { 'logs.json': { '/g': { s: [{ timestamp: 'yesterday', message: 'x' }] } } },
      'logs.json: ["/g"].s[0].timestamp: expected an ISO-8601 timestamp',
    ],
    [
      { 'metrics.json': [{ namespace: 'Glue', name: 'x', points: [['2026-11-20T03:00:00Z', 'high']] }] },
      'metrics.json: [0].points[0][1]: expected a number',
    ],
    [{ 'scenario.json': { target: { kind: 'lambda' } } }, 'scenario.json: target.kind'],
    [{ 'scenario.json': { target: { kind: 'emr-step' } } }, 'scenario.json: target.clusterId: required'],
  ])('refuses %j', async (files, message) => {
    expect(await loadError(await fixtureWith(files))).toContain(message);
  });

  it('accepts keys beyond the spec (notes, recorder metadata) and epoch-millisecond timestamps', async () => {
    const dir = await fixtureWith({
      'scenario.json': { target: { kind: 'glue-crawler', crawlerName: 'c' }, recordedBy: 'another tool' },
      'calls.json': [{ ...entry, note: 'from a real account' }],
      'logs.json': { '/g': { s: [{ timestamp: 1763607600000, message: 'x', eventId: '1' }] } },
    });
    const fixture = await loadFixture(dir);
    expect(fixture.calls).toHaveLength(1);
    expect(fixture.logs.get('/g')?.get('s')?.[0]?.timestamp).toBe(1763607600000);
  });

  it('refuses a folder that is missing or holds no fixture', async () => {
    expect(await loadError('/nonexistent/fixture')).toContain('no such fixture folder');
    const empty = await fixtureWith({});
    expect(await loadError(empty)).toContain('not a fixture');
    await mkdir(path.join(empty, 's3'));
    await expect(loadFixture(empty)).resolves.toMatchObject({ s3Dir: path.join(empty, 's3') });
  });

  it('formats JSON paths readably', () => {
    expect(formatPath([3, 'service'])).toBe('[3].service');
    expect(formatPath(['input', 'JobName'])).toBe('input.JobName');
    expect(formatPath(['/aws-glue/jobs/error', 'jr_1', 0])).toBe('["/aws-glue/jobs/error"].jr_1[0]');
  });
});
