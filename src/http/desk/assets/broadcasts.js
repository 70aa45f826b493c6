// Live progress of broadcasts: one EventSource on /desk/diffusions/flux updates each bar, its
// honest ETA and the sending state. Without it the page is still right at each reload.

(() => {
  const running = document.getElementById("running");
  if (!running || typeof EventSource === "undefined") return;
  const ids = [...running.querySelectorAll("[data-broadcast]")].map((e) => e.dataset.broadcast);
  const url = `${running.dataset.stream}${ids.length ? `?ids=${ids.join(",")}` : ""}`;
  const source = new EventSource(url);
  const state = document.getElementById("sending-state");
  source.addEventListener("progress", (message) => {
    const event = JSON.parse(message.data);
    if (state) {
      state.textContent = event.banner;
      state.className = `notice ${event.paused ? "error" : event.sending ? "ok" : "info"}`;
    }
    let reload = false;
    for (const b of event.broadcasts) {
      const card = running.querySelector(`[data-broadcast="${b.id}"]`);
      if (!card) {
        reload = true; // a new broadcast started: the page draws it with its buttons
        continue;
      }
      const bar = card.querySelector("progress");
      if (bar) {
        bar.max = Math.max(1, b.total);
        bar.value = b.sent;
      }
      const text = card.querySelector(".progress-text");
      if (text) text.textContent = b.text;
      card.dataset.done = b.done ? "1" : "0";
      if (b.done) for (const form of card.querySelectorAll("form")) form.remove();
    }
    if (reload && !document.querySelector("form[data-busy]")) {
      source.close();
      window.location.reload();
    }
  });
  window.addEventListener("pagehide", () => source.close());
})();
