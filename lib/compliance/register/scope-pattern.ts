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

/**
 * A compiled scope: `matches(id, path)` is true when the construct with this id (its last path
 * segment, `node.id`) and path (`node.path`) is in scope. It tests the id against the pattern's
 * last segment first, a cheap test that rejects most constructs of an app, then the whole path.
 */
export interface ScopeMatcher {
  matches(id: string, path: string): boolean;
}

const compiled = new Map<string, ScopeMatcher>();

/** The matcher of a pattern, compiled once per pattern and process. */
export function scopeMatcher(pattern: string): ScopeMatcher {
  let matcher = compiled.get(pattern);
  if (matcher) return matcher;
  const whole = compileScope(pattern);
  const last = pattern
    .split('/')
    .filter((s) => s.length > 0)
    .at(-1);
  // The last segment of a path matched by the whole pattern matches the pattern's last segment,
  // unless that is `**` (any number of segments, possibly none).
  const lastSegment =
    last === undefined || last === '**' ? undefined : new RegExp(`^${segmentPattern(last)}$`);
  matcher = {
    matches: (id, path) => (lastSegment === undefined || lastSegment.test(id)) && whole.test(`/${path}`),
  };
  compiled.set(pattern, matcher);
  return matcher;
}

/** True when the construct path (as `node.path` gives it) matches the pattern. */
export function scopeMatches(pattern: string, path: string): boolean {
  const id = path.slice(path.lastIndexOf('/') + 1);
  return scopeMatcher(pattern).matches(id, path);
}
