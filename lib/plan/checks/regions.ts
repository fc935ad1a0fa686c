/** The home region is allowed, and every availability zone belongs to it. */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';

export const regions: PlanCheck = ({ estate }) => {
  const out: RawProblem[] = [];
  const { region, allowedRegions } = estate.estate;
  if (allowedRegions && !allowedRegions.includes(region)) {
    out.push({
      file: 'estate',
      path: ['estate', 'region'],
      message: 'is not in estate.allowedRegions',
      received: region,
      allowed: allowedRegions.join(', '),
    });
  }
  const seen = new Set<string>();
  estate.network.availabilityZones.forEach((az, i) => {
    const path = ['network', 'availabilityZones', i];
    if (!new RegExp(`^${region.replace(/-/g, '\\-')}[a-z]$`).test(az)) {
      out.push({
        file: 'estate',
        path,
        message: `is not an availability zone of the estate region ${region}`,
        received: az,
        allowed: `${region}a, ${region}b, ${region}c, ...`,
      });
    } else if (seen.has(az)) {
      out.push({ file: 'estate', path, message: 'is listed twice', received: az });
    }
    seen.add(az);
  });
  return out;
};
