import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

// A loaded CI machine renders slowly: wait for what a person would see for up to 10 s, not 1 s.
configure({ asyncUtilTimeout: 10_000 });
