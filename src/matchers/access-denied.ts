import type { LogHit } from '../evidence/model.js';
import type { PlaybookVar } from '../playbooks/vars.js';
import type { Matcher } from './types.js';
import { ACCESS_DENIED, FAILURE_MARKER, NOT_AUTHORIZED, RUN_FAILED, RUN_SUCCEEDED } from './signals.js';
import {
  around,
  bucketOf,
  clamp,
  cleanPath,
  fromApi,
  isQuiet,
  items,
  levelOf,
  plural,
  recoveredFrom,
  runOutcome,
  s3UrisIn,
  withApiLines,
} from './support.js';

// `User: arn:aws:sts::1111:assumed-role/X/Y is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because ...`
const NOT_AUTHORIZED_TEXT =
  /(?:(?:User|Principal|Role):\s*)?(arn:aws[\w-]*:(?:sts|iam)::\d{12}:[^\s"']+|[\w.@/-]+) is not authorized to perform:?\s*["']?([\w-]+:[\w*-]+)["']?(?:\s+on resource:?\s*["']?(.+?)["']?)?(?=\s+because\b|\s+with an explicit deny|\s*\(Service:|["'.]*\s*…?$)/;
const WHY_DENIED = /with an explicit deny in an? ([\w -]+?) policy|because no ([\w -]+?) policy allows/;
const LAKE_FORMATION =
  /Insufficient Lake Formation permission\(?s?\)? on ([^\s(]+)(?:\s*\(Database name: ([\w-]+)(?:, Table Name: ([\w-]+))?\))?/i;
const LF_GENERIC = /lakeformation|Lake Formation/i;
const KMS = /\bkms:|AWSKMS|\bKMS\b|KMSException|customer master key|KmsException/;
const S3_403 =
  /Amazon S3|AmazonS3Exception|S3Exception|\(Service: S3|s3[an]?:\/\/|S3AFileSystem|S3NativeFileSystem|when calling the (?:GetObject|PutObject|HeadObject|ListObjects\w*|DeleteObjects?|CopyObject|HeadBucket) operation/;
const HDFS = /Permission denied: user=([\w.@-]+), access=(\w+), inode="?([^":\s]+)/;
const DATABASE = /Access denied for user '([^']+)'@'([^']+)'/;
const BOTO_OPERATION = /when calling the (\w+) operation/;
const S3_CLIENT_CALL = /(?:AmazonS3Client|S3Client|DefaultS3Client)\.(\w+)/;
const ARN_ACCOUNT = /arn:aws[\w-]*:[\w-]+:[\w-]*:(\d{12}):/;
// Reads the service does not need: a denied probe that the run carries on from.
const OPTIONAL =
  /optional|falling back|fall back|fallback|ignor(?:e|ed|ing)|skipping|will be skipped|not required|continuing|Assume no metadata|unable to (?:get|determine|find|read) (?:the )?(?:bucket )?(?:region|location)|GetBucketLocation|bucket region/i;

const S3_ACTIONS: Record<string, string> = {
  getobject: 's3:GetObject',
  getobjectmetadata: 's3:GetObject',
  headobject: 's3:GetObject',
  putobject: 's3:PutObject',
  initiatemultipartupload: 's3:PutObject',
  uploadpart: 's3:PutObject',
  completemultipartupload: 's3:PutObject',
  listobjects: 's3:ListBucket',
  listobjectsv2: 's3:ListBucket',
  listnextbatchofobjects: 's3:ListBucket',
  deleteobject: 's3:DeleteObject',
  deleteobjects: 's3:DeleteObject',
  copyobject: 's3:GetObject + s3:PutObject',
  headbucket: 's3:ListBucket',
  getbucketlocation: 's3:GetBucketLocation',
};

type Layer = 'IAM' | 'Lake Formation' | 'KMS' | 'S3' | 'HDFS' | 'database';

interface Denial {
  hit: LogHit;
  layer: Layer;
  strong: boolean;
  vars: Partial<Record<PlaybookVar, string>>;
  why?: string;
}

function denial(hit: LogHit): Denial | undefined {
  const level = levelOf(hit);
  const own = [...hit.before.slice(-1), hit.text].join('\n');
  if (isQuiet(level) && !fromApi(hit)) return undefined;
  if (level === 'warn' && OPTIONAL.test(own)) return undefined;
  const strong = fromApi(hit) || level !== 'warn';
  const context = around(hit);
  const vars: Partial<Record<PlaybookVar, string>> = {};

  const iam = NOT_AUTHORIZED_TEXT.exec(hit.text);
  if (iam) {
    vars.principal = cleanPath(iam[1]!);
    vars.action = iam[2]!;
    if (iam[3]) vars.resource = cleanPath(iam[3].replace(/…$/, '').trim());
    const account =
      ARN_ACCOUNT.exec(vars.principal)?.[1] ??
      (vars.resource ? ARN_ACCOUNT.exec(vars.resource)?.[1] : undefined);
    if (account) vars.account = account;
    const bucket = bucketOf(vars.resource);
    if (bucket) vars.bucket = bucket;
    const why = WHY_DENIED.exec(hit.text);
    const layer: Layer = /^kms:/.test(vars.action)
      ? 'KMS'
      : /^lakeformation:/.test(vars.action)
        ? 'Lake Formation'
        : 'IAM';
    return {
      hit,
      layer,
      strong,
      vars,
      ...(why
        ? { why: why[1] ? `an explicit deny in a ${why[1]} policy` : `no ${why[2]} policy allows it` }
        : {}),
    };
  }
  const lf = LAKE_FORMATION.exec(hit.text);
  if (lf) {
    vars.resource = lf[1]!;
    if (lf[2]) vars.databaseName = lf[2];
    if (lf[3]) vars.tableName = lf[3];
    if (!lf[2] && !lf[1]!.includes('://')) vars.tableName = lf[1]!;
    return { hit, layer: 'Lake Formation', strong, vars };
  }
  const hdfs = HDFS.exec(hit.text);
  if (hdfs) {
    Object.assign(vars, { principal: hdfs[1]!, action: hdfs[2]!, resource: hdfs[3]!, path: hdfs[3]! });
    return { hit, layer: 'HDFS', strong, vars };
  }
  const db = DATABASE.exec(hit.text);
  if (db) {
    vars.principal = `'${db[1]}'@'${db[2]}'`;
    return { hit, layer: 'database', strong, vars };
  }
  if (LF_GENERIC.test(hit.text)) return { hit, layer: 'Lake Formation', strong, vars };
  if (KMS.test(hit.text)) return { hit, layer: 'KMS', strong, vars };
  if (S3_403.test(context) || /Status Code: 403|403 Forbidden|AccessDenied\b/.test(hit.text)) {
    const uri = s3UrisIn(context)[0];
    if (uri) {
      vars.resource = uri;
      vars.bucket = bucketOf(uri)!;
    }
    const op = BOTO_OPERATION.exec(hit.text)?.[1] ?? S3_CLIENT_CALL.exec(context)?.[1];
    const action = op ? S3_ACTIONS[op.toLowerCase()] : undefined;
    if (action) vars.action = action;
    else if (op && BOTO_OPERATION.test(hit.text) && !S3_403.test(context)) vars.action = op;
    return { hit, layer: S3_403.test(context) ? 'S3' : 'IAM', strong, vars };
  }
  return { hit, layer: 'IAM', strong, vars };
}

function describe(d: Denial): string {
  const v = d.vars;
  switch (d.layer) {
    case 'Lake Formation': {
      const table =
        v.databaseName && v.tableName
          ? `${v.databaseName}.${v.tableName}`
          : (v.tableName ?? v.databaseName ?? v.resource);
      if (v.principal && v.action)
        return `Lake Formation: ${v.principal} is not allowed ${v.action}${v.resource ? ` on ${v.resource}` : ''}`;
      return `Lake Formation refused access${table ? ` to ${v.databaseName && !v.tableName ? `database ${table}` : table}` : ''}: the principal has no Lake Formation grant there (IAM alone is not enough)`;
    }
    case 'HDFS':
      return `HDFS refused ${v.action} access for user ${v.principal} on ${v.resource}`;
    case 'database':
      return `The database refused the login of ${v.principal}`;
    case 'S3':
      return `Amazon S3 returned 403 Access Denied${v.action ? ` for ${v.action}` : ''}${v.resource ? ` on ${v.resource}` : ''}: check the role's S3 permissions, the bucket policy and, for SSE-KMS, the key policy`;
    default:
      if (v.principal && v.action) {
        return `${v.principal} is not authorized to perform ${v.action}${v.resource ? ` on ${v.resource}` : ''}${d.why ? ` (${d.why})` : ''}`;
      }
      if (d.layer === 'KMS')
        return 'KMS refused to use the key (kms:Decrypt/GenerateDataKey denied by the key policy or IAM)';
      return 'An AWS permission check refused a call';
  }
}

export const accessDenied: Matcher = {
  meta: {
    id: 'access-denied',
    title: 'Access denied',
    severity: 'high',
    signals: [NOT_AUTHORIZED, ACCESS_DENIED, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED],
    explains: ['am-launch-failure'],
  },
  match(evidence) {
    const seen = new Set<string>();
    const hits = [...withApiLines(evidence, NOT_AUTHORIZED), ...withApiLines(evidence, ACCESS_DENIED)].filter(
      (h) => {
        const key = `${h.location}:${h.line ?? ''}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      },
    );
    const denials = hits.map(denial).filter((d): d is Denial => d !== undefined);
    if (
      denials.length === 0 ||
      recoveredFrom(
        evidence,
        denials.map((d) => d.hit),
      )
    )
      return null;
    const strong = denials.filter((d) => d.strong);
    const pool = strong.length > 0 ? strong : denials;
    // The most specific reading: named principal and action first, then named resources, then the API's word.
    const rank = (d: Denial) =>
      (d.vars.principal && d.vars.action ? 4 : 0) +
      (d.vars.resource ? 2 : 0) +
      (d.vars.action ? 1 : 0) +
      (fromApi(d.hit) ? 1 : 0);
    const best = [...pool].sort((a, b) => rank(b) - rank(a))[0]!;
    const outcome = runOutcome(evidence);
    const others = pool.length - 1;
    let confidence: number;
    if (strong.length > 0) {
      confidence = fromApi(best.hit)
        ? 0.95
        : 0.88 + (best.vars.action ? 0.04 : 0) + (outcome.failed ? 0.02 : 0);
    } else {
      confidence = outcome.failed ? 0.5 : 0.4;
    }
    const vars = Object.fromEntries(Object.entries(best.vars).filter(([, v]) => v)) as Partial<
      Record<PlaybookVar, string>
    >;
    return {
      confidence: clamp(confidence),
      summary: `${describe(best)}.${others > 0 ? ` ${plural(others, 'other denial')} in the logs.` : ''}${strong.length === 0 ? ' Only warnings show it, so it may have been an optional read.' : ''}`,
      evidence: items([best.hit, ...pool.map((d) => d.hit)]),
      vars,
      ...(strong.length === 0
        ? {
            alternatives: [
              { reading: 'access-denied: a read or write the run needed was refused', confidence: 0.5 },
              { reading: 'an optional read was refused and the run carried on', confidence: 0.5 },
            ],
          }
        : {}),
    };
  },
};
