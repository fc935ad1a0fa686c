/**
 * The home region is allowed (UK by default: without `allowedRegions` only eu-west-2), and every
 * availability zone belongs to it.
 */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import { UK_DEFAULT_REGION } from '../uk-default-region';

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
  } else if (!allowedRegions && region !== UK_DEFAULT_REGION) {
    out.push({
      file: 'estate',
      path: ['estate', 'region'],
      message: `is outside the UK: an estate without estate.allowedRegions is held to ${UK_DEFAULT_REGION} (London); list the region in estate.allowedRegions to widen it on purpose`,
      received: region,
      allowed: UK_DEFAULT_REGION,
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
