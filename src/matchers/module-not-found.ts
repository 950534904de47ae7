import type { LogHit } from '../evidence/model.js';
import type { Alternative, Matcher } from './types.js';
import {
  FAILURE_MARKER,
  JAVA_CLASS_MISSING,
  MAIN_CLASS_MISSING,
  PIP_CONFLICT,
  PIP_INSTALL_FAILED,
  PYTHON_IMPORT_ERROR,
  RUN_FAILED,
  RUN_SUCCEEDED,
} from './signals.js';
import {
  clamp,
  cleanPath,
  fromApi,
  hitsOf,
  isQuiet,
  items,
  levelOf,
  listed,
  recoveredFrom,
  runOutcome,
  unique,
  withApiLines,
} from './support.js';

const NO_MODULE = /No module named \\?['"]?([\w.]+)/;
const CANNOT_IMPORT = /cannot import name \\?['"]?(\w+)\\?['"]?(?: from \\?['"]?([\w.]+))?/;
const SHARED_LIB = /(?:ImportError|OSError): ([\w.+-]+\.so[\w.]*): cannot open shared object file/;
const DATA_SOURCE = /Failed to find data source: ([\w$-]+(?:\.[\w$-]+)*)/;
const JAVA_CLASS =
  /(?:Class ([\w.$]+) not found|(?:ClassNotFoundException|NoClassDefFoundError):?\s+(?!Failed to find)(?:Class\s+)?([\w$]+(?:[./][\w$]+)*))/;
const IMPORT_LINE = /^\s*((?:from\s+[\w.]+\s+)?import\s+[\w., ]+)/;
const PY_FRAME = /File "([^"]+)", line (\d+)/;
const IN_TRACEBACK = /^\s*File "|^Traceback \(most recent call last\)|Error from Python:/;
// Optional probing: the JVM or a library looks for a class and carries on without it.
const OPTIONAL =
  /optional|falling back|fall back|fallback|not found,? (?:using|skipping)|will not be (?:used|available|loaded)|is not available|skipping|probing|\bignor(?:e|ed|ing)\b/i;
// The class that failed to load is the application's main class: an am-launch-failure, not a dependency.
const MAIN_CLASS_LOAD =
  /deploy\.SparkSubmit|SparkSubmit\$|startUserApplication|JavaMainApplication|util\.RunJar\.run\b/;

const MAIN_CLASS_NAME =
  /(?:Could not find or load main class|Failed to load (?:main )?class|Failed to find main class)\s+([\w.$]+)/;

function loadsMainClass(hit: LogHit): boolean {
  const frames = hit.after.slice(0, 10).join('\n');
  return /Class\.forName|classForName/.test(frames) && MAIN_CLASS_LOAD.test(frames);
}

interface Missing {
  hit: LogHit;
  module: string;
  kind: 'python' | 'python-name' | 'shared-lib' | 'java';
  strong: boolean;
}

function pythonMissing(hit: LogHit): Missing | undefined {
  const text = hit.text;
  const lib = SHARED_LIB.exec(text);
  if (lib?.[1]) return { hit, module: lib[1], kind: 'shared-lib', strong: true };
  const name = NO_MODULE.exec(text);
  const cannot = CANNOT_IMPORT.exec(text);
  const level = levelOf(hit);
  const traceback = hit.before.some((l) => IN_TRACEBACK.test(l)) || IN_TRACEBACK.test(text);
  if (level === 'warn' && OPTIONAL.test(text)) return undefined;
  if (/Warning\b/.test(text) && !traceback) return undefined;
  const strong = fromApi(hit) || traceback || level === 'error' || level === 'fatal';
  if (name?.[1]) return { hit, module: name[1], kind: 'python', strong };
  if (cannot?.[1]) {
    return { hit, module: cannot[2] ? `${cannot[2]}.${cannot[1]}` : cannot[1], kind: 'python-name', strong };
  }
  return undefined;
}

