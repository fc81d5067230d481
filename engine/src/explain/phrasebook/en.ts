/**
 * The built-in English phrasebook. Reviewed for plain language: everyday words ("visits", not
 * "encounters"), no FHIR type names, short sentences. Frames are ICU MessageFormat 1; the
 * typographic apostrophe (’) is used so that ICU never treats it as a quote.
 */
import type { MessageSet, Noun, Phrasebook } from './phrasebook-types.js';

function n(short: string, long: string): Noun {
  return { short, long, number: 'plural' };
}

const types: Record<string, Noun> = {
  Account: n('billing accounts', 'accounts used to track charges and payments for care'),
  AdverseEvent: n(
    'reports of harm from care',
    'reports of events where care caused harm or could have, such as a bad reaction to a medicine',
  ),
  AllergyIntolerance: n('allergies', 'allergies and bad reactions to medicines, foods or other things'),
  Appointment: n('appointments', 'appointments, with their dates, times and places'),
  AppointmentResponse: n('replies to appointments', 'replies that say yes or no to a request for a visit'),
  AuditEvent: n('access logs', 'logs of who looked at or changed information, and when'),
  Basic: n('other saved information', 'other information kept in the record, such as data an app saves'),
  Binary: n('files', 'files such as PDFs, pictures and scanned papers'),
  BodyStructure: n('body part details', 'descriptions of body parts or marks, such as where a mole is'),
  CarePlan: n('care plans', 'plans for treatment and care made by a care team'),
  CareTeam: n('care teams', 'the doctors, nurses, family members and others who help with care'),
  Claim: n('bills sent to insurance', 'bills sent to an insurance company for care that was given'),
  ClaimResponse: n('insurance replies to bills', 'answers from an insurance company about bills sent to it'),
  ClinicalImpression: n('care provider assessments', 'notes on what a care provider thinks is going on and why'),
  Condition: n('health problems', 'health problems and diagnoses, such as diabetes or asthma, including past ones'),
  Communication: n('messages', 'messages sent to or from the care team'),
  CommunicationRequest: n('message requests', 'requests to send a message, such as a reminder'),
  Composition: n('health summaries', 'summaries made from the record, such as notes given when leaving the hospital'),
  Consent: n('privacy and sharing choices', 'choices about who may see health data, and about care to get'),
  Contract: n('agreements', 'signed papers, such as a deal to pay or to keep data private'),
  Coverage: n('insurance information', 'health insurance plans and member ID card details'),
  CoverageEligibilityRequest: n('insurance coverage checks', 'questions to an insurer about what it pays for'),
  CoverageEligibilityResponse: n('insurance coverage answers', 'answers from an insurer about what it pays for'),
  DetectedIssue: n('safety warnings', 'warnings found during care, such as two medicines that should not be taken together'),
  Device: n('medical devices', 'devices used in care, such as a pacemaker or a blood sugar meter'),
  DeviceRequest: n('orders for medical equipment', 'orders for equipment such as a wheelchair or a home oxygen machine'),
  DeviceUseStatement: n('medical device use', 'notes on medical devices being used, such as a hearing aid'),
  DiagnosticReport: n('test reports', 'reports on tests and scans, such as blood work or X-rays'),
  DocumentReference: n('health documents', 'papers such as visit notes, hospital leave papers and scanned files'),
  Encounter: n('visits', 'visits and hospital stays, including when, where and why they happened'),
  EpisodeOfCare: n('periods of care', 'longer periods of care for one health problem, such as a pregnancy'),
  ExplanationOfBenefit: n('insurance claims and payments', 'insurance claims, what was paid and what is left to pay'),
  FamilyMemberHistory: n('family health history', 'health problems of blood relatives, such as parents or brothers and sisters'),
  Flag: n('alerts', 'important notes shown on the record, such as a fall risk or special needs'),
  Goal: n('health goals', 'health goals, such as losing weight or lowering blood pressure'),
  Group: n('groups of patients', 'lists of patients grouped together, for example for a study or a program'),
  HealthcareService: n('health care services', 'services offered by clinics and hospitals, with their hours and places'),
  ImagingStudy: n('scans and X-rays', 'pictures of the inside of the body, such as X-rays, CT scans and MRIs'),
  Immunization: n('vaccines', 'vaccines (shots) that were given or recorded, with their dates'),
  ImmunizationRecommendation: n('vaccine recommendations', 'vaccines that are due or suggested, with their dates'),
  Invoice: n('bills', 'bills for care, with the amounts owed'),
  List: n('lists', 'lists kept in the record, such as a list of medicines or health problems'),
  Location: n('care locations', 'places where care is given, such as clinics and hospitals, with their addresses'),
  Media: n('photos and recordings', 'photos, videos and sound recordings kept in the record'),
  Medication: n('medicine details', 'details about medicines, such as their names, strengths and forms'),
  MedicationAdministration: n('doses of medicine given', 'each dose of medicine given, such as in a hospital'),
  MedicationDispense: n('medicines from the pharmacy', 'medicines a pharmacy gave out, with amounts and dates'),
  MedicationRequest: n('prescriptions', 'medicines that were prescribed or ordered, with instructions for taking them'),
  MedicationStatement: n('medicine lists', 'lists of medicines taken, even ones from other doctors'),
  MolecularSequence: n('genetic test data', 'raw results of genetic tests'),
  NutritionOrder: n('diet orders', 'orders for special diets, nutrition or tube feeding'),
  Observation: n(
    'test results and measurements',
    'test results, checks such as blood pressure and weight, and answers about habits such as smoking',
  ),
  Organization: n('health care organizations', 'hospitals, clinics, insurers and other groups that give or pay for care'),
  Patient: n('personal details', 'name, date of birth, address, phone number and other personal details'),
  Person: n('identity links', 'links between one person’s records in different places'),
  Practitioner: n('care providers', 'doctors, nurses and other care providers, with their names and contact details'),
  PractitionerRole: n('care provider roles', 'the jobs, specialties and workplaces of care providers'),
  Procedure: n('surgeries and procedures', 'surgeries, treatments and other care that was done'),
  Provenance: n('record history', 'who created or changed each record, and when'),
  Questionnaire: n('forms', 'blank forms and questionnaires to fill in'),
  QuestionnaireResponse: n('form answers', 'answers given on forms and questionnaires, such as health surveys'),
  RelatedPerson: n('related people', 'family and others who help care for the patient'),
  RequestGroup: n('groups of orders', 'sets of orders for care that belong together'),
  ResearchStudy: n('research studies', 'research studies and their details'),
  ResearchSubject: n('research study enrollments', 'which research studies someone takes part in'),
  RiskAssessment: n('risk estimates', 'estimates of the chance of future health problems'),
  Schedule: n('schedules', 'calendars of doctors and clinics, used to book visits'),
  ServiceRequest: n('orders and referrals', 'orders for tests and treatments, and referrals to other care providers'),
  Slot: n('open appointment times', 'times that are free for booking an appointment'),
  Specimen: n('samples', 'samples taken for testing, such as blood or urine'),
  Substance: n('substances', 'substances such as chemicals or materials used in care'),
  SupplyDelivery: n('supply deliveries', 'supplies sent for care, such as bandages'),
  SupplyRequest: n('supply orders', 'orders for supplies such as bandages'),
  Task: n('tasks', 'to-do items for the care team or the patient'),
  VisionPrescription: n('eyeglass prescriptions', 'prescriptions for glasses and contact lenses'),
};

