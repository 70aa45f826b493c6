import iconv from "iconv-lite";
import { repairMojibake } from "../../lib/mojibake.ts";
import { decodeMostlyUtf8 } from "../../lib/mostly-utf8.ts";
import { ArticleFileError } from "./errors.ts";

/**
 * File bytes to text: UTF-8 (a BOM is dropped) when the bytes are UTF-8 or mostly so (a stray
 * bad byte becomes U+FFFD: the rule feeds follow, lib/mostly-utf8.ts), else Windows-1252 — the
 * Latin-1 superset older French newsroom tools still write. Text double-encoded on disk
 * (« Ã© » for « é ») is read back (lib/mojibake.ts).
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  refuseBinary(bytes, file);
  const utf8 = decodeMostlyUtf8(bytes);
  // UTF-8 that was once read as Windows-1252 and saved again (« Ã© »): read back.
  return repairMojibake(
    utf8 === null ? iconv.decode(Buffer.from(bytes), "win1252") : utf8.replace(/^\ufeff/, ""),
  );
}

/** A slice of a big file decoded at once: ~2 ms. */
const SLICE_BYTES = 1024 * 1024;

/**
 * `decodeText` for a big file (a 32 MB JSON export), a slice at a time with a turn of the event
 * loop in between: decoding 32 MB at once held the running bot's loop ~60 ms.
 */
export async function decodeTextInSlices(bytes: Uint8Array, file: string): Promise<string> {
  if (bytes.length <= SLICE_BYTES) return decodeText(bytes, file);
  refuseBinary(bytes, file);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const parts: string[] = [];
  try {
    for (let start = 0; start < bytes.length; start += SLICE_BYTES) {
      const end = Math.min(start + SLICE_BYTES, bytes.length);
      const part = decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length });
      parts.push(repairMojibake(part));
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch {
    // Not strictly UTF-8: the rare legacy (or once-damaged) file is decoded at once.
    return decodeText(bytes, file);
  }
  return parts.join("").replace(/^\ufeff/, "");
}

function refuseBinary(bytes: Uint8Array, file: string): void {
  const head = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of head) {
    if (b === 0) throw binary(file);
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  if (head.length > 0 && controls / head.length > 0.05) throw binary(file);
}

function binary(file: string): ArticleFileError {
  return new ArticleFileError(
    file,
    "fichier binaire, pas du texte : exportez l'article en .txt, .html, .md ou .json",
  );
}
