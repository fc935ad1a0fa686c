export * from './schema';
export * from './plan';
export * from './errors';
export * from './files';
export {
  planFromObjects,
  assemblePlan,
  type PlanInput,
  type ParsedFiles,
  type Locator,
  type ProblemLocation,
} from './build';
export { loadPlan, type LoadPlanOptions, type CapabilityCheck } from './loader';
export { readMgnCsv, type MgnCsv } from './mgn-csv';
export { planJsonSchemas } from './json-schema';
export * from './image-lock';
export * from './migration-state';
export { EMPTY_SIDE_FILES, type SideFiles } from './side-files';
export * from './sqlserver-version';
export * from './cidr-overlap';
export { UK_DEFAULT_REGION } from './uk-default-region';
export * from './illustrative-images';
export * from './summarize-warnings';
