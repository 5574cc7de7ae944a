// A local SMTP server that accepts everything and only counts: the
// benchmark measures how fast the worker hands mail over, so the sink must
// not spend the CPU parsing it (test/smtp-sink.ts parses every message).
// It runs in a process of its own, as a real relay would: in the bench's
// process it would take its share of the one event loop the worker uses.
import { fork } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { SMTPServer } from "smtp-server";

export type CountingSink = { url: string; received: () => Promise<number>; reset: () => Promise<void>; close: () => Promise<void> };

type Reply = { port: number } | { received: number };

/** Starts the sink in a child process (node + tsx, like this script). */
export async function startCountingSink(): Promise<CountingSink> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const next = () =>
    new Promise<Reply>((resolve, reject) => {
      child.once("message", (m) => resolve(m as Reply));
      child.once("exit", (code) => reject(new Error(`le puits SMTP s'est arrêté (${code})`)));
    });
  const ready = (await next()) as { port: number };
  const ask = async (command: "count" | "reset") => {
    const reply = next();
    child.send(command);
    return ((await reply) as { received: number }).received;
  };
  return {
    url: `smtp://127.0.0.1:${ready.port}`,
    received: () => ask("count"),
    reset: async () => void (await ask("reset")),
    close: async () => {
      child.removeAllListeners("exit");
      child.kill();
    },
  };
}

function serve(): void {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("end", () => {
        received++;
        callback();
      });
      stream.resume();
    },
  });
  server.listen(0, "127.0.0.1", () => {
    process.send!({ port: (server.server.address() as AddressInfo).port });
  });
  process.on("message", (command) => {
    if (command === "reset") received = 0;
    process.send!({ received });
  });
  process.on("disconnect", () => process.exit(0));
}

if (process.argv.includes("--serve")) serve();
