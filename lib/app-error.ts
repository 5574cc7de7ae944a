// Faults — what should not happen, or not for long: one family with a code,
// so a caller can tell them apart without matching messages. Expected
// outcomes are not faults: they are refusals (lib/result.ts).
export type AppErrorCode =
  /** A conditional write found its row in another state than the lock promised. */
  | "conflict"
  /** The database did not answer in time. */
  | "database_unavailable"
  /** The configuration cannot work; the message names the key, in French. */
  | "configuration";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "AppError";
  }
}
