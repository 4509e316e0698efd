// The built-in health-data lexicon, Dutch and English: words that, in a report about a client
// to an employer or UWV, reveal something about the client's health (AVG art. 9). It is tuned
// for precision on ordinary job-search text: generic words that only sometimes concern health
// ("behandeling", "specialist", "klachten", "operatie", "stress", "ziekenhuis", "arts") are
// not terms on their own; they count in combinations that settle the meaning ("rugklachten",
// "knieoperatie", "medische behandeling", "de arts"). Admins adjust it per policy
// (`healthTerms.add` / `.remove`); detect.ts compiles it once into lookup tables.
//
// Spelling here is free: detect.ts normalises entries like the text (lower case, diacritics
// and hyphens dropped, so "burn-out" = "burnout" and "suïcide" = "suicide").

export interface LexiconEntry {
  /** Canonical form, reported when the entry matches as a whole word or phrase. */
  term: string;
  /** Inflections, spelling variants and translations counting as this term (words or phrases). */
  forms?: readonly string[];
  /**
   * Dutch compounds. 'tail': also matches at the end of a longer word (rugpijn ← pijn);
   * 'head': at the start (ziekteverzuim ← ziekte); 'both'. The other part must have at least
   * three letters. A compound match reports the whole word found.
   */
  compound?: 'head' | 'tail' | 'both';
  /**
   * False: the term itself is no match on its own; its forms and compounds are ("verzuim" alone
   * is not, "verzuimdossier" is; "stroke" is not, "had a stroke" is).
   */
  alone?: boolean;
  /** Not a health term when one of these words is in the same sentence ("overspannen arbeidsmarkt"). */
  unlessNear?: readonly string[];
}

/** Two word lists combined into compounds, e.g. body parts × complaints (nekpijn, knieoperatie). */
export interface CompoundRule {
  heads: readonly string[];
  tails: readonly string[];
}

function term(t: string, forms: readonly string[] = [], extra: Omit<LexiconEntry, 'term' | 'forms'> = {}): LexiconEntry {
  return { term: t, forms, ...extra };
}

/** Several independent terms without variants. */
function terms(...words: string[]): LexiconEntry[] {
  return words.map((w) => term(w));
}

/** Every "adjective noun" phrase of two lists, each its own term. */
function phrases(first: readonly string[], second: readonly string[]): LexiconEntry[] {
  return first.flatMap((a) => second.map((b) => term(`${a} ${b}`)));
}

// --- Dutch -------------------------------------------------------------------------------

const SICKNESS_NL: LexiconEntry[] = [
  term('ziek', ['zieke', 'zieken']),
  term('ziekgemeld', ['ziek gemeld', 'ziekgemelde']),
  term('ziekmelding', ['ziekmeldingen', 'ziekmelden']),
  term('ziekte', ['ziekten', 'ziektes', 'ziektewet'], { compound: 'both' }),
  term('verzuim', [], { compound: 'head', alone: false }),
  term('arbeidsongeschikt', ['arbeidsongeschikte', 'arbeidsongeschiktheid'], { compound: 'head' }),
  term('arbeidsbeperking', ['arbeidsbeperkingen', 'arbeidsbeperkt', 'arbeidsbeperkte', 'arbeidsgehandicapt', 'arbeidsgehandicapte']),
  ...terms('wia', 'wga', 'iva', 'wao'),
  term('wajong', ['wajonger', 'wajongers']),
  term('hersteld gemeld', ['hersteldmelding', 'betermelding', 'beter gemeld', 'hersteldgemeld']),
  term('belastbaarheid', [], { compound: 'head' }),
  term('functionele mogelijkhedenlijst', ['inzetbaarheidsprofiel']),
  term('medisch dossier', ['medische dossier']),
  term('medische behandeling', ['medische behandelingen']),
  term('medisch specialist', ['medisch specialisten', 'medische specialist']),
  ...terms('medische gegevens', 'medische informatie', 'medische redenen', 'medische achtergrond', 'medische situatie',
    'medische keuring', 'medisch onderzoek', 'medische oorzaak', 'medische noodzaak', 'medische indicatie', 'medische verklaring'),
  term('gezondheidsklachten', ['gezondheidsklacht']),
  term('gezondheidsproblemen', ['gezondheidsprobleem']),
  ...terms('gezondheidssituatie', 'gezondheidstoestand', 'gezondheidsredenen'),
  term('chronisch ziek', ['chronische ziekte']),
  term('chronische vermoeidheid', ['chronisch vermoeid']),
  term('chronische pijn'),
  term('zwanger', ['zwangere']),
  term('zwangerschap', ['zwangerschappen'], { compound: 'head' }),
  term('bevalling', ['bevallingsverlof']),
  term('miskraam'),
  term('opgenomen in het ziekenhuis', ['in het ziekenhuis opgenomen', 'ziekenhuis opgenomen', 'ziekenhuisopname', 'ziekenhuisopnames',
    'opname in het ziekenhuis', 'opname in een ziekenhuis', 'spoedeisende hulp']),
  term('gehandicapt', ['gehandicapte', 'gehandicapten'], { compound: 'tail' }),
  term('invalide', ['invaliditeit']),
  term('rolstoel', [], { compound: 'head' }),
  term('slechthorend', ['slechthorende', 'doof', 'doofheid', 'gehoorverlies', 'gehoorbeschadiging']),
  term('slechtziend', ['slechtziende', 'blindheid']),
];

