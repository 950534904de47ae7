import type { Signal } from './types.js';

/**
 * Signals shared by several matchers. A signal only says "this text is here"; deciding what it means
 * (whose memory, cause or effect) is the matchers' job.
 */

// The lookbehind keeps `-XX:OnOutOfMemoryError=...` and `HeapDumpOnOutOfMemoryError` (healthy JVM flags) out.
export const JAVA_OOM: Signal = {
  id: 'java-oom',
  keywords: ['OutOfMemoryError'],
  pattern: /(?<![A-Za-z])(?:java\.lang\.)?OutOfMemoryError(?::\s*(?<kind>[^\r\n:;)]{1,80}))?/,
};

export const PYTHON_MEMORY_ERROR: Signal = {
  id: 'python-memory-error',
  keywords: ['MemoryError'],
  pattern: /(?<![A-Za-z.])MemoryError\b(?!\w)/,
};

export const EXIT_137: Signal = {
  id: 'exit-137',
  keywords: [
    'exit',
    'code 137',
    'code: 137',
    'code=137',
    'code:137',
    'status 137',
    'status: 137',
    'status=137',
    'status:137',
    'signal 9',
  ],
  pattern:
    /(?:exit(?:ed)?[ _-]?(?:with )?(?:code|status|value)?(?:\s+is)?\s*[:=]?\s*137\b|(?:code|status)[ :=]+137\b|signal 9\b.*137)/i,
};

export const EXIT_52: Signal = {
  id: 'exit-52',
  keywords: ['exit'],
  pattern: /(?:exit(?:ed)?[ _-]?(?:with )?(?:code|status)(?:\s+is)?\s*[:=]?\s*52\b|Exit status: 52\b)/i,
};

export const YARN_MEMORY_KILL: Signal = {
  id: 'yarn-memory-kill',
  // Usage figures alone ("122 MB of 1 GB physical memory used") are the NodeManager's routine monitoring.
  keywords: ['memory limit', 'memoryOverhead'],
  pattern:
    /(?:killed by YARN for exceeding (?:(?<kind>physical|virtual) )?memory limits|running beyond (?<beyond>physical|virtual) memory limits|beyond the '(?<beyond3>physical|virtual)' memory limit|Consider boosting (?<setting>spark\.(?:yarn\.)?(?:executor|driver)\.memoryOverhead))/i,
};

export const KERNEL_OOM_KILL: Signal = {
  id: 'kernel-oom-kill',
  keywords: ['out of memory', 'oom-kill', 'oom_kill', 'oom_reaper'],
  pattern: /(?:Out of memory: Kill(?:ed)? process|invoked oom-killer|oom[-_]kill(?:er)?\b|oom_reaper)/i,
};

export const EXECUTOR_LOST: Signal = {
  id: 'executor-lost',
  distinct: ['executor', 'exec2', 'exec3'],
  keywords: ['lost', 'heartbeat timed out', 'exited', '-100', 'FetchFailed'],
  pattern:
    /(?:ExecutorLostFailure|Lost executor (?<executor>\d+)|Executor heartbeat timed out|Container released on a \*lost\* node|Slave lost|Executor lost: (?<exec3>\d+)|Executor lost|executor (?<exec2>\d+) (?:exited|lost)|Exit status: -100\b|FetchFailed(?:Exception)?\b)/i,
  // Dynamic allocation releasing idle executors is healthy.
  unless: /because it has been idle|idle timeout|Requesting to kill executor/i,
};

// Executors the driver itself released (dynamic allocation, idle timeout): their loss is expected.
export const EXECUTOR_RELEASED: Signal = {
  id: 'executor-released',
  keywords: ['because it has been idle', 'killed by driver', 'Request to remove executorIds'],
  pattern:
    /(?:Removing executor (?<idle>\d+) because it has been idle|Executor (?<killed>\d+) on \S+ killed by driver|Request to remove executorIds: (?<ids>[\d, ]+))/,
};

