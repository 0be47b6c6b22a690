/** German, the whole dictionary (public/de.ts and app/de.ts). */
import app from "./app/de";
import pub from "./public/de";
import type { Messages } from "./en";

const de: Messages = { ...pub, ...app };

export default de;
