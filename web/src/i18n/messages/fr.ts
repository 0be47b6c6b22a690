/** French, the whole dictionary (public/fr.ts and app/fr.ts). */
import app from "./app/fr";
import pub from "./public/fr";
import type { Messages } from "./en";

const fr: Messages = { ...pub, ...app };

export default fr;
