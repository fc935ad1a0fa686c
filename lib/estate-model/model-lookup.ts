/** Finding one item's decisions in the model by plan id. */
import type {
  DatabaseDecision,
  DatabaseModel,
  EstateModel,
  ServerDecision,
  ServerModel,
} from './estate-model';

interface Index {
  readonly servers: ReadonlyMap<string, ServerModel>;
  readonly databases: ReadonlyMap<string, DatabaseModel>;
}

const indexes = new WeakMap<EstateModel, Index>();

function indexOf(model: EstateModel): Index {
  let index = indexes.get(model);
  if (!index) {
    index = {
      servers: new Map(model.servers.map((s) => [s.id, s])),
      databases: new Map(model.databases.map((d) => [d.id, d])),
    };
    indexes.set(model, index);
  }
  return index;
}

/** The decisions for a landing-zone server; throws for an unknown id or one without resources. */
export function serverDecision(model: EstateModel, id: string): ServerDecision {
  const item = indexOf(model).servers.get(id);
  if (!item) throw new Error(`The estate model has no server "${id}"`);
  if (!item.landingZone) throw new Error(`Server "${id}" gets no resources (${item.reason})`);
  return item;
}

/** The decisions for a landing-zone database; throws for an unknown id or one without resources. */
export function databaseDecision(model: EstateModel, id: string): DatabaseDecision {
  const item = indexOf(model).databases.get(id);
  if (!item) throw new Error(`The estate model has no database "${id}"`);
  if (!item.landingZone) throw new Error(`Database "${id}" gets no resources (${item.reason})`);
  return item;
}

/** A server's entry route (`none` when it does not move), as the model decided it. */
export function serverEntryRouteOf(model: EstateModel, id: string): ServerModel['routes']['entry']['route'] {
  const item = indexOf(model).servers.get(id);
  if (!item) throw new Error(`The estate model has no server "${id}"`);
  return item.routes.entry.route;
}

/** A database's entry route (`none` when it does not move), as the model decided it. */
export function databaseEntryRouteOf(
  model: EstateModel,
  id: string,
): DatabaseModel['routes']['entry']['route'] {
  const item = indexOf(model).databases.get(id);
  if (!item) throw new Error(`The estate model has no database "${id}"`);
  return item.routes.entry.route;
}

/** A server's routes (entry with its reason, exit), as the model decided them. */
export function serverRoutesOf(model: EstateModel, id: string): ServerModel['routes'] {
  const item = indexOf(model).servers.get(id);
  if (!item) throw new Error(`The estate model has no server "${id}"`);
  return item.routes;
}

/** A database's routes (entry with its reason, exit), as the model decided them. */
export function databaseRoutesOf(model: EstateModel, id: string): DatabaseModel['routes'] {
  const item = indexOf(model).databases.get(id);
  if (!item) throw new Error(`The estate model has no database "${id}"`);
  return item.routes;
}
