/**
 * The monthly job run in-process as the Lambda function runs it: the real Cost Explorer client
 * against the local endpoint, an injected store and notifier. It writes the same report files
 * as `estate cost report --source cost-explorer` for the same data, and sends the summary.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../lib/cli';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { CostExplorerBillingSource } from '../../../lib/cost/cost-explorer';
import { runMonthlyReportJob } from '../../../lib/cost/monthly';
import { loadPlan } from '../../../lib/plan';
import { captureIo } from '../../cli/capture-io';
import { FakeCostExplorer } from '../../support/fake-cost-explorer';
import { buildEstateModel } from '../../../lib/estate-model';

const PLAN = resolve(__dirname, '../../fixtures/plans/valid-small');
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const NOW = '2026-08-05T10:00:00Z';
const CREDENTIALS = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake-secret' };

let fake: FakeCostExplorer;
let work: string;
beforeAll(async () => {
  fake = await new FakeCostExplorer({
    items: [
      {
        month: '2026-06',
        application: 'intranet',
        wave: 'wave-1',
        service: EC2,
        amortized: '100.00',
        unblended: '100.00',
      },
      {
        month: '2026-07',
        application: 'revenues',
        wave: 'wave-2',
        service: EC2,
        amortized: '200.00',
        unblended: '210.00',
      },
      { month: '2026-07', service: 'AWS Config', amortized: '10.01', unblended: '10.01' },
      {
        month: '2026-07',
        service: 'AWS Support',
        recordType: 'Credit',
        amortized: '-5.00',
        unblended: '-5.00',
      },
      {
        month: '2026-08',
        application: 'intranet',
        wave: 'wave-1',
        service: EC2,
        amortized: '20.00',
        unblended: '20.00',
      },
    ],
    forecast: { '2026-08': '50.00', '2026-09': '300.00' },
  }).start();
  work = mkdtempSync(join(tmpdir(), 'monthly-job-'));
});
afterAll(async () => {
  await fake.stop();
  rmSync(work, { recursive: true, force: true });
});

it('stores the same files the CLI writes, under reports/<month>/, and sends finance the summary with a link', async () => {
  const io = captureIo(work, NOW, {
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
  });
  const cliOut = join(work, 'cli');
  const code = await runCli(
    [
      'cost',
      'report',
      '--plan',
      PLAN,
      '--month',
      '2026-07',
      '--source',
      'cost-explorer',
      '--endpoint',
      fake.url,
      '--out',
      cliOut,
    ],
    io,
  );
  expect(io.err()).toBe('');
  expect(code).toBe(0);

  const stored = new Map<string, { body: string; type: string }>();
  const sent: { subject: string; message: string }[] = [];
  fake.requests.length = 0;
  const result = await runMonthlyReportJob({
    model: buildEstateModel(loadPlan(PLAN)),
    now: () => new Date(NOW),
    billing: {
      kind: 'cost-explorer',
      source: new CostExplorerBillingSource({
        client: new CostExplorerClient({
          region: 'us-east-1',
          endpoint: fake.url,
          credentials: CREDENTIALS,
          maxAttempts: 1,
        }),
        now: () => new Date(NOW),
        cacheDir: join(work, 'lambda-tmp'),
      }),
    },
    store: {
      put: async (key, body, type) => void stored.set(key, { body, type }),
      linkTo: (key) => `https://console.example/${key}`,
    },
    notifier: { send: async (subject, message) => void sent.push({ subject, message }) },
  });

  expect(result.month).toBe('2026-07');
  const cliFiles = readdirSync(cliOut).sort();
  expect(cliFiles.length).toBeGreaterThan(5);
  expect([...stored.keys()].sort()).toEqual(cliFiles.map((f) => `reports/2026-07/${f}`));
  for (const f of cliFiles)
    expect(stored.get(`reports/2026-07/${f}`)!.body).toBe(readFileSync(join(cliOut, f), 'utf8'));
  expect(stored.get('reports/2026-07/cost-report.html')!.type).toBe('text/html; charset=utf-8');
  expect(fake.requests.length).toBeGreaterThan(0); // read from Cost Explorer, not from the CLI's cache

  expect(sent).toHaveLength(1);
  expect(sent[0]!.subject).toBe('Testshire District Council: AWS cost report for 2026-07');
  expect(sent[0]!.message).toContain(readFileSync(join(cliOut, 'cost-report.md'), 'utf8'));
  expect(sent[0]!.message).toContain(
    'Full report (HTML, CSV, JSON): https://console.example/reports/2026-07/cost-report.html',
  );
});
