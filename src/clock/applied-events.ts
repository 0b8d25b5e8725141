import { sha256Hex } from '../shared/sha256.js';

// The record of applied ticket events, kept so that a re-delivered event, however old, is a
// no-op and the same id with other content is a conflict. It is one string of fixed-size
// entries, one per applied event, so a state grows by ENTRY_LENGTH bytes per event whatever
// the ids are: 16 hex digits of the SHA-256 of the event id (the key), then 8 hex digits of
// the SHA-256 of its content (type, instant, and status or priority). A state written before
// contents were recorded has the tag UNKNOWN_CONTENT: any event with such an id is a duplicate.

/** Characters per applied event: a 16-digit key and an 8-digit content tag. */
export const ENTRY_LENGTH = 24;
const KEY_LENGTH = 16;
/** The tag of an event applied by a version that kept ids only: its content is not known. */
export const UNKNOWN_CONTENT = '--------';
const ENTRIES = /^(?:[0-9a-f]{16}(?:[0-9a-f]{8}|-{8}))*$/;

/** What an applied event is recorded as: the key of its id and the tag of its content. */
export interface EventDigest {
  readonly key: string;
  readonly tag: string;
}

/** The digest of a ticket event: its fields, already read and checked. */
export function digestOf(id: string, type: string, at: number, field: string): EventDigest {
  return {
    key: sha256Hex(id, KEY_LENGTH),
    tag: sha256Hex(`${type}\u0000${at}\u0000${field}`, ENTRY_LENGTH - KEY_LENGTH),
  };
}

/** The record of a state written with ids only (version 0.1.0). */
export function entriesOfIds(ids: readonly string[]): string {
  return ids.map((id) => sha256Hex(id, KEY_LENGTH) + UNKNOWN_CONTENT).join('');
}

/** Whether `text` is a well-formed record of applied events. */
export function isEntries(text: string): boolean {
  return text.length % ENTRY_LENGTH === 0 && ENTRIES.test(text);
}

/**
 * An index of a record, shared along a chain of states each one event longer than the last:
 * only the state at the tip may extend it, so a state branched off an older one builds its own.
 */
export interface AppliedIndex {
  readonly tags: Map<string, { readonly tag: string; readonly ordinal: number }>;
  size: number;
}

export function indexOf(entries: string): AppliedIndex {
  const tags: AppliedIndex['tags'] = new Map();
  const count = entries.length / ENTRY_LENGTH;
  for (let i = 0; i < count; i++) {
    const at = i * ENTRY_LENGTH;
    const key = entries.slice(at, at + KEY_LENGTH);
    if (!tags.has(key))
      tags.set(key, { tag: entries.slice(at + KEY_LENGTH, at + ENTRY_LENGTH), ordinal: i });
  }
  return { tags, size: count };
}

/** The content tag recorded for `key` among the first `count` entries, or `undefined`. */
export function tagIn(
  entries: string,
  count: number,
  key: string,
  index: AppliedIndex | undefined,
): string | undefined {
  if (index !== undefined) {
    const found = index.tags.get(key);
    return found !== undefined && found.ordinal < count ? found.tag : undefined;
  }
  // A record read back from storage: scan it once rather than index it for a single call.
  let at = entries.indexOf(key);
  while (at !== -1) {
    if (at % ENTRY_LENGTH === 0) return entries.slice(at + KEY_LENGTH, at + ENTRY_LENGTH);
    at = entries.indexOf(key, at + 1);
  }
  return undefined;
}

/** Extends `index` (when it is at `count`, the tip) with one more entry; else `undefined`. */
export function extended(
  index: AppliedIndex | undefined,
  count: number,
  digest: EventDigest,
): AppliedIndex | undefined {
  if (index === undefined || index.size !== count) return undefined;
  if (!index.tags.has(digest.key)) index.tags.set(digest.key, { tag: digest.tag, ordinal: count });
  index.size = count + 1;
  return index;
}
