import { describe, expect, it } from 'vitest';
import { compileLexicon, detectHealthTerms, findHealthTerms, normalizeForMatching } from '../../../../utils/core/health/detect.ts';

// Sentences as they appear in Dutch re-integration reports to employers and UWV.
// Each: [sentence, a term that must be among the results].
const DUTCH_HEALTH: [string, string][] = [
  ['Cliënt is sinds maart ziekgemeld vanwege een burn-out.', 'burn-out'],
  ['De bedrijfsarts adviseert om de werkhervatting uit te stellen.', 'bedrijfsarts'],
  ['Zij heeft last van rugklachten en kan niet zwaar tillen.', 'rugklachten'],
  ['Na zijn knieoperatie volgt hij twee keer per week fysiotherapie.', 'knieoperatie'],
  ['Hij gebruikt antidepressiva en wordt begeleid door een psycholoog.', 'antidepressiva'],
  ['Er is sprake van een angststoornis.', 'angststoornis'],
  ['Mevrouw is gediagnosticeerd met borstkanker en krijgt chemotherapie.', 'borstkanker'],
  ['Cliënt heeft diabetes type 2 en moet regelmatig eten.', 'diabetes'],
  ['De huisarts heeft hem doorverwezen naar de psychiater.', 'psychiater'],
  ['Hij is gedeeltelijk arbeidsongeschikt verklaard.', 'arbeidsongeschikt'],
  ['Zij ontvangt sinds vorig jaar een WIA-uitkering.', 'wia'],
  ['Door een hernia is hij langdurig uitgevallen.', 'hernia'],
  ['Er zijn psychische klachten die de re-integratie vertragen.', 'psychische klachten'],
  ['Cliënt heeft PTSS na een ingrijpende gebeurtenis op het werk.', 'ptss'],
  ['Hij heeft vaak hoofdpijn en concentratieproblemen.', 'hoofdpijn'],
  ['De belastbaarheid van cliënt is volgens de verzekeringsarts beperkt.', 'belastbaarheid'],
  ['Zij is zwanger en gaat in juni met verlof.', 'zwanger'],
  ['Hij voelt zich depressief en slaapt slecht.', 'depressie'],
  ['Cliënt is vorige week opgenomen in het ziekenhuis.', 'opgenomen in het ziekenhuis'],
  ['Na een herseninfarct revalideert hij in een revalidatiecentrum.', 'herseninfarct'],
  ['Zij heeft een auto-immuunziekte waardoor ze snel moe is.', 'autoimmuunziekte'],
  ['Cliënt kampt met een alcoholverslaving.', 'alcoholverslaving'],
  ['Het ziekteverzuim van cliënt was het afgelopen jaar hoog.', 'ziekteverzuim'],
  ['Hij neemt medicatie voor zijn epilepsie.', 'epilepsie'],
  ['Er is sprake van overspannenheid door privéomstandigheden.', 'overspannen'],
  ['De fysiotherapeut adviseert aangepast werk zonder tillen.', 'fysiotherapeut'],
  ['Cliënt heeft een arbeidsbeperking en staat in het doelgroepregister.', 'arbeidsbeperking'],
  ['Zij was overspannen en heeft drie maanden thuis gezeten.', 'overspannen'],
  ['Cliënt krijgt gedragstherapie bij een praktijk in Utrecht.', 'gedragstherapie'],
  ['Hij heeft schouderklachten door jarenlang repeterend werk.', 'schouderklachten'],
  ['Ze is chronisch vermoeid sinds een longontsteking.', 'longontsteking'],
  ['Hij heeft autisme en heeft behoefte aan vaste structuur.', 'autisme'],
  ['Zij lijdt aan een posttraumatische stressstoornis.', 'stressstoornis'],
  ['Cliënt heeft een verstandelijke beperking.', 'verstandelijke beperking'],
  ['Zijn Ziektewet-uitkering loopt in april af.', 'ziektewetuitkering'],
  ['Hij is onder behandeling bij de GGZ.', 'ggz'],
  ['Cliënt had suïcidale gedachten en is doorverwezen.', 'suicidaal'],
  ['CLIËNT HEEFT EEN DEPRESSIE', 'depressie'],
  ['Het verzuimdossier is overgedragen aan de arbodienst.', 'verzuimdossier'],
  ['De arbo-arts heeft een terugvalrisico vastgesteld.', 'arbo-arts'],
  ['Volgens de arts mag hij halve dagen werken.', 'arts'],
];

