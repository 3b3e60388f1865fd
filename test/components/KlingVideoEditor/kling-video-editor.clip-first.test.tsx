// The drop-in editor leads with the clip where uploads are on; a long clip dropped on it is
// trimmed, prepared (the engine mocked at its module boundary) and uploaded, and the edit that
// reaches the upstream names the uploaded clip and its prepared length.
import { QueryClient } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { KlingVideoEditor, type UploadFile } from "../../../src/components";
import { stubMediaPlayback } from "../VideoCompare/media";
import { PROXY_URL, setupFakeKling } from "../../support/kling";
import { clipFile, engine, preparedClip } from "../clip-engine";

vi.mock("../../../src/core/clip/index", () => import("../clip-engine"));

const kling = setupFakeKling();

beforeEach(() => {
  stubMediaPlayback();
  Object.defineProperty(URL, "createObjectURL", { value: vi.fn(() => "blob:clip"), configurable: true });
  Object.defineProperty(URL, "revokeObjectURL", { value: vi.fn(), configurable: true });
});

const follows = (first: Element, second: Element) =>
  !!(first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING);

describe("KlingVideoEditor leads with the clip", () => {
  it("puts the drop zone first and the link as the alternative, where uploads are on", () => {
    const uploadFile: UploadFile = async () => "https://uploads.example.com/a.mp4";
    const { container } = render(
      <KlingVideoEditor proxyUrl={PROXY_URL} queryClient={new QueryClient()} persist={false} uploadFile={uploadFile} />,
    );
    const form = container.querySelector("form")!;
    expect(form.dataset.layout).toBe("clip-first");
    const zone = container.querySelector(".kling-form__upload--large")!;
    expect(zone.contains(screen.getByLabelText("Upload a video"))).toBe(true);
    expect(follows(zone, screen.getByText("or paste a link"))).toBe(true);
    expect(follows(screen.getByText("or paste a link"), screen.getByLabelText("Source video URL"))).toBe(true);
    expect(follows(screen.getByLabelText("Source video URL"), screen.getByLabelText("What to change"))).toBe(true);
  });

  it("keeps the fields' order without uploads", () => {
    const { container } = render(
      <KlingVideoEditor proxyUrl={PROXY_URL} queryClient={new QueryClient()} persist={false} uploadFile={false} />,
    );
    expect(container.querySelector("form")!.dataset.layout).toBe("fields");
    expect(screen.queryByText("or paste a link")).toBeNull();
    expect(follows(screen.getByLabelText("What to change"), screen.getByLabelText("Source video URL"))).toBe(true);
  });

  it("a 30 s portrait clip dropped, trimmed to 10 s, prepared, uploaded and edited", async () => {
    const fake = kling.use();
    const uploaded: File[] = [];
    const uploadFile: UploadFile = async (file) => (uploaded.push(file), "https://uploads.example.com/trimmed.mp4");
    const prepared = preparedClip({ durationSeconds: 10, width: 1080, height: 1920, fps: 30 }, ["trimmed"]);
    engine.prepareClip.mockResolvedValue(prepared);
    const { container } = render(
      <KlingVideoEditor proxyUrl={PROXY_URL} queryClient={new QueryClient()} persist={false} uploadFile={uploadFile} />,
    );
    fireEvent.change(screen.getByLabelText("What to change"), { target: { value: "Make it snow" } });
    const long = clipFile("phone.mp4", { durationSeconds: 30, width: 1080, height: 1920, fps: 30 });
    fireEvent.drop(container.querySelector(".kling-form__upload--large")!, { dataTransfer: { files: [long] } });

    const start = await screen.findByRole("slider", { name: "Start" });
    fireEvent.keyDown(start, { key: "PageUp" });
    fireEvent.keyDown(start, { key: "PageUp" });
    fireEvent.keyDown(screen.getByRole("slider", { name: "End" }), { key: "End" });
    expect(screen.getByRole("slider", { name: "End" }).getAttribute("aria-valuetext")).toBe(
      "End 0:12.0 (10 s selected)",
    );
    fireEvent.click(screen.getByRole("button", { name: "Use this part" }));
    await waitFor(() => expect(uploaded).toEqual([prepared.file]));
    expect(engine.prepareClip).toHaveBeenCalledWith(long, expect.objectContaining({ start: 2, end: 12 }));
    await waitFor(() =>
      expect((screen.getByLabelText("Source video URL") as HTMLInputElement).value).toBe(
        "https://uploads.example.com/trimmed.mp4",
      ),
    );

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Start edit" })));
    await waitFor(() => expect(fake.requests.filter((request) => request.method === "POST")).toHaveLength(1));
    expect(fake.requests.find((request) => request.method === "POST")!.body).toMatchObject({
      prompt: "Make it snow",
      video_url: "https://uploads.example.com/trimmed.mp4",
      video_duration: 10,
    });
  });
});
