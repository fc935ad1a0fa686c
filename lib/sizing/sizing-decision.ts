/** What right-sizing needed and what it chose for one server or database. */
import { UserError } from '../shared/user-error';
export interface SizingNeed {
  /** vCPU needed (headroom included), to one decimal place, rounded up. */
  readonly vcpu: number;
  /** Memory needed in GiB (headroom included), to one decimal place, rounded up. */
  readonly memoryGiB: number;
}

export interface SizingDecision {
  /** EC2 instance type to launch, e.g. "m7i.large". */
  readonly instanceType: string;
  /** One line a person can check: the figures used and why this type. */
  readonly reason: string;
  /** True when the plan's `instanceType` was used instead of the right-sized type. */
  readonly overridden: boolean;
  /** What the server needs; the chosen type covers it unless overridden. */
  readonly needed: SizingNeed;
}

export interface DatabaseSizingDecision {
  /** RDS DB instance class, e.g. "db.m6i.large". */
  readonly instanceClass: string;
  readonly reason: string;
  /** True when the plan's `instanceClass` was used instead of the right-sized class. */
  readonly overridden: boolean;
  readonly needed: SizingNeed;
}

/** A server or database that no catalogue type can hold; the message says what to set instead. */
export class SizingError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'SizingError';
  }
}
