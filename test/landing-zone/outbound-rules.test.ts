/** Egress derived from the plan: peers' inbound flows, declared outbound flows, environment separation. */
import { outboundRulesFor } from '../../lib/compute';
import { getsLandingZone } from '../../lib/plan/plan';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';
import { buildEstateModel } from '../../lib/estate-model';

const peers = (rules: ReturnType<typeof outboundRulesFor>) =>
  rules.map(
    (r) =>
      `${r.peer.kind === 'application' ? r.peer.application : r.peer.kind === 'cidr' ? r.peer.cidr : 'internet'} ${r.protocol}/${r.fromPort}`,
  );

describe('outboundRulesFor', () => {
  test('an application reaches the applications that admit it by name, nothing else by default', () => {
    const plan = buildPlan(minimalPlanInput());
    const servers = plan.servers.filter(getsLandingZone);
    expect(peers(outboundRulesFor(buildEstateModel(plan), 'intranet', servers))).toEqual([
      'revenues tcp/8080',
    ]);
    expect(peers(outboundRulesFor(buildEstateModel(plan), 'revenues', servers))).toEqual([]);
  });

  test('a VPC-wide source opens production to production only: non-production stays out', () => {
    const input = minimalPlanInput();
    input.servers.servers[1].inboundFlows = [{ from: { cidr: '10.40.0.0/16' }, port: 445 }];
    const plan = buildPlan(input);
    const servers = plan.servers.filter(getsLandingZone);
    expect(peers(outboundRulesFor(buildEstateModel(plan), 'revenues', servers))).toEqual([
      'revenues tcp/445',
    ]);
    expect(peers(outboundRulesFor(buildEstateModel(plan), 'intranet', servers))).toEqual([]);
  });

  test('internet and on-premises egress only as declared, on the declared ports', () => {
    const input = minimalPlanInput();
    input.servers.servers[0].outboundFlows = [
      { to: { internet: true }, port: 443 },
      { to: { onPremises: 'corporate-lan' }, port: 389 },
    ];
    const plan = buildPlan(input);
    const rules = outboundRulesFor(buildEstateModel(plan), 'intranet', plan.servers.filter(getsLandingZone));
    expect(peers(rules)).toEqual(['revenues tcp/8080', '10.0.0.0/16 tcp/389', 'internet tcp/443']);
  });
});
