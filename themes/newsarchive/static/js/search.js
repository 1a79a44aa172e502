// Search page: Pagefind's index in the browser, with the query and filters kept in the URL.
// Everything from the index or the URL reaches the page as text (excerpts keep only <mark>).
//
// A large archive's index comes in shards of consecutive years (pagefind/shards.json, newest
// first; plugins/search_index). A search asks the shard it needs first (the newest, or the
// oldest for "oldest first", or only the shard of the year chosen), shows those results, then
// asks the other shards and shows the whole list. Each shard is loaded on first use.

const FILTERS = [
  ["person", "Person"], ["topic", "Topic"], ["organisation", "Organisation"],
  ["place", "Place"], ["source", "Source"], ["year", "Year"],
];
const PAGE_SIZE = 10;

const box = document.getElementById("search");
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const root = new URL(box.dataset.siteroot || "./", window.location.href);

let shards = []; // [{path, years, articles, instance}] newest first
let results = [];
let shown = 0;
let query = "";
let searchId = 0;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Pagefind's excerpt is escaped text with <mark> around the matches: keep exactly that.
function excerpt(html) {
  const p = element("p", "summary");
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body;
  for (const node of parsed.firstChild ? parsed.firstChild.childNodes : []) {
    if (node.nodeType === Node.TEXT_NODE) p.append(node.textContent);
    else if (node.nodeName === "MARK") p.append(element("mark", "", node.textContent));
    else p.append(node.textContent);
  }
  return p;
}

async function renderMore(count = PAGE_SIZE) {
  const batch = results.slice(shown, shown + count);
  shown += batch.length;
  const data = await Promise.all(batch.map((r) => r.data()));
  for (const item of data) {
    const li = element("li");
    const h2 = element("h2");
    const a = element("a", "", item.meta.title || item.url);
    a.href = item.url;
    h2.append(a);
    const meta = [item.meta.date, item.meta.source].filter(Boolean).join(" · ");
    const summary = query ? excerpt(item.excerpt) : element("p", "summary", item.meta.summary || "");
    li.append(h2, element("p", "meta", meta), summary);
    list.append(li);
  }
  more.hidden = shown >= results.length;
}

function state() {
  const params = new URLSearchParams();
  const q = form.q.value.trim();
  if (q) params.set("q", q);
  for (const [key] of FILTERS) {
    const select = form.elements[key];
    if (select && select.value) params.set(key, select.value);
  }
  if (form.sort.value) params.set("sort", form.sort.value);
  return params;
}

async function run(push) {
  const params = state();
  const url = `${window.location.pathname}${params.toString() ? "?" + params : ""}`;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
  box.dataset.state = "busy";
  list.replaceChildren();
  more.hidden = true;
  const filters = {};
  for (const [key] of FILTERS) if (params.get(key)) filters[key] = params.get(key);
  const q = params.get("q");
  if (!q && !Object.keys(filters).length) {
    status.textContent = "Type words to find, or choose a filter.";
    box.dataset.state = "done";
    return;
  }
  const order = params.get("sort");
  const sort = { newest: { date: "desc" }, oldest: { date: "asc" } }[order];
  query = q || "";
  const id = ++searchId;
  const needed = shardsFor(filters.year, order);
  const found = [];
  for (const [i, shard] of needed.entries()) {
    const instance = await load(shard);
    found.push((await instance.search(q || null, { filters, sort })).results);
    if (id !== searchId) return; // a newer search has started
    if (i === 0 || i === needed.length - 1) {
      // the first shard's results at once; the whole list when every shard has answered
      const keep = Math.max(shown, PAGE_SIZE);
      results = merge(found, order);
      shown = 0;
      list.replaceChildren();
      await renderMore(keep);
      const done = i === needed.length - 1;
      describe(q, filters, done ? "" : " so far, searching earlier years…");
      box.dataset.state = done ? "done" : "partial";
    }
  }
  if (!needed.length) {
    describe(q, filters, "");
    box.dataset.state = "done";
  }
}

