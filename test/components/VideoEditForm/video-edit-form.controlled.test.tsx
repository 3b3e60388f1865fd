import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { EMPTY_FORM_VALUES, VideoEditForm, type EditFormValues } from "../../../src/components";
import { loadVideoMetadata, previewVideo } from "../../support/components";

const prompt = () => screen.getByLabelText("What to change") as HTMLTextAreaElement;

describe("VideoEditForm controlled mode", () => {
  it("shows the value it is given and reports changes without applying them itself", () => {
    const onChange = vi.fn();
    const value: EditFormValues = { ...EMPTY_FORM_VALUES, prompt: "From the parent" };
    render(<VideoEditForm value={value} onChange={onChange} />);
    expect(prompt().value).toBe("From the parent");
    fireEvent.change(prompt(), { target: { value: "Typed" } });
    expect(onChange).toHaveBeenCalledWith({ ...value, prompt: "Typed" });
    expect(prompt().value).toBe("From the parent");
  });

  it("follows a parent that owns the state, including the length read from the video", () => {
    const seen: EditFormValues[] = [];
    function Parent() {
      const [values, setValues] = useState<EditFormValues>(EMPTY_FORM_VALUES);
      seen.push(values);
      return (
        <>
          <VideoEditForm value={values} onChange={setValues} />
          <button type="button" onClick={() => setValues(EMPTY_FORM_VALUES)}>
            Clear
          </button>
        </>
      );
    }
    const { container } = render(<Parent />);
    fireEvent.change(prompt(), { target: { value: "Make it snow" } });
    fireEvent.change(screen.getByLabelText("Source video URL"), { target: { value: "https://cdn.example.com/a.mp4" } });
    loadVideoMetadata(previewVideo(container), { duration: 5 });
    expect(seen.at(-1)).toEqual({
      ...EMPTY_FORM_VALUES,
      prompt: "Make it snow",
      video_url: "https://cdn.example.com/a.mp4",
      video_duration: 5,
    });
    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(prompt().value).toBe("");
    expect((screen.getByLabelText("Video length (seconds)") as HTMLInputElement).value).toBe("");
  });
});
