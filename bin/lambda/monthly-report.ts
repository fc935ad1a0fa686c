/**
 * Lambda entry point of the monthly cost report job (bundled at synth with esbuild by the
 * CostGovernanceStack; the plan folder is copied next to it as `plan/`). Builds the real clients
 * from the function's environment and runs lib/cost/monthly's job: nothing else happens here.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { join } from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { AthenaBillingSource } from '../../lib/cost/athena';
import { CostExplorerBillingSource } from '../../lib/cost/cost-explorer';
import { financeNames } from '../../lib/cost/finance-names';
import {
  runMonthlyReportJob,
  s3ReportStore,
  snsNotifier,
  type MonthlyBilling,
  type MonthlyReportResult,
} from '../../lib/cost/monthly';
import { loadPlan } from '../../lib/plan';
import { buildEstateModel } from '../../lib/estate-model';

/** Attempts per call, first try included (the SDK's standard retry mode retries throttling and 5xx). */
const MAX_ATTEMPTS = 5;

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`The function's environment lacks ${name}; redeploy the CostGovernanceStack`);
  return v;
}

export async function handler(): Promise<MonthlyReportResult> {
  const plan = loadPlan(join(__dirname, 'plan'));
  const region = env('AWS_REGION');
  const now = () => new Date();
  const names = financeNames(plan.estate.id);
  const billing: MonthlyBilling =
    env('BILLING_SOURCE') === 'athena'
      ? {
          kind: 'athena',
          source: new AthenaBillingSource({
            client: new AthenaClient({ region, maxAttempts: MAX_ATTEMPTS }),
            workGroup: names.workGroup,
            database: names.database,
            table: names.table,
            now,
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          }),
        }
      : {
          kind: 'cost-explorer',
          source: new CostExplorerBillingSource({
            // Cost Explorer's one endpoint is in us-east-1 ("Using the AWS Cost Explorer API", Service endpoint).
            client: new CostExplorerClient({ region: 'us-east-1', maxAttempts: MAX_ATTEMPTS }),
            now,
            cacheDir: '/tmp/cost-explorer-cache',
          }),
        };
  const bucket = env('REPORT_BUCKET');
  const result = await runMonthlyReportJob({
    model: buildEstateModel(plan),
    now,
    billing,
    store: s3ReportStore(new S3Client({ region }), bucket, region),
    notifier: snsNotifier(new SNSClient({ region }), env('TOPIC_ARN')),
  });
  for (const note of result.notes) console.log(note);
  console.log(
    `Report for ${result.month}: ${result.keys.length} file(s) in s3://${bucket}/reports/${result.month}/`,
  );
  return result;
}