// Strong markers that a run ended well, for log files that carry no AWS state.
export const SUCCESS_MARKER: Signal = {
  id: 'success-marker',
  keywords: ['SUCCEEDED', 'completed successfully'],
  pattern:
    /(?:Final app status: SUCCEEDED|final status: SUCCEEDED|FinalApplicationStatus: SUCCEEDED|JobRunState"?:\s*"?SUCCEEDED|Step .* completed successfully|state: FINISHED.*SUCCEEDED)/,
};

export const NODE_LOSS: Signal = {
  id: 'node-loss',
  keywords: ['lost', 'decommission', 'spot', 'instance-action', '-100'],
  pattern:
    /(?:lost node|node (?:was )?lost|\*lost\* node|decommission(?:ed|ing)?\b|spot (?:instance )?(?:interruption|termination|reclaim)|instance-action|Exit status: -100\b|NodeManager .* lost|Lost NodeManager)/i,
  // Configuration that merely names decommissioning (spark.*.decommissioning.*) is not an event.
  unless: /(?:spark|yarn|hadoop)\.[\w.]*decommission|default property|--conf\b/i,
};

export const MANUAL_KILL: Signal = {
  id: 'manual-kill',
  keywords: [
    'killed by user',
    'yarn application -kill',
    'Kill job received',
    'Job cancelled because SparkContext',
    'StopJobRun',
    'job run was stopped',
  ],
  pattern:
    /(?:killed by user|Killed by user request|Application \S+ (?:was )?killed by user|yarn application -kill|Kill job received from|Job cancelled because SparkContext was shut down|StopJobRun|job run was stopped)/i,
};

export const GC_PRESSURE: Signal = {
  id: 'gc-pressure',
  keywords: ['GC overhead', 'Full GC', 'Pause Full', 'GC pause', 'heap usage is high', 'Application time'],
  pattern:
    /(?:GC overhead|Full GC \(Allocation Failure\)|\bFull GC\b|Application time: .* GC|Pause Full|long GC pause|heap usage is high)/i,
};

// Strong markers that a run failed, used only when nothing in the catalogue explains the failure.
export const FAILURE_MARKER: Signal = {
  id: 'failure-marker',
  keywords: [
    'Job aborted',
    'Exception in thread',
    'final status: FAILED',
    'User class threw',
    'Traceback',
    'Py4JJavaError',
    'Command failed',
    'Step failed',
    'FinalApplicationStatus: FAILED',
    'ERROR ApplicationMaster',
    'Job run failed',
    'JobRunState',
  ],
  pattern:
    /(?:Job aborted due to stage failure|Exception in thread "main"|final status: FAILED|User class threw exception|Traceback \(most recent call last\)|py4j\.protocol\.Py4JJavaError|Command failed with exit code|Step failed|FinalApplicationStatus: FAILED|ERROR ApplicationMaster|Job run failed|JobRunState.*FAILED)/,
};

// The exception that ends a traceback or the first line of a Java trace, for unclassified summaries.
export const ERROR_LINE: Signal = {
  id: 'error-line',
  keywords: ['Error', 'Exception'],
  pattern: /^(?:[A-Za-z_][\w.]*(?:Error|Exception)(?::|$)|Caused by: [\w.$]+(?:Error|Exception)\b)/,
};

// ---- Issue 3: the rest of the catalogue from text ----

/**
 * Lines that only *mention* a term: JVM and spark-submit command lines, `--conf` arguments and
 * configuration dumps (`spark.x.y=...`, `"--key": "value"`). Used as `unless` by the signals below.
 */
const MENTION_ONLY = new RegExp(
  [
    String.raw`\s-X(?:mx\d|ms\d|X:)`,
    String.raw`\s-(?:cp|classpath)\s`,
    String.raw`\bwith command:`,
    String.raw`\bspark-submit\s`,
    String.raw`\/bin\/java\s`,
    String.raw`(?:^|\s)--conf[\s=]`,
    String.raw`^\s*["']?(?:spark|hadoop|fs|yarn|mapreduce|mapred|hive|glue|dfs|emr|aws)\.[\w.-]+["']?\s*[=:]`,
    String.raw`^\s*["']?--[\w.-]+["']?\s*[:=]\s`,
    String.raw`^\s*\(?["']?(?:spark|hadoop|fs)\.[\w.-]+["']?,`,
  ].join('|'),
  'i',
);

