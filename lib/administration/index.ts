export * from './administration-roles';
