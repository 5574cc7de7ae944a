// A local SMTP server that accepts everything and only counts: the
// benchmark measures how fast the worker hands mail over, so the sink must
// not spend the CPU parsing it (test/smtp-sink.ts parses every message).
// It runs in a process of its own, as a real relay would: in the bench's
// process it would take its share of the one event loop the worker uses.
// With `keepLinks` (the rush, bench/rush.ts) it parses each message
// (mailparser) and keeps its recipient and the /lien/… links of its text,
// so that each client of the bench can open the link of its own email.
import { fork } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A message as the sink kept it (keepLinks): who it went to, and the email-action links of its text. */
export type KeptMessage = { to: string; subject: string; links: string[] };

export type CountingSink = {
  url: string;
  /** The SMTP server's process, for its CPU time. */
  pid: number;
  received: () => Promise<number>;
  reset: () => Promise<void>;
  /** What was kept since the last reset (empty without keepLinks). */
  messages: () => Promise<KeptMessage[]>;
  close: () => Promise<void>;
};

type Reply = { port: number } | { received: number } | { messages: KeptMessage[] };

/** Starts the sink in a child process (node + tsx, like this script). */
export async function startCountingSink(options: { keepLinks?: boolean } = {}): Promise<CountingSink> {
  const args = ["--serve", ...(options.keepLinks ? ["--keep-links"] : [])];
  const child = fork(fileURLToPath(import.meta.url), args, { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const next = () =>
    new Promise<Reply>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`le puits SMTP s'est arrêté (${code})`));
      child.once("message", (m) => {
        child.off("exit", exited);
        resolve(m as Reply);
      });
      child.once("exit", exited);
    });
  const ready = (await next()) as { port: number };
  const ask = async (command: "count" | "reset" | "messages") => {
    const reply = next();
    child.send(command);
    return await reply;
  };
  return {
    url: `smtp://127.0.0.1:${ready.port}`,
    pid: child.pid!,
    received: async () => ((await ask("count")) as { received: number }).received,
    reset: async () => void (await ask("reset")),
    messages: async () => ((await ask("messages")) as { messages: KeptMessage[] }).messages,
    close: async () => {
      child.removeAllListeners("exit");
      child.kill();
    },
  };
}

function serve(keepLinks: boolean): void {
  let received = 0;
  let kept: KeptMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      if (keepLinks) {
        simpleParser(stream)
          .then((parsed) => {
            received++;
            const links = [...(parsed.text ?? "").matchAll(/https?:\/\/\S*?\/lien\/[A-Za-z0-9._~-]+/g)].map((m) => m[0]);
            kept.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), subject: parsed.subject ?? "", links });
            callback();
          })
          .catch(callback);
        return;
      }
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
    if (command === "messages") return void process.send!({ messages: kept });
    if (command === "reset") {
      received = 0;
      kept = [];
    }
    process.send!({ received });
  });
  process.on("disconnect", () => process.exit(0));
}

if (process.argv.includes("--serve")) serve(process.argv.includes("--keep-links"));
