// The form's lock and its tier getters, as a design system's own markup meets them: no fieldset
// around the controls, so the getters alone must lock them; the tier on a value + onValueChange
// control (as Radix's RadioGroup, ToggleGroup and Select take it).
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import {
  useVideoEditForm,
  type TierGroupProps,
  type TierOptionProps,
  type UploadFile,
  type UseVideoEditFormOptions,
} from "../../../src";

/** A segmented control of a design system: buttons, `value` + `onValueChange`, no native radios. */
function Segmented({ options, ...group }: TierGroupProps & { options: Array<TierOptionProps & { label: string }> }) {
  return (
    <div role="radiogroup" aria-label={group["aria-label"]} aria-describedby={group["aria-describedby"]}>
      {options.map(({ label, ...option }) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          id={option.id}
          aria-checked={group.value === option.value}
          disabled={group.disabled || option.disabled}
          // A toggle group pressed again on its item says "".
          onClick={() => group.onValueChange(group.value === option.value ? "" : option.value)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

const uploadFile = vi.fn<UploadFile>(async () => "https://uploads.example.com/a.jpg");

/** Every control of the form from the getters alone, and a switch that makes the parent busy. */
function MyForm(options: UseVideoEditFormOptions) {
  const [busy, setBusy] = useState(false);
  const form = useVideoEditForm({ ...options, busy, uploadFile });
  return (
    // A design system's form and drop zone write their own data-state: the library's attributes stay apart.
    <form {...form.getFormProps({ "data-state": "theirs", "aria-label": "Edit" } as object)}>
      <label {...form.getLabelProps("prompt")}>Prompt</label>
      <textarea {...form.getFieldProps("prompt")} />
      <label {...form.getLabelProps("video_url")}>Video</label>
      <input {...form.getFieldProps("video_url")} />
      <label {...form.getLabelProps("video_duration")}>Seconds</label>
      <input {...form.getFieldProps("video_duration")} />
      <label>
        <input {...form.getFieldProps("keep_audio")} /> Keep audio
      </label>
      {(["standard", "pro"] as const).map((tier) => (
        <label key={tier}>
          <input {...form.getTierProps(tier)} /> {tier} radio
        </label>
      ))}
      <Segmented
        {...form.getTierGroupProps()}
        options={(["standard", "pro"] as const).map((tier) => ({ ...form.getTierOptionProps(tier), label: tier }))}
      />
      <label {...form.getLabelProps("image_urls")}>Image URL</label>
      <input {...form.getFieldProps("image_urls")} />
      <ul>
        {form.images.urls.map((url, i) => (
          <li key={url}>
            {url}
            <button type="button" onClick={() => form.images.remove(i)}>{`Remove ${i + 1}`}</button>
          </li>
        ))}
      </ul>
      {/* No label of the app's: the getter names the file inputs. */}
      <div {...form.getUploadZoneProps("video", { "data-state": "theirs", "data-testid": "zone" } as object)}>
        <input {...form.getUploadInputProps("video")} />
      </div>
      <input {...form.getUploadInputProps("image")} />
      <button type="button" onClick={() => setBusy((was) => !was)}>
        Toggle busy
      </button>
      <output data-testid="tier">{form.values.tier}</output>
    </form>
  );
}

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

describe("useVideoEditForm's lock reaches every control through the getters", () => {
  it("while busy, nothing can be typed, ticked, chosen, added, removed or picked", async () => {
    const user = userEvent.setup();
    render(
      <MyForm
        defaultValues={{
          prompt: "Make it snow",
          video_url: "https://cdn.example.com/a.mp4",
          video_duration: 4,
          image_urls: ["https://cdn.example.com/1.png"],
        }}
      />,
    );
    expect(screen.getByRole("form", { name: "Edit" }).dataset).toMatchObject({ state: "theirs", form: "idle" });
    expect(screen.getByTestId("zone").dataset).toMatchObject({ state: "theirs", upload: "idle" });
    await user.click(screen.getByRole("button", { name: "Toggle busy" }));
    expect(screen.getByRole("form", { name: "Edit" }).dataset.form).toBe("busy");

    await user.type(field("Prompt"), " at night");
    await user.type(field("Video"), "x");
    await user.type(field("Seconds"), "5");
    await user.type(field("Image URL"), "https://cdn.example.com/2.png{Enter}");
    expect(field("Prompt").value).toBe("Make it snow");
    expect(field("Video").value).toBe("https://cdn.example.com/a.mp4");
    expect(field("Seconds").value).toBe("4");
    expect(field("Image URL").value).toBe("");
    for (const name of ["Prompt", "Video", "Seconds", "Image URL"]) expect(field(name).readOnly, name).toBe(true);

    await user.click(field("Keep audio"));
    expect(field("Keep audio").checked).toBe(true);
    expect(field("Keep audio").disabled).toBe(true);
    await user.click(field("standard radio"));
    await user.click(screen.getByRole("radio", { name: "standard" }));
    expect(screen.getByTestId("tier").textContent).toBe("pro");
    expect(field("standard radio").disabled).toBe(true);

    await user.click(screen.getByRole("button", { name: "Remove 1" }));
    expect(screen.getByText("https://cdn.example.com/1.png")).toBeTruthy();
    expect(field("Upload a video").disabled).toBe(true);
    expect(field("Upload an image").disabled).toBe(true);
    await user.upload(field("Upload an image"), new File([new Uint8Array(10)], "a.png", { type: "image/png" }));
    expect(uploadFile).not.toHaveBeenCalled();

    // Let go: the same actions change the form again.
    await user.click(screen.getByRole("button", { name: "Toggle busy" }));
    await user.type(field("Prompt"), " at night");
    expect(field("Prompt").value).toBe("Make it snow at night");
    expect(field("Prompt").readOnly).toBe(false);
    await user.click(field("Keep audio"));
    expect(field("Keep audio").checked).toBe(false);
    await user.click(screen.getByRole("button", { name: "Remove 1" }));
    expect(screen.queryByText("https://cdn.example.com/1.png")).toBeNull();
  });
});

describe("the tier on any single-choice control", () => {
  it("takes value + onValueChange, ignores a value that is no tier, and names the group", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<MyForm onChange={onChange} />);
    const group = screen.getByRole("radiogroup", { name: "Quality" });
    expect(screen.getByRole("radio", { name: "pro" }).getAttribute("aria-checked")).toBe("true");
    await user.click(screen.getByRole("radio", { name: "standard" }));
    expect(screen.getByTestId("tier").textContent).toBe("standard");
    expect(field("standard radio").checked).toBe(true);
    // Pressed again, a toggle group says "": the tier stays.
    await user.click(screen.getByRole("radio", { name: "standard" }));
    expect(screen.getByTestId("tier").textContent).toBe("standard");
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ tier: "standard" }));
    // The first option stands for the group, as the first native radio does: the tier's label points at it.
    expect(group.querySelector("button")!.id).toMatch(/-tier$/);
  });

  it("names each file input from the labels when the app gives none", () => {
    render(<MyForm labels={{ uploadVideo: "Pick a clip" }} />);
    expect(field("Pick a clip").type).toBe("file");
    expect(field("Upload an image").type).toBe("file");
  });
});
