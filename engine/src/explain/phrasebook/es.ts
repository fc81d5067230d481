/**
 * El libro de frases integrado en español (registro formal, "usted"), revisado para usar
 * palabras cotidianas ("visitas", no "encuentros"). Cada sustantivo lleva género y número para
 * que los marcos ICU concuerden artículos y adjetivos (los/las, todos/todas, al que/a la que).
 */
import type { MessageSet, Noun, Phrasebook } from './phrasebook-types.js';

function m(short: string, long: string): Noun {
  return { short, long, gender: 'masculine', number: 'plural' };
}
function f(short: string, long: string): Noun {
  return { short, long, gender: 'feminine', number: 'plural' };
}
function ms(short: string, long: string): Noun {
  return { short, long, gender: 'masculine', number: 'singular' };
}
function fs(short: string, long: string): Noun {
  return { short, long, gender: 'feminine', number: 'singular' };
}

const types: Record<string, Noun> = {
  Account: f('cuentas de facturación', 'cuentas que registran los cargos y pagos de la atención'),
  AdverseEvent: m(
    'informes de daños causados por la atención',
    'informes de casos en que la atención causó o pudo causar daño, como una mala reacción a un medicamento',
  ),
  AllergyIntolerance: f('alergias', 'alergias y malas reacciones a medicamentos, alimentos u otras cosas'),
  Appointment: f('citas', 'citas, con su fecha, hora y lugar'),
  AppointmentResponse: f('respuestas a citas', 'respuestas que aceptan o rechazan solicitudes de cita'),
  AuditEvent: m('registros de acceso', 'registros de quién vio o cambió información, y cuándo'),
  Basic: fs('otra información guardada', 'otra información guardada en el expediente, como datos que guarda una aplicación'),
  Binary: m('archivos', 'archivos como PDF, imágenes y papeles escaneados'),
  BodyStructure: f('descripciones de partes del cuerpo', 'descripciones de partes o marcas del cuerpo, como dónde está un lunar'),
  CarePlan: m('planes de cuidado', 'planes de tratamiento y cuidado hechos por un equipo de atención'),
  CareTeam: m('equipos de atención', 'los médicos, enfermeros, familiares y otras personas que ayudan con la atención'),
  Claim: f('facturas enviadas al seguro', 'facturas enviadas a una compañía de seguros por la atención recibida'),
  ClaimResponse: f('respuestas del seguro a facturas', 'respuestas de una compañía de seguros sobre las facturas que recibió'),
  ClinicalImpression: f(
    'evaluaciones de profesionales de la salud',
    'notas sobre lo que un profesional de la salud cree que ocurre y por qué',
  ),
  Condition: m('problemas de salud', 'problemas de salud y diagnósticos, como diabetes o asma, incluidos los del pasado'),
  Communication: m('mensajes', 'mensajes enviados al equipo de atención o recibidos de él'),
  CommunicationRequest: f('solicitudes de mensajes', 'solicitudes para enviar un mensaje, como un recordatorio'),
  Composition: m('resúmenes de salud', 'resúmenes y otros documentos hechos a partir del expediente, como un resumen de alta del hospital'),
  Consent: f('decisiones sobre privacidad', 'decisiones sobre compartir datos de salud y sobre los tratamientos'),
  Contract: m('acuerdos', 'acuerdos firmados, como acuerdos de pago o de privacidad'),
  Coverage: fs('información del seguro médico', 'planes de seguro médico y datos de la tarjeta de afiliado'),
  CoverageEligibilityRequest: f('consultas de cobertura del seguro', 'preguntas enviadas a una compañía de seguros sobre lo que cubre'),
  CoverageEligibilityResponse: f('respuestas sobre la cobertura del seguro', 'respuestas de una compañía de seguros sobre lo que cubre'),
  DetectedIssue: f(
    'advertencias de seguridad',
    'advertencias detectadas durante la atención, como dos medicamentos que no se deben tomar juntos',
  ),
  Device: m(
    'dispositivos médicos',
    'dispositivos usados en la atención, como marcapasos, bombas de insulina o medidores de azúcar en la sangre',
  ),
  DeviceRequest: f('órdenes de equipo médico', 'órdenes de equipo como una silla de ruedas o un aparato de oxígeno para la casa'),
  DeviceUseStatement: ms('uso de dispositivos médicos', 'notas sobre dispositivos médicos que se usan, como un audífono'),
  DiagnosticReport: m('informes de pruebas', 'informes de pruebas y estudios, como análisis de sangre o radiografías'),
  DocumentReference: m('documentos de salud', 'documentos como notas de visitas, papeles de alta del hospital y archivos escaneados'),
  Encounter: f('visitas', 'visitas y estancias en el hospital, y cuándo, dónde y por qué ocurrieron'),
  EpisodeOfCare: m('periodos de atención', 'periodos largos de atención por un mismo problema de salud, como un embarazo'),
  ExplanationOfBenefit: f('reclamaciones y pagos del seguro', 'reclamaciones al seguro, lo que se pagó y lo que falta por pagar'),
  FamilyMemberHistory: m('antecedentes de salud familiares', 'problemas de salud de familiares de sangre, como padres o hermanos'),
  Flag: f('alertas', 'notas importantes que se muestran en el expediente, como un riesgo de caídas o necesidades especiales'),
  Goal: f('metas de salud', 'metas de salud, como bajar de peso o bajar la presión arterial'),
  Group: m('grupos de pacientes', 'listas de pacientes agrupados, por ejemplo para un estudio o un programa'),
  HealthcareService: m('servicios de salud', 'servicios que ofrecen clínicas y hospitales, con sus horarios y lugares'),
  ImagingStudy: f('radiografías y otras imágenes', 'imágenes del cuerpo por dentro, como radiografías y resonancias'),
  Immunization: f('vacunas', 'vacunas que se pusieron o se registraron, con sus fechas'),
  ImmunizationRecommendation: f('recomendaciones de vacunas', 'vacunas pendientes o sugeridas, con sus fechas'),
  Invoice: f('facturas', 'facturas de la atención, con los montos que se deben'),
  List: f('listas', 'listas guardadas en el expediente, como una lista de medicamentos o de problemas de salud'),
  Location: m('lugares de atención', 'lugares donde se da atención, como clínicas y hospitales, con sus direcciones'),
  Media: f('fotos y grabaciones', 'fotos, videos y grabaciones de sonido guardados en el expediente'),
  Medication: m('datos de medicamentos', 'datos sobre medicamentos, como el nombre, la concentración y la forma'),
  MedicationAdministration: f(
    'dosis de medicamentos recibidas',
    'registros de cada dosis de medicamento que se dio, por ejemplo en un hospital',
  ),
  MedicationDispense: m('medicamentos de la farmacia', 'medicamentos que entregó una farmacia, con cantidades y fechas'),
  MedicationRequest: f('recetas', 'medicinas que se recetaron y cómo tomarlas'),
  MedicationStatement: f('listas de medicamentos', 'listas de medicamentos que se toman, incluidos los recetados en otro lugar'),
  MolecularSequence: m('datos de pruebas genéticas', 'resultados sin procesar de pruebas genéticas'),
  NutritionOrder: f('órdenes de dieta', 'órdenes de dietas especiales, nutrición o alimentación por sonda'),
  // Masculine: a list of mixed genders agrees in the masculine ("a los que", "todos"), so the masculine noun goes first.
  Observation: m(
    'resultados de pruebas y mediciones de salud',
    'resultados de laboratorio, mediciones como la presión arterial y el peso, y respuestas sobre hábitos como fumar',
  ),
  Organization: f('organizaciones de salud', 'hospitales, clínicas, seguros y otros grupos que dan o pagan la atención'),
  Patient: m('datos personales', 'nombre, fecha de nacimiento, dirección, teléfono y otros datos personales'),
  Person: m('vínculos de identidad', 'información que une los registros de una misma persona en distintos sistemas'),
  Practitioner: m(
    'profesionales de la salud',
    'médicos, enfermeros y otros profesionales de la salud, con sus nombres y datos de contacto',
  ),
  PractitionerRole: fs(
    'información sobre funciones de profesionales',
    'los puestos, especialidades y lugares de trabajo de los profesionales de la salud',
  ),
  Procedure: f('cirugías y procedimientos', 'cirugías, tratamientos y otros actos de atención que se hicieron'),
  Provenance: ms('historial de cambios del expediente', 'quién creó o cambió cada registro, y cuándo'),
  Questionnaire: m('formularios', 'formularios y cuestionarios en blanco para llenar'),
  QuestionnaireResponse: f('respuestas de formularios', 'respuestas dadas en formularios y cuestionarios, como encuestas de salud'),
  RelatedPerson: m('familiares y cuidadores', 'familia, cuidadores y otras personas unidas al expediente'),
  RequestGroup: m('grupos de órdenes', 'conjuntos de órdenes de atención que van juntas'),
  ResearchStudy: m('estudios de investigación', 'estudios de investigación y sus detalles'),
  ResearchSubject: fs('participación en estudios de investigación', 'en qué estudios participa una persona'),
  RiskAssessment: f('estimaciones de riesgo', 'estimaciones de la probabilidad de tener problemas de salud en el futuro'),
  Schedule: f('agendas', 'los calendarios de profesionales y lugares para reservar citas'),
  ServiceRequest: f('órdenes y derivaciones', 'órdenes de pruebas y tratamientos, y derivaciones a otros profesionales de la salud'),
  Slot: m('horarios disponibles', 'horarios libres para reservar una cita'),
  Specimen: f('muestras', 'muestras tomadas para pruebas, como sangre u orina'),
  Substance: f('sustancias', 'sustancias como productos químicos o materiales usados en la atención'),
  SupplyDelivery: f('entregas de suministros', 'entregas de suministros médicos'),
  SupplyRequest: m('pedidos de suministros', 'pedidos de suministros médicos'),
  Task: f('tareas', 'tareas pendientes para el equipo de atención o el paciente'),
  VisionPrescription: f('recetas de anteojos y lentes de contacto', 'recetas de anteojos y lentes de contacto'),
};

