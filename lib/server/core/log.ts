import "server-only";
// The server's one way to write to its log (SECURITY.md, « Logs »): an event
// name of ours and named fields, on one line, every value escaped
// (lib/domain/log-text.ts). Never a request's query string, form or body:
// callers pass what they need to say, not what they were sent.
import { formatLogLine, type LogFields } from "@/lib/domain/log-text";

export function logInfo(event: string, fields?: LogFields): void {
  console.log(formatLogLine(event, fields));
}

export function logWarn(event: string, fields?: LogFields): void {
  console.warn(formatLogLine(event, fields));
}

export function logError(event: string, fields?: LogFields): void {
  console.error(formatLogLine(event, fields));
}
