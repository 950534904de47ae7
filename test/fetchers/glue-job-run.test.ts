import { describe, expect, it } from 'vitest';
import { diagnoseFixture, fixtureDir, fixtureWith } from '../helpers/replay.js';

const OOM = 'glue-executor-oom';

describe('Glue job run fetcher, through the replay endpoint', () => {
  it('reads the run, the job and every stream of the run, naming roles from stream names', async () => {
    const { evidence, report } = await diagnoseFixture(fixtureDir(OOM));
    expect(evidence.glue?.run?.state).toBe('FAILED');
    expect(evidence.glue?.job?.name).toBe(evidence.glue?.run?.jobName);
    expect(evidence.sources.map((s) => s.name)).toEqual(
      expect.arrayContaining(['glue:GetJobRun', 'glue:GetJob', 'logs:/aws-glue/jobs/error']),
    );
    const roles = new Set(evidence.hits.filter((h) => h.source === 'cloudwatch-logs').map((h) => h.role));
    expect([...roles].every((r) => r === 'driver' || r === 'executor')).toBe(true);
    expect(report.findings[0]?.symptom).toBe('executor-oom');
    expect(report.findings[0]?.evidence.some((e) => e.location.startsWith('/aws-glue/jobs/'))).toBe(true);
  });

  it('stops at the log budget and says the read was partial', async () => {
    const { evidence } = await diagnoseFixture(fixtureDir(OOM), undefined, { maxLogBytes: 2000 });
    const logs = evidence.sources.find((s) => s.name === 'logs:/aws-glue/jobs/error');
    expect(logs).toMatchObject({ status: 'ok', truncated: true });
    expect(logs?.detail).toMatch(/budget/);
  });

  it('degrades, and names the source, when the logs are denied', async () => {
    const dir = fixtureWith(OOM, [
      {
        service: 'logs',
        operation: 'DescribeLogStreams',
        error: {
          code: 'AccessDeniedException',
          message:
            'User: arn:aws:sts::111122223333:assumed-role/oncall/me is not authorized to perform: logs:DescribeLogStreams',
          status: 400,
        },
      },
    ]);
    const { report } = await diagnoseFixture(dir);
    const denied = report.sources.filter((s) => s.status === 'denied').map((s) => s.name);
    expect(denied).toContain('logs:/aws-glue/jobs/error');
    expect(report.outcome).toBe('problem');
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('reports throttling that outlasts the retries as throttled, not as healthy', async () => {
    const dir = fixtureWith(OOM, [
      {
        service: 'logs',
        operation: 'GetLogEvents',
        error: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 },
      },
    ]);
    const { report } = await diagnoseFixture(dir);
    expect(report.sources.find((s) => s.name === 'logs:/aws-glue/jobs/error')?.status).toBe('throttled');
    expect(report.outcome).toBe('problem');
  });

  it('finds the newest failed run when only the job is named', async () => {
    const { evidence } = await diagnoseFixture(fixtureDir(OOM));
    const { evidence: byName } = await diagnoseFixture(fixtureDir(OOM), {
      kind: 'glue-job-run',
      jobName: evidence.glue!.run!.jobName,
    });
    expect(byName.target).toEqual(evidence.target);
    expect(byName.glue?.history?.length).toBeGreaterThan(1);
  });

  it('finds the job when only the run id is given', async () => {
    const { evidence } = await diagnoseFixture(fixtureDir(OOM));
    const runId = evidence.glue!.run!.runId;
    const { evidence: byRun } = await diagnoseFixture(fixtureDir(OOM), { kind: 'glue-job-run', runId });
    expect(byRun.target).toEqual(evidence.target);
  });
});