// Ordinary job-search text: none of these may trigger.
const DUTCH_ORDINARY: string[] = [
  'Cliënt heeft deze week drie sollicitatiebrieven verstuurd naar logistieke bedrijven.',
  'Het netwerkgesprek met de teamleider van de supermarkt verliep positief.',
  'Zijn werkervaring als magazijnmedewerker sluit goed aan bij de vacature.',
  'Zij volgt een training sollicitatievaardigheden.',
  'De behandeling van de aanvraag duurt ongeveer acht weken.',
  'De aanvraag is nog in behandeling bij de gemeente.',
  'Hij werkt operationeel en denkt graag mee over procesverbetering.',
  'Het is een gezond bedrijf met goede doorgroeimogelijkheden.',
  'De arbeidsmarkt in de regio is overspannen, er zijn veel vacatures.',
  'Cliënt wil graag werken in de zorg als gastvrouw.',
  'We hebben de pijnpunten in zijn cv besproken.',
  'Het hoofdprobleem is dat haar rijbewijs nog niet binnen is.',
  'Hij heeft een Master of Arts in geschiedenis.',
  'Zij heeft ervaring met MS Office en Excel.',
  'De operatie van het distributiecentrum draait in ploegendienst.',
  'Hij werkt graag onder tijdsdruk en kan goed met stress omgaan.',
  'Sollicitatietraining, netwerken en een cv-check staan voor volgende week gepland.',
  'Ze heeft een proefplaatsing bij een bakkerij afgerond.',
  'De werkgever biedt een vast contract na zes maanden.',
  'Cliënt heeft zijn LinkedIn-profiel bijgewerkt.',
  'Er is een kennismakingsgesprek gepland met het uitzendbureau.',
  'Hij zoekt werk in de bouw, bij voorkeur in de regio Utrecht.',
  'Het re-integratietraject loopt volgens plan.',
  'Zij volgt een cursus Nederlands op niveau B1.',
  'De vacature vraagt om rijbewijs C en code 95.',
  'Cliënt is gemotiveerd en komt zijn afspraken goed na.',
  'Het loopbaanadvies richt zich op administratieve functies.',
  'Hij heeft een assessment gedaan bij een detacheringsbureau.',
  'De coach heeft haar geholpen met haar motivatiebrief.',
  'Hij heeft de kinderziektes in het nieuwe planningssysteem opgelost.',
  'Hij wil zich ontwikkelen tot specialist in inkoop.',
  'Ze solliciteerde als doktersassistente bij een huisartsenpraktijk.',
  'De klachten van klanten over de levertijd zijn afgenomen.',
  'Het contract heeft een ziektekostenverzekering via de werkgever.',
  'Hij heeft zijn EHBO-diploma gehaald en een certificaat eerste hulp.',
  'De economische depressie van de jaren dertig kwam aan bod in de cursus.',
  'Zij kreeg een verzuimde afspraak niet meer ingepland.',
  'De gesprekken met de werkgever zijn gezond en constructief.',
  'Het kantoor van de nieuwe werkgever is rolstoeltoegankelijk.',
  'Hij werkte vijf jaar als boomchirurg bij een hoveniersbedrijf.',
  'De oorzaak van de vertraging ligt bij de werkgever.',
  'Hij heeft een longlist van twintig vacatures gemaakt.',
  'De handleiding van het kassasysteem is doorgenomen.',
  'Zij is hartstikke gemotiveerd en hartelijk in de omgang.',
  'Cliënt heeft een werkervaringsplaats bij een zorginstelling gekregen als receptionist.',
  'Het hoofddoel voor volgend kwartaal is een betaalde baan.',
];

