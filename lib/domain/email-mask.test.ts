import { describe, expect, it } from "vitest";
import { maskEmail } from "./email-mask";

describe("maskEmail", () => {
  it.each([
    ["alice.martin@exemple.org", "al•••@exemple.org"],
    ["bob@exemple.org", "b•••@exemple.org"],
    ["a@b.fr", "a•••@b.fr"],
    ["élodie@exemple.fr", "él•••@exemple.fr"],
    ["pas-une-adresse", "•••"],
  ])("%s → %s", (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});
