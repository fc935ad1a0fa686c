import { databaseExitDegraded } from './database-exit-degraded';
import { imageNotExportable } from './image-not-exportable';
import { routeBlocked } from './route-blocked';
import { stagingRequired } from './staging-required';

export { databaseExitDegraded, imageNotExportable, routeBlocked, stagingRequired };

/** Every exit-readiness rule, in report order. */
export const EXIT_RULES = [routeBlocked, imageNotExportable, stagingRequired, databaseExitDegraded] as const;
