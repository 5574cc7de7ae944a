// What a form says when a field holds a character refused by
// lib/domain/text.ts (a control, format or separator character). Such
// characters are invisible: the message names the field, says where they
// usually come from, and how to get rid of them.

const what = (codePoint?: string) => `un caractère invisible ou de contrôle${codePoint ? ` (${codePoint})` : ""}, souvent venu d'un copier-coller`;

import { typesetInPlace } from "@/lib/domain/french";
export const textFr = {
  /** « Prénom » contient un caractère invisible ou de contrôle (U+202E)… */
  invalidCharacter: (field: string, codePoint?: string) =>
    `« ${field} » contient ${what(codePoint)} : effacez ce champ et retapez-le.`,
  /** The same, for a cell of an imported CSV file. */
  invalidCell: (column: string, codePoint?: string) =>
    `La case « ${column} » contient ${what(codePoint)} : retapez-la dans le tableur.`,
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(textFr);
