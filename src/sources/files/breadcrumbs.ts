/** A short line of rubric names, comma-separated or glued ("PolitiqueDiplomatie, Politique"). */
export function looksLikeBreadcrumbs(line: string): boolean {
  const parts = line.split(/\s*[,>›»|/]\s*/).filter(Boolean);
  return (
    line.length <= 100 &&
    /^[\p{Lu}\d]/u.test(line) &&
    !/[.!?…:;»"”)]$/.test(line) &&
    parts.length >= 1 &&
    parts.every((p) => p.split(/\s+/).length <= 3) &&
    (parts.length > 1 || /\p{Ll}\p{Lu}/u.test(line))
  );
}

/** "PolitiqueDiplomatie, Politique" -> ["Politique", "Diplomatie"]. */
export function splitBreadcrumbs(line: string): string[] {
  const names = line
    .split(/\s*[,>›»|/]\s*/)
    .flatMap((part) => part.split(/(?<=\p{Ll})(?=\p{Lu})/u))
    .map((p) => p.trim())
    .filter((p) => p.length > 1 && !/^(?:accueil|home)$/i.test(p));
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = n.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
