import type { Command } from "commander";
import { normalisePhone } from "../../domain/chat-id.ts";
import { createSignInLink, LINK_TTL_MS, OPERATOR } from "../../http/desk/sign-in.ts";
import { deskAddress, deskDeps } from "../desk.ts";
import { type CliContext, CliError } from "./context.ts";

/**
 * `desk-link [numéro]`: a one-time sign-in link to the web desk, for the operator when WhatsApp
 * is not paired yet (no code can be sent). For the number given, else the first of EDITORS.
 */
export function registerDeskCommands(program: Command, ctx: CliContext): void {
  program
    .command("desk-link")
    .description("affiche un lien de connexion au bureau web, à usage unique (15 min)")
    .argument("[numéro]", "le numéro d'éditeur de la session (par défaut : le premier de EDITORS)")
    .action((number: string | undefined) => {
      const config = ctx.config();
      let editor = config.editors[0] ?? OPERATOR;
      if (number !== undefined) {
        const phone = normalisePhone(number);
        if (!phone || !config.editors.includes(phone)) {
          throw new CliError(
            `« ${number} » n'est pas un numéro de EDITORS (${config.editors.join(", ") || "aucun"}) : ` +
              "donnez l'un d'eux, ou ajoutez-le à EDITORS dans .env.",
          );
        }
        editor = phone;
      }
      const secret = createSignInLink(deskDeps(ctx.app()), editor);
      const base = deskAddress(config.http.host, config.http.port);
      ctx.out(`${base}/connexion/lien/${secret}`);
      ctx.out(
        `Lien à usage unique, valable ${LINK_TTL_MS / 60_000} min, pour ${editor}. ` +
          "Ouvrez-le dans le navigateur (derrière un proxy, remplacez le début par l'adresse publique du bureau).",
      );
    });
}
