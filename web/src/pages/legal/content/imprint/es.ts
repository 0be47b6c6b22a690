/** Aviso legal, español (los datos del operador proceden de la configuración del Worker). */
import type { ImprintText } from "../types";

const imprint: ImprintText = {
  title: "Aviso legal",
  intro: "Información sobre el operador de este servicio SexyVoice.",
  nameLabel: "Operador",
  addressLabel: "Dirección",
  emailLabel: "Correo electrónico",
  responsibility: "El operador indicado arriba es responsable del contenido de este servicio.",
  loading: "Cargando los datos del operador…",
  loadFailed: "No se han podido cargar los datos del operador. Inténtalo de nuevo más tarde.",
  notConfigured: "El operador de este servicio aún no ha publicado sus datos, así que aquí no se muestra ninguno.",
  missingSettings: "Sin configurar: {settings}",
};

export default imprint;
