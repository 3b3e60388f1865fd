// The uploader as the form's `uploadFile`, end to end in jsdom: a picked file is uploaded through
// the real proxy to the fake storage and becomes the edit's video_url; a cancelled upload gives
// the form no URL and submits nothing.
import { QueryClient } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { KlingVideoEditor, VideoEditForm, type UploadFile as FormUploadFile } from "../../../src/components";
import { createProxyUploader } from "../../../src/core/uploader";
import { loadVideoMetadata, previewVideo } from "../../support/components";
import { flushIO } from "../../support/kling";
import {
  clip,
  clipFile,
  fakeVideoMetadata,
  PROXY_URL,
  putsOf,
  setupUploads,
  steppedXhrs,
  until,
} from "../../core/uploader/support";

const { ctx, restart } = setupUploads();
const media = fakeVideoMetadata();

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const pick = (file: File) => fireEvent.change(screen.getByLabelText("Upload a video"), { target: { files: [file] } });
const submits = () => ctx.proxy.fake.requests.filter((request) => request.method === "POST");

describe("VideoEditForm with createProxyUploader", () => {
  test("a picked video is uploaded and its URL fills the form", async () => {
    // The uploader is the form's UploadFile, as it is typed today.
    const uploadFile: FormUploadFile = createProxyUploader({ proxyUrl: PROXY_URL });
    render(<VideoEditForm uploadFile={uploadFile} />);
    pick(clipFile());
    await until(() => field("Source video URL").value !== "", "the URL in the form");
    const url = field("Source video URL").value;
    expect(url).toMatch(/^https:\/\/storage\.kling\.test\/kling-fake\/kling-uploads\//);
    expect(new Uint8Array(await (await ctx.storage.fetch(url)).arrayBuffer())).toEqual(clip);
  });

  // A refusal by the rule, in its own words, saying which side of the range: no upload failed.
  test.each([
    [12, "This video is too long: 12 s; the model takes 3 to 10 s."],
    [2.04, "This video is too short: 2 s; the model takes 3 to 10 s."],
  ])("a %s s clip is refused in the upload zone before a byte is sent", async (duration, message) => {
    media.answer = { duration };
    render(<VideoEditForm uploadFile={createProxyUploader({ proxyUrl: PROXY_URL })} />);
    pick(clipFile());
    await until(() => screen.queryByRole("alert") !== null, "the refusal");
    expect(screen.getByRole("alert").textContent).toBe(message);
    expect(ctx.storage.requests).toEqual([]);
  });

  test("cancel mid-upload: the PUT is aborted, the form gets no URL, nothing is submitted", async () => {
    const { xhrs, createXhr } = steppedXhrs(() => ctx.storage);
    render(
      <VideoEditForm uploadFile={createProxyUploader({ proxyUrl: PROXY_URL, createXhr })} onSubmit={() => undefined} />,
    );
    fireEvent.change(field("What to change"), { target: { value: "Make it snow" } });
    pick(clipFile());
    await until(() => xhrs.length === 1, "the PUT");
    act(() => xhrs[0]!.progress(clip.byteLength / 2));
    expect((screen.getByRole("progressbar", { name: "Upload progress" }) as HTMLProgressElement).value).toBeCloseTo(
      0.5,
      3,
    );
    fireEvent.click(screen.getByRole("button", { name: "Cancel upload" }));
    expect(xhrs[0]!.aborted).toBe(true);
    await act(async () => until(() => true));
    expect(field("Source video URL").value).toBe("");
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(putsOf(ctx.storage)).toEqual([]);
    expect(submits()).toEqual([]);
  });
});

test("KlingVideoEditor: an uploaded file is the video_url of the edit that reaches the upstream", async () => {
  const { container } = render(
    <KlingVideoEditor
      proxyUrl={PROXY_URL}
      queryClient={new QueryClient()}
      persist={false}
      uploadFile={createProxyUploader({ proxyUrl: PROXY_URL })}
    />,
  );
  fireEvent.change(field("What to change"), { target: { value: "Make it snow" } });
  pick(clipFile());
  await until(() => field("Source video URL").value !== "", "the URL in the form");
  await act(() => flushIO());
  const url = field("Source video URL").value;
  // The form reads the length from the uploaded file, as a browser would.
  act(() => loadVideoMetadata(previewVideo(container), { duration: 4 }));
  fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
  await until(() => submits().length === 1, "the submit upstream");
  expect(submits()[0]!.body).toMatchObject({ prompt: "Make it snow", video_url: url, video_duration: 4 });
});

describe("the proxy's uploader is the default", () => {
  test("the editor offers uploads once the proxy says it takes them, and uploads through it", async () => {
    render(<KlingVideoEditor proxyUrl={PROXY_URL} queryClient={new QueryClient()} persist={false} />);
    // Asked after mount: no zone in the first render (server and client render alike).
    expect(screen.queryByLabelText("Upload a video")).toBeNull();
    await until(() => screen.queryByLabelText("Upload a video") !== null, "the upload zone");
    pick(clipFile());
    await until(() => field("Source video URL").value !== "", "the URL in the form");
    expect(field("Source video URL").value).toMatch(/^https:\/\/storage\.kling\.test\//);
  });

  test("a proxy without uploads: no zone, after one question", async () => {
    restart({ proxy: () => ({ uploads: undefined }) });
    render(<KlingVideoEditor proxyUrl={PROXY_URL} queryClient={new QueryClient()} persist={false} />);
    await until(() => ctx.proxy.requests.some((request) => request.path === "/uploads"), "the question");
    await act(() => flushIO());
    expect(screen.queryByLabelText("Upload a video")).toBeNull();
  });

  test("uploadFile={false} turns uploads off and asks nothing", async () => {
    render(
      <KlingVideoEditor proxyUrl={PROXY_URL} queryClient={new QueryClient()} persist={false} uploadFile={false} />,
    );
    await act(() => flushIO());
    expect(screen.queryByLabelText("Upload a video")).toBeNull();
    expect(ctx.proxy.requests.filter((request) => request.path === "/uploads")).toEqual([]);
  });
});
