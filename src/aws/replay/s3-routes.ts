import type { NormalizedSchema } from '@smithy/core/schema';
import type { ReplayRequest } from './http-types.js';
import { ReplayError } from './replay-error.js';
import { listOperations, type OperationInfo } from './sdk-schemas.js';
import { timestampMillis } from './timestamps.js';
import { toIso } from './iso-time.js';

/**
 * S3 REST requests routed to operations by the SDK's own `http` traits (`["GET", "/{Key+}?x-id=GetObject", 200]`),
 * path-style: `/<bucket>/<key>`. Parameters are read back into the SDK's input names (Bucket, Key,
 * Prefix, ContinuationToken, Range...) through the input schema's httpQuery/httpHeader traits, so a
 * calls.json entry matches S3 requests exactly as it matches JSON ones.
 */
export interface S3Route {
  op: OperationInfo;
  bucket?: string;
  key?: string;
  params: Record<string, unknown>;
}

interface RouteRule {
  op: OperationInfo;
  method: string;
  hasKey: boolean;
  hasBucket: boolean;
  /** Query literals of the URI; `x-id` is optional (only the SDK sends it). */
  literals: [string, string | undefined][];
}

/** On a tie the operation the replay serves from data wins (GET /b/k without x-id is GetObject). */
const PREFERRED = ['GetObject', 'HeadObject', 'ListObjectsV2', 'ListObjects', 'HeadBucket', 'ListBuckets'];

let rules: RouteRule[] | undefined;

function routeRules(): RouteRule[] {
  rules ??= listOperations('s3').flatMap((op) => {
    const http = op.traits.http as [string, string, number] | undefined;
    if (!http) return [];
    const [pathPart = '', queryPart = ''] = http[1].split('?');
    if (pathPart !== '/' && pathPart !== '/{Key+}') return [];
    const literals = queryPart
      .split('&')
      .filter(Boolean)
      .map((pair): [string, string | undefined] => {
        const [name = '', value] = pair.split('=');
        return [name, value];
      });
    const bucketMember = op.input.getMemberSchemas().Bucket;
    const hasBucket = Boolean(bucketMember?.getMergedTraits().httpLabel);
    return [{ op, method: http[0], hasKey: pathPart === '/{Key+}', hasBucket, literals }];
  });
  return rules;
}

export function routeS3(req: ReplayRequest): S3Route | undefined {
  const { bucket, key } = splitPath(req.path);
  let best: { rule: RouteRule; score: number } | undefined;
  for (const rule of routeRules()) {
    if (rule.method !== req.method || rule.hasKey !== (key !== undefined)) continue;
    if (rule.hasBucket !== (bucket !== undefined)) continue;
    const score = literalScore(rule, req.query);
    if (score === undefined) continue;
    if (!best || score > best.score || (score === best.score && preferred(rule) < preferred(best.rule))) {
      best = { rule, score };
    }
  }
  if (!best) return undefined;
  const params = readParams(best.rule.op.input, req, bucket, key);
  return {
    op: best.rule.op,
    ...(bucket !== undefined ? { bucket } : {}),
    ...(key !== undefined ? { key } : {}),
    params,
  };
}

function preferred(rule: RouteRule): number {
  const index = PREFERRED.indexOf(rule.op.name);
  return index === -1 ? PREFERRED.length : index;
}

function literalScore(rule: RouteRule, query: URLSearchParams): number | undefined {
  let score = 0;
  for (const [name, value] of rule.literals) {
    const actual = query.get(name);
    if (actual === null) {
      if (name === 'x-id') continue;
      return undefined;
    }
    if (value !== undefined && actual !== value) return undefined;
    score += 1;
  }
  return score;
}

function splitPath(rawPath: string): { bucket?: string; key?: string } {
  const trimmed = rawPath.replace(/^\/+/, '');
  if (trimmed === '') return {};
  const slash = trimmed.indexOf('/');
  const bucket = decode(slash === -1 ? trimmed : trimmed.slice(0, slash));
  const rawKey = slash === -1 ? '' : trimmed.slice(slash + 1);
  return rawKey === '' ? { bucket } : { bucket, key: decode(rawKey) };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ReplayError('InvalidURI', `Couldn't parse the specified URI: ${text}`);
  }
}

function readParams(
  input: NormalizedSchema,
  req: ReplayRequest,
  bucket: string | undefined,
  key: string | undefined,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (bucket !== undefined) params.Bucket = bucket;
  if (key !== undefined) params.Key = key;
  for (const [name, member] of input.structIterator()) {
    const traits = member.getMergedTraits();
    if (typeof traits.httpQuery === 'string') {
      const values = req.query.getAll(traits.httpQuery);
      if (values.length > 0)
        params[name] = member.isListSchema() ? values : convert(member, values[0] as string);
    } else if (typeof traits.httpHeader === 'string') {
      const value = req.headers[traits.httpHeader.toLowerCase()];
      if (value !== undefined) params[name] = convert(member, Array.isArray(value) ? value.join(',') : value);
    }
  }
  return params;
}

/** A query or header string as the SDK input member holds it; timestamps canonical ISO. */
function convert(member: NormalizedSchema, text: string): unknown {
  if (member.isNumericSchema()) return Number.isNaN(Number(text)) ? text : Number(text);
  if (member.isBooleanSchema()) return text === 'true';
  if (member.isTimestampSchema()) {
    const ms = timestampMillis(text);
    return ms === undefined ? text : toIso(ms);
  }
  if (member.isListSchema()) return text.split(',').map((item) => item.trim());
  return text;
}
