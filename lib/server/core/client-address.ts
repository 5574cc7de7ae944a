import "server-only";
// Which address a request comes from, for the per-client limits (SECURITY.md,
// « The client's IP address »). Next.js only shows a route the
// X-Forwarded-For header, and `next start` fills it with the socket's address
// only when the client sent none — so a client talking to the app directly
// could name any address, and escape every per-client limit.
//
// With no trusted proxy (TRUSTED_PROXIES=0) this module makes the header the
// socket's own address on every request, before Next reads it: what the
// client wrote is dropped. Behind N trusted proxies the header is left as
// they built it, and clientIp() picks the entry the nearest one appended.
//
// NOTE: Next offers no hook between the socket and its request handler short
// of a custom server, so the one Node http.Server method Next's server goes
// through, `emit("request")`, is wrapped once per process. See Next's
// base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`.
import http, { type IncomingMessage } from "node:http";

const INSTALLED = Symbol.for("espace-intermittents.client-address");

/** The socket's address, IPv4 written plainly (« ::ffff:192.0.2.1 » → « 192.0.2.1 »). */
export function socketAddress(request: IncomingMessage): string | null {
  const address = request.socket?.remoteAddress;
  if (!address) return null;
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

export function keepSocketAddressOnly(request: IncomingMessage): void {
  const address = socketAddress(request);
  if (address) request.headers["x-forwarded-for"] = address;
  else delete request.headers["x-forwarded-for"];
}

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

type Prototype = { emit: Emit; [INSTALLED]?: Emit };

/**
 * Called once at server start (lib/server/runtime/boot.ts); nothing to do behind
 * trusted proxies. Returns what undoes it (for tests, which share a process).
 */
export function installClientAddress(trustedProxies: number): () => void {
  const prototype = http.Server.prototype as unknown as Prototype;
  const uninstall = () => {
    const original = prototype[INSTALLED];
    if (original) prototype.emit = original;
    delete prototype[INSTALLED];
  };
  if (trustedProxies > 0 || prototype[INSTALLED]) return uninstall;
  const emit = prototype.emit;
  prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") keepSocketAddressOnly(args[0] as IncomingMessage);
    return emit.call(this, event, ...args);
  };
  prototype[INSTALLED] = emit;
  return uninstall;
}
