import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClients, REPLAY_CREDENTIALS } from '../../src/aws/clients.js';
import { startReplayServer } from '../../src/aws/replay/server.js';
import { collectEvidence } from '../../src/fetchers/index.js';
import type { Target } from '../../src/target.js';
import { clearAwsEnv } from '../helpers/cli.js';
import { diagnoseFixture, fixtureDir, fixtureWith } from '../helpers/replay.js';

const MEMORY = ['executor-oom', 'driver-oom', 'yarn-memory-overhead', 'container-killed-137'];

/** Evidence through the replay, counting the EMR operations the fetcher asked for. */
async function emrCalls(dir: string, target?: Target): Promise<Record<string, number>> {
  clearAwsEnv();
  const calls: Record<string, number> = {};
  const server = await startReplayServer(dir, {
    onRequest: (r) => {
      if (r.service === 'emr') calls[r.operation] = (calls[r.operation] ?? 0) + 1;
    },
  });
  const clients = createClients({
    endpointUrl: server.url,
    region: 'us-east-1',
    credentials: REPLAY_CREDENTIALS,
    retryDelayMs: 0,
  });
  try {
    await collectEvidence(target ?? (server.fixture.scenario!.target as Target), { clients });
  } finally {
    clients.destroy();
    await server.close();
  }
  return calls;
}

function editCalls(
  dir: string,
  edit: (calls: { operation: string; output?: Record<string, unknown> }[]) => void,
): void {
  const file = join(dir, 'calls.json');
  const calls = JSON.parse(readFileSync(file, 'utf8')) as {
    operation: string;
    output?: Record<string, unknown>;
  }[];
  edit(calls);
  writeFileSync(file, JSON.stringify(calls));
}

