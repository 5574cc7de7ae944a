import { describe, expect, it } from "vitest";
import { toWinAnsi, wrapText } from "./pdf-text";

describe("toWinAnsi", () => {
  it.each([
    // French is all in WinAnsi: kept as is.
    ["Chloé, François, Gaëlle, Œufs, cœur, « à signer », l’été…", "Chloé, François, Gaëlle, Œufs, cœur, « à signer », l’été…"],
    ["Amapien·ne — 22,00 € – 3 ×", "Amapien·ne — 22,00 € – 3 ×"],
    // French number formatting's narrow no-break space, and other spaces.
    ["22,00\u202f€", "22,00 €"],
    ["a\u2009b\u200bc", "a bc"],
    ["Jean\u2011Pierre", "Jean-Pierre"],
    // Accented letters outside Latin-1 fall back to their base letter.
    ["Nguyễn Thị", "Nguyen Thi"],
    ["Ştefan Dvořák", "Stefan Dvorák"],
    ["Łukasz", "Lukasz"],
    // Emoji are left out; letters of other alphabets become "?".
    ["Gaëlle 🌻 Roux", "Gaëlle Roux"],
    ["❤️ merci", "merci"],
    ["Олег", "????"],
    ["李", "?"],
    // Line breaks and tabs become spaces.
    ["deux\r\nlignes\tici", "deux lignes ici"],
  ])("%j → %j", (input, expected) => {
    expect(toWinAnsi(input)).toBe(expected);
  });

  it("never leaves a character outside WinAnsi", () => {
    const all = Array.from({ length: 0x3000 }, (_, i) => String.fromCodePoint(i + 0x20)).join("");
    const extra = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
    for (const char of toWinAnsi(all)) {
      const code = char.codePointAt(0)!;
      expect((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || extra.includes(char), `U+${code.toString(16)}`).toBe(true);
    }
  });
});

describe("wrapText", () => {
  // One unit per character: easy to reason about.
  const measure = (s: string) => s.length;

  it("keeps a short text on one line", () => {
    expect(wrapText("à signer", 20, measure)).toEqual(["à signer"]);
  });

  it("breaks at spaces", () => {
    expect(wrapText("récupéré par Inès Garnier pour Emma Laurent", 20, measure)).toEqual([
      "récupéré par Inès",
      "Garnier pour Emma",
      "Laurent",
    ]);
  });

  it("breaks after a hyphen before cutting a word", () => {
    expect(wrapText("Marie-Bérénice de La Tour-Dupont", 12, measure)).toEqual(["Marie-", "Bérénice de", "La Tour-", "Dupont"]);
  });

  it("cuts a word wider than the column", () => {
    expect(wrapText("abcdefghijkl mn", 5, measure)).toEqual(["abcde", "fghij", "kl mn"]);
  });

  it("gives no line for an empty text", () => {
    expect(wrapText("  ", 10, measure)).toEqual([]);
  });
});
