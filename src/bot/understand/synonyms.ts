import { existsSync, readFileSync } from "node:fs";
import { stemmer } from "@orama/stemmers/french";
import { parse as parseYaml } from "yaml";
import { AppError } from "../../domain/errors.ts";
import { fold } from "../../lib/fold.ts";

/** The newsroom's own synonyms, in the data folder. */
export const SYNONYMS_FILE = "rubric-synonyms.yaml";

/**
 * Words readers use for a rubric → the rubric they mean (both folded). The newsroom extends it
 * with `<DATA_DIR>/rubric-synonyms.yaml` (`mot: Rubrique` lines); a word that is its own rubric
 * maps to itself. Countries, cities and broad topics of the region are in by default.
 */
export const DEFAULT_SYNONYMS: Readonly<Record<string, string>> = {
  sport: "sport",
  sports: "sport",
  sportif: "sport",
  sportive: "sport",
  sportifs: "sport",
  sportives: "sport",
  foot: "football",
  football: "football",
  soccer: "football",
  basket: "sport",
  basketball: "sport",
  lutte: "sport",
  politique: "politique",
  politics: "politique",
  political: "politique",
  economie: "economie",
  eco: "economie",
  economy: "economie",
  business: "economie",
  finance: "economie",
  sante: "sante",
  health: "sante",
  culture: "culture",
  musique: "culture",
  music: "culture",
  cinema: "culture",
  securite: "securite",
  security: "securite",
  justice: "justice",
  education: "education",
  ecole: "education",
  environnement: "environnement",
  environment: "environnement",
  climat: "environnement",
  technologie: "technologie",
  tech: "technologie",
  numerique: "technologie",
  societe: "societe",
  society: "societe",
  international: "international",
  monde: "international",
  world: "international",
  afrique: "afrique",
  africa: "afrique",
  agriculture: "agriculture",
  religion: "religion",
  "faits divers": "faits divers",
  meteo: "meteo",
  weather: "meteo",
  emploi: "emploi",
  jobs: "emploi",
  people: "people",
  mali: "mali",
  bamako: "mali",
  burkina: "burkina faso",
  "burkina faso": "burkina faso",
  faso: "burkina faso",
  ouaga: "burkina faso",
  ouagadougou: "burkina faso",
  niger: "niger",
  niamey: "niger",
  senegal: "senegal",
  dakar: "senegal",
  "cote d'ivoire": "cote d'ivoire",
  "cote divoire": "cote d'ivoire",
  "ivory coast": "cote d'ivoire",
  civ: "cote d'ivoire",
  abidjan: "cote d'ivoire",
  guinee: "guinee",
  guinea: "guinee",
  conakry: "guinee",
  togo: "togo",
  lome: "togo",
  benin: "benin",
  cotonou: "benin",
  cameroun: "cameroun",
  cameroon: "cameroun",
  mboa: "cameroun",
  douala: "cameroun",
  yaounde: "cameroun",
  aes: "aes",
  sahel: "sahel",
  cedeao: "cedeao",
  nigeria: "nigeria",
  ghana: "ghana",
  tchad: "tchad",
  chad: "tchad",
  mauritanie: "mauritanie",
  gabon: "gabon",
  congo: "congo",
  rdc: "congo",
  france: "france",
};

/**
 * Words this long are also compared by their French stem (Snowball): "politiques",
 * "économiques", "technologies" name the rubrics "politique", "économie", "technologie".
 * Shorter ones are not: "mal" must not be "Mali".
 */
const STEM_MIN = 6;

/** A synonym table, folded, plus its words by length for phrase lookups. */
export class RubricLexicon {
  readonly #map = new Map<string, string>();
  readonly #stems = new Map<string, string>();
  readonly #stemCache = new Map<string, string>();
  #longest = 1;

  constructor(table: Readonly<Record<string, string>> = DEFAULT_SYNONYMS) {
    for (const [word, rubric] of Object.entries(table)) this.add(word, rubric);
  }

  /** Adds a word (several words allowed) for a rubric; later additions win. */
  add(word: string, rubric: string): void {
    // Folded as messages are: an apostrophe separates words ("cote d ivoire").
    const key = fold(word)
      .replace(/[^\p{L}\p{N}]/gu, " ")
      .replace(/\s+/g, " ")
      .trim();
    if (!key) return;
    this.#map.set(key, fold(rubric));
    this.#longest = Math.max(this.#longest, key.split(" ").length);
    if (!key.includes(" ") && key.length >= STEM_MIN) {
      this.#stems.set(stemmer(key), fold(rubric));
    }
  }

  /** The newsroom's own rubrics are words for themselves. */
  addRubrics(names: Iterable<string>): void {
    for (const name of names) if (!this.#map.has(fold(name))) this.add(name, name);
  }

  /** The rubric a folded phrase names, or undefined. */
  rubricOf(phrase: string): string | undefined {
    const exact = this.#map.get(phrase);
    if (exact !== undefined || phrase.includes(" ") || phrase.length < STEM_MIN) return exact;
    let stem = this.#stemCache.get(phrase);
    if (stem === undefined) {
      stem = stemmer(phrase);
      // Readers reuse the same words: each is stemmed once.
      if (this.#stemCache.size > 50_000) this.#stemCache.clear();
      this.#stemCache.set(phrase, stem);
    }
    return this.#stems.get(stem);
  }

  /** Whether a folded phrase is a rubric word. */
  has(phrase: string): boolean {
    return this.rubricOf(phrase) !== undefined;
  }

  get longest(): number {
    return this.#longest;
  }

  get words(): string[] {
    return [...this.#map.keys()];
  }
}

/**
 * Reads the newsroom's synonym file (`mot: Rubrique` per line) over the defaults; a missing
 * file is no error, a malformed one is, with what to fix.
 */
export function loadRubricLexicon(file: string | null): RubricLexicon {
  const lexicon = new RubricLexicon();
  if (!file || !existsSync(file)) return lexicon;
  const data: unknown = parseYaml(readFileSync(file, "utf8"));
  if (data === null || data === undefined) return lexicon;
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new AppError("CONFIG_INVALID", `${file} : attendu des lignes « mot: Rubrique »`, {
      hint: "par exemple « foot: Football », une ligne par mot",
    });
  }
  for (const [word, rubric] of Object.entries(data as Record<string, unknown>)) {
    if (typeof rubric !== "string") {
      throw new AppError("CONFIG_INVALID", `${file} : « ${word} » n'est pas suivi d'une rubrique`, {
        hint: `écrivez « ${word}: Rubrique »`,
      });
    }
    lexicon.add(word, rubric);
  }
  return lexicon;
}