describe('EMR step fetcher, through the replay endpoint', () => {
  it('finds the kill in the container logs when FailureDetails and the step logs say nothing', async () => {
    const { evidence, report } = await diagnoseFixture(fixtureDir('emr-executor-137'));
    expect(evidence.emr?.failureDetails).toBeUndefined();
    expect(evidence.status).toMatchObject({ state: 'FAILED', failed: true, source: 'emr-api' });
    const kills = evidence.hits.filter((h) => h.signal === 'exit-137');
    expect(kills.length).toBeGreaterThan(0);
    expect(kills.every((h) => h.source === 's3' && h.location.includes('/containers/application_'))).toBe(
      true,
    );
    // The AM's log is read first and tagged as such; the killed containers are executors.
    expect(kills[0]).toMatchObject({ role: 'am', container: expect.stringMatching(/_01_000001$/) });
    const top = report.findings[0]!;
    expect(top.symptom).toBe('container-killed-137');
    expect(top.summary).toMatch(/container_\d+_\d+_01_000004 was SIGKILLed/);
    expect(top.summary).not.toMatch(/ApplicationMaster/);
    expect(top.alternatives?.[0]?.reading).toMatch(/^memory/);
    expect(top.evidence[0]).toMatchObject({
      source: 's3',
      location: expect.stringMatching(/^s3:\/\/.+\/stderr\.gz$/),
      line: expect.any(Number),
    });
    expect(report.findings.map((f) => f.symptom)).toContain('executor-lost');
    const app = evidence.emr?.applications[0];
    expect(app?.id).toMatch(/^application_\d+_0003$/);
    expect(app?.failed).toBe(true);
    expect(app?.failedContainers).toEqual(
      expect.arrayContaining([expect.stringMatching(/_000004$/), expect.stringMatching(/_000011$/)]),
    );
    // Only the step's application is read, not another one in the same cluster's log folder.
    expect(evidence.hits.some((h) => h.location.includes('_0002/'))).toBe(false);
  });

  it('tells a Spot reclaim from a memory kill, naming the instance group and its market', async () => {
    const { evidence, report } = await diagnoseFixture(fixtureDir('emr-spot-reclaimed'));
    const lost = evidence.emr?.lostInstances ?? [];
    // Five reclaimed during the step; the one reclaimed before the step started does not count.
    expect(lost).toHaveLength(5);
    expect(
      lost.every(
        (i) => i.cause === 'spot-interruption' && i.market === 'SPOT' && i.capacityId === 'ig-3TASKSPOT9Z1',
      ),
    ).toBe(true);
    const symptoms = report.findings.map((f) => f.symptom);
    expect(symptoms[0]).toBe('executor-lost');
    for (const memory of MEMORY) expect(symptoms).not.toContain(memory);
    const top = report.findings[0]!;
    expect(top.summary).toMatch(/5 Spot instances/);
    expect(top.summary).toMatch(/instance group "Task - spot" \(ig-3TASKSPOT9Z1, TASK, SPOT\)/);
    expect(
      top.evidence.some((e) => e.source === 'emr-api' && e.location.startsWith('emr:ListInstances')),
    ).toBe(true);
    expect(top.evidence.some((e) => e.source === 's3' && /\*lost\* node/.test(e.text))).toBe(true);
  });

  it('reads a YARN memory kill of an executor as overhead, not as the driver', async () => {
    const { evidence, report } = await diagnoseFixture(fixtureDir('emr-yarn-overhead'));
    // No --step-id: the newest failed step from ListSteps.
    expect(evidence.target).toEqual({
      kind: 'emr-step',
      clusterId: 'j-3HF8LD2M0QZ7C',
      stepId: 's-2ZK3P9QW8M4RT',
    });
    expect(evidence.emr?.capacity.map((c) => [c.kind, c.role, c.markets.join('+')])).toEqual([
      ['instance-fleet', 'MASTER', 'ON_DEMAND'],
      ['instance-fleet', 'CORE', 'ON_DEMAND'],
      ['instance-fleet', 'TASK', 'SPOT'],
    ]);
    const symptoms = report.findings.map((f) => f.symptom);
    expect(symptoms[0]).toBe('yarn-memory-overhead');
    expect(symptoms).not.toContain('driver-oom');
    expect(report.findings[0]!.summary).toMatch(/executor container container_\d+_0012_01_0000\d\d/);
  });

  it('reads the FailureDetails message as evidence, located at its API field', async () => {
    const { evidence, report } = await diagnoseFixture(fixtureDir('emr-output-exists'));
    expect(evidence.emr?.failureDetails?.reason).toBe('Output directory already exists.');
    expect(evidence.status?.message).toMatch(
      /^Output directory already exists: org\.apache\.hadoop\.mapred\.FileAlreadyExistsException/,
    );
    expect(
      evidence.hits.some(
        (h) =>
          h.source === 'emr-api' && h.location === 'emr:DescribeStep s-2DLY0RD3RS5XT FailureDetails.Message',
      ),
    ).toBe(true);
    expect(report.findings[0]?.symptom).toBe('output-path-exists');
  });

  it('reads both AM attempts of an application that never launched', async () => {
    const { evidence, report } = await diagnoseFixture(fixtureDir('emr-am-launch'));
    const amLogs = new Set(evidence.hits.filter((h) => h.role === 'am').map((h) => h.container));
    expect([...amLogs].sort()).toEqual([
      expect.stringMatching(/_01_000001$/),
      expect.stringMatching(/_02_000001$/),
    ]);
    expect(report.findings[0]?.symptom).toBe('am-launch-failure');
  });

  it('says when the step logs are not in S3 yet, and what to do', async () => {
    const { report } = await diagnoseFixture(fixtureDir('emr-logs-not-uploaded'));
    const steps = report.sources.find((s) => s.name.endsWith('/steps/s-3RCNTFAIL7Q0P/'));
    expect(steps).toMatchObject({ status: 'missing' });
    expect(steps?.detail).toMatch(/five minutes.*wait a few minutes and re-run/);
    expect(report.outcome).toBe('problem');
    expect(report.findings[0]?.symptom).toBe('unclassified-failure');
    expect(report.findings[0]?.summary).toMatch(
      /AWS reports FAILED: Unknown Error\..*Not read: s3:\/\/.*\/steps\/s-3RCNTFAIL7Q0P\/ \(missing: no step logs in S3 yet/,
    );
  });

  it('with no logs to read, still names Spot capacity EMR took back during the step', async () => {
    const dir = fixtureWith('emr-logs-not-uploaded', [
      {
        service: 'emr',
        operation: 'ListInstanceGroups',
        input: { ClusterId: 'j-1NOLOGS5UP8Z2' },
        output: {
          InstanceGroups: [
            {
              Id: 'ig-2CORELEDG3R',
              Name: 'Core',
              Market: 'ON_DEMAND',
              InstanceGroupType: 'CORE',
              InstanceType: 'm5.2xlarge',
            },
            {
              Id: 'ig-3TASKLEDG3R',
              Name: 'Task - spot',
              Market: 'SPOT',
              InstanceGroupType: 'TASK',
              InstanceType: 'm5.2xlarge',
            },
          ],
        },
      },
      {
        service: 'emr',
        operation: 'ListInstances',
        input: { ClusterId: 'j-1NOLOGS5UP8Z2', InstanceStates: ['TERMINATED'] },
        output: {
          Instances: [
            {
              Id: 'ci-0SPOT1',
              Ec2InstanceId: 'i-0123456789abcdef0',
              PrivateDnsName: 'ip-10-0-3-41.ec2.internal',
              InstanceGroupId: 'ig-3TASKLEDG3R',
              InstanceType: 'm5.2xlarge',
              Status: {
                State: 'TERMINATED',
                StateChangeReason: { Code: 'INSTANCE_FAILURE', Message: 'Spot instance interrupted by EC2' },
                Timeline: { CreationDateTime: '2026-11-20T05:00:00Z', EndDateTime: '2026-11-20T06:20:00Z' },
              },
            },
          ],
        },
      },
    ]);
    const { report } = await diagnoseFixture(dir);
    expect(report.findings[0]).toMatchObject({
      symptom: 'executor-lost',
      summary: expect.stringMatching(
        /^EMR terminated 1 Spot instance while the step ran .*instance group "Task - spot" \(ig-3TASKLEDG3R, TASK, SPOT\).*logs were not read/,
      ),
    });
  });

  it('says logging is off when the cluster has no LogUri', async () => {
    const dir = fixtureWith('emr-logs-not-uploaded', []);
    editCalls(dir, (calls) => {
      const cluster = calls.find((c) => c.operation === 'DescribeCluster')!.output!.Cluster as Record<
        string,
        unknown
      >;
      delete cluster.LogUri;
    });
    const { evidence, report } = await diagnoseFixture(dir);
    expect(evidence.emr?.logUri).toBeUndefined();
    expect(report.sources.find((s) => s.name === 'emr:LogUri')).toMatchObject({
      status: 'missing',
      detail: expect.stringMatching(/no LogUri.*--log-uri/),
    });
    expect(report.findings[0]?.symptom).toBe('unclassified-failure');
  });

  it('asks EMR little: one call per fact, ListInstances only when lost nodes could matter', async () => {
    expect(await emrCalls(fixtureDir('emr-executor-137'))).toEqual({
      DescribeCluster: 1,
      DescribeStep: 1,
      ListInstanceGroups: 1,
      ListInstances: 1,
    });
    expect(await emrCalls(fixtureDir('emr-spot-reclaimed'))).toMatchObject({ ListInstances: 2 });
    // Logs read, no Spot capacity, no sign of lost executors: the instance history is not asked for.
    expect(await emrCalls(fixtureDir('emr-output-exists'))).toEqual({
      DescribeCluster: 1,
      DescribeStep: 1,
      ListInstanceGroups: 1,
    });
    expect(await emrCalls(fixtureDir('emr-yarn-overhead'))).toMatchObject({
      ListSteps: 1,
      ListInstanceFleets: 1,
    });
  });

  it('normalises the LogUri and fills the EMR playbook names', async () => {
    const { evidence, report } = await diagnoseFixture(fixtureDir('emr-executor-137'));
    expect(evidence.emr?.logUri).toBe('s3://aws-logs-111122223333-us-east-1/elasticmapreduce/');
    expect(evidence.emr?.releaseLabel).toBe('emr-6.15.0');
    expect(evidence.emr?.cluster?.applications).toContain('Spark 3.4.1');
    expect(evidence.emr?.step?.args[0]).toBe('spark-submit');
    const text = JSON.stringify(report.findings.map((f) => f.playbook));
    expect(text).toContain('j-2QX7PZ0K4M1B8');
    expect(text).not.toMatch(/<cluster-id>|<step-id>/);
  });

  it('stops with one line naming the region for an unknown cluster', async () => {
    await expect(
      diagnoseFixture(fixtureDir('emr-executor-137'), { kind: 'emr-step', clusterId: 'j-NOSUCHCLUSTER1' }),
    ).rejects.toThrow(
      /^EMR cluster j-NOSUCHCLUSTER1 not found in region us-east-1 \(check --region and --profile\)$/,
    );
  });

  it('stops with one line for an unknown step, and for a cluster without a failed step', async () => {
    await expect(
      diagnoseFixture(fixtureDir('emr-executor-137'), {
        kind: 'emr-step',
        clusterId: 'j-2QX7PZ0K4M1B8',
        stepId: 's-NOSUCHSTEP12',
      }),
    ).rejects.toThrow(/^EMR step s-NOSUCHSTEP12 of cluster j-2QX7PZ0K4M1B8 not found in region us-east-1/);
    const dir = fixtureWith('emr-executor-137', [
      {
        service: 'emr',
        operation: 'ListSteps',
        input: { ClusterId: 'j-2QX7PZ0K4M1B8' },
        output: { Steps: [] },
      },
    ]);
    await expect(diagnoseFixture(dir, { kind: 'emr-step', clusterId: 'j-2QX7PZ0K4M1B8' })).rejects.toThrow(
      /has no failed step.*--step-id/,
    );
  });

  it('degrades when the log bucket refuses access, and still reports the step failed', async () => {
    const dir = fixtureWith('emr-executor-137', [
      {
        service: 's3',
        operation: 'ListObjectsV2',
        error: { code: 'AccessDenied', message: 'Access Denied', status: 403 },
      },
    ]);
    const { report } = await diagnoseFixture(dir);
    expect(report.sources.find((s) => s.name.endsWith('/steps/s-1Q2W3E4R5T6Y7/'))?.status).toBe('denied');
    expect(report.outcome).toBe('problem');
    expect(report.findings[0]?.symptom).toBe('unclassified-failure');
  });
});
