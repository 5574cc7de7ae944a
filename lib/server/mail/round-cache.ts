/**
 * Reads shared by the messages of one delivery round, e.g. the offer that
 * hundreds of announcements in the round are about: read once, not once per
 * message. A round is a few dozen messages claimed together, so what a
 * message says is as fresh as its round's first read of it.
 */
export type RoundCache = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/** No sharing: each read is made (previews, single messages). */
export const noRoundCache: RoundCache = (_key, load) => load();

/** A cache for one round; a failed read is not kept. */
export function roundCache(): RoundCache {
  const reads = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>) => {
    let read = reads.get(key) as Promise<T> | undefined;
    if (!read) {
      read = load();
      reads.set(key, read);
      read.catch(() => reads.delete(key));
    }
    return read;
  };
}