const qualifiers: Record<string, Noun> = {
  'Observation.category.laboratory': n('lab results', 'results of tests on samples such as blood and urine'),
  'Observation.category.vital-signs': n(
    'vital signs',
    'measurements of blood pressure, heart rate, breathing, temperature, height and weight',
  ),
  'Observation.category.social-history': n('lifestyle information', 'habits and daily life, such as smoking, drinking, work and housing'),
  'Observation.category.survey': n('survey answers', 'answers to health surveys and questionnaires, such as a depression screening'),
  'Observation.category.imaging': n(
    'results of scans and X-rays',
    'findings from X-rays, ultrasounds, CT scans and other pictures of the body',
  ),
  'Observation.category.exam': n('physical exam findings', 'what a care provider found when examining the body'),
  'Observation.category.procedure': n('results from procedures', 'measurements taken during procedures, such as a heart tracing'),
  'Observation.category.therapy': n('therapy results', 'progress in therapy, such as how far a person can walk'),
  'Observation.category.activity': n('physical activity', 'how much a person moves, such as steps and exercise'),
  'Observation.category.sdoh': n('social needs', 'information about needs such as food, housing and transportation'),
  'Condition.category.problem-list-item': n('health problem list', 'the ongoing list of health problems kept by the care team'),
  'Condition.category.encounter-diagnosis': n('health problems from visits', 'health problems found or treated during a visit'),
  'Condition.category.health-concern': n(
    'health concerns',
    'worries about health raised by the patient or the care team, such as trouble sleeping',
  ),
  'DocumentReference.category.clinical-note': n(
    'care notes',
    'notes written by care providers, such as visit notes and hospital discharge summaries',
  ),
  'DiagnosticReport.category.LAB': n('lab reports', 'reports on tests of samples such as blood and urine'),
  'DiagnosticReport.category.RAD': n('scan and X-ray reports', 'reports on X-rays, ultrasounds, CT scans and other pictures of the body'),
  'DiagnosticReport.category.LP29684-5': n(
    'scan and X-ray reports',
    'reports on X-rays, ultrasounds, CT scans and other pictures of the body',
  ),
  'DiagnosticReport.category.LP29708-2': n('heart test reports', 'reports on heart tests, such as a heart tracing or a heart ultrasound'),
  'DiagnosticReport.category.LP7839-6': n('tissue test reports', 'reports on tissue samples, such as a biopsy'),
  'MedicationRequest.category.inpatient': n('hospital medicine orders', 'medicines ordered while in the hospital'),
  'MedicationRequest.category.outpatient': n('prescriptions to take at home', 'medicines prescribed to take or use at home'),
  'MedicationRequest.category.community': n(
    'medicines from other places',
    'medicines from other care providers or bought without a prescription',
  ),
  'MedicationRequest.category.discharge': n('medicines after a hospital stay', 'medicines to take after leaving the hospital'),
};

