-- A fingerprint of the article's lead (its first words, folded): with title + day, it keeps two
-- different articles that share a title and a day (« Société », « Politique ») apart.
-- NULL for articles stored before it: they match on title + day alone, as they used to.
ALTER TABLE articles ADD COLUMN body_key TEXT;
