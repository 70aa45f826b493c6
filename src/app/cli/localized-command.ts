import { type Argument, Command, Help, type Option } from "commander";
import type { CommandLineWords } from "../../messages/i18n/catalogue.ts";

/**
 * Commander (14.0.3, pinned) writes its help and its errors in English (« Usage: », « error:
 * missing required argument »). It has no message catalogue of its own, but every error goes
 * through `Command.error(message, { code })` and every help title through `Help.styleTitle`:
 * here each is rewritten in the newsroom's words from our catalogue, keyed by commander's code
 * and read back from its (pinned) English when it carries a name. A message it may add one day
 * still reads, with our « erreur : » in front.
 */
export class LocalizedCommand extends Command {
  readonly #words: CommandLineWords;

  /** `root`: the program itself; its subcommands inherit its help settings from commander. */
  constructor(words: CommandLineWords, name?: string, root = true) {
    super(name);
    this.#words = words;
    if (!root) return;
    this.helpOption("-h, --help", words.helpOption);
    this.helpCommand(`help ${words.helpCommandArgument}`, words.helpCommand);
    this.showHelpAfterError(words.seeHelp);
  }

  override createCommand(name?: string): Command {
    return new LocalizedCommand(this.#words, name, false);
  }

  override createHelp(): Help {
    return Object.assign(new LocalizedHelp(this.#words), this.configureHelp());
  }

  override error(message: string, options?: { code?: string; exitCode?: number }): never {
    const described = (name: string): string =>
      this.registeredArguments.find((a) => a.name() === name)?.description ?? "";
    const text = localize(this.#words, message, options?.code, described);
    return super.error(`${this.#words.error} ${text}`, {
      ...options,
    });
  }
}

/** The help page with the catalogue's titles and annotations. */
class LocalizedHelp extends Help {
  readonly #words: CommandLineWords;

  constructor(words: CommandLineWords) {
    super();
    this.#words = words;
  }

  override styleTitle(title: string): string {
    const t = this.#words.titles;
    const titles: Record<string, string> = {
      "Usage:": t.usage,
      "Arguments:": t.arguments,
      "Options:": t.options,
      "Commands:": t.commands,
      "Global Options:": t.globalOptions,
    };
    return super.styleTitle(titles[title] ?? title);
  }

  override commandUsage(cmd: Command): string {
    return super
      .commandUsage(cmd)
      .replace(/(^| )\[command\]( |$)/, `$1${this.#words.commandPlaceholder}$2`);
  }

  override optionDescription(option: Option): string {
    return this.#annotations(super.optionDescription(option));
  }

  override argumentDescription(argument: Argument): string {
    return this.#annotations(super.argumentDescription(argument));
  }

  /** « (default: 20, choices: "a", "b") » → « (par défaut : 20, au choix : "a", "b") ». */
  #annotations(text: string): string {
    const w = this.#words;
    return text.replace(/\((?:choices|default|preset|env): .*\)$/, (extra) =>
      extra
        .replace(
          /(^\(|, )choices: (.*?)(?=, default: |, preset: |, env: |\)$)/,
          (_, p, v) => p + w.choices(v),
        )
        .replace(
          /(^\(|, )default: (.*?)(?=, preset: |, env: |\)$)/,
          (_, p, v) => p + w.defaultValue(v),
        )
        .replace(/(^\(|, )preset: (.*?)(?=, env: |\)$)/, (_, p, v) => p + w.preset(v))
        .replace(/(^\(|, )env: (.*?)(?=\)$)/, (_, p, v) => p + w.env(v)),
    );
  }
}

/** Commander's English message, in the catalogue's words (by its code, names read back). */
function localize(
  w: CommandLineWords,
  message: string,
  code: string | undefined,
  described: (argument: string) => string,
): string {
  const english = message.replace(/^error: /, "");
  const quoted = [...english.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "");
  const suggestion = /\n?\(Did you mean (?:one of )?(.*)\?\)$/.exec(english)?.[1];
  const suggest = suggestion ? ` ${w.didYouMean(suggestion)}` : "";
  const [first = "", second = ""] = quoted;
  switch (code) {
    case "commander.unknownOption":
      return w.unknownOption(first) + suggest;
    case "commander.unknownCommand":
      return w.unknownCommand(first) + suggest;
    case "commander.missingArgument":
      return w.missingArgument(first, described(first));
    case "commander.optionMissingArgument":
      return w.optionMissingArgument(first);
    case "commander.missingMandatoryOptionValue":
      return w.missingMandatoryOption(first);
    case "commander.conflictingOption":
      return w.conflictingOption(first, second);
    case "commander.excessArguments": {
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(english);
      const forCommand = /too many arguments for '/.test(english) ? first : null;
      return w.excessArguments(forCommand, Number(counts?.[1]), Number(counts?.[2]));
    }
    case "commander.invalidArgument": {
      // « option '--limit <n>' argument 'abc' is invalid. <our reason> », or for an argument
      // « command-argument value 'x' is invalid for argument 'id'. <our reason> ».
      const reason = english
        .replace(/^.*? is invalid(?: for argument '[^']*')?\.\s*/s, "")
        .replace(/^Allowed choices are (.*)\.$/, (_, list: string) => w.allowedChoices(list));
      const head = english.startsWith("command-argument")
        ? w.invalidArgumentValue(second, first)
        : w.invalidOptionValue(first, second);
      return reason ? `${head} ${reason}` : head;
    }
    default:
      return english;
  }
}
