import type { LogHit } from '../evidence/model.js';
import type { Alternative, Matcher } from './types.js';
import { CONNECT_FAILURE, FAILURE_MARKER, JDBC_URL, RETRY, RUN_FAILED, RUN_SUCCEEDED } from './signals.js';
import {
  around,
  clamp,
  fromApi,
  hitsOf,
  isAfter,
  isQuiet,
  items,
  levelOf,
  plural,
  recoveredFrom,
  retriedNear,
  runOutcome,
  withApiLines,
} from './support.js';

// Spark talking to its own executors and driver (shuffle fetches, RPC): a lost executor, not a data store.
const SPARK_INTERNAL =
  /FetchFailed|ShuffleBlockFetcherIterator|RetryingBlockFetcher|OneForOneBlockFetcher|TransportClientFactory|NettyBlockTransferService|ExternalShuffleClient|ExternalBlockStoreClient|BlockManagerId|NettyRpcEnv|RpcEnv|shuffle-client|Failed to connect to driver|CoarseGrainedExecutorBackend/;

/** The hit with the exception lines just before it and its frames: not the unrelated lines around it. */
function exceptionBlock(hit: LogHit): string {
  const causes = hit.before.filter((l) => /Exception|Error|FetchFailed|^\s*at\s/.test(l)).slice(-3);
  return [...causes, hit.text, ...hit.after.slice(0, 10)].join('\n');
}

type Kind = 'vpc-endpoint' | 'dns' | 'timeout' | 'refused' | 'unreachable' | 'link';

const VPC =
  /Could not find S3 endpoint or NAT gateway for subnetId:? ?(subnet-\w+)(?: in Vpc (vpc-\w+))?|VPC S3 endpoint validation failed for SubnetId:? ?(subnet-\w+)/i;
const HOSTS: RegExp[] = [
  /UnknownHostException:\s*([\w.-]+)/,
  /Connect to ([\w.-]+(?::\d+)?)(?: \[[^\]]*\])? failed/,
  /connection to the host ([\w.-]+), port (\d+)/i,
  /Connection to ([\w.-]+:\d+) refused/,
  /host='([\w.-]+)', port=(\d+)/,
  /Could not connect to the endpoint URL: "?https?:\/\/([^/"\s]+)/,
  /to ([\w.-]+:\d+) failed on (?:connection|socket timeout) exception/,
  /Could not resolve host:? ['"]?([\w.-]+)/,
  /Reverse dns resolution of ip ([\d.]+)/i,
  /(?:connect(?:ing)? to|connection to) ([\w-]+(?:\.[\w-]+)+(?::\d+)?)/i,
];

function kindOf(text: string): Kind {
  if (VPC.test(text)) return 'vpc-endpoint';
  if (
    /UnknownHost|Name or service not known|name resolution|nodename nor servname|resolve host|dns resolution/i.test(
      text,
    )
  )
    return 'dns';
  if (/refused|ConnectionRefusedError/i.test(text)) return 'refused';
  if (/No route to host|Network is unreachable|NoRouteToHost/i.test(text)) return 'unreachable';
  if (/timed out|Timeout/i.test(text)) return 'timeout';
  return 'link';
}

function hostIn(text: string): string | undefined {
  for (const re of HOSTS) {
    const m = re.exec(text);
    if (m?.[1]) return m[2] && !m[1].includes(':') ? `${m[1]}:${m[2]}` : m[1];
  }
  return undefined;
}

const READINGS: Record<Kind, Alternative[]> = {
  'vpc-endpoint': [],
  dns: [
    {
      reading:
        "connection-failure: the host name does not resolve from the job's VPC (DNS settings, wrong name)",
      confidence: 0.8,
    },
    { reading: 'the host name is misspelled in the connection or script', confidence: 0.2 },
  ],
  timeout: [
    {
      reading:
        'connection-failure: the network path is blocked (security group, NACL, route table, no NAT or VPC endpoint)',
      confidence: 0.65,
    },
    { reading: 'the host is down or too busy to accept connections', confidence: 0.35 },
  ],
  refused: [
    {
      reading: 'connection-failure: nothing listens at that host and port (wrong port, database stopped)',
      confidence: 0.6,
    },
    { reading: 'a firewall on the host rejects the connection', confidence: 0.4 },
  ],
  unreachable: [],
  link: [
    {
      reading: 'connection-failure: the job cannot reach the database (security group, subnet, route)',
      confidence: 0.7,
    },
    { reading: 'the database closed the connection (restart, idle timeout)', confidence: 0.3 },
  ],
};

