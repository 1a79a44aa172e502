// Search page: Pagefind's index in the browser, with the query and filters kept in the URL.
// Everything from the index or the URL reaches the page as text (excerpts keep only <mark>).
//
// A large archive's index comes in shards of consecutive years (pagefind/shards.json, newest
// first; plugins/search_index). A cold search downloads one shard, however large the archive:
// first it asks two small things which years can hold matches, and about how many (the years
// index for words, in two parts: pagefind/years-newest/ for the newest shard's years, which
// the build re-indexes alone as articles arrive, and pagefind/years/ for the others';
// pagefind/filters/<key>.json for a person, topic, ...); then it searches the first shard
// that can hold matches (the newest, the oldest for "oldest first", the chosen year's) and
// says how many more matches there are, about, in which years, with a button to search the
// next shard and one to search every year. How far the search reaches is in the URL too
// (since=YEAR, until=YEAR for "oldest first", or all=1).
//
// The newest shard may come in two parts, its newest quarter's pages apart from the rest of
// its year (its "parts" in shards.json), so that a day's news re-indexes that quarter only:
// the page searches the parts as one (inParts).

const FILTERS = [
  ["person", "Person"], ["topic", "Topic"], ["organisation", "Organisation"],
  ["place", "Place"], ["source", "Source"], ["year", "Year"],
];
const PAGE_SIZE = 10;
// How long the arrow keys rest in a filter menu before its choice is searched.
const KEY_PAUSE_MS = 400;
// The Year filter of an undated article: its byline's "Date unknown" (templates/_macros.html).
// Its articles are in the shard holding the "undated" year.
const UNDATED = "Date unknown";
const shardYear = (year) => (year === UNDATED ? "undated" : year);
const yearFilter = (year) => (year === "undated" ? UNDATED : year);

const box = document.getElementById("search");
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const root = new URL(box.dataset.siteroot || "./", window.location.href);
const baseTitle = document.title;

// What the search covers beyond its first shard, and the buttons to reach further (below
// the count; the "More results" button under the list reaches further too, once every
// result found is shown).
const scopeNote = element("p", "search-scope");
scopeNote.id = "search-scope";
scopeNote.hidden = true;
status.after(scopeNote);
let further = null; // {years, go}: the next shard to search, if any
// Under a search that found nothing, what may have been meant: a filter value in the
// address that the archive has under no name (a link typed by hand, "?person=Lavrov"), with
// the names it may mean, and a name spelled otherwise ("Riabkov"), rather than a silent
// "0 articles".
const searchNote = element("p", "search-scope");
searchNote.id = "search-note";
searchNote.hidden = true;
scopeNote.after(searchNote);

let shards = []; // [{path, years, articles, instance}] newest first
let results = [];
let shown = 0;
let query = "";
let searchId = 0;
let reach = { all: false, year: null }; // from the URL: all=1, since=/until=YEAR
// The search whose results are shown: its words, filters, order and the shards it searched
// (the filter menus count its matches).
let shownSearch = { q: "", filters: {}, order: "", searched: [] };

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const number = (n) => n.toLocaleString("en");

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

