import * as budgets from 'aws-cdk-lib/aws-budgets';
import { Construct } from 'constructs';
import { idFor } from './private/construct-id';
import type { BudgetAmount, BudgetAmounts } from './budget-amounts';

/** Alerts on every budget: actual spend at 50, 80 and 100 %, forecast at 100 %. */
export const BUDGET_ALERTS = [
  { notificationType: 'ACTUAL', threshold: 50 },
  { notificationType: 'ACTUAL', threshold: 80 },
  { notificationType: 'ACTUAL', threshold: 100 },
  { notificationType: 'FORECASTED', threshold: 100 },
] as const;

/** Properties of {@link EstateBudgets}. */
export interface EstateBudgetsProps {
  readonly estateId: string;
  readonly amounts: BudgetAmounts;
  /** The finance topic's ARN (every alert goes there as well as to the owner). */
  readonly topicArn: string;
  /** Tag keys the budgets filter on. @default Application and MigrationWave */
  readonly tagKeys?: { readonly application: string; readonly wave: string };
}

/**
 * Monthly AWS Budgets per wave and per application, filtered on the cost-allocation tags, each
 * alerting the owner's address and the finance topic at actual 50/80/100 % and forecast 100 %.
 */
export class EstateBudgets extends Construct {
  readonly budgets: budgets.CfnBudget[] = [];

  constructor(scope: Construct, id: string, props: EstateBudgetsProps) {
    super(scope, id);
    const keys = props.tagKeys ?? { application: 'Application', wave: 'MigrationWave' };
    const add = (kind: 'Wave' | 'Application', tagKey: string, b: BudgetAmount) => {
      this.budgets.push(
        new budgets.CfnBudget(this, `${kind}${idFor(b.id)}`, {
          budget: {
            budgetName: `${props.estateId}-${kind.toLowerCase()}-${b.id}`,
            budgetType: 'COST',
            timeUnit: 'MONTHLY',
            budgetLimit: { amount: Number(b.amountUsd), unit: 'USD' },
            costFilters: { TagKeyValue: [`user:${tagKey}$${b.id}`] },
          },
          notificationsWithSubscribers: BUDGET_ALERTS.map((a) => ({
            notification: {
              notificationType: a.notificationType,
              comparisonOperator: 'GREATER_THAN',
              threshold: a.threshold,
              thresholdType: 'PERCENTAGE',
            },
            subscribers: [
              { subscriptionType: 'EMAIL', address: b.ownerEmail },
              { subscriptionType: 'SNS', address: props.topicArn },
            ],
          })),
        }),
      );
    };
    for (const w of props.amounts.waves) add('Wave', keys.wave, w);
    for (const a of props.amounts.applications) add('Application', keys.application, a);
  }
}