const WHAT: Record<Kind, string> = {
  'vpc-endpoint': 'has no S3 VPC endpoint or NAT gateway, so the job cannot reach S3',
  dns: 'the host name could not be resolved',
  timeout: 'the connection attempt timed out',
  refused: 'the connection was refused',
  unreachable: 'the network is unreachable from the job',
  link: 'the connection failed (Communications link failure)',
};

export const connectionFailure: Matcher = {
  meta: {
    id: 'connection-failure',
    title: 'Could not connect to a data store or endpoint',
    severity: 'high',
    signals: [CONNECT_FAILURE, JDBC_URL, RETRY, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED],
    explains: ['glue-timeout'],
  },
  match(evidence) {
    const hits = withApiLines(evidence, CONNECT_FAILURE).filter(
      (h) => (!isQuiet(levelOf(h)) || fromApi(h)) && !SPARK_INTERNAL.test(exceptionBlock(h)),
    );
    if (hits.length === 0 || recoveredFrom(evidence, hits)) return null;
    const outcome = runOutcome(evidence);
    const vpcHit = hits.find((h) => VPC.test(h.text));
    const first: LogHit = vpcHit ?? hits.find(fromApi) ?? hits.find((h) => levelOf(h) !== 'warn') ?? hits[0]!;
    const text = around(first);
    const kind = kindOf(hits.map((h) => h.text).join('\n'));

    if (kind === 'vpc-endpoint' && vpcHit) {
      const subnet = /subnetId:? ?(subnet-\w+)/i.exec(vpcHit.text)?.[1];
      const vpc = /\b(vpc-\w+)/.exec(vpcHit.text)?.[1];
      return {
        confidence: 0.97,
        summary: `Subnet ${subnet ?? '(not named)'}${vpc ? ` in ${vpc}` : ''} of the job's connection ${WHAT[kind]}; Glue refused to start the run.`,
        evidence: items([vpcHit, ...hits]),
        vars: { host: `S3 from ${subnet ?? 'the connection subnet'}` },
      };
    }

    // The data store: the host in the error, else the JDBC URL the job opened last before it.
    const jdbc = hitsOf(evidence, 'jdbc-url');
    const url = [...jdbc].reverse().find((j) => !isAfter(first, j)) ?? jdbc[0];
    const named = hostIn(hits.map((h) => h.text).join('\n')) ?? hostIn(text);
    const host =
      named ?? (url ? `${url.groups.dbhost}${url.groups.dbport ? `:${url.groups.dbport}` : ''}` : undefined);
    const dbType =
      url && (!named || named.startsWith(url.groups.dbhost ?? '\0')) ? url.groups.dbtype : undefined;
    const retried = hits.some((h) => retriedNear(evidence, h));
    const fatal = hits.some(
      (h) => fromApi(h) || levelOf(h) === 'error' || levelOf(h) === 'fatal' || levelOf(h) === undefined,
    );
    const count = hits.length;
    const reverse = hits.map((h) => /Reverse dns resolution of ip ([\d.]+)/i.exec(h.text)?.[1]).find(Boolean);

    let confidence: number;
    if (fatal && outcome.failed) confidence = 0.92;
    else if (fatal) confidence = 0.85;
    else if (outcome.failed) confidence = 0.6;
    else confidence = retried ? 0.35 : 0.5;
    const where = host ? `${host}${dbType ? ` (${dbType})` : ''}` : 'a data store or endpoint';
    return {
      confidence: clamp(confidence),
      summary: reverse
        ? `Reverse DNS resolution of ${reverse} failed: Glue needs DNS hostnames and DNS resolution enabled in the connection's VPC${!fatal ? '; only warnings show it' : ''}.`
        : `Could not connect to ${where}: ${WHAT[kind]}${retried ? `, also after retries (${plural(count, 'line')})` : ''}${!fatal ? '; only warnings show it' : ''}.`,
      evidence: items([first, ...hits]),
      vars: host ? { host } : {},
      ...(READINGS[kind].length > 0 ? { alternatives: READINGS[kind] } : {}),
    };
  },
};
