export * from './csv-to-parquet';
export * from './focus-csv';
export * from './prng';
export * from './sample-focus-lines';
export * from './write-sample-export';
