// The audit of the isolation tests (issue 13, point 3: « a test that runs every
// read model and command with an AMAP whose id is not the row's and finds
// nothing »). What lib/server offers — every function app/ imports from it,
// and every export of a capability's index.ts — is listed here, each either
// with the isolation test that runs it across two AMAPs, or with the reason it
// reads no AMAP's rows. The test reads the sources: a new export without a
// line fails, a line whose export is gone fails, and an isolation test that
// no longer calls what it is said to cover fails.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** "lib/server/exchange/reserve#reserveOffer" → the isolation test that calls it ("file", or "file#callee" when it runs through another). */
const ISOLATION_CASES: Record<string, string> = {
  // admin/
  "lib/server/admin/calendar/contracts#addContract": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/calendar#addDistributionDate": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/places#addPlace": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/distribution-changes#cancelRemainingOffers": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/contracts#editContract": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/places#editPlace": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/calendar#generateSeries": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/contracts#listContracts": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/calendar#listDistributions": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/places#listPlaces": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/contracts#setContractActive": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/calendar#setDeliveredContracts": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/distribution-changes#cancelDistribution": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/distribution-changes#moveDistribution": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/calendar/calendar-mail#calendarMailHandlers": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/member-mail#memberMailHandlers": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/members#addSubscription": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/members#createMember": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/members#endSubscription": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/member-csv#exportMembersCsv": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/members#getMember": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/member-csv#importMembers": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/members#listMembers": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/member-csv#memberTemplateCsv": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/member-csv#previewImport": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/members#updateMember": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/members/members#updateSubscription": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/offers#getAdminOffer": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/offers#listAdminOffers": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/offers#listPlaces": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/settings#readSettingsForEdit": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/settings#updateSettings": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/sign-sheet/sign-sheet#getSignSheet": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/sign-sheet/sign-sheet#listSheetDistributions": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/stats#exportStatsCsv": "lib/server/admin/admin-isolation.test.ts",
  "lib/server/admin/stats#getStats": "lib/server/admin/admin-isolation.test.ts",
  // auth/
  "lib/server/auth/auth#hasRole": "lib/server/auth/auth-amap.test.ts",
  "lib/server/auth/auth#loadRoles": "lib/server/auth/auth-amap.test.ts",
  "lib/server/auth/auth#viewerForLink": "lib/server/links/link-isolation.test.ts#performLink",
  "lib/server/auth/referent#isReferent": "lib/server/auth/auth-amap.test.ts",
  "lib/server/auth/referent#referentRead": "lib/server/auth/auth-amap.test.ts",
  // core/
  "lib/server/core/partners#livePartnershipWith": "lib/server/core/core-isolation.test.ts",
  "lib/server/core/partners#partnerHomeOf": "lib/server/core/core-isolation.test.ts",
  "lib/server/core/partners#partnersOf": "lib/server/core/core-isolation.test.ts",
  "lib/server/core/partners#partnershipIsLive": "lib/server/core/core-isolation.test.ts",
  "lib/server/core/partners#partnershipsTouching": "lib/server/core/core-isolation.test.ts",
  "lib/server/core/partners#receivesAsPartner": "lib/server/core/core-isolation.test.ts",
  // What crosses between partner AMAPs, and what does not: exchange/partner-amaps.test.ts, network/partnerships.test.ts.
  "lib/server/core/partners#partnerHomesOf": "lib/server/exchange/partner-amaps.test.ts",
  "lib/server/exchange/baskets-page#listPartnerBaskets": "lib/server/exchange/partner-amaps.test.ts",
  "lib/server/exchange/partner-access#actorOnOffer": "lib/server/exchange/partner-amaps.test.ts#describeLink",
  "lib/server/exchange/partner-announcement#announceToPartners": "lib/server/exchange/partner-amaps.test.ts",
  "lib/server/list/partner-baskets#getPartnerBasketsChoice": "lib/server/exchange/partner-amaps.test.ts",
  "lib/server/list/partner-baskets#leavePartnerBasketsByLink": "lib/server/exchange/partner-amaps.test.ts",
  "lib/server/list/partner-baskets#setPartnerBaskets": "lib/server/exchange/partner-amaps.test.ts",
  "lib/server/network/partnerships#acceptPartnership": "lib/server/network/partnerships.test.ts",
  "lib/server/network/partnerships#endPartnership": "lib/server/network/partnerships.test.ts",
  "lib/server/network/partnerships#readPartnerships": "lib/server/network/partnerships.test.ts",
  "lib/server/network/partnerships#refusePartnership": "lib/server/network/partnerships.test.ts",
  "lib/server/network/partnerships#requestPartnership": "lib/server/network/partnerships.test.ts",
  "lib/server/network/partnerships#withdrawPartnershipRequest": "lib/server/network/partnerships.test.ts",
  "lib/server/core/people#peopleWithRoles": "lib/server/core/core-isolation.test.ts",
  "lib/server/core/people#personWithRolesById": "lib/server/core/core-isolation.test.ts",
  "lib/server/core/people#rolesOf": "lib/server/core/core-isolation.test.ts",
  "lib/server/core/retention#applyRetention": "lib/server/core/retention-amaps.test.ts",
  "lib/server/core/settings#getSettings": "lib/server/core/core-isolation.test.ts",
  // exchange/
  "lib/server/exchange/absence-page#getAbsencePage": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/baskets-page#listAvailableBaskets": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/home-summary#getHomeSummary": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/home-summary#pickupCalendar": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/my-exchanges-page#getDeclineConfirmation": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/my-exchanges-page#getMyExchanges": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offer-mail#offerMailHandlers": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offer-mail-data#loadOffer": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offers#acceptReservation": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offers#assignOffer": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offers#autoAcceptPending": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offers#cancelOffer": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offers#cancelOfferWithCause": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offer-create#createOffers": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offers#declineReservation": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/reserve#reserveOffer": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offers#setOfferPaid": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offers#settleStartedOffers": "lib/server/exchange/exchange-isolation.test.ts",
  "lib/server/exchange/offers#withdrawReservation": "lib/server/exchange/exchange-isolation.test.ts",
  // links/
  "lib/server/links/link-actions#describeLink": "lib/server/links/link-isolation.test.ts",
  "lib/server/links/link-actions#performLink": "lib/server/links/link-isolation.test.ts",
  // list/
  "lib/server/list/intermittents#addToListAsReferent": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/intermittents#exportIntermittentsCsv": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/intermittents#getListStatus": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/intermittents#joinList": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/intermittents#leaveList": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/intermittents#leaveListByLink": "lib/server/links/link-isolation.test.ts#performLink",
  "lib/server/list/intermittents#amapOfUnsubscribeLink": "lib/server/links/link-isolation.test.ts#performLink",
  "lib/server/list/intermittents#listIntermittents": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/intermittents#removeFromList": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/invitations#answerInvitation": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/invitations#describeInvitation": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/invitations#inviteSomeone": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/join-requests#approveJoinRequest": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/join-requests#countPendingRequests": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/join-requests#listJoinRequests": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/join-requests#refuseJoinRequest": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/join-requests#requestToJoin": "lib/server/list/list-isolation.test.ts",
  "lib/server/list/list-mail#listMailHandlers": "lib/server/list/list-isolation.test.ts",
  // mail/
  "lib/server/mail/enqueue#enqueueMail": "lib/server/outbox/outbox-isolation.test.ts",
  "lib/server/mail/parts#isActiveIntermittent": "lib/server/mail/mail-isolation.test.ts",
  "lib/server/mail/parts#loadDistribution": "lib/server/mail/mail-isolation.test.ts",
  "lib/server/mail/parts#onTheList": "lib/server/mail/mail-isolation.test.ts",
  // network/
  "lib/server/network/network#createNetworkAmap": "lib/server/network/network-isolation.test.ts",
  "lib/server/network/network#isNetworkAdmin": "lib/server/network/network-isolation.test.ts",
  "lib/server/network/network#readNetwork": "lib/server/network/network-isolation.test.ts",
  "lib/server/network/network#setAmapSuspended": "lib/server/network/network-isolation.test.ts",
  "lib/server/network/network-mail#networkMailHandlers": "lib/server/network/network-isolation.test.ts",
  // outbox/
  "lib/server/outbox/email-log#listEmailLog": "lib/server/outbox/outbox-isolation.test.ts",
  "lib/server/outbox/email-log#previewEmail": "lib/server/outbox/outbox-isolation.test.ts",
  "lib/server/outbox/email-log#resendEmail": "lib/server/outbox/outbox-isolation.test.ts",
  // reminders/
  "lib/server/reminders/reminder-mail#reminderMailHandlers": "lib/server/reminders/reminders-isolation.test.ts",
  "lib/server/reminders/reminders#runReminders": "lib/server/reminders/reminders-isolation.test.ts",
};

