#!/usr/bin/env node
// Writes the EMR step fixtures (fixtures/emr-*): scenario.json, calls.json and the gzipped step and
// container logs under s3/<bucket>/<LogUri prefix>/<cluster>/..., as EMR archives them.
//
//   node scripts/make-emr-fixtures.mjs            rewrite every fixtures/emr-* folder
//   node scripts/make-emr-fixtures.mjs emr-am-launch
//
// The log text is here, reviewable, rather than only inside .gz files. Output is deterministic
// (gzip headers carry no timestamp), so re-running it changes nothing unless this file changed.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const LOG_BUCKET = `aws-logs-${ACCOUNT}-${REGION}`;
const LOG_PREFIX = 'elasticmapreduce/';
const LOG_URI = `s3n://${LOG_BUCKET}/${LOG_PREFIX}`;

// ---------------------------------------------------------------------------------------------
// Small helpers

const t = (iso) => Date.parse(iso);
const at = (iso, seconds) => new Date(t(iso) + seconds * 1000);
const isoOf = (d) => d.toISOString().replace('.000Z', 'Z');
const pad = (n, w = 2) => String(n).padStart(w, '0');
/** log4j's `yy/MM/dd HH:mm:ss`, what Spark and the YARN client print. */
const spark = (d) =>
  `${pad(d.getUTCFullYear() % 100)}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
/** `2026-11-20 03:38:51.207`, how NodeManager diagnostics stamp their parts. */
const nm = (d) => d.toISOString().replace('T', ' ').replace('Z', '');

/** A YARN cluster timestamp is the ResourceManager's start time in epoch milliseconds. */
const appId = (rmStart, n) => `application_${t(rmStart)}_${pad(n, 4)}`;
const containerId = (app, attempt, n) =>
  `container_${app.replace('application_', '')}_${pad(attempt)}_${pad(n, 6)}`;

function pseudoRandom(seed) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

// ---------------------------------------------------------------------------------------------
// Log text shared by the scenarios

function controllerLog({ stepId, stepNumber, start, end, command, exitCode }) {
  const seconds = Math.round((t(end) - t(start)) / 1000);
  const out = [
    `${isoOf(new Date(start))} INFO Ensure step ${stepNumber} jar file command-runner.jar`,
    `${isoOf(at(start, 0.1))} INFO StepRunner: Created Runner for step ${stepNumber}`,
    `INFO startExec 'hadoop jar /var/lib/aws/emr/step-runner/hadoop-jars/command-runner.jar ${command}'`,
    'INFO Environment:',
    '  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/aws/bin',
    '  SECURITY_PROPERTIES=/emr/instance-controller/lib/security.properties',
    '  HISTCONTROL=ignoredups',
    '  HISTSIZE=1000',
    '  HADOOP_ROOT_LOGGER=INFO,DRFA',
    '  JAVA_HOME=/etc/alternatives/jre',
    '  AWS_DEFAULT_REGION=us-east-1',
    '  LANG=en_US.UTF-8',
    '  MAIL=/var/spool/mail/hadoop',
    '  LOGNAME=hadoop',
    '  PWD=/',
    '  HADOOP_CLIENT_OPTS=-Djava.io.tmpdir=/mnt/var/lib/hadoop/steps/' + stepId + '/tmp',
    '  _=/etc/alternatives/jre/bin/java',
    '  LESSOPEN=||/usr/bin/lesspipe.sh %s',
    '  SHELL=/bin/bash',
    '  QTINC=/usr/lib64/qt-3.3/include',
    '  USER=hadoop',
    '  HADOOP_LOGFILE=syslog',
    '  HOSTNAME=ip-10-0-1-17',
    '  QTDIR=/usr/lib64/qt-3.3',
    `  HADOOP_LOG_DIR=/mnt/var/log/hadoop/steps/${stepId}`,
    '  EMR_STEP_ID=' + stepId,
    '  QTLIB=/usr/lib64/qt-3.3/lib',
    '  HOME=/home/hadoop',
    '  SHLVL=1',
    '  HADOOP_IDENT_STRING=hadoop',
    `INFO redirectOutput to /mnt/var/log/hadoop/steps/${stepId}/stdout`,
    `INFO redirectError to /mnt/var/log/hadoop/steps/${stepId}/stderr`,
    `INFO Working dir /mnt/var/lib/hadoop/steps/${stepId}`,
    'INFO ProcessRunner started child process 21874',
    `${isoOf(at(start, 0.2))} INFO HadoopJarStepRunner.Runner: startRun() called for ${stepId} Child Pid: 21874`,
    'INFO Synchronously wait child process to complete : hadoop jar /var/lib/aws/emr/step-runner/hadoop-...',
    `INFO waitProcessCompletion ended with exit code ${exitCode} : hadoop jar /var/lib/aws/emr/step-runner/hadoop-...`,
    `INFO total process run time: ${seconds} seconds`,
    `${isoOf(new Date(end))} INFO Step created jobs: `,
    `${isoOf(new Date(end))} WARN Step failed with exitCode ${exitCode} and took ${seconds} seconds`,
  ];
  return out.join('\n') + '\n';
}

/** What `spark-submit --deploy-mode cluster` prints on the primary node while YARN runs the application. */
function submitLog({
  app,
  start,
  running,
  end,
  resource,
  finalState,
  diagnostics,
  amHost,
  exitCode = 1,
  yarnJars,
}) {
  const rmHost = 'ip-10-0-1-17.ec2.internal';
  const lines = [
    `${spark(new Date(start))} INFO DefaultNoHARMFailoverProxyProvider: Connecting to ResourceManager at ${rmHost}/10.0.1.17:8032`,
    `${spark(at(start, 1))} INFO Configuration: resource-types.xml not found`,
    `${spark(at(start, 1))} INFO ResourceUtils: Unable to find 'resource-types.xml'.`,
    `${spark(at(start, 1))} INFO Client: Verifying our application has not requested more than the maximum memory capability of the cluster (57344 MB per container)`,
    `${spark(at(start, 1))} INFO Client: Will allocate AM container, with 2432 MB memory including 384 MB overhead`,
    `${spark(at(start, 1))} INFO Client: Setting up container launch context for our AM`,
    `${spark(at(start, 1))} INFO Client: Setting up the launch environment for our AM container`,
    `${spark(at(start, 1))} INFO Client: Preparing resources for our AM container`,
    ...(yarnJars
      ? [
          `${spark(at(start, 2))} INFO Client: Source and destination file systems are the same. Not copying ${yarnJars}`,
        ]
      : [
          `${spark(at(start, 2))} WARN Client: Neither spark.yarn.jars nor spark.yarn.archive is set, falling back to uploading libraries under SPARK_HOME.`,
          `${spark(at(start, 4))} INFO Client: Uploading resource file:/mnt/tmp/spark-0f3c9a1e-7b2d-4c55-9f0e-3a1d2b4c5e6f/__spark_libs__8123456789012345678.zip -> hdfs://${rmHost}:8020/user/hadoop/.sparkStaging/${app}/__spark_libs__8123456789012345678.zip`,
        ]),
    `${spark(at(start, 5))} INFO Client: Uploading resource ${resource} -> hdfs://${rmHost}:8020/user/hadoop/.sparkStaging/${app}/${resource.split('/').pop()}`,
    `${spark(at(start, 5))} INFO Client: Uploading resource file:/mnt/tmp/spark-0f3c9a1e-7b2d-4c55-9f0e-3a1d2b4c5e6f/__spark_conf__4455667788990011223.zip -> hdfs://${rmHost}:8020/user/hadoop/.sparkStaging/${app}/__spark_conf__.zip`,
    `${spark(at(start, 6))} INFO SecurityManager: Changing view acls to: hadoop`,
    `${spark(at(start, 6))} INFO SecurityManager: Changing modify acls to: hadoop`,
    `${spark(at(start, 6))} INFO SecurityManager: SecurityManager: authentication disabled; ui acls disabled; users with view permissions: hadoop; groups with view permissions: EMPTY; users with modify permissions: hadoop; groups with modify permissions: EMPTY`,
    `${spark(at(start, 6))} INFO Client: Submitting application ${app} to ResourceManager`,
    `${spark(at(start, 6))} INFO YarnClientImpl: Submitted application ${app}`,
    `${spark(at(start, 7))} INFO Client: Application report for ${app} (state: ACCEPTED)`,
    `${spark(at(start, 7))} INFO Client: `,
    '\t client token: N/A',
    '\t diagnostics: AM container is launched, waiting for AM container to Register with RM',
    '\t ApplicationMaster host: N/A',
    '\t ApplicationMaster RPC port: -1',
    '\t queue: default',
    `\t start time: ${t(start) + 6000}`,
    '\t final status: UNDEFINED',
    `\t tracking URL: http://${rmHost}:20888/proxy/${app}/`,
    '\t user: hadoop',
  ];
  if (running) {
    lines.push(`${spark(new Date(running))} INFO Client: Application report for ${app} (state: RUNNING)`);
    lines.push(`${spark(new Date(running))} INFO Client: `, '\t client token: N/A', '\t diagnostics: N/A');
    lines.push(
      `\t ApplicationMaster host: ${amHost}`,
      '\t ApplicationMaster RPC port: 39627',
      '\t queue: default',
    );
    lines.push(`\t start time: ${t(start) + 6000}`, '\t final status: UNDEFINED');
    lines.push(`\t tracking URL: http://${rmHost}:20888/proxy/${app}/`, '\t user: hadoop');
    for (let s = t(running) + 30000; s < t(end); s += 30000) {
      lines.push(`${spark(new Date(s))} INFO Client: Application report for ${app} (state: RUNNING)`);
    }
  }
  lines.push(`${spark(new Date(end))} INFO Client: Application report for ${app} (state: ${finalState})`);
  lines.push(`${spark(new Date(end))} INFO Client: `, '\t client token: N/A');
  lines.push(`\t diagnostics: ${diagnostics}`);
  lines.push(`\t ApplicationMaster host: ${running ? amHost : 'N/A'}`);
  lines.push(`\t ApplicationMaster RPC port: ${running ? 39627 : -1}`, '\t queue: default');
  lines.push(`\t start time: ${t(start) + 6000}`, '\t final status: FAILED');
  lines.push(`\t tracking URL: http://${rmHost}:8088/cluster/app/${app}`, '\t user: hadoop');
  lines.push(`${spark(new Date(end))} ERROR Client: Application diagnostics message: ${diagnostics}`);
  lines.push(
    `Exception in thread "main" org.apache.spark.SparkException: Application ${app} finished with failed status`,
    '\tat org.apache.spark.deploy.yarn.Client.run(Client.scala:1321)',
    '\tat org.apache.spark.deploy.yarn.YarnClusterApplication.start(Client.scala:1754)',
    '\tat org.apache.spark.deploy.SparkSubmit.org$apache$spark$deploy$SparkSubmit$$runMain(SparkSubmit.scala:1066)',
    '\tat org.apache.spark.deploy.SparkSubmit.doRunMain$1(SparkSubmit.scala:192)',
    '\tat org.apache.spark.deploy.SparkSubmit.submit(SparkSubmit.scala:215)',
    '\tat org.apache.spark.deploy.SparkSubmit.doSubmit(SparkSubmit.scala:91)',
    '\tat org.apache.spark.deploy.SparkSubmit$$anon$2.doSubmit(SparkSubmit.scala:1158)',
    '\tat org.apache.spark.deploy.SparkSubmit$.main(SparkSubmit.scala:1167)',
    '\tat org.apache.spark.deploy.SparkSubmit.main(SparkSubmit.scala)',
    `${spark(at(end, 0))} INFO ShutdownHookManager: Shutdown hook called`,
    `${spark(at(end, 0))} INFO ShutdownHookManager: Deleting directory /mnt/tmp/spark-0f3c9a1e-7b2d-4c55-9f0e-3a1d2b4c5e6f`,
    `${spark(at(end, 0))} INFO ShutdownHookManager: Deleting directory /mnt/tmp/spark-7d6e5f4a-3b2c-4d1e-8f9a-0b1c2d3e4f5a`,
    `Command exiting with ret '${exitCode}'`,
  );
  return lines.join('\n') + '\n';
}

