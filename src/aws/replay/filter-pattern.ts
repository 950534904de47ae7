import { ReplayError } from './replay-error.js';

/**
 * The CloudWatch Logs filter-pattern subset the replay evaluates: terms and "quoted phrases" that
 * must all appear, `?term` of which at least one must appear, and `-term` that must not. Matching is
 * case-sensitive, as CloudWatch's is. JSON (`{ $.x = 1 }`), space-delimited (`[a, b]`) and regex
 * (`%...%`) patterns are refused with a 400 that says so, rather than answered wrongly.
 */
export interface FilterPattern {
  all: string[];
  any: string[];
  none: string[];
}

const SUPPORTED = 'the replay evaluates terms, "quoted phrases", ?optional terms and -excluded terms only';

export function parseFilterPattern(pattern: string | undefined): FilterPattern {
  const parsed: FilterPattern = { all: [], any: [], none: [] };
  const text = (pattern ?? '').trim();
  if (/^[{[%]/.test(text)) throw notReplayed(text, `${describeKind(text)} patterns are not replayed`);
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) {
      i += 1;
      continue;
    }
    const modifier = text[i] === '?' || text[i] === '-' ? text[i] : '';
    if (modifier) i += 1;
    const { value, end } = text[i] === '"' ? readPhrase(text, i) : readTerm(text, i);
    i = end;
    if (modifier === '?') parsed.any.push(value);
    else if (modifier === '-') parsed.none.push(value);
    else parsed.all.push(value);
  }
  return parsed;
}

export function matchesFilter(pattern: FilterPattern, message: string): boolean {
  return (
    pattern.all.every((term) => message.includes(term)) &&
    (pattern.any.length === 0 || pattern.any.some((term) => message.includes(term))) &&
    !pattern.none.some((term) => message.includes(term))
  );
}

function readPhrase(text: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < text.length; i += 1) {
    const char = text[i] as string;
    if (char === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 1;
    } else if (char === '"') {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  throw notReplayed(text, 'it has an unterminated quoted phrase');
}

/** CloudWatch requires terms made of other than letters, digits and `_` to be quoted. */
function readTerm(text: string, start: number): { value: string; end: number } {
  let end = start;
  while (end < text.length && !/\s/.test(text[end] as string)) end += 1;
  const value = text.slice(start, end);
  if (!/^[\p{L}\p{N}_]+$/u.test(value)) {
    throw notReplayed(text, `the term ${value || '(empty)'} must be in double quotes`);
  }
  return { value, end };
}

function describeKind(text: string): string {
  if (text.startsWith('{')) return 'JSON';
  if (text.startsWith('[')) return 'Space-delimited';
  return 'Regular-expression';
}

function notReplayed(pattern: string, why: string): ReplayError {
  return new ReplayError(
    'InvalidParameterException',
    `filterPattern ${JSON.stringify(pattern)} is not replayed: ${why}; ${SUPPORTED}.`,
  );
}
