/* Plenary — full-text search in the browser. The index is plain JavaScript files
 * under search/ (written by `plenary build`), loaded with <script> elements, so the
 * search works on any static host and from disk (file://). Each file calls this
 * object: PlenarySearch.meta(…), .terms(n, …), .text("r-k", …).
 *
 * A query is words (each also matches longer words it starts) and "quoted phrases"
 * (matched as written). Candidates are the paragraphs holding every indexed word,
 * ranked by tf-idf; their texts are loaded a few resolutions at a time to check
 * phrases and show excerpts. Filters: session, body, year. Keyboard: Arrow keys move
 * from the input through the results, Escape returns to the input, Enter opens. */
(function () {
  "use strict";

  var doc = document;
  var box = doc.getElementById("search");
  var waiting = {};   // key → resolve function of a script being loaded
  var cache = {};     // key → promise of the file's data

  function arrived(key, data) {
    var resolve = waiting[key];
    if (resolve) { delete waiting[key]; resolve(data); }
  }
  window.PlenarySearch = {
    meta: function (m) { arrived("meta", m); },
    terms: function (n, data) { arrived("terms:" + n, data); },
    text: function (name, docs) { arrived("text:" + name, docs); }
  };
  if (!box) return;

  var root = box.getAttribute("data-root") || "";
  var input = doc.getElementById("search-q");
  var form = doc.getElementById("search-form");
  var status = doc.getElementById("search-status");
  var list = doc.getElementById("search-results");
  var more = doc.getElementById("search-more");
  var filters = {
    session: doc.getElementById("search-session"),
    body: doc.getElementById("search-body"),
    year: doc.getElementById("search-year")
  };
  var PAGE = 20, BATCH = 40, MAX_PREFIX_SHARDS = 16;
  var meta = null, fold = {}, stop = {};
  var state = null;   // the search being shown
  var serial = 0;

  function load(key, file) {
    if (cache[key]) return cache[key];
    cache[key] = new Promise(function (resolve, reject) {
      waiting[key] = resolve;
      var s = doc.createElement("script");
      s.src = root + "search/" + file;
      s.onerror = function () { delete cache[key]; reject(new Error("cannot load " + s.src)); };
      doc.head.appendChild(s);
    });
    return cache[key];
  }

  /* ---------- words, as the index sees them (tokenize.rs) ---------- */
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  function foldWord(w) {
    var out = "";
    for (var ch of w) {
      for (var c of ch.toLowerCase()) out += fold[c] || c;
    }
    return out;
  }
  function words(text) {
    var out = [];
    (text.match(WORD) || []).forEach(function (w) { out.push(foldWord(w)); });
    return out;
  }

  /* { terms: [{word, prefix}], phrases: [[words]], all: [words] } */
  function parse(q) {
    var phrases = [], loose = [];
    var rest = q.replace(/["“”]([^"“”]*)["“”]?/g, function (_, p) {
      var w = words(p);
      if (w.length) phrases.push(w);
      return " ";
    });
    loose = words(rest);
    var terms = [], seen = {};
    loose.forEach(function (w) {
      if (!stop[w] && !seen[w + "*"]) { seen[w + "*"] = 1; terms.push({ word: w, prefix: true }); }
    });
    phrases.forEach(function (p) {
      p.forEach(function (w) {
        if (!stop[w] && !seen[w]) { seen[w] = 1; terms.push({ word: w, prefix: false }); }
      });
    });
    return { terms: terms, phrases: phrases, loose: loose };
  }

  /* ---------- the inverted index ---------- */
  function shardsFor(t) {
    var own = [], longer = [];
    meta.shards.forEach(function (key, i) {
      if (t.word.indexOf(key) === 0) own.push(i);
      else if (t.prefix && key.indexOf(t.word) === 0) longer.push(i);
    });
    return longer.length > MAX_PREFIX_SHARDS ? own : own.concat(longer);
  }

  /* docs holding term t: {doc: tf} */
  function postings(t) {
    return Promise.all(shardsFor(t).map(function (i) { return load("terms:" + i, "terms/" + i + ".js"); }))
      .then(function (shards) {
        var docs = {};
        shards.forEach(function (data) {
          Object.keys(data).forEach(function (term) {
            if (t.prefix ? term.indexOf(t.word) !== 0 : term !== t.word) return;
            var d = 0;
            data[term].forEach(function (v) {
              d += Math.floor(v / 8);
              docs[d] = (docs[d] || 0) + v % 8;
            });
          });
        });
        return docs;
      });
  }

  function resOf(d) {
    var lo = 0, hi = meta.res.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (meta.res[mid][6] <= d) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function filterValue(name, list) {
    var v = filters[name].value;
    return v === "" ? -1 : list.indexOf(v);
  }

  function candidates(query) {
    return Promise.all(query.terms.map(postings)).then(function (maps) {
      var session = filterValue("session", meta.sessions.map(function (s) { return s[0]; }));
      var body = filterValue("body", meta.bodies);
      var year = filterValue("year", meta.years);
      var dfs = maps.map(function (m) { return Object.keys(m).length; });
      var smallest = 0;
      dfs.forEach(function (n, i) { if (n < dfs[smallest]) smallest = i; });
      var scored = [];
      Object.keys(maps[smallest] || {}).forEach(function (k) {
        var d = +k, score = 0;
        for (var i = 0; i < maps.length; i++) {
          var tf = maps[i][d];
          if (!tf) return;
          score += Math.log(1 + meta.docs / dfs[i]) * (1 + Math.log(tf));
        }
        var r = meta.res[resOf(d)];
        if (session >= 0 && r[3] !== session) return;
        if (body >= 0 && r[4] !== body) return;
        if (year >= 0 && r[5] !== year) return;
        scored.push([d, score]);
      });
      scored.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return scored.map(function (s) { return s[0]; });
    });
  }

  /* ---------- texts, phrases, excerpts ---------- */
  function contains(haystack, phrase) {
    return (" " + haystack.join(" ") + " ").indexOf(" " + phrase.join(" ") + " ") >= 0;
  }

  function docInfo(d) {
    var r = resOf(d), i = d - meta.res[r][6];
    var name = r + "-" + Math.floor(i / meta.chunk);
    return load("text:" + name, "text/" + name + ".js").then(function (docs) {
      var e = docs[i % meta.chunk] || ["", "", ""];
      return { doc: d, res: meta.res[r], anchor: e[0], label: e[1], text: e[2], words: words(e[2]) };
    });
  }

  function matches(word, query) {
    return query.terms.some(function (t) { return t.prefix ? word.indexOf(t.word) === 0 : word === t.word; });
  }

  function excerpt(text, query) {
    var p = doc.createElement("p");
    p.className = "sr-excerpt";
    var hits = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (matches(foldWord(m[0]), query)) hits.push([m.index, m.index + m[0].length]);
    }
    var start = 0, end = text.length, LEN = 320;
    if (text.length > LEN) {
      start = hits.length ? Math.max(0, hits[0][0] - 100) : 0;
      if (start > 0) { var sp = text.indexOf(" ", start); start = sp >= 0 && sp < hits[0][0] ? sp + 1 : start; }
      end = Math.min(text.length, start + LEN);
      if (end < text.length) { var ep = text.lastIndexOf(" ", end); if (ep > start) end = ep; }
    }
    var at = start;
    if (start > 0) p.appendChild(doc.createTextNode("… "));
    hits.forEach(function (h) {
      if (h[0] < at || h[1] > end) return;
      p.appendChild(doc.createTextNode(text.slice(at, h[0])));
      var mark = doc.createElement("mark");
      mark.textContent = text.slice(h[0], h[1]);
      p.appendChild(mark);
      at = h[1];
    });
    p.appendChild(doc.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
    return p;
  }

  function item(info, query) {
    var li = doc.createElement("li");
    li.className = "search-result";
    var a = doc.createElement("a");
    a.className = "sr-link";
    a.href = root + info.res[2] + (info.anchor ? "#" + encodeURIComponent(info.anchor) : "");
    var where = doc.createElement("span");
    where.className = "sr-where";
    where.textContent = info.label;
    var res = doc.createElement("span");
    res.className = "sr-res";
    var sym = doc.createElement("span");
    sym.className = "sr-symbol";
    sym.textContent = info.res[0];
    res.appendChild(sym);
    res.appendChild(doc.createTextNode(info.res[1]));
    a.appendChild(where);
    a.appendChild(res);
    li.appendChild(a);
    li.appendChild(excerpt(info.text, query));
    return li;
  }

  /* Shows up to PAGE more results of the current search. */
  function showMore(s) {
    var found = [];
    function step() {
      if (s !== state) return null;
      if (found.length >= PAGE || s.pos >= s.ranked.length) return finish();
      // Without a phrase to check, a page needs no more texts than it shows.
      var size = s.query.phrases.length ? BATCH : PAGE - found.length;
      var batch = s.ranked.slice(s.pos, s.pos + size);
      s.pos += batch.length;
      return Promise.all(batch.map(docInfo)).then(function (infos) {
        if (s !== state) return null;
        var ok = infos.filter(function (info) {
          return s.query.phrases.every(function (p) { return contains(info.words, p); });
        });
        if (s.first && s.query.loose.length > 1) {
          // Unquoted words that stand together in a paragraph come first.
          var together = ok.filter(function (i) { return contains(i.words, s.query.loose); });
          ok = together.concat(ok.filter(function (i) { return together.indexOf(i) < 0; }));
          s.first = false;
        }
        // Keep what did not fit on this page for the next one.
        var room = PAGE - found.length;
        found = found.concat(ok.slice(0, room));
        s.held = ok.slice(room);
        return step();
      });
    }
    function finish() {
      var start = list.children.length;
      found.forEach(function (info) { list.appendChild(item(info, s.query)); });
      s.shown += found.length;
      var left = s.held.length > 0 || s.pos < s.ranked.length;
      more.hidden = !left;
      report(s, left);
      if (start > 0 && list.children[start]) list.children[start].querySelector("a").focus();
      return null;
    }
    found = s.held;
    s.held = [];
    return step();
  }

  function report(s, left) {
    var n = s.shown;
    if (!n) { status.textContent = "No paragraph matches."; return; }
    if (s.query.phrases.length) {
      status.textContent = n + " paragraph" + (n === 1 ? "" : "s") + " with the phrase" + (left ? " so far" : "") + ".";
    } else {
      var total = s.ranked.length;
      status.textContent = "Showing " + n + " of " + total + " matching paragraph" + (total === 1 ? "" : "s") + ".";
    }
  }

  function run(pushState) {
    var q = input.value.trim();
    var s = { query: parse(q), ranked: [], pos: 0, shown: 0, held: [], first: true };
    state = s;
    var my = ++serial;
    list.innerHTML = "";
    more.hidden = true;
    if (pushState) remember(q);
    if (!q) { status.textContent = ""; return Promise.resolve(); }
    if (!s.query.terms.length) {
      status.textContent = "Add a word that is not as common as “the” or “of”.";
      return Promise.resolve();
    }
    status.textContent = "Searching…";
    return candidates(s.query).then(function (ranked) {
      if (my !== serial) return null;
      s.ranked = ranked;
      return showMore(s);
    }).catch(failed);
  }

  function failed(e) { status.textContent = "The search index could not be read: " + e.message; }

  function remember(q) {
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    Object.keys(filters).forEach(function (k) { if (filters[k].value) params.set(k, filters[k].value); });
    try { history.replaceState(null, "", "?" + params.toString()); } catch (e) { /* file:// in some browsers */ }
  }

  /* ---------- keyboard ---------- */
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a.sr-link")); }
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") {
      var l = links();
      if (l.length) { e.preventDefault(); l[0].focus(); }
    }
  });
  list.addEventListener("keydown", function (e) {
    var l = links(), i = l.indexOf(doc.activeElement);
    if (i < 0) return;
    var to = null;
    if (e.key === "ArrowDown") to = l[Math.min(i + 1, l.length - 1)];
    else if (e.key === "ArrowUp") to = i === 0 ? input : l[i - 1];
    else if (e.key === "Home") to = l[0];
    else if (e.key === "End") to = l[l.length - 1];
    else if (e.key === "Escape") to = input;
    if (to) { e.preventDefault(); to.focus(); }
  });

  /* ---------- start ---------- */
  function option(select, value, label) {
    var o = doc.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  var timer = null;
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(true); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { run(true); }, 250); });
  Object.keys(filters).forEach(function (k) { filters[k].addEventListener("change", function () { run(true); }); });
  more.addEventListener("click", function () { if (state) showMore(state).catch(failed); });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  status.textContent = "Loading the index…";
  load("meta", "meta.js").then(function (m) {
    meta = m;
    m.fold.forEach(function (p) { for (var ch of p[0]) fold[ch] = p[1]; });
    m.stop.forEach(function (w) { stop[w] = true; });
    m.sessions.forEach(function (s) { option(filters.session, s[0], s[1]); });
    m.bodies.forEach(function (b) { option(filters.body, b, b); });
    m.years.forEach(function (y) { option(filters.year, y, y); });
    Object.keys(filters).forEach(function (k) { if (params.get(k)) filters[k].value = params.get(k); });
    status.textContent = "";
    input.focus();
    if (input.value) run(false);
  }).catch(failed);
})();
