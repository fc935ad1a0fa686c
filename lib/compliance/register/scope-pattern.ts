/**
 * Construct path patterns for register scopes: segments separated by `/`; `*` matches any
 * characters inside one segment, `**` matches any number of whole segments (including none).
 * `PeterboroughWave1/**\/InstanceRole` matches every InstanceRole anywhere under that stack.
 */
export function compileScope(pattern: string): RegExp {
  const re = pattern
    .split('/')
    .filter((s) => s.length > 0)
    .map((seg) =>
      seg === '**'
        ? '(?:/[^/]+)*'
        : `/${seg
            .split('*')
            .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]*')}`,
    )
    .join('');
  return new RegExp(`^${re}$`);
}

/** True when the construct path (as `node.path` gives it) matches the pattern. */
export function scopeMatches(pattern: string, path: string): boolean {
  return compileScope(pattern).test(`/${path}`);
}
