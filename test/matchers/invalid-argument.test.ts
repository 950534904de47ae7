import { invalidArgument } from '../../src/matchers/invalid-argument.js';
import { matcherCases } from './harness.js';

matcherCases(invalidArgument, {
  positive: [
    {
      name: 'getResolvedOptions without --JOB_NAME',
      text: [
        'Traceback (most recent call last):',
        '  File "/tmp/extract.py", line 9, in <module>',
        '    args = getResolvedOptions(sys.argv, ["JOB_NAME", "target_date"])',
        '  File "/opt/amazon/lib/python3.10/site-packages/awsglue/utils.py", line 10, in error',
        '    raise GlueArgumentError(message)',
        'awsglue.utils.GlueArgumentError: the following arguments are required: --JOB_NAME, --target_date',
        '2023-05-31 14:02:20,117 ERROR [main] glue.ProcessLauncher (Logging.scala:logError(77)): Error from Python:java.lang.Exception: missing value for --JOB_NAME',
      ].join('\n'),
      minConfidence: 0.9,
      summaryHas: ['--JOB_NAME, --target_date'],
    },
    {
      name: 'StartJobRun refused for a worker configuration',
      text: 'botocore.errorfactory.InvalidInputException: An error occurred (InvalidInputException) when calling the StartJobRun operation: Please set both Worker Type and Number of Workers.',
      minConfidence: 0.85,
      summaryHas: ['StartJobRun', 'Worker Type and Number of Workers'],
    },
    {
      name: "an argparse error in the run's ErrorMessage",
      text: 'INFO nothing',
      apiMessage: 'awsglue.utils.GlueArgumentError: argument --input_path: expected one argument',
      status: { state: 'FAILED', failed: true },
      minConfidence: 0.9,
      summaryHas: ['--input_path', 'expected one argument'],
    },
    {
      name: 'the Glue job executor rejects the Glue version',
      text: 'JobName:replicator and JobRunId:jr_edd failed to execute with exception Given GlueVersion [5.5] is not valid. (Service: AWSGlueJobExecutor; Status Code: 400; Error Code: InvalidInputException; Request ID: 6b0d4d2e; Proxy: null)',
      summaryHas: ['GlueVersion [5.5] is not valid'],
      vars: { glueVersion: '5.5' },
    },
    {
      name: 'EMR refuses a step with ValidationException',
      text: 'An error occurred (ValidationException) when calling the AddJobFlowSteps operation: Invalid jar path: s3://code/etl.jar does not end with .jar',
      summaryHas: ['AddJobFlowSteps'],
    },
  ],
  negative: [
    {
      name: "Hadoop's InvalidInputException is a missing input path",
      text: 'org.apache.hadoop.mapred.InvalidInputException: Input path does not exist: s3://raw/orders/2026-11-20',
    },
    {
      name: 'an interactive session that timed out reports InvalidInputException on the next statement',
      text: 'An error occurred (InvalidInputException) when calling the RunStatement operation: Session is not ready, session_id=dbt-glue-3f9e, status=TIMEOUT',
    },
    {
      name: 'an IllegalArgumentException that wraps an access denial',
      text: 'pyspark.sql.utils.IllegalArgumentException: software.amazon.awssdk.services.lakeformation.model.AccessDeniedException: Access is not allowed. (Service: LakeFormation, Status Code: 400)',
    },
    {
      name: "Spark's IllegalArgumentException about data, not arguments",
      text: 'java.lang.IllegalArgumentException: requirement failed: Column features must be of type struct<type:tinyint,size:int> but was actually double.',
    },
    {
      name: 'the job arguments printed as a JSON map',
      text: '"--JOB_NAME": "orders-etl",\n"--target_date": "2026-11-20"',
    },
  ],
});
