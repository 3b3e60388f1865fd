// The simulated storage's check of presigned requests, the way S3 makes it: test code only,
// so the proxy's own bundle (which signs, never checks) does not carry it.
import {
  ALGORITHM,
  credentialScope,
  MAX_PRESIGN_SECONDS,
  signatureOf,
  UNSIGNED_PAYLOAD,
  type SigV4Credentials,
} from "../server/uploads/sigv4";

/** Why a presigned request was refused; the codes are S3's own. */
export interface PresignRefusal {
  status: 400 | 403;
  code: "AuthorizationQueryParametersError" | "AccessDenied" | "InvalidAccessKeyId" | "SignatureDoesNotMatch";
  message: string;
}

export interface PresignedRequest {
  method: string;
  /** The request URL as received (its path still encoded). */
  url: string;
  /** Values of the request's headers by lower-case name, for those the signature names. */
  header: (name: string) => string | null;
  /** The time it arrived, ms since the epoch. */
  now: number;
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Checks a presigned request the way S3 does (signature, scope, expiry, signed headers), for
 * the simulated storage. Undefined when it may go on.
 */
export async function checkPresigned(
  credentials: SigV4Credentials,
  request: PresignedRequest,
): Promise<PresignRefusal | undefined> {
  const url = new URL(request.url);
  const param = (name: string) => url.searchParams.get(name);
  const refuse = (code: PresignRefusal["code"], message: string, status: 400 | 403 = 403): PresignRefusal => ({
    status,
    code,
    message,
  });
  const [timestamp, expires, signature, signed] = [
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-Signature",
    "X-Amz-SignedHeaders",
  ].map(param);
  if (
    param("X-Amz-Algorithm") !== ALGORITHM ||
    !timestamp ||
    !expires ||
    !signature ||
    !signed ||
    !param("X-Amz-Credential")
  ) {
    return refuse("AuthorizationQueryParametersError", "The request is not a SigV4 presigned request.", 400);
  }
  const [accessKeyId, ...scope] = param("X-Amz-Credential")!.split("/");
  if (accessKeyId !== credentials.accessKeyId)
    return refuse("InvalidAccessKeyId", "The access key id is not known here.");
  const time = AMZ_DATE.exec(timestamp);
  const seconds = Number(expires);
  if (!time || !/^\d{1,6}$/.test(expires) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
    return refuse("AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is malformed.", 400);
  }
  if (scope.join("/") !== credentialScope(timestamp.slice(0, 8), credentials)) {
    return refuse("AuthorizationQueryParametersError", "The credential scope does not match this storage.", 400);
  }
  const signedAt = Date.UTC(+time[1]!, +time[2]! - 1, +time[3]!, +time[4]!, +time[5]!, +time[6]!);
  if (request.now > signedAt + seconds * 1000) return refuse("AccessDenied", "Request has expired.");
  if (request.now < signedAt - 15 * 60 * 1000)
    return refuse("AccessDenied", "The request is signed for a time in the future.");

  const headers: Record<string, string> = {};
  for (const name of signed.split(";")) {
    const value = name === "host" ? url.host : request.header(name);
    if (value === null) return refuse("SignatureDoesNotMatch", `The signed header ${name} is missing.`);
    headers[name] = value;
  }
  if (!("host" in headers)) return refuse("AuthorizationQueryParametersError", "The host header must be signed.", 400);
  const query = [...url.searchParams].filter(([name]) => name !== "X-Amz-Signature");
  const path = url.pathname;
  const expected = await signatureOf(credentials, timestamp, {
    method: request.method,
    path,
    query,
    headers,
    payloadHash: UNSIGNED_PAYLOAD,
  });
  if (!sameText(expected, signature)) {
    return refuse(
      "SignatureDoesNotMatch",
      "The request signature does not match: the method, object, a signed header or the query was changed.",
    );
  }
  return undefined;
}

/** Compares without stopping at the first difference. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
