// What the rest of lib/server may use of mail/ (the dependency-cruiser rule feature-public-api).
export { enqueueMail, kickOutbox, workerSlot } from "./enqueue";
export type { NewMail, OutboxWorker } from "./enqueue";
export type { MailHandler, MailKind, MailPayloads } from "./kinds";
export { addressOf, getMailer, isPermanentMailError } from "./mailer";
export type { Mailer } from "./mailer";
export { isActiveIntermittent, listUnsubscribe, loadDistribution, partnerLeave, loadPerson, mail, onTheList, person, spaceUrl } from "./parts";
export type { Person } from "./parts";
export { renderMail, renderMailWithSlots, slotToken } from "./render-mail";
export { noRoundCache, roundCache } from "./round-cache";
export type { RoundCache } from "./round-cache";