const PLUMBING = "the actions' plumbing (session, form, answer): the data layer authorizes, proved by e2e/authorization.spec.ts";
const REQUEST = "reads the request (next/headers): proved through every route and action by e2e/authorization.spec.ts's actors of another AMAP, and test/proxy.test.ts";
const CONSTANT = "a constant";
const SHAPES = "shapes an offer loadOffer read in its AMAP (no query of its own)";
const SIGN_IN = "sign-in is the person's, across AMAPs (one account per email)";

/** What reads or writes no AMAP's rows, and why. */
const NO_AMAP_ROWS: Record<string, string> = {
  "lib/server/admin/members/members#MEMBER_LIST_LIMIT": CONSTANT,
  "lib/server/admin/offers#ADMIN_OFFERS_PAGE": CONSTANT,
  "lib/server/admin/sign-sheet/sign-sheet-pdf#renderSignSheetPdf": "renders the sheet getSignSheet read in the référent's AMAP (no query of its own)",
  "lib/server/auth/auth#admitSignInRequest": SIGN_IN,
  "lib/server/core/signed-links#partnerLeaveLink": "signs a link naming a partner AMAP; leavePartnerBasketsByLink checks that AMAP when it is used",
  "lib/server/mail/parts#partnerLeave": "signs a link naming a partner AMAP (partnerLeaveLink), with the AMAP's own reply-to",
  "lib/server/auth/auth#getViewer": REQUEST,
  "lib/server/auth/auth#handlers": `Auth.js's routes: ${SIGN_IN}`,
  "lib/server/auth/auth#requireViewer": REQUEST,
  "lib/server/auth/auth#signInPath": REQUEST,
  "lib/server/auth/auth#signOut": "ends the caller's own session",
  "lib/server/auth/auth#signOutEverywhere": "ends the caller's own sessions, which are the person's across AMAPs (auth-amap.test.ts)",
  "lib/server/auth/sign-in-link#describeSignInLink": SIGN_IN,
  "lib/server/auth/sign-in-link#issueSignInUrl": SIGN_IN,
  "lib/server/auth/sign-in-link#sendSignInLinkIfKnown": SIGN_IN,
  "lib/server/core/amaps#homeAmapId": "the deployment's first AMAP, what links from before AMAPs mean",
  "lib/server/core/client-address#installClientAddress": "the client's IP address",
  "lib/server/core/health#checkHealth": "the database's health",
  "lib/server/core/health#forgetDatabaseHealth": "the database's health",
  "lib/server/core/housekeeping#purgeExpiredAuthRows": `expired sessions and tokens: ${SIGN_IN}`,
  "lib/server/core/log#logError": "the server's log",
  "lib/server/core/log#logWarn": "the server's log",
  "lib/server/core/people#peopleWithAnyRole": `who may sign in (a role in any AMAP): ${SIGN_IN}`,
  "lib/server/core/request-amap#amapsOfPerson": REQUEST,
  "lib/server/core/request-amap#getRequestSettings": REQUEST,
  "lib/server/core/request-amap#requestAmap": REQUEST,
  "lib/server/core/request-amap#namedRequestAmap": REQUEST,
  "lib/server/core/request-amap#inRequestSpace": REQUEST,
  "lib/server/core/request-amap#openAmaps": "the open AMAPs' names and addresses, public (the join form's choice)",
  "lib/server/list/intermittents#amapNameOfUnsubscribeLink": "the name of the AMAP the link itself names, for the one-click answer to its own recipient",
  "lib/server/core/signed-links#INERT_TOKEN": CONSTANT,
  "lib/server/core/signed-links#consumeLink": "a signed link's one use (names no AMAP; what it does is scoped by its command: link-isolation.test.ts)",
  "lib/server/core/signed-links#createLinkToken": "signs a link (names no AMAP; what it does is scoped by its command: link-isolation.test.ts)",
  "lib/server/core/signed-links#isLinkUsed": "a signed link's one use",
  "lib/server/core/signed-links#linkUrl": "a signed link's address",
  "lib/server/core/signed-links#linksAreInert": "signed links' test switch",
  "lib/server/core/signed-links#unsubscribeLink": "signs an unsubscribe link (its effect: leaveListByLink)",
  "lib/server/core/signed-links#verifyLinkToken": "checks a signature",
  "lib/server/core/signed-links#withInertLinks": "signed links' test switch",
  "lib/server/exchange/offer-context#inOfferContext": "joins an offer's distribution, place and member; every caller filters by its AMAP",
  "lib/server/exchange/offer-context#offerMember": "a table alias",
  "lib/server/exchange/offer-mail-data#decisionLinks": SHAPES,
  "lib/server/exchange/offer-mail-data#pickupIcs": SHAPES,
  "lib/server/exchange/offer-mail-data#reservationOf": SHAPES,
  "lib/server/exchange/offer-mail-data#withdrawLink": SHAPES,
  "lib/server/exchange/offer-rows#linesOf": "the lines of offers its caller read in its AMAP",
  "lib/server/exchange/offer-rows#reservationsOf": "the reservations of offers its caller read in its AMAP",
  "lib/server/exchange/offer-create#MAX_MESSAGE_LENGTH": CONSTANT,
  "lib/server/exchange/views#actorOf": "a viewer's roles as the state machine reads them (pure)",
  "lib/server/mail/dev-mailbox#getDevMail": "the development mailbox (every mail of the deployment, only without SMTP: test/smtp-configured.test.ts)",
  "lib/server/mail/dev-mailbox#listDevMails": "the development mailbox (every mail of the deployment, only without SMTP: test/smtp-configured.test.ts)",
  "lib/server/mail/enqueue#kickOutbox": "wakes the mail worker",
  "lib/server/mail/enqueue#workerSlot": "the mail worker's slot",
  "lib/server/mail/mailer#addressOf": "parses an address",
  "lib/server/mail/mailer#getMailer": "the SMTP transport",
  "lib/server/mail/mailer#isPermanentMailError": "reads an SMTP error",
  "lib/server/mail/parts#listUnsubscribe": "builds headers from the settings its caller read in its AMAP",
  "lib/server/mail/parts#loadPerson": "a person is one account across AMAPs; their role in an AMAP is read by onTheList or peopleWithRoles",
  "lib/server/mail/parts#mail": "builds a mail (pure)",
  "lib/server/mail/parts#person": "shapes a person (pure)",
  "lib/server/mail/parts#spaceUrl": "an address in the AMAP its caller read (pure)",
  "lib/server/mail/render-mail#renderMail": "renders a mail (pure)",
  "lib/server/mail/render-mail#renderMailWithSlots": "renders a mail (pure)",
  "lib/server/mail/render-mail#slotToken": "renders a mail (pure)",
  "lib/server/mail/round-cache#noRoundCache": "a per-round cache of the mail worker",
  "lib/server/mail/round-cache#roundCache": "a per-round cache of the mail worker",
  "lib/server/outbox/email-log#EMAIL_LOG_PAGE": CONSTANT,
  "lib/server/outbox/worker#startOutboxWorker": "delivers each row through its handler with the row's own AMAP, whose every kind is run across AMAPs above",
  "lib/server/runtime/action-kit#answerFailures": PLUMBING,
  "lib/server/runtime/action-kit#formId": PLUMBING,
  "lib/server/runtime/action-kit#handleAction": PLUMBING,
  "lib/server/runtime/action-kit#hasNulByte": PLUMBING,
  "lib/server/runtime/action-kit#redirectToSignIn": PLUMBING,
  "lib/server/runtime/action-kit#refusalState": PLUMBING,
};

