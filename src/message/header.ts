import type { HeaderField } from './types.js';

/**
 * Whether a field's name is `wanted` (lower case), ignoring case: lengths first, then ASCII letters compared
 * in place, so no field costs a lower-cased copy (this runs over every field for every lookup).
 */
function named(field: HeaderField, wanted: string): boolean {
  const name = field.name;
  if (name.length !== wanted.length || wanted === '') return false;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c > 0x7f) return name.toLowerCase() === wanted;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== wanted.charCodeAt(i)) return false;
  }
  return true;
}

/** Every field named `name` (case-insensitive), top to bottom. */
export function getFields(fields: readonly HeaderField[], name: string): HeaderField[] {
  const wanted = name.toLowerCase();
  return fields.filter((f) => named(f, wanted));
}

/** The first (topmost) field named `name`, if any. */
export function getField(fields: readonly HeaderField[], name: string): HeaderField | undefined {
  const wanted = name.toLowerCase();
  return fields.find((f) => named(f, wanted));
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
    if (named(f, wanted)) out.push(i);
  });
  return out;
}

/** Hands out fields bottom-up, each instance once: `next('From')` twice gives the last then the one above it (RFC 6376 §5.4.2). */
export interface BottomUpCursor {
  /** The next unused field named `name` from the bottom, or undefined when none is left (DKIM then signs a null field). */
  next(name: string): HeaderField | undefined;
}

/** Header fields by lower-case name, top first (fields without a name are left out). */
export function fieldsByName(fields: readonly HeaderField[]): Map<string, HeaderField[]> {
  const byName = new Map<string, HeaderField[]>();
  for (const field of fields) {
    if (field.name === '') continue;
    const key = field.name.toLowerCase();
    const list = byName.get(key);
    if (list) list.push(field);
    else byName.set(key, [field]);
  }
  return byName;
}

/**
 * The fields a signature's `h=` list selects (RFC 6376 §5.4.2), leaving `byName` as it is: each name takes the next
 * unused instance from the bottom; a name with none left selects nothing (oversigning). `present`, when given, gets
 * one entry per name: whether it selected a field.
 */
export function selectSignedFields(byName: ReadonlyMap<string, readonly HeaderField[]>, names: readonly string[], present?: boolean[]): HeaderField[] {
  const used = new Map<string, number>();
  const out: HeaderField[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    const list = byName.get(key);
    const taken = used.get(key) ?? 0;
    const field = list && taken < list.length ? list[list.length - 1 - taken] : undefined;
    if (field) {
      used.set(key, taken + 1);
      out.push(field);
    }
    present?.push(field !== undefined);
  }
  return out;
}

/** Create a cursor over `fields` for selecting signed header fields as DKIM does (RFC 6376 §5.4.2). */
export function bottomUpCursor(fields: readonly HeaderField[]): BottomUpCursor {
  const byName = fieldsByName(fields);
  return {
    next(name: string): HeaderField | undefined {
      return byName.get(name.toLowerCase())?.pop();
    },
  };
}
