import { unclassifiedFailure } from '../../src/matchers/unclassified-failure.js';
import { matcherCases } from './harness.js';

matcherCases(unclassifiedFailure, {
  positive: [
    {
      name: 'AWS says FAILED and the logs say nothing known',
      text: 'INFO all good\nValueError: unexpected schema version 7',
      status: { state: 'FAILED', failed: true, message: 'ValueError: unexpected schema version 7' },
      summaryHas: ['FAILED', 'unexpected schema version 7'],
    },
    {
      name: 'a log file with a Python traceback and no status',
      text: 'Traceback (most recent call last):\n  File "job.py", line 3, in <module>\n    run()\nKeyError: \'customer_id\'',
      summaryHas: ['KeyError'],
    },
  ],
  negative: [
    {
      name: 'a succeeded run',
      text: 'Traceback (most recent call last):',
      status: { state: 'SUCCEEDED', failed: false },
    },
    {
      name: 'a healthy log',
      text: 'INFO SparkContext: Successfully stopped SparkContext\nINFO ShutdownHookManager: Shutdown hook called',
    },
  ],
});
