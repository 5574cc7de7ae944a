// Rules of the intermittents list: who may do what, and what a person's
// details must look like. Pure; the server layer applies them in transactions.
import { forbiddenCharacter, trimEnds } from "./text";

export type ListRefusal =
  | "already_on_list"
  | "not_on_list"
  /** Registering someone else is for members and référents. */
  | "not_member"
  | "not_referent"
  /** Joining by oneself is for the AMAP's members and référents, and those who were on its list. */
  | "not_in_amap"
  | "not_found"
  | "already_decided"
  | "too_many_requests"
  | "invalid_person";

export type PersonInput = { email: string; firstName: string; lastName: string; phone: string };

export type PersonField = keyof PersonInput;

const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]{2,}$/;
const PHONE = /^[+()\d][\d .()+-]{5,24}$/;

export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/** A person's details as they are kept: trimmed, inner spaces collapsed, the address in lower case. */
export function normalizePerson(input: PersonInput): PersonInput {
  return {
    email: input.email.trim().toLowerCase(),
    firstName: input.firstName.trim().replace(/\s+/g, " "),
    lastName: input.lastName.trim().replace(/\s+/g, " "),
    phone: input.phone.trim(),
  };
}

/**
 * The fields holding a control, format or separator character (lib/domain/text.ts),
 * each with the first one ("U+202E"). Checked as typed, before spaces are
 * collapsed: a U+2028 is refused, not quietly turned into a space.
 */
export function personCharacters(input: PersonInput): Partial<Record<PersonField, string>> {
  const characters: Partial<Record<PersonField, string>> = {};
  for (const field of ["email", "firstName", "lastName", "phone"] as const) {
    const codePoint = forbiddenCharacter(trimEnds(input[field]));
    if (codePoint) characters[field] = codePoint;
  }
  return characters;
}

/** Trims and checks a person's details; returns the clean values or the faulty fields (personCharacters says which hold a character to refuse). */
export function checkPerson(input: PersonInput): { ok: true; person: PersonInput } | { ok: false; fields: PersonField[] } {
  const person = normalizePerson(input);
  const characters = personCharacters(input);
  const fields: PersonField[] = [];
  if (characters.email || person.email.length > 254 || !EMAIL.test(person.email)) fields.push("email");
  if (characters.firstName || !person.firstName || person.firstName.length > 80) fields.push("firstName");
  if (characters.lastName || person.lastName.length > 80) fields.push("lastName");
  if (characters.phone || (person.phone && !PHONE.test(person.phone))) fields.push("phone");
  return fields.length ? { ok: false, fields } : { ok: true, person };
}

/**
 * Limits on the public request form. Per address and per client, never for
 * everyone at once: one client must not be able to close the form for others
 * (issue 10 §7). The référents' queue shows the newest few per client.
 */
export const REQUEST_LIMITS = {
  perAddressPerDay: 3,
  perIpPerHour: 10,
  shownPerIp: 3,
} as const;

/** « Inscrire une autre personne » is an invitation (issue 10 §3). */
export const INVITATION_RULES = {
  perMemberPerDay: 10,
  /** Someone who left the list or declined an invitation is not invited again for this long. */
  quietDays: 90,
  /** An invitation's link works this long. */
  validDays: 30,
} as const;
