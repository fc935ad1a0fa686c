/**
 * Servers that stay,
 * go, or are bought as a service (retain, retire, repurchase) must not carry landing-zone
 * fields nor receive network flows. Ports ranges run upwards. Whether a
 * landing-zone server needs an `image` depends on its entry route: see
 * lib/estate-model/routes/entry-route.ts.
 */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';

const NO_AWS_STRATEGIES = ['retain', 'retire', 'repurchase'];

export const landingZoneFields: PlanCheck = ({ servers, databases }) => {
  const out: RawProblem[] = [];
  servers.servers.forEach((s, i) => {
    const base = ['servers', i];
    if (NO_AWS_STRATEGIES.includes(s.strategy)) {
      if (s.image !== undefined) {
        out.push({
          file: 'servers',
          path: [...base, 'image'],
          message: `must not be set for strategy ${s.strategy} (no EC2 instance is built)`,
        });
      }
      if (s.instanceType !== undefined) {
        out.push({
          file: 'servers',
          path: [...base, 'instanceType'],
          message: `must not be set for strategy ${s.strategy} (no EC2 instance is built)`,
          received: s.instanceType,
        });
      }
      if (s.placementGroup !== undefined) {
        out.push({
          file: 'servers',
          path: [...base, 'placementGroup'],
          message: `must not be set for strategy ${s.strategy} (no EC2 instance is placed)`,
          received: s.placementGroup,
        });
      }
      if (s.inboundFlows.length > 0) {
        out.push({
          file: 'servers',
          path: [...base, 'inboundFlows'],
          message: `must be empty for strategy ${s.strategy} (the server is not in AWS to receive traffic)`,
        });
      }
    }
    s.inboundFlows.forEach((f, j) => {
      if (f.toPort !== undefined && f.toPort < f.port) {
        out.push({
          file: 'servers',
          path: [...base, 'inboundFlows', j, 'toPort'],
          message: `must not be below port ${f.port}`,
          received: f.toPort,
          allowed: `>= ${f.port}`,
        });
      }
    });
  });
  databases.databases.forEach((d, i) => {
    if (NO_AWS_STRATEGIES.includes(d.strategy) && d.instanceClass !== undefined) {
      out.push({
        file: 'databases',
        path: ['databases', i, 'instanceClass'],
        message: `must not be set for strategy ${d.strategy} (no RDS instance is built)`,
        received: d.instanceClass,
      });
    }
  });
  return out;
};
