/**
 * The compliance register: the one file an auditor reads to see every accepted deviation from
 * the compliance packs, who accepted it, why, and when it must be looked at again.
 */
import { z } from 'zod';

/** `YYYY-MM-DD`, a real calendar date. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date written YYYY-MM-DD, such as "2027-03-31"')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'a real calendar date');

/** Phrases that on their own explain nothing. */
const BRUSH_OFFS = [
  /\bnot (needed|required|necessary|applicable|relevant|an issue|a problem)\b/gi,
  /\bfalse[ -]positives?\b/gi,
  /\b(n\/a|na|tbd|todo|wip|ignore[ds]?|fine|ok|okay|agreed|as agreed|accepted( risk)?|known issue|by design|wont ?fix|won't fix|legacy|temporary)\b/gi,
];

/** What is left of a reason once brush-off phrases and punctuation are taken out. */
export function substanceOf(reason: string): string {
  let s = reason;
  for (const re of BRUSH_OFFS) s = s.replace(re, ' ');
  return s
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const ReasonSchema = z
  .string()
  .trim()
  .min(20, 'a reason of at least 20 characters saying why the finding is acceptable')
  .refine((r) => {
    if (r.length < 20) return true; // the length message says it already
    const rest = substanceOf(r);
    return rest.length >= 20 && rest.split(' ').length >= 4;
  }, 'a reason that explains why (a phrase such as "not needed" or "false positive" needs the reason after it)');

/** Construct path pattern: `/`-separated segments; `*` matches within a segment, `**` any number of segments. */
export const ScopeSchema = z
  .string()
  .min(1)
  .regex(/^[^\s]+$/, 'a construct path pattern without spaces, such as "PeterboroughWave1/**/InstanceRole"');

export const RuleIdSchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9.:_-]*(\[[^\]]+\])?$/,
    'a rule id as the report prints it, such as "AwsSolutions-IAM4" or "AwsSolutions-IAM5[Resource::*]"',
  );

/**
 * Who approved an acceptance that covers OFFICIAL-SENSITIVE data: the senior information risk
 * owner (SIRO) or the information asset owner (IAO) of the data.
 */
export const ApproverRoleSchema = z.enum(['SIRO', 'IAO']);

export const SuppressionSchema = z.strictObject({
  rule: RuleIdSchema,
  scope: ScopeSchema,
  reason: ReasonSchema,
  acceptedBy: z.string().trim().min(3, 'the name and role of the person who accepted the risk'),
  /** Required when the entry covers OFFICIAL-SENSITIVE resources (checked when it is applied). */
  approverRole: ApproverRoleSchema.optional(),
  reviewBy: IsoDateSchema,
});

export const DisabledControlSchema = z.strictObject({
  control: z
    .string()
    .regex(/^ct-[a-z0-9]+-pr-\d+$/, 'a Control Tower proactive control file name such as "ct-ec2-pr-5"'),
  reason: ReasonSchema,
  acceptedBy: z.string().trim().min(3, 'the name and role of the person who accepted the risk'),
  reviewBy: IsoDateSchema,
});

export const RegisterFileSchema = z.strictObject({
  /** Estate the register belongs to (the plan's estate id). */
  estate: z.string().min(1),
  /** Who owns the register. */
  owner: z.string().min(1),
  suppressions: z.array(SuppressionSchema).default([]),
  disabledControls: z.array(DisabledControlSchema).default([]),
});

/**
 * The product register (lib/compliance/product-register.yaml): acceptances that follow from the
 * tool's own design, reviewed like code and applied to every estate. Same entries, no estate.
 */
export const ProductRegisterFileSchema = z.strictObject({
  /** The product the register belongs to. */
  product: z.string().min(1),
  owner: z.string().min(1),
  suppressions: z.array(SuppressionSchema).default([]),
  disabledControls: z.array(DisabledControlSchema).default([]),
});

export type Suppression = z.output<typeof SuppressionSchema>;
export type DisabledControl = z.output<typeof DisabledControlSchema>;
export type RegisterFile = z.output<typeof RegisterFileSchema>;
