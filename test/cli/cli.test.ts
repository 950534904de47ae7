import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'etl-doctor-cli-'));
const OOM_LOG = [
  '24/11/20 03:14:15 INFO Executor: Running task 3.0 in stage 2.0 (TID 45)',
  '24/11/20 03:14:16 WARN TaskSetManager: Lost task 3.0 in stage 2.0 (TID 45) (172.31.1.2 executor 3): java.lang.OutOfMemoryError: Java heap space',
  '\tat java.util.Arrays.copyOf(Arrays.java:3236)',
].join('\n');

function write(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

function oneLine(stderr: string) {
  const lines = stderr.trim().split('\n');
  expect(lines.length, stderr).toBeLessThanOrEqual(2);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('usage errors: one line on stderr, exit 2', () => {
  it.each([
    ['no target', ['diagnose']],
    ['an unknown flag', ['diagnose', '--jobname', 'x']],
    ['two targets', ['diagnose', '--job-name', 'a', '--crawler', 'b']],
    ['a malformed run id', ['diagnose', '--job-run-id', 'run-1']],
    ['a malformed cluster id', ['diagnose', '--cluster-id', 'cluster']],
    ['a step without a cluster', ['diagnose', '--step-id', 's-ABC']],
    ['an unknown format', ['diagnose', '--log-file', 'x', '--format', 'yaml']],
    ['an unreadable file', ['diagnose', '--log-file', '/nonexistent/file.log']],
    ['an unknown playbook', ['playbooks', 'not-a-symptom']],
    ['an unknown command', ['diagnoze']],
  ])('%s', (_name, args) => {
    const result = runCli(args);
    expect(result.status).toBe(2);
    expect(result.stderr.length).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the file that cannot be read', () => {
    const result = runCli(['diagnose', '--log-file', '/nonexistent/file.log']);
    expect(result.stderr).toContain('cannot read /nonexistent/file.log: no such file');
    oneLine(result.stderr);
  });

  it('--verbose adds the stack', () => {
    const result = runCli(['diagnose', '--log-file', '/nonexistent/file.log', '--verbose']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe('credentials and unknown targets', () => {
  it('says how to provide credentials when there are none', () => {
    const result = runCli([
      'diagnose',
      '--job-name',
      'orders-etl',
      '--region',
      'us-east-1',
      '--endpoint-url',
      'http://127.0.0.1:9',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/no AWS credentials found: set AWS_PROFILE or pass --profile/);
    oneLine(result.stderr);
  });

  it('names a profile that has no credentials', () => {
    const result = runCli([
      'diagnose',
      '--job-name',
      'x',
      '--profile',
      'nope',
      '--region',
      'us-east-1',
      '--endpoint-url',
      'http://127.0.0.1:9',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/AWS profile "nope" has no usable credentials/);
    oneLine(result.stderr);
  });

  it('says when the session token has expired', () => {
    const result = runCli(['diagnose', '--replay', 'test/fixtures/expired-token']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/session token has expired/);
    oneLine(result.stderr);
  });

  it('names the region when a run does not exist', () => {
    const result = runCli([
      'diagnose',
      '--replay',
      'test/fixtures/expired-token',
      '--job-name',
      'nope',
      '--job-run-id',
      'jr_nope',
      '--region',
      'ap-south-1',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Glue job run jr_nope of job nope not found in region ap-south-1/);
    oneLine(result.stderr);
  });
});

describe('--replay of a scenario made of log files', () => {
  it('reads the files relative to the fixture folder', () => {
    const result = runCli(['diagnose', '--replay', 'test/fixtures/log-files-scenario', '--format', 'json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).findings[0].symptom).toBe('max-result-size');
  });
});

describe('could not diagnose', () => {
  it('prints the report with outcome error-diagnosing, one line on stderr naming the denial, exit 2', () => {
    const result = runCli(['diagnose', '--replay', 'test/fixtures/run-denied', '--format', 'json']);
    expect(result.status).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.outcome).toBe('error-diagnosing');
    expect(report.findings).toEqual([]);
    expect(report.sources[0]).toMatchObject({ name: 'glue:GetJobRun', status: 'denied' });
    expect(result.stderr).toMatch(
      /^etl-doctor: could not diagnose: glue:GetJobRun denied \(AccessDeniedException: .*glue:GetJobRun/,
    );
    oneLine(result.stderr);
  });
});

describe('diagnose --log-file', () => {
  it('diagnoses a plain file as JSON with exit 1', () => {
    const result = runCli(['diagnose', '--log-file', write('oom.log', OOM_LOG), '--format', 'json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'etl-doctor' },
      outcome: 'problem',
      target: { kind: 'log-files' },
    });
    expect(report.findings[0]).toMatchObject({ symptom: 'executor-oom', severity: 'critical' });
    expect(report.findings[0].evidence[0]).toMatchObject({ source: 'file', line: 2 });
    expect(report.findings[0].playbook.fixes.length).toBeGreaterThan(0);
  });

  it('reads gzip and stdin', () => {
    const gz = runCli(['diagnose', '--log-file', write('oom.log.gz', gzipSync(OOM_LOG)), '--format', 'json']);
    expect(JSON.parse(gz.stdout).findings[0].symptom).toBe('executor-oom');
    const stdin = runCli(['diagnose', '--log-file', '-', '--format', 'json'], { input: gzipSync(OOM_LOG) });
    expect(JSON.parse(stdin.stdout).findings[0].symptom).toBe('executor-oom');
  });

  it('reports no problem with exit 0 on a healthy log', () => {
    const result = runCli([
      'diagnose',
      '--log-file',
      write('ok.log', 'INFO SparkContext: Successfully stopped SparkContext\n'),
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('NO PROBLEM FOUND');
  });

  it('survives non-UTF-8 bytes and CRLF', () => {
    const bytes = Buffer.concat([
      Buffer.from('caf\xe9 \r\n', 'latin1'),
      Buffer.from(`${OOM_LOG.replace(/\n/g, '\r\n')}\r\n`),
    ]);
    const result = runCli(['diagnose', '--log-file', write('latin1.log', bytes), '--format', 'json']);
    expect(JSON.parse(result.stdout).findings[0].symptom).toBe('executor-oom');
  });

  it('strips terminal control sequences from log text in text and markdown', () => {
    const evil = OOM_LOG.replace('Java heap space', 'Java heap space\u001b]0;pwned\u0007\u001b[2J\u001b[31m');
    const file = write('evil.log', evil);
    for (const format of ['text', 'markdown']) {
      const result = runCli(['diagnose', '--log-file', file, '--format', format]);
      expect(result.stdout).toContain('Java heap space');
      expect(result.stdout).not.toMatch(/\u001b|\u0007/);
    }
  });

  it('writes the report to --output', () => {
    const out = join(tmp, 'report.md');
    const result = runCli([
      'diagnose',
      '--log-file',
      write('o.log', OOM_LOG),
      '--format',
      'markdown',
      '--output',
      out,
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^# etl-doctor: PROBLEM/);
  });
});

describe('playbooks', () => {
  it('lists every playbook and prints one', () => {
    const list = runCli(['playbooks']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^executor-oom\s+critical/m);
    const one = runCli(['playbooks', 'executor-oom']);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/Meaning[\s\S]*Impact[\s\S]*Diagnosis[\s\S]*Mitigation/);
  });
});
