import fs from "node:fs/promises";
import path from "node:path";
import { printable } from "../../lib/printable.ts";
import { ARTICLE_EXTENSIONS } from "./read-file.ts";

/** A folder's own documents, never articles: README, SOURCES, LICENSE, CHANGELOG… */
const NOT_ARTICLES =
  /^(?:readme|sources?|licen[cs]e|copying|changelog|changes|contributing|notice|authors)(?:\.[\w.]+)?$/i;

/** The article files under the paths given, and what was left aside, with why. */
export interface Walk {
  /** In order, with their sizes (the importer reads big files one at a time). */
  files: { path: string; bytes: number }[];
  /** Files that are not articles (README, images…), left alone. */
  skipped: string[];
  failed: { origin: string; reason: string }[];
}

/**
 * Lists the article files of files and folders (recursively, hidden entries aside, sorted).
 * A path given explicitly is read whatever it points to. Inside a folder, a symbolic link is
 * followed only when its target stays inside the folder imported — a link to /etc or to the
 * home folder is reported, not imported — and each real folder is visited once, so a link
 * loop (a → b → a, or a link to a parent) ends instead of hanging the import.
 */
export async function walkArticleFiles(paths: readonly string[]): Promise<Walk> {
  const walk: Walk = { files: [], skipped: [], failed: [] };
  for (const p of paths) {
    let stat: Awaited<ReturnType<typeof fs.stat>>;
    let real: string;
    try {
      stat = await fs.stat(p);
      real = await fs.realpath(p);
    } catch {
      walk.failed.push({ origin: printable(p), reason: "introuvable : vérifiez le chemin" });
      continue;
    }
    if (stat.isDirectory()) await visit(p, real, new Set([real]), walk);
    else walk.files.push({ path: p, bytes: stat.size });
  }
  return walk;
}

async function visit(dir: string, root: string, seen: Set<string>, walk: Walk): Promise<void> {
  let entries: string[];
  try {
    entries = (await fs.readdir(dir)).filter((e) => !e.startsWith(".")).sort();
  } catch (error) {
    walk.failed.push({
      origin: printable(dir),
      reason: `dossier illisible (${(error as NodeJS.ErrnoException).code ?? "erreur"}) : vérifiez les droits`,
    });
    return;
  }
  for (const entry of entries) {
    const p = path.join(dir, entry);
    let stat: Awaited<ReturnType<typeof fs.lstat>>;
    try {
      stat = await fs.lstat(p);
      if (stat.isSymbolicLink()) {
        const real = await fs.realpath(p);
        if (real !== root && !real.startsWith(root + path.sep)) {
          walk.failed.push({
            origin: printable(p),
            reason: `lien symbolique vers l'extérieur du dossier importé (${printable(real)}) : non suivi ; copiez le fichier dans le dossier pour l'importer`,
          });
          continue;
        }
        stat = await fs.stat(p);
      }
      if (stat.isDirectory()) {
        const real = await fs.realpath(p);
        if (seen.has(real)) continue; // A loop, or a second way to a folder already read.
        seen.add(real);
      }
    } catch {
      walk.failed.push({
        origin: printable(p),
        reason: "lien symbolique cassé ou fichier disparu : vérifiez le chemin",
      });
      continue;
    }
    if (stat.isDirectory()) await visit(p, root, seen, walk);
    else if (!stat.isFile() || NOT_ARTICLES.test(entry)) walk.skipped.push(printable(p));
    else if (ARTICLE_EXTENSIONS.includes(path.extname(p.replace(/\.gz$/i, "")).toLowerCase())) {
      walk.files.push({ path: p, bytes: stat.size });
    } else walk.skipped.push(printable(p));
  }
}
