import { maxResultSize } from '../../src/matchers/max-result-size.js';
import { matcherCases } from './harness.js';

matcherCases(maxResultSize, {
  positive: [
    {
      name: 'the Spark message with sizes',
      text: 'org.apache.spark.SparkException: Job aborted due to stage failure: Total size of serialized results of 1024 tasks (1025.3 MiB) is bigger than spark.driver.maxResultSize (1024.0 MiB)',
      minConfidence: 0.9,
      summaryHas: ['1024 tasks', '1025.3 MiB', '1024.0 MiB'],
    },
    {
      name: 'older wording without the limit',
      text: 'Total size of serialized results of 16 tasks (1048.5 MB) is bigger than maxResultSize',
      summaryHas: ['16 tasks'],
    },
  ],
  negative: [
    { name: 'the setting in a config dump', text: 'spark.driver.maxResultSize=4g' },
    {
      name: 'a healthy result log',
      text: 'INFO DAGScheduler: Job 3 finished: collect at job.py:40, took 2.1 s',
    },
  ],
});
