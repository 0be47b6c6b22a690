// Builds the React SPA in web/ into dist/spa, which the Worker serves as static assets, with the
// `_headers` file that gives those assets their security headers (worker/security-headers.ts).
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { assetHeadersFile } from "./worker/security-headers.ts";

const securityHeaders: Plugin = {
  name: "sexyvoice-security-headers",
  generateBundle() {
    this.emitFile({ type: "asset", fileName: "_headers", source: assetHeadersFile() });
  },
};

export default defineConfig({
  root: "web",
  plugins: [react(), tailwindcss(), securityHeaders],
  build: { outDir: "../dist/spa", emptyOutDir: true },
});
