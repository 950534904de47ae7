import type { Matcher } from './types.js';
import { API_THROTTLE, FAILURE_MARKER, RETRY, RUN_FAILED, RUN_SUCCEEDED } from './signals.js';
import {
  around,
  clamp,
  countOf,
  fromApi,
  isQuiet,
  items,
  levelOf,
  listed,
  plural,
  recoveredFrom,
  retriedNear,
  retriesExhausted,
  runOutcome,
  unique,
  withApiLines,
  withHeader,
} from './support.js';

const OPERATION =
  /when calling the (\w+) operation|Default\w+Client\.(\w+)\(|(?:AWS)?\w+Client\.(\w+)\(|operation[:=] ?["']?(\w+)/;
const SERVICE =
  /\(Service: ([A-Za-z][\w ]*?)[;,]|\b(AWSGlue|AWSLakeFormation|AmazonElasticMapReduce|AWSSecurityTokenService|AWSKMS|AmazonCloudWatch|AWSLogs|AmazonDynamoDB|AmazonKinesis|AmazonAthena)\b|services\.(glue|lakeformation|emr|sts|kms|athena|dynamodb|kinesis)\.|resourceType["']?\s*:\s*["'](\w+)/;
const SERVICE_NAMES: Record<string, string> = {
  awsglue: 'Glue',
  glue: 'Glue',
  awslakeformation: 'Lake Formation',
  lakeformation: 'Lake Formation',
  amazonelasticmapreduce: 'EMR',
  emr: 'EMR',
  awssecuritytokenservice: 'STS',
  sts: 'STS',
  awskms: 'KMS',
  kms: 'KMS',
  amazonathena: 'Athena',
  athena: 'Athena',
};
const FATAL =
  /Traceback|Exception in thread|Query failed|ExecutionFailed|TaskFailed|Py4JJavaError|Job aborted|User class threw exception|\bfailed\b/i;

function serviceOf(text: string): string | undefined {
  const m = SERVICE.exec(text);
  const raw = m?.slice(1).find(Boolean);
  return raw ? (SERVICE_NAMES[raw.toLowerCase().replace(/\s+/g, '')] ?? raw.trim()) : undefined;
}

export const apiThrottling: Matcher = {
  meta: {
    id: 'api-throttling',
    title: 'AWS API calls were throttled (Rate exceeded)',
    severity: 'medium',
    signals: [API_THROTTLE, RETRY, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED],
    explains: ['glue-timeout'],
  },
  match(evidence) {
    const hits = withApiLines(evidence, API_THROTTLE).filter((h) => !isQuiet(levelOf(h)));
    if (hits.length === 0 || recoveredFrom(evidence, hits)) return null;
    const outcome = runOutcome(evidence);
    const exhausted = hits.filter((h) => retriesExhausted(around(h)) || fromApi(h));
    const fatal = hits.filter(
      (h) => levelOf(h) === 'error' || levelOf(h) === 'fatal' || FATAL.test(withHeader(h)),
    );
    const failureNamesIt = outcome.failures.some((f) => API_THROTTLE.pattern.test(around(f)));
    const retried = hits.some((h) => retriedNear(evidence, h));
    const operations = unique(
      hits.map((h) => {
        const m = OPERATION.exec(around(h));
        return m?.slice(1).find(Boolean);
      }),
    );
    const services = unique(hits.map((h) => serviceOf(around(h))));
    const count = countOf(evidence, 'api-throttle');
    const what = `${services.length > 0 ? `${listed(services)} ` : 'AWS '}API throttled ${plural(count, 'call')}${operations.length > 0 ? ` (${listed(operations)})` : ''} with "Rate exceeded"/ThrottlingException`;

    let confidence: number;
    let summary: string;
    if (exhausted.length > 0 || failureNamesIt) {
      confidence = 0.9;
      summary = `${what}; ${exhausted.length > 0 ? 'retries ran out and the call failed' : 'the failure that ended the run names it'}.`;
    } else if (fatal.length > 0) {
      confidence = outcome.failed ? 0.85 : 0.75;
      summary = `${what}, and the call failed with it.`;
    } else if (outcome.failed) {
      confidence = 0.6;
      summary = `${what}${retried ? ' (retried)' : ''} before the run failed; the final error does not name throttling.`;
    } else {
      confidence = retried ? 0.35 : 0.5;
      summary = `${what}${retried ? ', retried' : ''}; nothing shows the run failing because of it.`;
    }
    return { confidence: clamp(confidence), summary, evidence: items([...exhausted, ...hits]) };
  },
};