// ---------------------------------------------------------------------------
// Reading the sources.

const SOURCE = [".ts", ".tsx"];

/** "lib/server/list/intermittents" → its file, or its folder's index. */
function fileOf(module: string): string | null {
  for (const ext of SOURCE) if (existsSync(`${module}${ext}`)) return `${module}${ext}`;
  for (const ext of SOURCE) if (existsSync(`${module}/index${ext}`)) return `${module}/index${ext}`;
  return null;
}

/** A module specifier seen from `fromFile`, as a path from the root without extension. */
function resolveSpecifier(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.posix.join(path.posix.dirname(fromFile), specifier);
  return null;
}

/** The value bindings of `{ a, b as c, type T }`: [imported, local]. */
function bindings(list: string): [string, string][] {
  return list
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "" && !part.startsWith("type "))
    .map((part) => {
      const [imported, local] = part.split(/\s+as\s+/);
      return [imported!, local ?? imported!];
    });
}

/** Where `name`, exported by `module`, is defined: followed through `export { name } from "…"` (index files, re-exports). */
function canonical(module: string, name: string, seen = 0): string {
  const file = fileOf(module);
  if (!file || seen > 10) return `${module}#${name}`;
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(/export\s+\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    for (const [imported, exported] of bindings(match[1]!)) {
      if (exported !== name) continue;
      const target = resolveSpecifier(file, match[2]!);
      if (target) return canonical(path.posix.normalize(target.replace(/\.tsx?$/, "")), imported, seen + 1);
    }
  }
  return `${module.replace(/\/index$/, "")}#${name}`;
}

