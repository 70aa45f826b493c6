import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { backupDatabase } from "../../store/backup.ts";
import { type CliContext, CliError } from "./context.ts";

/** `backup <file> [--force]`: a consistent copy of the live database (README « Sauvegarde »). */
export function registerBackupCommand(program: Command, ctx: CliContext): void {
  program
    .command("backup")
    .description("copie cohérente de la base, même bot en marche (restauration : voir README)")
    .argument("<fichier>", "où écrire la copie, ex. sauvegardes/suivez-2025-04-02.db")
    .option("--force", "remplace le fichier s'il existe déjà")
    .action(async (destination: string, options: { force?: boolean }) => {
      const file = path.resolve(destination);
      const live = path.resolve(ctx.config().databasePath);
      if (file === live || [`${live}-wal`, `${live}-shm`].includes(file)) {
        throw new CliError(
          `${destination} est la base en service : choisissez un autre fichier pour la copie.`,
        );
      }
      if (fs.existsSync(file) && !options.force) {
        throw new CliError(
          `${destination} existe déjà : rien n'a été écrit. Choisissez un autre nom, ou ajoutez --force pour le remplacer.`,
        );
      }
      if (fs.existsSync(file) && !fs.statSync(file).isFile()) {
        throw new CliError(`${destination} est un dossier : donnez un nom de fichier.`);
      }
      if (!fs.existsSync(path.dirname(file))) {
        throw new CliError(
          `Le dossier ${path.dirname(file)} n'existe pas : créez-le, ou choisissez un autre chemin.`,
        );
      }
      const started = performance.now();
      const result = await backupDatabase(ctx.app().db, file);
      const mb = (result.bytes / 1024 / 1024).toFixed(1).replace(".", ",");
      const s = ((performance.now() - started) / 1000).toFixed(1).replace(".", ",");
      ctx.out(`Sauvegarde écrite : ${result.file} (${mb} Mo, ${s} s, vérifiée).`);
    });
}
