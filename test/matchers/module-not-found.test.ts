import { moduleNotFound } from '../../src/matchers/module-not-found.js';
import { matcherCases } from './harness.js';

const PIP_NOISE = [
  "ERROR: pip's dependency resolver does not currently take into account all the packages that are installed. This behaviour is the source of the following dependency conflicts.",
  'awsglue-dev 1.0.0 requires pyspark==3.3.0, which is not installed.',
  'aiobotocore 2.4.2 requires botocore<1.27.60,>=1.27.59, but you have botocore 1.29.165 which is incompatible.',
  'Successfully installed pyarrow-12.0.1 s3fs-2023.6.0',
].join('\n');

matcherCases(moduleNotFound, {
  positive: [
    {
      name: 'a Glue Python traceback names the module and the import',
      text: [
        '2022-05-24 09:31:02,771 INFO [main] glue.ProcessLauncher (Logging.scala:logInfo(24)): Running PythonRunner for clean_orders.py',
        'Traceback (most recent call last):',
        '  File "/tmp/clean_orders.py", line 7, in <module>',
        '    from orders_lib.cleaning import normalise_columns',
        "ModuleNotFoundError: No module named 'orders_lib'",
      ].join('\n'),
      minConfidence: 0.9,
      summaryHas: [
        "'orders_lib'",
        'from orders_lib.cleaning import normalise_columns',
        '/tmp/clean_orders.py line 7',
      ],
      vars: { module: 'orders_lib' },
    },
    {
      name: 'a JSON-structured log line',
      text: '{"level":"ERROR","logger":"job","message":"ModuleNotFoundError: No module named \'great_expectations\'"}',
      vars: { module: 'great_expectations' },
    },
    {
      name: 'pip resolver noise at start-up, then an import does fail',
      text: `${PIP_NOISE}\nTraceback (most recent call last):\n  File "/tmp/job.py", line 3, in <module>\n    import s3fs.core\nModuleNotFoundError: No module named 's3fs.core'`,
      summaryHas: ['pip reported dependency conflicts'],
      vars: { module: 's3fs.core' },
    },
    {
      name: 'a JDBC driver class a user dependency should provide',
      text: [
        '24/01/10 12:00:03 ERROR ProcessLauncher: Exception in User Class',
        'java.lang.ClassNotFoundException: org.postgresql.Driver',
        '\tat java.net.URLClassLoader.findClass(URLClassLoader.java:387)',
        '\tat java.lang.ClassLoader.loadClass(ClassLoader.java:418)',
        '\tat org.apache.spark.sql.execution.datasources.jdbc.DriverRegistry$.register(DriverRegistry.scala:46)',
      ].join('\n'),
      minConfidence: 0.8,
      vars: { module: 'org.postgresql.Driver' },
    },
    {
      name: 'a Hive SerDe class missing from the classpath',
      text: 'Caused by: java.lang.RuntimeException: java.lang.ClassNotFoundException: Class org.openx.data.jsonserde.JsonSerDe not found',
      vars: { module: 'org.openx.data.jsonserde.JsonSerDe' },
    },
    {
      name: 'a Spark data source package that is not installed',
      text: 'pyspark.sql.utils.AnalysisException: Failed to find data source: kafka. Please deploy the application as per the deployment section of "Structured Streaming + Kafka Integration Guide".',
      vars: { module: 'kafka' },
    },
    {
      name: 'an installed package without the name the code imports: a version mismatch',
      text: "Traceback (most recent call last):\n  File \"/tmp/job.py\", line 2, in <module>\n    from pyarrow import fs\nImportError: cannot import name 'fs' from 'pyarrow' (/usr/lib64/python3.7/site-packages/pyarrow/__init__.py)",
      topReading: 'module-not-found',
      vars: { module: 'pyarrow.fs' },
    },
    {
      name: 'pip could not install a requested module and the run failed',
      text: [
        '2026-11-20 03:00:41,002 INFO [main] glue.ProcessLauncher: Installing --additional-python-modules',
        'ERROR: Could not find a version that satisfies the requirement pydeequ==1.9.9 (from versions: none)',
        'ERROR: No matching distribution found for pydeequ==1.9.9',
      ].join('\n'),
      status: { state: 'FAILED', failed: true },
      minConfidence: 0.8,
      summaryHas: ['pydeequ==1.9.9'],
      vars: { module: 'pydeequ' },
    },
  ],
  negative: [
    { name: 'pip resolver warnings at Python shell start-up, then nothing failed', text: PIP_NOISE },
    {
      name: 'Hadoop probing an optional S3A class at DEBUG',
      text: [
        '24/01/10 12:00:01 DEBUG S3AFileSystem: Could not load optional delegation token support',
        'java.lang.ClassNotFoundException: org.apache.hadoop.fs.s3a.auth.delegation.S3ADelegationTokens',
        '\tat java.net.URLClassLoader.findClass(URLClassLoader.java:387)',
      ].join('\n'),
    },
    {
      name: 'an INFO line that mentions the exception',
      text: '24/01/10 12:00:01 INFO HiveConf: ClassNotFoundException for org.apache.hadoop.hive.conf.HiveConf ignored; using defaults',
    },
    {
      name: "the step's main class is am-launch-failure, not a dependency",
      text: [
        'java.lang.ClassNotFoundException: com.acme.etl.Main',
        '\tat java.net.URLClassLoader.findClass(URLClassLoader.java:381)',
        '\tat java.lang.ClassLoader.loadClass(ClassLoader.java:424)',
        '\tat java.lang.Class.forName0(Native Method)',
        '\tat java.lang.Class.forName(Class.java:348)',
        '\tat org.apache.spark.util.Utils$.classForName(Utils.scala:238)',
        '\tat org.apache.spark.deploy.SparkSubmit.org$apache$spark$deploy$SparkSubmit$$runMain(SparkSubmit.scala:806)',
      ].join('\n'),
    },
    {
      name: 'an optional import with a fallback, logged as a warning',
      text: "WARNING:root:ImportError: No module named 'ujson', falling back to json",
    },
    {
      name: 'the class name in a static-initialiser failure is not a missing jar',
      text: 'java.lang.NoClassDefFoundError: Could not initialize class org.xerial.snappy.Snappy',
    },
  ],
});
