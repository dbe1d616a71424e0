/**
 * exceljs' streaming WorkbookReader with one fix: exceljs decodes every chunk of a sheet's XML on its own
 * (utils/parse-sax.js → TextDecoder.decode(chunk)), so a Chinese character split across two chunks turns into
 * U+FFFD — a name or a code-set label silently corrupted at random rows of a large sheet. This module loads a
 * private copy of the reader whose SAX feed uses a streaming decoder (one per XML stream), leaving the exceljs
 * module everyone else imports untouched. Remove it once exceljs decodes with { stream: true } itself.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

const require = createRequire(import.meta.url);
const excelRequire = createRequire(require.resolve('exceljs'));

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

interface SaxesParserLike {
  on(event: 'opentag' | 'text' | 'closetag' | 'error', handler: (value: unknown) => void): void;
  write(chunk: string): void;
  close(): void;
}

const { SaxesParser } = excelRequire('saxes') as { SaxesParser: new () => SaxesParserLike };

/** exceljs' parse-sax, with a streaming UTF-8 decoder per parsed stream. */
async function* parseSaxStreaming(iterable: AsyncIterable<Buffer | string>): AsyncGenerator<SaxEvent[]> {
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: unknown;
  let events: SaxEvent[] = [];
  parser.on('error', (err) => {
    error = err;
  });
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) parser.write(rest);
  if (error) throw error;
  if (events.length > 0) yield events;
}

function loadFixedWorkbookReader(): typeof ExcelJS.stream.xlsx.WorkbookReader {
  const paths = ['utils/parse-sax.js', 'stream/xlsx/worksheet-reader.js', 'stream/xlsx/workbook-reader.js'].map((p) =>
    excelRequire.resolve(`exceljs/lib/${p}`),
  );
  const [parseSaxPath, worksheetReaderPath, workbookReaderPath] = paths;
  const saved = paths.map((p) => require.cache[p]);
  try {
    require.cache[parseSaxPath] = {
      id: parseSaxPath,
      filename: parseSaxPath,
      loaded: true,
      exports: parseSaxStreaming,
    } as unknown as NodeJS.Module;
    delete require.cache[worksheetReaderPath];
    delete require.cache[workbookReaderPath];
    return excelRequire(workbookReaderPath);
  } finally {
    // Everyone else keeps exceljs' own modules.
    paths.forEach((p, i) => {
      const entry = saved[i];
      if (entry) require.cache[p] = entry;
      else delete require.cache[p];
    });
  }
}

/** Streaming .xlsx reader (same API as ExcelJS.stream.xlsx.WorkbookReader) that keeps multi-byte text intact. */
export const XlsxStreamReader = loadFixedWorkbookReader();
