import { hdfsQuotaExceeded } from '../../src/matchers/hdfs-quota-exceeded.js';
import { matcherCases } from './harness.js';

matcherCases(hdfsQuotaExceeded, {
  positive: [
    {
      name: 'the namespace (file count) quota of a directory',
      text: [
        '22/01/06 21:51:40 ERROR Utils: Aborting task',
        'org.apache.hadoop.hdfs.protocol.NSQuotaExceededException: The NameSpace quota (directories and files) of directory /user/etl is exceeded: quota=100000 file count=100001',
        '\tat org.apache.hadoop.hdfs.server.namenode.DirectoryWithQuotaFeature.verifyNamespaceQuota(DirectoryWithQuotaFeature.java:204)',
      ].join('\n'),
      minConfidence: 0.9,
      summaryHas: ['/user/etl', 'name quota', '100000'],
      vars: { path: '/user/etl' },
    },
    {
      name: 'the space quota, with the sizes as HDFS prints them',
      text: 'copyFromLocal: org.apache.hadoop.hdfs.protocol.DSQuotaExceededException: The DiskSpace quota of /data/landing is exceeded: quota = 1099511627776 B = 1 TB but diskspace consumed = 1099578736640 B = 1.00 TB',
      summaryHas: ['/data/landing', 'space quota', '1 TB', '1.00 TB'],
      vars: { path: '/data/landing' },
    },
    {
      name: 'wrapped in a RemoteException inside a task failure',
      role: 'driver',
      text: '22/01/06 21:51:40 WARN TaskSetManager: Lost task 87.0 in stage 4.0 (TID 1393, node-112.cluster.internal, executor 14): org.apache.hadoop.ipc.RemoteException(org.apache.hadoop.hdfs.protocol.DSQuotaExceededException): The DiskSpace quota of /warehouse/sales is exceeded: quota = 536870912000 B = 500 GB but diskspace consumed = 536955854848 B = 500.08 GB',
      vars: { path: '/warehouse/sales' },
    },
  ],
  negative: [
    {
      name: 'hdfs dfs -count -q output showing a quota',
      text: '$ hdfs dfs -count -q /user/etl\n        none             inf       209715200       209715200            5            1                  0 /user/etl',
    },
    {
      name: "an AWS Service Quotas error is not HDFS's",
      text: 'botocore.exceptions.ClientError: An error occurred (ServiceQuotaExceededException) when calling the CreateJob operation: Quota exceeded for jobs',
    },
    { name: 'a full local disk is disk-full', text: 'java.io.IOException: No space left on device' },
    {
      name: 'a configuration dump naming the exception',
      text: 'dfs.namenode.quota.init-threads=4  # NSQuotaExceededException is thrown when a directory quota is hit',
    },
  ],
});
