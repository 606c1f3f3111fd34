import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { Color, PDFFont, PDFPage } from 'pdf-lib';

/**
 * A small document builder over pdf-lib for the letters and documents Relais prints: A4 pages,
 * standard Helvetica (WinAnsi), text flowing down the pages with wrapping and page breaks that
 * never strand a heading or a single line, boxed sections, key/value lines, bullet lists, a header
 * line and "Page i / n" footers. No creation date is written, so the same input gives the same bytes.
 *
 * Every string drawn must first go through `inline` or `block`: text typed by people may hold
 * characters WinAnsi cannot encode (emoji, other scripts), and pdf-lib throws on them.
 */

// ---------------------------------------------------------------------------------------------
// Geometry, colours, styles

export const A4 = { width: 595.28, height: 841.89 } as const; // PostScript points

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export const DEFAULT_MARGINS: Margins = { top: 48, bottom: 62, left: 64, right: 64 };

export const INK = rgb(0.1, 0.1, 0.1);
export const MUTED = rgb(0.3, 0.3, 0.3);
export const ACCENT = rgb(0.11, 0.27, 0.46);
export const BOX_FILL = rgb(0.94, 0.96, 0.99);
export const HIGHLIGHT_FILL = rgb(0.85, 0.91, 0.97);
export const WARNING = rgb(0.66, 0.12, 0.08);
export const WARNING_FILL = rgb(0.99, 0.93, 0.91);

export const PARAGRAPH_GAP = 6;
export const SECTION_GAP = 11;

export interface TextStyle {
  font: PDFFont;
  size: number;
  lineHeight: number;
  color: Color;
}

export interface DocumentStyles {
  title: TextStyle;
  orgName: TextStyle;
  small: TextStyle;
  smallBold: TextStyle;
  body: TextStyle;
  bodyBold: TextStyle;
  /** Oblique when the document asked for it, upright otherwise. */
  bodyItalic: TextStyle;
  heading: TextStyle;
  subheading: TextStyle;
  boxText: TextStyle;
  boxNumber: TextStyle;
  header: TextStyle;
  headerMark: TextStyle;
  footer: TextStyle;
}

