// The types of createKlingProxy say what its start-up check says: each `@ts-expect-error` below
// is checked by `npm run typecheck` (an error that stops occurring fails it), and each case
// is run, so the types and the runtime cannot drift apart.
import { describe, expect, expectTypeOf, test } from "vitest";
import { createKlingProxy, type KlingProxyOptions, type KlingUploads } from "../../src/server";

const KEY = "pdj_test_key";
const authorize = () => true;
const uploads: KlingUploads = {
  presign: async () => ({
    uploadUrl: "https://s.example/put",
    method: "PUT",
    headers: {},
    url: "https://s.example/get",
    expiresAt: "2030-01-01T00:00:00Z",
  }),
};

describe("KlingProxyOptions: identify is required unless ownership: false", () => {
  test("no identify: a type error, and a start-up error", () => {
    // @ts-expect-error identify is required
    expect(() => createKlingProxy({ apiKey: KEY, authorize })).toThrow(/identify\(request\)` is required/);
    // @ts-expect-error ownership: true does not lift it
    expect(() => createKlingProxy({ apiKey: KEY, authorize, ownership: true })).toThrow(
      /identify\(request\)` is required/,
    );
    const maybe = true as boolean;
    // @ts-expect-error an ownership that may be true does not lift it either
    expect(() => createKlingProxy({ apiKey: KEY, authorize, ownership: maybe })).toThrow(
      /identify\(request\)` is required/,
    );
  });

  test("ownership: false: identify may be left out, but not with uploads", () => {
    expect(() => createKlingProxy({ apiKey: KEY, authorize, ownership: false })).not.toThrow();
    // @ts-expect-error uploads need identify, whatever ownership says
    expect(() => createKlingProxy({ apiKey: KEY, authorize, ownership: false, uploads })).toThrow(
      /uploads need `identify/,
    );
    expect(() =>
      createKlingProxy({ apiKey: KEY, authorize, ownership: false, identify: () => "team", uploads }),
    ).not.toThrow();
  });

  test("with identify, every option is as before", () => {
    const options = {
      apiKey: KEY,
      authorize,
      identify: () => "a",
      uploads,
      ownership: true,
    } satisfies KlingProxyOptions;
    expect(() => createKlingProxy(options)).not.toThrow();
    expectTypeOf<Extract<KlingProxyOptions, { ownership: false }>["identify"]>().toEqualTypeOf<
      KlingProxyOptions["identify"]
    >();
  });
});
