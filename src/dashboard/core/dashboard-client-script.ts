/**
 * The live page's script (served pages only; the static report has none). It makes "Re-check now"
 * start the re-check without leaving the page, shows per-gate progress from the server's events, and
 * swaps in the freshly rendered <main> when the server says the readiness changed. Everything it
 * shows arrives as text (textContent) or as the server's own escaped HTML.
 */
export const DASHBOARD_CLIENT_SCRIPT = `(() => {
  const region = document.querySelector('[data-testid="progress"]');
  const form = document.querySelector('form[action="/recheck"]');
  const button = form && form.querySelector("button");
  if (!region || !form || !button) return;
  const status = document.createElement("p");
  const list = document.createElement("ul");
  region.replaceChildren(status, list);
  const items = new Map();
  const say = (text) => { status.textContent = text; };
  const busy = (on) => { button.disabled = on; button.setAttribute("aria-busy", on ? "true" : "false"); };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    busy(true);
    items.clear();
    list.replaceChildren();
    say("Re-checking\\u2026");
    try {
      const answer = await fetch("/recheck", { method: "POST", headers: { "x-shipready": "recheck" } });
      if (answer.status === 409) say("A re-check is already running\\u2026");
      else if (!answer.ok) { say("The re-check could not start (HTTP " + answer.status + ")."); busy(false); }
    } catch (error) {
      say("The dashboard server cannot be reached.");
      busy(false);
    }
  });
  const refresh = async (why) => {
    try {
      const answer = await fetch("/", { headers: { accept: "text/html" } });
      const page = new DOMParser().parseFromString(await answer.text(), "text/html");
      const next = page.getElementById("dashboard");
      const main = document.getElementById("dashboard");
      if (next && main) {
        const x = window.scrollX, y = window.scrollY;
        main.replaceChildren(...next.childNodes);
        window.scrollTo(x, y);
        document.title = page.title;
      }
      say(why + " " + new Date().toLocaleTimeString() + ".");
    } catch (error) {
      say("The page could not be refreshed; reload it.");
    }
    busy(false);
  };
  if (typeof EventSource !== "function") return;
  const events = new EventSource("/events");
  events.addEventListener("progress", (event) => {
    let data;
    try { data = JSON.parse(event.data); } catch (error) { return; }
    busy(true);
    let item = items.get(data.key);
    if (!item) {
      item = document.createElement("li");
      items.set(data.key, item);
      list.append(item);
    }
    item.dataset.state = data.state;
    if (data.outcome) item.dataset.outcome = data.outcome;
    item.textContent = String(data.label) + ": " + (data.state === "start" ? "checking\\u2026" : String(data.outcome || "done"));
    const done = [...items.values()].filter((li) => li.dataset.state === "end").length;
    say("Re-checking: " + done + " of " + items.size + " done\\u2026");
  });
  events.addEventListener("updated", () => refresh("Updated at"));
  events.addEventListener("reload", () => refresh("The checklist or config changed; reloaded at"));
  events.addEventListener("failed", (event) => {
    let data = {};
    try { data = JSON.parse(event.data); } catch (error) { /* say what is known */ }
    const what = data.reason === "reload" ? "Reload failed" : "Re-check failed";
    say(what + ": " + String(data.message || "see the server's output") + " The page shows the last good result.");
    busy(false);
  });
})();`;
