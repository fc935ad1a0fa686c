/** The detective controls the security baseline can turn on, as the plan names them. */
export const DETECTIVE_CONTROLS = [
  'cloudTrail',
  'guardDuty',
  'securityHub',
  'config',
  'accessAnalyzer',
] as const;

export type DetectiveControl = (typeof DETECTIVE_CONTROLS)[number];

/** The controls the organisation does not provide: what the security-baseline stack must create. */
export function missingControls(provides: Readonly<Record<DetectiveControl, boolean>>): DetectiveControl[] {
  return DETECTIVE_CONTROLS.filter((c) => !provides[c]);
}
