/** Política de privacidad, español. */
import type { LegalDocument } from "../types";

const privacy: LegalDocument = {
  title: "Política de privacidad",
  updated: "2026-12-01",
  updatedLabel: "Última actualización",
  intro:
    "Esta política explica qué datos personales trata SexyVoice cuando lo usas, para qué, quién nos ayuda a tratarlos y cuánto tiempo se conservan. El responsable del tratamiento es el operador indicado en el aviso legal.",
  sections: [
    {
      heading: "Qué tratamos",
      paragraphs: [],
      items: [
        "Datos de la cuenta: tu dirección de correo electrónico, tu nombre y el identificador de cuenta de tu inicio de sesión con Google.",
        "Contenido: los textos que envías, el audio generado a partir de ellos y las grabaciones que subes o grabas para clonar. Una grabación de voz puede ser un dato biométrico; solo la usamos para crear la voz que pides, nunca para identificarte.",
        "Créditos y pagos: tu saldo y cada cambio en él, los registros de uso (qué se creó, con qué voz e idioma y a qué coste) y tus pedidos. Los datos de la tarjeta los trata Stripe; nunca vemos números de tarjeta completos.",
        "Llamadas: el audio de las llamadas en tiempo real mientras se transmite, su duración y las instrucciones que das al personaje.",
        "Datos técnicos: la dirección IP y los detalles de las solicitudes que nuestro proveedor de alojamiento trata para servir el servicio y protegerlo de ataques, identificadores de solicitud e informes de errores.",
      ],
    },
    {
      heading: "Finalidades y bases jurídicas",
      paragraphs: [],
      items: [
        "Prestar el servicio que has contratado y facturarlo (ejecución del contrato, art. 6.1.b RGPD).",
        "Clonar una voz a partir de una grabación, sobre la base de tu consentimiento explícito, que das en cada clonación y del que guardamos constancia (art. 6.1.a y art. 9.2.a RGPD).",
        "Mantener el servicio seguro, evitar abusos, encontrar y corregir fallos y entender qué funciones se usan (intereses legítimos, art. 6.1.f RGPD).",
        "Conservar la documentación contable y fiscal (obligación legal, art. 6.1.c RGPD).",
      ],
    },
    {
      heading: "Proveedores",
      paragraphs: [
        "Usamos estos proveedores, cada uno vinculado por un contrato de encargo del tratamiento. Solo reciben datos los que están activados para este servicio: un proveedor sin clave configurada no recibe nada.",
      ],
      items: [
        "Cloudflare, Inc.: alojamiento de la aplicación, su base de datos, almacenamiento de archivos y cachés; entrega y protección frente a ataques.",
        "Supabase, Inc.: inicio de sesión con Google y autenticación de la cuenta.",
        "Stripe: pagos, recibos y suscripciones. Stripe también actúa como responsable independiente para la prevención del fraude y sus propias obligaciones legales.",
        "Google (API de Gemini): convierte tu texto en voz para las voces Gemini y sugiere etiquetas expresivas; recibe el texto y el estilo elegido.",
        "Replicate, Inc.: ejecuta el modelo de clonación de voz y las voces Orpheus; recibe tu texto y, al clonar, tu grabación de referencia, que allí se elimina al terminar el trabajo.",
        "LiveKit, Inc.: transporta el audio de las llamadas en tiempo real.",
        "PostHog: estadísticas de uso de las funciones, enviadas desde nuestros servidores; sin seguimiento en tu navegador.",
        "Sentry (Functional Software, Inc.): informes de errores, que pueden incluir detalles de la solicitud que falló.",
      ],
    },
    {
      heading: "Transferencias fuera de la UE",
      paragraphs: [
        "Varios de estos proveedores tienen su sede en Estados Unidos. Las transferencias se basan en el Marco de Privacidad de Datos UE-EE. UU. cuando el proveedor está certificado y, en otro caso, en las cláusulas contractuales tipo de la Comisión Europea. No vendemos datos personales ni los usamos para publicidad.",
      ],
    },
    {
      heading: "Cookies y almacenamiento local",
      paragraphs: ["SexyVoice no instala cookies publicitarias ni de seguimiento. Tu navegador guarda tu sesión y tu elección de idioma en su almacenamiento local, necesario para que el servicio funcione."],
    },
    {
      heading: "Plazos de conservación",
      paragraphs: [],
      items: [
        "Grabaciones subidas para una clonación: se eliminan automáticamente unos 10 minutos después de clonar y, como muy tarde, al cabo de una hora.",
        "Grabaciones de voces guardadas en «Mis voces»: se conservan hasta que elimines la voz o tu cuenta.",
        "Audio generado e historial: en el plan gratuito se eliminan a los 30 días; en un plan de pago se conservan hasta que los elimines o elimines tu cuenta.",
        "Constancias de consentimiento de las clonaciones: se conservan con el trabajo hasta que elimines tu cuenta.",
        "Registros de créditos, uso y pagos: durante el tiempo que exija la normativa contable y fiscal, sin tu correo electrónico una vez eliminada tu cuenta.",
        "Informes de errores y estadísticas: durante el periodo limitado configurado en esos proveedores.",
      ],
    },
    {
      heading: "Tus derechos",
      paragraphs: [
        "Tienes derecho a acceder a tus datos (la página Perfil los exporta todos en un archivo), a rectificarlos, a que se supriman (eliminar tu cuenta en la página Perfil borra tus contenidos, grabaciones, voces guardadas y claves), a limitar su tratamiento, a recibirlos en un formato portable y a oponerte a los tratamientos basados en intereses legítimos.",
        "Puedes retirar en cualquier momento tu consentimiento a la clonación, por ejemplo eliminando una voz guardada; esto no afecta al tratamiento anterior a la retirada. También puedes presentar una reclamación ante una autoridad de protección de datos, como la AEPD.",
      ],
    },
    {
      heading: "Seguridad",
      paragraphs: [
        "Todas las conexiones están cifradas. Las grabaciones y el audio se guardan de forma privada y solo se accede a ellos mediante enlaces firmados de corta duración; las claves de API solo se guardan como hash.",
      ],
    },
    {
      heading: "Menores y cambios",
      paragraphs: ["SexyVoice no está dirigido a menores de 16 años. Cuando esta política cambie, la actualizaremos aquí con una nueva fecha y te avisaremos con antelación de los cambios importantes."],
    },
  ],
  contact: { text: "Para ejercer tus derechos o preguntar por tus datos, contacta con el operador con los datos del", linkLabel: "aviso legal" },
};

export default privacy;
