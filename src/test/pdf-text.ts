import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// Reads back the text of a PDF Relais produced, as a person's PDF reader would show it.
export interface PdfText {
  /** Each page's text, whitespace (no-break spaces included) collapsed to single spaces. */
  pages: string[];
  /** Every drawn line with its horizontal extent, to check nothing runs off the page. */
  lines: Array<{ text: string; left: number; right: number }>;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  // pdfjs takes ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const result: PdfText = { pages: [], lines: [] };
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      const parts: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        parts.push(item.str);
        const left = item.transform[4] as number;
        if (item.str !== '') result.lines.push({ text: item.str, left, right: left + item.width });
      }
      result.pages.push(parts.join(' ').replace(/\s+/g, ' ').trim());
    }
    return result;
  } finally {
    await doc.destroy();
  }
}

