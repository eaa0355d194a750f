// folio search: the Pagefind index written with the site, queried in the reader's browser.
// Korean queries lose their particles first (중국의 → 중국), with the same list the indexer
// used (data-suffixes), so a stem finds every inflected form. Without JavaScript the box stays
// hidden.
(function () {
  var box = document.querySelector('.site-search');
  if (!box) return;
  var root = box.dataset.root || '';
  var suffixes = (box.dataset.suffixes || '').split(' ').filter(Boolean);
  var input = box.querySelector('input');
  var results = box.querySelector('.search-results');
  var pagefind = null;
  var seq = 0;
  box.hidden = false;

  function stem(word) {
    for (var i = 0; i < 2; i++) {
      if (!/^[\uAC00-\uD7A3]+$/.test(word)) return word;
      var chars = Array.from(word).length;
      var found = suffixes.find(function (s) {
        return word.endsWith(s) && chars - Array.from(s).length >= 2;
      });
      if (!found) break;
      word = word.slice(0, word.length - found.length);
    }
    return word;
  }

  function load() {
    if (!pagefind) {
      pagefind = import(root + 'pagefind/pagefind.js').then(function (pf) {
        return pf.options({ baseUrl: '/' }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function link(url) {
    // Pagefind gives site-absolute URLs; the site may live below a path, so make them relative.
    return root + url.replace(/^\//, '');
  }

  // The index splits Korean particles from their stems with ` ^` (지역 ^의, AI^반도체칩);
  // readers see the words as written, also where Pagefind marks the particle itself.
  function clean(text) {
    return (text || '').replace(/ ?(<mark>)?\^/g, '$1');
  }

  function element(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function render(items, query) {
    results.replaceChildren();
    if (!query) return;
    if (!items.length) {
      results.append(element('p', 'search-empty', box.dataset.noResults));
      return;
    }
    var list = element('ol', 'search-list');
    items.forEach(function (data) {
      var li = element('li');
      var a = element('a', 'search-chapter', clean(data.meta.title));
      a.href = link(data.url);
      li.append(a);
      var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url; }).slice(0, 3);
      if (!subs.length) subs = [data];
      subs.forEach(function (s) {
        var hit = element('a', 'search-hit');
        hit.href = link(s.url);
        if (s !== data && s.title) hit.append(element('span', 'search-section', clean(s.title)));
        var excerpt = element('span', 'search-excerpt');
        excerpt.innerHTML = clean(s.excerpt); // Pagefind escapes the text and adds <mark> itself.
        hit.append(excerpt);
        li.append(hit);
      });
      list.append(li);
    });
    results.append(list);
  }

  // The query as it is searched, and text as it is shown (tests use these to search and read
  // exactly as the box does).
  window.folioSearchQuery = function (raw) {
    return raw.trim().split(/\s+/).map(stem).join(' ');
  };
  window.folioSearchText = clean;

  input.addEventListener('focus', load);
  input.addEventListener('input', function () {
    var raw = input.value.trim();
    var query = window.folioSearchQuery(raw);
    var mine = ++seq;
    if (!raw) { render([], ''); return; }
    load().then(function (pf) { return pf.debouncedSearch(query, {}, 150); }).then(function (search) {
      if (!search || mine !== seq) return null;
      return Promise.all(search.results.slice(0, 6).map(function (r) { return r.data(); }));
    }).then(function (items) {
      if (items && mine === seq) render(items, raw);
    });
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { input.value = ''; render([], ''); }
  });
})();
