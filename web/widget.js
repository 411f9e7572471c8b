/* qa-bot chat widget: one <script src="https://HOST/widget.js" defer data-title="..."></script>.
   Plain JavaScript, no build step. All text is inserted with textContent, never as HTML. */
(function () {
  "use strict";
  if (window.__qaBotWidget) return;
  window.__qaBotWidget = true;

  var script = document.currentScript || Array.prototype.slice.call(
    document.querySelectorAll("script[src]")).filter(function (s) { return /\/widget\.js(\?|$)/.test(s.src); })[0];
  var ORIGIN = new URL(script.src, location.href).origin;
  var data = script.dataset;
  var TITLE = data.title || "Ask a question";
  var STORE_KEY = "qa-bot:" + ORIGIN;
  var TIMEOUT_MS = 15000;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "class") node.className = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    if (text != null) node.textContent = text;
    return node;
  }

  var ICONS = {  // 24x24 outline paths; SVG needs no emoji font and no inline HTML
    chat: "M4 5h16v11H8l-4 4z",
    up: "M7 11v9H4v-9zm3 9h7.5a2 2 0 0 0 2-1.6l1.3-6A2 2 0 0 0 18.8 10H14l.8-4a1.7 1.7 0 0 0-3.2-1L10 10z",
    down: "M7 13V4H4v9zm3-9h7.5a2 2 0 0 1 2 1.6l1.3 6a2 2 0 0 1-2 2.4H14l.8 4a1.7 1.7 0 0 1-3.2 1L10 14z"
  };
  function icon(name) {
    var NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "qa-svg");
    var path = document.createElementNS(NS, "path");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  function load() {
    try { return JSON.parse(sessionStorage.getItem(STORE_KEY)) || {}; } catch (e) { return {}; }
  }
  var state = load();
  state.messages = Array.isArray(state.messages) ? state.messages : [];
  function save() {
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* private mode: keep going */ }
  }

  // A custom tag, reset inline with !important: page rules like `div { transform: ... }` or
  // `* { color: red !important }` can neither move the widget nor leak into it.
  var host = el("qa-bot-widget", { id: "qa-bot-widget" });
  host.style.setProperty("all", "initial", "important");
  host.style.setProperty("display", "block", "important");
  var root = host.attachShadow({ mode: "open" });
  root.appendChild(el("link", { rel: "stylesheet", href: ORIGIN + "/widget.css" }));
  if (data.accent && window.CSS && CSS.supports("color", data.accent)) host.style.setProperty("--qa-accent", data.accent);
  var wrap = el("div", { class: "qa-wrap " + (data.position === "left" ? "qa-left" : "qa-right") });
  root.appendChild(wrap);

  var launcher = el("button", { type: "button", class: "qa-launcher", "aria-expanded": "false",
    "aria-controls": "qa-panel", "aria-label": "Open chat: " + TITLE });
  launcher.appendChild(icon("chat"));
  launcher.appendChild(el("span", { class: "qa-launcher-text" }, "Chat"));

  var panel = el("section", { id: "qa-panel", class: "qa-panel", role: "dialog", "aria-label": TITLE, hidden: "" });
  // A plain div, not <header>: inside the host page a <header> would be a second banner landmark.
  var header = el("div", { class: "qa-header" });
  header.appendChild(el("h2", { class: "qa-title" }, TITLE));
  var clearBtn = el("button", { type: "button", class: "qa-icon", "aria-label": "Clear conversation", title: "Clear conversation" }, "↺");
  var closeBtn = el("button", { type: "button", class: "qa-icon qa-close", "aria-label": "Close chat", title: "Close chat" }, "✕");
  header.appendChild(clearBtn);
  header.appendChild(closeBtn);
  var notice = el("p", { class: "qa-notice" }, "General information from the documents, not medical advice.");
  // role="log" sits on a wrapper so the <ol> keeps its list semantics for the <li> messages.
  var log = el("div", { class: "qa-log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  var greeting = el("p", { class: "qa-greeting", hidden: "" });
  var list = el("ol", { class: "qa-messages" });
  log.appendChild(greeting);
  log.appendChild(list);
  var chips = el("div", { class: "qa-chips", role: "group", "aria-label": "Suggested questions" });
  var form = el("form", { class: "qa-form" });
  var input = el("input", { type: "text", class: "qa-input", "aria-label": "Your question", placeholder: "Type your question…",
    autocomplete: "off", maxlength: "2000", enterkeyhint: "send" });
  var send = el("button", { type: "submit", class: "qa-send", "aria-label": "Send question" }, "Send");
  form.appendChild(input);
  form.appendChild(send);
  [header, notice, log, chips, form].forEach(function (n) { panel.appendChild(n); });
  wrap.appendChild(panel);
  wrap.appendChild(launcher);

  function setChips(questions) {
    chips.textContent = "";
    (questions || []).slice(0, 3).forEach(function (q) {
      var chip = el("button", { type: "button", class: "qa-chip" }, q);
      chip.addEventListener("click", function () { ask(q); });
      chips.appendChild(chip);
    });
  }

  function feedback(msg, helpful, buttons, rate) {
    buttons.forEach(function (b) { b.disabled = true; });
    buttons[helpful ? 0 : 1].setAttribute("aria-pressed", "true");
    fetch(ORIGIN + "/api/feedback", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ conversation_id: state.conversationId || "", helpful: helpful,
        question: msg.question || "", document: msg.citation ? msg.citation.document : "",
        section: msg.citation ? msg.citation.section : "" }) })
      .then(function (r) {
        if (!r.ok) throw new Error("feedback " + r.status);
        msg.rated = helpful ? "up" : "down";
        save();
        var stale = rate.querySelector(".qa-rate-note");
        if (stale) stale.remove();  // an earlier failure is no longer true
      })
      .catch(function () {
        // Not saved (the conversation expired, or the server could not store it): say so, and let them try again.
        buttons.forEach(function (b) { b.disabled = false; b.setAttribute("aria-pressed", "false"); });
        var note = rate.querySelector(".qa-rate-note");
        if (!note) note = rate.appendChild(el("span", { class: "qa-rate-note", role: "status" }));
        note.textContent = "Your rating could not be saved.";
      });
  }

  function renderBot(msg) {
    var item = el("li", { class: "qa-msg qa-bot qa-" + (msg.kind || "answer") });
    if (msg.kind === "safety") {
      item.setAttribute("role", "alert");
      item.appendChild(el("strong", { class: "qa-safety-title" }, "Please get help now"));
    }
    String(msg.text || "").split("\n").forEach(function (line) { item.appendChild(el("p", {}, line)); });
    if (msg.citation) {
      var details = el("details", { class: "qa-source" });
      details.appendChild(el("summary", {}, "Source: " + msg.citation.title + " › " + msg.citation.section));
      details.appendChild(el("blockquote", {}, msg.citation.quote));
      var link = el("a", { href: new URL(msg.citation.url, ORIGIN).href, target: "_blank", rel: "noopener" },
        "Open the document at this passage");
      details.appendChild(link);
      item.appendChild(details);
    }
    if (msg.kind === "answer" || msg.kind === "abstain") {
      var rate = el("div", { class: "qa-rate", role: "group", "aria-label": "Was this helpful?" });
      var up = el("button", { type: "button", class: "qa-thumb", "aria-label": "Helpful", "aria-pressed": "false" });
      var down = el("button", { type: "button", class: "qa-thumb", "aria-label": "Not helpful", "aria-pressed": "false" });
      up.appendChild(icon("up"));
      down.appendChild(icon("down"));
      var buttons = [up, down];
      if (msg.rated) { buttons.forEach(function (b) { b.disabled = true; }); buttons[msg.rated === "up" ? 0 : 1].setAttribute("aria-pressed", "true"); }
      up.addEventListener("click", function () { feedback(msg, true, buttons, rate); });
      down.addEventListener("click", function () { feedback(msg, false, buttons, rate); });
      rate.appendChild(up);
      rate.appendChild(down);
      item.appendChild(rate);
    }
    return item;
  }

  function render(msg) {
    var item;
    if (msg.role === "user") item = el("li", { class: "qa-msg qa-user" }, msg.text);
    else if (msg.role === "error") {
      item = el("li", { class: "qa-msg qa-error", role: "alert" }, msg.text + " ");
      var retry = el("button", { type: "button", class: "qa-retry" }, "Try again");
      retry.addEventListener("click", function () {
        state.messages = state.messages.filter(function (m) { return m !== msg; });
        item.remove();
        save();
        ask(msg.question, true);
      });
      item.appendChild(retry);
    } else item = renderBot(msg);
    list.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  var typing = el("li", { class: "qa-msg qa-bot qa-typing", "aria-label": "The assistant is typing" });
  typing.appendChild(el("span", { class: "qa-dots", "aria-hidden": "true" }, "• • •"));
  var busy = false;

  function push(msg) { state.messages.push(msg); save(); render(msg); }

  function ask(question, isRetry) {
    question = String(question || "").trim();
    if (!question || busy) return;
    busy = true;
    send.disabled = true;
    if (!isRetry) push({ role: "user", text: question });
    chips.textContent = "";
    list.appendChild(typing);
    log.scrollTop = log.scrollHeight;
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, TIMEOUT_MS);
    var body = { question: question };
    if (state.conversationId) body.conversation_id = state.conversationId;
    fetch(ORIGIN + "/api/ask", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body), signal: controller ? controller.signal : undefined })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (d) { return { ok: r.ok, status: r.status, data: d }; });
      })
      .then(function (res) {
        if (!res.ok) {
          var why = res.data && res.data.error && res.data.error.message;
          throw new Error(why ? "Sorry, that didn't work: " + why + "." : "Sorry, the service had a problem (" + res.status + ").");
        }
        var d = res.data;
        if (!state.greeting) showGreeting("");  // the service answers: a "couldn't reach it" line is out of date
        state.conversationId = d.conversation_id || state.conversationId;
        push({ role: "bot", kind: d.kind, text: d.answer, question: question,
          citation: d.kind === "answer" && d.citations && d.citations[0] || null });
        setChips(d.suggestions);
      })
      .catch(function (e) {
        var text = e && e.name !== "AbortError" && /^Sorry/.test(e.message) ? e.message
          : "Sorry, I couldn't reach the service. Check your connection, or try again in a moment.";
        push({ role: "error", text: text, question: question });
      })
      .then(function () {
        clearTimeout(timer);
        typing.remove();
        busy = false;
        send.disabled = false;
      });
  }

  function showGreeting(text) {
    greeting.textContent = text || "";
    greeting.hidden = !text;
  }

  // The greeting and starter questions come from the loaded documents (GET /api/welcome).
  function starters() {
    fetch(ORIGIN + "/api/welcome").then(function (r) {
      if (!r.ok) throw new Error("welcome " + r.status);
      return r.json();
    }).then(function (d) {
      state.greeting = d.greeting || "";
      save();
      showGreeting(state.greeting);
      if (!state.messages.length) setChips(d.suggestions);
    }).catch(function () {
      // Offline, or this site is not among the service's allowed origins: say so at once, not on the first question.
      showGreeting("Sorry, I couldn't reach the service right now.");
    });
  }

  function open(focus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    wrap.classList.add("qa-open");
    state.open = true;
    save();
    if (!state.messages.length || !state.greeting) starters();
    log.scrollTop = log.scrollHeight;  // a conversation restored while the panel was hidden opens at its end
    if (focus !== false) input.focus();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    wrap.classList.remove("qa-open");
    state.open = false;
    save();
    launcher.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) open(); else close(); });
  closeBtn.addEventListener("click", close);
  clearBtn.addEventListener("click", function () {
    state.messages = [];
    delete state.conversationId;
    save();
    list.textContent = "";
    starters();
    input.focus();
  });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); close(); } });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value;
    if (q.trim() && !busy) { input.value = ""; ask(q); }
  });

  showGreeting(state.greeting);
  state.messages.forEach(render);
  function mount() {
    document.body.appendChild(host);
    if (state.open || (state.open === undefined && data.open === "true")) open(false);
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
