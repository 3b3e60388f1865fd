import { describe, expect, it } from "vitest";
import { baseUrl, joinUrl } from "../../src/core/base-url";

describe("baseUrl", () => {
  it("drops trailing slashes of a path", () => {
    expect(baseUrl("/api/kling/")).toBe("/api/kling");
    expect(baseUrl("/api/kling///")).toBe("/api/kling");
    expect(baseUrl("/api/kling")).toBe("/api/kling");
    expect(baseUrl("/")).toBe("");
  });

  it("drops an absolute URL's query, hash and trailing slashes", () => {
    expect(baseUrl("https://pixeldojo.ai/api/v1/")).toBe("https://pixeldojo.ai/api/v1");
    expect(baseUrl("https://pixeldojo.ai/")).toBe("https://pixeldojo.ai");
    expect(baseUrl("https://pixeldojo.ai")).toBe("https://pixeldojo.ai");
    expect(baseUrl("HTTP://Example.test:8080/a/?x=1#y")).toBe("http://example.test:8080/a");
  });

  it("trims a string that does not parse instead of throwing", () => {
    expect(baseUrl("https://exa mple.test/")).toBe("https://exa mple.test");
  });
});

describe("joinUrl", () => {
  it("puts one slash between the base and the path", () => {
    expect(joinUrl("/api/kling/", "/jobs")).toBe("/api/kling/jobs");
    expect(joinUrl("/api/kling", "jobs/1")).toBe("/api/kling/jobs/1");
    expect(joinUrl("https://pixeldojo.ai/api/v1/", "/jobs/a")).toBe("https://pixeldojo.ai/api/v1/jobs/a");
    expect(joinUrl("https://x.test/", "")).toBe("https://x.test");
  });
});
