// Small rules of French the catalogue needs.

/** "d'Alice", "de Bruno": French elides "de" before a vowel sound. */
export function ofName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(name.trim()) ? `d'${name}` : `de ${name}`;
}

/** "au nom d'Alice Martin", "au nom de Bruno Petit". */
export function onBehalfOf(name: string): string {
  return `au nom ${ofName(name)}`;
}
