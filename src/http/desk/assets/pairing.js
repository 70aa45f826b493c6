// Follows WhatsApp's pairing state: a new QR replaces the image, a change of state reloads
// the page (connected: the QR goes away). Without it, reload the page by hand.

(() => {
  const box = document.getElementById("pairing");
  if (!box) return;
  const tick = async () => {
    try {
      const res = await fetch(box.dataset.state, { headers: { accept: "application/json" } });
      if (!res.ok) return;
      const view = await res.json();
      if (view.status !== box.dataset.status) return window.location.reload();
      const status = document.getElementById("pairing-status");
      if (status) status.textContent = view.text;
      const img = document.getElementById("qr");
      if (img && view.qrVersion && view.qrVersion !== box.dataset.qr) {
        box.dataset.qr = view.qrVersion;
        img.src = img.src.replace(/v=[^&]*/, `v=${view.qrVersion}`);
      }
    } catch {
      // The bot restarting: try again at the next tick.
    }
  };
  setInterval(tick, 3000);
})();
