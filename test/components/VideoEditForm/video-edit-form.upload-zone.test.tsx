// The upload zone's words and place: a file the uploader refuses by a rule reads as a refusal,
// and while the provider's proxy has not said whether it takes uploads the zone's box is kept.
import { QueryClient } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { KlingProvider } from "../../../src";
import { VideoEditForm, type UploadFile } from "../../../src/components";
import { KlingError } from "../../../src/core/errors";

vi.mock("../../../src/core/clip/index", () => import("../clip-engine"));

const video = new File(["mp4"], "clip.mp4", { type: "video/mp4" });

describe("VideoEditForm's upload zone", () => {
  it("says a refusal by the rule in its own words, and a failure as a failure", async () => {
    const tooLong = {
      code: "out_of_range" as const,
      message: "This video is too long: 12 s; the model takes 3 to 10 s.",
    };
    const uploadFile = vi
      .fn<UploadFile>()
      .mockRejectedValueOnce(
        new KlingError("invalid_input", { message: tooLong.message, fieldErrors: { video_duration: tooLong } }),
      )
      .mockRejectedValueOnce(new KlingError("invalid_input", { message: "The file is 250 MB; the limit is 200 MB." }))
      .mockRejectedValueOnce(new Error("disk full"));
    const { container } = render(<VideoEditForm uploadFile={uploadFile} />);
    const zone = container.querySelector<HTMLElement>(".kling-form__upload")!;
    const said = async (calls: number) => {
      fireEvent.change(screen.getByLabelText("Upload a video"), { target: { files: [video] } });
      await waitFor(() => expect(uploadFile).toHaveBeenCalledTimes(calls));
      await act(async () => undefined);
      return within(zone).getByRole("alert").textContent;
    };
    expect(await said(1)).toBe(tooLong.message);
    expect(zone.dataset.upload).toBe("error");
    expect(await said(2)).toBe("The file is 250 MB; the limit is 200 MB.");
    expect(await said(3)).toBe("The upload failed: disk full");
  });

  it("keeps the zone's box, unseen and out of the accessibility tree, until the proxy answers", async () => {
    let answer!: (response: Response) => void;
    const fetch = vi.fn<typeof globalThis.fetch>(() => new Promise((resolve) => (answer = resolve)));
    const { container } = render(
      <KlingProvider proxyUrl="/api/kling" fetch={fetch} queryClient={new QueryClient()}>
        <VideoEditForm />
      </KlingProvider>,
    );
    // The first render, on the server as in the browser: the placeholder, no labelled input.
    const held = container.querySelector<HTMLElement>(".kling-form__upload")!;
    expect(held.dataset.upload).toBe("pending");
    expect(held.getAttribute("aria-hidden")).toBe("true");
    expect(held.textContent).toContain("Upload a video");
    expect(screen.queryByLabelText("Upload a video")).toBeNull();
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    await act(async () => answer(Response.json({ uploads: false })));
    await waitFor(() => expect(container.querySelector(".kling-form__upload")).toBeNull());
  });

  it("lets the real zone take the placeholder's place when the proxy takes uploads", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json({ uploads: true }));
    const { container } = render(
      <KlingProvider proxyUrl="/api/kling-uploads" fetch={fetch} queryClient={new QueryClient()}>
        <VideoEditForm />
      </KlingProvider>,
    );
    expect(container.querySelector<HTMLElement>(".kling-form__upload")!.dataset.upload).toBe("pending");
    await waitFor(() => expect(screen.getByLabelText("Upload a video")).toBeTruthy());
    const zones = container.querySelectorAll<HTMLElement>(".kling-form__upload");
    expect([...zones].map((zone) => zone.dataset.upload)).toEqual(["idle", "idle"]);
  });
});
