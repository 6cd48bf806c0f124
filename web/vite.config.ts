/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The API: the router of `make run` (or any stack, with GAMJA_API=http://host:port).
const api = process.env.GAMJA_API ?? "http://127.0.0.1:4000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      // http and ws (subscriptions) on the same path, as the router serves them.
      "/graphql": { target: api, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    testTimeout: 60_000,
  },
});