// The words of Pagefind's content (a match's location is its place among them). Pagefind
// ends every block of text with a full stop, even one whose own stop stands before a closing
// quote or bracket ('a new baseline.". The'): that second stop is left out.
function contentWords(content) {
  return content
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.replace(/([.!?…]["'”’»)\]]+)\.$/u, "$1"));
}

// How many of the words of Pagefind's content are the title it starts with (0 if it does not).
function titleWords(item, words) {
  const title = (item.meta.title || "").split(/\s+/).filter(Boolean);
  const last = title.length - 1; // (Pagefind ends a heading with a full stop)
  const same = (word, i) => words[i] === word || (i === last && words[i] === `${word}.`);
  return title.length && title.every(same) ? title.length : 0;
}

// Pagefind's content starts with the title, so its excerpt of a match in the first lines
// began with the title's last words, under the title itself. The excerpt is made here from
// the same words and match locations (a word's position in the content split at spaces):
// EXCERPT_WORDS words from a few before the first match of the run holding the most matches,
// after the title. A page whose matches are all in its title shows its opening words; text
// Pagefind split into words itself (Chinese, Japanese: zero-width spaces) keeps its excerpt.
const EXCERPT_WORDS = 30;
const EXCERPT_LEAD = 5;
function bodyExcerpt(item) {
  const content = item.content || "";
  if (!item.locations || content.includes("\u200b")) return excerpt(item.excerpt);
  const words = contentWords(content);
  const skip = titleWords(item, words);
  const found = item.locations.filter((at) => at >= skip && at < words.length);
  const hits = [...new Set(found)].sort((a, b) => a - b);
  if (!hits.length) return element("p", "summary", opening(item));
  let first = hits[0];
  let most = 0;
  for (const [i, at] of hits.entries()) {
    const within = hits.slice(i).filter((other) => other < at + EXCERPT_WORDS - EXCERPT_LEAD).length;
    if (within > most) [first, most] = [at, within];
  }
  const start = Math.max(skip, Math.min(first - EXCERPT_LEAD, words.length - EXCERPT_WORDS));
  const end = Math.min(words.length, start + EXCERPT_WORDS);
  const marked = new Set(hits);
  const p = element("p", "summary");
  if (start > skip) p.append("… ");
  let text = "";
  for (let at = start; at < end; at++) {
    const gap = at > start ? " " : "";
    if (!marked.has(at)) {
      text += gap + words[at];
      continue;
    }
    p.append(text + gap, element("mark", "", words[at]));
    text = "";
  }
  p.append(text + (end < words.length ? " …" : ""));
  return p;
}

// Pagefind answers a word its index lacks with the longest start of it that the index has
// ("artery" finds every "a", "qwertyuiop" the "Q:" of an interview, "missle" the "missing"),
// which helps while a word is half typed but, for a word no article has, lists pages that do
// not contain it; beside other words, it drops such a word ("missile xylophone" found what
// "missile" does). It does so for every page of the answer alike, so the first page tells:
// each word of the query must have matched one of the page's words as Pagefind matches a
// word it has, by the start of the word's stem, else the answer is no answer. The stem is
// the word less an ending the stemmer may take off ("inspections" matches "inspectors",
// "artery" "arteries"). In a site not in English (the endings below are English ones), or
// for a word in another script (whose text Pagefind may cut into words otherwise than at
// spaces), a word is taken as found unless the page's words matched only a shorter start of it.
async function withoutNearestWords(answer, q) {
  const terms = (q || "").split(/[\s"]+/).map((term) => unaccented(letters(term))).filter(Boolean);
  if (!terms.length || !answer.results.length) return answer;
  const item = await answer.results[0].data();
  if (!item.locations || (item.content || "").includes("\u200b")) return answer;
  const words = item.content.split(/\s+/).filter(Boolean);
  const matched = new Set(item.locations.flatMap((at) => wordForms(words[at] || "")));
  const english = /^en\b/i.test(document.documentElement.lang || "en");
  const found = (term) =>
    english && LATIN.test(term)
      ? [...matched].some((word) => sameStem(word, term))
      : [...matched].some((word) => sameStart(word, term)) ||
        ![...matched].some((word) => word.length < term.length && term.startsWith(word));
  return terms.every(found) ? answer : { ...answer, results: [] };
}

// A word in Latin letters (and digits): the words an English stemmer changes.
const LATIN = /^[\p{Script=Latin}\p{N}]+$/u;

// A word of the text as Pagefind indexes it: whole, and each part of a compound
// ("U.S.-Russia": "usrussia", "us", "russia"), without accents, as it also finds them.
function wordForms(word) {
  const parts = word.split(/[-\u2010-\u2015/]+/).map(letters).filter(Boolean);
  return [letters(word), ...(parts.length > 1 ? parts : [])].filter(Boolean).map(unaccented);
}

function unaccented(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "");
}

function sharedStart(a, b) {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
}

function sameStart(word, term) {
  return sharedStart(word, term) >= Math.min(term.length, Math.max(4, Math.ceil(term.length / 2)));
}

// What an English stemmer may take off a word's end, in pieces ("izations": iz, at, ion,
// s), with a last consonant doubled before them ("running"): the rest is the stem every form
// of the word starts with.
const ENDINGS = new Set(("s es ies ied i y ying e ed ing ly li er ers est ion at al ance ence ic " +
  "abl able ible ably ibly ant ent ement ment ism ist ate iti ity ous ive iv ize ise iz is ful " +
  "less ness ical ship").split(" "));

function endings(rest) {
  if (!rest) return true;
  for (let n = 1; n <= rest.length; n++) {
    if (ENDINGS.has(rest.slice(0, n)) && endings(rest.slice(n))) return true;
  }
  return false;
}

function sameStem(word, term) {
  const shared = sharedStart(word, term);
  if (shared === term.length) return true; // the word starts with the term: its start typed
  // the stem may end before the shared start does ("closed" and "closes": "clos", then "ed")
  for (let stem = shared; stem >= 2; stem--) {
    const rest = term.slice(stem);
    if (endings(rest) || (rest[0] === term[stem - 1] && endings(rest.slice(1)))) return true;
  }
  return false;
}

// A word as Pagefind compares it: lower case, letters and digits only.
function letters(word) {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

// With no words to find (filters only), the article's opening words: its page carries no
// summary of its own (issue 9), and Pagefind's content starts with the title, left out here.
function opening(item) {
  const text = contentWords(item.content || "");
  const words = text.slice(titleWords(item, text));
  return words.slice(0, EXCERPT_WORDS).join(" ") + (words.length > EXCERPT_WORDS ? " …" : "");
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
    const summary = query ? bodyExcerpt(item) : element("p", "summary", opening(item));
    // an article in another language says so on its own words (its page's "lang" metadata),
    // so a screen reader reads them in that language's voice, the date and source in the
    // page's; and they take their own direction (Arabic or Hebrew: right to left)
    if (item.meta.lang) {
      a.lang = summary.lang = item.meta.lang;
      a.dir = summary.dir = "auto";
    }
    li.append(h2, element("p", "meta", meta), summary);
    list.append(li);
  }
  updateMore();
  remember();
}

// Back to the search from a result: the list as it was left. A browser that keeps no copy
// of the page (no back/forward cache) runs the search again, and the results "More results"
// had added, and the place among them, were lost; the history entry keeps both (not the
// URL: a search shared or bookmarked starts at its top).
window.history.scrollRestoration = "manual"; // (the browser's came before the results)

function remember() {
  window.history.replaceState({ ...window.history.state, shown, scroll: window.scrollY }, "");
}

// "More results": the next page of results, or the next shard's.
function showMore() {
  return keepingPlace(async () => {
    if (shown < results.length) await renderMore();
    else if (further) await further.go();
  });
}

// What shows more results (the "More results" button, or the buttons searching more years)
// may go as it does, and the focus with it to the top of the page: it moves to the first
// result added (else to "More results"), where a keyboard or screen reader user goes on.
async function keepingPlace(step) {
  const from = shown;
  await step();
  const added = list.children[from];
  if (added) added.querySelector("a").focus();
  else if (!more.hidden) more.focus();
}

function updateMore() {
  if (shown < results.length) more.textContent = "More results";
  else if (further) more.textContent = `More results: search ${further.years} too`;
  more.hidden = shown >= results.length && !further;
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
  if (reach.all) params.set("all", "1");
  else if (reach.year) params.set(form.sort.value === "oldest" ? "until" : "since", reach.year);
  return params;
}

// `push`: the search is a new history entry (true), takes the place of the current one
// ("replace"), or is the one the URL already says (false). `keep`: how many results to show
// at first (a search reaching further, what was shown and a page more; one come back to
// through the history, what it showed then). `menu`: the menu browsed with the arrow keys,
// if any. `pinned`: the ids of the results shown, first and in their order, when the search
// reaches further (in order of relevance, the new shard's would shuffle them).
async function run(push, keep = PAGE_SIZE, menu = null, pinned = []) {
  const params = state();
  const url = `${window.location.pathname}${params.toString() ? "?" + params : ""}`;
  const back = push ? {} : window.history.state || {};
  if (push === "replace") window.history.replaceState({ menu }, "", url);
  else if (push) {
    remember(); // where the search left stands in its history entry
    window.history.pushState({ menu }, "", url);
  }
  box.dataset.state = "busy";
  if (menus) filterBox.dataset.counts = "busy";
  further = null;
  keep = Math.max(keep, back.shown || 0, PAGE_SIZE);
  shown = 0;
  list.replaceChildren();
  more.hidden = true;
  scopeNote.hidden = true;
  const filters = {};
  for (const [key] of FILTERS) if (params.get(key)) filters[key] = params.get(key);
  const q = params.get("q");
  // the tab, the history and a bookmark name the search (“missile” in Sergei Lavrov ·
  // Search · …): its filters too, or every search by filters alone was "Search · …"
  const name = [q ? quoted(q) : "", Object.values(filters).join(", ")].filter(Boolean).join(" in ");
  document.title = (name ? `${name} · ` : "") + baseTitle;
  if (!q && !Object.keys(filters).length) {
    results = [];
    status.textContent = "Type words to find, or choose a filter.";
    box.dataset.state = "done";
    shownSearch = { q: "", filters, order: "", searched: [] };
    fillMenus();
    return;
  }
  // with no words to rank by (filters only), newest first: Pagefind's order is then none;
  // the menu's default says which it is
  const order = params.get("sort") || (q ? "" : "newest");
  form.elements.sort.options[0].textContent = q ? "Relevance" : "Default: newest first";
  const sort = { newest: { date: "desc" }, oldest: { date: "asc" } }[order];
  query = q || "";
  const id = ++searchId;
  const candidates = await locate(q, filters, order);
  if (id !== searchId) return; // a newer search has started
  const count = reachFor(candidates, order);
  const now = candidates.slice(0, count);
  const later = candidates.slice(count);
  // every shard asked at once (their downloads overlap); the first one's results shown as
  // soon as it answers, the whole list when all have
  const asked = now.map((c) =>
    searchShard(c.shard, q, filters, sort).then((answer) => withoutNearestWords(answer, q)),
  );
  const show = async (answers, n) => {
    results = merge(answers.map((a) => a.results), order, pinned);
    shown = 0;
    list.replaceChildren();
    await renderMore(n);
  };
  if (now.length > 1) {
    const first = await asked[0];
    if (id !== searchId) return; // a newer search has started
    await show([first], PAGE_SIZE);
    if (id !== searchId) return;
    describe(q, filters, now.slice(0, 1), [...now.slice(1), ...later], false);
    box.dataset.state = "partial";
  }
  results = [];
  if (now.length) {
    const answers = await Promise.all(asked);
    if (id !== searchId) return;
    await show(answers, keep);
    if (id !== searchId) return;
  }
  describe(q, filters, now, later, true);
  const check = addressToCheck && !results.length && Object.keys(filters).length;
  addressToCheck = false;
  if (check && (await mendAddressFilters())) {
    if (id === searchId) run("replace", keep);
    return;
  }
  const spelling = q && !results.length && !later.length ? await spelledAs(q, filters) : null;
  if (id !== searchId) return;
  showNotes(spelling);
  box.dataset.state = "done";
  if (back.scroll) window.scrollTo(0, back.scroll);
  shownSearch = { q: q || "", filters, order, searched: now.map((c) => c.shard) };
  fillMenus();
}

// "12 articles for “harbour” in Jonas Friedl in 2016–2024" (", date unknown" for the undated
// articles' year filter), then what is left: about how many more matches, in which years,
// and the buttons to search them.
function describe(q, filters, searched, left, done) {
  const named = Object.entries(filters).filter(([key, value]) => key !== "year" || value !== UNDATED);
  const scope = named.map(([, value]) => value).join(", ");
  const span = yearsOf(searched.map((c) => c.shard));
  status.textContent =
    `${number(results.length)} ${results.length === 1 ? "article" : "articles"}` +
    (q ? ` for ${quoted(q)}` : "") + (scope ? ` in ${scope}` : "") +
    (filters.year === UNDATED ? ", date unknown" : "") +
    (left.length && span ? ` in ${span}` : "") +
    (done ? "" : ", searching more years…") +
    readAs(q);
  box.dataset.found = String(results.length);
  if (!done || !left.length) {
    scopeNote.hidden = true;
    return;
  }
  const estimate = sumEstimates(left);
  const next = left[0];
  const where = yearsOf(left.map((c) => c.shard));
  const text = !estimate
    ? `More articles may match in ${where}, not searched yet. `
    : left[0].exact
      ? `${estimate} more ${estimate === "1" ? "article" : "articles"} in ${where}, not searched yet. `
      : `${estimate} more articles may match in ${where}, not searched yet. `;
  scopeNote.replaceChildren(text.charAt(0).toUpperCase() + text.slice(1));
  further = {
    years: yearsOf([next.shard]),
    go: () => {
      reach = { all: false, year: edgeYear(next.shard) };
      return reachFurther();
    },
  };
  updateMore();
  const nextButton = element("button", "", `Search ${further.years} too`);
  nextButton.type = "button";
  nextButton.id = "search-further";
  const go = further.go;
  nextButton.addEventListener("click", () => keepingPlace(go));
  scopeNote.append(nextButton);
  if (left.length > 1) {
    const allButton = element("button", "", "Search every year");
    allButton.type = "button";
    allButton.id = "search-all-years";
    allButton.addEventListener("click", () =>
      keepingPlace(() => {
        reach = { all: true, year: null };
        return reachFurther();
      }),
    );
    scopeNote.append(" ", allButton);
  }
  scopeNote.hidden = false;
}

// The search has no -word and no OR (the help page says so), but a query with them ran as
// words: "Lavrov -Hagel" listed the articles naming both, "Lavrov OR Hagel" those with the
// word "or" besides. The status says how such a query was read.
// (No lookbehind in these expressions: before 16.4, Safari could not parse the script.)
function readAs(q) {
  const outside = parseQuery(q).text.replace(/"[^"]*"/g, " ");
  const minus = outside.match(/(?:^|\s)(-[\p{L}\p{N}]\S*)/u)?.[1];
  const notes = [];
  if (minus) notes.push(`“${minus}” was searched as “${minus.slice(1)}”: the search cannot leave a word out`);
  if (/(?:^|\s)OR(?=\s|$)/.test(outside)) notes.push("OR was searched as a word: every word counts");
  return notes.length ? `. ${notes.join(". ")}.` : "";
}

// The search again, over the years `reach` now says: the results shown stay, in their
// order, and a page more follows them.
function reachFurther() {
  return run(true, shown + PAGE_SIZE, null, results.slice(0, shown).map((r) => r.id));
}

// The words as typed, in curly quotes unless they hold quotes of their own (a phrase:
// “"missile talks"” read badly).
function quoted(q) {
  return /["“”]/.test(q) ? q : `“${q}”`;
}

// The year a search must reach to include a shard: its oldest (its newest for "oldest first").
function edgeYear(shard) {
  const years = shard.years.filter((y) => y !== "undated");
  if (!years.length) return "undated";
  return form.sort.value === "oldest" ? years[years.length - 1] : years[0];
}

function yearsOf(list) {
  const years = list.flatMap((s) => s.years).filter((y) => y !== "undated").sort();
  const undated = list.some((s) => s.years.includes("undated"));
  const span = years.length
    ? years[0] === years[years.length - 1] ? years[0] : `${years[0]}–${years[years.length - 1]}`
    : "";
  return [span, undated ? "undated articles" : ""].filter(Boolean).join(" and ");
}

// How many shards to search now: the first candidate, or as far as the URL asks (the
// candidates with a year at or after since=, at or before until= for "oldest first").
function reachFor(candidates, order) {
  if (reach.all || candidates.every((c) => c.held)) return candidates.length;
  if (!reach.year) return Math.min(1, candidates.length);
  const key = (year) => (year === "undated" ? "0000" : year);
  const limit = key(reach.year);
  const within = candidates.filter((c) =>
    c.shard.years.some((y) => (order === "oldest" ? key(y) <= limit : key(y) >= limit)),
  );
  return Math.max(within.length, Math.min(1, candidates.length));
}

// Shards are in date order, so "newest" and "oldest" concatenate (the undated last, from
// whichever shard: see searchShard); relevance merges by score. The `pinned` ids come first.
function merge(found, order, pinned = []) {
  const all = found.flat();
  const merged =
    order !== "newest" && order !== "oldest"
      ? all.sort((a, b) => b.score - a.score)
      : [...all.filter((r) => !r.undated), ...all.filter((r) => r.undated)];
  if (!pinned.length) return merged;
  const byId = new Map(merged.map((r) => [r.id, r]));
  const first = pinned.map((id) => byId.get(id)).filter(Boolean);
  const kept = new Set(first);
  return [...first, ...merged.filter((r) => !kept.has(r))];
}

// Whether a shard holds articles of a year ("undated": of unknown date): those of its
// folders, and those the build found its pages dated in besides (`also`: an article whose
// Date was edited by hand is in its folder until a retag files it by its Date).
function holds(shard, year) {
  return shard.years.includes(year) || (shard.also || []).includes(year);
}

// A query's phrases (in straight or curly double quotes: a phone or a word processor types
// “these”) and the whole query with its quotes straight.
const CURLY_QUOTES = /[“”„‟]/g;
function parseQuery(q) {
  const text = (q || "").replace(CURLY_QUOTES, '"');
  const phrases = [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1].trim()).filter(Boolean);
  return { text, phrases };
}

// Pagefind's answer to a query. It searches an exact phrase only when the whole query is
// one ("missile talks" in quotes); beside other words (Veloria "missile talks") it dropped
// the quotes and found the words anywhere in the page, and typed in curly quotes the phrase
// was words too. So a query holding a phrase and more is searched as its words, and each
// phrase alone as Pagefind searches a quoted query: the pages every phrase matched stay, in
// the words' order. `counted`: the answer's counts of filter values (the menus') are counted
// again from the pages kept (their data: a download each, which Pagefind keeps), up to
// COUNTED_PAGES of them; past that, each value's count is the least of the words' and the
// phrases' answers' (at most that many pages have the words and every phrase).
const COUNTED_PAGES = 200;
async function find(instance, q, options, counted = false) {
  if (!q) return instance.search(null, options);
  const { text, phrases } = parseQuery(q);
  const words = text.replace(/"/g, " ").trim();
  const alone = phrases.length === 1 && !text.replace(/"[^"]*"/g, "").replace(/"/g, "").trim();
  if (!phrases.length || alone) return instance.search(text, options);
  const answer = await instance.search(words, options);
  const answers = [answer];
  let kept = answer.results;
  for (const phrase of phrases) {
    if (!kept.length) break;
    const found = await instance.search(`"${phrase}"`, { filters: options.filters });
    const ids = new Set(found.results.map((r) => r.id));
    kept = kept.filter((r) => ids.has(r.id));
    answers.push(found);
  }
  if (!counted) return { ...answer, results: kept };
  const filters = kept.length <= COUNTED_PAGES ? await filterCounts(kept) : leastCounts(answers);
  return { ...answer, results: kept, filters };
}

// Each filter value's least count among some answers.
function leastCounts(answers) {
  const counts = {};
  for (const [key, values] of Object.entries(answers[0].filters)) {
    counts[key] = {};
    for (const value of Object.keys(values)) {
      counts[key][value] = Math.min(...answers.map((a) => (a.filters[key] || {})[value] || 0));
    }
  }
  return counts;
}

// {key: {value: pages}} of some results, as Pagefind counts filter values among its matches.
async function filterCounts(results) {
  const counts = {};
  for (const item of await Promise.all(results.map((r) => r.data()))) {
    for (const [key, values] of Object.entries(item.filters || {})) {
      counts[key] ||= {};
      for (const value of values) counts[key][value] = (counts[key][value] || 0) + 1;
    }
  }
  return counts;
}

// A shard's answer. Pagefind leaves a page with no date to sort by out of a date-sorted
// answer, so a shard holding undated articles (in undated/, or in a year's folder: holds) is
// asked again unsorted (its words and filters are loaded by then: no download), and the
// pages the sorted answer lacks follow it, marked undated, in order of relevance: sorting
// never hides an article.
async function searchShard(shard, q, filters, sort) {
  const instance = await load(shard);
  const answer = await find(instance, q, { filters, sort });
  if (!sort || !holds(shard, "undated")) return answer;
  const every = await find(instance, q, { filters });
  const dated = new Set(answer.results.map((r) => r.id));
  const undated = every.results.filter((r) => !dated.has(r.id));
  for (const result of undated) result.undated = true;
  return { ...answer, results: [...answer.results, ...undated] };
}

// ---- Which shards can hold matches, and about how many (without searching them) ----------
//
// Per year, a range [low, high] of matching articles: a filter value's count is exact; a
// word's is read from where it stands on the years index (wordRanges: a bucket of counts,
// exact to 5, then a range); two conditions together keep what both allow (low by
// inclusion-exclusion, high the smaller).

// The years index's two parts (plugins/search_index/shards.py, years_parts), each a
// Pagefind index of one page with its years.json (its layout, the buckets' bounds, each
// year's articles and where the page's sections end: see wordRanges). An index of another
// layout than this page reads (YEARS_LAYOUT there) is not read: it would be misread.
const YEARS_PARTS = ["years-newest/", "years/"];
const YEARS_LAYOUT = 2;
let yearsIndex = null; // Promise of {parts: [newest, past], articles} or null
function loadYears() {
  yearsIndex ||= (async () => {
    const maps = await Promise.all(YEARS_PARTS.map((part) => fetchJSON(`pagefind/${part}years.json`)));
    // (a part missing would rule its years out: then no years index, no year ruled out)
    if (!maps.every((map) => map && map.layout === YEARS_LAYOUT)) return null;
    const parts = YEARS_PARTS.map((path, i) => ({ path, ...maps[i] }));
    load(parts[0]).catch(() => {}); // meanwhile (the first instance made: see load)
    return { parts, articles: Object.assign({}, ...maps.map((map) => map.articles)) };
  })();
  return yearsIndex;
}

// The build's filter counts: pagefind/filters/<key>.json, every value's articles (for the
// menus); pagefind/filters/<key>/<bucket>.json, a few values' articles per year (for a
// search), the bucket being FNV-1a of the value's UTF-8 bytes modulo FILTER_BUCKETS, as in
// plugins/search_index/shards.py.
const FILTER_BUCKETS = 64;
const fetched = {};
function fetchJSON(path) {
  fetched[path] ||= fetch(new URL(path, root))
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
  return fetched[path];
}

function bucketOf(value) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(value)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash % FILTER_BUCKETS;
}

// {year: {low, high}} of a filter value, or null if the build left no counts.
async function filterYears(key, value) {
  const counts = await fetchJSON(`pagefind/filters/${key}/${bucketOf(value)}.json`);
  if (!counts) return null;
  const row = counts.values[value] || [];
  const found = {};
  for (let i = 0; i < row.length; i += 2) {
    found[counts.years[row[i]]] = { low: row[i + 1], high: row[i + 1] };
  }
  return found;
}

function combine(a, b, articles) {
  if (!a) return b;
  return { low: Math.max(0, a.low + b.low - articles), high: Math.min(a.high, b.high) };
}

// Each term's {year: {low, high}}: from the newest part, then from the past years' part for
// the terms the newest part's list of their words says it has (Pagefind answers a word an
// index lacks with its nearest words: those would count as matches). One part after the
// other, the newest first. A word of a phrase is no lower bound: its articles need not
// have the phrase (the low of "minister said" was every article with both words).
async function wordYears(q, years) {
  const { text, phrases } = parseQuery(q.toLowerCase());
  const terms = [...new Set(text.split(/[\s"]+/).filter(Boolean))].slice(0, 8);
  const inPhrases = new Set(phrases.flatMap((phrase) => phrase.split(/\s+/)));
  const [newest, past] = years.parts;
  const found = terms.map(() => ({}));
  const count = (part, response, into) => {
    for (const result of response.results) Object.assign(into, wordRanges(part, result, years.articles));
  };
  try {
    const first = await load(newest);
    const answers = await Promise.all(terms.map((term) => first.search(term)));
    answers.forEach((response, i) => count(newest, response, found[i]));
    const inPast = terms.filter((_, i) =>
      newest.settled === undefined || answers[i].results.some((result) => result.words.some((at) => at < newest.settled)),
    );
    if (inPast.length) {
      const instance = await load(past);
      const more = await Promise.all(inPast.map((term) => instance.search(term)));
      more.forEach((response, i) => count(past, response, found[terms.indexOf(inPast[i])]));
    }
  } catch (error) {
    return []; // (the years index did not load: no year ruled out)
  }
  for (const [i, term] of terms.entries()) {
    if (!inPhrases.has(term)) continue;
    for (const range of Object.values(found[i])) range.low = 0;
  }
  return found;
}

// The articles of each of a part's years that have the words a term matched on its page,
// {year: {low, high}}. The page has a section per year and bucket of counts (years.json:
// "years", "bounds", and where each section ends, "ends"; on the newest part's page, after
// the past years' words, which end at "settled"), in which each word of bucket b stands
// (b + 1) × "repeat" times; so the places a term matched in a section (result.words) are
// some words of that bucket, each in bounds[b] to bounds[b + 1] - 1 articles (the last
// bucket: up to the year's). One word: that range; several (a stem's other forms, the
// longer words a prefix matched): at least the largest low, at most the sum of the highs.
// Without "ends" (the build could not tell where its sections are), a match may be in any
// of the part's years (and, without "settled", the past years may have any word).
function wordRanges(part, result, articles) {
  const { bounds, ends, years } = part;
  const all = (year) => articles[year] ?? Infinity;
  const found = {};
  const sections = new Map(); // section -> places matched in it
  for (const at of result.words) {
    if (at < (part.settled ?? 0)) continue;
    let [lo, hi] = [0, ends ? ends.length : 0]; // the first section ending after `at`
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] > at) hi = mid;
      else lo = mid + 1;
    }
    sections.set(lo, (sections.get(lo) || 0) + 1);
  }
  if (!ends || sections.has(ends.length) || !result.words.length) {
    for (const year of years) found[year] = { low: 0, high: all(year) };
    return found;
  }
  for (const [section, places] of sections) {
    const [year, b] = [years[Math.floor(section / bounds.length)], section % bounds.length];
    const words = Math.ceil(places / ((b + 1) * part.repeat));
    const high = b + 1 < bounds.length ? bounds[b + 1] - 1 : all(year);
    const range = found[year] || { low: 0, high: 0 };
    found[year] = { low: Math.min(all(year), Math.max(range.low, bounds[b])), high: Math.min(all(year), range.high + words * high) };
  }
  return found;
}

async function locate(q, filters, order) {
  const ordered = order === "oldest" ? [...shards].reverse() : shards;
  if (shards.length < 2) {
    // one shard can hold matches: nothing to choose, nothing left to count
    return ordered.slice(0, 1).map((shard) => ({ shard, low: 0, high: 0, unknown: true }));
  }
  if (filters.year) {
    // the shards holding that year's articles, all searched at once (`held`): its folder's,
    // and any whose pages the build found dated in it (holds)
    const held = ordered.filter((s) => holds(s, shardYear(filters.year)));
    return held.map((shard) => ({ shard, low: 0, high: 0, unknown: true, held: true }));
  }
  // the filters' counts and the years index asked at once
  const filtered = Promise.all(Object.entries(filters).map(([key, value]) => filterYears(key, value)));
  const conditions = []; // [{year: {low, high}}], each a condition every match meets
  let articles = {};
  // (Pagefind splits Chinese, Japanese and Korean text into words itself, which the years
  // index does not: for such a query it knows nothing, and every shard stays a candidate)
  if (q && !/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/.test(q)) {
    const years = await loadYears();
    if (years) {
      articles = years.articles;
      conditions.push(...(await wordYears(q, years)));
    }
  }
  conditions.push(...(await filtered).filter(Boolean));
  const exact = !q;
  const candidates = [];
  for (const shard of ordered) {
    let low = 0;
    let high = 0;
    const unknown = !conditions.length;
    const years = {}; // each year's range (for the Year menu)
    for (const year of shard.years) {
      let range = null;
      for (const condition of conditions) {
        range = combine(range, condition[year] || { low: 0, high: 0 }, articles[year] || Infinity);
      }
      if (range) {
        low += range.low;
        high += range.high;
        years[year] = range;
      }
    }
    if (unknown || high > 0) candidates.push({ shard, low, high, unknown, exact, years });
  }
  return candidates;
}

// "about 40", "between 300 and 9,000", "up to 120", "at least 300", or "" if nothing is known.
function sumEstimates(candidates) {
  if (candidates.some((c) => c.unknown)) return "";
  const low = candidates.reduce((n, c) => n + c.low, 0);
  const high = candidates.reduce((n, c) => n + c.high, 0);
  return estimate(low, high, candidates[0].exact);
}

function estimate(low, high, exact) {
  if (low === high) return exact ? number(low) : `about ${number(low)}`;
  if (Number.isFinite(high)) return low > 0 ? `between ${number(low)} and ${number(high)}` : `up to ${number(high)}`;
  return low > 0 ? `at least ${number(low)}` : "";
}

// Pagefind's runtime, loaded once; then one instance per shard, made on first use. They run
// on the page's thread: Pagefind looks for its worker in the first instance's folder, and
// the shards share one copy of the runtime, so the worker would only fail and fall back.
// On the page's thread, Pagefind 1.5.2 gives wrong results, or crashes, when a second
// instance is opened before the first one made has searched (the first sets up the
// WebAssembly all share); after that, any number may open at once. So the others wait for
// the first one's first search.
let runtime = null;
const loadRuntime = () => (runtime ||= import(new URL("pagefind/pagefind.js", root).href));
let firstSearched = null; // Promise: the first instance made has searched (or failed to open)
async function load(shard) {
  if (shard.parts) return (shard.instance ||= inParts(shard));
  if (!shard.instance) {
    const wait = firstSearched;
    let searched = null;
    if (!wait) firstSearched = new Promise((resolve) => (searched = resolve));
    shard.instance = (async () => {
      if (wait) await wait;
      try {
        const basePath = new URL(`pagefind/${shard.path}`, root).pathname;
        const instance = (await loadRuntime()).createInstance({ basePath, noWorker: true });
        await instance.options({ baseUrl: root.pathname, excerptLength: EXCERPT_WORDS });
        await instance.init();
        if (searched) {
          const search = instance.search.bind(instance);
          instance.search = (...args) => search(...args).finally(searched);
        }
        return instance;
      } catch (error) {
        if (searched) searched();
        throw error;
      }
    })();
  }
  return shard.instance;
}

// The newest shard may come in parts (its "parts", oldest pages first: the year's earlier
// pages, then its newest quarter's, which the build re-indexes alone as articles arrive):
// one instance each, searched as one, their results in the order of one index's. Each part
// is opened when it is first searched, the first part first: if it is the first instance
// made, the second waits for its first search (see load) without being waited for.
function inParts(shard) {
  const parts = partsOf(shard);
  return {
    async search(term, options = {}) {
      const answers = await Promise.all(parts.map((part) => load(part).then((i) => i.search(term, options))));
      const date = options.sort && options.sort.date;
      const order = { desc: "newest", asc: "oldest" }[date];
      // newest first: the newest quarter's results, then the earlier pages'
      const ordered = order === "newest" ? [...answers].reverse() : answers;
      return { results: merge(ordered.map((a) => a.results), order) };
    },
  };
}

// The Pagefind indexes of a shard: its parts, or itself.
function partsOf(shard) {
  return shard.parts ? (shard.partIndexes ||= shard.parts.map((path) => ({ path }))) : [shard];
}

// A filter's <select>, made on first use. Its values and counts come from the build's small
// per-filter files (pagefind/filters/<key>.json), only when the reader asks for them.
function filterSelect(key) {
  if (form.elements[key]) return form.elements[key];
  const label = FILTERS.find(([name]) => name === key)[1];
  const select = element("select");
  select.name = key;
  select.append(new Option(`Any ${label.toLowerCase()}`, ""));
  const wrapper = element("label", "", `${label} `);
  wrapper.append(select);
  document.getElementById("search-filters").append(wrapper); // (after the button: it stays in sight)
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
  // a search shared or bookmarked with its filters shows them: in the one row the closed
  // menus keep (a row that scrolls sideways), the second and third were out of sight
  if (FILTERS.some(([key]) => params.get(key))) filterBox.classList.add("open");
  reach = {
    all: params.get("all") === "1",
    year: params.get(form.sort.value === "oldest" ? "until" : "since"),
  };
}

// ---- The filter menus: each value with its number of matches ----------------------------
//
// A menu lists the values the build counted (pagefind/filters/<key>.json: the names with a
// page, and every year), each with the matches choosing it would give: those of the search
// shown, without the menu's own filter (a choice replaces it). With no words and no other
// filter, those are every article: the build's counts. Else Pagefind counts them in the
// shards searched (their filter files, loaded when the reader opens the menus: those shards',
// not the archive's). Where other shards may hold matches too, the menu says its counts are
// for the years searched; the Year menu gives the others' estimates (the years index's).

let menus = null; // {key: {value: articles}}: the build's, once the reader asks for the menus
let menuFills = 0;
const filterBox = document.getElementById("search-filters");

// The button goes once the menus are filled: had it the focus, the first menu takes it (a
// keyboard or screen reader user goes on from there, not from the top of the page).
async function buildFilters() {
  const button = document.getElementById("search-show-filters");
  const focused = document.activeElement === button;
  button.disabled = true;
  const all = await Promise.all(FILTERS.map(([key]) => fetchJSON(`pagefind/filters/${key}.json`)));
  menus = Object.fromEntries(FILTERS.map(([key], i) => [key, all[i] ? all[i].values : {}]));
  await fillMenus();
  button.remove();
  filterBox.classList.add("open"); // (the menus wrap onto more lines: archive.css)
  if (focused) (filterBox.querySelector("select:not([name=sort])") || form.elements.sort).focus();
}

async function fillMenus() {
  if (!menus) return;
  const id = ++menuFills;
  const search = shownSearch;
  filterBox.dataset.counts = "busy";
  const asked = {}; // each set of filters counted once
  const counted = await Promise.all(FILTERS.map(([key]) => menuCounts(key, search, asked)));
  if (id !== menuFills) return; // a newer search's counts are coming
  for (const [i, [key]] of FILTERS.entries()) {
    if (Object.keys(menus[key]).length) fillMenu(filterSelect(key), key, counted[i], search);
  }
  filterBox.dataset.counts = "done";
}

// A menu's counts: {counts: {value: matches}, whole: whether they are every match, left: the
// shards not searched that may hold more}.
async function menuCounts(key, { q, filters, order, searched }, asked) {
  const others = { ...filters };
  delete others[key];
  const keys = Object.keys(others);
  if (!q && !keys.length) return { counts: menus[key], whole: true, left: [] };
  if (key === "year" && !q && keys.length === 1) {
    const years = await filterYears(keys[0], others[keys[0]]); // (one filter: counted by year)
    if (years) {
      const counts = Object.fromEntries(Object.entries(years).map(([year, r]) => [yearFilter(year), r.low]));
      return { counts, whole: true, left: [] };
    }
  }
  const variant = JSON.stringify(others);
  asked[variant] ||= Promise.all([locate(q, others, order), countMatches(searched, q, others)]);
  const [candidates, counts] = await asked[variant];
  const left = candidates.filter((c) => !searched.includes(c.shard));
  return { counts: counts[key] || {}, whole: !left.length, left };
}

// Pagefind's count of each filter value among a search's matches, summed over the shards'
// indexes; each index's filter files are loaded first (a search loads only those of the
// filters it uses). An answer of nearest words only (withoutNearestWords) counts nothing.
async function countMatches(shards, q, filters) {
  const totals = {};
  for (const part of shards.flatMap(partsOf)) {
    const instance = await load(part);
    await (part.filtersLoaded ||= instance.filters());
    const answer = await withoutNearestWords(await find(instance, q, { filters }, true), q);
    if (!answer.results.length) continue;
    for (const [key, values] of Object.entries(answer.filters)) {
      totals[key] ||= {};
      for (const [value, n] of Object.entries(values)) totals[key][value] = (totals[key][value] || 0) + n;
    }
  }
  return totals;
}

// A menu's options: the values with matches, most first (years newest first), and the one
// chosen. Counted in some years only, they are a group saying which years, and a second
// group holds the values not found there: the Year menu's, the years not searched with the
// years index's estimate; the other menus', every other value, uncounted.
function fillMenu(select, key, { counts, whole, left }, search) {
  const chosen = select.value;
  const order = key === "year" ? newestYearFirst : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]);
  const values = Object.keys(menus[key]);
  const found = values.filter((v) => counts[v] > 0 || (whole && v === chosen)).map((v) => [v, counts[v] || 0]);
  const options = found.sort(order).map(([value, n]) => new Option(`${value} (${number(n)})`, value));
  select.replaceChildren(select.options[0]);
  if (whole) {
    select.append(...options);
  } else {
    const where = yearsOf(search.searched);
    if (options.length) select.append(group(`Found in ${where} (searched so far)`, options));
    const [label, rest] =
      key === "year"
        ? ["Not searched yet (estimates)", notSearchedYears(left)]
        : [where ? `Not found in ${where}; other years not searched yet` : "Not searched yet",
           values.filter((v) => !(counts[v] > 0)).sort().map((v) => [v, v])];
    if (rest.length) select.append(group(label, rest.map(([text, value]) => new Option(text, value))));
  }
  if (chosen && ![...select.options].some((o) => o.value === chosen)) select.append(new Option(chosen, chosen));
  select.value = chosen;
}

function group(label, options) {
  const optgroup = document.createElement("optgroup");
  optgroup.label = label;
  optgroup.append(...options);
  return optgroup;
}

// The years of the shards not searched that may hold matches, newest first, each [label,
// value]: "2013 (about 2)", "2012" when nothing is known.
function notSearchedYears(left) {
  const years = [];
  for (const c of left) {
    for (const year of c.shard.years) {
      const range = c.years[year];
      if (range && range.high === 0) continue; // (none there)
      const value = yearFilter(year);
      const about = range && !c.unknown ? estimate(range.low, range.high, c.exact) : "";
      years.push([about ? `${value} (${about})` : value, value]);
    }
  }
  return years.sort(([, a], [, b]) => newestYearFirst([a], [b]));
}

// The Year menu's order: newest first, "Date unknown" last.
function newestYearFirst([a], [b]) {
  return (a === UNDATED) - (b === UNDATED) || b.localeCompare(a);
}

// ---- Filter values in the address, as typed -------------------------------------------
//
// A menu's values are the archive's names exactly ("Sergei Lavrov"), and Pagefind matches a
// filter's value exactly: an address typed or edited by hand ("?person=sergei lavrov",
// "?person=Sergej%20Lavrov", "?place=Sao Paulo") found nothing. A value that is one of the
// names but for case, accents and spaces is read as that name; any other is said to be none.

const folded = (text) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

// The archive's names for a filter that read as `value` read so (folded): {same, near}:
// the one name equal to it but for case and accents (or null), and up to five names that
// hold each of its words ("lavrov" → "Sergei Lavrov"). (The whole list of names: 60 KB at
// 20,000 articles, fetched only for a search by the address that found nothing.)
async function namesLike(key, value) {
  const known = Object.keys((await fetchJSON(`pagefind/filters/${key}.json`))?.values || {});
  const wanted = folded(value);
  const words = wanted.split(" ").filter(Boolean);
  const same = known.find((name) => folded(name) === wanted) || null;
  const near = known.filter((name) => {
    const theirs = folded(name).split(" ");
    return name !== same && words.length && words.every((word) => theirs.includes(word));
  });
  return { same, near: near.slice(0, 5) };
}

// A search by the address (opened, or come back to) that found nothing: its filter values
// read as the archive's names (whether any was changed: it is then searched again, and the
// address rewritten); those that are none of them kept for a note. (A name with no page of
// its own is in no list, and still found: the note is for a search that found nothing.)
let addressToCheck = false;
let unknownFilters = []; // [[key, label, value, names it may mean]]
async function mendAddressFilters() {
  const params = new URLSearchParams(window.location.search);
  unknownFilters = [];
  let mended = false;
  for (const [key, label] of FILTERS) {
    const value = params.get(key);
    if (!value) continue;
    const { same, near } = await namesLike(key, value);
    if (same === value) continue;
    if (same) {
      const select = filterSelect(key);
      for (const option of [...select.options]) if (option.value === value) option.remove();
      if (![...select.options].some((o) => o.value === same)) select.append(new Option(same, same));
      select.value = same;
      mended = true;
    } else unknownFilters.push([key, label, value, near]);
  }
  return mended;
}

// The notes under a search that found nothing: "No person is named “Lavrov” in this archive.
// Did you mean: Sergei Lavrov?" (each name a link to the same search with it), and "Did you
// mean “Ryabkov”?" for words spelled as no name in the archive is (a link to that search).
function showNotes(spelling) {
  searchNote.replaceChildren();
  const said = results.length ? [] : unknownFilters;
  for (const [key, label, value, near] of said) {
    if (searchNote.childNodes.length) searchNote.append(" ");
    searchNote.append(`No ${label.toLowerCase()} is named ${quoted(value)} in this archive.`);
    near.forEach((name, i) => {
      const params = new URLSearchParams(window.location.search);
      params.set(key, name);
      searchNote.append(i ? ", " : " Did you mean: ", linkTo(params, name));
    });
    if (near.length) searchNote.append("?");
  }
  if (spelling) {
    const params = new URLSearchParams(window.location.search);
    params.set("q", spelling);
    if (searchNote.childNodes.length) searchNote.append(" ");
    searchNote.append("Did you mean ", linkTo(params, quoted(spelling)), "?");
  }
  searchNote.hidden = !searchNote.childNodes.length;
}

function linkTo(params, text) {
  const link = element("a", "", text);
  link.href = `?${params}`;
  return link;
}

// ---- Names spelled otherwise ----------------------------------------------------------
//
// A word no article has ("Riabkov", "Santangello") finds nothing, and Pagefind has no
// spelling suggestions. Names are what an archive's readers most often spell otherwise (a
// transliteration, a doubled letter), and the build lists the names that have a page: a
// query whose words are one or two letters from a word of one of those names is offered
// with that word instead. (The lists are fetched only for a search that found nothing.)

const SPELLING_KEYS = ["person", "place", "organisation", "topic"];

async function spelledAs(q, filters) {
  const lists = await Promise.all(SPELLING_KEYS.map((key) => fetchJSON(`pagefind/filters/${key}.json`)));
  const words = new Map(); // folded -> as the name writes it
  for (const list of lists) {
    for (const name of Object.keys(list?.values || {})) {
      for (const word of name.split(/[^\p{L}\p{N}'’]+/u)) {
        if (word.length >= 4) words.set(folded(word), word);
      }
    }
  }
  let changed = false;
  const respelled = q.replace(/[\p{L}\p{N}'’]{4,}/gu, (typed) => {
    const mine = folded(typed);
    if (words.has(mine)) return typed;
    const best = closestWord(mine, words);
    if (!best) return typed;
    changed = true;
    return best;
  });
  return changed && (await findsAny(respelled, filters)) ? respelled : null;
}

// Whether a search finds anything in the first shards that can hold matches (a respelled
// query is offered only if it does: its words may each be names, and never together).
async function findsAny(q, filters) {
  for (const candidate of (await locate(q, filters, "")).slice(0, 3)) {
    const answer = await withoutNearestWords(await searchShard(candidate.shard, q, filters), q);
    if (answer.results.length) return true;
  }
  return false;
}

// The name's word within one edit of `typed` (two from seven letters on): a letter added,
// left out, changed, or two swapped; the nearest, then the first listed.
function closestWord(typed, words) {
  const most = typed.length >= 7 ? 2 : 1;
  let best = null;
  let bestDistance = most + 1;
  for (const [word, written] of words) {
    if (Math.abs(word.length - typed.length) > most) continue;
    const distance = editDistance(typed, word, bestDistance - 1);
    if (distance < bestDistance) [best, bestDistance] = [written, distance];
  }
  return best;
}

// Letters added, left out, changed or swapped to make `a` into `b` (the optimal string
// alignment distance), or limit + 1 as soon as that is certain.
function editDistance(a, b, limit) {
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      row.push(d);
      least = Math.min(least, d);
    }
    if (least > limit) return limit + 1;
    [before, previous] = [previous, row];
  }
  return previous[b.length];
}

async function start() {
  loadRuntime().catch(() => {}); // while the shard list comes (a failure shows at first use)
  try {
    const response = await fetch(new URL("pagefind/shards.json", root));
    if (!response.ok) throw new Error(`shards.json: ${response.status}`);
    shards = await response.json();
    const params = new URLSearchParams(window.location.search);
    if (shards.length > 1 && params.get("q") && !params.get("year")) loadYears(); // meanwhile
  } catch (error) {
    status.textContent = "The search index could not be loaded.";
    box.dataset.state = "failed";
    return;
  }
  restore();
  document.getElementById("search-filters").hidden = false; // (they work from here on)
  document.getElementById("search-show-filters").addEventListener("click", buildFilters);
  // A new search starts with its first shard, and its first page: what "More results"
  // showed is no measure. The same matches in another order keep "every year": sorting a
  // search of every year searched one shard again, the reader's choice lost.
  const fresh = (push = true, menu = null, sorted = false) => {
    reach = { all: sorted && reach.all, year: null };
    unknownFilters = []; // (a search of the reader's own)
    searchNote.hidden = true;
    run(push, PAGE_SIZE, menu);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    fresh();
  });
  // A menu browsed with the arrow keys chooses at each key (Chrome on Linux and Windows): each
  // name passed was a history entry of its own, and Back went through them one by one. The
  // choices made so in one menu, one after the other, are one entry.
  let byKeys = false; // a key was pressed in a menu since its last choice
  filterBox.addEventListener("keydown", (event) => (byKeys = event.target.tagName === "SELECT"));
  // And each name passed ran a search: choices by keys are searched once the keys pause.
  let keyed = null; // the search of the last choice made by keys, waiting (a timer)
  form.addEventListener("change", (event) => {
    if (event.target.tagName !== "SELECT") return;
    const menu = byKeys ? event.target.name : null;
    const sorted = event.target.name === "sort";
    byKeys = false;
    clearTimeout(keyed);
    const search = () => fresh(menu && window.history.state?.menu === menu ? "replace" : true, menu, sorted);
    if (menu) keyed = setTimeout(search, KEY_PAUSE_MS);
    else search();
  });
  more.addEventListener("click", showMore);
  list.addEventListener("click", remember); // (a result: the page is left, scrolled so)
  window.addEventListener("pagehide", remember);
  window.addEventListener("popstate", () => {
    restore();
    unknownFilters = [];
    addressToCheck = true;
    run(false);
  });
  addressToCheck = true;
  await run(false);
}

start();
