import iconv from "iconv-lite";

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
  const utf8 = strictUtf8(buffer);
  if (utf8 !== null) return { text: utf8, encoding: "utf-8" };
  // Mostly UTF-8 with a stray bad byte (a truncated character pasted into one article): the
  // text is UTF-8 and that byte becomes U+FFFD. Re-reading the whole feed as Windows-1252
  // would turn every accent of every article into mojibake ("Ã©") and rewrite them all.
  // A legacy multi-byte charset declared (GB18030, Shift_JIS…) needs stronger evidence: its
  // pairs of high bytes are now and then well-formed UTF-8 by chance.
  const declared = [charsetOf(contentType), xmlDeclaredEncoding(buffer)]
    .map((label) => (label ? normalizeLabel(label) : null))
    .find((e): e is string => !!e && e !== "utf-8" && iconv.encodingExists(e));
  const { valid, invalid } = utf8Evidence(buffer);
  if (valid > invalid * (declared ? 20 : 1)) {
    return { text: new TextDecoder("utf-8").decode(buffer), encoding: "utf-8" };
  }
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

function strictUtf8(b: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return null;
  }
}

/**
 * How many well-formed multi-byte UTF-8 sequences the bytes hold, and how many bytes cannot be
 * UTF-8. Accented French in Windows-1252 has almost no well-formed sequences (an accented
 * capital followed by exactly the right continuation bytes); real UTF-8 has one per accent.
 */
export function utf8Evidence(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < b.length; ) {
    const lead = b[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    let ok = length > 0 && i + length <= b.length;
    for (let k = 1; ok && k < length; k++) ok = ((b[i + k] ?? 0) & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
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
