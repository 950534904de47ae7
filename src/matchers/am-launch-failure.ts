import type { LogHit } from '../evidence/model.js';
import type { Alternative, Matcher } from './types.js';
import {
  CONTAINER_LAUNCH,
  FAILURE_MARKER,
  JAVA_CLASS_MISSING,
  MAIN_CLASS_MISSING,
  RUN_FAILED,
} from './signals.js';
import {
  around,
  clamp,
  containerIn,
  fromApi,
  isQuiet,
  items,
  levelOf,
  unique,
  withApiLines,
} from './support.js';

const EXIT_CODE = /(?:exit code:?|exitCode[=:]|Exit code:|exited with\s+exitCode:)\s*(-?\d+)/i;
// Codes that mean the process was killed or the application failed after starting: other symptoms.
const NOT_LAUNCH = new Set([0, 15, 50, 52, 137, 143, -100, -102, -103, -104, -105]);
const MAIN_CLASS =
  /(?:Could not find or load main class|Failed to load (?:main )?class|Failed to find main class|ClassNotFoundException:)\s+([\w.$]+)/;
const MAIN_CLASS_LOAD =
  /deploy\.SparkSubmit|SparkSubmit\$|startUserApplication|JavaMainApplication|util\.RunJar\.run\b/;
const MISSING_BINARY =
  /launch_container\.sh: line \d+: ([^\n:]+): (No such file or directory|command not found|Permission denied)/;
const APPLICATION = /\b(application_\d+_\d+)\b/;
const JAR = /(?:Skip remote jar|jar(?:Path)?[=:]?)\s+(s3[an]?:\/\/\S+\.jar|\/\S+\.jar)/i;

interface Launch {
  hit: LogHit;
  code?: number;
  container?: { id: string; isAm: boolean };
}

function launchOf(hit: LogHit): Launch {
  const text = [hit.text, ...hit.after.slice(0, 6)].join('\n');
  const code = EXIT_CODE.exec(text)?.[1];
  const container =
    containerIn(text) ?? containerIn(hit.container ?? '') ?? containerIn(hit.before.join('\n'));
  const am = /AM Container/.test(hit.text);
  return {
    hit,
    ...(code !== undefined ? { code: Number(code) } : {}),
    ...(container ? { container: am ? { ...container, isAm: true } : container } : {}),
  };
}