const CONDITIONS_NL: LexiconEntry[] = [
  term('burn-out', ['burnouts', 'burn out', 'opgebrand'], { compound: 'head' }),
  term('overspannen', ['overspannenheid', 'overspanning'], { unlessNear: ['arbeidsmarkt', 'markt', 'woningmarkt', 'economie', 'verwachtingen', 'elektriciteitsnet'] }),
  term('depressie', ['depressies', 'depressief', 'depressieve', 'gedeprimeerd'], { compound: 'both', unlessNear: ['economische', 'economie', 'crisis'] }),
  term('stoornis', ['stoornissen'], { compound: 'tail' }),
  term('paniekaanval', ['paniekaanvallen']),
  term('ptss', ['posttraumatisch', 'posttraumatische']),
  term('trauma', ['traumas', 'traumata', 'traumatisch', 'traumatische', 'getraumatiseerd'], { compound: 'tail' }),
  term('psychose', ['psychoses', 'psychotisch', 'psychotische']),
  term('bipolair', ['bipolaire', 'manisch depressief', 'manischdepressief']),
  term('schizofrenie', ['schizofreen']),
  term('autisme', ['autistisch', 'autistische']),
  ...terms('asperger', 'adhd', 'anorexia', 'boulimia'),
  term('verslaving', ['verslavingen', 'verslaafd', 'verslaafde'], { compound: 'both' }),
  term('alcoholisme'),
  term('suicidaal', ['suicidale']),
  term('suicide', ['zelfdoding'], { compound: 'head' }),
  term('zelfmoord', [], { compound: 'head' }),
  term('kanker', [], { compound: 'both' }),
  term('tumor', ['tumoren'], { compound: 'tail' }),
  ...terms('leukemie', 'lymfoom', 'carcinoom', 'uitzaaiingen', 'metastasen'),
  term('diabetes', ['diabeet', 'diabetici', 'diabetisch', 'diabetische', 'suikerziekte']),
  term('insuline'),
  term('hernia', ['hernias'], { compound: 'tail' }),
  term('reuma', ['reumatisch', 'reumatische']),
  ...terms('artrose', 'artritis', 'fibromyalgie', 'jicht', 'multiple sclerose', 'parkinson', 'alzheimer'),
  term('dementie', ['dementerend']),
  term('epilepsie', ['epileptisch', 'epileptische']),
  term('migraine', ['migraineaanval', 'migraineaanvallen']),
  ...terms('astma', 'copd', 'hartaanval', 'hartfalen', 'beroerte', 'cva'),
  term('infarct', [], { compound: 'tail' }),
  term('long covid', ['postcovid']),
  ...terms('hiv', 'hepatitis', 'obesitas', 'overgewicht', 'rsi'),
  term('allergie', ['allergieen', 'allergisch', 'allergische']),
  term('letsel', [], { compound: 'tail' }),
  term('blessure', ['blessures', 'geblesseerd'], { compound: 'tail' }),
  term('ontsteking', ['ontstekingen'], { compound: 'tail' }),
  term('aandoening', ['aandoeningen'], { compound: 'tail' }),
  term('fractuur', ['fracturen'], { compound: 'tail' }),
  term('pijn', ['pijnen', 'pijnklachten', 'pijnstiller', 'pijnstillers', 'pijnbestrijding', 'pijnpoli'], { compound: 'tail' }),
  term('diagnose', ['gediagnosticeerd', 'gediagnostiseerd']),
  term('geopereerd', ['operatief', 'operatieve', 'narcose']),
  ...phrases(
    ['lichamelijke', 'fysieke', 'psychische', 'mentale', 'medische', 'visuele', 'auditieve', 'verstandelijke', 'psychiatrische', 'neurologische'],
    ['klacht', 'klachten', 'probleem', 'problemen', 'beperking', 'beperkingen', 'aandoening', 'aandoeningen', 'handicap', 'letsel'],
  ),
  ...terms('psychische gesteldheid', 'geestelijke gezondheid', 'mentale gezondheid', 'psychisch letsel', 'psychisch ziek'),
];

