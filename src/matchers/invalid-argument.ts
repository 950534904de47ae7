import type { LogHit } from '../evidence/model.js';
import type { Matcher } from './types.js';
import { FAILURE_MARKER, INVALID_ARGUMENT, RUN_FAILED, RUN_SUCCEEDED } from './signals.js';
import { clamp, fromApi, isQuiet, items, levelOf, recoveredFrom, withApiLines } from './support.js';

const REQUIRED = /the following arguments are required: ([^\n]+?)\s*$/;
const UNRECOGNIZED = /unrecognized arguments: ([^\n]+?)\s*$|Unrecognized option:? +(-{1,2}[\w.-]+)/;
const MISSING_VALUE = /missing value for (--[\w.-]+)/;
const ARGPARSE = /argument (--?[\w.-]+): ([^\n]+)/;
// `An error occurred (InvalidInputException) when calling the StartJobRun operation: <message>`
const API_ERROR =
  /\((InvalidInputException|ValidationException|InvalidParameterException|InvalidParameterValueException)\) when calling the (\w+) operation(?: \([^)]*\))?: ([^\n]+)/;
// `<message> (Service: AWSGlueJobExecutor; Status Code: 400; Error Code: InvalidInputException; ...)`
const SDK_ERROR =
  /(?:Exception:|exception)\s+([^\n]*?)\s*\(Service: ([\w ]+); Status Code: 400; Error Code: (InvalidInputException|ValidationException|InvalidParameter\w*)/;
const JAVA_MESSAGE = /(?:IllegalArgumentException|InvalidInputException|ValidationException):\s*([^\n]+)/;
// Operations that take the run's configuration: a refusal there is about arguments or settings.
const CONFIG_OPS =
  /^(?:StartJobRun|CreateJob|UpdateJob|StartJobFlow|RunJobFlow|AddJobFlowSteps|CreateSession|StartCrawler|CreateCrawler|UpdateCrawler|StartWorkflowRun|BatchStartJobRun)$/;

interface Reading {
  hit: LogHit;
  what: string;
  confidence: number;
}

function read(hit: LogHit): Reading | undefined {
  const text = hit.text;
  const required = REQUIRED.exec(text)?.[1];
  if (required) return { hit, what: `required argument ${required.trim()} was not passed`, confidence: 0.95 };
  const missing = MISSING_VALUE.exec(text)?.[1];
  if (missing) return { hit, what: `argument ${missing} has no value`, confidence: 0.95 };
  const unrecognized = UNRECOGNIZED.exec(text);
  if (unrecognized)
    return {
      hit,
      what: `unrecognized argument ${(unrecognized[1] ?? unrecognized[2])!.trim()}`,
      confidence: 0.9,
    };
  const argparse = ARGPARSE.exec(text);
  if (argparse && /GlueArgumentError|error:/.test(text)) {
    return { hit, what: `argument ${argparse[1]}: ${argparse[2]!.trim()}`, confidence: 0.92 };
  }
  const api = API_ERROR.exec(text);
  if (api) {
    const configOp = CONFIG_OPS.test(api[2]!);
    return {
      hit,
      what: `${api[2]} was refused with ${api[1]}: ${api[3]!.trim()}`,
      confidence: configOp ? 0.9 : 0.7,
    };
  }
  const sdk = SDK_ERROR.exec(text);
  if (sdk)
    return {
      hit,
      what: `${sdk[2]!.trim()} refused the request with ${sdk[3]}: ${sdk[1]!.trim()}`,
      confidence: 0.88,
    };
  if (/GlueArgumentError/.test(text))
    return {
      hit,
      what: text.replace(/^.*GlueArgumentError:?\s*/, '').trim() || 'bad job arguments',
      confidence: 0.9,
    };
  const java = JAVA_MESSAGE.exec(text)?.[1];
  if (java) return { hit, what: java.trim(), confidence: /InvalidInputException/.test(text) ? 0.8 : 0.65 };
  return { hit, what: text.trim().slice(0, 160), confidence: 0.6 };
}

export const invalidArgument: Matcher = {
  meta: {
    id: 'invalid-argument',
    title: 'Invalid or missing job parameters',
    severity: 'high',
    signals: [INVALID_ARGUMENT, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED],
    explains: ['am-launch-failure'],
  },
  match(evidence) {
    const hits = withApiLines(evidence, INVALID_ARGUMENT).filter((h) => !isQuiet(levelOf(h)));
    if (hits.length === 0 || recoveredFrom(evidence, hits)) return null;
    const readings = hits
      .map(read)
      .filter((r): r is Reading => r !== undefined)
      .sort((a, b) => b.confidence - a.confidence || Number(fromApi(b.hit)) - Number(fromApi(a.hit)));
    const best = readings[0];
    if (!best) return null;
    // One line per distinct argument or message: Glue prints the same refusal from Python and the JVM.
    const seen = new Set<string>();
    const whats = readings
      .filter((r) => {
        const key = /--[\w.-]+/.exec(r.what)?.[0] ?? r.what;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((r) => r.what.replace(/[.\s]+$/, ''));
    const glueVersion = /GlueVersion \[?([\d.]+)\]?/.exec(best.what)?.[1];
    return {
      confidence: clamp(best.confidence + (fromApi(best.hit) ? 0.03 : 0)),
      summary: `Invalid job configuration: ${whats[0]}${whats.length > 1 ? `; also ${whats.slice(1, 3).join('; ')}` : ''}.`,
      evidence: items(readings.map((r) => r.hit)),
      vars: glueVersion ? { glueVersion } : {},
    };
  },
};
