import { connectionFailure } from '../../src/matchers/connection-failure.js';
import { matcherCases } from './harness.js';

matcherCases(connectionFailure, {
  positive: [
    {
      name: 'Glue refuses a run whose connection subnet has no S3 endpoint or NAT',
      text: 'INFO nothing: the run never started',
      apiMessage:
        'VPC S3 endpoint validation failed for SubnetId: subnet-0a1b2c3d. VPC: vpc-0f9e8d7c. Reason: Could not find S3 endpoint or NAT gateway for subnetId: subnet-0a1b2c3d in Vpc vpc-0f9e8d7c',
      status: { state: 'FAILED', failed: true },
      minConfidence: 0.95,
      summaryHas: ['subnet-0a1b2c3d', 'vpc-0f9e8d7c'],
    },
    {
      name: 'a MySQL JDBC connect timeout names the host from the JDBC URL',
      text: [
        '2021-07-15 09:18:02,114 INFO [main] glue.GlueContext: JDBC source: jdbc:mysql://orders-db.cluster-cq0xkz1d2abc.us-east-1.rds.amazonaws.com:3306/sales, table: orders',
        '2021-07-15 09:20:13,771 ERROR [main] glue.ProcessLauncher: Exception in User Class: com.mysql.jdbc.exceptions.jdbc4.CommunicationsException : Communications link failure',
        '',
        'The last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server.',
        'Caused by: java.net.SocketTimeoutException: connect timed out',
        '\tat java.net.PlainSocketImpl.socketConnect(Native Method)',
      ].join('\n'),
      minConfidence: 0.85,
      summaryHas: ['orders-db.cluster-cq0xkz1d2abc.us-east-1.rds.amazonaws.com:3306', 'mysql', 'timed out'],
      vars: { host: 'orders-db.cluster-cq0xkz1d2abc.us-east-1.rds.amazonaws.com:3306' },
      topReading: 'connection-failure',
    },
    {
      name: "Spark's block manager chatter just before a JDBC failure does not hide it",
      text: [
        '24/05/01 10:00:01 INFO BlockManagerInfo: Added broadcast_1_piece0 in memory on 10.0.0.5:37017 (size: 38.1 KiB, free: 5.8 GiB)',
        '24/05/01 10:00:01 INFO BlockManagerInfo: Removed broadcast_0_piece0 on 10.0.0.5:37017 in memory',
        'Exception in thread "main" java.sql.SQLNonTransientConnectionException: Could not create connection to database server. Attempted reconnect 3 times. Giving up.',
        'Caused by: java.net.ConnectException: Connection refused (Connection refused)',
      ].join('\n'),
      summaryHas: ['refused'],
    },
    {
      name: 'a host name that does not resolve',
      text: 'Exception in thread "main" java.net.UnknownHostException: warehouse.internal.example.com: Name or service not known',
      vars: { host: 'warehouse.internal.example.com' },
      summaryHas: ['could not be resolved'],
    },
    {
      name: 'PostgreSQL refuses the connection',
      text: 'py4j.protocol.Py4JJavaError: An error occurred while calling o91.load.\n: org.postgresql.util.PSQLException: Connection to 10.0.3.17:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.',
      vars: { host: '10.0.3.17:5432' },
      summaryHas: ['refused'],
    },
    {
      name: 'boto3 cannot reach an AWS endpoint from a VPC without NAT',
      text: 'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://sts.us-east-1.amazonaws.com/"',
      vars: { host: 'sts.us-east-1.amazonaws.com' },
    },
    {
      name: 'SQL Server connect timeout',
      text: 'com.microsoft.sqlserver.jdbc.SQLServerException: The TCP/IP connection to the host sqlprod01, port 1433 has failed. Error: "connect timed out. Verify the connection properties."',
      vars: { host: 'sqlprod01:1433' },
    },
  ],
  negative: [
    {
      name: 'a shuffle fetch from a lost executor is executor loss, not a data store',
      role: 'driver',
      text: [
        '24/05/01 10:00:01 WARN TaskSetManager: Lost task 1.0 in stage 5.0 (TID 88) (10.0.0.6 executor 2): FetchFailed(BlockManagerId(3, ip-10-0-0-5.ec2.internal, 7337, None), shuffleId=1, mapIndex=4, mapId=12, reduceId=1, message=',
        'org.apache.spark.shuffle.FetchFailedException: Failed to connect to ip-10-0-0-5.ec2.internal/10.0.0.5:7337',
        'Caused by: io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: ip-10-0-0-5.ec2.internal/10.0.0.5:7337',
      ].join('\n'),
    },
    {
      name: "a shuffle fetch timing out against an executor's block-manager port",
      text: [
        '2026-11-20 09:27:53,837 WARN [task-result-getter-2] scheduler.TaskSetManager: Lost task 3.0 in stage 8.0 (TID 1401) (10.0.7.12 executor 5): FetchFailed(BlockManagerId(2, 10.0.3.41, 39838, None), shuffleId=3, mapIndex=14, mapId=211, reduceId=3, message=',
        'org.apache.spark.shuffle.FetchFailedException: Failed to connect to /10.0.3.41:39838',
        '\tat org.apache.spark.storage.ShuffleBlockFetcherIterator.throwFetchFailedException(ShuffleBlockFetcherIterator.scala:1169)',
        'Caused by: io.netty.channel.ConnectTimeoutException: connection timed out: /10.0.3.41:39838',
        '\tat io.netty.channel.nio.AbstractNioChannel$AbstractNioUnsafe$1.run(AbstractNioChannel.java:261)',
      ].join('\n'),
    },
    {
      name: 'a connect timeout retried, then the run succeeded',
      text: [
        '2024-02-01 10:00:01,000 WARN jdbc: connect timed out to orders-db:5432, retrying (1/3)',
        '2024-02-01 10:00:09,000 INFO jdbc: connected to orders-db:5432',
        '2024-02-01 10:09:01,000 INFO ApplicationMaster: Final app status: SUCCEEDED, exitCode: 0',
      ].join('\n'),
    },
    {
      name: "YARN's client retrying the ResourceManager",
      text: '24/05/01 10:00:01 INFO Client: Retrying connect to server: ip-10-0-0-1.ec2.internal/10.0.0.1:8032. Already tried 0 time(s); retry policy is RetryUpToMaximumCountWithFixedSleep',
    },
    { name: 'a read timeout on an open connection', text: 'java.net.SocketTimeoutException: Read timed out' },
    {
      name: 'a JDBC URL alone',
      text: '2021-07-15 09:18:02,114 INFO [main] glue.GlueContext: JDBC source: jdbc:mysql://orders-db:3306/sales, table: orders',
    },
  ],
});
