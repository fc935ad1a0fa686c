/**
 * An existing alerts topic (`alerts.topicArn`) is in the estate region and in the workload account
 * of every application that uses it: CloudWatch alarm actions publish only to a topic in the
 * alarm's own region ("Using Amazon CloudWatch alarms", Alarm actions:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html), and
 * the estate keeps each application's alerts in its own account.
 */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';

interface TopicArnParts {
  readonly region: string;
  readonly account: string;
}

function partsOf(arn: string): TopicArnParts | undefined {
  const parts = arn.split(':');
  return parts.length === 6 ? { region: parts[3]!, account: parts[4]! } : undefined;
}

export const alertTargets: PlanCheck = ({ estate }) => {
  const out: RawProblem[] = [];
  const region = estate.estate.region;
  const production = estate.accounts?.production ?? estate.estate.account;
  const nonProduction = estate.accounts?.nonProduction ?? estate.estate.account;
  const accountOf = (environment: string): string =>
    environment === 'production' ? production : nonProduction;

  const check = (
    arn: string,
    path: readonly (string | number)[],
    accounts: readonly string[],
    who: string,
  ) => {
    const parts = partsOf(arn);
    if (!parts) return;
    if (parts.region !== region) {
      out.push({
        file: 'estate',
        path,
        message: `must be a topic in the estate region ${region}: CloudWatch alarms publish only to topics in their own region`,
        received: arn,
        allowed: `arn:aws:sns:${region}:<account>:<name>`,
      });
      return;
    }
    const wanted = [...new Set(accounts)];
    if (wanted.length > 0 && !wanted.includes(parts.account)) {
      out.push({
        file: 'estate',
        path,
        message: `must be a topic in the workload account of ${who} (${wanted.join(', ')})`,
        received: arn,
        allowed: wanted.map((a) => `arn:aws:sns:${region}:${a}:<name>`).join(', '),
      });
    }
  };

  estate.applications.forEach((app, i) => {
    if (app.alerts && 'topicArn' in app.alerts) {
      check(
        app.alerts.topicArn,
        ['applications', i, 'alerts', 'topicArn'],
        [accountOf(app.environment)],
        `application "${app.id}"`,
      );
    }
  });
  const fallback = estate.operations?.alerts;
  if (fallback && 'topicArn' in fallback) {
    const users = estate.applications.filter((a) => !a.alerts);
    check(
      fallback.topicArn,
      ['operations', 'alerts', 'topicArn'],
      users.map((a) => accountOf(a.environment)),
      `the applications without their own alerts (${users.map((a) => a.id).join(', ')})`,
    );
  }
  return out;
};
