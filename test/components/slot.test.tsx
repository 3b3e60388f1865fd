import { createRef, forwardRef, type ButtonHTMLAttributes } from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Slot } from "../../src/components/Slot";

const DsButton = forwardRef<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement>>(function DsButton(props, ref) {
  return <button ref={ref} data-ds="" {...props} />;
});

describe("Slot (asChild)", () => {
  it("renders the child element with the slot's props merged in, the child's winning", () => {
    render(
      <Slot aria-label="ours" data-kling-part="play" title="ours" className="kling" style={{ color: "red", margin: 1 }}>
        <DsButton title="theirs" className="ds" style={{ color: "blue" }}>
          Go
        </DsButton>
      </Slot>,
    );
    const button = screen.getByRole("button", { name: "ours" });
    expect(button.dataset.ds).toBe("");
    expect(button.dataset.klingPart).toBe("play");
    expect(button.title).toBe("theirs");
    expect(button.className).toBe("kling ds");
    expect(button.style.color).toBe("blue");
    expect(button.style.margin).toBe("1px");
    expect(button.textContent).toBe("Go");
  });

  it("runs the child's handler first, then the slot's unless the child prevented it", () => {
    const calls: string[] = [];
    const ours = vi.fn(() => calls.push("slot"));
    const { rerender } = render(
      <Slot onClick={ours}>
        <button onClick={() => calls.push("child")}>Go</button>
      </Slot>,
    );
    fireEvent.click(screen.getByRole("button"));
    expect(calls).toEqual(["child", "slot"]);
    rerender(
      <Slot onClick={ours}>
        <button onClick={(event) => event.preventDefault()}>Go</button>
      </Slot>,
    );
    fireEvent.click(screen.getByRole("button"));
    expect(ours).toHaveBeenCalledTimes(1);
  });

  it("sets both refs, function and object, and keeps one ref across renders", () => {
    const slotRef = createRef<HTMLElement>();
    const childRef = vi.fn();
    const { rerender } = render(
      <Slot ref={slotRef}>
        <DsButton ref={childRef}>Go</DsButton>
      </Slot>,
    );
    const button = screen.getByRole("button");
    expect(slotRef.current).toBe(button);
    expect(childRef).toHaveBeenCalledWith(button);
    rerender(
      <Slot ref={slotRef}>
        <DsButton ref={childRef}>Go</DsButton>
      </Slot>,
    );
    // A new ref function per render would detach (null) and attach again.
    expect(childRef).not.toHaveBeenCalledWith(null);
  });

  it("refuses anything but one element", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(() => render(<Slot>text</Slot>)).toThrow();
  });
});
