function literal(part: string): string {
  return part
    .split('*')
    .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
}

function segmentPattern(seg: string): string {
  return seg
    .split(/(\{[^{}/]*\})/)
    .map((piece) =>
      piece.startsWith('{') && piece.endsWith('}')
        ? `(?:${piece.slice(1, -1).split(',').map(literal).join('|')})`
        : literal(piece),
    )
    .join('');
}

/**
 * Construct path patterns for register scopes: segments separated by `/`; `*` matches any
 * characters inside one segment, `**` matches any number of whole segments (including none),
 * `{a,b}` matches either alternative inside one segment.
 * `PeterboroughWave1/**\/InstanceRole` matches every InstanceRole anywhere under that stack.
 */
export function compileScope(pattern: string): RegExp {
  const re = pattern
    .split('/')
    .filter((s) => s.length > 0)
    .map((seg) => (seg === '**' ? '(?:/[^/]+)*' : `/${segmentPattern(seg)}`))
    .join('');
  return new RegExp(`^${re}$`);
}

/** True when the construct path (as `node.path` gives it) matches the pattern. */
export function scopeMatches(pattern: string, path: string): boolean {
  return compileScope(pattern).test(`/${path}`);
}
