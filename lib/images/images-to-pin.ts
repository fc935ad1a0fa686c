/** Which base images a plan needs pinned: those of its `rebuild` servers, in the estate region. */
import type { EstateModel } from '../estate-model/estate-model';
import { serverEntryRouteOf } from '../estate-model/model-lookup';
import type { BaseImage } from '../plan/schema';

/** The base images of the model's `rebuild` servers, sorted (pinned or not yet). */
export function imagesToPin(model: EstateModel): BaseImage[] {
  const wanted = new Set<BaseImage>();
  for (const server of model.planned.servers) {
    if (serverEntryRouteOf(model, server.id) !== 'rebuild') continue;
    if (server.image && 'baseImage' in server.image) wanted.add(server.image.baseImage);
  }
  return [...wanted].sort();
}