const SYS = '{system, select, yes {, with no one signed in} other {}}';

const messages: MessageSet = {
  verb: '{letter, select, r {see} s {search} c {add} u {change} d {delete} other {use}}',
  listPair: '{a} and {b}',
  listMiddle: '{a}, {b}',
  nounItem: '{noun}',
  data:
    '{whose, select,' +
    ' self {{quant, select, all {all of your {nouns}} some {some of your {nouns}} other {your {nouns}}}}' +
    ' chosen {{quant, select, all {all of the patient’s {nouns}} some {some of the patient’s {nouns}} other {the patient’s {nouns}}}}' +
    ' userSelf {{quant, select, all {all {nouns} you can access} some {some of the {nouns} you can access} other {the {nouns} you can access}}}' +
    ' userPatients {{quant, select, all {all {nouns} of patients you can access} some {some {nouns} of patients you can access} other {the {nouns} of patients you can access}}}' +
    ' systemShared {{quant, select, some {some {nouns}} other {all {nouns}}}}' +
    ' other {{quant, select, all {all {nouns} of all patients} some {some {nouns} of all patients} other {all patients’ {nouns}}}}}',
  resourceShort: `{verbs} {data}${SYS}`,
  resourceLong:
    'The app can {verbs} {data}{system, select, yes {, even when no one is signed in} other {}}' +
    '{write, select, yes {{whose, select,' +
    ' self {, and what it {adds, select, yes {adds or changes} other {changes}} can become part of your health record, seen by your care team}' +
    ' userSelf {, and what it {adds, select, yes {adds or changes} other {changes}} can become part of those health records}' +
    ' chosen {, and its changes become part of the patient’s record}' +
    ' other {, and its changes become part of those records}}} other {}}' +
    '{deletes, select, yes {; what it deletes can be gone for good} other {}}' +
    '{searchOnly, select, yes {; search results show the records it finds} other {}}.',
  includes: 'This includes {text}.',
  includesOnly: 'This covers only {text}.',
  wildcardNote: 'This covers every kind of health information the system keeps, including kinds added later.',
  filterNote: 'The app asked for only part of this information, but that limit cannot be put in plain words here.',
  unknownTypeNoun: 'records of the kind called “{words}”',
  launchShort: '{audience, select, clinician {Know which patient and visit you have open} other {Know which record you have open}}',
  launchLong:
    '{audience, select, clinician {When you open the app from your record system, it learns which patient or visit you have open.}' +
    ' other {When you open the app from your patient portal, it learns which record you are looking at.}}',
  launchPatientShort: '{audience, select, clinician {Know which patient you chose} other {Know whose record you chose}}',
  launchPatientLong:
    '{audience, select, clinician {The app learns which patient you picked or have open in your record system, so it shows the right data.}' +
    ' other {The app learns whose record you picked, such as your own or your child’s, so it shows the right information.}}',
  launchEncounterShort: '{audience, select, clinician {Know which visit you have open} other {Know which visit you are looking at}}',
  launchEncounterLong:
    'The app learns which visit, such as an appointment or a hospital stay, {audience, select, clinician {you have open} other {you are looking at}}.',
  launchOtherShort: 'Know which {noun} {audience, select, clinician {you have open} other {you are looking at}}',
  launchOtherLong:
    'When it starts, the app learns which {noun} {audience, select, clinician {you have open} other {you are looking at}}' +
    '{role, select, yes {, for a purpose your health system defines} other {}}.',
  openidShort: 'Confirm who you are',
  openidLong: 'The app learns that you signed in here, so it can be sure it is you.',
  fhirUserShort: 'Know who you are in the health record',
  fhirUserLong:
    '{audience, select, clinician {The app learns which staff member you are in the record system, such as your name and role.}' +
    ' caregiver {The app learns who you are in the health record, such as a parent or caregiver of the patient.}' +
    ' other {The app learns which person you are in the health record, such as your own patient record.}}',
  profileShort: 'See your name and basic profile',
  profileLong: 'The app learns your name and other basic details of your sign-in account.',
  offlineShort:
    '{hasLifetime, select, yes {Keep access for up to {lifetime}, even when the app is closed} other {Keep access even when the app is closed}}',
  offlineLong:
    'The app can keep getting {audience, select, patient {your information} other {the information you allowed}} after you close it, ' +
    '{hasLifetime, select, yes {for up to {lifetime}} other {for as long as the health system allows}} or until you remove its access.' +
    '{hasIdle, select, yes { Access ends if the app is not used for {idle}.} other {}}' +
    '{withOnline, select, yes { It also asked to stay connected only while you are signed in; this longer access covers that.} other {}}',
  onlineShort: 'Stay connected while you are signed in',
  onlineLong: 'The app can keep working while you stay signed in, and it loses access when you sign out.',
  registrationShort: 'Set up lasting access on this device',
  registrationLong:
    'The app registers this device with the health system, using a secret key that never leaves the device, so it can keep access without asking you to sign in again.',
  extensionShort: 'Use a permission specific to this health system (“{name}”)',
  extensionLong:
    'This permission, “{name}”, is defined by this health system, not by the common standard, so ask the app or the health system what it allows.',
  invalidShort: 'Unrecognized request (“{scope}”)',
  invalidLong: 'The app asked for “{scope}”, which this health system does not recognize as a permission.',
  duration:
    '{unit, select, year {{n, plural, one {# year} other {# years}}} month {{n, plural, one {# month} other {# months}}}' +
    ' week {{n, plural, one {# week} other {# weeks}}} day {{n, plural, one {# day} other {# days}}}' +
    ' hour {{n, plural, one {# hour} other {# hours}}} minute {{n, plural, one {# minute} other {# minutes}}}' +
    ' other {{n, plural, one {# second} other {# seconds}}}}',
};

