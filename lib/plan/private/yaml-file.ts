/**
 * Reads one plan file's bytes as YAML, keeping a line counter so any field path can be mapped
 * back to file:line:column. Binary, empty and malformed files become one-line problems.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { PlanProblem } from '../errors';
import type { FieldPath } from './path';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface YamlFile {
  /** Parsed contents; undefined when the file could not be read as YAML. */
  readonly value?: unknown;
  /** Reading problems (binary, empty, malformed); empty when `value` is set. */
  readonly problems: readonly PlanProblem[];
  /** Where `path` is in the file (the key for map entries; the nearest existing node otherwise). */
  locate(path: FieldPath): Position | undefined;
}

/** Decodes bytes as UTF-8 text, or returns undefined for binary content. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}

export function readYamlFile(file: string, bytes: Uint8Array): YamlFile {
  const none = (): undefined => undefined;
  const text = decodeText(bytes);
  if (text === undefined) {
    return { problems: [{ file, path: '', message: 'is a binary file, not YAML text' }], locate: none };
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
  } catch (e) {
    return {
      problems: [
        { file, path: '', message: `is not valid YAML: ${firstLine(String((e as Error).message))}` },
      ],
      locate: none,
    };
  }
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    return {
      problems: [
        {
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          message: `is not valid YAML: ${firstLine(error.message)}`,
        },
      ],
      locate: none,
    };
  }
  if (
    doc.contents === null ||
    (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))
  ) {
    return { problems: [{ file, path: '', message: 'is empty' }], locate: none };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return {
      problems: [
        { file, path: '', message: `could not be read: ${firstLine(String((e as Error).message))}` },
      ],
      locate: none,
    };
  }
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const locate = (path: FieldPath): Position | undefined => {
    let node: unknown = doc.contents;
    let last: Position | undefined = node && (node as Node).range ? at((node as Node).range![0]) : undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return last;
        if (isScalar(pair.key) && pair.key.range) last = at(pair.key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (!item) return last;
        node = item;
        if ((item as Node).range) last = at((item as Node).range![0]);
      } else {
        return last;
      }
    }
    return last;
  };
  return { value, problems: [], locate };
}
