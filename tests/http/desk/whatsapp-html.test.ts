import { describe, expect, it } from "vitest";
import { whatsappHtml } from "../../../src/http/desk/whatsapp-html.ts";

describe("WhatsApp markup drawn as HTML for the desk's bubbles", () => {
  it("draws bold, italic, strike and mono as the phone does, and escapes the rest", () => {
    expect(whatsappHtml("*Titre* _lieu_ ~non~ ```code``` <script>")).toBe(
      "<strong>Titre</strong> <em>lieu</em> <s>non</s> <code>code</code> &lt;script&gt;",
    );
  });

  it("leaves markers inside words and links alone, and makes links clickable", () => {
    expect(whatsappHtml("2*3*4 mot_a_mot https://ex.ml/a_b_c.")).toBe(
      '2*3*4 mot_a_mot <a href="https://ex.ml/a_b_c" rel="noreferrer noopener" target="_blank">https://ex.ml/a_b_c</a>.',
    );
  });

  it("never lets article text inject markup", () => {
    const out = whatsappHtml('"><img src=x onerror=alert(1)> *<b>*');
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<b>");
  });
});
