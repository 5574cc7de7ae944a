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
  close: () => Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: "",
    messages: [],
    rcptAttempts: [],
    decide: () => null,
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
        .then((parsed) => {
          sink.messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
