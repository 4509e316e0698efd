// Dutch: the sentence for every finding of the policy engine (one short pair: what is wrong,
// what to do), the exception grounds and the reasons an attachment can't be checked. Written for
// a busy staff member about to press send: plain words, no legal jargon.
// Placeholders: {address} {file} {client} {resembles} {regio} {mailbox} {ground} {terms} {limitMB} {shown} {reason} {approvedAt} {approvedFile}
export const findings = {
  RECIPIENT_NOT_WHITELISTED:
    'Ontvanger {address} staat niet op de lijst van {regio}. Verwijder deze ontvanger of vraag de beheerder de lijst aan te passen.',
  'RECIPIENT_NOT_WHITELISTED.noRegio':
    'Ontvanger {address} staat op geen enkele lijst van een regiokantoor. Verwijder deze ontvanger of vraag de beheerder de lijst aan te passen.',
  RECIPIENT_NOT_IN_AGREEMENT:
    'Ontvanger {address} staat niet in de rapportage-afspraak met cliënt {client}. Verwijder deze ontvanger of leg eerst een nieuwe afspraak met de cliënt vast.',
  RECIPIENT_LOOKALIKE:
    'Het adres {address} lijkt op {resembles}, maar is het niet. Controleer het adres: het kan een tikfout of een nepadres zijn.',
  RECIPIENT_INVALID: '{address} is geen geldig e-mailadres. Verbeter of verwijder deze ontvanger.',
  'RECIPIENT_INVALID.displayName':
    'De naam bij ontvanger {address} bevat een ander e-mailadres ({shown}). Typ het adres van de ontvanger opnieuw in.',
  SENDER_UNKNOWN:
    'Afzender {address} hoort bij geen enkel regiokantoor. Verstuur de rapportage vanaf uw werkadres of vraag de beheerder u toe te voegen.',
  NOT_VIA_REGIOKANTOOR:
    'Rapportages moeten via de mailbox van {regio} gaan. Zet {mailbox} in de Cc of Bcc, of verstuur vanuit die mailbox.',
  CLIENT_UNKNOWN:
    'Het is niet duidelijk over welke cliënt deze rapportage gaat. Kies de cliënt of zet het cliëntnummer (zoals C-1042) in het onderwerp.',
  'CLIENT_UNKNOWN.notInRecords':
    'Cliënt {client} staat niet in het cliëntenbestand. Controleer het cliëntnummer of vraag de beheerder de cliënt toe te voegen.',
  'CLIENT_UNKNOWN.several':
    'Deze mail noemt meer dan één cliënt ({client}). Stuur per cliënt een aparte mail, of kies de juiste cliënt.',
  APPROVAL_MISSING:
    'Cliënt {client} heeft {file} nog niet goedgekeurd. Stuur het rapport eerst alleen naar de cliënt ter goedkeuring, of kies een uitzonderingsgrond.',
  APPROVAL_STALE:
    '{file} is niet de versie die cliënt {client} op {approvedAt} heeft goedgekeurd. De cliënt moet deze nieuwe versie eerst zien en goedkeuren, of voeg de goedgekeurde versie toe.',
  'APPROVAL_STALE.named':
    '{file} is niet de versie die cliënt {client} op {approvedAt} heeft goedgekeurd ({approvedFile}). De cliënt moet deze nieuwe versie eerst zien en goedkeuren, of voeg de goedgekeurde versie toe.',
  EXCEPTION_GROUND_USED:
    'U verstuurt dit zonder goedkeuring van cliënt {client}, op grond van {ground}. Laat de cliënt weten dat u dit gedeeld heeft.',
  PROGRESS_INFO:
    'Dit is korte voortgangsinformatie zonder goedkeuring van cliënt {client}. Vertel de cliënt mondeling wat u gedeeld heeft.',
  HEALTH_CONSENT_MISSING:
    'Deze mail bevat gezondheidsgegevens ({terms}), maar cliënt {client} heeft geen geldige schriftelijke toestemming. Haal deze gegevens weg of leg eerst schriftelijke toestemming vast.',
  'HEALTH_CONSENT_MISSING.declared':
    'U geeft aan dat deze mail gezondheidsgegevens bevat, maar cliënt {client} heeft geen geldige schriftelijke toestemming. Haal deze gegevens weg of leg eerst schriftelijke toestemming vast.',
  'HEALTH_CONSENT_MISSING.medicalRequest':
    'U vraagt {address} om medische informatie over cliënt {client}, maar de cliënt heeft geen geldige schriftelijke toestemming. Leg eerst de ondertekende toestemming vast.',
  'HEALTH_CONSENT_MISSING.medical':
    'Deze mail aan {address} bevat gezondheidsgegevens ({terms}), maar cliënt {client} heeft geen geldige schriftelijke toestemming. Leg eerst de ondertekende toestemming vast.',
  'HEALTH_CONSENT_MISSING.medicalNoClient':
    'Deze mail aan {address} vraagt om of bevat gezondheidsgegevens, maar het is niet duidelijk over welke cliënt. Zet het cliëntnummer (zoals C-1042) in het onderwerp.',
  PROFILE_CONSENT_MISSING:
    '{file} is een cv of profiel en cliënt {client} heeft geen uitdrukkelijke toestemming gegeven om het te delen. Leg eerst de toestemming vast of haal de bijlage weg.',
  PROFILE_NOT_ANONYMISED:
    'Cliënt {client} geeft alleen toestemming voor een geanonimiseerd cv, maar {file} noemt de cliënt. Haal naam en contactgegevens weg.',
  'PROFILE_NOT_ANONYMISED.unreadable':
    'Cliënt {client} geeft alleen toestemming voor een geanonimiseerd cv, en van {file} kan niet worden nagegaan dat het geanonimiseerd is. Voeg een leesbare geanonimiseerde versie toe.',
  HEALTH_DATA_DECLARED_ABSENT:
    'U geeft aan dat er geen gezondheidsgegevens in staan, terwijl er "{terms}" gevonden is. Uw toelichting wordt vastgelegd; controleer het nog één keer.',
  HEALTH_DATA_IN_BODY:
    'De tekst van deze mail bevat gezondheidsgegevens ({terms}) en gaat naar {address}, die niet op de lijst staat. Haal die gegevens uit de mail als ze niet nodig zijn.',
  'HEALTH_DATA_IN_BODY.declared':
    'De tekst van deze mail bevat volgens u gezondheidsgegevens en gaat naar {address}, die niet op de lijst staat. Haal die gegevens uit de mail als ze niet nodig zijn.',
  ATTACHMENT_CONVERTED: '{file} wordt vóór verzending omgezet naar een beveiligde PDF.',
  'ATTACHMENT_CONVERTED.placeholder':
    '{file} wordt vóór verzending omgezet naar een beveiligde PDF; {count} afbeelding(en) kunnen niet worden weergegeven en staan er als grijs vak in ({detail}). Controleer of het rapport zo volledig is.',
  'ATTACHMENT_CONVERTED.trackedChanges':
    '{file} wordt vóór verzending omgezet naar een beveiligde PDF. Het bevat bijgehouden wijzigingen: de PDF toont ze als geaccepteerd (toevoegingen staan erin, verwijderde tekst niet), zoals Word zonder markeringen afdrukt.',
  'ATTACHMENT_CONVERTED.placeholderTrackedChanges':
    '{file} wordt vóór verzending omgezet naar een beveiligde PDF; {count} afbeelding(en) kunnen niet worden weergegeven en staan er als grijs vak in ({detail}). Bijgehouden wijzigingen staan erin als geaccepteerd (verwijderde tekst niet). Controleer of het rapport zo volledig is.',
  PDF_FLATTENED: '{file} wordt vóór verzending platgemaakt: formuliervelden, opmerkingen en verborgen inhoud gaan eruit.',
  ATTACHMENT_UNREADABLE:
    '{file} kan niet gecontroleerd worden ({reason}). Sla het bestand opnieuw op als PDF en voeg het opnieuw toe.',
  'ATTACHMENT_UNREADABLE.encrypted':
    '{file} is beveiligd met een wachtwoord en kan niet gecontroleerd worden. Voeg een versie zonder wachtwoord toe.',
  'ATTACHMENT_UNREADABLE.corrupt':
    '{file} is beschadigd of onleesbaar. Sla het bestand opnieuw op en voeg het opnieuw toe.',
  'ATTACHMENT_UNREADABLE.tooLarge':
    '{file} is groter dan {limitMB} MB. Maak het bestand kleiner of deel het op een andere veilige manier.',
  ATTACHMENT_UNSUPPORTED:
    '{file} is een bestandstype dat niet naar PDF kan. Sla het op als PDF of Word-document en voeg het opnieuw toe.',
  RECORDS_STALE:
    'De cliëntgegevens uit het cliëntsysteem zijn voor het laatst op {fetchedAt} opgehaald, langer dan {hours} uur geleden; rapportages gaan pas weer weg als ze opnieuw zijn opgehaald.',
  'RECORDS_STALE.never':
    'De cliëntgegevens uit het cliëntsysteem zijn nog niet opgehaald; rapportages gaan pas weg als dat gelukt is. Meld het bij de beheerder als dit zo blijft.',
  ATTACHMENT_INLINE:
    'In de tekst van de mail staat een afbeelding ({file}). Die gaat als bijlage mee maar kan niet als vlakke PDF verstuurd worden. Haal de afbeelding uit de tekst en voeg haar als bijlage toe.',
  CHECK_FAILED:
    'De controle is mislukt ({reason}). Verstuur de mail nog niet; probeer het opnieuw of meld het bij de beheerder.',

  'ground.contract': 'een overeenkomst',
  'ground.legal-obligation': 'een wettelijke plicht',
  'ground.vital-interest': 'een vitaal belang',
  'ground.legitimate-interest': 'een gerechtvaardigd belang',

  'reason.encrypted': 'beveiligd met een wachtwoord',
  'reason.corrupt': 'beschadigd',
  'reason.too-large': 'te groot',
  'reason.zip-bomb': 'verdacht sterk ingepakt',
  'reason.too-many-pages': 'te veel pagina’s',
  'reason.timeout': 'het controleren duurde te lang',
  'reason.unsupported': 'bestandstype niet ondersteund',
  'reason.conversion-failed': 'omzetten naar PDF mislukt',
  'reason.unreadable': 'onleesbaar',
} as const;

export type FindingsKey = keyof typeof findings;
