// A local SMTP server that accepts everything and only counts: the
// benchmark measures how fast the worker hands mail over, so the sink must
// not spend the CPU parsing it (test/smtp-sink.ts parses every message).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CountingSink = { url: string; received: number; close: () => Promise<void> };

export async function startCountingSink(): Promise<CountingSink> {
  const sink: CountingSink = { url: "", received: 0, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("end", () => {
        sink.received++;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