/** Every `import { … } from "…"` of a file (values only), as [module, imported, local]. */
function importsOf(file: string): [string, string, string][] {
  const source = readFileSync(file, "utf8");
  const found: [string, string, string][] = [];
  for (const match of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    if (match[1]) continue;
    const from = resolveSpecifier(file, match[3]!);
    if (!from) continue;
    for (const [imported, local] of bindings(match[2]!)) found.push([path.posix.normalize(from), imported, local]);
  }
  return found;
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => `${dir}/${f.split(path.sep).join("/")}`).filter((f) => pattern.test(f));
}

/** What lib/server offers: the values app/ imports from it, and every capability index's exports. */
function surface(): string[] {
  const keys = new Set<string>();
  for (const file of filesUnder("app", /\.tsx?$/)) {
    for (const [module, imported] of importsOf(file)) if (module.startsWith("lib/server/")) keys.add(canonical(module, imported));
  }
  for (const capability of readdirSync("lib/server")) {
    const index = `lib/server/${capability}/index.ts`;
    if (!existsSync(index)) continue;
    for (const match of readFileSync(index, "utf8").matchAll(/export\s+\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
      for (const [, exported] of bindings(match[1]!)) keys.add(canonical(`lib/server/${capability}`, exported));
    }
  }
  return [...keys].sort();
}

/** The file's code without its imports and comments. */
function body(file: string): string {
  return readFileSync(file, "utf8")
    .replace(/import\s+(type\s+)?\{[^}]*\}\s*from\s*"[^"]+";?/g, "")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
}

