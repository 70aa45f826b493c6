/**
 * Messages of the kinds readers send (written for the bench, not taken from any labelled set):
 * greetings before requests, informal spellings, opt-outs, long complaints, emojis.
 */
const GREETINGS = [
  "",
  "Bonjour, ",
  "slt ",
  "Bonsoir la rédaction 🙏 ",
  "cc ",
  "i ni ce, ",
  "Hello ",
];
const REQUESTS = [
  "les dernières infos du Mali svp",
  "c koi de neuf au Faso",
  "suivre sport et économie",
  "ne plus suivre la politique",
  "désabonnez-moi",
  "STOP 🛑 trop de messages",
  "je ne veux plus rien recevoir de vous",
  "chercher prix du carburant à Niamey",
  "lire 3",
  "mode quotidien à 19h30",
  "en anglais stp",
  "supprimez mes données",
  "abonne moi au foot",
  "Pourquoi vous n'avez rien envoyé hier soir ? Je reçois plus rien depuis lundi, c'est grave",
  "Le bus s'est arrêté à Kaya, il y a un problème sur la route ? Les gens attendent depuis deux heures et personne ne dit rien, vous avez des infos ?",
  "4",
  "merci beaucoup, on est ensemble",
];

export function benchMessages(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const g = GREETINGS[i % GREETINGS.length] ?? "";
    const r = REQUESTS[(i * 7) % REQUESTS.length] ?? "";
    out.push(i % 3 === 0 ? `${g}${r.toUpperCase()}` : `${g}${r}`);
  }
  return out;
}
