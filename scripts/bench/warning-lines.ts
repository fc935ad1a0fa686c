/**
 * How many stderr lines of `npx cdk synth` are warnings, and how many errors, for the benchmark.
 * Counted as a reader meets them:
 * - a line starting `warning: ` is one warning line (the app's plan and register warnings);
 * - a status line (the CLI's "Bundling asset ...", the app's "Template validation: ..." before it
 *   validates many templates) is neither, and no part of the finding block that follows it;
 * - the CDK CLI prints each validation finding as a block (source location lines, the
 *   `WARNING ...` or `ERROR ...` line, the construct, and last "Acknowledge with ..." or "Rule
 *   ..."); every line of a block counts, as a warning line when its header says WARNING, as an
 *   error line when it says ERROR (INFO blocks and other output are not counted).
 * Colour codes are ignored. Pure.
 */
export interface StderrLineCounts {
  readonly warningLines: number;
  readonly errorLines: number;
  /** Finding blocks by severity (one per violating construct the CLI printed). */
  readonly warningBlocks: number;
  readonly errorBlocks: number;
}

const ANSI = /\u001b\[[0-9;]*m/g;
/** Lines that say what the CLI or the app is doing: no warning, and no part of a finding block. */
const STATUS = /^(Bundling asset |Template validation: )/;

export function countStderrLines(stderr: string): StderrLineCounts {
  let warningLines = 0;
  let errorLines = 0;
  let warningBlocks = 0;
  let errorBlocks = 0;
  let block: string[] = [];
  const close = () => {
    const header = block.find((l) => /^(WARNING|ERROR) /.test(l));
    if (header?.startsWith('WARNING ')) {
      warningLines += block.length;
      warningBlocks++;
    } else if (header?.startsWith('ERROR ')) {
      errorLines += block.length;
      errorBlocks++;
    }
    block = [];
  };
  for (const raw of stderr.split('\n')) {
    const line = raw.replace(ANSI, '').trimEnd();
    if (line.startsWith('warning: ')) {
      close(); // what came before it (e.g. "Bundling asset ...") is no finding block
      warningLines++;
    } else if (line === '' || STATUS.test(line)) close();
    else {
      block.push(line);
      // A block's last line (the CLI may print "Synthesis finished with errors" right after it).
      if (/^\s+(Acknowledge with|Rule) /.test(line)) close();
    }
  }
  close();
  return { warningLines, errorLines, warningBlocks, errorBlocks };
}
