// The French message for a refused member command: a field holding an
// invisible character is named, with the character, since nobody can see
// what is wrong; any other refusal has its sentence in the catalogue.
import type { PersonField } from "@/lib/domain/intermittents";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { textFr } from "@/lib/i18n/text-fr";
import type { MemberRefusal } from "@/lib/server/admin/members/members";

const t = adminMembersFr;

export function refusalMessage(result: { refusal: MemberRefusal; characters?: Partial<Record<PersonField, string>> }): string {
  const characters = Object.entries(result.characters ?? {}) as [PersonField, string][];
  if (characters.length === 0) return t.refusals[result.refusal];
  return characters.map(([field, codePoint]) => textFr.invalidCharacter(t.person.fieldNames[field], codePoint)).join(" ");
}
