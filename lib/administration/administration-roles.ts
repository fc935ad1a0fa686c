import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { KeyAdministration } from '../keys/key-administration';

/** Properties of {@link AdministrationRoles}. */
export interface AdministrationRolesProps {
  /** The plan's `keyAdministration`: the names the key, vault and bucket policies use. */
  readonly administration: KeyAdministration;
}

/**
 * The key administrator and break-glass roles the key, vault and bucket policies name, created in
 * an account whose Organization does not provide them (`organisation.provides.keyAdministrationRoles`
 * false). KMS and S3 refuse a policy whose principal does not exist ("Key policies in AWS KMS":
 * "the principal must exist"; S3 "Invalid principal in policy"), so every stack whose policies name
 * them is created after this construct.
 *
 * Trust: the account itself, only for callers signed in with MFA (`aws:MultiFactorAuthPresent`),
 * one-hour sessions. The roles carry no IAM policy: the key policies give the administrator its
 * administration-without-use and the break-glass role its disable and delete rights; the council
 * grants `sts:AssumeRole` on them to the people it names (docs/organisation.md).
 */
export class AdministrationRoles extends Construct {
  readonly adminRole: iam.Role;
  readonly breakGlassRole: iam.Role;

  constructor(scope: Construct, id: string, props: AdministrationRolesProps) {
    super(scope, id);
    const { adminRole, breakGlassRole } = props.administration;
    this.adminRole = this.role(
      'KeyAdministrator',
      adminRole,
      'Administers the estate KMS keys; cannot use them',
    );
    this.breakGlassRole =
      breakGlassRole === adminRole
        ? this.adminRole
        : this.role(
            'BreakGlass',
            breakGlassRole,
            'Break-glass: the only role that may disable or delete keys and recovery points',
          );
  }

  private role(id: string, roleName: string, description: string): iam.Role {
    return new iam.Role(this, id, {
      roleName,
      description,
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      }),
      maxSessionDuration: Duration.hours(1),
    });
  }
}
