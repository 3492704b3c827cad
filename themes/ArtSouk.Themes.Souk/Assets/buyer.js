// A buyer's actions on entry pages, through the API: buy seats of a ticket type or a listed work (held, paid by bank
// transfer), join a waiting list, offer a price, ask the seller a question. Signing in happens in place, once per tab.
(() => {
  const root = document.querySelector("[data-buyer]");
  if (!root) return;
  const TOKEN = "artsouk.buyer-token";
  const locale = root.dataset.locale || document.documentElement.lang || "ar";
  const entryId = root.dataset.entry;
  const signin = root.querySelector("form.buyer-signin");
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

  // What each form asks of the API: its path and body.
  function request(form) {
    const quantity = form.quantity ? Number(form.quantity.value) || 1 : 1;
    const ticketTypeId = form.closest("[data-ticket-type]")?.dataset.ticketType;
    switch (form.dataset.action) {
      case "buy":
        return ["/api/v1/checkout", { items: [{ entryId, ticketTypeId, quantity }], paymentMethod: "bank-transfer" }];
      case "offer":
        return ["/api/v1/commerce/offers", { entryId, amount: Number(form.amount.value), message: form.message.value.trim() || null, paymentMethod: "bank-transfer" }];
      case "ask":
        return ["/api/v1/commerce/inquiries", { entryId, message: form.message.value }];
      default:
        return [form.getAttribute("action"), { quantity }];
    }
  }

  function say(form, kind, text) {
    const message = form.closest("[data-ticket-type], .buyer-action").querySelector(".buyer-message");
    message.dataset.kind = kind;
    message.textContent = text;
  }

  async function send(form) {
    const [path, body] = request(form);
    const { status, json } = await api(path, body);
    if (status === 401) {
      sessionStorage.removeItem(TOKEN);
      pending = form;
      signin.hidden = false;
      signin.email.focus();
      return;
    }
    if (status < 300) {
      say(form, "ok", form.dataset.done);
      if (form.dataset.action !== "wait") form.reset();
    } else {
      // The API's own problem, in the page's language: which field, or why the work cannot be had now.
      const field = json && json.errors && Object.values(json.errors)[0];
      say(form, "error", (field && field[0]) || (json && json.detail) || root.dataset.wordFailed);
    }
  }

  root.querySelectorAll("form[data-action]").forEach(form => form.addEventListener("submit", async ev => {
    ev.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try { await send(form); } catch { say(form, "error", root.dataset.wordFailed); }
    finally { button.disabled = false; }
  }));

  signin.addEventListener("submit", async ev => {
    ev.preventDefault();
    const { status, json } = await api("/api/v1/auth/token", { email: signin.email.value, password: signin.password.value });
    if (status === 200 && json && json.access_token) {
      sessionStorage.setItem(TOKEN, json.access_token);
      signin.hidden = true;
      if (pending) await send(pending);
      pending = null;
    } else {
      signin.querySelector(".buyer-message").textContent = (json && json.detail) || root.dataset.wordFailed;
    }
  });
})();
