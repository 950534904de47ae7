import {
  DescribeClusterCommand,
  DescribeStepCommand,
  ListStepsCommand,
  paginateListInstanceFleets,
  paginateListInstanceGroups,
  paginateListInstances,
  type Cluster,
  type Instance,
  type InstanceFleet,
  type InstanceGroup,
  type Step,
  type StepSummary,
} from '@aws-sdk/client-emr';
import type { AwsClients } from '../aws/clients.js';
import { classifyAwsError, credentialProblem, isNotFound } from '../aws/errors.js';
import { UserError } from '../errors.js';
import type {
  EmrCapacity,
  EmrClusterFacts,
  EmrInstanceLoss,
  EmrLostInstance,
  EmrMarket,
  EmrNodeRole,
  EmrStepConfig,
} from '../evidence/emr.js';
import type { SourceTracker } from './sources.js';

/**
 * The EMR API calls of a step diagnosis. EMR allows few requests per second, so this asks little:
 * one DescribeCluster, one step look-up, one capacity listing, and ListInstances only when lost
 * nodes could explain the failure.
 */

/** ListInstances pages (50 instances each) read at most: a long-lived cluster may have thousands. */
const MAX_INSTANCE_PAGES = 20;
/** An instance that ended this long after the step still counts (EMR records the end after the loss). */
const END_GRACE_MS = 2 * 60 * 1000;

function iso(d: Date | undefined): string | undefined {
  return d ? d.toISOString() : undefined;
}

/** EMR answers an id it does not know with InvalidRequestException ("Cluster id 'j-...' is not valid."). */
function isUnknownId(err: unknown): boolean {
  return (err as Error)?.name === 'InvalidRequestException' || isNotFound(err);
}

async function notFound(what: string, clients: AwsClients): Promise<UserError> {
  return new UserError(
    `${what} not found in region ${await clients.region()} (check --region and --profile)`,
  );
}

/**
 * DescribeCluster. An unknown cluster stops the diagnosis with one line; any other failure only
 * degrades it (the step can still be read, the logs cannot be located).
 */
export async function describeCluster(
  clients: AwsClients,
  tracker: SourceTracker,
  clusterId: string,
): Promise<Cluster | undefined> {
  const name = 'emr:DescribeCluster';
  tracker.start(name);
  try {
    const cluster = (await clients.emr.send(new DescribeClusterCommand({ ClusterId: clusterId }))).Cluster;
    if (!cluster) throw await notFound(`EMR cluster ${clusterId}`, clients);
    const state = cluster.Status?.State;
    tracker.ok(name, {
      detail: [state, cluster.ReleaseLabel, cluster.LogUri ? `logs in ${cluster.LogUri}` : 'no LogUri']
        .filter(Boolean)
        .join(', '),
    });
    return cluster;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const fatal = credentialProblem(err);
    if (fatal) throw fatal;
    if (isUnknownId(err)) throw await notFound(`EMR cluster ${clusterId}`, clients);
    tracker.failed(name, err);
    return undefined;
  }
}

export function clusterFacts(cluster: Cluster): EmrClusterFacts {
  const reason = cluster.Status?.StateChangeReason;
  const type = cluster.InstanceCollectionType;
  return {
    ...(cluster.Name ? { name: cluster.Name } : {}),
    ...(cluster.Status?.State ? { state: cluster.Status.State } : {}),
    ...(reason?.Code || reason?.Message
      ? {
          stateChangeReason: {
            ...(reason.Code ? { code: reason.Code } : {}),
            ...(reason.Message ? { message: reason.Message } : {}),
          },
        }
      : {}),
    applications: (cluster.Applications ?? [])
      .map((a) => [a.Name, a.Version].filter(Boolean).join(' '))
      .filter(Boolean),
    ...(type === 'INSTANCE_GROUP' || type === 'INSTANCE_FLEET' ? { instanceCollectionType: type } : {}),
  };
}

/** What DescribeStep and ListSteps both say about a step. */
export type StepDescription = Step | StepSummary;

/**
 * The step to diagnose: the given one (DescribeStep), else the newest FAILED one (ListSteps returns
 * the newest first, so one page is enough). Without a step there is nothing to diagnose.
 */
