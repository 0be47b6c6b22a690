/**
 * Browser entry: renders the app, or hydrates it when the build pre-rendered this page's HTML
 * (the public pages: `data-prerendered` on #root). The language's messages start loading at once,
 * in parallel with the page's chunk.
 */
import { createRoot, hydrateRoot } from "react-dom/client";
import { App, isPublicPage } from "./app";
import { preloadLocale } from "./i18n/i18n";
import { splitLocalePath } from "./i18n/routing";
import "./styles.css";

const initial = splitLocalePath(window.location.pathname);
if (initial.locale !== null) preloadLocale(initial.locale, isPublicPage(window.location.pathname) ? "public" : "all");

const root = document.getElementById("root");
if (root !== null) {
  if (root.dataset.prerendered === "true") hydrateRoot(root, <App prerendered />);
  else createRoot(root).render(<App />);
}