function makeStyles(regular: PDFFont, bold: PDFFont, italic: PDFFont): DocumentStyles {
  return {
    title: { font: bold, size: 17, lineHeight: 22, color: ACCENT },
    orgName: { font: bold, size: 15, lineHeight: 19, color: ACCENT },
    small: { font: regular, size: 9.5, lineHeight: 12.5, color: MUTED },
    smallBold: { font: bold, size: 9.5, lineHeight: 12.5, color: INK },
    body: { font: regular, size: 10.5, lineHeight: 14.2, color: INK },
    bodyBold: { font: bold, size: 10.5, lineHeight: 14.2, color: INK },
    bodyItalic: { font: italic, size: 10.5, lineHeight: 14.2, color: INK },
    heading: { font: bold, size: 11, lineHeight: 16, color: ACCENT },
    subheading: { font: bold, size: 10.5, lineHeight: 15, color: ACCENT },
    boxText: { font: regular, size: 10, lineHeight: 13.5, color: INK },
    boxNumber: { font: bold, size: 10.5, lineHeight: 13.5, color: INK },
    header: { font: regular, size: 8.5, lineHeight: 11, color: MUTED },
    headerMark: { font: bold, size: 8.5, lineHeight: 11, color: WARNING },
    footer: { font: regular, size: 9, lineHeight: 12, color: MUTED },
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring and wrapping

const glyphWidths = new WeakMap<PDFFont, Map<string, number>>();

/**
 * Width of a line as drawText renders it. pdf-lib's widthOfTextAtSize applies kerning that
 * drawText does not, so summing single glyphs is the width actually printed.
 */
export function measure(text: string, font: PDFFont, size: number): number {
  let widths = glyphWidths.get(font);
  if (!widths) {
    widths = new Map();
    glyphWidths.set(font, widths);
  }
  let total = 0;
  for (const ch of text) {
    let w = widths.get(ch);
    if (w === undefined) {
      w = font.widthOfTextAtSize(ch, 1000);
      widths.set(ch, w);
    }
    total += w;
  }
  return (total * size) / 1000;
}

/** Greedy word wrap on ordinary spaces (a no-break space holds its words together); a word wider than the line is cut. */
export function wrapLine(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const space = measure(' ', font, size);
  let current = '';
  let currentWidth = 0;
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const wordWidth = measure(word, font, size);
    if (current !== '' && currentWidth + space + wordWidth <= maxWidth) {
      current += ` ${word}`;
      currentWidth += space + wordWidth;
      continue;
    }
    if (current !== '') lines.push(current);
    if (wordWidth <= maxWidth) {
      current = word;
      currentWidth = wordWidth;
      continue;
    }
    // A word longer than the line (a URL, a pasted string): cut it where it reaches the margin.
    current = '';
    currentWidth = 0;
    for (const ch of word) {
      const w = measure(ch, font, size);
      if (current !== '' && currentWidth + w > maxWidth) {
        lines.push(current);
        current = '';
        currentWidth = 0;
      }
      current += ch;
      currentWidth += w;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * Splits text typed by people into paragraphs (separated by blank lines), each a list of the
 * lines the author broke by hand.
 */
export function toParagraphs(text: string): string[][] {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.replace(/ {2,}/g, ' ').trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
}

/** Distance from the top of a line box to the baseline of its text. */
export function baselineOffset(style: TextStyle): number {
  return (style.lineHeight - style.size) / 2 + style.size * 0.8;
}

/** Draws a line of text whose line box has its top at `top`. */
export function drawAt(page: PDFPage, text: string, style: TextStyle, x: number, top: number): void {
  if (text === '') return;
  page.drawText(text, { x, y: top - baselineOffset(style), size: style.size, font: style.font, color: style.color });
}

// ---------------------------------------------------------------------------------------------
// Characters: keep what WinAnsi can print, degrade the rest without failing

/** Letters with no Unicode decomposition that people still write in names. */
const LATIN_FALLBACK: Record<string, string> = {
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ı: 'i', ŧ: 't', Ŧ: 'T', ĸ: 'k', ŀ: 'l', Ŀ: 'L',
};

const PUNCTUATION_FALLBACK: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '–', '\u2015': '—', '\u2212': '-', '\u2043': '-',
  '\u2032': '’', '\u2033': '"', '\u201B': '’', '\u201F': '”', '\u2024': '.', '\u2044': '/',
  '\u2027': '·', '\u2219': '·', '\u2192': '->', '\u2190': '<-', '\u21D2': '=>', '\u2264': '<=', '\u2265': '>=',
  '\u2260': '!=', '\u2248': '~',
};

const SPACES = /[\t\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const DROPPED = /[\p{M}\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\uFE00-\uFE0F]/u;

/** A filter to the characters a font can encode; line breaks are kept. */
export function makeSanitizer(encodable: ReadonlySet<number>): (text: string) => string {
  const canEncode = (s: string): boolean => {
    for (const ch of s) if (!encodable.has(ch.codePointAt(0) ?? -1)) return false;
    return true;
  };
  return (text: string): string => {
    const normalized = text
      .normalize('NFC')
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .replace(SPACES, ' ')
      .replace(/\u00AD/g, ''); // a soft hyphen would print as a visible hyphen mid-word
    let out = '';
    for (const ch of normalized) {
      if (ch === '\n' || encodable.has(ch.codePointAt(0) ?? -1)) {
        out += ch;
        continue;
      }
      const substitute = PUNCTUATION_FALLBACK[ch] ?? LATIN_FALLBACK[ch];
      if (substitute !== undefined) {
        out += substitute;
        continue;
      }
      // A letter with a diacritic outside Latin-1 (ș, ă, ő…) keeps its base letter.
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      if (base !== '' && base !== ch && canEncode(base)) {
        out += base;
        continue;
      }
      // Emoji, joiners, variation selectors and control characters vanish; any other character
      // (another script) is shown as "?" so the reader sees that something was there.
      if (!DROPPED.test(ch)) out += '?';
    }
    return out;
  };
}

// ---------------------------------------------------------------------------------------------
// Dates as printed in documents

const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A calendar day written YYYY-MM-DD; throws a RangeError on anything else (2026-02-30 included). */
export function parseDay(value: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) return { year, month, day };
  }
  throw new RangeError(`Invalid calendar date (expected YYYY-MM-DD): ${JSON.stringify(value)}`);
}

/** "23 novembre 2026", "1er mars 2026" (French writes the first day of a month as an ordinal). */
export function formatFrenchDate(value: string): string {
  const { year, month, day } = parseDay(value);
  return `${day === 1 ? '1er' : String(day)}\u00A0${FRENCH_MONTHS[month - 1] ?? ''} ${year}`;
}

/** "23 November 2026". */
export function formatEnglishDate(value: string): string {
  const { year, month, day } = parseDay(value);
  return `${day}\u00A0${ENGLISH_MONTHS[month - 1] ?? ''} ${year}`;
}

export function formatDate(value: string, locale: 'fr' | 'en'): string {
  return locale === 'en' ? formatEnglishDate(value) : formatFrenchDate(value);
}

// ---------------------------------------------------------------------------------------------
// The builder

export interface DocumentInfo {
  title: string;
  locale: 'fr' | 'en';
  author: string;
}

export interface BuilderOptions {
  margins?: Margins;
  /** Embeds Helvetica-Oblique for `styles.bodyItalic` (an unused font would still be written). */
  italic?: boolean;
}

/** A table inside a box: the last column takes the width the others leave. */
export interface BoxTable {
  columns: Array<{ width?: number; style: TextStyle }>;
  rows: Array<{ cells: string[]; highlight?: boolean }>;
  rowGap?: number;
  /** Space between columns. */
  columnGap?: number;
}

export interface BoxSection {
  title?: string;
  paragraphs?: string[];
  table?: BoxTable;
  titleStyle?: TextStyle;
  textStyle?: TextStyle;
  padding?: number;
  fill?: Color;
  border?: Color;
  /** Left edge of the box; it runs to the right margin. */
  x?: number;
}

export interface KeyValueOptions {
  labelWidth?: number;
  labelStyle?: TextStyle;
  valueStyle?: TextStyle;
}

export interface HeaderLine {
  text: string;
  /** Shown at the right in the warning colour (a draft's marking, for instance). */
  mark?: string | null;
}

export interface FooterLine {
  /** Which document the page belongs to (a reference, a version). */
  reference: string;
  pageLabel: (index: number, count: number) => string;
  /** Footers appear only from this many pages on (a one-page letter needs none). */
  minPages?: number;
}

export class PdfDocumentBuilder {
  readonly pages: PDFPage[] = [];
  readonly styles: DocumentStyles;
  readonly margins: Margins;
  readonly pageWidth = A4.width;
  readonly pageHeight = A4.height;
  readonly contentWidth: number;
  /** Top of the next line box on the current page. */
  y: number;
  private current: PDFPage | null = null;
  private readonly sanitize: (text: string) => string;

  private constructor(
    private readonly doc: PDFDocument,
    regular: PDFFont,
    bold: PDFFont,
    italic: PDFFont,
    margins: Margins,
  ) {
    this.margins = margins;
    this.contentWidth = A4.width - margins.left - margins.right;
    this.styles = makeStyles(regular, bold, italic);
    this.sanitize = makeSanitizer(new Set(regular.getCharacterSet()));
    this.y = A4.height - margins.top;
  }

  static async create(options: BuilderOptions = {}): Promise<PdfDocumentBuilder> {
    // No creation or modification date: the output depends only on what is drawn.
    const doc = await PDFDocument.create({ updateMetadata: false });
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    const italic = options.italic ? await doc.embedFont(StandardFonts.HelveticaOblique) : regular;
    return new PdfDocumentBuilder(doc, regular, bold, italic, options.margins ?? DEFAULT_MARGINS);
  }

  /** Sets the title, language and author a PDF reader shows. Call it before drawing. */
  describe(info: DocumentInfo): void {
    this.doc.setTitle(this.sanitize(info.title), { showInWindowTitleBar: true });
    this.doc.setLanguage(info.locale === 'en' ? 'en-GB' : 'fr-FR');
    this.doc.setAuthor(this.sanitize(info.author));
    this.doc.setCreator('Relais');
    this.doc.setProducer('Relais (pdf-lib)');
  }

  // ——— Text cleaning ———

  /** One line of text: printable characters only, runs of whitespace as one space. */
  inline(text: string | null | undefined): string {
    return this.sanitize(text ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** Text that keeps its line breaks (an address, paragraphs typed by the team). */
  block(text: string | null | undefined): string {
    return this.sanitize(text ?? '').trim();
  }

  // ——— Measures ———

  get left(): number {
    return this.margins.left;
  }

  get right(): number {
    return this.pageWidth - this.margins.right;
  }

  /** The current page; the first one is made on the first drawing. */
  get page(): PDFPage {
    return this.current ?? this.addPage();
  }

  /** Height a page offers between its margins. */
  get pageContentHeight(): number {
    return this.pageHeight - this.margins.top - this.margins.bottom;
  }

  wrap(text: string, style: TextStyle, width: number): string[] {
    return wrapLine(text, style.font, style.size, width);
  }

  width(text: string, style: TextStyle): number {
    return measure(text, style.font, style.size);
  }

  /** Height of a wrapped paragraph. */
  heightOf(text: string, style: TextStyle, width = this.contentWidth): number {
    return this.wrap(text, style, width).length * style.lineHeight;
  }

  // ——— Flow ———

  private addPage(): PDFPage {
    const page = this.doc.addPage([this.pageWidth, this.pageHeight]);
    this.pages.push(page);
    this.current = page;
    this.y = this.pageHeight - this.margins.top;
    return page;
  }

  /** Starts a new page unless `height` points fit above the bottom margin. */
  ensure(height: number): void {
    if (!this.current || this.y - height < this.margins.bottom) this.addPage();
  }

  space(height: number): void {
    this.y -= height;
  }

  /** Draws text with its line box's top at `top`, without moving the cursor. */
  drawAt(text: string, style: TextStyle, x: number, top: number): void {
    drawAt(this.page, text, style, x, top);
  }

  /** Draws one line whose box starts at the cursor, and moves the cursor below it. */
  line(text: string, style: TextStyle, x = this.margins.left): void {
    this.ensure(style.lineHeight);
    drawAt(this.page, text, style, x, this.y);
    this.y -= style.lineHeight;
  }

  /**
   * Wraps and draws a paragraph. A page break never leaves a single line of it alone: a short
   * paragraph (up to three lines) moves whole, a longer one keeps two lines on each side.
   */
  paragraph(text: string, style: TextStyle, x = this.margins.left, width = this.contentWidth - (x - this.margins.left)): void {
    this.drawLines(this.wrap(text, style, width), style, x);
  }

  private drawLines(lines: string[], style: TextStyle, x: number): void {
    const count = lines.length;
    this.ensure((count <= 3 ? count : 2) * style.lineHeight);
    lines.forEach((line, index) => {
      if (count > 3 && index === count - 2) this.ensure(2 * style.lineHeight);
      this.line(line, style, x);
    });
  }

  /**
   * Text typed by people: paragraphs separated by a gap, the author's line breaks kept, each
   * line wrapped as a paragraph.
   */
  text(text: string, style = this.styles.body, x = this.margins.left): void {
    toParagraphs(text).forEach((lines, index) => {
      if (index > 0) this.space(PARAGRAPH_GAP);
      for (const line of lines) this.paragraph(line, style, x);
    });
  }

  /** A heading never ends a page alone: it asks for room for itself and `keepWith` points of what follows. */
  heading(text: string, style = this.styles.heading, keepWith = 2 * this.styles.body.lineHeight): void {
    const height = this.heightOf(text, style);
    this.ensure(Math.min(height + keepWith, this.pageContentHeight));
    this.paragraph(text, style);
    this.space(3);
  }

  /** A thin line across the content width at the cursor. */
  rule(color: Color = ACCENT, thickness = 0.75): void {
    this.page.drawLine({ start: { x: this.margins.left, y: this.y }, end: { x: this.right, y: this.y }, thickness, color });
  }

  /**
   * The organization's name, address and contacts at the top of the first page, underlined.
   */
  letterhead(org: { name: string; addressLines: string[]; contacts: string[] }): void {
    const s = this.styles;
    this.paragraph(org.name, s.orgName);
    this.space(2);
    for (const line of org.addressLines) this.paragraph(line, s.small);
    if (org.contacts.length > 0) this.paragraph(org.contacts.join('   ·   '), s.small);
    this.space(8);
    this.rule();
  }

  /**
   * A label and its value side by side ("Référent : Paul Martin"), the value wrapped in its own
   * column. Up to three lines stay together; a longer one keeps two lines on each side of a break.
   */
  keyValue(label: string, value: string, options: KeyValueOptions = {}): void {
    const { labels, values, count, lineHeight, labelStyle, valueStyle, valueX } = this.keyValueLayout(label, value, options);
    const labelShift = baselineOffset(valueStyle) - baselineOffset(labelStyle);
    this.ensure((count <= 3 ? count : 2) * lineHeight);
    for (let index = 0; index < count; index++) {
      if (count > 3 && index === count - 2) this.ensure(2 * lineHeight);
      this.ensure(lineHeight);
      // The label's baseline sits on the value's, whatever their sizes.
      drawAt(this.page, labels[index] ?? '', labelStyle, this.margins.left, this.y - labelShift);
      drawAt(this.page, values[index] ?? '', valueStyle, valueX, this.y);
      this.y -= lineHeight;
    }
  }

  /** Height `keyValue` will take for the same arguments. */
  keyValueHeight(label: string, value: string, options: KeyValueOptions = {}): number {
    const { count, lineHeight } = this.keyValueLayout(label, value, options);
    return count * lineHeight;
  }

  private keyValueLayout(label: string, value: string, options: KeyValueOptions) {
    const labelStyle = options.labelStyle ?? this.styles.small;
    const valueStyle = options.valueStyle ?? this.styles.body;
    const labelWidth = options.labelWidth ?? 150;
    const gap = 8;
    const labels = this.wrap(label, labelStyle, labelWidth);
    const values = this.wrap(value, valueStyle, this.contentWidth - labelWidth - gap);
    return {
      labels,
      values,
      count: Math.max(labels.length, values.length, 1),
      lineHeight: Math.max(labelStyle.lineHeight, valueStyle.lineHeight),
      labelStyle,
      valueStyle,
      valueX: this.margins.left + labelWidth + gap,
    };
  }

  /** A bulleted item: the bullet hangs in the margin of its wrapped lines. */
  bullet(text: string, style = this.styles.body, options: { x?: number; indent?: number; symbol?: string } = {}): void {
    const x = options.x ?? this.margins.left;
    const indent = options.indent ?? 12;
    const lines = this.wrap(text, style, this.right - x - indent);
    const count = lines.length;
    this.ensure((count <= 3 ? count : 2) * style.lineHeight);
    lines.forEach((line, index) => {
      if (count > 3 && index === count - 2) this.ensure(2 * style.lineHeight);
      this.ensure(style.lineHeight);
      if (index === 0) drawAt(this.page, options.symbol ?? '•', style, x, this.y);
      drawAt(this.page, line, style, x + indent, this.y);
      this.y -= style.lineHeight;
    });
  }

  bullets(items: string[], style = this.styles.body, options: { x?: number; indent?: number; gap?: number } = {}): void {
    items.forEach((item, index) => {
      if (index > 0) this.space(options.gap ?? 2);
      this.bullet(item, style, options);
    });
  }

  /**
   * A framed section: an optional title, paragraphs, then a table (the first cell of each row is
   * set on the baseline of the row's text). The box is never split across two pages; one taller
   * than a page is printed unframed so that nothing is lost.
   */
  box(section: BoxSection): void {
    const s = this.styles;
    const titleStyle = section.titleStyle ?? s.heading;
    const textStyle = section.textStyle ?? s.boxText;
    const padding = section.padding ?? 9;
    const boxX = section.x ?? this.margins.left;
    const boxWidth = this.right - boxX;
    const innerWidth = boxWidth - 2 * padding;
    const titleLines = section.title ? this.wrap(section.title, titleStyle, innerWidth) : [];
    const paragraphs = (section.paragraphs ?? []).map((p) => this.wrap(p, textStyle, innerWidth));
    const table = section.table;
    const rowGap = table?.rowGap ?? 3;
    const columns = table ? this.columnLayout(table, innerWidth) : [];
    const rows = (table?.rows ?? []).map((row) => {
      const cells = columns.map((column, index) => this.wrap(row.cells[index] ?? '', column.style, column.width));
      const height = Math.max(...cells.map((lines, index) => lines.length * (columns[index]?.style.lineHeight ?? 0)), textStyle.lineHeight);
      return { cells, height, highlight: row.highlight === true };
    });
    const paragraphGap = 4;
    const lead = paragraphs.reduce((sum, lines) => sum + lines.length * textStyle.lineHeight, 0) + Math.max(0, paragraphs.length - 1) * paragraphGap;
    const rowsHeight = rows.reduce((sum, row) => sum + row.height + rowGap, 0) - (rows.length > 0 ? rowGap : 0);
    const height =
      2 * padding + titleLines.length * titleStyle.lineHeight + lead + (paragraphs.length > 0 && rows.length > 0 ? paragraphGap : 0) + rowsHeight;

    if (height > this.pageContentHeight) {
      this.unframed(section, titleStyle, textStyle, columns);
      return;
    }
    this.ensure(height);
    const page = this.page;
    const top = this.y;
    page.drawRectangle({ x: boxX, y: top - height, width: boxWidth, height, color: section.fill ?? BOX_FILL, borderColor: section.border ?? ACCENT, borderWidth: 1 });
    const x = boxX + padding;
    let y = top - padding;
    for (const line of titleLines) {
      drawAt(page, line, titleStyle, x, y);
      y -= titleStyle.lineHeight;
    }
    paragraphs.forEach((lines, index) => {
      if (index > 0) y -= paragraphGap;
      for (const line of lines) {
        drawAt(page, line, textStyle, x, y);
        y -= textStyle.lineHeight;
      }
    });
    if (paragraphs.length > 0 && rows.length > 0) y -= paragraphGap;
    for (const row of rows) {
      if (row.highlight) {
        page.drawRectangle({ x: boxX + 1, y: y - row.height - rowGap / 2, width: boxWidth - 2, height: row.height + rowGap, color: HIGHLIGHT_FILL });
      }
      row.cells.forEach((lines, index) => {
        const column = columns[index];
        if (!column) return;
        let cellY = y - baselineOffset(textStyle) + baselineOffset(column.style);
        for (const line of lines) {
          drawAt(page, line, column.style, x + column.x, cellY);
          cellY -= column.style.lineHeight;
        }
      });
      y -= row.height + rowGap;
    }
    this.y = top - height;
  }

  private columnLayout(table: BoxTable, innerWidth: number): Array<{ x: number; width: number; style: TextStyle }> {
    const gap = table.columnGap ?? 0;
    const fixed = table.columns.slice(0, -1).reduce((sum, column) => sum + (column.width ?? 0) + gap, 0);
    let x = 0;
    return table.columns.map((column, index) => {
      const width = index === table.columns.length - 1 ? innerWidth - fixed : (column.width ?? 0);
      const layout = { x, width, style: column.style };
      x += width + gap;
      return layout;
    });
  }

  private unframed(section: BoxSection, titleStyle: TextStyle, textStyle: TextStyle, columns: Array<{ x: number; width: number; style: TextStyle }>): void {
    if (section.title) this.heading(section.title, titleStyle);
    for (const paragraph of section.paragraphs ?? []) this.paragraph(paragraph, textStyle);
    for (const row of section.table?.rows ?? []) {
      this.space(section.table?.rowGap ?? 3);
      // Each row becomes one paragraph, its cells joined, so a huge cell still flows across pages.
      const cells = row.cells.filter((cell, index) => cell !== '' && columns[index] !== undefined);
      this.paragraph(cells.join(' — '), row.highlight ? this.styles.bodyBold : textStyle);
    }
  }

  // ——— Page furniture, drawn once every page exists ———

  /** A line at the top of every page: what the document is, and a marking (a draft's) at the right. */
  drawHeaders(header: HeaderLine): void {
    const s = this.styles;
    const top = this.margins.top - 30;
    const mark = header.mark ?? '';
    const markWidth = mark === '' ? 0 : this.width(mark, s.headerMark);
    const textWidth = this.contentWidth - (markWidth > 0 ? markWidth + 16 : 0);
    const text = this.fit(header.text, s.header, textWidth);
    const yTop = this.pageHeight - top;
    for (const page of this.pages) {
      drawAt(page, text, s.header, this.margins.left, yTop);
      if (mark !== '') drawAt(page, mark, s.headerMark, this.right - markWidth, yTop);
      const ruleY = yTop - s.header.lineHeight - 2;
      page.drawLine({ start: { x: this.margins.left, y: ruleY }, end: { x: this.right, y: ruleY }, thickness: 0.5, color: mark === '' ? MUTED : WARNING });
    }
  }

  /** On every page, which document it belongs to at the left and "Page i / n" at the right. */
  drawFooters(footer: FooterLine): void {
    if (this.pages.length < (footer.minPages ?? 1)) return;
    const s = this.styles;
    const top = this.margins.bottom - 30;
    this.pages.forEach((page, index) => {
      const label = footer.pageLabel(index + 1, this.pages.length);
      const labelWidth = this.width(label, s.footer);
      drawAt(page, this.fit(footer.reference, s.footer, this.contentWidth - labelWidth - 16), s.footer, this.margins.left, top);
      drawAt(page, label, s.footer, this.right - labelWidth, top);
    });
  }

  /** The text cut with an ellipsis to fit on one line. */
  private fit(text: string, style: TextStyle, width: number): string {
    if (this.width(text, style) <= width) return text;
    let out = text;
    while (out !== '' && this.width(`${out}…`, style) > width) out = out.slice(0, -1);
    return out === '' ? '' : `${out.trimEnd()}…`;
  }

  async save(): Promise<Uint8Array> {
    if (this.pages.length === 0) this.addPage();
    return this.doc.save();
  }
}
