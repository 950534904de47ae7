// Benchmark: `diagnose --log-file` against `grep -E` with the same signatures, on a large synthetic
// Spark log generated here (never committed), plain and gzip. Prints MB/s and peak RSS.
// Usage: npm run bench [-- --mb 400]
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out`;
const mbArg = process.argv.indexOf('--mb');
const targetMb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 300;
const cli = `${root}dist/cli.js`;
if (!existsSync(cli)) {
  console.error('run npm run build first');
  process.exit(2);
}

const GREP_SIGNATURES =
  'OutOfMemoryError|MemoryError|Exit code is 137|exit code 137|Exit status: 137|killed by YARN for exceeding|running beyond (physical|virtual) memory|Lost executor|ExecutorLostFailure|heartbeat timed out|Total size of serialized results|No space left on device|DSQuotaExceededException|SlowDown|Rate exceeded|ThrottlingException|AccessDenied|not authorized to perform|ModuleNotFoundError|ClassNotFoundException|UnknownHostException|Communications link failure|FileAlreadyExistsException|Path does not exist|Exception from container-launch|Job aborted due to stage failure|Traceback';

const NOISE = [
  'INFO TaskSetManager: Finished task {t}.0 in stage {s}.0 (TID {tid}) in {ms} ms on 172.31.{a}.{b} (executor {e}) ({t}/400)',
  'INFO TaskSetManager: Starting task {t}.0 in stage {s}.0 (TID {tid}) (172.31.{a}.{b}, executor {e}, partition {t}, PROCESS_LOCAL, 7789 bytes)',
  'INFO BlockManagerInfo: Added broadcast_{s}_piece0 in memory on 172.31.{a}.{b}:37017 (size: 38.1 KiB, free: 5.8 GiB)',
  'INFO MapOutputTrackerMasterEndpoint: Asked to send map output locations for shuffle {s} to 172.31.{a}.{b}:45210',
  'INFO ShuffleBlockFetcherIterator: Getting 400 (1024.0 MiB) non-empty blocks including 12 (30.7 MiB) local and 388 (993.3 MiB) host-local and 0 (0.0 B) remote blocks',
  "INFO S3NativeFileSystem: Opening 's3://acme-datalake-prod/raw/orders/dt=2026-11-19/part-{tid}.snappy.parquet' for reading",
  'INFO CodeGenerator: Code generated in {ms}.{e} ms',
  "INFO ExecutorRunnable: Setting up executor with commands: List({{JAVA_HOME}}/bin/java, -server, -Xmx10g, '-XX:OnOutOfMemoryError=kill -9 %p', -XX:+UseG1GC)",
];
const SIGNAL_LINES = [
  'WARN TaskSetManager: Lost task {t}.0 in stage {s}.0 (TID {tid}) (172.31.{a}.{b} executor {e}): java.lang.OutOfMemoryError: Java heap space',
  'ERROR YarnScheduler: Lost executor {e} on 172.31.{a}.{b}: Container killed by YARN for exceeding physical memory limits. 11.2 GB of 11 GB physical memory used.',
];

function fill(template, n) {
  return template
    .replaceAll('{t}', String(n % 400))
    .replaceAll('{s}', String(n % 37))
    .replaceAll('{tid}', String(n))
    .replaceAll('{ms}', String(100 + (n % 9000)))
    .replaceAll('{a}', String(n % 16))
    .replaceAll('{b}', String((n * 7) % 250))
    .replaceAll('{e}', String(1 + (n % 40)));
}

async function generate(path, bytes) {
  const stream = createWriteStream(path);
  let written = 0;
  let n = 0;
  while (written < bytes) {
    const lines = [];
    for (let i = 0; i < 2000; i++, n++) {
      const ts = `26/11/20 ${String(3 + (Math.floor(n / 3_600_000) % 20)).padStart(2, '0')}:${String(Math.floor(n / 60_000) % 60).padStart(2, '0')}:${String(Math.floor(n / 1000) % 60).padStart(2, '0')}`;
      const template = n % 250_000 === 1234 ? SIGNAL_LINES[n % 2] : NOISE[n % NOISE.length];
      lines.push(`${ts} ${fill(template, n)}`);
    }
    const chunk = lines.join('\n') + '\n';
    written += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

function timed(command, args) {
  const hasTime = existsSync('/usr/bin/time');
  const result = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [secs, kb] = hasTime ? last.split(' ').map(Number) : [NaN, NaN];
  return { secs, rssMb: kb / 1024, status: result.status, stdout: result.stdout };
}

function row(name, sizeMb, r) {
  const rate = (sizeMb / r.secs).toFixed(1);
  console.log(
    `${name.padEnd(34)} ${r.secs.toFixed(2).padStart(7)} s ${rate.padStart(8)} MB/s ${r.rssMb.toFixed(0).padStart(6)} MB peak RSS`,
  );
}

mkdirSync(out, { recursive: true });
const plain = `${out}/spark-synthetic.log`;
const gz = `${plain}.gz`;
if (!existsSync(plain) || statSync(plain).size < targetMb * 1024 * 1024 * 0.95) {
  console.log(`generating ${targetMb} MB of synthetic Spark log in ${plain} ...`);
  await generate(plain, targetMb * 1024 * 1024);
  spawnSync('sh', ['-c', `gzip -1 -c '${plain}' > '${gz}'`], { stdio: 'inherit' });
}
const sizeMb = statSync(plain).size / 1024 / 1024;
const gzMb = statSync(gz).size / 1024 / 1024;
console.log(
  `input: ${sizeMb.toFixed(0)} MB plain, ${gzMb.toFixed(0)} MB gzip (${sizeMb.toFixed(0)} MB of text)\n`,
);

const doctor = timed('node', [cli, 'diagnose', '--log-file', plain, '--format', 'json']);
const doctorGz = timed('node', [cli, 'diagnose', '--log-file', gz, '--format', 'json']);
const grep = timed('grep', ['-E', '-c', GREP_SIGNATURES, plain]);
const zgrep = timed('sh', ['-c', `zcat '${gz}' | grep -E -c '${GREP_SIGNATURES}'`]);
row('etl-doctor diagnose --log-file', sizeMb, doctor);
row('grep -E (same signatures)', sizeMb, grep);
row('etl-doctor diagnose --log-file .gz', sizeMb, doctorGz);
row('zcat | grep -E', sizeMb, zgrep);
const report = JSON.parse(doctor.stdout || '{}');
console.log(
  `\nverdict: ${report.findings?.[0]?.symptom ?? report.outcome}; grep matched ${grep.stdout.trim()} lines`,
);
void readFileSync;
