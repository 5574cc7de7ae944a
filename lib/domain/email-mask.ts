// An address shown partly: enough for its owner to recognise it, not enough
// for anyone else who reads the message to write to it. Pure.

const HIDDEN = "•••";

/**
 * "al•••@exemple.org": the first two characters of the name (one when it is
 * three or shorter), then the domain in full — a stranger's domain is what
 * tells the owner of the old address that the new one is not theirs.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return HIDDEN;
  const name = [...email.slice(0, at)];
  return `${name.slice(0, name.length <= 3 ? 1 : 2).join("")}${HIDDEN}@${email.slice(at + 1)}`;
}
