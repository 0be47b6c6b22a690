/** Spanish, the whole dictionary (public/es.ts and app/es.ts). */
import app from "./app/es";
import pub from "./public/es";
import type { Messages } from "./en";

const es: Messages = { ...pub, ...app };

export default es;
