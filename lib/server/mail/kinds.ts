import "server-only";
// The kinds of mail the outbox carries and the shape a handler returns. Types
// only: the registry of handlers (lib/server/outbox/registry.ts) imports every
// capability, and every capability imports these types.
import type { ReactElement } from "react";
import type { Executor } from "@/db/client";
import type { MailAttachment } from "@/db/schema";
import type { CalendarMailPayloads } from "../admin";
import type { MemberMailPayloads } from "../admin";
import type { OfferMailPayloads } from "../exchange";
import type { ListMailPayloads } from "../list";
import type { NetworkMailPayloads } from "../network";
import type { ReminderMailPayloads } from "../reminders";
import type { RoundCache } from "./round-cache";

export type MailPayloads = {
  "sign-in": { url: string; userId?: string };
} & OfferMailPayloads &
  ListMailPayloads &
  ReminderMailPayloads &
  CalendarMailPayloads &
  MemberMailPayloads &
  NetworkMailPayloads;
export type MailKind = keyof MailPayloads;

export type PreparedMail = {
  subject: string;
  element: ReactElement;
  /** Already rendered (bulk mail personalised from a cached render); `element` is then its full equivalent. */
  rendered?: Promise<{ html: string; text: string }>;
  headers?: Record<string, string>;
  replyTo?: string;
  attachments?: MailAttachment[];
  /** The payload holds a secret (a sign-in link): blank it once the message is sent. */
  redactPayload?: boolean;
};

/** Builds a mail of an AMAP (its outbox row's) from its payload, or null when it no longer applies. */
export type MailHandler<P> = (payload: P, ex: Executor, amapId: number, cache?: RoundCache) => Promise<PreparedMail | null>;
