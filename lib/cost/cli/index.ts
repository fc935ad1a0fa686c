export { costReportCommand } from './report-command';
export { costEstimateCommand } from './estimate-command';
