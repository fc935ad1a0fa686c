import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { focusCsvToParquet } from './csv-to-parquet';
import { focusCsv } from './focus-csv';
import { sampleFocusLines, type SampleFocusProps } from './sample-focus-lines';

export interface WriteSampleExportProps extends SampleFocusProps {
  /** Folder to write into (created when missing); files go in `csv/` and `parquet/` under it. */
  readonly outDir: string;
  /** Formats to write. @default ['csv', 'parquet'] */
  readonly formats?: readonly ('csv' | 'parquet')[];
}

export interface SampleExport {
  /** `<outDir>/csv`: point the FOCUS source here (or at parquetDir). */
  readonly csvDir: string;
  readonly parquetDir: string;
  readonly csvFiles: readonly string[];
  readonly parquetFiles: readonly string[];
  readonly months: readonly string[];
  readonly lines: number;
}

/**
 * Writes the sample FOCUS export, one file per billing month as Data Exports does
 * (`<estate>-focus-<YYYY-MM>.csv` / `.parquet`). Same plan, clock value, seed and granularity give
 * the same bytes. Files are written to a temp name and renamed, so a reader never sees half a file.
 */
export async function writeSampleFocusExport(props: WriteSampleExportProps): Promise<SampleExport> {
  const formats = props.formats ?? ['csv', 'parquet'];
  const months = sampleFocusLines(props);
  const csvDir = join(props.outDir, 'csv');
  const parquetDir = join(props.outDir, 'parquet');
  await mkdir(csvDir, { recursive: true });
  if (formats.includes('parquet')) await mkdir(parquetDir, { recursive: true });
  const csvFiles: string[] = [];
  const parquetFiles: string[] = [];
  const id = props.model.estate.id;
  for (const m of months) {
    const csvFile = join(csvDir, `${id}-focus-${m.month}.csv`);
    await writeFile(`${csvFile}.tmp`, focusCsv(m.lines), 'utf8');
    if (formats.includes('parquet')) {
      const parquetFile = join(parquetDir, `${id}-focus-${m.month}.parquet`);
      await focusCsvToParquet([`${csvFile}.tmp`], `${parquetFile}.tmp`);
      await rename(`${parquetFile}.tmp`, parquetFile);
      parquetFiles.push(parquetFile);
    }
    if (formats.includes('csv')) {
      await rename(`${csvFile}.tmp`, csvFile);
      csvFiles.push(csvFile);
    } else {
      await rm(`${csvFile}.tmp`); // only the Parquet source
    }
  }
  return {
    csvDir,
    parquetDir,
    csvFiles,
    parquetFiles,
    months: months.map((m) => m.month),
    lines: months.reduce((n, m) => n + m.lines.length, 0),
  };
}
