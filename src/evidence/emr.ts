/**
 * Facts about an EMR cluster and one of its steps, as the EMR API and the step's logs in S3 tell
 * them (src/fetchers/emr-*.ts). Plain data: no SDK type leaves the fetchers.
 */

export type EmrMarket = 'ON_DEMAND' | 'SPOT';
export type EmrNodeRole = 'MASTER' | 'CORE' | 'TASK';

export interface EmrFailureDetails {
  reason?: string;
  message?: string;
  /** The log EMR picked as the most relevant, an s3:// URI. */
  logFile?: string;
}

export interface EmrClusterFacts {
  name?: string;
  /** STARTING, RUNNING, WAITING, TERMINATING, TERMINATED, TERMINATED_WITH_ERRORS. */
  state?: string;
  stateChangeReason?: { code?: string; message?: string };
  /** `Spark 3.5.0`, `Hive 3.1.3`, ... */
  applications: string[];
  instanceCollectionType?: 'INSTANCE_GROUP' | 'INSTANCE_FLEET';
}

export interface EmrStepConfig {
  actionOnFailure?: string;
  jar?: string;
  mainClass?: string;
  args: string[];
  createdOn?: string;
  startedOn?: string;
  endedOn?: string;
}

/** One instance group or instance fleet: where capacity came from, and on which market. */
export interface EmrCapacity {
  kind: 'instance-group' | 'instance-fleet';
  /** `ig-...` or `if-...`. */
  id: string;
  name?: string;
  role?: EmrNodeRole;
  /** An instance group has one market; a fleet has the markets it targets capacity on. */
  markets: EmrMarket[];
  instanceTypes: string[];
  /** Groups: instance counts. Fleets: capacity units (on-demand + spot). */
  requested?: number;
  running?: number;
  state?: string;
}

/** Why an instance ended, read from its state change reason and market. */
export type EmrInstanceLoss = 'spot-interruption' | 'instance-failure' | 'scale-in' | 'other';

/** An instance that EMR terminated while the step ran (cluster shutdown excluded). */
export interface EmrLostInstance {
  /** `ci-...` */
  id: string;
  ec2InstanceId?: string;
  /** The host name YARN and Spark log lines use, e.g. `ip-10-0-3-41.ec2.internal`. */
  privateDnsName?: string;
  instanceType?: string;
  market?: EmrMarket;
  /** The instance group or fleet it belonged to (see `EmrFacts.capacity`). */
  capacityId?: string;
  reasonCode?: string;
  reasonMessage?: string;
  endedOn?: string;
  cause: EmrInstanceLoss;
}

/** A YARN application the step's logs name. */
export interface EmrApplicationFacts {
  /** `application_<cluster-timestamp>_<n>` */
  id: string;
  /** The step's logs say it failed ("finished with failed status", "state: FAILED", ...). */
  failed: boolean;
  /** Container log folders found in S3; undefined when they were not listed. */
  containers?: number;
  /** Containers that signal lines (kills, losses, errors) name or were found in, the AM container excluded. */
  failedContainers: string[];
}

export interface EmrFacts {
  clusterId: string;
  stepId?: string;
  stepName?: string;
  /** PENDING, RUNNING, COMPLETED, CANCELLED, FAILED, INTERRUPTED... */
  stepState?: string;
  /** The cluster's LogUri, normalised to `s3://bucket/prefix/` (with the trailing slash); unset when logging is off. */
  logUri?: string;
  releaseLabel?: string;
  failureDetails?: EmrFailureDetails;
  cluster?: EmrClusterFacts;
  step?: EmrStepConfig;
  /** Instance groups or fleets; empty when they could not be read. */
  capacity: EmrCapacity[];
  /** Instances terminated during the step's window; undefined when not looked up. */
  lostInstances?: EmrLostInstance[];
  /** YARN applications the step's logs name, failed ones first. */
  applications: EmrApplicationFacts[];
}

/** The group or fleet an instance belonged to, in words: `instance group "Task - spot" (ig-1, TASK, SPOT)`. */
export function describeCapacity(capacity: EmrCapacity): string {
  const kind = capacity.kind === 'instance-group' ? 'instance group' : 'instance fleet';
  const details = [capacity.id, capacity.role, capacity.markets.join('+')].filter(Boolean).join(', ');
  return `${kind}${capacity.name ? ` "${capacity.name}"` : ''} (${details})`;
}
