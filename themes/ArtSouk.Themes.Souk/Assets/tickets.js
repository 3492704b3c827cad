// Ticket buttons of event and workshop pages: buy seats of a ticket type, or join its waiting list, through the API.
(() => {
  const root = document.querySelector("section.tickets");
  if (!root) return;
  const TOKEN = "artsouk.buyer-token";
  const locale = root.dataset.locale || document.documentElement.lang || "ar";
  const signin = root.querySelector("form.ticket-signin");
  let pending = null;

  async function api(path, body) {
    const headers = { "Accept": "application/json", "Content-Type": "application/json", "Accept-Language": locale };
    const token = sessionStorage.getItem(TOKEN);
    if (token) headers["Authorization"] = `Bearer ${token}`;
    const response = await fetch(`${path}?locale=${locale}`, { method: "POST", headers, body: JSON.stringify(body), credentials: "same-origin" });
    let json = null;
    try { json = await response.json(); } catch { /* an empty answer */ }
    return { status: response.status, json };
  }

  async function send(form) {
    const item = form.closest("[data-ticket-type]");
    const message = item.querySelector(".ticket-message");
    const quantity = Number(form.quantity.value) || 1;
    const buy = form.dataset.action === "buy";
    const { status, json } = buy
      ? await api("/api/v1/checkout", { items: [{ entryId: root.dataset.entry, ticketTypeId: item.dataset.ticketType, quantity }], paymentMethod: "bank-transfer" })
      : await api(form.getAttribute("action"), { quantity });
    if (status === 401) {
      sessionStorage.removeItem(TOKEN);
      pending = form;
      signin.hidden = false;
      signin.email.focus();
      return;
    }
    message.dataset.kind = status < 300 ? "ok" : "error";
    message.textContent = status < 300 ? (buy ? root.dataset.wordBought : root.dataset.wordWaiting) : (json && json.detail) || root.dataset.wordFailed;
  }

  root.querySelectorAll("form.ticket-form").forEach(form => form.addEventListener("submit", async ev => {
    ev.preventDefault();
    form.querySelector("button").disabled = true;
    try { await send(form); } catch { form.closest("[data-ticket-type]").querySelector(".ticket-message").textContent = root.dataset.wordFailed; }
    finally { form.querySelector("button").disabled = false; }
  }));

  signin.addEventListener("submit", async ev => {
    ev.preventDefault();
    const { status, json } = await api("/api/v1/auth/token", { email: signin.email.value, password: signin.password.value });
    if (status === 200 && json && json.access_token) {
      sessionStorage.setItem(TOKEN, json.access_token);
      signin.hidden = true;
      if (pending) await send(pending);
    } else {
      signin.querySelector("[data-field=signin-message]").textContent = (json && json.detail) || root.dataset.wordFailed;
    }
  });
})();
