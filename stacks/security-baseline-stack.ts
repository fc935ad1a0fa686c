import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DetectiveControls, SessionManagerLogging } from '../lib/detective-controls';
import type { EstateModel } from '../lib/estate-model/estate-model';
import { applyTags } from '../lib/tagging';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface SecurityBaselineStackProps {
  readonly model: EstateModel;
  /** The estate's logs key (log groups). */
  readonly logsKey: kms.IKey;
  /** The workload account (estate model). @default - the production account */
  readonly account?: WorkloadAccount;
}

/**
 * Detective controls for one workload account (each workload account gets one): exactly those the plan says the organisation
 * does not provide (`organisation.provides`), plus Session Manager logging to an encrypted log
 * group, which is per account and always ours.
 */
export class SecurityBaselineStack extends EstateStack {
  readonly controls: DetectiveControls;
  /** Session Manager preferences and transcripts, unless the Organization provides them. */
  readonly sessionManager?: SessionManagerLogging;

  constructor(scope: Construct, props: SecurityBaselineStackProps) {
    const { model } = props;
    super(scope, {
      model,
      ...workloadStackProps(props.account, 'SecurityBaseline'),
      description: `${model.estate.name}: detective controls the organisation does not provide; Session Manager logging`,
      stateful: true,
    });
    applyTags(this, props.account?.sharedTags ?? model.sharedTags);
    this.controls = new DetectiveControls(this, 'Detective', {
      provides: model.settings.organisation.provides,
      administration: model.settings.keyAdministration,
      logsKey: props.logsKey,
    });
    // An Organization that already has the preferences document names its own group and key.
    if (!model.settings.organisation.provides.sessionManagerPreferences)
      this.sessionManager = new SessionManagerLogging(this, 'SessionManager', {
        estateId: model.estate.id,
        key: props.logsKey,
        retentionDays: logs.RetentionDays.ONE_YEAR,
      });
  }
}