export const amLaunchFailure: Matcher = {
  meta: {
    id: 'am-launch-failure',
    title: 'The ApplicationMaster or step process could not start',
    severity: 'high',
    signals: [CONTAINER_LAUNCH, MAIN_CLASS_MISSING, JAVA_CLASS_MISSING, FAILURE_MARKER, RUN_FAILED],
  },
  match(evidence) {
    const mains = withApiLines(evidence, MAIN_CLASS_MISSING).filter((h) => !isQuiet(levelOf(h)));
    // `java.lang.ClassNotFoundException: com.x.Main` thrown while SparkSubmit/RunJar loads the main class.
    const mainLoads = withApiLines(evidence, JAVA_CLASS_MISSING).filter(
      (h) =>
        !isQuiet(levelOf(h)) &&
        /Class\.forName|classForName/.test(h.after.slice(0, 10).join('\n')) &&
        MAIN_CLASS_LOAD.test(h.after.slice(0, 10).join('\n')),
    );
    const launches = withApiLines(evidence, CONTAINER_LAUNCH)
      .map(launchOf)
      .filter((l) => l.code === undefined || !NOT_LAUNCH.has(l.code));
    const binaries = launches.filter((l) => MISSING_BINARY.test(l.hit.text));
    const alreadyEnded = launches.filter((l) => /Yarn application has already ended/.test(l.hit.text));
    const exits = launches.filter((l) => !alreadyEnded.includes(l));
    if (mains.length === 0 && mainLoads.length === 0 && launches.length === 0) return null;

    const all = [...mains, ...mainLoads, ...launches.map((l) => l.hit)];
    const application = unique(all.map((h) => APPLICATION.exec(around(h))?.[1]))[0];
    const container = launches.map((l) => l.container).find(Boolean);
    const vars = {
      ...(application ? { applicationId: application } : {}),
      ...(container ? { containerId: container.id } : {}),
    };
    const codes = unique(exits.map((l) => (l.code !== undefined ? String(l.code) : undefined)));

    if (mains.length > 0 || mainLoads.length > 0) {
      const hit = mainLoads[0] ?? mains[0]!;
      const cls = unique(
        [...mainLoads, ...mains].map((h) => MAIN_CLASS.exec(h.text)?.[1]?.replace(/\.$/, '')),
      )[0];
      const jar = unique(evidence.hits.concat(all).map((h) => JAR.exec(around(h))?.[1]))[0];
      return {
        confidence: clamp(0.93 + (mains.some(fromApi) ? 0.03 : 0)),
        summary: `The main class ${cls ? `${cls} ` : ''}could not be loaded, so the application never started${jar ? `; check that ${jar} contains it` : "; check the step's jar and --class"}.`,
        evidence: items([hit, ...mains, ...mainLoads, ...launches.map((l) => l.hit)]),
        vars: { ...vars, ...(cls ? { module: cls } : {}) },
      };
    }
    if (binaries.length > 0) {
      const m = MISSING_BINARY.exec(binaries[0]!.hit.text)!;
      return {
        confidence: 0.9,
        summary: `The container launch script could not run ${m[1]!.trim()} (${m[2]}), so the container never started.`,
        evidence: items([...binaries.map((l) => l.hit), ...exits.map((l) => l.hit)]),
        vars,
      };
    }
    if (exits.length > 0) {
      const worst =
        exits.find((l) => l.code === 127 || l.code === 126) ??
        exits.find((l) => l.container?.isAm) ??
        exits[0]!;
      const who = worst.container?.isAm
        ? `the ApplicationMaster container${worst.container.id.startsWith('container_') ? ` ${worst.container.id}` : ''}`
        : worst.container
          ? `container ${worst.container.id}`
          : 'a container';
      const codeText = codes.length > 0 ? ` with exit code ${codes.join('/')}` : '';
      const reason =
        worst.code === 127
          ? ': a command in the launch script was not found (missing binary or wrong PYSPARK_PYTHON/JAVA_HOME)'
          : worst.code === 126
            ? ': a command in the launch script is not executable'
            : '';
      const sure = worst.code === 127 || worst.code === 126 || worst.container?.isAm === true;
      const alternatives: Alternative[] | undefined = sure
        ? undefined
        : [
            { reading: 'am-launch-failure: the container could not start its process', confidence: 0.55 },
            {
              reading: 'the process started and exited with an error; its own stderr has the cause',
              confidence: 0.45,
            },
          ];
      return {
        confidence: sure ? (worst.code === 127 || worst.code === 126 ? 0.88 : 0.8) : 0.55,
        summary: `YARN could not launch ${who}${codeText}${reason}.${alreadyEnded.length > 0 ? ' "Yarn application has already ended" here means the AM never started, not a kill.' : ''}`,
        evidence: items([worst.hit, ...exits.map((l) => l.hit), ...alreadyEnded.map((l) => l.hit)]),
        vars,
        ...(alternatives ? { alternatives } : {}),
      };
    }
    return {
      confidence: 0.6,
      summary: `"Yarn application has already ended" while the SparkContext started: the ApplicationMaster most likely never launched (it reads like a kill but usually is not).`,
      evidence: items(alreadyEnded.map((l) => l.hit)),
      vars,
      alternatives: [
        {
          reading:
            'am-launch-failure: the ApplicationMaster could not start (queue limits, bad AM settings, launch error)',
          confidence: 0.6,
        },
        { reading: 'the application was killed or its AM lost after it started', confidence: 0.4 },
      ],
    };
  },
};
