import "server-only";
// The one way mail leaves the application: pooled SMTP when SMTP_URL is set,
// otherwise the development mailbox (a table, read at /dev/mails). Only the
// outbox worker calls it; everything else enqueues.
import { connect, type Socket } from "node:net";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { getDb } from "@/db/client";
import { devMails, type MailAttachment } from "@/db/schema";
import { getEnv } from "@/lib/env";

export type OutgoingMail = {
  /** The sender's display name (the AMAP's); the address stays MAIL_FROM's. */
  fromName?: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
};

/** The address of a sender written « Name <address> » or bare. */
export function addressOf(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();
}

export type Mailer = {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
};

/** An SMTP failure that retrying will not cure (a 5xx reply: unknown recipient, refused content). */
export function isPermanentMailError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/**
 * How long one SMTP exchange may stall. A server that accepts the connection
 * and then says nothing must not hold a worker forever: each send ends (and
 * is retried later) within about these bounds, well inside the outbox lease.
 */
export const SMTP_TIMEOUTS = {
  /** To open the TCP connection. */
  connectionTimeout: 10_000,
  /** From connected to the server's 220 greeting. */
  greetingTimeout: 10_000,
  /** Any silence after that. */
  socketTimeout: 30_000,
} as const;

export type SmtpMailerOptions = { timeouts?: Partial<Record<keyof typeof SMTP_TIMEOUTS, number>> };

type SocketCallback = (error: Error | null, socket?: { connection: Socket }) => void;

/**
 * nodemailer's getSocket: a TCP connection without Nagle's delay, handed over
 * at once (nodemailer then runs its own greeting, socket and error handling).
 * NOTE: nodemailer attaches its listeners on a later turn (setImmediate); an
 * error before that (a refused connection) is held and given to them then,
 * instead of crashing the process as an unhandled 'error'. A getSocket that
 * reports an error itself would leave a dead connection in nodemailer's pool
 * (nodemailer 8.0.9, smtp-pool/pool-resource.js connect()), stalling it.
 */
function noDelaySocket(host: string, port: number) {
  return (_options: unknown, callback: SocketCallback): void => {
    const socket = connect({ host, port, noDelay: true });
    let early: Error | null = null;
    const hold = (error: Error) => {
      if (socket.listenerCount("error") === 1) early = error; // no one else to hear it yet
    };
    socket.on("error", hold);
    callback(null, { connection: socket });
    setImmediate(() =>
      setImmediate(() => {
        socket.off("error", hold);
        if (early) socket.emit("error", early);
      }),
    );
  };
}

export function createSmtpMailer(url: string, from: string, options: SmtpMailerOptions = {}): Mailer {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  const timeouts = { ...SMTP_TIMEOUTS, ...options.timeouts };
  const transport: Transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    maxMessages: 500,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username
      ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
      : undefined,
    ...timeouts,
    tls: { rejectUnauthorized: parsed.searchParams.get("tls") !== "insecure" },
    // NOTE: nodemailer leaves Nagle's algorithm on. An SMTP exchange is a
    // string of small writes each waiting for a reply, so each message then
    // stalls on delayed ACKs: about 20 messages/s per connection to a local
    // relay, over 150/s without (BENCHMARKS.md, the worker). So plain
    // connections are opened here, with TCP_NODELAY, and handed to the pool
    // (STARTTLS then upgrades them as before); smtps:// keeps nodemailer's own.
    ...(secure ? {} : { getSocket: noDelaySocket(parsed.hostname, parsed.port ? Number(parsed.port) : 587) }),
  });
  return {
    async send(mail) {
      const { attachments, fromName, ...rest } = mail;
      const info = await transport.sendMail({
        // An object: nodemailer encodes a name with accents or quotes (RFC 2047).
        from: fromName ? { name: fromName, address: addressOf(from) } : from,
        ...rest,
        attachments: attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
      return { messageId: String(info.messageId ?? "") };
    },
    close: () => transport.close(),
  };
}

export function createDevMailbox(from: string): Mailer {
  return {
    async send(mail) {
      const db = await getDb();
      const [row] = await db
        .insert(devMails)
        .values({
          from: mail.fromName ? `"${mail.fromName.replace(/["\\]/g, "")}" <${addressOf(from)}>` : from,
          to: mail.to,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          headers: { ...(mail.headers ?? {}), ...(mail.replyTo ? { "Reply-To": mail.replyTo } : {}) },
          attachments: mail.attachments ?? [],
        })
        .returning({ id: devMails.id });
      return { messageId: `dev-${row!.id}` };
    },
    close: () => {},
  };
}

const globalForMailer = globalThis as unknown as { __espaceMailer?: Mailer };

export function getMailer(): Mailer {
  if (!globalForMailer.__espaceMailer) {
    const env = getEnv();
    globalForMailer.__espaceMailer = env.SMTP_URL
      ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM)
      : createDevMailbox(env.MAIL_FROM);
  }
  return globalForMailer.__espaceMailer;
}
