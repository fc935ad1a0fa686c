export * from './tag-set';
export * from './apply-tags';
