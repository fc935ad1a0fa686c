/**
 * The shared network lines of the estimate: per workload account's VPC (production first, with the
 * ids it always had), its NAT gateways (the estate model's count, the same the VPC construct
 * builds) and interface endpoints (lib/network ServiceEndpoints; an account MGN replicates into
 * privately also gets the MGN and EC2 endpoints). Hourly charges only. Pure.
 */
import { Money } from '../../shared/money';
import type { EstateModel, WorkloadAccount } from '../../estate-model';
import { INTERFACE_ENDPOINT_IDS, MGN_INTERFACE_ENDPOINT_IDS } from '../../network/interface-endpoint-ids';
import {
  HOURS_PER_MONTH,
  interfaceEndpointHourlyUsdPerAz,
  natGatewayHourlyUsd,
  type PriceSnapshot,
} from '../pricing';
import { same, type ExactLine } from './line-pricing';

export interface NetworkPricing {
  readonly model: EstateModel;
  readonly snapshot: PriceSnapshot;
  /** MGN replicates over private endpoints (the plan's replication network). */
  readonly privateMgn: boolean;
  /** The wave shared items are paid from (the first). */
  readonly firstWave: string;
}

function accountLines(account: WorkloadAccount, p: NetworkPricing): ExactLine[] {
  const { model, snapshot } = p;
  const hours = new Money(HOURS_PER_MONTH);
  const azs = model.availabilityZones.length;
  const nats = model.network.natGatewaysPerVpc;
  const mgnHere = model.servers.some(
    (s) => s.routes.entry.route === 'mgn' && s.account.role === account.role,
  );
  const endpoints =
    INTERFACE_ENDPOINT_IDS.length + (p.privateMgn && mgnHere ? MGN_INTERFACE_ENDPOINT_IDS.length : 0);
  const production = account.role === 'production';
  const idPrefix = production ? '' : `${account.role}-`;
  const where = production ? '' : ` in the ${account.role} account ${account.account}`;
  const shared = { kind: 'shared', application: null, wave: p.firstWave } as const;
  return [
    {
      item: {
        ...shared,
        id: `${idPrefix}nat-gateways`,
        resource: `${nats} NAT gateway(s) (${model.network.natGatewayChoice})${where}`,
        reason: 'hourly charge only; data processed is not estimated',
        natGateways: nats,
      },
      exact: same(new Money(natGatewayHourlyUsd(snapshot)).times(hours).times(nats)),
    },
    {
      item: {
        ...shared,
        id: `${idPrefix}interface-endpoints`,
        resource: `${endpoints} interface endpoints x ${azs} AZs${where}`,
        reason: 'hourly charge only (lib/network ServiceEndpoints); data processed is not estimated',
      },
      exact: same(new Money(interfaceEndpointHourlyUsdPerAz(snapshot)).times(hours).times(endpoints * azs)),
    },
  ];
}

export function networkLines(p: NetworkPricing): ExactLine[] {
  return p.model.accounts.flatMap((a) => accountLines(a, p));
}
