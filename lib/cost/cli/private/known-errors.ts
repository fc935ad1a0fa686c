/** Errors whose message is meant for the user: printed as they stand, no stack trace. */
import { AthenaQueryError } from '../../athena/athena-error';
import { ComparisonError } from '../../comparison/exchange';
import { CostExplorerError } from '../../cost-explorer/cost-explorer-error';
import { FocusExportError } from '../../focus/focus-error';
import { PricingError } from '../../pricing/types';
import { SizingError } from '../../../sizing/sizing-decision';

export function isUserFacing(e: unknown): e is Error {
  return (
    e instanceof AthenaQueryError ||
    e instanceof ComparisonError ||
    e instanceof CostExplorerError ||
    e instanceof FocusExportError ||
    e instanceof PricingError ||
    e instanceof SizingError
  );
}
