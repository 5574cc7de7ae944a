// What a command answers (STYLE.md, results and errors): its value, or the
// refusal its person reads — a code of the capability's own union (the
// exchange's `Refusal`, the list's `ListRefusal`, the calendar's, the
// members'), which the catalogue turns into French. A refusal may carry what
// its form needs (the faulty fields).
export type Result<T, R extends string, Details extends object = object> =
  | { ok: true; value: T }
  | ({ ok: false; refusal: R } & Details);

/**
 * Thrown inside a command's transaction to roll it back with its refusal:
 * whatever the command wrote before refusing is undone. The command catches
 * it and answers `failure`. Never escapes a command.
 */
export class Rollback<F extends { ok: false }> extends Error {
  constructor(readonly failure: F) {
    super("rollback");
    this.name = "Rollback";
  }
}
