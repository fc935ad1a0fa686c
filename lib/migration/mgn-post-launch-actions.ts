import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/**
 * The SSM documents MGN runs on every test and cut-over instance, and why. In the MGN API an
 * action's `parameters` map each SSM document parameter to *SSM Parameter Store parameters* by
 * name (`SsmParameterStoreParameter.parameterName`, pattern `([A-Za-z0-9_\.-])+`, type `STRING |
 * SECURE_STRING`: MGN API reference, "SsmParameterStoreParameter"); a literal value there names a
 * parameter that does not exist, the action fails, and with `mustSucceedForCutover` cut-over is
 * never enabled. So every value an action needs is a Parameter Store parameter this construct
 * creates, and the action names it.
 */
export interface PostLaunchAction {
  /** MGN's `actionName` (also the construct id of its parameters). */
  readonly actionName: string;
  readonly ssmDocumentName: string;
  /** Why the action runs (printed in docs/waves.md). */
  readonly purpose: string;
  readonly mustSucceedForCutover: boolean;
  readonly timeoutSeconds: number;
  /** SSM document parameter -> the value its Parameter Store parameter holds. */
  readonly values: Readonly<Record<string, string>>;
}

export const POST_LAUNCH_ACTIONS: readonly PostLaunchAction[] = [
  {
    actionName: 'InstallCloudWatchAgent',
    ssmDocumentName: 'AWS-ConfigureAWSPackage',
    purpose:
      'Installs the CloudWatch agent (Distributor package AmazonCloudWatchAgent) so the instance reports memory and disk metrics the alarms and right-sizing use.',
    mustSucceedForCutover: true,
    timeoutSeconds: 600,
    values: { action: 'Install', name: 'AmazonCloudWatchAgent' },
  },
  {
    actionName: 'UpdateSsmAgent',
    ssmDocumentName: 'AWS-UpdateSSMAgent',
    purpose:
      'Updates the SSM agent the source carried to the current release, so Session Manager, patching and the later post-launch actions work. Takes no parameters.',
    mustSucceedForCutover: true,
    timeoutSeconds: 600,
    values: {},
  },
];

/** Parameter Store name of one action parameter's value: dots, not slashes (MGN's pattern). */
export function postLaunchParameterName(estateId: string, actionName: string, parameter: string): string {
  return `estate-${estateId}.mgn-post-launch.${actionName}.${parameter}`;
}

/** Properties of {@link MgnPostLaunchActions}. */
export interface MgnPostLaunchActionsProps {
  /** Estate id: the prefix of the parameter names. */
  readonly estateId: string;
}

/** The Parameter Store parameters of {@link POST_LAUNCH_ACTIONS} and the MGN `ssmDocuments` naming them. */
export class MgnPostLaunchActions extends Construct {
  /** For `postLaunchActions.ssmDocuments` of the MGN launch configuration template. */
  readonly ssmDocuments: {
    actionName: string;
    ssmDocumentName: string;
    mustSucceedForCutover: boolean;
    timeoutSeconds: number;
    parameters?: Record<string, { parameterName: string; parameterType: 'STRING' }[]>;
  }[];
  /** Every parameter created, by name. */
  readonly parameters: ReadonlyMap<string, ssm.StringParameter>;

  constructor(scope: Construct, id: string, props: MgnPostLaunchActionsProps) {
    super(scope, id);
    const created = new Map<string, ssm.StringParameter>();
    this.ssmDocuments = POST_LAUNCH_ACTIONS.map((action) => {
      const entries = Object.entries(action.values);
      const parameters: Record<string, { parameterName: string; parameterType: 'STRING' }[]> = {};
      for (const [name, value] of entries) {
        const parameterName = postLaunchParameterName(props.estateId, action.actionName, name);
        created.set(
          parameterName,
          new ssm.StringParameter(this, `${action.actionName}${name[0]!.toUpperCase()}${name.slice(1)}`, {
            parameterName,
            stringValue: value,
            description: `MGN post-launch action ${action.actionName}: ${action.ssmDocumentName} parameter "${name}"`,
            tier: ssm.ParameterTier.STANDARD,
          }),
        );
        parameters[name] = [{ parameterName, parameterType: 'STRING' }];
      }
      return {
        actionName: action.actionName,
        ssmDocumentName: action.ssmDocumentName,
        mustSucceedForCutover: action.mustSucceedForCutover,
        timeoutSeconds: action.timeoutSeconds,
        ...(entries.length > 0 ? { parameters } : {}),
      };
    });
    this.parameters = created;
  }
}
