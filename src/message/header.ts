import type { HeaderField } from './types.js';

/** Every field named `name` (case-insensitive), top to bottom. */
export function getFields(fields: readonly HeaderField[], name: string): HeaderField[] {
  const wanted = name.toLowerCase();
  return fields.filter((f) => f.name !== '' && f.name.toLowerCase() === wanted);
}

/** The first (topmost) field named `name`, if any. */
export function getField(fields: readonly HeaderField[], name: string): HeaderField | undefined {
  const wanted = name.toLowerCase();
  return fields.find((f) => f.name !== '' && f.name.toLowerCase() === wanted);
}

/** Every field named `name`, bottom to top (the order DKIM selects them in, RFC 6376 §5.4.2). */
export function getFieldsBottomUp(fields: readonly HeaderField[], name: string): HeaderField[] {
  return getFields(fields, name).reverse();
}

/** Indices of every field named `name`, top to bottom. */
export function fieldIndices(fields: readonly HeaderField[], name: string): number[] {
  const wanted = name.toLowerCase();
  const out: number[] = [];
  fields.forEach((f, i) => {
    if (f.name !== '' && f.name.toLowerCase() === wanted) out.push(i);
  });
  return out;
}

/** Hands out fields bottom-up, each instance once: `next('From')` twice gives the last then the one above it (RFC 6376 §5.4.2). */
export interface BottomUpCursor {
  /** The next unused field named `name` from the bottom, or undefined when none is left (DKIM then signs a null field). */
  next(name: string): HeaderField | undefined;
}

/** Create a cursor over `fields` for selecting signed header fields as DKIM does (RFC 6376 §5.4.2). */
export function bottomUpCursor(fields: readonly HeaderField[]): BottomUpCursor {
  const byName = new Map<string, HeaderField[]>();
  for (const field of fields) {
    if (field.name === '') continue;
    const key = field.name.toLowerCase();
    const list = byName.get(key);
    if (list) list.push(field);
    else byName.set(key, [field]);
  }
  return {
    next(name: string): HeaderField | undefined {
      return byName.get(name.toLowerCase())?.pop();
    },
  };
}
