/**
 * Unicode bidirectional embedding, override and isolate controls (U+202A–U+202E,
 * U+2066–U+2069). Inside a message they reorder what follows on the reader's screen: a link
 * or a name shown backwards (« …fdp.exe » for « exe.pdf… »), a fake sender. Marks (U+200E,
 * U+200F, U+061C) are kept: Arabic and Hebrew text needs them and they reorder nothing.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** The text without bidi embedding/override/isolate controls. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}
