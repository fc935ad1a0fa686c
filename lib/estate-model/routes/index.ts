export * from './entry-route';
export { mgnSupportsOs, type MgnOsSupport } from './mgn-supported-os';
