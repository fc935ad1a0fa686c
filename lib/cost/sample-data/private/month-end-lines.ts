import { Money } from '../../../shared/money';
import { addMonths } from '../../../shared/months';
import type { MonthLines } from './month-lines';
import type { Period } from './periods';
import { SERVICES, serviceNamed } from './services';

const VAT_RATE = '0.20';
const MAP_CREDIT_RATE = '0.15';
const MAP_CREDIT_MONTHS = 12;

/**
 * Lines AWS adds when a month closes: a MAP migration credit (15% of the month's billed EC2 and
 * RDS cost, one line per service, for twelve months from the first cutover) and UK VAT at 20% of
 * each service's billed cost net of its credit, rounded to the penny (cent) per service.
 */
export function monthEndLines(out: MonthLines, whole: Period, firstCutover: string): void {
  const taxBase = new Map(out.billedByService);
  if (whole.month >= firstCutover && whole.month <= addMonths(firstCutover, MAP_CREDIT_MONTHS - 1)) {
    for (const service of [SERVICES.ec2, SERVICES.rds]) {
      const billed = out.billedByService.get(service.name) ?? new Money(0);
      const credit = billed.times(MAP_CREDIT_RATE).toDecimalPlaces(2, Money.ROUND_HALF_EVEN).negated();
      if (credit.isZero()) continue;
      out.add(whole, service, {
        billed: credit,
        category: 'Credit',
        description: 'AWS Migration Acceleration Program credit',
        usageType: 'MAP-Credit',
        tags: {},
      });
      taxBase.set(service.name, billed.plus(credit));
    }
  }
  for (const [service, base] of [...taxBase.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const tax = base.times(VAT_RATE).toDecimalPlaces(2, Money.ROUND_HALF_EVEN);
    if (tax.isZero()) continue;
    out.add(whole, serviceNamed(service), {
      billed: tax,
      category: 'Tax',
      description: 'UK VAT at 20%',
      usageType: 'Tax:VAT',
      tags: {},
    });
  }
}
