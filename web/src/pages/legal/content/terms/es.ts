/** Términos del servicio, español. */
import type { LegalDocument } from "../types";

const terms: LegalDocument = {
  title: "Términos del servicio",
  updated: "2026-12-01",
  updatedLabel: "Última actualización",
  intro:
    "Estos términos regulan el uso de SexyVoice, un servicio en línea que convierte texto en voz con voces de IA, clona voces a partir de grabaciones que tú aportas y mantiene llamadas de voz en tiempo real con un personaje de IA. Al crear una cuenta o usar el servicio, los aceptas. El operador de este servicio figura en el aviso legal.",
  sections: [
    {
      heading: "Tu cuenta",
      paragraphs: [
        "Inicias sesión con tu cuenta de Google. Debes tener al menos 16 años, o más si la ley de donde vives lo exige para servicios en línea. Cada cuenta es para una sola persona.",
        "Mantén en secreto tu inicio de sesión y tus claves de API. Eres responsable de todo lo que se haga con tu cuenta y tus claves; revoca una clave en cuanto sospeches que se ha filtrado.",
      ],
    },
    {
      heading: "Créditos y pago",
      paragraphs: [
        "Generar voz, clonar una voz y las llamadas cuestan créditos. El precio de cada solicitud se muestra antes de empezar; una solicitud que falla por nuestra parte no se cobra y los créditos reservados para ella se devuelven íntegramente. Las cuentas nuevas reciben créditos gratuitos una sola vez.",
        "Los créditos adicionales se compran por adelantado (prepago) a través de nuestro proveedor de pagos Stripe, como paquete único o suscripción. Los créditos no tienen valor monetario, no son transferibles y no se reembolsan, salvo cuando la ley lo exija. Los cambios de precio solo se aplican a compras futuras. Si eliminas tu cuenta, los créditos restantes se pierden.",
        "Si eres consumidor en la Unión Europea, tienes un derecho legal de desistimiento de 14 días. Si usas créditos comprados dentro de ese plazo, nos pides que empecemos de inmediato y tu derecho de desistimiento termina para los créditos usados.",
      ],
    },
    {
      heading: "Uso aceptable",
      paragraphs: ["No debes usar SexyVoice para:"],
      items: [
        "crear o difundir contenidos ilícitos, difamatorios, acosadores, de odio o que sexualicen a menores;",
        "engañar o estafar a personas haciéndote pasar por otra, por ejemplo en llamadas fraudulentas, recomendaciones falsas o desinformación política;",
        "infringir derechos de autor, derechos de la personalidad u otros derechos de terceros;",
        "atacar, sobrecargar o sondear el servicio, eludir sus límites o revender el acceso sin nuestro permiso por escrito.",
      ],
    },
    {
      heading: "Clonar voces: consentimiento",
      paragraphs: [
        "Solo puedes clonar tu propia voz o la de una persona que te haya dado permiso expreso para clonarla con el fin que pretendes. Lo confirmas cada vez que clonas o guardas una voz, y guardamos constancia de esa confirmación.",
        "Podemos pedirte que demuestres el permiso de la persona, eliminar voces y suspender cuentas cuando haya motivos para creer que falta. No clones voces de personajes públicos sin su permiso.",
      ],
    },
    {
      heading: "Tu contenido",
      paragraphs: [
        "Conservas los derechos que tengas sobre los textos y grabaciones que subes y sobre el audio que creas. Nos permites tratarlos en la medida necesaria para prestar el servicio, también mediante los proveedores indicados en la política de privacidad.",
        "Puedes usar el audio que crees para cualquier fin lícito. No presentes voz sintética como una grabación real de una persona cuando eso pueda engañar a alguien.",
      ],
    },
    {
      heading: "Voz generada por IA",
      paragraphs: [
        "La voz sintética puede contener errores, pronunciar mal palabras o sonar distinta de lo esperado, y una voz clonada es una aproximación a la original. Escucha el resultado antes de publicarlo. Un proveedor de voz puede rechazar algunos textos.",
      ],
    },
    {
      heading: "Disponibilidad y cambios",
      paragraphs: [
        "Trabajamos para mantener SexyVoice disponible, pero el mantenimiento y las caídas de los proveedores de los que dependemos pueden interrumpirlo; no prometemos un servicio ininterrumpido. Podemos cambiar o retirar funciones.",
        "Te avisaremos con antelación de los cambios importantes de estos términos por correo electrónico o en el panel. Si no estás de acuerdo, puedes eliminar tu cuenta antes de que entren en vigor.",
      ],
    },
    {
      heading: "Suspensión y baja",
      paragraphs: [
        "Puedes eliminar tu cuenta en cualquier momento desde la página Perfil. Podemos suspender o cerrar una cuenta que incumpla estos términos, con aviso previo cuando sea razonable. Un pago disputado puede bloquear una cuenta hasta que se resuelva.",
      ],
    },
    {
      heading: "Responsabilidad",
      paragraphs: [
        "Respondemos sin límite en caso de dolo y culpa grave, de daños a la vida, el cuerpo o la salud y siempre que la ley imperativa lo establezca. En caso de culpa leve, solo respondemos del incumplimiento de obligaciones esenciales y solo del daño típico y previsible para este tipo de servicio. En lo demás, nuestra responsabilidad queda excluida. Nada de esto limita tus derechos legales como consumidor.",
      ],
    },
    {
      heading: "Ley aplicable",
      paragraphs: [
        "Se aplica la ley del país en el que está establecido el operador. Si eres consumidor, conservas además la protección de las normas imperativas del país en el que resides y puedes acudir a sus tribunales.",
      ],
    },
  ],
  contact: { text: "¿Preguntas sobre estos términos? Contacta con el operador con los datos del", linkLabel: "aviso legal" },
};

export default terms;
