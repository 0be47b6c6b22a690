/** Danish, the whole dictionary (public/da.ts and app/da.ts). */
import app from "./app/da";
import pub from "./public/da";
import type { Messages } from "./en";

const da: Messages = { ...pub, ...app };

export default da;