function javaMissing(hit: LogHit, mainClasses: Set<string>): Missing | undefined {
  const m = JAVA_CLASS.exec(hit.text);
  const raw = DATA_SOURCE.exec(hit.text)?.[1] ?? m?.[1] ?? m?.[2];
  if (!raw) return undefined;
  const module = raw.replace(/\//g, '.').replace(/\.$/, '');
  const level = levelOf(hit);
  if (isQuiet(level)) return undefined;
  if (OPTIONAL.test([...hit.before.slice(-1), hit.text].join('\n'))) return undefined;
  if (mainClasses.has(module) || loadsMainClass(hit)) return undefined;
  return { hit, module, kind: 'java', strong: level !== 'warn' };
}

export const moduleNotFound: Matcher = {
  meta: {
    id: 'module-not-found',
    title: 'A dependency is missing from the runtime',
    severity: 'high',
    signals: [
      PYTHON_IMPORT_ERROR,
      JAVA_CLASS_MISSING,
      PIP_CONFLICT,
      PIP_INSTALL_FAILED,
      MAIN_CLASS_MISSING,
      FAILURE_MARKER,
      RUN_FAILED,
      RUN_SUCCEEDED,
    ],
    explains: ['am-launch-failure'],
  },
  match(evidence) {
    // Classes the application's launcher failed to load as its main class (named anywhere in the text).
    const classHits = withApiLines(evidence, JAVA_CLASS_MISSING);
    const mainClasses = new Set(
      [
        ...hitsOf(evidence, 'main-class-missing').map((h) => MAIN_CLASS_NAME.exec(h.text)?.[1]),
        ...classHits.filter(loadsMainClass).map((h) => JAVA_CLASS.exec(h.text)?.[2]),
        /main class/i.test(evidence.emr?.failureDetails?.reason ?? '')
          ? JAVA_CLASS.exec(evidence.emr?.failureDetails?.message ?? '')?.[2]
          : undefined,
      ]
        .filter((c): c is string => Boolean(c))
        .map((c) => c.replace(/\//g, '.').replace(/\.$/, '')),
    );
    const python = withApiLines(evidence, PYTHON_IMPORT_ERROR)
      .map(pythonMissing)
      .filter((m): m is Missing => m !== undefined);
    const java = classHits
      .map((h) => javaMissing(h, mainClasses))
      .filter((m): m is Missing => m !== undefined);
    const all = [...python, ...java];
    const installs = hitsOf(evidence, 'pip-install-failed').filter((h) => !isQuiet(levelOf(h)));
    const requirement = unique(installs.map((h) => cleanPath(h.groups.dist ?? h.groups.req ?? '')))[0];
    if (all.length === 0) {
      // pip could not install a package the run asked for: nothing imported it yet, but it is missing.
      if (!requirement || runOutcome(evidence).succeeded || recoveredFrom(evidence, installs)) return null;
      const args = {
        ...(evidence.glue?.job?.defaultArguments ?? {}),
        ...(evidence.glue?.run?.arguments ?? {}),
      };
      const modules = args['--additional-python-modules'];
      return {
        confidence: runOutcome(evidence).failed ? 0.85 : 0.7,
        summary: `pip could not install ${requirement} (no matching distribution: a wrong name or pin, or no route from the job to the package index)${modules ? `; the run asks for --additional-python-modules ${modules}` : ''}.`,
        evidence: items(installs),
        vars: { module: requirement.replace(/[=<>!~;[].*$/, '') },
      };
    }
    if (
      recoveredFrom(
        evidence,
        all.map((m) => m.hit),
      )
    )
      return null;
    const strong = all.filter((m) => m.strong);
    const chosen = strong.length > 0 ? strong : all;
    const first = chosen[0]!;
    const modules = unique(chosen.map((m) => m.module));
    const outcome = runOutcome(evidence);

    // Where the import is: the script line of the traceback, when the text has it.
    const context = [...first.hit.before].reverse();
    const statement = context.map((l) => IMPORT_LINE.exec(l)?.[1]?.trim()).find(Boolean);
    const frame = context.map((l) => PY_FRAME.exec(l)).find(Boolean);
    const at = [statement ? `\`${statement}\`` : '', frame ? `${frame[1]} line ${frame[2]}` : '']
      .filter(Boolean)
      .join(' in ');
    const pip = hitsOf(evidence, 'pip-conflict');
    const args = {
      ...(evidence.glue?.job?.defaultArguments ?? {}),
      ...(evidence.glue?.run?.arguments ?? {}),
    };
    const shipped = [
      '--additional-python-modules',
      '--extra-py-files',
      '--extra-jars',
      '--python-modules-installer-option',
    ]
      .filter((k) => args[k])
      .map((k) => `${k} ${args[k]}`);
    const notes = [
      requirement ? `pip could not install ${requirement}` : '',
      pip.length > 0 ? 'pip reported dependency conflicts at start-up' : '',
      shipped.length > 0 ? `the run passes ${shipped.join(', ')}` : '',
    ].filter(Boolean);
    const tail = notes.length > 0 ? ` (${notes.join('; ')})` : '';

    let summary: string;
    let confidence: number;
    let alternatives: Alternative[] | undefined;
    switch (first.kind) {
      case 'python':
        summary = `Python could not import ${listed(modules.map((m) => `'${m}'`))}: No module named '${first.module}'${at ? ` (${at})` : ''}${tail}.`;
        confidence = first.strong ? 0.94 : 0.7;
        break;
      case 'python-name': {
        summary = `Python could not import ${first.module}: the installed package has no such name, usually a version mismatch${at ? ` (${at})` : ''}${tail}.`;
        confidence = first.strong ? 0.8 : 0.6;
        alternatives = [
          {
            reading:
              'module-not-found: a different version of the package is installed than the code expects',
            confidence: 0.7,
          },
          { reading: "a circular import inside the job's own modules", confidence: 0.3 },
        ];
        break;
      }
      case 'shared-lib':
        summary = `A Python package could not load the native library ${first.module}: it is not installed in the runtime${tail}.`;
        confidence = 0.85;
        break;
      default:
        summary = `The JVM could not load class ${listed(modules)}: a jar that provides it is missing from the classpath${tail}.`;
        confidence = first.strong ? 0.85 + (outcome.failed ? 0.05 : 0) : 0.45;
        if (!first.strong) {
          alternatives = [
            { reading: 'module-not-found: a dependency jar is missing', confidence: 0.5 },
            { reading: 'an optional class was probed and the run carried on without it', confidence: 0.5 },
          ];
        }
    }
    return {
      confidence: clamp(confidence),
      summary,
      evidence: items([...chosen.map((m) => m.hit), ...installs.slice(0, 1), ...pip.slice(0, 1)]),
      vars: { module: first.module },
      ...(alternatives ? { alternatives } : {}),
    };
  },
};
