export * from './wave-runbook';
export { runbookMarkdown } from './runbook-markdown';
export { runbookHtml } from './runbook-html';
