import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeFeedBytes } from "../../../src/sources/feeds/encoding.ts";
import { fixture } from "./feed-server.ts";

describe("feed encodings", () => {
  it("reads an ISO-8859-1 feed from its XML declaration", () => {
    const { text, encoding } = decodeFeedBytes(fixture("latin1.xml"), "text/xml");
    expect(encoding).toBe("windows-1252");
    expect(text).toContain("L'Écho de Conakry");
    expect(text).toContain("rentrée scolaire fixée");
  });

  it("reads Windows-1252 curly quotes, dashes, œ and the euro sign", () => {
    const { text } = decodeFeedBytes(fixture("windows-1252.xml"), null);
    expect(text).toContain("l’État lance un emprunt obligataire de 50 milliards – 6,5 %");
    expect(text).toContain("« C’est une œuvre de confiance »");
    expect(text).toContain("15 €");
  });

  it("drops a UTF-8 byte-order mark", () => {
    const { text, encoding } = decodeFeedBytes(fixture("utf8-bom.xml"), null);
    expect(encoding).toBe("utf-8");
    expect(text.startsWith("<?xml")).toBe(true);
    expect(text).toContain("l’électricité solaire");
  });

  it("trusts valid UTF-8 bytes over a server header that says Latin-1", () => {
    const { text } = decodeFeedBytes(fixture("wordpress-fr.xml"), "text/xml; charset=ISO-8859-1");
    expect(text).toContain("Les ministres du Sahel à Moscou");
  });

  it("uses the header charset when the bytes are not UTF-8 and the declaration says nothing", () => {
    const bytes = iconv.encode(
      '<rss version="2.0"><channel><title>Sénégal</title></channel></rss>',
      "latin1",
    );
    expect(decodeFeedBytes(bytes, "application/rss+xml; charset=iso-8859-1").text).toContain(
      "Sénégal",
    );
    // Nothing declared at all: Windows-1252, the usual legacy encoding.
    expect(decodeFeedBytes(bytes, null).text).toContain("Sénégal");
  });

  it("reads UTF-16 with a byte-order mark", () => {
    const bytes = iconv.encode(
      '<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Niamey</title></channel></rss>',
      "utf-16le",
      { addBOM: true },
    );
    expect(decodeFeedBytes(bytes, null).text).toContain("<title>Niamey</title>");
  });

  it("decodes legacy labels as browsers do (TIS-620 as Windows-874, GB2312 as GB18030)", () => {
    // 0x93/0x94 are Windows-874 curly quotes, undefined in strict TIS-620.
    const thai = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="TIS-620"?><rss><channel><title>'),
      Buffer.from([0x93, 0xa1, 0xd2, 0xc3, 0x94]),
      Buffer.from("</title></channel></rss>"),
    ]);
    const { text, encoding } = decodeFeedBytes(thai, null);
    expect(encoding).toBe("windows-874");
    expect(text).toContain("“การ”");
    const chinese = iconv.encode(
      '<?xml version="1.0" encoding="gb2312"?><rss><title>新闻</title></rss>',
      "gb18030",
    );
    expect(decodeFeedBytes(chinese, null).text).toContain("新闻");
  });
});
