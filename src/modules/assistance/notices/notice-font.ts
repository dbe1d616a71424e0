import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Chinese font embedded in every notice: Noto Sans Hans (Simplified Chinese Noto Sans CJK, SIL OFL 1.1) from
 * the npm package @embedpdf/fonts-sc, so a fresh install prints Chinese without any system font. pdfkit embeds only
 * the glyphs used (a CID subset with a ToUnicode map), so a one-page notice stays around 60 KB.
 */
export interface NoticeFonts {
  regular: Buffer;
  bold: Buffer;
}

let loading: Promise<NoticeFonts> | undefined;

function fontDirectory(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its index (dist/index.cjs); the fonts sit beside dist/.
  return join(dirname(dirname(require.resolve('@embedpdf/fonts-sc'))), 'fonts');
}

/** Reads the two weights once per process (8 MB each) and keeps them. */
export function loadNoticeFonts(): Promise<NoticeFonts> {
  loading ??= (async () => {
    const dir = fontDirectory();
    const [regular, bold] = await Promise.all([
      readFile(join(dir, 'NotoSansHans-Regular.otf')),
      readFile(join(dir, 'NotoSansHans-Bold.otf')),
    ]);
    return { regular, bold };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
