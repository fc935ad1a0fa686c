/** One Price List API product (a JSON string in GetProducts' PriceList), parsed and checked. */
import { z } from 'zod';
import { PricingError } from '../types';

const PriceItemSchema = z.object({
  product: z.object({
    sku: z.string(),
    productFamily: z.string().optional(),
    attributes: z.record(z.string(), z.string()),
  }),
  terms: z
    .object({
      OnDemand: z
        .record(
          z.string(),
          z.object({
            priceDimensions: z.record(
              z.string(),
              z.object({
                unit: z.string().optional(),
                beginRange: z.string().optional(),
                pricePerUnit: z.record(z.string(), z.string()),
              }),
            ),
          }),
        )
        .optional(),
    })
    .optional(),
});

export interface PriceItem {
  readonly sku: string;
  readonly productFamily: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** On-demand USD per unit for the first tier (beginRange 0), when the item has one. */
  readonly onDemandUsd?: string;
}

/** Parses one PriceList entry; `where` names the query for the error message. */
export function parsePriceItem(text: string, where: string): PriceItem {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PricingError(
      `${where}: a PriceList entry is not JSON (starts ${JSON.stringify(text.slice(0, 40))})`,
    );
  }
  const r = PriceItemSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new PricingError(
      `${where}: a PriceList entry has an unexpected shape at ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const dims = Object.values(r.data.terms?.OnDemand ?? {}).flatMap((t) => Object.values(t.priceDimensions));
  const first = dims
    .filter((d) => d.pricePerUnit.USD !== undefined)
    .sort((a, b) => Number(a.beginRange ?? '0') - Number(b.beginRange ?? '0'))[0];
  const usd = first?.pricePerUnit.USD;
  if (usd !== undefined && !/^\d+(\.\d+)?$/.test(usd)) {
    throw new PricingError(
      `${where}: SKU ${r.data.product.sku} has price ${JSON.stringify(usd)}, not a decimal`,
    );
  }
  return {
    sku: r.data.product.sku,
    productFamily: r.data.product.productFamily ?? '',
    attributes: r.data.product.attributes,
    ...(usd !== undefined ? { onDemandUsd: usd } : {}),
  };
}