const CARE_NL: LexiconEntry[] = [
  term('therapie', ['therapieen'], { compound: 'both' }),
  term('therapeut', ['therapeuten'], { compound: 'tail' }),
  term('fysiotherapie', ['fysio', 'fysiopraktijk']),
  term('fysiotherapeut', ['fysiotherapeuten']),
  ...terms('ergotherapie', 'logopedie'),
  term('medicatie', ['medicaties'], { compound: 'both' }),
  term('medicijnen', ['medicijn', 'medicamenten', 'geneesmiddel', 'geneesmiddelen'], { compound: 'head' }),
  term('antidepressiva', ['antidepressivum']),
  term('slaapmiddelen', ['slaappillen', 'slaapmedicatie']),
  ...terms('kalmeringsmiddelen', 'ritalin', 'methylfenidaat', 'oxazepam', 'diazepam', 'benzodiazepine', 'morfine'),
  term('chemotherapie', ['chemo'], { compound: 'head' }),
  term('bestraling', ['bestralingen', 'radiotherapie'], { compound: 'head' }),
  term('revalidatie', ['revalideren', 'revalideert', 'gerevalideerd'], { compound: 'head' }),
  term('behandeltraject', ['behandeltrajecten']),
  term('behandelplan', ['behandelplannen']),
  term('behandelend arts', ['behandelend artsen', 'behandelende arts']),
  term('behandelend specialist', ['behandelende specialist']),
  term('bedrijfsarts', ['bedrijfsartsen']),
  term('arbo-arts', ['arbo artsen', 'arboartsen']),
  term('huisarts', ['huisartsen']),
  term('verzekeringsarts', ['verzekeringsartsen']),
  // "arts" alone is also English (Master of Arts): only with a Dutch determiner before it.
  term('arts', ['de arts', 'een arts', 'zijn arts', 'haar arts', 'uw arts', 'de artsen'], { alone: false }),
  term('dokter', ['dokters']),
  term('psycholoog', ['psychologen', 'gzpsycholoog', 'gz psycholoog', 'kinderpsycholoog', 'klinisch psycholoog']),
  term('psychiater', ['psychiaters', 'psychiatrie', 'psychiatrisch', 'psychiatrische'], { compound: 'tail' }),
  term('ggz', ['geestelijke gezondheidszorg']),
  term('neuroloog', ['neurologen', 'neurologie']),
  term('cardioloog', ['cardiologen', 'cardiologie']),
  term('oncoloog', ['oncologen', 'oncologie']),
  term('orthopeed', ['orthopeden']),
  term('internist', ['internisten']),
  ...terms('reumatoloog', 'uroloog', 'gynaecoloog', 'dermatoloog'),
  term('chirurg', ['chirurgen', 'chirurgie'], { compound: 'tail' }),
];

// --- English -----------------------------------------------------------------------------

