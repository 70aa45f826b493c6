import { describe, expect, it } from "vitest";
import { CliError } from "../../src/app/cli/context.ts";
import { LockError } from "../../src/app/lock.ts";
import { BotError } from "../../src/bot/composer.ts";
import { ConfigError } from "../../src/config.ts";
import { DispatcherBusyError } from "../../src/dispatcher/dispatcher.ts";
import { AppError, DeskError, ERROR_CODES, hasCode } from "../../src/domain/errors.ts";
import { ArticleRejected } from "../../src/ingest/prepare.ts";
import { deskErrorText } from "../../src/messages/wording.ts";
import { FeedSourceError } from "../../src/sources/feeds/feed-sources.ts";
import { FeedFetchError } from "../../src/sources/feeds/fetch.ts";
import { FeedParseError } from "../../src/sources/feeds/parse.ts";
import { ArticleFileError } from "../../src/sources/files/errors.ts";
import { StoreError } from "../../src/store/database.ts";
import { TransportError } from "../../src/transport/transport.ts";
import { ChromiumNotFoundError } from "../../src/transport/whatsapp/chromium.ts";
import { WhatsAppStartError } from "../../src/transport/whatsapp/errors.ts";

describe("the error catalogue", () => {
  const samples: [AppError, string, number][] = [
    [new ConfigError(["LANGUAGE « xx » : écrivez fr ou en"]), "CONFIG_INVALID", 2],
    [new StoreError("base illisible"), "STORE_UNAVAILABLE", 2],
    [new LockError("déjà lancé"), "LOCK_HELD", 1],
    [new CliError("numéro invalide"), "CLI_USAGE", 1],
    [new DispatcherBusyError("un autre processus envoie"), "DISPATCHER_BUSY", 1],
    [new ArticleFileError("a.json", "JSON invalide"), "ARTICLE_FILE_INVALID", 1],
    [new ArticleRejected("titre vide"), "ARTICLE_REJECTED", 1],
    [new FeedFetchError("HTTP 500", "http", { status: 500 }), "FEED_FETCH_FAILED", 1],
    [new FeedParseError("pas un flux"), "FEED_PARSE_FAILED", 1],
    [new FeedSourceError("adresse invalide"), "FEED_SOURCE_INVALID", 1],
    [new TransportError("refusé", "permanent"), "TRANSPORT_FAILED", 1],
    [new ChromiumNotFoundError("installez chromium"), "CHROMIUM_NOT_FOUND", 1],
    [new WhatsAppStartError("injoignable", "unreachable"), "WHATSAPP_START_FAILED", 1],
    [new BotError(new Error("x"), {}), "BOT_HANDLER_FAILED", 1],
  ];

  it("gives every error a catalogued code and the exit code it implies", () => {
    for (const [error, code, exit] of samples) {
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe(code);
      expect(ERROR_CODES).toHaveProperty(code);
      expect(error.exitCode).toBe(exit);
      expect(hasCode(error, error.code)).toBe(true);
    }
    expect(hasCode(new Error("plain"))).toBe(false);
    expect(hasCode(new CliError("x"), "CONFIG_INVALID")).toBe(false);
  });

  it("shows the hint after the message", () => {
    const e = new AppError("CLI_USAGE", "Numéro invalide.", { hint: "Exemple : 12" });
    expect(e.explain()).toBe("Numéro invalide.\nExemple : 12");
  });

  it("renders editors' refusals in the editor's language, from the code and its parameters", () => {
    const tooLong = new DeskError("ALERT_TOO_LONG", { length: 1200, max: 1000 });
    expect(deskErrorText(tooLong, "fr")).toMatch(/Alerte trop longue \(1 200 caractères\) : 1 000/);
    expect(deskErrorText(tooLong, "en")).toMatch(/Alert too long \(1,200 characters\): 1,000/);
    const draft = new DeskError("ARTICLE_IS_DRAFT", { id: 15 });
    expect(deskErrorText(draft, "en")).toMatch(/Article 15 is a draft/);
    expect(deskErrorText(draft, "fr")).toMatch(/L'article 15 est un brouillon/);
  });
});