const qualifiers: Record<string, Noun> = {
  'Observation.category.laboratory': m('resultados de laboratorio', 'resultados de análisis de muestras como sangre y orina'),
  'Observation.category.vital-signs': m(
    'signos vitales',
    'mediciones de la presión arterial, el pulso, la respiración, la temperatura, la estatura y el peso',
  ),
  'Observation.category.social-history': ms('estilo de vida', 'hábitos y vida diaria, como fumar, beber alcohol, el trabajo y la vivienda'),
  'Observation.category.survey': f(
    'respuestas a encuestas',
    'respuestas a encuestas y cuestionarios de salud, como una prueba de detección de depresión',
  ),
  'Observation.category.imaging': m('resultados de imágenes', 'lo que se vio en radiografías, ecografías y otras imágenes del cuerpo'),
  'Observation.category.exam': m('hallazgos del examen físico', 'lo que encontró un profesional de la salud al examinar el cuerpo'),
  'Observation.category.procedure': m('resultados de procedimientos', 'medidas tomadas en un procedimiento, como un trazado del corazón'),
  'Observation.category.therapy': m('resultados de terapias', 'mediciones de terapias, como el avance en la fisioterapia'),
  'Observation.category.activity': fs('actividad física', 'mediciones de actividad física, como pasos y ejercicio'),
  'Observation.category.sdoh': f('necesidades sociales', 'cosas que hacen falta, como comida, casa y transporte'),
  'Condition.category.problem-list-item': fs(
    'lista de problemas de salud',
    'la lista actual de problemas de salud que lleva el equipo de atención',
  ),
  'Condition.category.encounter-diagnosis': m(
    'problemas vistos en visitas',
    'problemas de salud encontrados o tratados durante una visita',
  ),
  'Condition.category.health-concern': f(
    'preocupaciones de salud',
    'preocupaciones sobre la salud planteadas por el paciente o el equipo de atención, como dormir mal',
  ),
  'DocumentReference.category.clinical-note': f(
    'notas médicas',
    'notas escritas por profesionales de la salud, como notas de visitas y resúmenes de alta del hospital',
  ),
  'DiagnosticReport.category.LAB': m('informes de laboratorio', 'informes de análisis de muestras como sangre y orina'),
  'DiagnosticReport.category.RAD': m('informes de imágenes', 'informes de rayos X, ecografías y otras imágenes del cuerpo'),
  'DiagnosticReport.category.LP29684-5': m('informes de imágenes', 'informes de rayos X, ecografías y otras imágenes del cuerpo'),
  'DiagnosticReport.category.LP29708-2': m(
    'informes del corazón',
    'informes de pruebas del corazón, como un electrocardiograma o una ecografía del corazón',
  ),
  'DiagnosticReport.category.LP7839-6': m('informes de muestras de tejido', 'informes de muestras de tejido, como una biopsia'),
  'MedicationRequest.category.inpatient': f('medicinas del hospital', 'medicamentos ordenados durante una estancia en el hospital'),
  'MedicationRequest.category.outpatient': f('recetas para tomar en casa', 'medicamentos recetados para tomar o usar en casa'),
  'MedicationRequest.category.community': m('medicamentos de otros lugares', 'medicamentos de otros profesionales o comprados sin receta'),
  'MedicationRequest.category.discharge': f('recetas al salir del hospital', 'medicamentos para tomar después de salir del hospital'),
};

