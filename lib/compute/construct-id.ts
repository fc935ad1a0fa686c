/** Construct ids derive from plan ids: "revenues-app-01" -> "RevenuesApp01". Renaming one replaces the resource. */
export function constructIdFor(planId: string): string {
  const id = planId
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  if (id.length === 0) throw new Error(`Cannot derive a construct id from "${planId}"`);
  return id;
}

/** Security-group and rule descriptions allow only a restricted character set. */
export function safeDescription(text: string): string {
  return text.replace(/[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g, '_').slice(0, 255);
}
