import { request } from 'node:http';
import { GetJobRunCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { createClients, REPLAY_CREDENTIALS } from '../../../src/aws/clients.js';
import { loadFixture } from '../../../src/aws/replay/fixture.js';
import type { RequestRecord } from '../../../src/aws/replay/http-types.js';
import { startReplayServer } from '../../../src/aws/replay/server.js';
import { BASIC, clearAwsEnv, useReplay } from './helpers.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const records: RequestRecord[] = [];
const replay = useReplay(BASIC, { onRequest: (record) => records.push(record) });

describe('the replay server', () => {
  it('answers bad requests with clear errors instead of crashing', async () => {
    const json = { 'content-type': 'application/x-amz-json-1.1' };
    const badJson = await raw(
      replay.server.url,
      'POST',
      '/',
      { ...json, 'x-amz-target': 'AWSGlue.GetJobRun' },
      '{nope',
    );
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ __type: 'SerializationException' });
    expect(badJson.headers['x-amzn-errortype']).toBe('SerializationException');

    const unknownTarget = await raw(
      replay.server.url,
      'POST',
      '/',
      { ...json, 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      '{}',
    );
    expect(unknownTarget.status).toBe(400);
    expect(JSON.parse(unknownTarget.body).message).toContain('DynamoDB_20120810.GetItem');

    const unknownOperation = await raw(
      replay.server.url,
      'POST',
      '/',
      { ...json, 'x-amz-target': 'AWSGlue.Nope' },
      '{}',
    );
    expect(JSON.parse(unknownOperation.body).__type).toBe('UnknownOperationException');

    const wrongType = await raw(
      replay.server.url,
      'POST',
      '/',
      { ...json, 'x-amz-target': 'Logs_20140328.GetLogEvents' },
      JSON.stringify({ logGroupName: 5, logStreamName: 'x' }),
    );
    expect(wrongType.status).toBe(400);
    expect(JSON.parse(wrongType.body).__type).toBe('InvalidParameterException');

    const nullQuery = await raw(
      replay.server.url,
      'POST',
      '/',
      {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData',
      },
      JSON.stringify({ StartTime: 1, EndTime: 2, MetricDataQueries: [null] }),
    );
    expect(nullQuery.status).toBe(400);

    const badPath = await raw(replay.server.url, 'GET', '/logs-bucket/%E0%A4%A', {});
    expect(badPath.status).toBe(400);
    expect(badPath.body).toContain('<Code>InvalidURI</Code>');

    const queryProtocol = await raw(
      replay.server.url,
      'POST',
      '/',
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20261120/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=x',
        'content-type': 'application/x-www-form-urlencoded',
      },
      'Action=ListMetrics&Version=2010-08-01',
    );
    expect(queryProtocol.status).toBe(400);
    expect(queryProtocol.body).toContain('monitoring');
  });

  it('writes JSON 1.0 for CloudWatch and JSON 1.1 for the others', async () => {
    const cw = await raw(
      replay.server.url,
      'POST',
      '/',
      {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'GraniteServiceVersion20100801.ListMetrics',
      },
      '{"Namespace":"Throttled"}',
    );
    expect(cw.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(cw.headers['x-amzn-query-error']).toBe('Throttling;Sender');
    const glue = await raw(
      replay.server.url,
      'POST',
      '/',
      {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSGlue.GetJobRun',
      },
      '{"JobName":"orders-etl","RunId":"jr_0a1b"}',
    );
    expect(glue.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(glue.body).JobRun.StartedOn).toBe(Date.parse('2026-11-20T03:00:00Z') / 1000);
  });

  it('reports each request to onRequest and counts it', () => {
    expect(records.length).toBe(replay.server.requestCount());
    expect(records).toContainEqual({ service: 'glue', operation: 'GetJobRun', status: 200 });
    expect(records).toContainEqual({ service: 'cloudwatch', operation: 'ListMetrics', status: 400 });
  });
});

describe('lifecycle', () => {
  it('closes promptly while SDK clients hold keep-alive connections', async () => {
    clearAwsEnv();
    const server = await startReplayServer(await loadFixture(BASIC));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.fixture.scenario?.region).toBe('eu-west-1');
    const aws = createClients({
      endpointUrl: server.url,
      region: 'eu-west-1',
      credentials: REPLAY_CREDENTIALS,
      retryDelayMs: 0,
    });
    await aws.glue.send(new GetJobRunCommand({ JobName: 'orders-etl', RunId: 'jr_0a1b' }));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(500);
    aws.destroy();
  });

  it('listens on loopback only', async () => {
    await expect(startReplayServer(BASIC, { host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});
