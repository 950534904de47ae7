/**
 * Placeholders a playbook may use as `{{name}}`. The engine fills them from the evidence; one it cannot
 * fill is printed as `<kebab-name>` so a copied command visibly needs editing.
 */
export const PLAYBOOK_VARS = {
  region: 'AWS region of the target',
  account: 'AWS account id, when known',
  jobName: 'Glue job name',
  runId: 'Glue job run id (jr_...)',
  glueVersion: 'Glue version of the run, e.g. 4.0',
  workerType: 'worker type of the run, e.g. G.1X',
  largerWorkerType: 'the next larger worker type, e.g. G.2X after G.1X',
  numberOfWorkers: 'number of workers of the run',
  moreWorkers: 'twice the number of workers (a starting point for scaling out)',
  timeoutMin: 'the run timeout in minutes',
  longerTimeoutMin: 'twice the run timeout in minutes',
  maxConcurrentRuns: 'the job\'s MaxConcurrentRuns',
  scriptLocation: 'S3 URI of the job script',
  tempDir: 'the job\'s --TempDir S3 URI',
  bucket: 'the S3 bucket most relevant to the finding (named in the evidence, else the script bucket)',
  path: 'a path named in the evidence (output dir that exists, input path missing, ...)',
  logGroup: 'CloudWatch log group read for the target',
  crawlerName: 'Glue crawler name',
  databaseName: 'Glue database the crawler writes to',
  tableName: 'a table named in the evidence',
  clusterId: 'EMR cluster id (j-...)',
  stepId: 'EMR step id (s-...)',
  logUri: 'EMR cluster LogUri',
  applicationId: 'YARN application id named in the evidence',
  containerId: 'YARN container id named in the evidence',
  executorId: 'Spark executor id named in the evidence',
  stageId: 'Spark stage id named in the evidence',
  principal: 'IAM principal (ARN) named in an access-denied message',
  action: 'IAM action named in an access-denied message, e.g. s3:GetObject',
  resource: 'resource ARN named in an access-denied message',
  module: 'the missing Python module or Java class',
  host: 'the host or endpoint that could not be reached',
  memoryLimit: 'the container memory limit named in a YARN kill message',
} as const;

export type PlaybookVar = keyof typeof PLAYBOOK_VARS;

export function placeholderFor(name: string): string {
  return `<${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}>`;
}
