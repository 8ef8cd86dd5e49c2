// Site search: a box in the header. Nothing is loaded until a reader types; a query then
// fetches search/index.json, the index shards of its tokens and the pages it shows (see
// pipeline/site/search_index.py for the files). Results are built as DOM text, never as HTML:
// page text comes from PDFs. No library, no request to another host.
(function () {
  var script = document.currentScript;
  var root = new URL("..", script.src); // assets/search.js sits one folder below the site root
  var CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var WORD = /[a-z0-9]+/g;
  var QUOTES = /[“”‘’"'「」『』]/g; // dropped before tokens are made, as in search_index.QUOTES
  var SHOWN = 8; // pages shown (and fetched) per query
  var cache = {};

  function get(path, gzipped) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, root).href).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        if (!gzipped) return r.json();
        return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).json();
      });
    }
    return cache[path];
  }

  // FNV-1a over UTF-16 code units: the same shard as search_index.shard_of.
  function shardOf(token, shards) {
    var h = 2166136261;
    for (var i = 0; i < token.length; i++) { h ^= token.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h % shards;
  }

  // The query's tokens (a CJK run gives its adjacent pairs, or itself when one character long;
  // a Latin word or number itself) and the phrases a page must print.
  function parse(query) {
    var q = query.toLowerCase().replace(QUOTES, ""), tokens = [], phrases = [];
    (q.match(CJK) || []).forEach(function (run) {
      phrases.push(run);
      if (run.length === 1) tokens.push(run);
      for (var i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
    });
    (q.match(WORD) || []).forEach(function (w) { phrases.push(w); tokens.push(w); });
    return { tokens: tokens.filter(function (t, i) { return tokens.indexOf(t) === i; }), phrases: phrases };
  }

  function postings(shard, token) {
    var list = shard[token], out = new Map(), page = 0;
    if (!list) return out;
    for (var i = 0; i < list.length; i += 2) { page += list[i]; out.set(page, list[i + 1]); }
    return out;
  }

  // Pages holding every token, best first (tf-idf), then checked for the exact phrases.
  function search(query) {
    var parsed = parse(query);
    if (!parsed.tokens.length) return Promise.resolve({ total: 0, pages: [] });
    return get("search/index.json", false).then(function (index) {
      var shards = parsed.tokens.map(function (t) { return shardOf(t, index.shards); });
      return Promise.all(shards.map(function (n) { return get("search/t/" + n + ".json.gz", true); })).then(function (loaded) {
        var lists = parsed.tokens.map(function (t, i) { return postings(loaded[i], t); });
        lists.sort(function (a, b) { return a.size - b.size; });
        var scores = new Map();
        lists[0].forEach(function (w, page) { scores.set(page, 0); });
        lists.forEach(function (list) {
          var idf = Math.log(1 + index.pages / (1 + list.size));
          scores.forEach(function (s, page) {
            var w = list.get(page);
            if (w === undefined) scores.delete(page); else scores.set(page, s + idf * (1 + Math.log(w)));
          });
        });
        var ranked = Array.from(scores.keys()).sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
        var result = { total: ranked.length, ranked: ranked, scores: scores, phrases: parsed.phrases, pages: [] };
        return more(result).then(function () { return result; });
      });
    });
  }

  // The next SHOWN pages of a result, fetched now (a reader pages through every result this way).
  function more(result) {
    var next = result.ranked.slice(result.pages.length, result.pages.length + SHOWN);
    return Promise.all(next.map(function (id) { return get("search/p/" + id + ".json.gz", true); })).then(function (pages) {
      var found = pages.map(function (p, i) { return match(p, result.phrases, result.scores.get(next[i])); });
      found.sort(function (a, b) { return b.rank - a.rank; });
      result.pages = result.pages.concat(found);
      return found;
    });
  }

  // A phrase as printed, quotation marks allowed between its characters (三公经费 in “三公”经费).
  function pattern(phrase) {
    var quote = "[“”‘’\"'「」『』]?";
    return new RegExp(phrase.split("").map(function (c) { return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); })
      .join(quote), "gi");
  }

  function has(text, phrases) {
    return phrases.every(function (p) { return pattern(p).test(text); });
  }

  // A page with the sections that print the phrases; exact matches, then title matches, rank first.
  function match(page, phrases, score) {
    var sections = page.s.filter(function (s) { return has(s[1] + "\n" + s[2], phrases); });
    var exact = sections.length > 0 || has(page.t, phrases);
    var titled = has(page.t, phrases) || sections.some(function (s) { return has(s[1], phrases); });
    return { page: page, sections: sections, phrases: phrases, rank: (exact ? 1e6 : 0) + (titled ? 1e5 : 0) + score };
  }

  // Text around the first phrase, phrases marked; table cells on separate lines are joined by " · ".
  // The first match of any phrase at or after `from` in text: [index, length], or null.
  function first(text, phrases, from) {
    var best = null;
    phrases.forEach(function (p) {
      var re = pattern(p);
      re.lastIndex = from;
      var m = re.exec(text);
      if (m && (!best || m.index < best[0])) best = [m.index, m[0].length];
    });
    return best;
  }

  // Text with the phrases marked, appended to `out` as text nodes and <mark> elements.
  function marked(out, piece, phrases) {
    var pos = 0;
    while (pos < piece.length) {
      var next = first(piece, phrases, pos);
      if (!next) { out.appendChild(document.createTextNode(piece.slice(pos))); break; }
      if (next[0] > pos) out.appendChild(document.createTextNode(piece.slice(pos, next[0])));
      var m = document.createElement("mark");
      m.textContent = piece.slice(next[0], next[0] + next[1]);
      out.appendChild(m);
      pos = next[0] + next[1];
    }
    return out;
  }

  function snippet(text, phrases) {
    var flat = text.replace(/\n+/g, " · ");
    var hit = first(flat, phrases, 0), at = hit ? hit[0] : 0;
    var start = Math.max(0, at - 30), end = Math.min(flat.length, at + 70);
    var out = document.createElement("p");
    out.className = "excerpt";
    if (start > 0) out.appendChild(document.createTextNode("…"));
    marked(out, flat.slice(start, end), phrases);
    if (end < flat.length) out.appendChild(document.createTextNode("…"));
    return out;
  }

  function link(href, text, cls) {
    var a = document.createElement("a");
    a.href = href;
    a.className = cls;
    a.textContent = text;
    return a;
  }

  function setup() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.querySelector(".site-search")) return;
    var box = document.createElement("div");
    box.className = "site-search";
    box.setAttribute("role", "search");
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "搜索";
    input.setAttribute("aria-label", "搜索全站");
    box.appendChild(input);
    header.insertBefore(box, header.querySelector(".md-header__source"));
    var panel = document.createElement("div");
    panel.className = "site-search-results";
    panel.hidden = true;
    panel.setAttribute("aria-live", "polite");
    document.body.appendChild(panel);

    function status(text) {
      panel.textContent = "";
      var p = document.createElement("p");
      p.className = "status";
      p.textContent = text;
      panel.appendChild(p);
      panel.hidden = false;
      return p;
    }

    function item(r) {
      var li = document.createElement("li");
      li.className = "result";
      var url = new URL(r.page.u, root).href;
      var title = link(url, r.page.t, "result-title");
      if (r.page.k && r.page.k !== r.page.t) { var k = document.createElement("span"); k.className = "result-kind"; k.textContent = r.page.k; title.appendChild(k); }
      li.appendChild(title);
      var subs = r.sections.filter(function (s) { return s[0]; }).slice(0, 3);
      if (subs.length) {
        subs.forEach(function (s) {
          li.appendChild(marked(link(url + "#" + encodeURIComponent(s[0]), "› ", "sub"), s[1], r.phrases));
          li.appendChild(snippet(s[2] || s[1], r.phrases));
        });
      } else {
        var first = r.sections[0] || r.page.s[0] || ["", "", ""];
        li.appendChild(snippet(first[2] || r.page.t, r.phrases));
      }
      return li;
    }

    function counted(result) {
      return "找到 " + result.total + " 个页面" +
        (result.total > result.pages.length ? "，已显示最相关的 " + result.pages.length + " 个" : "");
    }

    function show(query, result) {
      var head = status(result.total ? counted(result) : "没有找到“" + query + "”");
      head.setAttribute("data-total", String(result.total));
      var list = document.createElement("ol");
      result.pages.forEach(function (r) { list.appendChild(item(r)); });
      panel.appendChild(list);
      if (result.total <= result.pages.length) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "more";
      function label() { button.textContent = "显示更多（还有 " + (result.total - result.pages.length) + " 个）"; }
      label();
      button.addEventListener("click", function () {
        button.disabled = true;
        more(result).then(function (found) {
          found.forEach(function (r) { list.appendChild(item(r)); });
          head.textContent = counted(result);
          if (result.total > result.pages.length) { label(); button.disabled = false; } else button.remove();
        }).catch(function () { button.textContent = "无法加载更多结果。"; });
      });
      panel.appendChild(button);
    }

    var latest = 0, timer = null;
    function run() {
      var query = input.value.trim(), ticket = ++latest;
      if (!query) { panel.hidden = true; return; }
      if (location.protocol === "file:") {
        status("直接打开本地文件时无法搜索：请在站点目录运行 python -m http.server，再用浏览器打开 http://localhost:8000/ 。");
        return;
      }
      status("正在搜索……");
      search(query).then(function (result) { if (ticket === latest) show(query, result); })
        .catch(function () { if (ticket === latest) status("搜索索引无法加载。"); });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { panel.hidden = true; input.blur(); }
      if (e.key === "Enter") { clearTimeout(timer); run(); }
    });
    input.addEventListener("focus", function () { if (input.value.trim() && panel.childNodes.length) panel.hidden = false; });
    document.addEventListener("click", function (e) { if (!box.contains(e.target) && !panel.contains(e.target)) panel.hidden = true; });
    document.addEventListener("keydown", function (e) {
      var active = document.activeElement;
      if (e.key === "/" && !(active && /INPUT|TEXTAREA|SELECT/.test(active.tagName))) { e.preventDefault(); input.focus(); }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