const ENGLISH_HEALTH: [string, string][] = [
  ['The client has been on sick leave since March.', 'sick leave'],
  ['She was diagnosed with depression last year.', 'depression'],
  ['He suffers from chronic back pain.', 'back pain'],
  ['The occupational physician advised a gradual return.', 'occupational physician'],
  ['He is receiving physiotherapy twice a week.', 'physiotherapy'],
  ['She takes antidepressants and sees a psychologist.', 'antidepressants'],
  ['He had knee surgery in January.', 'knee surgery'],
  ['The client has an anxiety disorder.', 'anxiety'],
  ['She was hospitalised after a heart attack.', 'heart attack'],
  ['He has PTSD after a workplace accident.', 'ptsd'],
  ['She is pregnant and expects to go on maternity leave.', 'pregnant'],
  ['He had a stroke two years ago.', 'stroke'],
];

const ENGLISH_ORDINARY: string[] = [
  'She sent five applications for warehouse jobs this week.',
  'He holds a Master of Arts in History.',
  'The client attended a networking event and received positive feedback.',
  'He is skilled in MS Office and handles stress well.',
  'The operation of the warehouse runs in shifts.',
  'We discussed the pain points in his job search.',
  'Treatment of the request takes eight weeks.',
  'He is a specialist in logistics planning.',
  'She would like to work in hospital administration.',
  'The company is financially healthy.',
  'Getting the interview was a stroke of luck.',
  'He came back, problems with his car aside, on time.',
  'She went to the doctors office as a receptionist trainee.',
];

describe('detectHealthTerms: Dutch report sentences with health data', () => {
  it.each(DUTCH_HEALTH)('%s', (sentence, expected) => {
    expect(detectHealthTerms(sentence)).toContain(expected);
  });
});

describe('detectHealthTerms: ordinary Dutch job-search text', () => {
  it.each(DUTCH_ORDINARY)('%s', (sentence) => {
    expect(detectHealthTerms(sentence)).toEqual([]);
  });

  it('stays silent on all of it at once, as one long report', () => {
    expect(detectHealthTerms(DUTCH_ORDINARY.join(' '))).toEqual([]);
  });
});

describe('detectHealthTerms: English', () => {
  it.each(ENGLISH_HEALTH)('finds health data in: %s', (sentence, expected) => {
    expect(detectHealthTerms(sentence)).toContain(expected);
  });
  it.each(ENGLISH_ORDINARY)('stays silent on: %s', (sentence) => {
    expect(detectHealthTerms(sentence)).toEqual([]);
  });
});

