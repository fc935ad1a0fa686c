/** Which base images a plan needs pinned: those of its `rebuild` servers, in the estate region. */
import { buildEstateModel } from '../estate-model/build-estate-model';
import { serverEntryRouteOf } from '../estate-model/model-lookup';
import type { Plan } from '../plan/plan';
import type { BaseImage } from '../plan/schema';

export function imagesToPin(plan: Plan): BaseImage[] {
  const model = buildEstateModel(plan);
  const wanted = new Set<BaseImage>();
  for (const server of plan.servers) {
    if (serverEntryRouteOf(model, server.id) !== 'rebuild') continue;
    if (server.image && 'baseImage' in server.image) wanted.add(server.image.baseImage);
  }
  return [...wanted].sort();
}
