import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./ErrorBoundary";

function Broken(): never {
  throw new Error("boom");
}

describe("ErrorBoundary", () => {
  it("shows a sentence and a way back instead of a blank page", () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByRole("heading", { name: "문제가 생겼어요" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("오류가 났어요");
    expect(screen.getByRole("link", { name: "처음 화면으로" })).toHaveAttribute("href", "/");
    quiet.mockRestore();
  });
});