function orUnless(...res: RegExp[]): RegExp {
  return new RegExp(res.map((r) => r.source).join('|'), 'i');
}

/** Extra strong markers that a run failed (FAILURE_MARKER has the common ones). */
export const RUN_FAILED: Signal = {
  id: 'run-failed',
  keywords: [
    'aborting job',
    'failed',
    'JobRunState',
    'ExecutionTimedOut',
    'ExecutionAborted',
    'TIMEOUT',
    'Job run',
  ],
  pattern:
    /(?:failed \d+ times?; aborting job|Final app status: FAILED|finished with failed status|JobRunState\\?["']?\s*[:=]\s*\\?["']?(?:FAILED|ERROR|TIMEOUT)\b|\bExecution(?:Failed|TimedOut|Aborted)\b|(?:Last state|Run State|[Ss]tep state|Job run state|Status|State|state|status)["']?\s*[:=]?\s*["']?(?:FAILED|TIMEOUT)\b|Marking task as FAILED|Streaming Command Failed|Job run (?:failed|timed out)|failed to execute with exception)/,
};

/** Markers that the run, step or task completed. */
export const RUN_SUCCEEDED: Signal = {
  id: 'run-succeeded',
  keywords: ['succeeded', 'completed', 'success'],
  pattern:
    /(?:Final app status: SUCCEEDED|final status: SUCCEEDED|FinalApplicationStatus: SUCCEEDED|JobRunState\\?["']?\s*[:=]\s*\\?["']?SUCCEEDED\b|\b(?:Execution|Task)Succeeded\b|(?:Run State|Last state|[Ss]tep state|Job run state|Status|State|state)["']?\s*[:=]?\s*["']?(?:SUCCEEDED|COMPLETED)\b|Job run succeeded|Marking task as SUCCESS|(?:Step|Job|Run|Task|Application|Crawl|Crawler) (?:\S+ )?(?:completed|finished|succeeded) successfully|[Ss]ucceeded after \d+ (?:retries|attempts)|[Rr]equest succeeded after)/,
};

/** A call being retried (recovery or exhaustion is decided from what follows). */
export const RETRY: Signal = {
  id: 'retry',
  keywords: ['retrying', 'will retry', 'retry attempt', 'retried', 'backing off'],
  pattern:
    /\b(?:Retrying|retrying|will retry|Retry attempt|retry attempt|Retried \d+ times|backing off|Backing off)\b/,
  unless: MENTION_ONLY,
};

export const NO_SPACE: Signal = {
  id: 'no-space',
  keywords: [
    'No space left on device',
    'Errno 28',
    'ENOSPC',
    'not enough space on the disk',
    'valid local directory',
    'are bad',
    'usable space',
  ],
  pattern:
    /(?:No space left on device|\[Errno 28\]|\bENOSPC\b|There is not enough space on the disk|Could not find any valid local directory for|(?:local|log)-dirs? (?:are bad|usable space is below configured utilization))/,
  unless: MENTION_ONLY,
};

export const HDFS_QUOTA: Signal = {
  id: 'hdfs-quota',
  keywords: [
    'QuotaExceededException',
    'QuotaByStorageTypeExceededException',
    'DiskSpace quota',
    'NameSpace quota',
  ],
  pattern:
    /(?:(?<![\w])(?:DS|NS)QuotaExceededException|hdfs\.protocol\.QuotaExceededException|QuotaByStorageTypeExceededException|The (?:DiskSpace|NameSpace) quota (?:\(directories and files\) )?of)/,
  unless: MENTION_ONLY,
};

export const S3_SLOW_DOWN: Signal = {
  id: 's3-slow-down',
  keywords: [
    'slowdown',
    'slow down',
    'reduce your request rate',
    'AWSServiceThrottledException',
    'S3 request rate',
    'S3 throttl',
  ],
  pattern:
    /(?:(?<![A-Za-z])Slow ?Down(?![A-Za-z])|Please reduce your request rate|AWSServiceThrottledException|\bS3 (?:request rate|throttl)\w*)/,
  unless: MENTION_ONLY,
};

export const API_THROTTLE: Signal = {
  id: 'api-throttle',
  keywords: [
    'Throttling',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'ThrottledException',
    'RequestThrottled',
    'Rate exceeded',
  ],
  pattern:
    /(?:(?<![A-Za-z])(?:ThrottlingException|TooManyRequestsException|RequestLimitExceeded|ThrottledException|RequestThrottled(?:Exception)?)\b|\bRate exceeded\b|Error Code: Throttling\b|\(Throttling\))/,
  unless: orUnless(MENTION_ONLY, /Slow ?Down|Please reduce your request rate/),
};

export const CONCURRENT_RUNS: Signal = {
  id: 'concurrent-runs',
  keywords: ['ConcurrentRunsExceeded', 'concurrent run', 'concurrent job run'],
  pattern:
    /(?:ConcurrentRunsExceededException|Concurrent runs exceeded|Max(?:imum)? concurrent (?:job )?runs? (?:per (?:job|account) )?exceed|exceeded (?:its |the )?max(?:imum)? (?:allowed )?concurrent runs)/i,
  unless: MENTION_ONLY,
};

export const GLUE_TIMEOUT: Signal = {
  id: 'glue-timeout',
  keywords: ['timeout', 'timed out'],
  pattern:
    /(?:\b(?:JobRunState|Job ?[Rr]un ?[Ss]tate|Run State|Last state|[Ss]tate|[Ss]tatus)["']?\s*(?:[:=]|\bis\b)\s*["']?TIMEOUT\b|\bstatus=TIMEOUT\b|Job run timed out|[Jj]ob run (?:exceeded|hit) (?:its|the) timeout|\bSession \S* ?(?:has )?timed out|(?:stopped|terminated|killed) (?:due to|because of) (?:a |the )?(?:job |run |session )?timeout)/,
  unless: MENTION_ONLY,
};

export const PYTHON_IMPORT_ERROR: Signal = {
  id: 'python-import-error',
  keywords: ['ModuleNotFoundError', 'ImportError', 'No module named'],
  pattern: /(?:(?<![\w])(?:ModuleNotFoundError|ImportError): (?=\S)|\bNo module named\b)/,
  unless: orUnless(MENTION_ONLY, /\bwhich is not installed\b|pip's dependency resolver/),
};

export const JAVA_CLASS_MISSING: Signal = {
  id: 'java-class-missing',
  keywords: ['ClassNotFoundException', 'NoClassDefFoundError', 'Failed to find data source', 'not found'],
  pattern:
    /(?:(?<![\w])(?:java\.lang\.)?(?:ClassNotFoundException|NoClassDefFoundError)\b|Failed to find data source: |\bClass [\w.$]+ not found\b)/,
  unless: orUnless(MENTION_ONLY, /Could not initialize class/),
};

/** pip's resolver at Python shell start-up: noise, unless an import then fails. */
export const PIP_CONFLICT: Signal = {
  id: 'pip-conflict',
  keywords: ["pip's dependency resolver", 'which is not installed', 'but you have'],
  pattern:
    /(?:pip's dependency resolver does not currently take into account|[\w.-]+ [\w.+-]+ requires [\w.-]+[^,\n]*, (?:which is not installed|but you have))/,
};

export const INVALID_ARGUMENT: Signal = {
  id: 'invalid-argument',
  keywords: [
    'GlueArgumentError',
    'arguments are required',
    'unrecognized arguments',
    'missing value for',
    'InvalidInputException',
    'ValidationException',
    'InvalidParameter',
    'IllegalArgumentException',
    'Unrecognized option',
    'Missing required',
    'Missing argument',
    'Missing option',
    'Missing parameter',
  ],
  pattern:
    /(?:GlueArgumentError|the following arguments are required:|unrecognized arguments:|missing value for --|\((?:InvalidInputException|ValidationException|InvalidParameterException|InvalidParameterValueException)\)|Error Code: (?:InvalidInputException|ValidationException|InvalidParameterException|InvalidParameterValueException)\b|(?<![\w.])InvalidInputException: |(?:IllegalArgumentException|ValidationException)\b[^\n]{0,200}?\b(?:argument|parameter|option|[Ww]orker ?[Tt]ype|NumberOfWorkers|GlueVersion|MaxCapacity)s?\b|Unrecognized option:? +-|Missing (?:required )?(?:argument|option|parameter)s?\b)/,
  unless: orUnless(
    MENTION_ONLY,
    /Session is not ready|status=TIMEOUT|Input path does not exist|Input Pattern \S+ matches 0 files|mapred(?:uce)?(?:\.lib\.input)?\.InvalidInputException|AccessDenied|not authorized to perform|Lake Formation permission|ConcurrentRunsExceeded|ThrottlingException|Rate exceeded/,
  ),
};

export const NOT_AUTHORIZED: Signal = {
  id: 'not-authorized',
  keywords: ['is not authorized to perform'],
  pattern: /\bis not authorized to perform\b/,
  unless: MENTION_ONLY,
};

export const ACCESS_DENIED: Signal = {
  id: 'access-denied',
  keywords: [
    'AccessDenied',
    'Access Denied',
    'Lake Formation permission',
    'Access is not allowed',
    'AccessControlException',
    'UnauthorizedOperation',
    'Status Code: 403',
    '403 Forbidden',
    'not allowed to access',
  ],
  pattern:
    /(?:(?<![A-Za-z])AccessDenied(?:Exception)?\b|\bAccess Denied\b|\bAccess denied for user\b|Insufficient Lake Formation permission|\bAccess is not allowed\b|(?<![A-Za-z])AccessControlException\b|\bUnauthorizedOperation\b|\bStatus Code: 403\b|\b403 Forbidden\b|\bnot allowed to access\b)/,
  unless: MENTION_ONLY,
};

export const CONNECT_FAILURE: Signal = {
  id: 'connect-failure',
  keywords: [
    'S3 endpoint or NAT gateway',
    'endpoint validation failed',
    'Communications link failure',
    'Network Adapter could not establish',
    'UnknownHostException',
    'Name or service not known',
    'name resolution',
    'nodename nor servname',
    'Could not resolve host',
    'dns resolution',
    'ConnectException',
    'NoRouteToHostException',
    'ConnectTimeout',
    'HttpHostConnectException',
    'EndpointConnectionError',
    'ConnectionRefusedError',
    'PSQLException: Connection',
    'Connection refused',
    'connect timed out',
    'Connection timed out',
    'No route to host',
    'Network is unreachable',
    'Could not connect to the endpoint',
    'Failed to establish a new connection',
    'TCP/IP connection to the host',
    'Connect to ',
  ],
  pattern:
    /(?:Could not find S3 endpoint or NAT gateway|VPC S3 endpoint validation failed|Communications link failure|The Network Adapter could not establish the connection|(?<![\w])UnknownHostException\b|Name or service not known|Temporary failure in name resolution|nodename nor servname provided|Could not resolve host|Reverse dns resolution of ip|(?<![\w])(?:ConnectException|NoRouteToHostException|ConnectTimeoutException|HttpHostConnectException|ConnectTimeoutError|ConnectTimeout|EndpointConnectionError|ConnectionRefusedError|PSQLException: Connection)\b|Connection refused|connect timed out|Connection timed out|No route to host|Network is unreachable|Could not connect to the endpoint URL|Failed to establish a new connection|The TCP\/IP connection to the host|Connect to \S+ failed)/,
  unless: orUnless(
    MENTION_ONLY,
    /:7337\b|ShuffleBlockFetcherIterator|RetryingBlockFetcher|TransportClientFactory|FetchFailed|BlockManager|NettyRpcEnv|RpcEnv|Failed to connect to driver|Retrying connect to server|Connecting to ResourceManager/,
  ),
};

/** JDBC URLs name the data store a connection failure is about. Only the host is ever kept. */
export const JDBC_URL: Signal = {
  id: 'jdbc-url',
  keywords: ['jdbc:'],
  pattern: /jdbc:(?<dbtype>[a-z0-9]+):(?:thin:@)?(?:\/\/)?(?<dbhost>[A-Za-z0-9][\w.-]*)(?::(?<dbport>\d+))?/,
};

export const CONTAINER_LAUNCH: Signal = {
  id: 'container-launch',
  keywords: [
    'container-launch',
    'AM Container for',
    'launch_container.sh',
    'ExitCodeException',
    'Yarn application has already ended',
  ],
  pattern:
    /(?:Exception from container-launch|AM Container for \S+ exited with\s+exitCode:\s*-?\d+|launch_container\.sh: line \d+:|ExitCodeException exitCode=-?\d+|Yarn application has already ended)/,
};

export const MAIN_CLASS_MISSING: Signal = {
  id: 'main-class-missing',
  keywords: ['main class', 'Failed to load class'],
  pattern:
    /(?:Could not find or load main class|Main Class not found|Cannot load main class|Failed to load (?:main )?class\b|No main class set|Failed to find main class)/,
  unless: MENTION_ONLY,
};

export const OUTPUT_EXISTS: Signal = {
  id: 'output-exists',
  keywords: ['FileAlreadyExistsException', 'already exists', 'PATH_ALREADY_EXISTS'],
  pattern:
    /(?:(?<![\w])FileAlreadyExistsException\b|Output directory \S+ already exists|\b[Pp]ath \S+ already exists\b|\[PATH_ALREADY_EXISTS\]|File already exists)/,
  unless: MENTION_ONLY,
};

export const INPUT_MISSING: Signal = {
  id: 'input-missing',
  keywords: [
    'does not exist',
    'matches 0 files',
    'PATH_NOT_FOUND',
    'No such file or directory',
    'NoSuchKey',
    'NoSuchBucket',
  ],
  pattern:
    /(?:Input path does not exist|Input Pattern \S+ matches 0 files|Path does not exist|\[PATH_NOT_FOUND\]|No such file or directory:? ['"]?s3[an]?:\/\/|FileNotFoundException: (?:File does not exist|File \S+ does not exist)|\(NoSuchKey\)|Error Code: NoSuchKey\b|The specified key does not exist|\(NoSuchBucket\)|The specified bucket does not exist)/,
  unless: orUnless(
    MENTION_ONLY,
    /FileStreamSink|metadata directory|_spark_metadata|underlying files have been updated/,
  ),
};

/** A listing that found files: a path reported missing earlier (a glob, a retry) was then found. */
export const PATHS_LISTED: Signal = {
  id: 'paths-listed',
  keywords: ['Total input files', 'Total input paths', 'leaf files', 'matches', 'Found '],
  pattern:
    /(?:Total input (?:files|paths) to process ?: ?[1-9]|list(?:ed)? leaf files (?:and directories )?for [1-9]\d* paths|Listing leaf files and directories for [1-9]\d* paths|matches [1-9]\d* files|Found [1-9]\d* (?:files|objects|paths|partitions))/,
};

/** pip could not install a package (`--additional-python-modules` with no route to PyPI, a bad pin). */
export const PIP_INSTALL_FAILED: Signal = {
  id: 'pip-install-failed',
  keywords: ['Could not find a version that satisfies', 'No matching distribution found'],
  pattern:
    /(?:Could not find a version that satisfies the requirement (?<req>[^\s(]+)|No matching distribution found for (?<dist>[^\s(]+))/,
};
