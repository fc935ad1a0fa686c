export { costReportCommand } from './report-command';
export { costEstimateCommand } from './estimate-command';
export { costRefreshPricesCommand } from './refresh-prices-command';
