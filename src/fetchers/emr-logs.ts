import type { AwsClients } from '../aws/clients.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { EmrApplicationFacts, EmrFacts } from '../evidence/emr.js';
import type { LogHit } from '../evidence/model.js';
import type { LogBudget } from './cloudwatch-logs.js';
import {
  listS3,
  parseS3Uri,
  readObjects,
  s3Uri,
  summariseReads,
  type ObjectPlan,
  type ObjectRead,
  type S3Location,
} from './s3-logs.js';
import type { SourceTracker } from './sources.js';

/**
 * The logs EMR archives to the cluster's LogUri, read in the order that finds causes soonest:
 *   <LogUri><cluster>/steps/<step>/{controller,stderr,syslog,stdout}.gz
 *   <LogUri><cluster>/containers/<application>/<container>/{stderr,stdout,syslog}.gz
 * the step's own logs first (they name the YARN applications), then each application's
 * ApplicationMaster container, then the containers that failure lines name, then the rest.
 */

const STEP_FILES = ['controller', 'stderr', 'syslog', 'stdout'];
const CONTAINER_FILES = ['stderr.gz', 'stdout.gz', 'syslog.gz'];
/** Applications followed per step: a step may run several jobs; the failed ones come first. */
const MAX_APPLICATIONS = 3;
/** Container folders listed per application, and containers read (AM first, then named ones, then others). */
const MAX_CONTAINERS_LISTED = 5000;
const MAX_CONTAINERS_READ = 100;
const CONCURRENT_OBJECTS = 6;

const APPLICATION_ID = /application_\d+_\d+/g;
const APPLICATION_FAILED =
  /finished with failed status|\(state: (?:FAILED|KILLED)\)|final status: (?:FAILED|KILLED)|failed \d+ times|FinalApplicationStatus: FAILED/;
const CONTAINER_ID = /container_(?:e\d+_)?(\d+_\d+)_\d+_(\d+)/g;

/** `container_e05_1700000000000_0007_01_000001` is the AM of attempt 1 of application_1700000000000_0007. */
function isAmContainer(id: string): boolean {
  return /_0*1$/.test(id);
}

/** Picks YARN application ids out of log text as it streams past, and notes those said to have failed. */
class ApplicationIds {
  private readonly seen = new Map<string, { order: number; failed: boolean }>();

  /** A per-object tap: lines are rebuilt across chunk boundaries (bounded, in case a log has no newlines). */
  tap(): (text: string) => void {
    let partial = '';
    return (text) => {
      const data = partial + text;
      const lastNl = data.lastIndexOf('\n');
      partial = data.slice(lastNl + 1).slice(-4096);
      if (lastNl < 0 || !data.includes('application_')) return;
      for (const line of data.slice(0, lastNl).split('\n')) {
        if (line.includes('application_')) this.note(line);
      }
    };
  }

  private note(line: string) {
    const failed = APPLICATION_FAILED.test(line);
    for (const [id] of line.matchAll(APPLICATION_ID)) {
      const known = this.seen.get(id);
      if (known) known.failed ||= failed;
      else this.seen.set(id, { order: this.seen.size, failed });
    }
  }

  /** Failed applications first, then the most recently named. */
  list(max: number): EmrApplicationFacts[] {
    return [...this.seen.entries()]
      .sort(([, a], [, b]) => Number(b.failed) - Number(a.failed) || b.order - a.order)
      .slice(0, max)
      .map(([id, { failed }]) => ({ id, failed, failedContainers: [] }));
  }
}

/** Containers of `applicationId` that matching lines name or were found in, the AM excluded, in order of appearance. */
function containersIn(hits: LogHit[], applicationId: string): string[] {
  const app = applicationId.replace(/^application_/, '');
  const found = new Set<string>();
  for (const hit of hits) {
    for (const text of [hit.text, hit.container ?? '']) {
      for (const m of text.matchAll(CONTAINER_ID)) {
        if (m[1] === app && !isAmContainer(m[0])) found.add(m[0]);
      }
    }
  }
  return [...found];
}

function hitsOf(reads: ObjectRead[]): LogHit[] {
  return reads.flatMap((r) => r.fork.hits());
}

/** Where the logs are until EMR has copied them: on the primary node, while the cluster runs. */
function onNode(facts: EmrFacts): string {
  return /TERMINAT/.test(facts.cluster?.state ?? '')
    ? ''
    : `, or read them on the primary node under /mnt/var/log/hadoop/steps/${facts.stepId}/ while the cluster runs`;
}

