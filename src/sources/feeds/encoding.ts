import iconv from "iconv-lite";
import { repairMojibake } from "../../lib/mojibake.ts";
import { decodeMostlyUtf8 } from "../../lib/mostly-utf8.ts";

/**
 * Feeds lie about their encoding (a server header saying ISO-8859-1 in front of a UTF-8
 * document, a declaration left at ISO-8859-1 after a migration), so the bytes decide first:
 * a byte-order mark wins; text that is valid UTF-8 is UTF-8 (accented French in Latin-1 is
 * essentially never valid UTF-8), and so is text that is mostly valid UTF-8; otherwise the
 * HTTP charset, then the XML declaration, then Windows-1252. ISO-8859-1 is read as Windows-1252, as browsers do: feeds labelled Latin-1
 * routinely carry Windows-1252 curly quotes, dashes and the euro sign.
 */
export function decodeFeedBytes(
  bytes: Uint8Array,
  contentType: string | null,
): { text: string; encoding: string } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = sniffBom(buffer);
  if (bom) return { text: iconv.decode(buffer, bom, { stripBOM: true }), encoding: bom };
  const utf16 = sniffUtf16(buffer);
  if (utf16) return { text: iconv.decode(buffer, utf16), encoding: utf16 };
  // Valid or mostly valid UTF-8 is UTF-8 (the rule files share, lib/mostly-utf8.ts); a legacy
  // multi-byte charset declared needs stronger evidence.
  const declared = [charsetOf(contentType), xmlDeclaredEncoding(buffer)]
    .map((label) => (label ? normalizeLabel(label) : null))
    .find((e): e is string => !!e && e !== "utf-8" && iconv.encodingExists(e));
  const utf8 = decodeMostlyUtf8(buffer, declared ? 20 : 1);
  // A feed whose text was double-encoded upstream (« Ã© »): read back.
  if (utf8 !== null) return { text: repairMojibake(utf8), encoding: "utf-8" };
  if (declared) return { text: iconv.decode(buffer, declared), encoding: declared };
  return { text: iconv.decode(buffer, "windows-1252"), encoding: "windows-1252" };
}

function sniffBom(b: Buffer): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return null;
}

/** `<?` written in UTF-16 without a byte-order mark. */
function sniffUtf16(b: Buffer): string | null {
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) return "utf-16le";
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) return "utf-16be";
  return null;
}

/** The `charset=` of a Content-Type header, if any. */
export function charsetOf(contentType: string | null): string | null {
  const match = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return match?.[1] ?? null;
}

function xmlDeclaredEncoding(b: Buffer): string | null {
  const head = b.subarray(0, 256).toString("latin1");
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return match?.[1] ?? null;
}

// What browsers decode these labels as (WHATWG Encoding): the superset each site really uses.
const supersets: Record<string, string> = {
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  latin1: "windows-1252",
  "latin-1": "windows-1252",
  l1: "windows-1252",
  cp819: "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "iso-8859-9": "windows-1254",
  latin5: "windows-1254",
  "tis-620": "windows-874",
  "iso-8859-11": "windows-874",
  gb2312: "gb18030",
  gbk: "gb18030",
  "x-gbk": "gb18030",
  "euc-kr": "cp949",
  "ks_c_5601-1987": "cp949",
  shift_jis: "cp932",
  sjis: "cp932",
  "x-sjis": "cp932",
  big5: "big5hkscs",
};

function normalizeLabel(label: string): string {
  const l = label.trim().toLowerCase();
  if (["utf8", "utf-8", "unicode-1-1-utf-8"].includes(l)) return "utf-8";
  return supersets[l] ?? l;
}
