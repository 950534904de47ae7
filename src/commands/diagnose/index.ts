import { Command, Option } from 'commander';
import { diagnose } from '../../engine/diagnose.js';
import type { Report } from '../../engine/report.js';
import { collectEvidence } from '../../fetchers/index.js';
import { render } from '../../render/index.js';
import { createSpinner } from '../../render/progress.js';
import { wantsColor } from '../../render/style.js';
import { addAwsOptions, openAws, type AwsFlags } from '../aws-options.js';
import { addOutputOptions, emit, type OutputFlags } from '../output.js';
import { targetFromFlags, type TargetFlags } from './target.js';
import type { Target } from '../../target.js';
import { UsageError } from '../../errors.js';
import { isAbsolute, join } from 'node:path';
import { loadFixture } from '../../aws/replay/fixture.js';
import { stripControl } from '../../util/sanitize.js';
import type { ProgressListener } from '../../fetchers/sources.js';

type Flags = TargetFlags & AwsFlags & OutputFlags & { maxLogMb?: string };

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** One line naming what could not be read and why (the first failure's own words). */
export function couldNotDiagnose(report: Report): string {
  const failed = report.sources.filter((s) => s.status !== 'ok');
  const what = failed.map((s) => `${s.name} ${s.status}${s.detail ? ` (${s.detail})` : ''}`).join('; ');
  return stripControl(`could not diagnose: ${what || 'there was nothing to read'}`)
    .replace(/\s+/g, ' ')
    .slice(0, 400);
}

export const EXIT_CODES = { problem: 1, 'no-problem': 0, 'error-diagnosing': 2 } as const;

function maxLogBytes(flags: Flags): number | undefined {
  if (flags.maxLogMb === undefined) return undefined;
  const mb = Number(flags.maxLogMb);
  if (!Number.isFinite(mb) || mb <= 0)
    throw new UsageError(`--max-log-mb must be a positive number, not "${flags.maxLogMb}"`);
  return mb * 1024 * 1024;
}

/** target -> fetchers -> evidence -> matchers -> report: the whole pipeline, used by diagnose and triage. */
export async function runDiagnosis(
  target: Target,
  flags: Flags,
  onProgress?: ProgressListener,
): Promise<Report> {
  if (target.kind === 'log-files') {
    const evidence = await collectEvidence(target, { ...(onProgress ? { onProgress } : {}) });
    return diagnose(evidence);
  }
  const session = await openAws(flags);
  try {
    const budget = maxLogBytes(flags);
    const evidence = await collectEvidence(target, {
      clients: session.clients,
      ...(onProgress ? { onProgress } : {}),
      ...(budget ? { maxLogBytes: budget } : {}),
    });
    return diagnose(evidence);
  } finally {
    await session.close();
  }
}

/** The target a fixture's scenario names; its log files are relative to the fixture folder. */
async function scenarioTarget(dir: string): Promise<Target | undefined> {
  const target = (await loadFixture(dir)).scenario?.target as Target | undefined;
  if (target?.kind !== 'log-files') return target;
  const within = (p: string) => (p === '-' || isAbsolute(p) ? p : join(dir, p));
  return {
    kind: 'log-files',
    paths: target.paths.map(within),
    ...(target.eventLogs ? { eventLogs: target.eventLogs.map(within) } : {}),
  };
}

async function action(flags: Flags): Promise<void> {
  const fallback = flags.replay ? await scenarioTarget(flags.replay) : undefined;
  const target = targetFromFlags(flags, fallback);
  if (target.kind === 'log-files' && target !== fallback && (flags.replay || flags.endpointUrl)) {
    throw new UsageError('--log-file reads local files only; drop --replay/--endpoint-url');
  }
  const spinner =
    flags.format === 'text' && !flags.output
      ? createSpinner()
      : createSpinner({ isTTY: false } as NodeJS.WriteStream);
  let report: Report;
  try {
    report = await runDiagnosis(target, flags, spinner.onProgress);
  } finally {
    spinner.stop();
  }
  await emit(
    render(report, flags.format, { color: !flags.output && wantsColor(process.stdout, flags.color) }),
    flags,
  );
  if (report.outcome === 'error-diagnosing')
    process.stderr.write(`etl-doctor: ${couldNotDiagnose(report)}\n`);
  process.exitCode = EXIT_CODES[report.outcome];
}

export function diagnoseCommand(): Command {
  const command = new Command('diagnose')
    .description('diagnose one Glue job run, Glue crawler, EMR step, or local log files')
    .option('--job-name <name>', 'Glue job name')
    .option('--job-run-id <id>', 'Glue job run id (jr_...); alone, the job is looked up')
    .option('--crawler <name>', 'Glue crawler name')
    .option('--cluster-id <id>', 'EMR cluster id (j-...)')
    .option('--step-id <id>', 'EMR step id (s-...); default: the newest failed step')
    .option(
      '--log-file <path>',
      'diagnose a local log file (repeatable; - for stdin; gzip is detected)',
      collect,
    )
    .addOption(
      new Option('--event-log <path>', 'a Spark event log to read with --log-file (repeatable)').argParser(
        collect,
      ),
    )
    .option('--max-log-mb <mb>', 'stop reading logs after this many MiB (default 1024)');
  addAwsOptions(command);
  addOutputOptions(command);
  return command.action(action);
}
