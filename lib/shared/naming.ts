/**
 * Names derived from plan ids. Construct ids and stack names are a contract: they come from the
 * plan's stable kebab-case ids, never from list positions. Renaming one replaces the resource.
 */

/** `revenues-benefits` -> `RevenuesBenefits`; `eu-west-2a` -> `EuWest2a`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Construct id for a plan id: "revenues-app-01" -> "RevenuesApp01". Throws when nothing is left. */
export function constructIdFor(planId: string): string {
  const id = pascalCase(planId);
  if (id.length === 0) throw new Error(`Cannot derive a construct id from "${planId}"`);
  return id;
}

/** Stack name for an estate and a stack role, e.g. `Peterborough-Network`. */
export function estateStackName(estateId: string, role: string): string {
  return `${pascalCase(estateId)}-${role}`;
}

/** Security-group and rule descriptions allow only a restricted character set. */
export function safeDescription(text: string): string {
  return text.replace(/[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g, '_').slice(0, 255);
}
