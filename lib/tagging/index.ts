export * from '../estate-model/tag-set';
export * from './apply-tags';