/** Agreement helpers, spelled out once so each frame stays one ICU message. */
const ALL =
  '{gender, select, feminine {{number, select, singular {toda} other {todas}}} other {{number, select, singular {todo} other {todos}}}}';
const SOME = '{number, select, singular {parte} other {{gender, select, feminine {algunas} other {algunos}}}}';
const REL =
  '{gender, select, feminine {{number, select, singular {a la que} other {a las que}}} other {{number, select, singular {al que} other {a los que}}}}';
const OPEN =
  '{gender, select, feminine {{number, select, singular {abierta} other {abiertas}}} other {{number, select, singular {abierto} other {abiertos}}}}';

function quantified(tail: string): string {
  return `{quant, select, all {${ALL} {nouns}${tail}} some {${SOME} de {nouns}${tail}} other {{nouns}${tail}}}`;
}

const messages: MessageSet = {
  verb: '{letter, select, r {ver} s {buscar} c {añadir} u {cambiar} d {eliminar} other {usar}}',
  listPair: '{a} {bStartsWithI, select, yes {e} other {y}} {b}',
  listMiddle: '{a}, {b}',
  nounItem:
    '{whose, select, self {{number, select, singular {su} other {sus}} {noun}}' +
    ' other {{gender, select, feminine {{number, select, singular {la} other {las}}} other {{number, select, singular {el} other {los}}}} {noun}}}',
  data:
    '{whose, select,' +
    ` self {${quantified('')}}` +
    ` chosen {${quantified(' del paciente')}}` +
    ` userSelf {${quantified(` ${REL} usted tiene acceso`)}}` +
    ` userPatients {${quantified(' de los pacientes a los que usted tiene acceso')}}` +
    ` systemShared {{quant, select, some {${SOME} de {nouns}} other {${ALL} {nouns}}}}` +
    ` other {${quantified(' de todos los pacientes')}}}`,
  resourceShort: '{verbs} {data}{system, select, yes {, sin que nadie haya iniciado sesión} other {}}',
  resourceLong:
    'La aplicación puede {verbs} {data}{system, select, yes {, incluso sin que nadie haya iniciado sesión} other {}}' +
    '{write, select, yes {{whose, select,' +
    ' self {, y lo que {adds, select, yes {añada o cambie} other {cambie}} puede pasar a formar parte de su expediente médico, visible para su equipo de atención}' +
    ' userSelf {, y lo que {adds, select, yes {añada o cambie} other {cambie}} puede pasar a formar parte de esos expedientes médicos}' +
    ' chosen {, y los cambios que haga pasan a formar parte del expediente del paciente}' +
    ' other {, y los cambios que haga pasan a formar parte de esos expedientes}}} other {}}' +
    '{deletes, select, yes {; lo que elimine puede desaparecer para siempre} other {}}' +
    '{searchOnly, select, yes {; la búsqueda muestra los registros que encuentra} other {}}.',
  includes: 'Esto incluye {text}.',
  includesOnly: 'Esto abarca solo {text}.',
  wildcardNote: 'Esto abarca todo tipo de información de salud que guarda el sistema, incluidos los tipos que se añadan más adelante.',
  filterNote: 'La aplicación pidió solo una parte de esta información, pero ese límite no se puede explicar aquí con palabras sencillas.',
  unknownTypeNoun: 'registros del tipo llamado «{words}»',
  launchShort: '{audience, select, clinician {Saber qué paciente y qué visita tiene abiertos} other {Saber qué expediente tiene abierto}}',
  launchLong:
    '{audience, select, clinician {Cuando abre la aplicación desde su sistema, esta sabe con qué paciente o visita está trabajando.}' +
    ' other {Cuando abre la aplicación desde su portal del paciente, esta sabe qué expediente está viendo.}}',
  launchPatientShort: '{audience, select, clinician {Saber qué paciente eligió} other {Saber de quién es el expediente que eligió}}',
  launchPatientLong:
    '{audience, select, clinician {La aplicación sabe qué paciente eligió o tiene abierto en su sistema, para mostrar los datos correctos.}' +
    ' other {La aplicación sabe qué expediente eligió, como el suyo o el de su hijo, para mostrar la información correcta.}}',
  launchEncounterShort: '{audience, select, clinician {Saber qué visita tiene abierta} other {Saber qué visita está viendo}}',
  launchEncounterLong:
    'La aplicación sabe qué visita, como una cita o una estancia en el hospital, {audience, select, clinician {tiene abierta} other {está viendo}}.',
  launchOtherShort: `Saber qué {noun} {audience, select, clinician {tiene ${OPEN}} other {está viendo}}`,
  launchOtherLong:
    `Al iniciarse, la aplicación sabe qué {noun} {audience, select, clinician {tiene ${OPEN}} other {está viendo}}` +
    '{role, select, yes {, para un fin que define su sistema de salud} other {}}.',
  openidShort: 'Confirmar quién es usted',
  openidLong: 'La aplicación sabe que usted inició sesión aquí, para estar segura de que es usted.',
  fhirUserShort: 'Saber quién es usted en el expediente de salud',
  fhirUserLong:
    '{audience, select, clinician {La aplicación sabe qué miembro del personal es usted en el sistema de expedientes, como su nombre y su función.}' +
    ' caregiver {La aplicación sabe qué persona es usted en el expediente de salud, como un padre, una madre o un cuidador vinculado al paciente.}' +
    ' other {La aplicación sabe qué persona es usted en el expediente de salud, como su propio registro de paciente.}}',
  profileShort: 'Ver su nombre y su perfil básico',
  profileLong: 'La aplicación conoce su nombre y otros datos básicos de su cuenta.',
  offlineShort:
    '{hasLifetime, select, yes {Mantener el acceso hasta {lifetime}, aun sin usar la aplicación} other {Mantener el acceso aun sin usar la aplicación}}',
  offlineLong:
    'La aplicación puede seguir obteniendo {audience, select, patient {su información} other {la información que usted permitió}} después de que la cierre, ' +
    '{hasLifetime, select, yes {durante un máximo de {lifetime}} other {mientras el sistema de salud lo permita}} o hasta que usted le quite el acceso.' +
    '{hasIdle, select, yes { El acceso termina si la aplicación no se usa durante {idle}.} other {}}' +
    '{withOnline, select, yes { También pidió seguir conectada solo mientras usted tenga la sesión iniciada; este acceso más largo lo incluye.} other {}}',
  onlineShort: 'Mantener la conexión mientras usted tenga la sesión iniciada',
  onlineLong: 'La aplicación puede seguir funcionando mientras usted tenga la sesión iniciada, y pierde el acceso cuando la cierre.',
  registrationShort: 'Configurar un acceso duradero en este dispositivo',
  registrationLong:
    'La aplicación registra este dispositivo en el sistema de salud con una clave secreta que nunca sale del dispositivo, para mantener el acceso sin pedirle que vuelva a iniciar sesión.',
  extensionShort: 'Usar un permiso propio de este sistema de salud («{name}»)',
  extensionLong:
    'Este permiso, «{name}», lo define este sistema de salud y no la norma común, así que pregunte a la aplicación o al sistema de salud qué permite.',
  invalidShort: 'Solicitud no reconocida («{scope}»)',
  invalidLong: 'La aplicación pidió «{scope}», que este sistema de salud no reconoce como un permiso.',
  duration:
    '{unit, select, year {{n, plural, one {# año} other {# años}}} month {{n, plural, one {# mes} other {# meses}}}' +
    ' week {{n, plural, one {# semana} other {# semanas}}} day {{n, plural, one {# día} other {# días}}}' +
    ' hour {{n, plural, one {# hora} other {# horas}}} minute {{n, plural, one {# minuto} other {# minutos}}}' +
    ' other {{n, plural, one {# segundo} other {# segundos}}}}',
};

/** Palabras técnicas que muchos pacientes no conocen; la regla de jerga las marca en texto en español. */
const jargon = [
  'encuentro',
  'encuentros',
  'observación',
  'observaciones',
  'practicante',
  'intolerancia',
  'inmunización',
  'inmunizaciones',
  'procedencia',
  'espécimen',
  'especímenes',
  'recurso',
  'recursos',
  'fhir',
  'ámbito',
  'token',
  'tokens',
  'api',
  'endpoint',
  'hce',
  'loinc',
  'snomed',
  'adverso',
  'adversos',
  'etiología',
  'pronóstico',
  'hipertensión',
  'farmacológico',
  'ambulatorio',
  'dispensación',
  'dispensado',
  'adjudicación',
  'elegibilidad',
  'hl7',
  'hipaa',
  'mrn',
  'hba1c',
  'a1c',
  'cie',
  'cpt',
];

/** El libro de frases integrado en español. */
export const ES: Phrasebook = {
  locale: 'es',
  messages,
  wildcard: fs('información de salud', 'todo tipo de información de salud'),
  types,
  qualifiers,
  jargon,
  possessives: ['toda su', 'todas sus', 'todos sus', 'sus', 'su', 'tus', 'tu', 'mis', 'mi'],
};