/** The first minute of a Spark driver running inside the ApplicationMaster (cluster mode). */
function driverPreamble({ app, start, host, appName, executors, executorMemory, executorCores, coreHosts }) {
  const d = (s) => spark(at(start, s));
  const out = [
    `${d(0)} INFO SignalUtils: Registering signal handler for TERM`,
    `${d(0)} INFO SignalUtils: Registering signal handler for HUP`,
    `${d(0)} INFO SignalUtils: Registering signal handler for INT`,
    `${d(0)} INFO SecurityManager: Changing view acls to: yarn,hadoop`,
    `${d(0)} INFO SecurityManager: Changing modify acls to: yarn,hadoop`,
    `${d(1)} INFO ApplicationMaster: ApplicationAttemptId: appattempt_${app.replace('application_', '')}_000001`,
    `${d(1)} INFO ApplicationMaster: Starting the user application in a separate Thread`,
    `${d(1)} INFO ApplicationMaster: Waiting for spark context initialization...`,
    `${d(2)} INFO SparkContext: Running Spark version 3.4.1-amzn-2`,
    `${d(2)} INFO ResourceUtils: ==============================================================`,
    `${d(2)} INFO ResourceUtils: No custom resources configured for spark.driver.`,
    `${d(2)} INFO SparkContext: Submitted application: ${appName}`,
    `${d(2)} INFO ResourceProfile: Default ResourceProfile created, executor resources: Map(cores -> name: cores, amount: ${executorCores}, script: , vendor: , memory -> name: memory, amount: ${executorMemory}, script: , vendor: , offHeap -> name: offHeap, amount: 0, script: , vendor: ), task resources: Map(cpus -> name: cpus, amount: 1.0)`,
    `${d(3)} INFO Utils: Successfully started service 'sparkDriver' on port 39627.`,
    `${d(3)} INFO SparkEnv: Registering MapOutputTracker`,
    `${d(3)} INFO SparkEnv: Registering BlockManagerMaster`,
    `${d(3)} INFO DiskBlockManager: Created local directory at /mnt/yarn/usercache/hadoop/appcache/${app}/blockmgr-5b0c3d2e-1f4a-4e6b-9c8d-7a6b5c4d3e2f`,
    `${d(3)} INFO MemoryStore: MemoryStore started with capacity 1048.8 MiB`,
    `${d(4)} INFO Utils: Successfully started service 'SparkUI' on port 37981.`,
    `${d(4)} INFO YarnClusterScheduler: Created YarnClusterScheduler`,
    `${d(4)} INFO Utils: Using initial executors = ${executors}, max of spark.dynamicAllocation.initialExecutors, spark.dynamicAllocation.minExecutors and spark.executor.instances`,
    `${d(5)} INFO BlockManagerMasterEndpoint: Registering block manager ${host}:40467 with 1048.8 MiB RAM, BlockManagerId(driver, ${host}, 40467, None)`,
    `${d(5)} INFO ApplicationMaster: `,
    '===============================================================================',
    'Default YARN executor launch context:',
    '  env:',
    '    CLASSPATH -> /usr/lib/hadoop-lzo/lib/*:/usr/lib/hadoop/hadoop-aws.jar:/usr/share/aws/aws-java-sdk/*<CPS>{{PWD}}<CPS>{{PWD}}/__spark_conf__<CPS>{{PWD}}/__spark_libs__/*',
    '    SPARK_YARN_STAGING_DIR -> hdfs://ip-10-0-1-17.ec2.internal:8020/user/hadoop/.sparkStaging/' + app,
    '    SPARK_USER -> hadoop',
    '===============================================================================',
    `${d(6)} INFO YarnRMClient: Registering the ApplicationMaster`,
    `${d(6)} INFO YarnAllocator: Will request ${executors} executor container(s) for  ResourceProfile Id: 0, each with ${executorCores} core(s) and ${executorMemory} MB memory. with custom resources: <memory:${executorMemory}, max memory:2147483647, vCores:${executorCores}, max vCores:2147483647>`,
    `${d(6)} INFO YarnAllocator: Submitted ${executors} unlocalized container requests.`,
    `${d(6)} INFO ApplicationMaster: Started progress reporter thread with (heartbeat : 3000, initial allocation : 200) intervals`,
  ];
  for (let i = 0; i < executors; i++) {
    const c = containerId(app, 1, i + 2);
    const h = coreHosts[i % coreHosts.length];
    out.push(
      `${d(7)} INFO YarnAllocator: Launching container ${c} on host ${h} for executor with ID ${i + 1} for ResourceProfile Id 0`,
    );
  }
  out.push(
    `${d(7)} INFO YarnAllocator: Received ${executors} containers from YARN, launching executors on ${executors} of them.`,
  );
  for (let i = 0; i < executors; i++) {
    const h = coreHosts[i % coreHosts.length];
    out.push(
      `${d(9)} INFO YarnClusterSchedulerBackend$YarnDriverEndpoint: Registered executor NettyRpcEndpointRef(spark-client://Executor) (10.0.${h.split('-')[3]}.${h.split('-')[4].split('.')[0]}:4${pad(i, 4)}) with ID ${i + 1},  ResourceProfileId 0`,
    );
  }
  out.push(
    `${d(10)} INFO YarnClusterSchedulerBackend: SchedulerBackend is ready for scheduling beginning after reached minRegisteredResourcesRatio: 0.8`,
  );
  out.push(`${d(10)} INFO YarnClusterScheduler: YarnClusterScheduler.postStartHook done`);
  return out;
}

/** Routine task completions: the bulk of a driver log, with nothing a matcher looks for. */
function routineTasks({ start, seconds, stage, tasks, hosts, executors, seed, tidBase }) {
  const rnd = pseudoRandom(seed);
  const out = [];
  for (let i = 0; i < tasks; i++) {
    const when = at(start, (seconds * i) / tasks);
    const e = 1 + Math.floor(rnd() * executors);
    const h = hosts[(e - 1) % hosts.length];
    const tid = tidBase + i;
    out.push(
      `${spark(when)} INFO TaskSetManager: Starting task ${i}.0 in stage ${stage}.0 (TID ${tid}) (${h}, executor ${e}, partition ${i}, PROCESS_LOCAL, 7862 bytes) `,
    );
    out.push(
      `${spark(at(start, (seconds * i) / tasks + 20 + rnd() * 40))} INFO TaskSetManager: Finished task ${i}.0 in stage ${stage}.0 (TID ${tid}) in ${Math.round(20000 + rnd() * 40000)} ms on ${h} (executor ${e}) (${i + 1}/${tasks})`,
    );
  }
  return out;
}