/** Step logs: `<base>steps/<stepId>/`. Returns the reads (their hits name containers) and the applications named. */
async function readStepLogs(
  clients: AwsClients,
  base: S3Location,
  facts: EmrFacts,
  collector: EvidenceCollector,
  tracker: SourceTracker,
  budget: LogBudget,
): Promise<{ reads: ObjectRead[]; applications: EmrApplicationFacts[] } | undefined> {
  const dir = { bucket: base.bucket, key: `${base.key}steps/${facts.stepId}/` };
  const name = s3Uri(dir);
  tracker.start(name);
  let objects: { key: string }[];
  try {
    objects = (await listS3(clients, dir, { max: 100 })).objects;
  } catch (err) {
    tracker.failed(name, err);
    return undefined;
  }
  const fileOf = (key: string) => key.slice(dir.key.length).replace(/\.gz$/, '');
  // EMR's FailureDetails.LogFile names the log it found the error in: read that one first.
  const logFile = facts.failureDetails?.logFile ? parseS3Uri(facts.failureDetails.logFile) : undefined;
  const rank = (key: string) =>
    logFile?.bucket === dir.bucket && logFile.key === key ? -1 : STEP_FILES.indexOf(fileOf(key));
  const files = objects.filter((o) => STEP_FILES.includes(fileOf(o.key)));
  if (files.length === 0) {
    tracker.fail(
      name,
      'missing',
      `no step logs in S3 yet: EMR copies logs there about every five minutes${facts.step?.endedOn ? ` and the step ended at ${facts.step.endedOn}` : ''}; wait a few minutes and re-run${onNode(facts)}`,
    );
    return undefined;
  }
  files.sort((a, b) => rank(a.key) - rank(b.key));
  const applications = new ApplicationIds();
  const plans: ObjectPlan[] = files.map((o) => ({
    location: { bucket: dir.bucket, key: o.key },
    scan: { role: 'step' },
    onText: applications.tap(),
  }));
  const reads = await readObjects(clients, plans, collector, budget, CONCURRENT_OBJECTS);
  const names = files.map((o) => o.key.slice(dir.key.length)).join(', ');
  tracker.done(summariseReads(name, reads, names));
  return { reads, applications: applications.list(MAX_APPLICATIONS) };
}

function containerPlans(
  base: S3Location,
  appDir: string,
  containers: string[],
  role: 'am' | 'executor',
): ObjectPlan[] {
  return containers.flatMap((container) =>
    CONTAINER_FILES.map((file) => ({
      location: { bucket: base.bucket, key: `${appDir}${container}/${file}` },
      scan: { role, container },
    })),
  );
}

/**
 * One application's container logs: listed by container folder (ListObjectsV2 with a delimiter),
 * then the AM containers, then the containers that failure lines name, then the others up to a bound.
 */
async function readApplicationLogs(
  clients: AwsClients,
  base: S3Location,
  app: EmrApplicationFacts,
  earlier: LogHit[],
  collector: EvidenceCollector,
  tracker: SourceTracker,
  budget: LogBudget,
): Promise<void> {
  const appDir = `${base.key}containers/${app.id}/`;
  const name = s3Uri({ bucket: base.bucket, key: appDir });
  tracker.start(name);
  let listing;
  try {
    listing = await listS3(
      clients,
      { bucket: base.bucket, key: appDir },
      { delimiter: '/', max: MAX_CONTAINERS_LISTED },
    );
  } catch (err) {
    tracker.failed(name, err);
    return;
  }
  const containers = listing.prefixes
    .map((p) => p.slice(appDir.length).replace(/\/$/, ''))
    .filter((id) => id.startsWith('container_'));
  app.containers = containers.length;
  if (containers.length === 0) {
    tracker.fail(
      name,
      'missing',
      `no container logs for ${app.id} in S3 yet: EMR copies them after the application ends, about every five minutes; wait a few minutes and re-run`,
    );
    return;
  }
  const ams = containers.filter(isAmContainer);
  const amReads = await readObjects(
    clients,
    containerPlans(base, appDir, ams, 'am'),
    collector,
    budget,
    CONCURRENT_OBJECTS,
  );
  const listed = new Set(containers);
  const named = containersIn([...earlier, ...hitsOf(amReads)], app.id).filter((c) => listed.has(c));
  const others = [...named, ...containers.filter((c) => !isAmContainer(c) && !named.includes(c))].slice(
    0,
    Math.max(0, MAX_CONTAINERS_READ - ams.length),
  );
  const otherReads = await readObjects(
    clients,
    containerPlans(base, appDir, others, 'executor'),
    collector,
    budget,
    CONCURRENT_OBJECTS,
  );
  app.failedContainers = containersIn([...earlier, ...hitsOf(amReads), ...hitsOf(otherReads)], app.id);
  const read = ams.length + others.length;
  const what = [
    `${read} of ${containers.length} container${containers.length === 1 ? '' : 's'}${listing.truncated ? '+' : ''}`,
    `(the ApplicationMaster first${named.length > 0 ? `, then ${named.length} named in failures` : ''})`,
  ].join(' ');
  tracker.done(summariseReads(name, [...amReads, ...otherReads], what));
}

/**
 * Reads the step's logs and its applications' container logs from S3 into the collector, and notes
 * in `sources` what is not there (logging off, not uploaded yet). Returns whether any log was read.
 */
export async function readEmrLogs(
  clients: AwsClients,
  facts: EmrFacts,
  collector: EvidenceCollector,
  tracker: SourceTracker,
  budget: LogBudget,
): Promise<boolean> {
  const root = facts.logUri ? parseS3Uri(facts.logUri) : undefined;
  if (!root) {
    tracker.fail(
      'emr:LogUri',
      'missing',
      facts.logUri
        ? `LogUri ${facts.logUri} is not an S3 location; step and container logs were not read`
        : `logging to S3 is off for cluster ${facts.clusterId}: it has no LogUri, so EMR keeps no step or container logs once the cluster ends; create clusters with --log-uri s3://<bucket>/elasticmapreduce/${onNode(facts)}`,
    );
    return false;
  }
  const base = { bucket: root.bucket, key: `${root.key}${facts.clusterId}/` };
  const step = await readStepLogs(clients, base, facts, collector, tracker, budget);
  if (!step) return false;
  facts.applications = step.applications;
  const earlier = hitsOf(step.reads);
  for (const app of facts.applications) {
    await readApplicationLogs(clients, base, app, earlier, collector, tracker, budget);
  }
  return true;
}
