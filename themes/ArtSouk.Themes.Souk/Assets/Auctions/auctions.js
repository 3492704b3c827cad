// Art Souk auction pages: live lots over the SignalR hub /hubs/auctions (JSON hub protocol on a WebSocket, no library),
// countdowns from the server's clock, and the lot page's bid form. No framework: the page is server-rendered and this
// only rewrites the few fields that move.
(() => {
  "use strict";
  const root = document.querySelector("[data-auction-root]");
  if (!root) return;
  const locale = root.dataset.locale === "en" ? "en" : "ar";
  const numbers = new Intl.NumberFormat(locale === "ar" ? `ar-SA-u-nu-${root.dataset.digits || "arab"}` : "en-GB", { maximumFractionDigits: 2 });
  // The page's words in its language, from a <template>: its children live in template.content, not in the document.
  const words = {};
  const wordList = document.getElementById("auction-words");
  (wordList ? wordList.content || wordList : document).querySelectorAll("[data-word]").forEach(w => { words[w.dataset.word] = w.textContent; });
  // Milliseconds to add to this device's clock to read the server's: the server's clock is the only clock.
  let offset = Number(root.dataset.serverTime) - Date.now();
  const lots = new Map();
  (root.dataset.lot ? [root] : [...root.querySelectorAll("[data-lot]")]).forEach(el => lots.set(el.dataset.lot, el));

  const sar = amount => locale === "ar" ? `${numbers.format(amount)} ر.س` : `SAR ${numbers.format(amount)}`;
  const field = (el, name) => el.querySelector(`[data-field="${name}"]`);
  const two = n => numbers.format(n).padStart(2, numbers.format(0));

  function left(el) {
    const now = Date.now() + offset;
    const opens = Number(el.dataset.opensAt), ends = Number(el.dataset.endsAt), state = el.dataset.state;
    if (state === "closed") return words[el.dataset.outcome] || el.querySelector("[data-field=countdown]").textContent;
    if (now < opens) return words.upcoming || "";
    let ms = Math.max(0, ends - now);
    if (ms === 0) return words.ended || "0";
    const s = Math.floor(ms / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    const clock = `${h > 0 || d > 0 ? two(h) + ":" : ""}${two(m)}:${two(sec)}`;
    return d > 0 ? `${numbers.format(d)}${words.days || "d"} ${clock}` : clock;
  }

  function tick() {
    lots.forEach(el => {
      const c = field(el, "countdown");
      if (c) c.textContent = left(el);
    });
  }

  function show(el, lot) {
    el.dataset.state = lot.state;
    if (lot.outcome) el.dataset.outcome = lot.outcome;
    el.dataset.endsAt = String(Date.parse(lot.endsAt));
    const current = field(el, "current");
    if (current) {
      current.textContent = sar(lot.currentBid ?? lot.startingBid);
      current.dataset.amount = String(lot.currentBid ?? lot.startingBid);
    }
    const label = field(el, "current-label");
    if (label && lot.currentBid != null && words.current) label.textContent = words.current;
    const next = field(el, "next");
    if (next && lot.nextValidAmount != null) {
      next.textContent = sar(lot.nextValidAmount);
      const input = el.querySelector("#bid-amount");
      if (input && (!input.value || Number(input.value) < lot.nextValidAmount)) input.value = String(lot.nextValidAmount);
      if (input) input.min = String(lot.nextValidAmount);
    }
    const count = field(el, "count");
    if (count && lot.bidCount != null) count.textContent = numbers.format(lot.bidCount);
    const reserve = field(el, "reserve");
    if (reserve && lot.hasReserve !== false) reserve.hidden = !!lot.reserveMet;
    if (lot.state === "closed") {
      const form = field(el, "bid-form");
      if (form) form.hidden = true;
      const status = field(el, "status");
      if (status) {
        status.textContent = words[lot.outcome] || "";
        delete status.dataset.kind;
      }
    }
    tick();
  }

  function historyItem(paddle, amount, kind, at) {
    const list = field(root, "history");
    if (!list) return;
    const li = document.createElement("li");
    const time = new Date(at);
    li.innerHTML = "<span class=\"paddle\"></span> <strong></strong> <time></time>";
    li.querySelector(".paddle").textContent = `${words.paddle || "#"} ${numbers.format(paddle)}${kind === "proxy" ? ` (${words.proxy || ""})` : ""}`;
    li.querySelector("strong").textContent = sar(amount);
    li.querySelector("time").dateTime = time.toISOString();
    li.querySelector("time").textContent = time.toLocaleTimeString(locale === "ar" ? "ar-SA" : "en-GB", { timeZone: "Asia/Riyadh" });
    list.prepend(li);
    while (list.children.length > 50) list.lastElementChild.remove();
  }

  // --- SignalR JSON hub protocol over a WebSocket -------------------------------------------------------------------
  const RS = "\u001e";
  let socket = null, pending = new Map(), nextId = 1, retry = 0, pinger = 0;

  function invoke(target, ...args) {
    const invocationId = String(nextId++);
    return new Promise((resolve, reject) => {
      pending.set(invocationId, { resolve, reject });
      socket.send(JSON.stringify({ type: 1, invocationId, target, arguments: args }) + RS);
    });
  }

  function onMessage(m) {
    if (m.type === 3) {
      const call = pending.get(m.invocationId);
      pending.delete(m.invocationId);
      if (call) m.error ? call.reject(new Error(m.error)) : call.resolve(m.result);
    } else if (m.type === 1) {
      const e = m.arguments && m.arguments[0];
      const el = e && lots.get(e.lotId);
      if (!el) return;
      if (m.target === "bid") {
        show(el, { state: "open", currentBid: e.currentBid, startingBid: Number(field(el, "current")?.dataset.amount || 0), nextValidAmount: e.nextValidAmount,
          endsAt: e.endsAt, reserveMet: e.reserveMet, bidCount: e.bidCount });
        if (el === root && e.paddle != null && e.currentBid != null) historyItem(e.paddle, e.currentBid, "bid", e.at);
      } else if (m.target === "opened" || m.target === "warning") {
        // The auctioneer's calls in a live sale: the lot is now on the block, or this is the fair warning before the hammer.
        if (m.target === "opened") el.dataset.opensAt = String(Math.min(Number(el.dataset.opensAt), Date.parse(e.at)));
        const status = field(el, "status");
        if (status && words[m.target]) {
          status.textContent = words[m.target];
          status.dataset.kind = m.target;
        }
        tick();
      } else if (m.target === "extended") {
        el.dataset.endsAt = String(Date.parse(e.endsAt));
        const status = field(el, "status");
        if (status && words.extended) {
          status.textContent = words.extended;
          status.dataset.kind = "extended";
        }
        tick();
      } else if (m.target === "closed") {
        el.dataset.state = "closed";
        el.dataset.outcome = e.outcome;
        show(el, { state: "closed", outcome: e.outcome, currentBid: e.hammer, startingBid: Number(field(el, "current")?.dataset.amount || 0),
          endsAt: new Date(Number(el.dataset.endsAt)).toISOString() });
      }
    } else if (m.type === 7) {
      socket.close();
    }
  }

  function connect() {
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/hubs/auctions`;
    socket = new WebSocket(url);
    let handshaken = false, buffer = "";
    socket.onopen = () => socket.send(JSON.stringify({ protocol: "json", version: 1 }) + RS);
    socket.onmessage = async ev => {
      buffer += ev.data;
      const parts = buffer.split(RS);
      buffer = parts.pop();
      for (const part of parts) {
        const m = JSON.parse(part);
        if (!handshaken) {
          handshaken = true;
          if (m.error) { socket.close(); return; }
          retry = 0;
          pinger = setInterval(() => socket.readyState === 1 && socket.send(JSON.stringify({ type: 6 }) + RS), 15000);
          // A (re)joined lot answers with its snapshot: whatever was missed while disconnected is in it.
          for (const [id, el] of lots) {
            invoke("JoinLot", id).then(lot => {
              if (!lot) return;
              offset = Date.parse(lot.serverTime) - Date.now();
              show(el, lot);
            }).catch(() => {});
          }
          root.dataset.live = "true";
          continue;
        }
        onMessage(m);
      }
    };
    socket.onclose = () => {
      root.dataset.live = "false";
      clearInterval(pinger);
      pending.forEach(p => p.reject(new Error("closed")));
      pending = new Map();
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * 2 ** retry);
    };
  }

  // --- Bidding (lot page) ---------------------------------------------------------------------------------------------
  const TOKEN = "artsouk.bidder-token";
  const form = field(root, "bid-form");
  const signin = field(root, "signin");
  const message = form && field(form, "message");

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    return [...b].map(x => x.toString(16).padStart(2, "0")).join("");
  }

  async function api(method, path, body) {
    const token = sessionStorage.getItem(TOKEN);
    const headers = { "Accept": "application/json", "Accept-Language": locale };
    if (body) headers["Content-Type"] = "application/json";
    if (token) headers["Authorization"] = `Bearer ${token}`;
    const response = await fetch(`${path}${path.includes("?") ? "&" : "?"}locale=${locale}`, { method, headers, body: body ? JSON.stringify(body) : undefined, credentials: "same-origin" });
    let json = null;
    try { json = await response.json(); } catch { /* an empty answer */ }
    return { status: response.status, json };
  }

  async function placeBid(amount, maxAmount, clientBidId, again) {
    const { status, json } = await api("POST", `/api/v1/lots/${root.dataset.lot}/bids`, { amount, maxAmount, clientBidId });
    if (status === 201 || status === 200) {
      message.textContent = json.leading ? `${words.accepted} — ${words.leading}` : words.outbid;
      message.dataset.kind = "ok";
      return;
    }
    if (status === 401) {
      sessionStorage.removeItem(TOKEN);
      form.hidden = true;
      signin.hidden = false;
      return;
    }
    if (status === 403 && json && json.code === "registration-required" && !again) {
      const registered = await api("POST", `/api/v1/auctions/${root.dataset.sale}/registrations`);
      if (registered.json && registered.json.state === "approved") return placeBid(amount, maxAmount, clientBidId, true);
      message.textContent = words.pending;
      message.dataset.kind = "error";
      return;
    }
    message.textContent = (json && json.detail) || words.failed;
    message.dataset.kind = "error";
    if (json && json.nextValidAmount != null) show(root, { state: root.dataset.state, currentBid: Number(field(root, "current").dataset.amount || 0) || null,
      startingBid: 0, nextValidAmount: json.nextValidAmount, endsAt: new Date(Number(root.dataset.endsAt)).toISOString() });
  }

  if (form) {
    form.addEventListener("submit", async ev => {
      ev.preventDefault();
      if (!sessionStorage.getItem(TOKEN)) { form.hidden = true; signin.hidden = false; signin.querySelector("input").focus(); return; }
      const amount = Number(form.amount.value);
      const max = form.maxAmount.value ? Number(form.maxAmount.value) : undefined;
      form.querySelector("button").disabled = true;
      try { await placeBid(amount, max, uuid(), false); } catch { message.textContent = words.failed; } finally { form.querySelector("button").disabled = false; }
    });
  }
  if (signin) {
    signin.addEventListener("submit", async ev => {
      ev.preventDefault();
      const { status, json } = await api("POST", "/api/v1/auth/token", { email: signin.email.value, password: signin.password.value });
      if (status === 200 && json && json.access_token) {
        sessionStorage.setItem(TOKEN, json.access_token);
        signin.hidden = true;
        form.hidden = false;
        form.amount.focus();
      } else {
        field(signin, "signin-message").textContent = (json && json.detail) || words.failed;
      }
    });
  }

  async function loadHistory() {
    if (!field(root, "history")) return;
    const { status, json } = await api("GET", `/api/v1/lots/${root.dataset.lot}/bids`);
    if (status !== 200) return;
    json.items.slice(0, 50).reverse().forEach(b => historyItem(b.paddle, b.amount, b.kind, b.placedAt));
  }

  tick();
  setInterval(tick, 1000);
  loadHistory();
  connect();
})();
