// Builds the React SPA in web/ into dist/spa, which the Worker serves as static assets.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

export default defineConfig({
  root: "web",
  plugins: [react(), tailwindcss()],
  build: { outDir: "../dist/spa", emptyOutDir: true },
});
