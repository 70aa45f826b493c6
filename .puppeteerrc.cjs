/**
 * whatsapp-web.js depends on puppeteer, whose install would download Chrome. Servers (and CI)
 * have no such network access: we run the system Chromium instead (CHROME_PATH, see README).
 * @type {import("puppeteer").Configuration}
 */
module.exports = {
  skipDownload: true,
};
