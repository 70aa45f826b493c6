/**
 * The one rule feeds and files share to tell UTF-8 from a legacy charset (Windows-1252 and
 * friends) by the bytes themselves: valid UTF-8 is UTF-8 (accented French in Latin-1 is
 * essentially never valid UTF-8), and so is text that is *mostly* valid UTF-8 — a stray bad
 * byte (a truncated character pasted into one article) becomes U+FFFD. Re-reading the whole
 * text as Windows-1252 because of that one byte turned every accent into mojibake (« Ã© »).
 *
 * `margin`: how many well-formed multi-byte sequences each invalid byte must be outweighed by;
 * 1 by default, more when the source declares a legacy multi-byte charset (GB18030,
 * Shift_JIS…), whose pairs of high bytes are now and then well-formed UTF-8 by chance.
 *
 * @returns the text (byte-order mark dropped), or null: not UTF-8, decode it as the legacy
 * charset the caller knows.
 */
export function decodeMostlyUtf8(bytes: Uint8Array, margin = 1): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const { valid, invalid } = utf8Evidence(bytes);
    return valid > invalid * margin ? new TextDecoder("utf-8").decode(bytes) : null;
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
