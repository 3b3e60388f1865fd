// What the README's recipes leave to the app (its sessions, its auth), written once: the
// type-check gives a recipe these declarations, and running a recipe gives it these functions.
// Every caller is the user named in the `x-user` header (none: signed out).
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

const userOf = (request: Request): string | null => request.headers.get("x-user");

/** A session store's look-up. */
export async function getSession(request: Request): Promise<{ userId: string } | null> {
  const user = userOf(request);
  return user ? { userId: user } : null;
}

export async function getSignedInUser(request: Request): Promise<{ id: string } | null> {
  const user = userOf(request);
  return user ? { id: user } : null;
}

export function isSignedIn(request: Request): boolean {
  return userOf(request) !== null;
}

/** An auth library's session reader (Next.js: reads the request's cookies itself). */
export async function auth(): Promise<{ user?: { id: string } } | null> {
  return { user: { id: "next-user" } };
}

export async function planOf(user: string | undefined): Promise<"free" | "pro"> {
  return user ? "pro" : "free";
}

export const savedJobIds: string[] = [];
export function saveJobId(jobId: string): void {
  savedJobIds.push(jobId);
}

/** Express middleware that signs the caller in, as passport or express-session would. */
export function authMiddleware(req: ExpressRequest, _res: ExpressResponse, next: NextFunction): void {
  const user = req.get("x-user");
  if (user) Object.assign(req, { user: { id: user } });
  next();
}

/** The names above, for the harness: a recipe that uses one gets it imported. */
export const APP_NAMES = [
  "getSession",
  "getSignedInUser",
  "isSignedIn",
  "auth",
  "planOf",
  "saveJobId",
  "authMiddleware",
] as const;
