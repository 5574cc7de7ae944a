// A real SMTP server in the test process (smtp-server), receiving what
// nodemailer sends. `decide` may refuse a recipient with any SMTP code.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SinkDecision = { code: number; message: string } | null;

export type SmtpSink = {
  url: string;
  messages: ParsedMail[];
  rcptAttempts: string[];
  decide: (recipient: string, attempt: number) => SinkDecision;
  /** Wait this long before accepting each message (a slow server). */
  delayMs: number;
  close: () => Promise<void>;
};

/** `port`: listen there (e.g. to bring a stopped sink back at the same address); default any free port. */
export async function startSmtpSink(options: { port?: number } = {}): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: "",
    messages: [],
    rcptAttempts: [],
    decide: () => null,
    delayMs: 0,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      sink.rcptAttempts.push(address.address);
      const attempt = sink.rcptAttempts.filter((a) => a === address.address).length;
      const decision = sink.decide(address.address, attempt);
      if (decision) {
        const error = new Error(decision.message) as Error & { responseCode: number };
        error.responseCode = decision.code;
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (sink.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, sink.delayMs));
          sink.messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
