import { containerKilled137 } from '../../src/matchers/container-killed-137.js';
import { matcherCases } from './harness.js';

matcherCases(containerKilled137, {
  positive: [
    {
      name: 'YARN diagnostics with 137 and a kernel OOM kill',
      text: 'Container exited with a non-zero exit code 137. Diagnostics: Container killed on request. Exit code is 137\nKilled by external signal\nkernel: Out of memory: Killed process 4242 (java)',
      summaryHas: ['137'],
      topReading: 'memory',
      minConfidence: 0.6,
    },
    {
      name: '137 on a spot node that was reclaimed',
      text: 'Container container_1700000000000_0001_01_000007 exited with exit code 137\nContainer released on a *lost* node\nNode ip-10-0-0-9 decommissioned after spot interruption',
      topReading: 'node loss',
      vars: { containerId: 'container_1700000000000_0001_01_000007' },
    },
    {
      name: '137 of the AM container names the driver',
      text: 'container_1700000000000_0001_01_000001 Exit code is 137',
      summaryHas: ['ApplicationMaster/driver'],
    },
    {
      name: 'a manual kill',
      text: 'Exit status: 137. Diagnostics: Container killed on request.\nApplication application_1700000000000_0001 was killed by user hadoop',
      topReading: 'manual kill',
    },
    { name: 'Glue command exit', text: 'Command failed with exit code 137' },
  ],
  negative: [
    { name: 'exit code 1', text: 'Container exited with a non-zero exit code 1' },
    { name: 'a number that contains 137', text: 'Exit code is 1370' },
    { name: 'a port number', text: 'Connecting to 10.0.0.1:13700' },
  ],
});
