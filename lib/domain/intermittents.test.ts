import { describe, expect, it } from "vitest";
import { checkPerson } from "./intermittents";

const ok = { email: " Lea@Example.org ", firstName: " Léa  Marie ", lastName: "Chevalier", phone: "07 45 67 89 01" };

describe("checkPerson", () => {
  it("cleans what people type", () => {
    expect(checkPerson(ok)).toEqual({
      ok: true,
      person: { email: "lea@example.org", firstName: "Léa Marie", lastName: "Chevalier", phone: "07 45 67 89 01" },
    });
  });

  it.each([
    [{ email: "pas-une-adresse" }, ["email"]],
    [{ email: "a@b.c\r\nBcc: x@y.z" }, ["email"]],
    [{ firstName: "  " }, ["firstName"]],
    [{ firstName: "Léa\r\nBcc: x@y.z" }, ["firstName"]],
    [{ lastName: "x".repeat(81) }, ["lastName"]],
    [{ phone: "javascript:alert(1)" }, ["phone"]],
    [{ phone: "06 12" }, ["phone"]],
  ])("refuses %j", (change, fields) => {
    expect(checkPerson({ ...ok, ...change })).toEqual({ ok: false, fields });
  });

  it("accepts an empty phone and international numbers", () => {
    expect(checkPerson({ ...ok, phone: "" }).ok).toBe(true);
    expect(checkPerson({ ...ok, phone: "+33 6 12 34 56 78" }).ok).toBe(true);
  });
});