const ENGLISH: LexiconEntry[] = [
  term('sick leave', ['on sick leave', 'sick note', 'sick day', 'sick days', 'sickness absence']),
  term('off sick', ['reported sick', 'called in sick', 'calling in sick']),
  term('sick pay', ['sickness benefit']),
  term('illness', ['illnesses', 'ill health', 'sickness', 'chronically ill']),
  term('disease', ['diseases']),
  term('chronic pain'),
  term('unfit for work', ['incapacity for work', 'work incapacity', 'occupational disability']),
  term('disability', ['disabilities', 'disabled', 'learning disability']),
  term('hearing impairment', ['hearing impaired', 'hearing loss']),
  term('visual impairment', ['visually impaired']),
  term('wheelchair', ['wheelchair user']),
  term('injury', ['injuries', 'injured']),
  term('concussion'),
  term('medical condition', ['medical conditions']),
  ...terms('medical reasons', 'medical grounds', 'medical treatment', 'medical history', 'medical records', 'medical certificate',
    'medical leave', 'medical advice', 'medical appointment', 'medical specialist'),
  term('health problems', ['health issues', 'health condition', 'health reasons']),
  term('diagnosis', ['diagnosed', 'diagnoses']),
  term('depression', ['depressed', 'depressive'], { unlessNear: ['economic', 'economy', 'great'] }),
  term('anxiety', ['anxiety disorder']),
  term('panic attack', ['panic attacks', 'panic disorder']),
  term('burned out', ['burnt out']),
  term('post-traumatic stress', ['post traumatic stress', 'posttraumatic']),
  term('mental health problems', ['mental health issues', 'mental health condition', 'mental health difficulties']),
  term('mental illness', ['mentally ill']),
  term('psychological problems', ['psychological issues', 'psychological complaints']),
  term('eating disorder'),
  term('bipolar', ['bipolar disorder']),
  ...terms('schizophrenia', 'ocd', 'personality disorder', 'sleep disorder', 'insomnia'),
  term('psychosis', ['psychotic']),
  term('autism', ['autistic']),
  term('addiction', ['addicted']),
  ...terms('substance abuse', 'drug abuse', 'alcohol abuse'),
  term('suicidal', ['suicide attempt']),
  term('self-harm', ['self harm']),
  term('cancer'),
  term('tumour', ['tumours', 'tumor', 'tumors']),
  term('leukaemia', ['leukemia']),
  term('chemotherapy', ['chemo']),
  term('radiotherapy', ['radiation therapy']),
  term('oncologist'),
  term('diabetes', ['diabetic']),
  term('insulin'),
  term('herniated disc', ['slipped disc']),
  term('rheumatism', ['rheumatoid']),
  ...terms('fibromyalgia', 'multiple sclerosis', 'parkinsons', 'alzheimers', 'dementia', 'asthma'),
  term('epilepsy', ['epileptic']),
  term('heart attack', ['cardiac arrest']),
  term('heart failure'),
  term('stroke', ['had a stroke', 'suffered a stroke', 'after a stroke', 'after his stroke', 'after her stroke'], { alone: false }),
  term('pregnant', ['pregnancy']),
  term('miscarriage'),
  term('maternity leave'),
  term('obesity'),
  term('allergy', ['allergies', 'allergic reaction']),
  term('physiotherapy', ['physiotherapist', 'physical therapy', 'physical therapist']),
  term('occupational therapy', ['occupational therapist']),
  term('therapy', ['therapies', 'therapist', 'therapists']),
  term('psychotherapy', ['psychotherapist']),
  term('medication', ['medications', 'medicated']),
  term('antidepressants', ['antidepressant']),
  term('painkillers', ['painkiller', 'sleeping pills']),
  term('surgery', ['surgeries', 'operated on']),
  term('hospitalised', ['hospitalized', 'hospitalisation', 'hospitalization', 'admitted to hospital']),
  term('rehab clinic'),
  term('occupational physician', ['company doctor', 'occupational doctor', 'occupational health physician']),
  term('general practitioner', ['family doctor']),
  term('doctor', ['his doctor', 'her doctor', 'their doctor', 'the doctor'], { alone: false }),
  term('psychologist', ['psychologists']),
  term('psychiatrist', ['psychiatrists', 'psychiatric', 'psychiatry']),
  ...terms('neurologist', 'cardiologist', 'orthopaedic surgeon', 'orthopedic surgeon', 'rheumatologist', 'ptsd'),
];

