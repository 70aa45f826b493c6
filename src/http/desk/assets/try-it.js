// « Essayer »: sends the message by fetch and appends the bot's answer (bubbles drawn by the
// server). Without this file the form posts and the page reloads with the conversation.

(() => {
  const form = document.querySelector("form.try-form");
  const chat = document.getElementById("chat");
  if (!form || !chat || typeof fetch === "undefined") return;
  const input = form.querySelector("#message");
  const token = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";
  const scroll = () => {
    chat.scrollTop = chat.scrollHeight;
  };
  scroll();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    const data = new URLSearchParams(new FormData(form));
    if (!data.get("message")?.trim()) return;
    form.dataset.busy = "1";
    try {
      const res = await fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          accept: "application/json",
          "x-csrf-token": token,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: data.toString(),
      });
      const body = await res.json().catch(() => ({ error: `${res.status}` }));
      document.getElementById("chat-empty")?.remove();
      if (body.error) {
        const p = document.createElement("p");
        p.className = "notice error";
        p.setAttribute("role", "alert");
        p.textContent = body.error;
        chat.append(p);
      } else {
        for (const m of body.messages) chat.insertAdjacentHTML("beforeend", m.html);
        if (input) input.value = "";
      }
      scroll();
    } finally {
      delete form.dataset.busy;
      input?.focus();
    }
  });
})();
