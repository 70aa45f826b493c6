/** Words the article templates use, in the reader's language. */
export interface ArticleWording {
  keyPoints: string;
  readMore: string;
  latestTitle: string;
  latestIn: (rubric: string) => string;
  noArticles: string;
  readHint: string;
  digestTitle: (date: string) => string;
  digestHint: string;
  alertPrefix: string;
  breaking: string;
  followChannel: string;
  stopHint: string;
  locale: string;
}

export const ARTICLE_WORDING: Record<"fr" | "en", ArticleWording> = {
  fr: {
    keyPoints: "Points clés",
    readMore: "Lire l'article",
    latestTitle: "Dernières informations",
    latestIn: (rubric) => `Dernières informations · ${rubric}`,
    noArticles: "Aucun article pour le moment.",
    readHint: "Répondez par un numéro (ex. *1*) pour lire l'article.",
    digestTitle: (date) => `Votre sélection du ${date}`,
    digestHint: "Répondez par un numéro pour lire l'article · *stop* pour ne plus rien recevoir.",
    alertPrefix: "🔔",
    breaking: "🔴 *ALERTE INFO*",
    followChannel: "Suivez l'information en direct sur notre chaîne WhatsApp",
    stopHint: "Pour ne plus recevoir d'alertes : *stop*",
    locale: "fr-FR",
  },
  en: {
    keyPoints: "Key points",
    readMore: "Read the article",
    latestTitle: "Latest news",
    latestIn: (rubric) => `Latest news · ${rubric}`,
    noArticles: "No articles yet.",
    readHint: "Reply with a number (e.g. *1*) to read the article.",
    digestTitle: (date) => `Your news for ${date}`,
    digestHint: "Reply with a number to read the article · *stop* to receive nothing more.",
    alertPrefix: "🔔",
    breaking: "🔴 *BREAKING NEWS*",
    followChannel: "Follow the news live on our WhatsApp Channel",
    stopHint: "To stop alerts: *stop*",
    locale: "en-GB",
  },
};
