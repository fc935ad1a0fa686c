import { UserError } from '../../shared/user-error';
/** A FOCUS export that cannot be found, read or trusted. The message says which file and what. */
export class FocusExportError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'FocusExportError';
  }
}