function executorLog({ app, start, host, executorId, seed, extra = [] }) {
  const rnd = pseudoRandom(seed);
  const d = (s) => spark(at(start, s));
  const out = [
    `${d(0)} INFO CoarseGrainedExecutorBackend: Started daemon with process name: 23456@${host.split('.')[0]}`,
    `${d(0)} INFO SignalUtils: Registering signal handler for TERM`,
    `${d(0)} INFO SignalUtils: Registering signal handler for HUP`,
    `${d(0)} INFO SignalUtils: Registering signal handler for INT`,
    `${d(1)} INFO SecurityManager: Changing view acls to: yarn,hadoop`,
    `${d(1)} INFO TransportClientFactory: Successfully created connection to ip-10-0-2-31.ec2.internal/10.0.2.31:39627 after 62 ms (0 ms spent in bootstraps)`,
    `${d(2)} INFO DiskBlockManager: Created local directory at /mnt/yarn/usercache/hadoop/appcache/${app}/blockmgr-${pad(executorId, 8)}-2c1d-4e3f-8a9b-0c1d2e3f4a5b`,
    `${d(2)} INFO MemoryStore: MemoryStore started with capacity 9.4 GiB`,
    `${d(2)} INFO CoarseGrainedExecutorBackend: Connecting to driver: spark://CoarseGrainedScheduler@ip-10-0-2-31.ec2.internal:39627`,
    `${d(3)} INFO CoarseGrainedExecutorBackend: Successfully registered with driver`,
    `${d(3)} INFO Executor: Starting executor ID ${executorId} on host ${host}`,
    `${d(3)} INFO Executor: Using REPL class URI: spark://ip-10-0-2-31.ec2.internal:39627/classes`,
  ];
  for (let i = 0; i < 40; i++) {
    const tid = Math.floor(rnd() * 900);
    out.push(`${d(10 + i * 30)} INFO Executor: Running task ${i}.0 in stage 2.0 (TID ${tid})`);
    out.push(
      `${d(12 + i * 30)} INFO ShuffleBlockFetcherIterator: Getting ${180 + i} (${(20 + rnd() * 30).toFixed(1)} MiB) non-empty blocks including 9 (1.2 MiB) local and 0 (0.0 B) host-local and 0 (0.0 B) push-merged-local and ${171 + i} (${(19 + rnd() * 30).toFixed(1)} MiB) remote blocks`,
    );
    out.push(`${d(12 + i * 30)} INFO ShuffleBlockFetcherIterator: Started 12 remote fetches in 9 ms`);
    out.push(
      `${d(35 + i * 30)} INFO Executor: Finished task ${i}.0 in stage 2.0 (TID ${tid}). 4718 bytes result sent to driver`,
    );
  }
  return [...out, ...extra].join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// API answers shared by the scenarios

function describeCluster({
  id,
  name,
  release,
  start,
  state = 'WAITING',
  reason = 'Cluster ready after last step failed.',
  collection = 'INSTANCE_GROUP',
  logUri = LOG_URI,
  apps,
}) {
  return {
    service: 'emr',
    operation: 'DescribeCluster',
    input: { ClusterId: id },
    output: {
      Cluster: {
        Id: id,
        Name: name,
        Status: {
          State: state,
          StateChangeReason: { Message: reason },
          Timeline: { CreationDateTime: start, ReadyDateTime: isoOf(at(start, 480)) },
        },
        Ec2InstanceAttributes: {
          Ec2KeyName: 'data-platform',
          Ec2SubnetId: 'subnet-0a1b2c3d4e5f60718',
          RequestedEc2SubnetIds: ['subnet-0a1b2c3d4e5f60718'],
          Ec2AvailabilityZone: 'us-east-1a',
          RequestedEc2AvailabilityZones: [],
          IamInstanceProfile: 'EMR_EC2_DefaultRole',
          EmrManagedMasterSecurityGroup: 'sg-0123456789abcdef0',
          EmrManagedSlaveSecurityGroup: 'sg-0fedcba9876543210',
        },
        InstanceCollectionType: collection,
        ...(logUri ? { LogUri: logUri } : {}),
        ReleaseLabel: release,
        AutoTerminate: false,
        TerminationProtected: false,
        UnhealthyNodeReplacement: true,
        VisibleToAllUsers: true,
        Applications: apps,
        Tags: [{ Key: 'team', Value: 'data-platform' }],
        ServiceRole: 'EMR_DefaultRole',
        NormalizedInstanceHours: 96,
        MasterPublicDnsName: 'ip-10-0-1-17.ec2.internal',
        Configurations: [],
        ScaleDownBehavior: 'TERMINATE_AT_TASK_COMPLETION',
        EbsRootVolumeSize: 15,
        KerberosAttributes: {},
        ClusterArn: `arn:aws:elasticmapreduce:${REGION}:${ACCOUNT}:cluster/${id}`,
        StepConcurrencyLevel: 1,
        PlacementGroups: [],
        OSReleaseLabel: '2.0.20231116.0',
      },
    },
  };
}

const SPARK_APPS = (spark) => [
  { Name: 'Hadoop', Version: '3.3.6' },
  { Name: 'Spark', Version: spark },
  { Name: 'Livy', Version: '0.7.1' },
];

function instanceGroup({ id, name, type, market, instanceType, count, start }) {
  return {
    Id: id,
    Name: name,
    Market: market,
    InstanceGroupType: type,
    ...(market === 'SPOT' ? { BidPrice: 'OnDemandPrice' } : {}),
    InstanceType: instanceType,
    RequestedInstanceCount: count,
    RunningInstanceCount: count,
    Status: {
      State: 'RUNNING',
      StateChangeReason: { Message: '' },
      Timeline: { CreationDateTime: start, ReadyDateTime: isoOf(at(start, 470)) },
    },
    Configurations: [],
    ConfigurationsVersion: 0,
    LastSuccessfullyAppliedConfigurations: [],
    LastSuccessfullyAppliedConfigurationsVersion: 0,
    EbsBlockDevices: [
      {
        VolumeSpecification: { VolumeType: 'gp3', SizeInGB: 64, Throughput: 125, Iops: 3000 },
        Device: '/dev/sdb',
      },
    ],
    ShrinkPolicy: {},
  };
}

function step({
  id,
  name,
  args,
  state = 'FAILED',
  failure,
  created,
  start,
  end,
  actionOnFailure = 'CONTINUE',
}) {
  return {
    Id: id,
    Name: name,
    Config: { Jar: 'command-runner.jar', Properties: {}, Args: args },
    ActionOnFailure: actionOnFailure,
    Status: {
      State: state,
      StateChangeReason: {},
      ...(failure ? { FailureDetails: failure } : {}),
      Timeline: { CreationDateTime: created, StartDateTime: start, EndDateTime: end },
    },
  };
}

function terminatedInstance({ id, ec2, host, group, market, type, start, end, code, message }) {
  const ip = host.replace(/^ip-/, '').replace(/\..*$/, '').replace(/-/g, '.');
  return {
    Id: id,
    Ec2InstanceId: ec2,
    PrivateDnsName: host,
    PrivateIpAddress: ip,
    Status: {
      State: 'TERMINATED',
      StateChangeReason: { Code: code, Message: message },
      Timeline: { CreationDateTime: start, ReadyDateTime: isoOf(at(start, 300)), EndDateTime: end },
    },
    InstanceGroupId: group,
    Market: market,
    InstanceType: type,
    EbsVolumes: [{ Device: '/dev/sdb', VolumeId: `vol-0${ec2.slice(3, 19)}` }],
  };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/** One fixture folder: scenario.json, calls.json and s3 objects (text is gzipped, as EMR writes it). */
function write(name, { scenario, calls, objects }) {
  const dir = path.join(root, 'fixtures', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'scenario.json'), JSON.stringify(scenario, null, 2) + '\n');
  writeFileSync(path.join(dir, 'calls.json'), JSON.stringify(calls, null, 2) + '\n');
  let bytes = 0;
  for (const [key, text] of Object.entries(objects)) {
    const file = path.join(dir, 's3', LOG_BUCKET, key);
    mkdirSync(path.dirname(file), { recursive: true });
    const body = key.endsWith('.gz')
      ? gzipSync(Buffer.from(text, 'utf8'), { level: 9 })
      : Buffer.from(text, 'utf8');
    writeFileSync(file, body);
    bytes += body.length;
  }
  console.log(`${name}: ${Object.keys(objects).length} objects, ${(bytes / 1024).toFixed(1)} KiB in s3/`);
}

const stepDir = (cluster, stepId) => `${LOG_PREFIX}${cluster}/steps/${stepId}/`;
const containerDir = (cluster, app, container) => `${LOG_PREFIX}${cluster}/containers/${app}/${container}/`;
const stepLogs = (cluster, stepId, { controller, stderr, syslog = '', stdout = '' }) => ({
  [`${stepDir(cluster, stepId)}controller.gz`]: controller,
  [`${stepDir(cluster, stepId)}stderr.gz`]: stderr,
  [`${stepDir(cluster, stepId)}syslog.gz`]: syslog,
  [`${stepDir(cluster, stepId)}stdout.gz`]: stdout,
});

const CORE_HOSTS = [
  'ip-10-0-2-31.ec2.internal',
  'ip-10-0-2-57.ec2.internal',
  'ip-10-0-2-88.ec2.internal',
  'ip-10-0-2-104.ec2.internal',
];

const scenarios = {
  /** An executor SIGKILLed (137) under memory pressure; FailureDetails and the step's own logs say nothing useful. */
  'emr-executor-137'() {
    const cluster = 'j-2QX7PZ0K4M1B8';
    const stepId = 's-1Q2W3E4R5T6Y7';
    const rmStart = '2026-11-20T02:48:40Z';
    const app = appId(rmStart, 3);
    const start = '2026-11-20T03:05:02Z';
    const end = '2026-11-20T03:41:30Z';
    const am = containerId(app, 1, 1);
    const amHost = CORE_HOSTS[0];
    const args = [
      'spark-submit',
      '--deploy-mode',
      'cluster',
      '--conf',
      'spark.executor.memory=18g',
      '--conf',
      'spark.executor.cores=5',
      's3://acme-analytics-code/jobs/sessionize.py',
      '--date',
      '2026-11-19',
    ];
    // Executors 1-8 run in containers 2-9; each one lost is replaced (container 10 = executor 9, ...).
    const killed = [
      { n: 4, e: 3, host: CORE_HOSTS[1], time: '2026-11-20T03:38:51Z', tid: 733, attempt: 0 },
      { n: 7, e: 6, host: CORE_HOSTS[2], time: '2026-11-20T03:39:58Z', tid: 861, attempt: 1 },
      { n: 10, e: 9, host: CORE_HOSTS[1], time: '2026-11-20T03:40:37Z', tid: 944, attempt: 2 },
      { n: 11, e: 10, host: CORE_HOSTS[2], time: '2026-11-20T03:41:11Z', tid: 1021, attempt: 3 },
    ];
    const driver = driverPreamble({
      app,
      start: at(start, 12),
      host: amHost,
      appName: 'sessionize',
      executors: 8,
      executorMemory: 18432,
      executorCores: 5,
      coreHosts: CORE_HOSTS.slice(1),
    });
    driver.push(
      ...routineTasks({
        start: at(start, 40),
        seconds: 900,
        stage: 2,
        tasks: 160,
        hosts: CORE_HOSTS.slice(1),
        executors: 8,
        seed: 7,
        tidBase: 200,
      }),
    );
    driver.push(
      `${spark(at(start, 980))} INFO DAGScheduler: ShuffleMapStage 2 (groupBy at NativeMethodAccessorImpl.java:0) finished in 940.112 s`,
    );
    driver.push(
      `${spark(at(start, 981))} INFO DAGScheduler: Submitting ShuffleMapStage 4 (MapPartitionsRDD[41] at save at NativeMethodAccessorImpl.java:0), which has no missing parents`,
    );
    driver.push(
      ...routineTasks({
        start: at(start, 990),
        seconds: 1000,
        stage: 4,
        tasks: 41,
        hosts: CORE_HOSTS.slice(1),
        executors: 8,
        seed: 11,
        tidBase: 690,
      }),
    );
    killed.forEach((k, i) => {
      const c = containerId(app, 1, k.n);
      const when = new Date(k.time);
      const diag = `[${nm(when)}]Container killed on request. Exit code is 137\n[${nm(when)}]Container exited with a non-zero exit code 137. \n[${nm(at(k.time, 0.001))}]Killed by external signal\n.`;
      driver.push(
        `${spark(at(k.time, -20))} INFO TaskSetManager: Starting task 41.${k.attempt} in stage 4.0 (TID ${k.tid}) (${k.host}, executor ${k.e}, partition 41, NODE_LOCAL, 7862 bytes) `,
      );
      driver.push(
        `${spark(when)} WARN YarnAllocator: Container from a bad node: ${c} on host: ${k.host}. Exit status: 137. Diagnostics: ${diag}`,
      );
      driver.push(
        `${spark(when)} ERROR YarnClusterScheduler: Lost executor ${k.e} on ${k.host}: Container from a bad node: ${c} on host: ${k.host}. Exit status: 137. Diagnostics: ${diag}`,
      );
      driver.push(
        `${spark(when)} WARN TaskSetManager: Lost task 41.${k.attempt} in stage 4.0 (TID ${k.tid}) (${k.host} executor ${k.e}): ExecutorLostFailure (executor ${k.e} exited caused by one of the running tasks) Reason: Container from a bad node: ${c} on host: ${k.host}. Exit status: 137. Diagnostics: ${diag}`,
      );
      driver.push(`${spark(when)} INFO DAGScheduler: Executor lost: ${k.e} (epoch ${3 + i})`);
      driver.push(
        `${spark(when)} INFO BlockManagerMasterEndpoint: Trying to remove executor ${k.e} from BlockManagerMaster.`,
      );
      if (i < killed.length - 1) {
        const host = CORE_HOSTS[1 + (i % 2)];
        driver.push(
          `${spark(at(k.time, 3))} INFO YarnAllocator: Launching container ${containerId(app, 1, 10 + i)} on host ${host} for executor with ID ${9 + i} for ResourceProfile Id 0`,
        );
      }
    });
    const last = killed[killed.length - 1];
    const lastC = containerId(app, 1, last.n);
    const abort = `Job aborted due to stage failure: Task 41 in stage 4.0 failed 4 times, most recent failure: Lost task 41.3 in stage 4.0 (TID ${last.tid}) (${last.host} executor ${last.e}): ExecutorLostFailure (executor ${last.e} exited caused by one of the running tasks) Reason: Container from a bad node: ${lastC} on host: ${last.host}. Exit status: 137. Diagnostics: [${nm(new Date(last.time))}]Container killed on request. Exit code is 137`;
    driver.push(
      `${spark(at(last.time, 1))} ERROR TaskSetManager: Task 41 in stage 4.0 failed 4 times; aborting job`,
      `${spark(at(last.time, 1))} INFO YarnClusterScheduler: Cancelling stage 4`,
      `${spark(at(last.time, 1))} INFO YarnClusterScheduler: Killing all running tasks in stage 4: Stage cancelled`,
      `${spark(at(last.time, 1))} INFO DAGScheduler: ShuffleMapStage 4 (save at NativeMethodAccessorImpl.java:0) failed in 1029.334 s due to ${abort}`,
      `${spark(at(last.time, 1))} INFO DAGScheduler: Job 2 failed: save at NativeMethodAccessorImpl.java:0, took 1960.417 s`,
      `2026-11-20 03:41:12,884 ERROR sessionize: write of 2026-11-19 failed: An error occurred while calling o187.save.`,
      `: org.apache.spark.SparkException: ${abort}`,
      'Driver stacktrace:',
      '\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2785)',
      '\tat org.apache.spark.scheduler.DAGScheduler.$anonfun$abortStage$2(DAGScheduler.scala:2721)',
      '\tat org.apache.spark.scheduler.DAGScheduler.abortStage(DAGScheduler.scala:2720)',
      `${spark(at(last.time, 2))} INFO ApplicationMaster: Final app status: FAILED, exitCode: 1, (reason: User application exited with status 1)`,
      `${spark(at(last.time, 2))} INFO SparkContext: Invoking stop() from shutdown hook`,
      `${spark(at(last.time, 3))} INFO YarnClusterSchedulerBackend: Shutting down all executors`,
      `${spark(at(last.time, 4))} INFO ApplicationMaster: Unregistering ApplicationMaster with FAILED (diag message: User application exited with status 1)`,
      `${spark(at(last.time, 4))} INFO ShutdownHookManager: Shutdown hook called`,
    );
    const gc = (s, heap) =>
      `2026-11-20T03:${pad(Math.floor(s / 60))}:${pad(s % 60)}.113+0000: [Full GC (Ergonomics) [PSYoungGen: 4718592K->4718590K(5505024K)] [ParOldGen: ${heap}K->${heap - 2}K(11010048K)] ${heap + 4718592}K->${heap + 4718588}K(16515072K), [Metaspace: 98765K->98765K(1138688K)], 9.8712345 secs] [Times: user=70.12 sys=0.42, real=9.87 secs] `;
    const objects = {
      ...stepLogs(cluster, stepId, {
        controller: controllerLog({
          stepId,
          stepNumber: 3,
          start,
          end,
          command: args.join(' '),
          exitCode: 1,
        }),
        stderr: submitLog({
          app,
          start: at(start, 2),
          running: at(start, 14),
          end: at(end, -3),
          resource: 's3://acme-analytics-code/jobs/sessionize.py',
          finalState: 'FINISHED',
          diagnostics: 'User application exited with status 1',
          amHost,
        }),
        syslog: `${isoOf(at(start, 1))} INFO org.apache.hadoop.conf.Configuration.deprecation (main): mapred.job.id is deprecated. Instead, use mapreduce.job.id\n`,
      }),
      [`${containerDir(cluster, app, am)}stderr.gz`]: driver.join('\n') + '\n',
      [`${containerDir(cluster, app, am)}stdout.gz`]:
        '2026-11-20 03:05:16,020 INFO sessionize: sessionizing clickstream for 2026-11-19\n2026-11-20 03:41:12,884 ERROR sessionize: exiting with status 1\n',
    };
    for (let n = 2; n <= 12; n++) {
      const c = containerId(app, 1, n);
      const k = killed.find((x) => x.n === n);
      const host = k?.host ?? (n >= 10 ? CORE_HOSTS[1 + ((n - 10) % 2)] : CORE_HOSTS[1 + ((n - 2) % 3)]);
      const pressure = k
        ? [
            `${spark(at(k.time, -60))} INFO UnsafeExternalSorter: Thread 62 spilling sort data of 3.1 GiB to disk (2  times so far)`,
            `${spark(at(k.time, -41))} WARN TaskMemoryManager: Failed to allocate a page (67108864 bytes), try again.`,
            `${spark(at(k.time, -30))} INFO UnsafeExternalSorter: Thread 62 spilling sort data of 3.3 GiB to disk (3  times so far)`,
            `${spark(at(k.time, -12))} WARN TaskMemoryManager: Failed to allocate a page (67108864 bytes), try again.`,
          ]
        : [];
      objects[`${containerDir(cluster, app, c)}stderr.gz`] = executorLog({
        app,
        start: at(start, 22),
        host,
        executorId: n - 1,
        seed: n,
        extra: pressure,
      });
      if (k) {
        const s = (t(k.time) - t('2026-11-20T03:00:00Z')) / 1000;
        objects[`${containerDir(cluster, app, c)}stdout.gz`] =
          [gc(s - 50, 11010040), gc(s - 38, 11010046), gc(s - 26, 11010047), gc(s - 14, 11010048)].join(
            '\n',
          ) + '\n';
      } else {
        objects[`${containerDir(cluster, app, c)}stdout.gz`] = '';
      }
    }
    // Another application of an earlier step, which must not be read.
    objects[`${containerDir(cluster, appId(rmStart, 2), containerId(appId(rmStart, 2), 1, 1))}stderr.gz`] =
      'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n';
    return {
      scenario: {
        description:
          'EMR 6.15 PySpark step: executors SIGKILLed (exit 137) under memory pressure; no FailureDetails, the cause is only in the container logs',
        region: REGION,
        account: ACCOUNT,
        target: { kind: 'emr-step', clusterId: cluster, stepId },
        expect: { outcome: 'problem', top: 'container-killed-137', also: ['executor-lost'] },
      },
      calls: [
        describeCluster({
          id: cluster,
          name: 'sessionize-nightly',
          release: 'emr-6.15.0',
          start: '2026-11-20T02:40:11Z',
          apps: SPARK_APPS('3.4.1'),
        }),
        {
          service: 'emr',
          operation: 'DescribeStep',
          input: { ClusterId: cluster, StepId: stepId },
          output: {
            Step: step({
              id: stepId,
              name: 'sessionize clickstream',
              args,
              created: '2026-11-20T03:04:50Z',
              start,
              end,
            }),
          },
        },
        {
          service: 'emr',
          operation: 'ListInstanceGroups',
          input: { ClusterId: cluster },
          output: {
            InstanceGroups: [
              instanceGroup({
                id: 'ig-1MASTER7Q2W3',
                name: 'Primary',
                type: 'MASTER',
                market: 'ON_DEMAND',
                instanceType: 'm5.xlarge',
                count: 1,
                start: '2026-11-20T02:40:11Z',
              }),
              instanceGroup({
                id: 'ig-2CORE8E4R5T',
                name: 'Core',
                type: 'CORE',
                market: 'ON_DEMAND',
                instanceType: 'r5.2xlarge',
                count: 3,
                start: '2026-11-20T02:40:11Z',
              }),
            ],
          },
        },
        {
          service: 'emr',
          operation: 'ListInstances',
          input: { ClusterId: cluster, InstanceStates: ['TERMINATED'] },
          output: { Instances: [] },
        },
      ],
      objects,
    };
  },
  /** YARN kills executors for going over their physical memory limit (exit -104/143): memory overhead, not heap. */
  'emr-yarn-overhead'() {
    const cluster = 'j-3HF8LD2M0QZ7C';
    const stepId = 's-2ZK3P9QW8M4RT';
    const rmStart = '2026-11-20T04:21:07Z';
    const app = appId(rmStart, 12);
    const start = '2026-11-20T04:40:15Z';
    const end = '2026-11-20T05:14:02Z';
    const hosts = [
      'ip-10-0-4-19.ec2.internal',
      'ip-10-0-4-33.ec2.internal',
      'ip-10-0-4-47.ec2.internal',
      'ip-10-0-4-60.ec2.internal',
    ];
    const amHost = 'ip-10-0-4-60.ec2.internal';
    const args = [
      'spark-submit',
      '--deploy-mode',
      'cluster',
      '--class',
      'com.acme.orders.Enrich',
      '--conf',
      'spark.executor.memory=12g',
      '--conf',
      'spark.executor.cores=4',
      's3://acme-jars/orders-enrich-2.4.1.jar',
      '--day',
      '2026-11-19',
    ];
    const kills = [
      {
        n: 6,
        e: 5,
        host: hosts[0],
        time: '2026-11-20T05:09:44Z',
        tid: 4410,
        attempt: 0,
        used: '13.6 GB',
        vmem: '16.1 GB',
      },
      {
        n: 11,
        e: 9,
        host: hosts[1],
        time: '2026-11-20T05:11:02Z',
        tid: 4455,
        attempt: 1,
        used: '13.4 GB',
        vmem: '15.9 GB',
      },
      {
        n: 12,
        e: 10,
        host: hosts[2],
        time: '2026-11-20T05:12:19Z',
        tid: 4487,
        attempt: 2,
        used: '13.7 GB',
        vmem: '16.3 GB',
      },
      {
        n: 13,
        e: 11,
        host: hosts[1],
        time: '2026-11-20T05:13:31Z',
        tid: 4512,
        attempt: 3,
        used: '13.5 GB',
        vmem: '16.0 GB',
      },
    ];
    const message = (k) =>
      `Container killed by YARN for exceeding physical memory limits.  ${k.used} of 13.2 GB physical memory used. Consider boosting spark.executor.memoryOverhead.`;
    const driver = driverPreamble({
      app,
      start: at(start, 11),
      host: amHost,
      appName: 'orders-enrich',
      executors: 8,
      executorMemory: 13517,
      executorCores: 4,
      coreHosts: hosts,
    });
    driver.push(
      ...routineTasks({
        start: at(start, 40),
        seconds: 1200,
        stage: 9,
        tasks: 200,
        hosts,
        executors: 8,
        seed: 3,
        tidBase: 3900,
      }),
    );
    driver.push(
      `${spark(at(start, 1700))} INFO DAGScheduler: Submitting ShuffleMapStage 12 (MapPartitionsRDD[77] at parquet at Enrich.scala:142), which has no missing parents`,
    );
    driver.push(
      ...routineTasks({
        start: at(start, 1705),
        seconds: 60,
        stage: 12,
        tasks: 7,
        hosts,
        executors: 8,
        seed: 5,
        tidBase: 4400,
      }),
    );
    kills.forEach((k, i) => {
      const c = containerId(app, 1, k.n);
      const when = new Date(k.time);
      driver.push(
        `${spark(at(k.time, -95))} INFO TaskSetManager: Starting task 7.${k.attempt} in stage 12.0 (TID ${k.tid}) (${k.host}, executor ${k.e}, partition 7, NODE_LOCAL, 8120 bytes) `,
      );
      driver.push(
        `${spark(when)} WARN YarnAllocator: Container marked as failed: ${c} on host: ${k.host}. Exit status: -104. Diagnostics: [${nm(when)}]Container [pid=3133${i},containerID=${c}] is running 429916160B beyond the 'PHYSICAL' memory limit. Current usage: ${k.used} of 13.2 GB physical memory used; ${k.vmem} of 66 GB virtual memory used. Killing container.`,
        `Dump of the process-tree for ${c} :`,
        '\t|- PID PPID PGRPID SESSID CMD_NAME USER_MODE_TIME(MILLIS) SYSTEM_TIME(MILLIS) VMEM_USAGE(BYTES) RSSMEM_USAGE(PAGES) FULL_CMD_LINE',
        `\t|- 3133${i} 3133${i - 2 < 0 ? 9 : i - 2} 3133${i} 3133${i} (java) 912345 20112 17287286784 3565158 /usr/lib/jvm/jre-17/bin/java -server -Xmx12288m -XX:+IgnoreUnrecognizedVMOptions -XX:OnOutOfMemoryError=kill -9 %p -Djava.io.tmpdir=/mnt/yarn/usercache/hadoop/appcache/${app}/${c}/tmp -Dspark.driver.port=39627 org.apache.spark.executor.YarnCoarseGrainedExecutorBackend --driver-url spark://CoarseGrainedScheduler@${amHost}:39627 --executor-id ${k.e} --hostname ${k.host} --cores 4 --app-id ${app} --resourceProfileId 0`,
        `\t|- 3132${i} 3131${i} 3132${i} 3132${i} (bash) 0 0 119140352 744 /bin/bash -c /usr/lib/jvm/jre-17/bin/java -server -Xmx12288m ... 1>/var/log/hadoop-yarn/containers/${app}/${c}/stdout 2>/var/log/hadoop-yarn/containers/${app}/${c}/stderr`,
        '',
        `[${nm(when)}]Container killed on request. Exit code is 143`,
        `[${nm(when)}]Container exited with a non-zero exit code 143. `,
        '.',
        `${spark(when)} WARN YarnAllocator: ${message(k)}`,
        `${spark(when)} ERROR YarnClusterScheduler: Lost executor ${k.e} on ${k.host}: ${message(k)}`,
        `${spark(when)} WARN TaskSetManager: Lost task 7.${k.attempt} in stage 12.0 (TID ${k.tid}) (${k.host} executor ${k.e}): ExecutorLostFailure (executor ${k.e} exited caused by one of the running tasks) Reason: ${message(k)}`,
        `${spark(when)} INFO DAGScheduler: Executor lost: ${k.e} (epoch ${6 + i})`,
      );
      if (i < kills.length - 1) {
        driver.push(
          `${spark(at(k.time, 4))} INFO YarnAllocator: Launching container ${containerId(app, 1, kills[i + 1].n)} on host ${kills[i + 1].host} for executor with ID ${kills[i + 1].e} for ResourceProfile Id 0`,
        );
      }
    });
    const last = kills[kills.length - 1];
    const abort = `Job aborted due to stage failure: Task 7 in stage 12.0 failed 4 times, most recent failure: Lost task 7.3 in stage 12.0 (TID ${last.tid}) (${last.host} executor ${last.e}): ExecutorLostFailure (executor ${last.e} exited caused by one of the running tasks) Reason: ${message(last)}`;
    driver.push(
      `${spark(at(last.time, 1))} ERROR TaskSetManager: Task 7 in stage 12.0 failed 4 times; aborting job`,
      `${spark(at(last.time, 1))} INFO DAGScheduler: Job 5 failed: parquet at Enrich.scala:142, took 325.117 s`,
      `${spark(at(last.time, 1))} ERROR ApplicationMaster: User class threw exception: org.apache.spark.SparkException: ${abort}`,
      'org.apache.spark.SparkException: ' + abort,
      'Driver stacktrace:',
      '\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2844)',
      '\tat org.apache.spark.scheduler.DAGScheduler.$anonfun$abortStage$2(DAGScheduler.scala:2780)',
      '\tat com.acme.orders.Enrich$.main(Enrich.scala:142)',
      '\tat com.acme.orders.Enrich.main(Enrich.scala)',
      `${spark(at(last.time, 1))} INFO ApplicationMaster: Final app status: FAILED, exitCode: 15, (reason: User class threw exception: org.apache.spark.SparkException: ${abort})`,
      `${spark(at(last.time, 2))} INFO SparkContext: Invoking stop() from shutdown hook`,
      `${spark(at(last.time, 3))} INFO ApplicationMaster: Unregistering ApplicationMaster with FAILED (diag message: User class threw exception: org.apache.spark.SparkException: Job aborted due to stage failure: Task 7 in stage 12.0 failed 4 times)`,
    );
    const objects = {
      ...stepLogs(cluster, stepId, {
        controller: controllerLog({
          stepId,
          stepNumber: 2,
          start,
          end,
          command: args.join(' '),
          exitCode: 1,
        }),
        stderr: submitLog({
          app,
          start: at(start, 2),
          running: at(start, 13),
          end: at(end, -4),
          resource: 's3://acme-jars/orders-enrich-2.4.1.jar',
          finalState: 'FINISHED',
          diagnostics: `User class threw exception: org.apache.spark.SparkException: ${abort}`,
          amHost,
        }),
      }),
      [`${containerDir(cluster, app, containerId(app, 1, 1))}stderr.gz`]: driver.join('\n') + '\n',
      [`${containerDir(cluster, app, containerId(app, 1, 1))}stdout.gz`]: '',
    };
    for (let n = 2; n <= 13; n++) {
      const k = kills.find((x) => x.n === n);
      const host = k?.host ?? hosts[(n - 2) % hosts.length];
      const term = k
        ? [
            `${spark(new Date(k.time))} ERROR CoarseGrainedExecutorBackend: RECEIVED SIGNAL TERM`,
            `${spark(new Date(k.time))} INFO DiskBlockManager: Shutdown hook called`,
            `${spark(new Date(k.time))} INFO ShutdownHookManager: Shutdown hook called`,
          ]
        : [];
      objects[`${containerDir(cluster, app, containerId(app, 1, n))}stderr.gz`] = executorLog({
        app,
        start: at(start, 20),
        host,
        executorId: n - 1,
        seed: 100 + n,
        extra: term,
      });
      objects[`${containerDir(cluster, app, containerId(app, 1, n))}stdout.gz`] = '';
    }
    const fleet = (id, name, type, onDemand, spot, types) => ({
      Id: id,
      Name: name,
      Status: {
        State: 'RUNNING',
        StateChangeReason: { Message: '' },
        Timeline: { CreationDateTime: '2026-11-20T04:12:40Z', ReadyDateTime: '2026-11-20T04:20:51Z' },
      },
      InstanceFleetType: type,
      TargetOnDemandCapacity: onDemand,
      TargetSpotCapacity: spot,
      ProvisionedOnDemandCapacity: onDemand,
      ProvisionedSpotCapacity: spot,
      InstanceTypeSpecifications: types.map((InstanceType) => ({
        InstanceType,
        WeightedCapacity: 1,
        BidPriceAsPercentageOfOnDemandPrice: 100,
        EbsOptimized: true,
      })),
      ...(spot > 0
        ? {
            LaunchSpecifications: {
              SpotSpecification: {
                TimeoutDurationMinutes: 20,
                TimeoutAction: 'SWITCH_TO_ON_DEMAND',
                AllocationStrategy: 'capacity-optimized',
              },
            },
          }
        : {}),
    });
    const failure = {
      Reason: 'Unknown Error.',
      Message: `Exception in thread "main" org.apache.spark.SparkException: Application ${app} finished with failed status`,
      LogFile: `s3://${LOG_BUCKET}/${stepDir(cluster, stepId)}stderr.gz`,
    };
    return {
      scenario: {
        description:
          'EMR 7.1 instance-fleet cluster: YARN kills executors for exceeding physical memory (overhead), exit -104/143; step found as the newest failed step',
        region: REGION,
        account: ACCOUNT,
        target: { kind: 'emr-step', clusterId: cluster },
        expect: { outcome: 'problem', top: 'yarn-memory-overhead', also: ['executor-lost'] },
      },
      calls: [
        describeCluster({
          id: cluster,
          name: 'orders-enrichment',
          release: 'emr-7.1.0',
          start: '2026-11-20T04:12:40Z',
          collection: 'INSTANCE_FLEET',
          apps: SPARK_APPS('3.5.0'),
        }),
        {
          service: 'emr',
          operation: 'ListSteps',
          input: { ClusterId: cluster, StepStates: ['FAILED'] },
          output: {
            Steps: [
              step({
                id: stepId,
                name: 'enrich orders',
                args,
                failure,
                created: '2026-11-20T04:40:01Z',
                start,
                end,
              }),
              step({
                id: 's-0OLDERFAIL1Q2',
                name: 'enrich orders (yesterday)',
                args,
                failure: { Reason: 'Unknown Error.' },
                created: '2026-11-19T04:40:01Z',
                start: '2026-11-19T04:40:15Z',
                end: '2026-11-19T05:02:11Z',
              }),
            ],
          },
        },
        {
          service: 'emr',
          operation: 'ListInstanceFleets',
          input: { ClusterId: cluster },
          output: {
            InstanceFleets: [
              fleet('if-1PRIMARY7Q2W', 'Primary', 'MASTER', 1, 0, ['m5.xlarge']),
              fleet('if-2CORE8E4R5TY', 'Core', 'CORE', 4, 0, ['r5.4xlarge', 'r5a.4xlarge']),
              fleet('if-3TASK9T6Y7UI', 'Task', 'TASK', 0, 4, ['r5.4xlarge', 'r5a.4xlarge', 'r6i.4xlarge']),
            ],
          },
        },
        {
          service: 'emr',
          operation: 'ListInstances',
          input: { ClusterId: cluster, InstanceStates: ['TERMINATED'] },
          output: { Instances: [] },
        },
      ],
      objects,
    };
  },

  /** Spot task nodes reclaimed mid-stage: executors lost with their nodes (-100), FetchFailed; no memory trouble at all. */
  'emr-spot-reclaimed'() {
    const cluster = 'j-1SPT7RCL4IM9D';
    const stepId = 's-3KX8SPT2RC9LM';
    const rmStart = '2026-11-20T02:47:55Z';
    const app = appId(rmStart, 21);
    const start = '2026-11-20T03:05:02Z';
    const end = '2026-11-20T03:44:18Z';
    const core = ['ip-10-0-2-31.ec2.internal', 'ip-10-0-2-57.ec2.internal'];
    const task = [
      'ip-10-0-3-41.ec2.internal',
      'ip-10-0-3-63.ec2.internal',
      'ip-10-0-3-78.ec2.internal',
      'ip-10-0-3-95.ec2.internal',
      'ip-10-0-3-107.ec2.internal',
      'ip-10-0-3-120.ec2.internal',
    ];
    const hosts = [core[1], ...task];
    const amHost = core[0];
    const args = [
      'spark-submit',
      '--deploy-mode',
      'cluster',
      '--class',
      'com.acme.clicks.ClickstreamHourly',
      's3://acme-jars/clickstream-hourly-3.2.0.jar',
      '--hour',
      '2026-11-20T02',
    ];
    // Executor i+1 runs in container i+2 on hosts[i % hosts.length]; the lost ones are on reclaimed task nodes.
    const lost = [
      { e: 2, host: task[0], time: '2026-11-20T03:27:46Z', epoch: 4 },
      { e: 9, host: task[0], time: '2026-11-20T03:27:46Z', epoch: 4 },
      { e: 3, host: task[1], time: '2026-11-20T03:27:53Z', epoch: 5 },
      { e: 4, host: task[2], time: '2026-11-20T03:28:07Z', epoch: 6 },
      { e: 5, host: task[3], time: '2026-11-20T03:38:02Z', epoch: 9 },
      { e: 6, host: task[4], time: '2026-11-20T03:38:15Z', epoch: 10 },
    ];
    const driver = driverPreamble({
      app,
      start: at(start, 11),
      host: amHost,
      appName: 'ClickstreamHourly',
      executors: 14,
      executorMemory: 9011,
      executorCores: 4,
      coreHosts: hosts,
    });
    driver.push(
      ...routineTasks({
        start: at(start, 40),
        seconds: 1300,
        stage: 6,
        tasks: 180,
        hosts,
        executors: 14,
        seed: 21,
        tidBase: 1200,
      }),
    );
    const lostLines = (l) => {
      const c = containerId(app, 1, l.e + 1);
      const why = `Container marked as failed: ${c} on host: ${l.host}. Exit status: -100. Diagnostics: Container released on a *lost* node.`;
      return [
        `${spark(new Date(l.time))} WARN YarnAllocator: ${why}`,
        `${spark(new Date(l.time))} ERROR YarnClusterScheduler: Lost executor ${l.e} on ${l.host}: ${why}`,
        `${spark(new Date(l.time))} WARN TaskSetManager: Lost task ${80 + l.e}.0 in stage 6.0 (TID ${1390 + l.e}) (${l.host} executor ${l.e}): ExecutorLostFailure (executor ${l.e} exited unrelated to the running tasks) Reason: ${why}`,
        `${spark(new Date(l.time))} INFO DAGScheduler: Executor lost: ${l.e} (epoch ${l.epoch})`,
        `${spark(new Date(l.time))} INFO BlockManagerMasterEndpoint: Trying to remove executor ${l.e} from BlockManagerMaster.`,
        `${spark(new Date(l.time))} INFO BlockManagerMasterEndpoint: Removing block manager BlockManagerId(${l.e}, ${l.host}, 36411, None)`,
        `${spark(new Date(l.time))} INFO DAGScheduler: Shuffle files lost for host: ${l.host} (epoch ${l.epoch})`,
      ];
    };
    const fetchFailed = (when, stageAttempt, tid, from, e) => [
      `${spark(new Date(when))} WARN TaskSetManager: Lost task 12.0 in stage 7.${stageAttempt} (TID ${tid}) (${core[1]} executor 1): FetchFailed(BlockManagerId(${e}, ${from}, 7337, None), shuffleId=3, mapIndex=112, mapId=${1300 + e}, reduceId=12, message=`,
      `org.apache.spark.shuffle.FetchFailedException: Failed to connect to ${from}/10.0.3.${from.split('-')[4].split('.')[0]}:7337`,
      '\tat org.apache.spark.errors.SparkCoreErrors$.fetchFailedError(SparkCoreErrors.scala:437)',
      '\tat org.apache.spark.storage.ShuffleBlockFetcherIterator.throwFetchFailedException(ShuffleBlockFetcherIterator.scala:1232)',
      '\tat org.apache.spark.storage.ShuffleBlockFetcherIterator.next(ShuffleBlockFetcherIterator.scala:971)',
      '\tat org.apache.spark.executor.Executor$TaskRunner.run(Executor.scala:568)',
      '\tat java.lang.Thread.run(Thread.java:750)',
      ')',
      `${spark(new Date(when))} INFO DAGScheduler: Marking ResultStage 7 (parquet at ClickstreamHourly.scala:88) as failed due to a fetch failure from ShuffleMapStage 6 (map at ClickstreamHourly.scala:71)`,
      `${spark(new Date(when))} INFO DAGScheduler: Resubmitting ShuffleMapStage 6 (map at ClickstreamHourly.scala:71) and ResultStage 7 (parquet at ClickstreamHourly.scala:88) due to fetch failure`,
    ];
    for (const l of lost.slice(0, 4)) driver.push(...lostLines(l));
    driver.push(
      `${spark(at('2026-11-20T03:28:10Z', 0))} INFO YarnAllocator: Will request 4 executor container(s) for  ResourceProfile Id: 0, each with 4 core(s) and 9011 MB memory.`,
    );
    driver.push(...fetchFailed('2026-11-20T03:31:12Z', 0, 1530, task[1], 3));
    driver.push(
      ...routineTasks({
        start: at('2026-11-20T03:31:20Z', 0),
        seconds: 380,
        stage: 6,
        tasks: 24,
        hosts: [core[1], task[3], task[4], task[5]],
        executors: 4,
        seed: 22,
        tidBase: 1600,
      }),
    );
    driver.push(...fetchFailed('2026-11-20T03:36:40Z', 1, 1702, task[2], 4));
    for (const l of lost.slice(4)) driver.push(...lostLines(l));
    driver.push(...fetchFailed('2026-11-20T03:39:05Z', 2, 1766, task[3], 5));
    driver.push(...fetchFailed('2026-11-20T03:44:06Z', 3, 1831, task[4], 6));
    const abort =
      'Job aborted due to stage failure: ResultStage 7 (parquet at ClickstreamHourly.scala:88) has failed the maximum allowable number of times: 4. Most recent failure reason:';
    driver.push(
      `${spark(at('2026-11-20T03:44:08Z', 0))} INFO DAGScheduler: Job 3 failed: parquet at ClickstreamHourly.scala:88, took 2280.114 s`,
      `${spark(at('2026-11-20T03:44:08Z', 0))} ERROR ApplicationMaster: User class threw exception: org.apache.spark.SparkException: ${abort}`,
      'org.apache.spark.shuffle.MetadataFetchFailedException: Missing an output location for shuffle 3 partition 12',
      '\tat org.apache.spark.MapOutputTracker$.validateStatus(MapOutputTracker.scala:1701)',
      '\tat org.apache.spark.MapOutputTracker$.$anonfun$convertMapStatuses$11(MapOutputTracker.scala:1648)',
      '\tat com.acme.clicks.ClickstreamHourly$.main(ClickstreamHourly.scala:88)',
      `${spark(at('2026-11-20T03:44:08Z', 0))} INFO ApplicationMaster: Final app status: FAILED, exitCode: 15, (reason: User class threw exception: org.apache.spark.SparkException: ${abort}`,
      'org.apache.spark.shuffle.MetadataFetchFailedException: Missing an output location for shuffle 3 partition 12',
      ')',
      `${spark(at('2026-11-20T03:44:09Z', 0))} INFO SparkContext: Invoking stop() from shutdown hook`,
      `${spark(at('2026-11-20T03:44:10Z', 0))} INFO ApplicationMaster: Unregistering ApplicationMaster with FAILED (diag message: User class threw exception: org.apache.spark.SparkException: ${abort})`,
    );
    const objects = {
      ...stepLogs(cluster, stepId, {
        controller: controllerLog({
          stepId,
          stepNumber: 4,
          start,
          end,
          command: args.join(' '),
          exitCode: 1,
        }),
        stderr: submitLog({
          app,
          start: at(start, 2),
          running: at(start, 13),
          end: at(end, -6),
          resource: 's3://acme-jars/clickstream-hourly-3.2.0.jar',
          finalState: 'FINISHED',
          diagnostics: `User class threw exception: org.apache.spark.SparkException: ${abort}\norg.apache.spark.shuffle.MetadataFetchFailedException: Missing an output location for shuffle 3 partition 12`,
          amHost,
        }),
      }),
      [`${containerDir(cluster, app, containerId(app, 1, 1))}stderr.gz`]: driver.join('\n') + '\n',
      [`${containerDir(cluster, app, containerId(app, 1, 1))}stdout.gz`]: '',
    };
    for (let e = 1; e <= 14; e++) {
      const host = hosts[(e - 1) % hosts.length];
      const gone = lost.find((l) => l.e === e);
      // A reclaimed node's last logs reached S3 only if the log pusher ran before the node went: most did not.
      if (gone && e !== 3) continue;
      const c = containerId(app, 1, e + 1);
      const extra =
        e === 1
          ? [
              `${spark(at('2026-11-20T03:31:12Z', -2))} ERROR RetryingBlockTransferor: Exception while beginning fetch of 9 outstanding blocks `,
              `java.io.IOException: Failed to connect to ${task[1]}/10.0.3.63:7337`,
              '\tat org.apache.spark.network.client.TransportClientFactory.createClient(TransportClientFactory.java:288)',
              `${spark(at('2026-11-20T03:31:12Z', -1))} INFO RetryingBlockTransferor: Retrying fetch (1/3) for 9 outstanding blocks after 5000 ms`,
            ]
          : [];
      objects[`${containerDir(cluster, app, c)}stderr.gz`] = executorLog({
        app,
        start: at(start, 20),
        host,
        executorId: e,
        seed: 200 + e,
        extra,
      });
      objects[`${containerDir(cluster, app, c)}stdout.gz`] = '';
    }
    const ci = (n) => `ci-0${n}SPOTTASK${n}Q`;
    const reclaimed = (n, host, ended) =>
      terminatedInstance({
        id: ci(n),
        ec2: `i-0a${n}b${n}c3d4e5f60718${n}`,
        host,
        group: 'ig-3TASKSPOT9Z1',
        market: 'SPOT',
        type: 'm5.4xlarge',
        start: '2026-11-20T02:40:31Z',
        end: ended,
        code: 'INSTANCE_FAILURE',
        message:
          'Instance was terminated by Amazon EC2 because of a Spot interruption (capacity not available).',
      });
    return {
      scenario: {
        description:
          'EMR 6.15 step whose Spot task nodes were reclaimed mid-stage: lost executors (-100, *lost* node), FetchFailed, stage aborted; must not read as a memory kill',
        region: REGION,
        account: ACCOUNT,
        target: { kind: 'emr-step', clusterId: cluster, stepId },
        expect: { outcome: 'problem', top: 'executor-lost' },
      },
      calls: [
        describeCluster({
          id: cluster,
          name: 'clickstream-hourly',
          release: 'emr-6.15.0',
          start: '2026-11-20T02:40:31Z',
          apps: SPARK_APPS('3.4.1'),
        }),
        {
          service: 'emr',
          operation: 'DescribeStep',
          input: { ClusterId: cluster, StepId: stepId },
          output: {
            Step: step({
              id: stepId,
              name: 'clickstream hourly 2026-11-20T02',
              args,
              failure: {
                Reason: 'Unknown Error.',
                Message: `Exception in thread "main" org.apache.spark.SparkException: Application ${app} finished with failed status`,
                LogFile: `s3://${LOG_BUCKET}/${stepDir(cluster, stepId)}stderr.gz`,
              },
              created: '2026-11-20T03:04:58Z',
              start,
              end,
            }),
          },
        },
        {
          service: 'emr',
          operation: 'ListInstanceGroups',
          input: { ClusterId: cluster },
          output: {
            InstanceGroups: [
              instanceGroup({
                id: 'ig-1PRIMARY4K7M',
                name: 'Primary',
                type: 'MASTER',
                market: 'ON_DEMAND',
                instanceType: 'm5.xlarge',
                count: 1,
                start: '2026-11-20T02:40:31Z',
              }),
              instanceGroup({
                id: 'ig-2COREOD5N8P',
                name: 'Core',
                type: 'CORE',
                market: 'ON_DEMAND',
                instanceType: 'r5.2xlarge',
                count: 2,
                start: '2026-11-20T02:40:31Z',
              }),
              instanceGroup({
                id: 'ig-3TASKSPOT9Z1',
                name: 'Task - spot',
                type: 'TASK',
                market: 'SPOT',
                instanceType: 'm5.4xlarge',
                count: 6,
                start: '2026-11-20T02:40:31Z',
              }),
            ],
          },
        },
        {
          service: 'emr',
          operation: 'ListInstances',
          input: { ClusterId: cluster, InstanceStates: ['TERMINATED'] },
          output: {
            Instances: [
              terminatedInstance({
                id: ci(0),
                ec2: 'i-0a0b0c3d4e5f607180',
                host: 'ip-10-0-3-12.ec2.internal',
                group: 'ig-3TASKSPOT9Z1',
                market: 'SPOT',
                type: 'm5.4xlarge',
                start: '2026-11-20T02:40:31Z',
                end: '2026-11-20T02:58:40Z',
                code: 'INSTANCE_FAILURE',
                message:
                  'Instance was terminated by Amazon EC2 because of a Spot interruption (capacity not available).',
              }),
              reclaimed(1, task[0], '2026-11-20T03:27:44Z'),
              reclaimed(2, task[1], '2026-11-20T03:27:51Z'),
              reclaimed(3, task[2], '2026-11-20T03:28:05Z'),
            ],
            Marker: 'page-2',
          },
        },
        {
          service: 'emr',
          operation: 'ListInstances',
          input: { ClusterId: cluster, InstanceStates: ['TERMINATED'], Marker: 'page-2' },
          output: {
            Instances: [
              reclaimed(4, task[3], '2026-11-20T03:38:00Z'),
              reclaimed(5, task[4], '2026-11-20T03:38:13Z'),
            ],
          },
        },
      ],
      objects,
    };
  },

  /** The ApplicationMaster never starts: its JVM cannot find its main class (exit 1 at container launch, twice). */
  'emr-am-launch'() {
    const cluster = 'j-3AMLNCH7Q2WX5';
    const stepId = 's-1BLL9NV0C3S8Z';
    const rmStart = '2026-11-20T03:52:12Z';
    const app = appId(rmStart, 2);
    const start = '2026-11-20T04:01:40Z';
    const end = '2026-11-20T04:02:19Z';
    const args = [
      'spark-submit',
      '--deploy-mode',
      'cluster',
      '--conf',
      'spark.yarn.jars=local:/opt/acme/spark-jars/*',
      '--class',
      'com.acme.billing.Invoices',
      's3://acme-jars/billing-invoices-1.8.0.jar',
    ];
    const attempt = (n, when) => {
      const c = containerId(app, n, 1);
      return [
        `[${nm(new Date(when))}]Exception from container-launch.`,
        `Container id: ${c}`,
        'Exit code: 1',
        '',
        `[${nm(at(when, 0.002))}]Container exited with a non-zero exit code 1. Error file: prelaunch.err.`,
        'Last 4096 bytes of prelaunch.err :',
        'Last 4096 bytes of stderr :',
        'Error: Could not find or load main class org.apache.spark.deploy.yarn.ApplicationMaster',
        '',
        '',
        `[${nm(at(when, 0.003))}]Container exited with a non-zero exit code 1. Error file: prelaunch.err.`,
        'Last 4096 bytes of prelaunch.err :',
        'Last 4096 bytes of stderr :',
        'Error: Could not find or load main class org.apache.spark.deploy.yarn.ApplicationMaster',
        '',
        '',
        `For more detailed output, check the application tracking page: http://ip-10-0-1-17.ec2.internal:8088/cluster/app/${app} Then click on links to logs of each attempt.`,
      ];
    };
    const diagnostics = [
      `Application ${app} failed 2 times due to AM Container for appattempt_${app.replace('application_', '')}_000002 exited with  exitCode: 1`,
      `Failing this attempt.Diagnostics: ${attempt(2, '2026-11-20T04:02:11.532Z').join('\n')}`,
      '. Failing the application.',
    ].join('\n');
    const amStderr =
      'Error: Could not find or load main class org.apache.spark.deploy.yarn.ApplicationMaster\n';
    const objects = {
      ...stepLogs(cluster, stepId, {
        controller: controllerLog({
          stepId,
          stepNumber: 2,
          start,
          end,
          command: args.join(' '),
          exitCode: 1,
        }),
        stderr: submitLog({
          app,
          start: at(start, 2),
          end: at(end, -3),
          resource: 's3://acme-jars/billing-invoices-1.8.0.jar',
          finalState: 'FAILED',
          diagnostics,
          amHost: 'N/A',
          yarnJars: 'local:/opt/acme/spark-jars/*',
        }),
      }),
      [`${containerDir(cluster, app, containerId(app, 1, 1))}stderr.gz`]: amStderr,
      [`${containerDir(cluster, app, containerId(app, 1, 1))}stdout.gz`]: '',
      [`${containerDir(cluster, app, containerId(app, 1, 1))}prelaunch.err.gz`]: '',
      [`${containerDir(cluster, app, containerId(app, 2, 1))}stderr.gz`]: amStderr,
      [`${containerDir(cluster, app, containerId(app, 2, 1))}stdout.gz`]: '',
      [`${containerDir(cluster, app, containerId(app, 2, 1))}prelaunch.err.gz`]: '',
    };
    return {
      scenario: {
        description:
          'EMR 6.15 Spark step whose ApplicationMaster never launched: spark.yarn.jars points at a local path missing on the nodes, "Could not find or load main class", exit 1 on both attempts',
        region: REGION,
        account: ACCOUNT,
        target: { kind: 'emr-step', clusterId: cluster, stepId },
        expect: { outcome: 'problem', top: 'am-launch-failure' },
      },
      calls: [
        describeCluster({
          id: cluster,
          name: 'billing-batch',
          release: 'emr-6.15.0',
          start: '2026-11-20T03:44:02Z',
          apps: SPARK_APPS('3.4.1'),
        }),
        {
          service: 'emr',
          operation: 'DescribeStep',
          input: { ClusterId: cluster, StepId: stepId },
          output: {
            Step: step({
              id: stepId,
              name: 'billing invoices',
              args,
              failure: {
                Reason: 'Unknown Error.',
                Message: `Exception in thread "main" org.apache.spark.SparkException: Application ${app} finished with failed status`,
                LogFile: `s3://${LOG_BUCKET}/${stepDir(cluster, stepId)}stderr.gz`,
              },
              created: '2026-11-20T04:01:33Z',
              start,
              end,
            }),
          },
        },
        {
          service: 'emr',
          operation: 'ListInstanceGroups',
          input: { ClusterId: cluster },
          output: {
            InstanceGroups: [
              instanceGroup({
                id: 'ig-1PRIMARYB1LL',
                name: 'Primary',
                type: 'MASTER',
                market: 'ON_DEMAND',
                instanceType: 'm5.xlarge',
                count: 1,
                start: '2026-11-20T03:44:02Z',
              }),
              instanceGroup({
                id: 'ig-2COREB1LL22',
                name: 'Core',
                type: 'CORE',
                market: 'ON_DEMAND',
                instanceType: 'm5.2xlarge',
                count: 2,
                start: '2026-11-20T03:44:02Z',
              }),
            ],
          },
        },
        {
          service: 'emr',
          operation: 'ListInstances',
          input: { ClusterId: cluster, InstanceStates: ['TERMINATED'] },
          output: { Instances: [] },
        },
      ],
      objects,
    };
  },

  /** saveAsTextFile into a directory that exists: FileAlreadyExistsException; EMR's FailureDetails says so too. */
  'emr-output-exists'() {
    const cluster = 'j-2OUTX3S7K9Q1D';
    const stepId = 's-2DLY0RD3RS5XT';
    const rmStart = '2026-11-20T05:02:44Z';
    const app = appId(rmStart, 4);
    const start = '2026-11-20T05:20:05Z';
    const end = '2026-11-20T05:23:49Z';
    const out = 's3://acme-curated/daily-orders/dt=2026-11-19';
    const hosts = ['ip-10-0-5-22.ec2.internal', 'ip-10-0-5-38.ec2.internal'];
    const args = [
      'spark-submit',
      '--deploy-mode',
      'cluster',
      '--class',
      'com.acme.orders.DailyExport',
      's3://acme-jars/daily-export-1.3.0.jar',
      out,
    ];
    const exception = `org.apache.hadoop.mapred.FileAlreadyExistsException: Output directory ${out} already exists`;
    const frames = [
      '\tat org.apache.hadoop.mapred.FileOutputFormat.checkOutputSpecs(FileOutputFormat.java:131)',
      '\tat org.apache.spark.internal.io.HadoopMapRedWriteConfigUtil.assertConf(SparkHadoopWriter.scala:299)',
      '\tat org.apache.spark.internal.io.SparkHadoopWriter$.write(SparkHadoopWriter.scala:71)',
      '\tat org.apache.spark.rdd.PairRDDFunctions.$anonfun$saveAsHadoopDataset$1(PairRDDFunctions.scala:1091)',
      '\tat org.apache.spark.rdd.RDD.withScope(RDD.scala:407)',
      '\tat org.apache.spark.rdd.RDD.saveAsTextFile(RDD.scala:1593)',
      '\tat com.acme.orders.DailyExport$.main(DailyExport.scala:57)',
      '\tat com.acme.orders.DailyExport.main(DailyExport.scala)',
      '\tat java.lang.reflect.Method.invoke(Method.java:498)',
      '\tat org.apache.spark.deploy.yarn.ApplicationMaster$$anon$2.run(ApplicationMaster.scala:760)',
    ];
    const driver = driverPreamble({
      app,
      start: at(start, 10),
      host: hosts[0],
      appName: 'DailyExport',
      executors: 4,
      executorMemory: 9011,
      executorCores: 4,
      coreHosts: hosts,
    });
    driver.push(
      ...routineTasks({
        start: at(start, 30),
        seconds: 150,
        stage: 0,
        tasks: 40,
        hosts,
        executors: 4,
        seed: 41,
        tidBase: 0,
      }),
    );
    driver.push(
      `${spark(at(start, 215))} INFO DAGScheduler: Job 0 finished: count at DailyExport.scala:49, took 171.204 s`,
      `${spark(at(start, 216))} INFO DailyExport$: 18211904 orders for 2026-11-19, writing ${out}`,
      `${spark(at(start, 216))} INFO deprecation: mapred.output.dir is deprecated. Instead, use mapreduce.output.fileoutputformat.outputdir`,
      `${spark(at(start, 217))} ERROR ApplicationMaster: User class threw exception: ${exception}`,
      exception,
      ...frames,
      `${spark(at(start, 217))} INFO ApplicationMaster: Final app status: FAILED, exitCode: 15, (reason: User class threw exception: ${exception}`,
      ...frames.slice(0, 4),
      ')',
      `${spark(at(start, 218))} INFO SparkContext: Invoking stop() from shutdown hook`,
      `${spark(at(start, 219))} INFO ApplicationMaster: Unregistering ApplicationMaster with FAILED (diag message: User class threw exception: ${exception}`,
    );
    const objects = {
      ...stepLogs(cluster, stepId, {
        controller: controllerLog({
          stepId,
          stepNumber: 5,
          start,
          end,
          command: args.join(' '),
          exitCode: 1,
        }),
        stderr: submitLog({
          app,
          start: at(start, 2),
          running: at(start, 12),
          end: at(end, -3),
          resource: 's3://acme-jars/daily-export-1.3.0.jar',
          finalState: 'FINISHED',
          diagnostics: `User class threw exception: ${exception}\n${frames.join('\n')}`,
          amHost: hosts[0],
        }),
      }),
      [`${containerDir(cluster, app, containerId(app, 1, 1))}stderr.gz`]: driver.join('\n') + '\n',
      [`${containerDir(cluster, app, containerId(app, 1, 1))}stdout.gz`]: '',
    };
    for (let e = 1; e <= 4; e++) {
      const c = containerId(app, 1, e + 1);
      objects[`${containerDir(cluster, app, c)}stderr.gz`] = executorLog({
        app,
        start: at(start, 18),
        host: hosts[(e - 1) % 2],
        executorId: e,
        seed: 300 + e,
      });
      objects[`${containerDir(cluster, app, c)}stdout.gz`] = '';
    }
    return {
      scenario: {
        description:
          'EMR 6.15 step writing with saveAsTextFile into an output directory that already exists (FileAlreadyExistsException)',
        region: REGION,
        account: ACCOUNT,
        target: { kind: 'emr-step', clusterId: cluster, stepId },
        expect: { outcome: 'problem', top: 'output-path-exists' },
      },
      calls: [
        describeCluster({
          id: cluster,
          name: 'orders-export',
          release: 'emr-6.15.0',
          start: '2026-11-20T04:55:10Z',
          apps: SPARK_APPS('3.4.1'),
        }),
        {
          service: 'emr',
          operation: 'DescribeStep',
          input: { ClusterId: cluster, StepId: stepId },
          output: {
            Step: step({
              id: stepId,
              name: 'daily orders export',
              args,
              failure: {
                Reason: 'Output directory already exists.',
                Message: exception,
                LogFile: `s3://${LOG_BUCKET}/${stepDir(cluster, stepId)}stderr.gz`,
              },
              created: '2026-11-20T05:19:58Z',
              start,
              end,
            }),
          },
        },
        {
          service: 'emr',
          operation: 'ListInstanceGroups',
          input: { ClusterId: cluster },
          output: {
            InstanceGroups: [
              instanceGroup({
                id: 'ig-1PRIMARYX0UT',
                name: 'Primary',
                type: 'MASTER',
                market: 'ON_DEMAND',
                instanceType: 'm5.xlarge',
                count: 1,
                start: '2026-11-20T04:55:10Z',
              }),
              instanceGroup({
                id: 'ig-2COREX0UT22',
                name: 'Core',
                type: 'CORE',
                market: 'ON_DEMAND',
                instanceType: 'r5.2xlarge',
                count: 2,
                start: '2026-11-20T04:55:10Z',
              }),
            ],
          },
        },
      ],
      objects,
    };
  },

  /** The step failed minutes ago and EMR has not copied its logs to S3 yet: say what was missing and when to look again. */
  'emr-logs-not-uploaded'() {
    const cluster = 'j-1NOLOGS5UP8Z2';
    const stepId = 's-3RCNTFAIL7Q0P';
    const start = '2026-11-20T06:10:03Z';
    const end = '2026-11-20T06:31:55Z';
    const args = [
      'spark-submit',
      '--deploy-mode',
      'cluster',
      's3://acme-analytics-code/jobs/ledger_rollup.py',
    ];
    const setup = 's-1SETUPDBG0A9B';
    const objects = {
      // The cluster's first step (done an hour earlier) has its logs; the failed one has none yet.
      [`${stepDir(cluster, setup)}controller.gz`]: `2026-11-20T05:05:11.201Z INFO Ensure step 1 jar file command-runner.jar\n2026-11-20T05:05:19.774Z INFO Step succeeded with exitCode 0 and took 8 seconds\n`,
      [`${stepDir(cluster, setup)}stderr.gz`]: '',
      [`${stepDir(cluster, setup)}stdout.gz`]: 'hive-metastore schema is up to date\n',
    };
    return {
      scenario: {
        description:
          'EMR step FAILED minutes ago with FailureDetails "Unknown Error."; its logs are not in S3 yet (EMR uploads about every five minutes)',
        region: REGION,
        account: ACCOUNT,
        target: { kind: 'emr-step', clusterId: cluster, stepId },
        expect: { outcome: 'problem', top: 'unclassified-failure' },
      },
      calls: [
        describeCluster({
          id: cluster,
          name: 'ledger-rollup',
          release: 'emr-6.15.0',
          start: '2026-11-20T04:58:30Z',
          apps: SPARK_APPS('3.4.1'),
        }),
        {
          service: 'emr',
          operation: 'DescribeStep',
          input: { ClusterId: cluster, StepId: stepId },
          output: {
            Step: step({
              id: stepId,
              name: 'ledger rollup',
              args,
              failure: {
                Reason: 'Unknown Error.',
                LogFile: `s3://${LOG_BUCKET}/${stepDir(cluster, stepId)}stderr.gz`,
              },
              created: '2026-11-20T06:09:58Z',
              start,
              end,
            }),
          },
        },
        {
          service: 'emr',
          operation: 'ListInstanceGroups',
          input: { ClusterId: cluster },
          output: {
            InstanceGroups: [
              instanceGroup({
                id: 'ig-1PRIMARYL3DG',
                name: 'Primary',
                type: 'MASTER',
                market: 'ON_DEMAND',
                instanceType: 'm5.xlarge',
                count: 1,
                start: '2026-11-20T04:58:30Z',
              }),
              instanceGroup({
                id: 'ig-2CORELEDG3R',
                name: 'Core',
                type: 'CORE',
                market: 'ON_DEMAND',
                instanceType: 'm5.2xlarge',
                count: 3,
                start: '2026-11-20T04:58:30Z',
              }),
            ],
          },
        },
        {
          service: 'emr',
          operation: 'ListInstances',
          input: { ClusterId: cluster, InstanceStates: ['TERMINATED'] },
          output: { Instances: [] },
        },
      ],
      objects,
    };
  },
};

const wanted = process.argv.slice(2);
for (const [name, make] of Object.entries(scenarios)) {
  if (wanted.length === 0 || wanted.includes(name)) write(name, make());
}
