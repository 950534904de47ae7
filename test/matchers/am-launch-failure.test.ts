import { amLaunchFailure } from '../../src/matchers/am-launch-failure.js';
import { matcherCases } from './harness.js';

matcherCases(amLaunchFailure, {
  positive: [
    {
      name: 'the JVM cannot find the main class',
      text: 'Error: Could not find or load main class com.acme.etl.Main\nCaused by: java.lang.ClassNotFoundException: com.acme.etl.Main',
      minConfidence: 0.9,
      summaryHas: ['com.acme.etl.Main'],
    },
    {
      name: 'spark-submit loading a main class the jar does not have',
      text: [
        'Warning: Skip remote jar s3://code-bucket/jars/etl-1.0.jar.',
        'java.lang.ClassNotFoundException: org.example.WordCountTask',
        '\tat java.net.URLClassLoader.findClass(URLClassLoader.java:381)',
        '\tat java.lang.ClassLoader.loadClass(ClassLoader.java:424)',
        '\tat java.lang.Class.forName0(Native Method)',
        '\tat java.lang.Class.forName(Class.java:348)',
        '\tat org.apache.spark.util.Utils$.classForName(Utils.scala:229)',
        '\tat org.apache.spark.deploy.SparkSubmit$.org$apache$spark$deploy$SparkSubmit$$runMain(SparkSubmit.scala:695)',
      ].join('\n'),
      minConfidence: 0.9,
      summaryHas: ['org.example.WordCountTask', 's3://code-bucket/jars/etl-1.0.jar'],
    },
    {
      name: 'the AM container exits with code 1 at launch',
      text: [
        '\t diagnostics: Application application_1480592911767_0001 failed 2 times due to AM Container for appattempt_1480592911767_0001_000002 exited with  exitCode: 1',
        'Diagnostics: Exception from container-launch.',
        'Container id: container_1480592911767_0001_02_000001',
        'Exit code: 1',
        'Stack trace: ExitCodeException exitCode=1:',
      ].join('\n'),
      minConfidence: 0.75,
      summaryHas: ['ApplicationMaster', 'exit code 1'],
      vars: { applicationId: 'application_1480592911767_0001' },
    },
    {
      name: 'the launch script cannot find the Python binary',
      text: '/mnt/yarn/usercache/hadoop/appcache/application_1700000000000_0003/container_1700000000000_0003_01_000001/launch_container.sh: line 31: /usr/bin/python3.9: No such file or directory',
      minConfidence: 0.85,
      summaryHas: ['/usr/bin/python3.9'],
    },
    {
      name: 'exit code 127 from a container launch',
      text: '2016-02-22 10:22:13,565 WARN org.apache.hadoop.yarn.server.nodemanager.DefaultContainerExecutor: Exception from container-launch with container ID: container_1456116662362_0001_01_000002 and exit code: 127',
      minConfidence: 0.85,
      summaryHas: ['127', 'container_1456116662362_0001_01_000002'],
    },
    {
      name: '"Yarn application has already ended" alone reads like a kill but usually means the AM never started',
      text: '24/05/01 10:00:01 ERROR SparkContext: Error initializing SparkContext.\norg.apache.spark.SparkException: Yarn application has already ended! It might have been killed or unable to launch application master.',
      topReading: 'am-launch-failure',
    },
  ],
  negative: [
    {
      name: 'a container killed with 137 is a kill, not a launch failure',
      text: 'Diagnostics: Exception from container-launch.\nContainer id: container_1700000000000_0001_01_000004\nExit code: 137\nContainer killed on request. Exit code is 137',
    },
    {
      name: 'the AM exits 15 because the user class threw: the application did start',
      text: 'Application application_1700000000000_0001 failed 2 times due to AM Container for appattempt_1700000000000_0001_000002 exited with  exitCode: 15',
    },
    {
      name: 'a missing dependency class inside a running job is module-not-found',
      text: [
        'java.lang.ClassNotFoundException: org.postgresql.Driver',
        '\tat java.net.URLClassLoader.findClass(URLClassLoader.java:387)',
        '\tat org.apache.spark.sql.execution.datasources.jdbc.DriverRegistry$.register(DriverRegistry.scala:46)',
      ].join('\n'),
    },
    {
      name: 'a healthy application report',
      text: '24/05/01 10:00:01 INFO Client: Application report for application_1700000000000_0001 (state: RUNNING)',
    },
  ],
});
