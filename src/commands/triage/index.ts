import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import type { Report } from '../../engine/report.js';
import type { ListEvent, ProblemItem } from '../../fetchers/account-list.js';
import { DEFAULT_PER_JOB, ITEM_KINDS, type ItemKind } from '../../fetchers/account-kinds.js';
import type { ProgressListener } from '../../fetchers/sources.js';
import { renderText } from '../../render/text.js';
import { wantsColor } from '../../render/style.js';
import { windowLabel } from '../../ui/list-layout.js';
import type { TriageDeps, TriageOptions } from '../../ui/types.js';
import { addAwsOptions, openAws, type AwsFlags } from '../aws-options.js';
import { EXIT_CODES, couldNotDiagnose, runDiagnosis } from '../diagnose/index.js';
import { renderListing, renderNewest } from './plain.js';
import { fixtureNow, parseInstant, parseSince } from './time.js';

interface Flags extends AwsFlags {
  since: string;
  now?: string;
  kind?: ItemKind;
  perJob?: string;
  maxLogMb?: string;
  color?: boolean;
}

type DiagnosisFlags = Parameters<typeof runDiagnosis>[1];

/**
 * "Now": `--now` when given; with `--replay`, the fixture's newest timestamp (so a recorded account
 * lists the same items on any day); otherwise the clock.
 */
async function resolveNow(flags: Flags): Promise<Date> {
  if (flags.now) return parseInstant(flags.now, '--now');
  if (flags.replay) {
    const { loadFixture } = await import('../../aws/replay/fixture.js');
    return fixtureNow(await loadFixture(flags.replay)) ?? new Date();
  }
  return new Date();
}

function perJob(flags: Flags): number {
  if (flags.perJob === undefined) return DEFAULT_PER_JOB;
  const n = Number(flags.perJob);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--per-job must be a positive whole number, not "${flags.perJob}"`);
  return n;
}

function diagnosisFlags(flags: Flags): DiagnosisFlags {
  return {
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
    ...(flags.replay ? { replay: flags.replay } : {}),
    ...(flags.maxLogMb ? { maxLogMb: flags.maxLogMb } : {}),
    format: 'text',
  };
}

interface Plan {
  since: Date;
  now: Date;
  kinds?: ItemKind[];
  perJob: number;
}

function deps(flags: Flags, plan: Plan): TriageDeps {
  const forDiagnosis = diagnosisFlags(flags);
  return {
    async loadList(onEvent: (event: ListEvent) => void) {
      const session = await openAws(flags);
      try {
        const { listProblems } = await import('../../fetchers/account-list.js');
        return await listProblems(session.clients, {
          since: plan.since,
          now: plan.now,
          perJob: plan.perJob,
          onEvent,
          ...(plan.kinds ? { kinds: plan.kinds } : {}),
        });
      } finally {
        await session.close();
      }
    },
    diagnose: (item: ProblemItem, onProgress: ProgressListener): Promise<Report> =>
      runDiagnosis(item.target, forDiagnosis, onProgress),
  };
}

/** Without a terminal: the list as a table, then the newest problem diagnosed, with diagnose's exit codes. */
async function printPlain(flags: Flags, plan: Plan, window: string): Promise<void> {
  const { loadList, diagnose } = deps(flags, plan);
  const result = await loadList(() => {});
  process.stdout.write(renderListing(result, window));
  if (result.sources.length > 0 && result.sources.every((s) => s.status !== 'ok')) {
    const failed = result.sources.map((s) => `${s.name} ${s.status}`).join(', ');
    process.stderr.write(`etl-doctor: could not list: every listing source failed (${failed})\n`);
    process.exitCode = 2;
    return;
  }
  const newest = result.items.find((item) => item.failed);
  if (!newest) {
    process.exitCode = 0;
    return;
  }
  process.stdout.write('\n');
  const report = await diagnose(newest, () => {});
  process.stdout.write(renderNewest(newest, report, wantsColor(process.stdout, flags.color)));
  if (report.outcome === 'error-diagnosing')
    process.stderr.write(`etl-doctor: ${couldNotDiagnose(report)}\n`);
  process.exitCode = EXIT_CODES[report.outcome];
}

async function runInteractive(flags: Flags, plan: Plan, options: TriageOptions): Promise<void> {
  const { startTriageUi } = await import('../../ui/start.js');
  // The UI reads every kind, so that its kind filter can show each; --kind only picks the first filter.
  const { kinds: _kinds, ...everyKind } = plan;
  const request = await startTriageUi(deps(flags, everyKind), options);
  if (request.type === 'print') {
    process.stdout.write(renderText(request.report, { color: options.color }));
    process.stdout.write(`\nAWS console: ${request.item.consoleUrl}\n`);
    process.exitCode = EXIT_CODES[request.report.outcome];
  } else {
    process.exitCode = 0;
  }
  // A listing or diagnosis still under way when the user quits is not waited for.
  setTimeout(() => process.exit(), 200).unref();
}

async function action(flags: Flags): Promise<void> {
  if (flags.maxLogMb !== undefined && !(Number(flags.maxLogMb) > 0)) {
    throw new UsageError(`--max-log-mb must be a positive number, not "${flags.maxLogMb}"`);
  }
  const now = await resolveNow(flags);
  const since = parseSince(flags.since, now);
  const plan: Plan = { since, now, perJob: perJob(flags), ...(flags.kind ? { kinds: [flags.kind] } : {}) };
  const sinceLabel = /^\d/.test(flags.since) && !/^\d{4}-/.test(flags.since) ? flags.since : '';
  const window = windowLabel(since, now, sinceLabel);
  if (process.stdout.isTTY && process.stdin.isTTY) {
    await runInteractive(flags, plan, {
      since,
      now,
      sinceLabel,
      color: wantsColor(process.stdout, flags.color),
      ...(flags.kind ? { initialKind: flags.kind } : {}),
    });
    return;
  }
  await printPlain(flags, plan, window);
}

export function triageCommand(): Command {
  const command = new Command('triage')
    .description(
      'interactive list of recent failed Glue job runs, crawls and EMR steps; pick one to diagnose it',
    )
    .option('--since <when>', 'how far back to look: a duration (90m, 6h, 3d, 2w) or an ISO date', '24h')
    .option(
      '--now <iso>',
      "the instant --since counts back from (default: the clock; with --replay, the fixture's newest timestamp)",
    )
    .addOption(
      new Option('--kind <kind>', 'only this kind (in the UI: the first kind filter; f cycles it)').choices(
        ITEM_KINDS,
      ),
    )
    .option('--per-job <n>', `newest problem runs listed per Glue job (default ${DEFAULT_PER_JOB})`)
    .option('--max-log-mb <mb>', 'stop reading logs after this many MiB per diagnosis (default 1024)')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)');
  addAwsOptions(command);
  return command.action(action);
}