/** Whether `file` uses `key` in its code: imported under any name, from its module or through an index. */
function uses(file: string, key: string): boolean {
  const code = body(file);
  return importsOf(file).some(([module, imported, local]) => canonical(module, imported) === key && new RegExp(`(^|[^\\w.$])${local}\\b`).test(code));
}

// ---------------------------------------------------------------------------

describe("the isolation tests cover what lib/server offers", () => {
  const offered = surface();

  it("every export app/ uses and every capability index's export has a line: an isolation case, or why it needs none", () => {
    expect(offered.length).toBeGreaterThan(100);
    const listed = new Set([...Object.keys(ISOLATION_CASES), ...Object.keys(NO_AMAP_ROWS)]);
    expect(
      offered.filter((key) => !listed.has(key)),
      "exports without a line: add each to ISOLATION_CASES with the isolation test that runs it with another AMAP's ids, or to NO_AMAP_ROWS with why it needs none",
    ).toEqual([]);
    expect([...listed].filter((key) => !offered.includes(key)), "lines whose export is gone").toEqual([]);
    expect(Object.keys(ISOLATION_CASES).filter((key) => key in NO_AMAP_ROWS), "lines in both lists").toEqual([]);
  });

  it("each isolation case is an isolation test that runs it", () => {
    const missing: string[] = [];
    for (const [key, where] of Object.entries(ISOLATION_CASES)) {
      const [file, through] = where.split("#") as [string, string | undefined];
      // The partner AMAPs' tests are isolation tests too: what crosses between AMAPs, and what does not.
      if (!existsSync(file) || !/(-isolation|-amaps?|\/partnerships)\.test\.ts$/.test(file)) {
        missing.push(`${key}: ${file} is no isolation test`);
        continue;
      }
      // Run through another export (a link's command): the test uses that one, whose module uses `key`.
      const ran = through ? reaches(file, through, key) : uses(file, key);
      if (!ran) missing.push(`${key}: not run by ${where}`);
    }
    expect(missing).toEqual([]);
  });
});

/** Whether the test uses the export `through` of lib/server, whose module uses `key`. */
function reaches(testFile: string, through: string, key: string): boolean {
  return importsOf(testFile).some(([module, imported]) => {
    const viaKey = canonical(module, imported);
    if (!viaKey.endsWith(`#${through}`) || !uses(testFile, viaKey)) return false;
    const viaFile = fileOf(viaKey.split("#")[0]!);
    return viaFile !== null && uses(viaFile, key);
  });
}
