import { describe, expect, it } from "vitest";
import { checkTypedText, codePointName, forbiddenCharacter, trimEnds, withoutForbiddenCharacters } from "./text";

const LONE_HIGH = String.fromCharCode(0xd83d);
const LONE_LOW = String.fromCharCode(0xde00);

describe("typed text: Unicode control, format and separator characters", () => {
  const refused: [string, string, string][] = [
    ["NUL", "Ma\u0000rie", "U+0000"],
    ["C0: bell", "Ma\u0007rie", "U+0007"],
    ["C0: tab", "Marie\tDupont", "U+0009"],
    ["C0: escape", "\u001b[31mMarie", "U+001B"],
    ["DEL", "Marie\u007f", "U+007F"],
    ["C1: next line", "Marie\u0085Dupont", "U+0085"],
    ["C1: control 0x9B", "Marie\u009b", "U+009B"],
    ["left-to-right mark", "Marie\u200e", "U+200E"],
    ["right-to-left mark", "\u200fMarie", "U+200F"],
    ["left-to-right embedding", "\u202aMarie", "U+202A"],
    ["right-to-left embedding", "\u202bMarie", "U+202B"],
    ["pop directional formatting", "Marie\u202c", "U+202C"],
    ["left-to-right override", "\u202dMarie", "U+202D"],
    ["right-to-left override", "\u202edemhA", "U+202E"],
    ["left-to-right isolate", "\u2066Marie", "U+2066"],
    ["right-to-left isolate", "\u2067Marie", "U+2067"],
    ["first strong isolate", "\u2068Marie", "U+2068"],
    ["pop directional isolate", "Marie\u2069", "U+2069"],
    ["line separator", "Marie\u2028Dupont", "U+2028"],
    ["paragraph separator", "Marie\u2029Dupont", "U+2029"],
    ["byte order mark", "\ufeffMarie", "U+FEFF"],
    ["zero width space", "Ma\u200brie", "U+200B"],
    ["soft hyphen", "Ma\u00adrie", "U+00AD"],
    ["em space", "Marie\u2003Dupont", "U+2003"],
    ["ideographic space", "Marie\u3000Dupont", "U+3000"],
    ["lone high surrogate", `Marie${LONE_HIGH}`, "U+D83D"],
    ["lone low surrogate", `${LONE_LOW}Marie`, "U+DE00"],
    ["zero width joiner between letters", "Ma\u200drie", "U+200D"],
    ["line feed in a one-line field", "Marie\nDupont", "U+000A"],
    ["carriage return in a one-line field", "Marie\rDupont", "U+000D"],
  ];

  it.each(refused)("refuses %s", (_name, text, codePoint) => {
    expect(forbiddenCharacter(text)).toBe(codePoint);
    expect(checkTypedText(text)).toEqual({ ok: false, codePoint });
    expect(checkTypedText(text, { multiline: true }).ok).toBe(codePoint === "U+000A" || codePoint === "U+000D");
  });

  const accepted: [string, string][] = [
    ["accents", "Hélène Çağlar-Ødegård"],
    ["« Marie-Hélène »", "Marie-Hélène"],
    ["« N'Diaye »", "N'Diaye"],
    ["a typographic apostrophe", "N’Diaye"],
    ["ligatures and capitals", "Œuvre ÉLÉONORE"],
    ["emoji", "Paniers 🥕🥚"],
    ["an emoji with a skin tone", "👍🏽 merci"],
    ["an emoji joined by U+200D", "La ferme 👩‍🌾 de Lucie"],
    ["a flag", "🇫🇷"],
    ["no-break spaces of French typography", "Prix\u00a0: 22,50\u202f€"],
    ["Arabic and Hebrew, without marks", "أحمد שלום"],
    ["CJK", "山田太郎"],
    ["combining marks", "Zoe\u0301"],
    ["empty", ""],
  ];

  it.each(accepted)("accepts %s", (_name, text) => {
    expect(forbiddenCharacter(text)).toBeNull();
    expect(checkTypedText(text)).toEqual({ ok: true, value: text });
  });

  it("allows line feeds in a multi-line field only, CRLF and CR turned into LF", () => {
    expect(checkTypedText("Sonnez.\r\nEntrée par la cour.\rMerci", { multiline: true })).toEqual({
      ok: true,
      value: "Sonnez.\nEntrée par la cour.\nMerci",
    });
    expect(checkTypedText("Ligne\u2028deux", { multiline: true })).toEqual({ ok: false, codePoint: "U+2028" });
    expect(checkTypedText("Ligne\tdeux", { multiline: true })).toEqual({ ok: false, codePoint: "U+0009" });
  });

  it("names the first character refused", () => {
    expect(forbiddenCharacter("a\u202eb\u0000")).toBe("U+202E");
    expect(codePointName("😀")).toBe("U+1F600");
  });

  it("can strip them from free text instead, keeping line ends and joined emoji", () => {
    expect(withoutForbiddenCharacters("\u202eBon\u200b appétit\u2028!\r\n👩‍🌾", { multiline: true })).toBe("Bon appétit!\n👩‍🌾");
    expect(withoutForbiddenCharacters("a\nb")).toBe("ab");
    expect(withoutForbiddenCharacters(`x${LONE_HIGH}y`)).toBe("xy");
  });
});

describe("trimEnds", () => {
  it("takes off the spaces, tabs and line ends around a value, not the characters to refuse", () => {
    expect(trimEnds(" \tMarie Dupont\r\n")).toBe("Marie Dupont");
    expect(trimEnds("\ufeffMarie\u2028")).toBe("\ufeffMarie\u2028");
    expect(forbiddenCharacter(trimEnds("\ufeffMarie"))).toBe("U+FEFF");
  });
});
