import iconv from "iconv-lite";
import { ArticleFileError } from "./errors.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * File bytes to text: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else
 * Windows-1252 — the Latin-1 superset older French newsroom tools still write.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const head = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of head) {
    if (b === 0) throw binary(file);
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  if (head.length > 0 && controls / head.length > 0.05) throw binary(file);
  try {
    return utf8.decode(bytes).replace(/^\ufeff/, "");
  } catch {
    return iconv.decode(Buffer.from(bytes), "win1252");
  }
}

function binary(file: string): ArticleFileError {
  return new ArticleFileError(
    file,
    "fichier binaire, pas du texte : exportez l'article en .txt, .html, .md ou .json",
  );
}