export async function resolveStep(
  clients: AwsClients,
  tracker: SourceTracker,
  clusterId: string,
  stepId: string | undefined,
): Promise<{ step: StepDescription; operation: 'DescribeStep' | 'ListSteps' }> {
  const operation = stepId ? 'DescribeStep' : 'ListSteps';
  const name = `emr:${operation}`;
  tracker.start(name);
  try {
    if (stepId) {
      const step = (await clients.emr.send(new DescribeStepCommand({ ClusterId: clusterId, StepId: stepId })))
        .Step;
      if (!step) throw await notFound(`EMR step ${stepId} of cluster ${clusterId}`, clients);
      tracker.ok(name, { detail: `${step.Name ?? stepId}: ${step.Status?.State ?? 'UNKNOWN'}` });
      return { step, operation };
    }
    const page = await clients.emr.send(
      new ListStepsCommand({ ClusterId: clusterId, StepStates: ['FAILED'] }),
    );
    const step = page.Steps?.[0];
    if (!step?.Id) {
      throw new UserError(
        `EMR cluster ${clusterId} has no failed step in region ${await clients.region()}; pass --step-id to diagnose another step`,
      );
    }
    tracker.ok(name, { detail: `chose ${step.Id} (${step.Name ?? 'unnamed'}), the newest failed step` });
    return { step, operation };
  } catch (err) {
    if (err instanceof UserError) throw err;
    const fatal = credentialProblem(err);
    if (fatal) throw fatal;
    if (stepId && isUnknownId(err))
      throw await notFound(`EMR step ${stepId} of cluster ${clusterId}`, clients);
    throw new UserError(`could not read the EMR step: ${classifyAwsError(err).detail}`, { cause: err });
  }
}

export function stepConfig(step: StepDescription): EmrStepConfig {
  const timeline = step.Status?.Timeline;
  return {
    ...(step.ActionOnFailure ? { actionOnFailure: step.ActionOnFailure } : {}),
    ...(step.Config?.Jar ? { jar: step.Config.Jar } : {}),
    ...(step.Config?.MainClass ? { mainClass: step.Config.MainClass } : {}),
    args: [...(step.Config?.Args ?? [])],
    ...(timeline?.CreationDateTime ? { createdOn: iso(timeline.CreationDateTime) } : {}),
    ...(timeline?.StartDateTime ? { startedOn: iso(timeline.StartDateTime) } : {}),
    ...(timeline?.EndDateTime ? { endedOn: iso(timeline.EndDateTime) } : {}),
  };
}

function asMarket(value: string | undefined): EmrMarket | undefined {
  return value === 'SPOT' || value === 'ON_DEMAND' ? value : undefined;
}

function asRole(value: string | undefined): EmrNodeRole | undefined {
  return value === 'MASTER' || value === 'CORE' || value === 'TASK' ? value : undefined;
}

function groupCapacity(group: InstanceGroup): EmrCapacity {
  const role = asRole(group.InstanceGroupType);
  const market = asMarket(group.Market);
  return {
    kind: 'instance-group',
    id: group.Id ?? '',
    ...(group.Name ? { name: group.Name } : {}),
    ...(role ? { role } : {}),
    markets: market ? [market] : [],
    instanceTypes: group.InstanceType ? [group.InstanceType] : [],
    ...(group.RequestedInstanceCount !== undefined ? { requested: group.RequestedInstanceCount } : {}),
    ...(group.RunningInstanceCount !== undefined ? { running: group.RunningInstanceCount } : {}),
    ...(group.Status?.State ? { state: group.Status.State } : {}),
  };
}

function fleetCapacity(fleet: InstanceFleet): EmrCapacity {
  const role = asRole(fleet.InstanceFleetType);
  const onDemand = fleet.TargetOnDemandCapacity ?? 0;
  const spot = fleet.TargetSpotCapacity ?? 0;
  const markets: EmrMarket[] = [
    ...(onDemand > 0 ? ['ON_DEMAND' as const] : []),
    ...(spot > 0 ? ['SPOT' as const] : []),
  ];
  return {
    kind: 'instance-fleet',
    id: fleet.Id ?? '',
    ...(fleet.Name ? { name: fleet.Name } : {}),
    ...(role ? { role } : {}),
    markets,
    instanceTypes: (fleet.InstanceTypeSpecifications ?? []).map((s) => s.InstanceType ?? '').filter(Boolean),
    requested: onDemand + spot,
    running: (fleet.ProvisionedOnDemandCapacity ?? 0) + (fleet.ProvisionedSpotCapacity ?? 0),
    ...(fleet.Status?.State ? { state: fleet.Status.State } : {}),
  };
}

