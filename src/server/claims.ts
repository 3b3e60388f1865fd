import { JOB_ID_PATTERN } from "../core/contract";
import { hmacSha256, sameBytes } from "./hmac";
import type { NormalizedEditInput } from "../core/types";
import type { KlingJobRecord } from "./store/types";

/**
 * Signed ownership claims. Every accepted submit's answer carries one; the browser keeps it with
 * the saved job and sends it back (`X-Kling-Claim`) when it asks about that job. When the store
 * lost the job's record (an outage that outlived the process holding the record, a store
 * restarted empty), the claim restores it for the same user, once: afterwards the record
 * exists and the claim is ignored. It proves only what this proxy signed (with a key derived
 * from the API key, so every instance of the app checks the others' claims), and it dies with
 * the job's `expiresAt`.
 */

/** What a claim holds: the record's fixed part, as it was when the upstream accepted the job. */
type ClaimedRecord = Pick<KlingJobRecord, "jobId" | "owner" | "createdAt" | "expiresAt" | "creditCost" | "input">;

/** Past this size a claim would not fit in a request header behind common proxies (nginx: 8 KB a line). */
const MAX_CLAIM_LENGTH = 6_000;
/** A prompt cut to this keeps a long claim within the header limit; the job itself is unchanged. */
const SHORT_PROMPT = 500;

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

export interface ClaimSigner {
  /** The claim for an accepted job, as the submit's answer carries it. */
  sign(record: KlingJobRecord): string;
  /** The record a claim proves for this job and owner, or undefined (forged, another's, another job's, expired). */
  verify(claim: string, jobId: string, owner: string, now: number): KlingJobRecord | undefined;
}

/**
 * The claim signer of one proxy: HMAC-SHA-256 under a key derived from the API key (so the
 * claim key is never the API key itself, nor usable as one). Synchronous: see hmac.ts.
 */
export function createClaimSigner(apiKey: string): ClaimSigner {
  const key = hmacSha256(encoder.encode(apiKey), encoder.encode("react-kling-edit ownership claim v1"));

  function encode(claimed: ClaimedRecord): string {
    const payload = encoder.encode(JSON.stringify(claimed));
    return `${toBase64Url(payload)}.${toBase64Url(hmacSha256(key, payload))}`;
  }

  return {
    sign(record) {
      const { jobId, owner, createdAt, expiresAt, creditCost, input } = record;
      const claim = encode({ jobId, owner, createdAt, expiresAt, creditCost, input });
      if (claim.length <= MAX_CLAIM_LENGTH) return claim;
      // Too long for a header: the reference images and most of the prompt are left out of the
      // claim (a record it restores lists the edit with a shortened prompt).
      const { image_urls: _images, ...rest } = input;
      const short: NormalizedEditInput = { ...rest, prompt: input.prompt.slice(0, SHORT_PROMPT) };
      return encode({ jobId, owner, createdAt, expiresAt, creditCost, input: short });
    },
    verify(claim, jobId, owner, now) {
      if (claim.length > MAX_CLAIM_LENGTH * 2) return undefined;
      const [payloadPart = "", signaturePart = "", extra] = claim.trim().split(".");
      const payload = fromBase64Url(payloadPart);
      const signature = fromBase64Url(signaturePart);
      if (extra !== undefined || !payload || !signature) return undefined;
      if (!sameBytes(hmacSha256(key, payload), signature)) return undefined;
      let claimed: ClaimedRecord;
      try {
        claimed = JSON.parse(new TextDecoder().decode(payload)) as ClaimedRecord;
      } catch {
        return undefined;
      }
      // Signed by us, so well formed; what remains is whose, which job, and whether it still counts.
      if (claimed.jobId !== jobId || !JOB_ID_PATTERN.test(jobId) || claimed.owner !== owner) return undefined;
      if (!(Date.parse(claimed.expiresAt) > now)) return undefined;
      const record: KlingJobRecord = { ...claimed, status: "pending", version: 1 };
      if (record.creditCost === undefined) delete record.creditCost;
      return record;
    },
  };
}