/** Words a patient may not know; the jargon lint flags them in patient-facing English text. */
const jargon = [
  'encounter',
  'encounters',
  'observation',
  'observations',
  'diagnostic',
  'practitioner',
  'practitioners',
  'intolerance',
  'immunization',
  'immunizations',
  'provenance',
  'specimen',
  'specimens',
  'fhir',
  'scope',
  'scopes',
  'oauth',
  'token',
  'tokens',
  'api',
  'endpoint',
  'ehr',
  'emr',
  'loinc',
  'snomed',
  'clinical',
  'adverse',
  'etiology',
  'prognosis',
  'hypertension',
  'pharmacological',
  'ambulatory',
  'inpatient',
  'outpatient',
  'dispense',
  'dispensed',
  'administration',
  'adjudication',
  'eligibility',
  'questionnaireresponse',
  'medicationrequest',
  'servicerequest',
  'documentreference',
  'diagnosticreport',
  'allergyintolerance',
  'careplan',
  'careteam',
  'relatedperson',
  'practitionerrole',
  'vitals',
  'cpt',
  'icd',
  'hl7',
  'resource',
  'hipaa',
  'mrn',
  'hba1c',
  'a1c',
  'phi',
  'npi',
  'ccda',
  'cda',
];

/** The built-in English phrasebook. */
export const EN: Phrasebook = {
  locale: 'en',
  messages,
  wildcard: { short: 'health information', long: 'every kind of health information', number: 'singular' },
  types,
  qualifiers,
  jargon,
  possessives: ['all of your', 'all your', 'your', 'my'],
};