/** The cluster's instance groups or fleets (one listing, whichever the cluster uses). */
export async function readCapacity(
  clients: AwsClients,
  tracker: SourceTracker,
  clusterId: string,
  collection: EmrClusterFacts['instanceCollectionType'],
): Promise<EmrCapacity[]> {
  const fleets = collection === 'INSTANCE_FLEET';
  const name = fleets ? 'emr:ListInstanceFleets' : 'emr:ListInstanceGroups';
  const capacity = await tracker.read(
    name,
    async () => {
      const out: EmrCapacity[] = [];
      if (fleets) {
        for await (const page of paginateListInstanceFleets(
          { client: clients.emr },
          { ClusterId: clusterId },
        )) {
          out.push(...(page.InstanceFleets ?? []).map(fleetCapacity));
        }
      } else {
        for await (const page of paginateListInstanceGroups(
          { client: clients.emr },
          { ClusterId: clusterId },
        )) {
          out.push(...(page.InstanceGroups ?? []).map(groupCapacity));
        }
      }
      return out;
    },
    (list) => ({
      items: list.length,
      detail: list.map((c) => `${c.role ?? '?'} ${c.markets.join('+') || '?'}`).join(', '),
    }),
  );
  return capacity ?? [];
}

const SPOT_WORDS = /spot|interrupt|no-capacity|capacity[- ]not[- ]available|insufficient capacity/i;
const SCALE_IN_WORDS = /resiz|scal(?:e|ing)|shrink|decommission|requested by|user request/i;

/** Why an instance ended, from its state change reason and market. */
export function lossCause(
  code: string | undefined,
  message: string,
  market: EmrMarket | undefined,
): EmrInstanceLoss {
  if (SPOT_WORDS.test(message)) return 'spot-interruption';
  if (SCALE_IN_WORDS.test(message)) return 'scale-in';
  if (code === 'INSTANCE_FAILURE') return market === 'SPOT' ? 'spot-interruption' : 'instance-failure';
  return 'other';
}

function lostInstance(instance: Instance, capacity: EmrCapacity[]): EmrLostInstance {
  const capacityId = instance.InstanceGroupId ?? instance.InstanceFleetId;
  const owner = capacity.find((c) => c.id === capacityId);
  const market = asMarket(instance.Market) ?? (owner?.markets.length === 1 ? owner.markets[0] : undefined);
  const reason = instance.Status?.StateChangeReason;
  const ended = instance.Status?.Timeline?.EndDateTime;
  return {
    id: instance.Id ?? '',
    ...(instance.Ec2InstanceId ? { ec2InstanceId: instance.Ec2InstanceId } : {}),
    ...(instance.PrivateDnsName ? { privateDnsName: instance.PrivateDnsName } : {}),
    ...(instance.InstanceType ? { instanceType: instance.InstanceType } : {}),
    ...(market ? { market } : {}),
    ...(capacityId ? { capacityId } : {}),
    ...(reason?.Code ? { reasonCode: reason.Code } : {}),
    ...(reason?.Message ? { reasonMessage: reason.Message } : {}),
    ...(ended ? { endedOn: iso(ended) } : {}),
    cause: lossCause(reason?.Code, reason?.Message ?? '', market),
  };
}

/**
 * Instances that EMR terminated while the step ran, other than by shutting the cluster down: Spot
 * reclaims, failed instances, scale-in. One paginated ListInstances call for TERMINATED instances.
 */
export async function readLostInstances(
  clients: AwsClients,
  tracker: SourceTracker,
  clusterId: string,
  window: { start: number; end: number },
  capacity: EmrCapacity[],
): Promise<EmrLostInstance[] | undefined> {
  return tracker.read(
    'emr:ListInstances',
    async () => {
      const lost: EmrLostInstance[] = [];
      let pages = 0;
      const paginator = paginateListInstances(
        { client: clients.emr },
        { ClusterId: clusterId, InstanceStates: ['TERMINATED'] },
      );
      for await (const page of paginator) {
        for (const instance of page.Instances ?? []) {
          const ended = instance.Status?.Timeline?.EndDateTime?.getTime();
          if (ended === undefined || ended < window.start || ended > window.end + END_GRACE_MS) continue;
          if (instance.Status?.StateChangeReason?.Code === 'CLUSTER_TERMINATED') continue;
          lost.push(lostInstance(instance, capacity));
        }
        if (++pages >= MAX_INSTANCE_PAGES) break;
      }
      return lost;
    },
    (lost) => {
      const spot = lost.filter((i) => i.cause === 'spot-interruption').length;
      return {
        items: lost.length,
        detail:
          lost.length === 0
            ? 'no instance was terminated while the step ran'
            : `${lost.length} instance${lost.length === 1 ? '' : 's'} terminated while the step ran${spot ? ` (${spot} Spot interruption${spot === 1 ? '' : 's'})` : ''}`,
      };
    },
  );
}
