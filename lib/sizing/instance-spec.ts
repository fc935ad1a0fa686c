/** What the sizing and the cost estimate need to know about one EC2 instance type or RDS class. */
export interface InstanceSpec {
  /** The type or class name, e.g. "m7i.large" or "db.r6i.xlarge". */
  readonly name: string;
  /** Family part of the name, e.g. "m7i" or "db.r6i". */
  readonly family: string;
  /** Size part of the name, e.g. "large", "2xlarge". */
  readonly size: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  /** True for burstable families (t3, t3a, t4g): sustained CPU is limited to a credit baseline. */
  readonly burstable: boolean;
  /**
   * Sustained CPU a burstable type can run at without spending credits, as a fraction of all its
   * vCPUs (e.g. 0.2 for t3.medium). 1 for non-burstable types.
   */
  readonly baselineCpuFraction: number;
  /** Memory per vCPU of the family: 2 compute, 4 general purpose, 8 memory optimised. */
  readonly memoryPerVcpu: number;
  readonly processor: 'intel' | 'amd' | 'graviton';
}