describe('detectHealthTerms: matching rules', () => {
  it('ignores case and diacritics, and reports each term once, in order of appearance', () => {
    expect(detectHealthTerms('DEPRESSIE, depressie en Depressie. Daarna fysiotherapie.')).toEqual(['depressie', 'fysiotherapie']);
    expect(detectHealthTerms('suïcide / SUÏCIDE / suicide')).toEqual(['suicide']);
  });

  it('matches whole words only', () => {
    expect(detectHealthTerms('wiafdeling kankerend ziekenhuisbranche')).toEqual([]);
    expect(detectHealthTerms('hernias')).toEqual(['hernia']);
  });

  it('treats hyphens, soft hyphens and line-end hyphenation like the joined word', () => {
    expect(detectHealthTerms('burnout')).toEqual(['burn-out']);
    expect(detectHealthTerms('burn out')).toEqual(['burn-out']);
    expect(detectHealthTerms('rug\u00ADklachten')).toEqual(['rugklachten']);
    expect(detectHealthTerms('Er is sprake van depres-\nsie.')).toEqual(['depressie']);
    expect(detectHealthTerms('knie-operatie')).toEqual(['knieoperatie']);
  });

  it('handles PDF ligatures by compatibility normalisation', () => {
    expect(normalizeForMatching('ﬁ')).toBe('fi');
    expect(detectHealthTerms('ziekteverzuim in het proﬁel')).toEqual(['ziekteverzuim']);
  });

  it('requires the words of a phrase to be separated by whitespace only', () => {
    expect(detectHealthTerms('medische behandeling')).toEqual(['medische behandeling']);
    expect(detectHealthTerms('medische, behandeling')).toEqual([]);
    expect(detectHealthTerms('she came back. problems followed')).toEqual([]);
  });

  it('uses context exclusions within the sentence only', () => {
    expect(detectHealthTerms('De arbeidsmarkt is overspannen.')).toEqual([]);
    expect(detectHealthTerms('De arbeidsmarkt is krap. Cliënt is overspannen.')).toEqual(['overspannen']);
  });

  it('does not build compounds from too-short parts', () => {
    expect(detectHealthTerms('pijnen')).toEqual(['pijn']);
    expect(detectHealthTerms('kopijn')).toEqual([]); // "ko" is too short to be a compound head
  });

  it('returns nothing for empty text', () => {
    expect(detectHealthTerms('')).toEqual([]);
  });
});

describe('detectHealthTerms: policy adjustments', () => {
  it('whiplash is not built in; the policy can add it', () => {
    expect(detectHealthTerms('Cliënt heeft whiplash.')).toEqual([]);
    expect(detectHealthTerms('Cliënt heeft whiplash.', { add: ['whiplash'] })).toEqual(['whiplash']);
  });

  it('added words match whole words; a trailing * lets them start a compound', () => {
    expect(detectHealthTerms('whiplashklachten', { add: ['whiplash'] })).toEqual([]);
    expect(detectHealthTerms('whiplashklachten', { add: ['whiplash*'] })).toEqual(['whiplashklachten']);
    expect(detectHealthTerms('nekwhiplash', { add: ['*whiplash'] })).toEqual(['nekwhiplash']);
  });

  it('added phrases match with diacritics and case ignored', () => {
    expect(detectHealthTerms('Hij heeft de ZIEKTE VAN LYME.', { add: ['ziekte van Lyme'] })).toContain('ziekte van Lyme');
  });

  it('removing a term drops it with its forms and compounds; other terms stay', () => {
    const text = 'Cliënt is ziek, heeft hoofdpijn en rugpijn en een depressie.';
    expect(detectHealthTerms(text)).toEqual(['ziek', 'hoofdpijn', 'rugpijn', 'depressie']);
    expect(detectHealthTerms(text, { remove: ['Ziek'] })).toEqual(['hoofdpijn', 'rugpijn', 'depressie']);
    expect(detectHealthTerms(text, { remove: ['depressie'] })).toEqual(['ziek', 'hoofdpijn', 'rugpijn']);
    expect(detectHealthTerms('winterdepressie', { remove: ['depressie'] })).toEqual([]);
  });

  it('removing a compound word found by the rules drops just that word', () => {
    expect(detectHealthTerms('rugpijn en nekpijn', { remove: ['rugpijn'] })).toEqual(['nekpijn']);
  });

  it('ignores empty or one-letter additions', () => {
    expect(detectHealthTerms('a b c', { add: ['', ' ', 'a', '*'] })).toEqual([]);
  });

  it('compiles once per adjustment and gives the same answers as the cached path', () => {
    const adjust = { add: ['whiplash'], remove: ['ziek'] };
    const compiled = compileLexicon(adjust);
    const text = 'Cliënt is ziek en heeft whiplash en rugklachten.';
    expect(findHealthTerms(compiled, text)).toEqual(detectHealthTerms(text, adjust));
  });
});
