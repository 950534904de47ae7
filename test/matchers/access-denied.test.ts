import { accessDenied } from '../../src/matchers/access-denied.js';
import { matcherCases } from './harness.js';

const ROLE = 'arn:aws:sts::111122223333:assumed-role/GlueJobRole/GlueJobRunnerSession';

matcherCases(accessDenied, {
  positive: [
    {
      name: 'IAM names the principal, the action and the resource',
      text: [
        'Traceback (most recent call last):',
        '  File "/tmp/load_config.py", line 12, in <module>',
        '    body = s3.get_object(Bucket="etl-config", Key="jobs/orders.yaml")["Body"].read()',
        `botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: User: ${ROLE} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::etl-config/jobs/orders.yaml" because no identity-based policy allows the s3:GetObject action`,
      ].join('\n'),
      minConfidence: 0.9,
      summaryHas: [
        ROLE,
        's3:GetObject',
        'arn:aws:s3:::etl-config/jobs/orders.yaml',
        'no identity-based policy allows it',
      ],
      vars: {
        principal: ROLE,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::etl-config/jobs/orders.yaml',
        bucket: 'etl-config',
        account: '111122223333',
      },
    },
    {
      name: 'an explicit deny in a service control policy',
      text: `com.amazonaws.services.glue.model.AccessDeniedException: User: ${ROLE} is not authorized to perform: glue:CreateTable on resource: arn:aws:glue:us-east-1:111122223333:database/sales with an explicit deny in a service control policy (Service: AWSGlue; Status Code: 400; Error Code: AccessDeniedException)`,
      summaryHas: ['glue:CreateTable', 'explicit deny in a service control policy'],
      vars: { action: 'glue:CreateTable', resource: 'arn:aws:glue:us-east-1:111122223333:database/sales' },
    },
    {
      name: 'Lake Formation refuses a table IAM allows',
      text: '2025-08-26T10:41:58.611Z [e336681b] ERROR : Insufficient Lake Formation permission(s) on orders (Database name: sales, Table Name: orders) (Service: AWSGlue; Status Code: 400; Error Code: AccessDeniedException; Request ID: 1a6d13ca; Proxy: null)',
      minConfidence: 0.85,
      summaryHas: ['Lake Formation', 'sales.orders'],
      vars: { databaseName: 'sales', tableName: 'orders' },
    },
    {
      name: 'KMS refuses to decrypt',
      text: `java.io.IOException: com.amazonaws.services.kms.model.AWSKMSException: User: ${ROLE} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b because no resource-based policy allows the kms:Decrypt action (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException)`,
      summaryHas: ['kms:Decrypt'],
      vars: { action: 'kms:Decrypt' },
    },
    {
      name: 'an S3 403 with no principal: the URI and the client call name the rest',
      text: [
        '2024-02-01 10:00:03,001 INFO [Thread-7] s3n.MultipartUploadOutputStream: uploading to s3://curated-zone/orders/part-00000.snappy.parquet',
        'py4j.protocol.Py4JJavaError: An error occurred while calling o86.save.',
        ': java.io.IOException: com.amazon.ws.emr.hadoop.fs.shaded.com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 4XJ8M0C2Q7T1V9BZ; Proxy: null)',
        '\tat com.amazon.ws.emr.hadoop.fs.shaded.com.amazonaws.services.s3.AmazonS3Client.putObject(AmazonS3Client.java:1782)',
      ].join('\n'),
      summaryHas: ['403', 's3:PutObject', 's3://curated-zone/orders/part-00000.snappy.parquet'],
      vars: { bucket: 'curated-zone', action: 's3:PutObject' },
    },
    {
      name: "the crawler's or run's ErrorMessage from the API",
      text: 'INFO nothing else',
      apiMessage:
        'Insufficient Lake Formation permission(s) on s3://raw-zone/clicks/ (Service: AWSGlue; Status Code: 400; Error Code: AccessDeniedException)',
      status: { state: 'FAILED', failed: true },
      minConfidence: 0.95,
      vars: { resource: 's3://raw-zone/clicks/' },
    },
  ],
  negative: [
    {
      name: 'a denied probe for a streaming metadata directory, which Spark carries on from',
      text: '24/05/01 10:00:01 WARN FileStreamSink: Assume no metadata directory. Error while looking for metadata directory in the path: s3://raw-zone/clicks/. java.nio.file.AccessDeniedException: s3://raw-zone/clicks/_spark_metadata: getFileStatus on s3://raw-zone/clicks/_spark_metadata: com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)',
    },
    {
      name: 'EMRFS falling back when it may not read the bucket region',
      text: '2024-02-01 10:00:01,000 WARN S3NativeFileSystem: Unable to determine bucket region for shared-data, falling back to us-east-1: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)',
    },
    {
      name: 'a DEBUG line of the SDK',
      text: '24/05/01 10:00:01 DEBUG request: Received error response: com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)',
    },
    {
      name: 'a --conf argument that mentions the exception',
      text: '--conf spark.hadoop.fs.s3a.retry.AccessDeniedException=false --conf spark.executor.memory=10g',
    },
    {
      name: 'a denied optional read, retried, then the run succeeded',
      text: [
        '2024-02-01 10:00:01,000 WARN loader: AccessDenied reading s3://etl-config/overrides.yaml (optional), continuing with defaults',
        '2024-02-01 10:09:01,000 INFO ApplicationMaster: Final app status: SUCCEEDED, exitCode: 0',
      ].join('\n'),
    },
  ],
});
