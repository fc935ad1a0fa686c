/**
 * Names derived from plan ids. Construct ids and stack names are a contract: they come from
 * the plan's stable kebab-case ids, never from list positions.
 */

/** `revenues-benefits` -> `RevenuesBenefits`; `eu-west-2a` -> `EuWest2a`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Stack name for an estate and a stack role, e.g. `Peterborough-Network`. */
export function estateStackName(estateId: string, role: string): string {
  return `${pascalCase(estateId)}-${role}`;
}
