// Date and time fields as LibreOffice prints them: computed when the document is converted, not
// the result the writer cached when it last saved (Word's SAVEDATE shows the save before last
// until a field update; LibreOffice updates it when it loads the file).
// - DOCX: DATE / TIME are the moment of conversion; SAVEDATE / CREATEDATE / PRINTDATE the
//   document's dates from docProps/core.xml (dcterms:modified, dcterms:created, cp:lastPrinted),
//   in the field's `\@` picture ("MMMM d, yyyy"), month and day names in the field's language.
// - ODT: text:date / text:time not fixed are the moment of conversion; text:creation-date,
//   text:modification-date, text:print-date (and their -time) the dates of meta.xml
//   (meta:creation-date, dc:date, meta:print-date), in the field's number:date-style.
// A field its writer locked (w:fldLock, text:fixed="true") keeps its stored text, as a field
// whose date the file does not give does.

import type { XmlElement } from './xml.ts';
import { kids } from './xml.ts';

/** The dates a document's metadata gives. */
export interface DocDates {
  created?: Date;
  modified?: Date;
  printed?: Date;
}

/** What date fields are computed from: the document's dates and the moment of conversion. */
export interface FieldDates extends DocDates {
  now: Date;
}

/** A W3C date-time as metadata writes it ("2023-11-24T13:12:00Z", "2021-03-04T09:15:00.5"); undefined when absent or not one (Word writes 1601 or 0000 for "never printed"). */
export function parseDocDate(text: string | undefined): Date | undefined {
  const s = text?.trim();
  if (!s || !/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const d = new Date(s);
  const year = d.getFullYear();
  return Number.isFinite(d.getTime()) && year > 1700 && year < 10000 ? d : undefined;
}

const textOf = (e: XmlElement): string => e.children.map((c) => (typeof c === 'string' ? c : '')).join('');
const isLong = (e: XmlElement): boolean => e.attrs.style === 'long';

/** The dates of a metadata part's elements (docProps/core.xml, meta.xml's office:meta), by their local names. */
export function metadataDates(root: XmlElement | undefined, names: { created: string; modified: string; printed: string }): DocDates {
  const out: DocDates = {};
  if (!root) return out;
  const visit = (e: XmlElement, depth: number): void => {
    if (depth > 3) return;
    for (const c of kids(e)) {
      const d = c.local === names.created || c.local === names.modified || c.local === names.printed ? parseDocDate(textOf(c)) : undefined;
      if (d && c.local === names.created) out.created ??= d;
      else if (d && c.local === names.modified) out.modified ??= d;
      else if (d && c.local === names.printed) out.printed ??= d;
      else visit(c, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

interface Names {
  months: string[];
  days: string[]; // Sunday first
  shortMonths?: string[];
  shortDays?: string[];
  /** The language's short date in a Word picture, used when a DATE field gives none. */
  date: string;
  time: string;
}

const NAMES: Record<string, Names> = {
  en: {
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    date: 'M/d/yyyy',
    time: 'h:mm AM/PM',
  },
  nl: {
    months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
    days: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
    shortMonths: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
    shortDays: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
    date: 'd-M-yyyy',
    time: 'HH:mm',
  },
  de: {
    months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
    days: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
    shortDays: ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'],
    date: 'dd.MM.yyyy',
    time: 'HH:mm',
  },
  fr: {
    months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    days: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    date: 'dd/MM/yyyy',
    time: 'HH:mm',
  },
  es: {
    months: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
    days: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
    date: 'dd/MM/yyyy',
    time: 'H:mm',
  },
  it: {
    months: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
    days: ['domenica', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato'],
    date: 'dd/MM/yyyy',
    time: 'HH:mm',
  },
  pt: {
    months: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
    days: ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'],
    date: 'dd/MM/yyyy',
    time: 'HH:mm',
  },
  et: {
    months: ['jaanuar', 'veebruar', 'märts', 'aprill', 'mai', 'juuni', 'juuli', 'august', 'september', 'oktoober', 'november', 'detsember'],
    days: ['pühapäev', 'esmaspäev', 'teisipäev', 'kolmapäev', 'neljapäev', 'reede', 'laupäev'],
    date: 'd.MM.yyyy',
    time: 'H:mm',
  },
};

/** The names of a language tag ("et-EE", "nl", "en_US"); English for one not listed. */
function namesOf(lang: string | undefined): Names {
  const base = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return NAMES[base] ?? (NAMES.en as Names);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function monthName(names: Names, month: number, short: boolean): string {
  const long = names.months[month] as string;
  return short ? (names.shortMonths?.[month] ?? long.slice(0, 3)) : long;
}

function dayName(names: Names, day: number, short: boolean): string {
  const long = names.days[day] as string;
  return short ? (names.shortDays?.[day] ?? long.slice(0, 3)) : long;
}

/**
 * A date in a Word date-time picture (the `\@` switch): d dd ddd dddd, M MM MMM MMMM, yy yyyy,
 * h hh (12-hour) H HH, m mm, s ss, AM/PM am/pm A/P a/p; text in 'quotes' and \-escaped
 * characters as they are; anything else as it is.
 */
export function formatWordDate(date: Date, picture: string, lang?: string): string {
  const names = namesOf(lang);
  let out = '';
  let i = 0;
  const hours = date.getHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  while (i < picture.length) {
    const ch = picture[i] as string;
    if (ch === "'") {
      const end = picture.indexOf("'", i + 1);
      out += end < 0 ? picture.slice(i + 1) : picture.slice(i + 1, end);
      i = end < 0 ? picture.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      out += picture[i + 1] ?? '';
      i += 2;
      continue;
    }
    const ampm = /^(AM\/PM|am\/pm|A\/P|a\/p)/.exec(picture.slice(i));
    if (ampm) {
      const pm = hours >= 12;
      const word = ampm[1] as string;
      out += word.length === 5 ? (word === 'AM/PM' ? (pm ? 'PM' : 'AM') : pm ? 'pm' : 'am') : word === 'A/P' ? (pm ? 'P' : 'A') : pm ? 'p' : 'a';
      i += word.length;
      continue;
    }
    let n = 1;
    while (picture[i + n] === ch) n++;
    switch (ch) {
      case 'd':
      case 'D':
        out += n >= 4 ? dayName(names, date.getDay(), false) : n === 3 ? dayName(names, date.getDay(), true) : pad(date.getDate(), n);
        break;
      case 'M':
        out += n >= 4 ? monthName(names, date.getMonth(), false) : n === 3 ? monthName(names, date.getMonth(), true) : pad(date.getMonth() + 1, n);
        break;
      case 'y':
      case 'Y':
        out += n <= 2 ? pad(date.getFullYear() % 100, 2) : String(date.getFullYear());
        break;
      case 'h':
        out += pad(twelve, Math.min(n, 2));
        break;
      case 'H':
        out += pad(hours, Math.min(n, 2));
        break;
      case 'm':
        out += pad(date.getMinutes(), Math.min(n, 2));
        break;
      case 's':
      case 'S':
        out += pad(date.getSeconds(), Math.min(n, 2));
        break;
      default:
        out += ch.repeat(n);
    }
    i += n;
  }
  return out;
}

/** The `\@` picture of a field instruction (quoted or one word), undefined when it gives none. */
function datePicture(instr: string): string | undefined {
  const m = /\\@\s*(?:"((?:[^"\\]|\\.)*)"|(\S+))/.exec(instr);
  if (!m) return undefined;
  return m[1] ?? m[2];
}

/**
 * The text of a DOCX date field (DATE, TIME, SAVEDATE, CREATEDATE, PRINTDATE) as LibreOffice
 * prints it, or undefined: not a date field, or a document date the file does not give (its
 * cached result stays). `lang` is the field's language (w:lang), for month and day names.
 */
export function wordDateField(instr: string, dates: FieldDates, lang?: string): string | undefined {
  const word = instr.trim().split(/\s+/)[0]?.toUpperCase();
  const picture = datePicture(instr);
  const names = namesOf(lang);
  switch (word) {
    case 'DATE':
      return formatWordDate(dates.now, picture ?? names.date, lang);
    case 'TIME':
      return formatWordDate(dates.now, picture ?? names.time, lang);
    case 'SAVEDATE':
    case 'CREATEDATE':
    case 'PRINTDATE': {
      const d = word === 'SAVEDATE' ? dates.modified : word === 'CREATEDATE' ? dates.created : dates.printed;
      // Without a picture Word shows its cached short date; keep it rather than guess the locale's.
      return d && picture !== undefined ? formatWordDate(d, picture, lang) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A date in an ODF number:date-style or number:time-style (its number:day, number:month,
 * number:year, number:day-of-week, number:hours, number:minutes, number:seconds, number:am-pm and
 * number:text children); undefined without a style (the field's stored text stays).
 */
export function formatOdfDate(date: Date, style: XmlElement | undefined, lang?: string): string | undefined {
  if (!style) return undefined;
  const names = namesOf(lang);
  let parts = kids(style);
  // number:automatic-order: day, month and year in the language's order (LibreOffice prints a
  // "MMMM D, YYYY" style in Dutch as "24 november 2023"): day first outside English.
  if (style.attrs['automatic-order'] === 'true' && !names.date.startsWith('M')) parts = dayFirst(parts, names);
  let out = '';
  for (const e of parts) {
    switch (e.local) {
      case 'day':
        out += pad(date.getDate(), isLong(e) ? 2 : 1);
        break;
      case 'month':
        out += e.attrs.textual === 'true' ? monthName(names, date.getMonth(), !isLong(e)) : pad(date.getMonth() + 1, isLong(e) ? 2 : 1);
        break;
      case 'year':
        out += isLong(e) ? String(date.getFullYear()) : pad(date.getFullYear() % 100, 2);
        break;
      case 'day-of-week':
        out += dayName(names, date.getDay(), !isLong(e));
        break;
      case 'hours': {
        const twelve = kids(style).some((k) => k.local === 'am-pm');
        const h = twelve ? date.getHours() % 12 || 12 : date.getHours();
        out += pad(h, isLong(e) ? 2 : 1);
        break;
      }
      case 'minutes':
        out += pad(date.getMinutes(), isLong(e) ? 2 : 1);
        break;
      case 'seconds':
        out += pad(date.getSeconds(), isLong(e) ? 2 : 1);
        break;
      case 'am-pm':
        out += date.getHours() >= 12 ? 'PM' : 'AM';
        break;
      case 'text':
        out += textOf(e);
        break;
      default:
        break; // era, quarter, week-of-year: not in reports' date fields
    }
  }
  return out;
}

/**
 * A date style's elements with the day before the month (for languages that write it so): day,
 * month and year separated as the language writes a numeric date, or by spaces with a month
 * name (a full stop after the day in German); a day of the week and the time stay in front and
 * behind. Unchanged when the style lacks a day or a month.
 */
function dayFirst(parts: XmlElement[], names: Names): XmlElement[] {
  const day = parts.find((e) => e.local === 'day');
  const month = parts.find((e) => e.local === 'month');
  const year = parts.find((e) => e.local === 'year');
  if (!day || !month) return parts;
  const text = (t: string): XmlElement => ({ ns: day.ns, local: 'text', attrs: {}, children: [t] });
  const textual = month.attrs.textual === 'true';
  const sep = textual ? ' ' : (/[^dMy]/.exec(names.date)?.[0] ?? '-');
  const afterDay = textual && names.months[0] === 'Januar' ? '. ' : sep;
  const dateOnly = new Set(['day', 'month', 'year', 'text']);
  const first = parts.findIndex((e) => dateOnly.has(e.local) && e.local !== 'text');
  let last = -1;
  parts.forEach((e, i) => {
    if (e.local === 'day' || e.local === 'month' || e.local === 'year') last = i;
  });
  return [...parts.slice(0, first), day, text(afterDay), month, ...(year ? [text(sep), year] : []), ...parts.slice(last + 1)];
}

/** number:date-style and number:time-style elements of style containers, by style:name. */
export function odfDataStyles(roots: Array<XmlElement | undefined>): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  for (const root of roots) {
    for (const container of root ? kids(root) : []) {
      if (container.local !== 'styles' && container.local !== 'automatic-styles') continue;
      for (const s of kids(container)) if ((s.local === 'date-style' || s.local === 'time-style') && s.attrs.name) out.set(s.attrs.name, s);
    }
  }
  return out;
}