function describe(q, filters, suffix) {
  const scope = Object.values(filters).join(", ");
  status.textContent =
    `${results.length} ${results.length === 1 ? "article" : "articles"}` +
    (q ? ` for “${q}”` : "") + (scope ? ` in ${scope}` : "") + suffix;
}

// Shards are in date order, so "newest" and "oldest" concatenate; relevance merges by score.
function merge(found, order) {
  if (order === "newest" || order === "oldest") return found.flat();
  return found.flat().sort((a, b) => b.score - a.score);
}

// The shards a search needs, in the order to ask them: only the chosen year's, if one is.
function shardsFor(year, order) {
  if (year) return shards.filter((s) => s.years.includes(year)).slice(0, 1);
  return order === "oldest" ? [...shards].reverse() : shards;
}

// Pagefind's runtime, loaded once; then one instance per shard, made on first use.
let runtime = null;
async function load(shard) {
  runtime ||= import(new URL("pagefind/pagefind.js", root).href);
  if (!shard.instance) {
    shard.instance = (async () => {
      const basePath = new URL(`pagefind/${shard.path}`, root).pathname;
      const instance = (await runtime).createInstance({ basePath });
      await instance.options({ baseUrl: root.pathname, excerptLength: 30 });
      await instance.init();
      return instance;
    })();
  }
  return shard.instance;
}

// A filter's <select>, made on first use. Filter values are only downloaded when the reader
// asks for them (they grow with the archive: ~770 KB at 20,000 articles), so a search costs
// only what it needs.
function filterSelect(key) {
  if (form.elements[key]) return form.elements[key];
  const label = FILTERS.find(([name]) => name === key)[1];
  const select = element("select");
  select.name = key;
  select.append(new Option(`Any ${label.toLowerCase()}`, ""));
  const wrapper = element("label", "", `${label} `);
  wrapper.append(select);
  const fieldset = document.getElementById("search-filters");
  fieldset.insertBefore(wrapper, fieldset.querySelector("#search-show-filters"));
  return select;
}

function restore() {
  const params = new URLSearchParams(window.location.search);
  form.q.value = params.get("q") || "";
  for (const [key] of FILTERS) {
    const value = params.get(key) || "";
    if (!value && !form.elements[key]) continue;
    const select = filterSelect(key);
    if (value && ![...select.options].some((o) => o.value === value)) {
      select.append(new Option(value, value));
    }
    select.value = value;
  }
  form.sort.value = params.get("sort") || "";
}

async function buildFilters() {
  const button = document.getElementById("search-show-filters");
  button.disabled = true;
  const available = {};
  for (const shard of shards) {
    const counts = await (await load(shard)).filters();
    for (const [key, values] of Object.entries(counts)) {
      const merged = (available[key] ||= {});
      for (const [value, count] of Object.entries(values)) merged[value] = (merged[value] || 0) + count;
    }
  }
  for (const [key] of FILTERS) {
    const values = Object.entries(available[key] || {});
    if (!values.length) continue;
    values.sort((a, b) => (key === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])));
    const select = filterSelect(key);
    const chosen = select.value;
    select.replaceChildren(select.options[0]);
    for (const [value, count] of values) select.append(new Option(`${value} (${count})`, value));
    select.value = chosen;
  }
  button.remove();
}

async function start() {
  try {
    const response = await fetch(new URL("pagefind/shards.json", root));
    if (!response.ok) throw new Error(`shards.json: ${response.status}`);
    shards = await response.json();
    const params = new URLSearchParams(window.location.search);
    if (shards.length) await load(shardsFor(params.get("year"), params.get("sort"))[0] || shards[0]);
  } catch (error) {
    status.textContent = "The search index could not be loaded.";
    box.dataset.state = "failed";
    return;
  }
  restore();
  document.getElementById("search-show-filters").addEventListener("click", buildFilters);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(true);
  });
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT") run(true);
  });
  more.addEventListener("click", () => renderMore());
  window.addEventListener("popstate", () => {
    restore();
    run(false);
  });
  await run(false);
}

start();
