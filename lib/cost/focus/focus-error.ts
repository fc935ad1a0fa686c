/** A FOCUS export that cannot be found, read or trusted. The message says which file and what. */
export class FocusExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FocusExportError';
  }
}
