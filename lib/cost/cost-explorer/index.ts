export * from './cost-explorer-error';
export * from './cost-explorer-source';
export { PRICE_PER_REQUEST_USD } from './private/request-counter';
