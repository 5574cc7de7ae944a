import { describe, expect, it } from "vitest";
import { elide, ofName, startsWithVowelSound, thanName, typeset, typesetInPlace, typographyFaults } from "./french";
import { formatDay, formatLongDate, formatPrice, formatSlot, formatTime, parisInstant } from "./time";

const NBSP = "\u00a0";
const NNBSP = "\u202f";
/** Shows the invisible spaces, so a failure reads: "Pour qui⍽?" vs "Pour qui ?". */
const show = (text: string) => text.replaceAll(NNBSP, "⍽").replaceAll(NBSP, "~");

describe("typeset", () => {
  it.each([
    ["Pour qui ?", "Pour qui⍽?"],
    ["Merci !", "Merci⍽!"],
    ["Oui ; non", "Oui⍽; non"],
    ["Téléphone : ", "Téléphone~: "],
    ["choisissez « Annuler » puis", "choisissez «⍽Annuler⍽» puis"],
    ["À régler : 22,00 €", "À régler~: 22,00~€"],
    ["de 18 h 30 à 20 h", "de 18~h~30 à 20~h"],
    ["jeudi 5 décembre", "jeudi 5~décembre"],
    ["le 1er octobre 2026", "le 1er~octobre~2026"],
    ["valable 24 heures", "valable 24~heures"],
    ["2 × Légumes", "2~× Légumes"],
    ["ferment 48 h avant", "ferment 48~h avant"],
    // Spaces already right, or no space at all, are left as they are.
    ["Pour qui\u202f?", "Pour qui⍽?"],
    ["Bonjour!", "Bonjour!"],
    ["https://amap.example/lien?x=1", "https://amap.example/lien?x=1"],
    ["10:30", "10:30"],
    // A counted noun is not a unit: « 3 paniers » may break.
    ["3 paniers", "3 paniers"],
    ["Amapien·ne", "Amapien·ne"],
  ])("%j → %j", (input, expected) => {
    expect(show(typeset(input))).toBe(expected);
  });

  it("is idempotent and leaves nothing typographyFaults would report", () => {
    const text = "Rien à faire ? « Annuler » : 3 h 15, 5 décembre, 22,00 € ; merci !";
    expect(typeset(typeset(text))).toBe(typeset(text));
    expect(typographyFaults(typeset(text))).toEqual([]);
    expect(typographyFaults(text)).toHaveLength(9);
  });

  it("reports an inclusive form written with a dot that lets the line break", () => {
    expect(typographyFaults("Amapien\u2027ne")).toEqual([expect.stringContaining("U+00B7")]);
    expect(typographyFaults("Amapien·ne intermittent·e")).toEqual([]);
  });
});

describe("dates, times and prices are written with their no-break spaces", () => {
  const startsAt = parisInstant("2026-12-03", "18:30");
  const endsAt = parisInstant("2026-12-03", "20:00");
  it.each([
    [formatTime(startsAt), "18~h~30"],
    [formatTime(endsAt), "20~h"],
    [formatDay(startsAt), "jeudi 3~décembre"],
    // The first of the month is an ordinal: « mardi 1er décembre », never « mardi 1 décembre ».
    [formatDay(parisInstant("2026-12-01", "18:30")), "mardi 1er~décembre"],
    [formatDay(parisInstant("2026-12-11", "18:30")), "vendredi 11~décembre"],
    [formatSlot(startsAt, endsAt), "jeudi 3~décembre, 18~h~30 – 20~h"],
    [formatLongDate(parisInstant("2026-10-01", "12:00")), "1er~octobre~2026"],
    [formatPrice(2200), "22,00~€"],
    [formatPrice(123450), "1⍽234,50~€"],
  ])("%j", (actual, expected) => {
    expect(show(actual)).toBe(expected);
  });
});

describe("elision before a first name", () => {
  it.each([
    ["Alice", "d'Alice", "qu'Alice"],
    ["Inès", "d'Inès", "qu'Inès"],
    ["Éloïse", "d'Éloïse", "qu'Éloïse"],
    // A mute h, as first names almost always have.
    ["Hugo", "d'Hugo", "qu'Hugo"],
    ["Hélène", "d'Hélène", "qu'Hélène"],
    // Y sounds [i] before a consonant (« d'Yves Montand »), [j] before a vowel.
    ["Yves", "d'Yves", "qu'Yves"],
    ["Yann", "de Yann", "que Yann"],
    ["Yasmine", "de Yasmine", "que Yasmine"],
    ["Bruno", "de Bruno", "que Bruno"],
    ["Jules", "de Jules", "que Jules"],
  ])("%s: %s, %s", (name, of, than) => {
    expect(ofName(name)).toBe(of);
    expect(thanName(name)).toBe(than);
  });

  it("elides le and la too", () => {
    expect(elide("la", "Inès")).toBe("l'Inès");
    expect(elide("le", "Bruno")).toBe("le Bruno");
    expect(startsWithVowelSound("Y")).toBe(false);
  });
});

describe("typesetInPlace", () => {
  it("typesets strings, arrays and what functions return, and leaves addresses alone", () => {
    const catalogue = {
      title: "Pour qui ?",
      steps: ["Étape : une"],
      link: { href: "/aide?x : y", label: "Aide !" },
      at: (day: string) => `Le ${day} : à 20 h`,
      count: 3,
    };
    typesetInPlace(catalogue);
    typesetInPlace(catalogue);
    expect(show(catalogue.title)).toBe("Pour qui⍽?");
    expect(show(catalogue.steps[0]!)).toBe("Étape~: une");
    expect(catalogue.link.href).toBe("/aide?x : y");
    expect(show(catalogue.link.label)).toBe("Aide⍽!");
    // The argument's own spaces are typeset too: what the person reads is the result.
    expect(show(catalogue.at("5 décembre"))).toBe("Le 5~décembre~: à 20~h");
    expect(catalogue.count).toBe(3);
  });
});