export const HEALTH_LEXICON: readonly LexiconEntry[] = [...SICKNESS_NL, ...CONDITIONS_NL, ...CARE_NL, ...ENGLISH];

const BODY_NL = ['rug', 'nek', 'knie', 'schouder', 'heup', 'buik', 'maag', 'darm', 'hart', 'long', 'nier', 'pols', 'elleboog', 'enkel',
  'voet', 'hersen', 'spier', 'gewrichts', 'zenuw', 'wervel', 'bekken', 'huid', 'borst', 'hand', 'arm', 'been', 'oog', 'oor', 'kaak',
  'teen', 'vinger', 'bot', 'blaas', 'keel'];
const BODY_COMPLAINTS_NL = ['klacht', 'klachten', 'pijn', 'pijnen', 'operatie', 'operaties', 'letsel', 'blessure', 'blessures',
  'ontsteking', 'breuk', 'fractuur', 'hernia', 'probleem', 'problemen', 'aandoening', 'aandoeningen', 'infarct', 'bloeding', 'kanker',
  'ziekte', 'tumor', 'prothese'];
const BODY_EN = ['back', 'neck', 'knee', 'shoulder', 'hip', 'wrist', 'ankle', 'elbow', 'spinal', 'spine', 'brain', 'heart', 'chest',
  'stomach', 'lung', 'bowel', 'kidney'];
const BODY_COMPLAINTS_EN = ['pain', 'pains', 'injury', 'injuries', 'surgery', 'operation', 'complaints', 'problems', 'condition'];

/** Compound words built from a head and a tail (Dutch) or two-word phrases (English, in detect.ts). */
export const COMPOUND_RULES: readonly CompoundRule[] = [
  { heads: BODY_NL, tails: BODY_COMPLAINTS_NL },
  // "hoofd" is also "main/chief" (hoofdprobleem, hoofdklachten): only unambiguous tails.
  { heads: ['hoofd'], tails: ['pijn', 'pijnen', 'letsel', 'trauma', 'wond'] },
  { heads: ['stress', 'angst', 'paniek', 'slaap', 'concentratie', 'geheugen', 'vermoeidheids', 'spannings', 'gedrags', 'eet'],
    tails: ['klacht', 'klachten', 'probleem', 'problemen', 'stoornis', 'stoornissen', 'aanval', 'aanvallen'] },
  { heads: ['alcohol', 'drugs', 'middelen', 'gok', 'cannabis'], tails: ['gebruik', 'misbruik', 'probleem', 'problemen', 'verslaving'] },
  { heads: ['bedrijfs', 'huis', 'verzekerings', 'arbo', 'keurings', 'long', 'oog', 'kinder', 'revalidatie', 'sport', 'tand', 'kno',
    'jeugd', 'verslavings', 'basis'], tails: ['arts', 'artsen'] },
];

/** English body part × complaint, as two-word phrases ("back pain", "knee surgery"). */
export const PHRASE_RULES: readonly CompoundRule[] = [
  { heads: BODY_EN, tails: BODY_COMPLAINTS_EN },
  { heads: ['head'], tails: ['injury', 'injuries', 'trauma'] },
];

/**
 * Words the compound rules would catch but that are ordinary language: figurative uses
 * ("kinderziektes" of a system), insurance, grumbling ("kankeren"), accessible buildings,
 * tree surgeons.
 */
export const NOT_HEALTH: readonly string[] = [
  'kinderziekte', 'kinderziektes', 'kinderziekten', 'ziektekosten', 'ziektekostenverzekering', 'ziektekostenverzekeraar',
  'ziektekostenverzekeringen', 'pijnpunt', 'pijnpunten', 'therapiehond',
  // kankeren: to grumble
  'kankerend', 'kankerende', 'kankerden', 'gekankerd',
  // descriptions of buildings and jobs, not of a person's health
  'rolstoeltoegankelijk', 'rolstoeltoegankelijke', 'rolstoelvriendelijk', 'rolstoelvriendelijke', 'boomchirurg', 'boomchirurgen',
];
