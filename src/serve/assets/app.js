// news-search's page: plain JavaScript, no build step, no library.
//
// Article text is hostile input (scraped pages), so every piece of it reaches the page as a
// text node (textContent, append of a string) or an attribute set through the DOM; no string
// is ever parsed as HTML. Links from articles are made only for http(s) addresses.
// The whole state (query, dates, source, sort, page, open article) lives in the URL: each
// change pushes a history entry, back and forward re-render from the URL, and a shared link
// shows the same page.
'use strict';

(() => {
  const PAGE_SIZE = 10;
  const $ = (id) => document.getElementById(id);
  const el = {
    form: $('search'), q: $('q'), main: $('main'), home: $('home'),
    results: $('results-view'), filters: $('filters'), status: $('status'), hits: $('hits'),
    sort: $('sort'), pager: $('pager'), prev: $('prev'), next: $('next'), pageOf: $('page-of'),
    timeline: $('timeline'), bars: $('timeline-bars'), timelineTitle: $('timeline-title'),
    first: $('timeline-first'), last: $('timeline-last'),
    facets: $('facets'), sources: $('facet-sources'), years: $('facet-years'),
    sourcesBox: $('sources-box'), yearsBox: $('years-box'),
    articleView: $('article-view'), articleBody: $('article-body'), back: $('back'),
  };
  const KEYS = ['q', 'since', 'until', 'source', 'sort', 'page', 'article'];

  let state = readState();
  let generation = 0; // each render's number: an older answer arriving late is dropped
  let selected = -1;
  let buckets = [];

  // ---------------------------------------------------------------- state and URL

  function readState() {
    const p = new URLSearchParams(location.search);
    const page = parseInt(p.get('page') || '1', 10);
    return {
      q: p.get('q') || '',
      since: p.get('since') || '',
      until: p.get('until') || '',
      source: p.get('source') || '',
      sort: ['newest', 'oldest'].includes(p.get('sort')) ? p.get('sort') : 'relevance',
      page: Number.isFinite(page) && page > 0 ? page : 1,
      article: p.get('article') || '',
    };
  }

  function urlOf(s) {
    const p = new URLSearchParams();
    for (const key of KEYS) {
      const value = s[key];
      if (!value || (key === 'sort' && value === 'relevance') || (key === 'page' && value === 1)) {
        continue;
      }
      p.set(key, String(value));
    }
    const query = p.toString();
    return query ? '/?' + query : '/';
  }

  function go(changes) {
    state = Object.assign({}, state, changes);
    history.pushState(null, '', urlOf(state));
    render();
  }

  window.addEventListener('popstate', () => {
    state = readState();
    render();
  });

  function hasSearch(s) {
    return Boolean(s.q.trim() || s.since || s.until || s.source);
  }

  // The API's parameters for the current search; `withPage` adds sort and page.
  function apiQuery(s, withPage) {
    const p = new URLSearchParams();
    if (s.q.trim()) p.set('q', s.q);
    if (s.since) p.set('since', s.since);
    if (s.until) p.set('until', s.until);
    if (s.source) p.set('source', s.source);
    if (withPage) {
      if (s.sort !== 'relevance') p.set('sort', s.sort);
      p.set('page', String(s.page));
      p.set('size', String(PAGE_SIZE));
    }
    return p.toString();
  }

  async function getJSON(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      body = null;
    }
    if (!response.ok) {
      throw new Error((body && body.error) || 'the server answered ' + response.status);
    }
    return body;
  }

  // ---------------------------------------------------------------- building elements

  // An element with a class and text; never HTML.
  function node(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // An http(s) address, or null: `javascript:` and every other scheme never become links.
  function safeHref(value) {
    if (typeof value !== 'string' || !value) return null;
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  // `text` with the byte ranges `ranges` (UTF-8 offsets, as the API gives them) in <mark>.
  function marked(text, ranges) {
    const fragment = document.createDocumentFragment();
    const bytes = new TextEncoder().encode(text || '');
    const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
    let at = 0;
    for (const range of ranges || []) {
      const [start, end] = range;
      if (!(start >= at && end > start && end <= bytes.length)) continue;
      fragment.append(decode(at, start));
      fragment.append(node('mark', null, decode(start, end)));
      at = end;
    }
    fragment.append(decode(at, bytes.length));
    return fragment;
  }

  function count(n) {
    return Number(n).toLocaleString('en-US');
  }

  function plural(n, one, many) {
    return count(n) + ' ' + (n === 1 ? one : many);
  }

  // A link within the page to another state; a plain click changes the state in place.
  function stateLink(className, text, changes) {
    const a = node('a', className, text);
    a.href = urlOf(Object.assign({}, state, changes));
    a.addEventListener('click', (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      go(changes);
    });
    return a;
  }

  // ---------------------------------------------------------------- rendering

  function setBusy(busy) {
    el.main.setAttribute('aria-busy', busy ? 'true' : 'false');
    if (!busy) document.body.dataset.rendered = String(generation);
  }

  function render() {
    generation += 1;
    el.q.value = state.q;
    document.title = state.q ? state.q + ' — news-search' : 'news-search';
    if (state.article) {
      showArticle(generation);
    } else {
      showResults(generation);
    }
  }

  async function showResults(mine) {
    el.articleView.hidden = true;
    el.results.hidden = false;
    renderFilters();
    renderSort();
    if (!hasSearch(state)) {
      clearResults('Type words to search the archive; press / to get here from anywhere.');
      setBusy(false);
      return;
    }
    setBusy(true);
    try {
      const [found, timeline, facets] = await Promise.all([
        getJSON('/api/search?' + apiQuery(state, true)),
        getJSON('/api/timeline?' + apiQuery(state, false)),
        getJSON('/api/facets?' + apiQuery(state, false)),
      ]);
      if (mine !== generation) return;
      renderHits(found);
      renderTimeline(timeline);
      renderFacets(facets);
    } catch (error) {
      if (mine !== generation) return;
      clearResults(error.message);
      el.status.classList.add('error');
    }
    setBusy(false);
  }

  function clearResults(message) {
    el.status.textContent = message;
    el.status.classList.remove('error');
    el.hits.replaceChildren();
    el.pager.hidden = true;
    el.timeline.hidden = true;
    el.facets.hidden = true;
    selected = -1;
  }

  function renderSort() {
    for (const button of el.sort.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', button.dataset.sort === state.sort ? 'true' : 'false');
    }
  }

  function renderFilters() {
    el.filters.replaceChildren();
    const chip = (text, changes) => {
      const button = node('button', 'chip', text + ' ×');
      button.type = 'button';
      button.title = 'remove this filter';
      button.addEventListener('click', () => go(Object.assign({ page: 1 }, changes)));
      el.filters.append(button);
    };
    if (state.since || state.until) {
      chip((state.since || '…') + ' to ' + (state.until || '…'), { since: '', until: '' });
    }
    if (state.source) chip('source: ' + state.source, { source: '' });
  }

  function renderHits(found) {
    el.status.classList.remove('error');
    const hits = found.hits || [];
    const first = (found.page - 1) * found.size + 1;
    if (found.notice) {
      el.status.textContent = found.notice;
    } else if (hits.length === 0) {
      el.status.textContent = found.count > 0
        ? 'no results on this page; ' + plural(found.count, 'article matches', 'articles match')
        : 'no articles match';
    } else if (found.page === 1) {
      el.status.textContent = count(hits.length) + ' of ' + plural(found.count, 'article', 'articles');
    } else {
      el.status.textContent = count(first) + '–' + count(first + hits.length - 1) + ' of '
        + plural(found.count, 'article', 'articles');
    }
    el.hits.replaceChildren(...hits.map(hitItem));
    selected = -1;
    el.pager.hidden = found.pages <= 1;
    el.pageOf.textContent = 'page ' + count(found.page) + ' of ' + count(Math.max(found.pages, 1));
    el.prev.disabled = found.page <= 1;
    el.next.disabled = found.page >= found.pages;
  }

  function hitItem(hit) {
    const li = node('li', 'hit');
    li.dataset.id = hit.id;
    const title = node('h2', 'headline');
    title.append(stateLink('open', hit.headline || '(no headline)', { article: hit.id }));
    li.append(title);
    const meta = node('p', 'meta');
    meta.append(node('span', 'date', hit.date || 'no date'));
    if (hit.source) meta.append(node('span', 'source', hit.source));
    meta.append(node('span', 'path', hit.path + ':' + hit.line));
    const href = safeHref(hit.url);
    if (href) {
      const a = node('a', 'url', new URL(href).host);
      a.href = href;
      a.rel = 'noopener noreferrer nofollow';
      a.target = '_blank';
      meta.append(a);
    }
    li.append(meta);
    const snippet = node('p', 'snippet');
    snippet.append(marked(hit.snippet, hit.highlights));
    li.append(snippet);
    if (hit.also_in && hit.also_in.length) {
      const also = node('p', 'also', 'also in ');
      hit.also_in.forEach((copy, i) => {
        if (i > 0) also.append(', ');
        also.append(stateLink('copy', copy.path + ':' + copy.line, { article: copy.id }));
      });
      li.append(also);
    }
    li.addEventListener('click', (event) => {
      if (event.target.closest('a')) return;
      select(Array.prototype.indexOf.call(el.hits.children, li));
    });
    return li;
  }

  // ---------------------------------------------------------------- timeline

  const SVG = 'http://www.w3.org/2000/svg';

  function renderTimeline(timeline) {
    buckets = (timeline.buckets || []).filter((b) => b.start && b.end);
    el.timeline.hidden = buckets.length === 0;
    el.bars.replaceChildren();
    if (!buckets.length) return;
    const undated = (timeline.buckets || []).find((b) => !b.start);
    el.timelineTitle.textContent = plural(timeline.count, 'matching article', 'matching articles')
      + ' by ' + timeline.unit + ', peak ' + count(timeline.peak)
      + (undated ? ' (' + count(undated.count) + ' undated)' : '');
    const width = buckets.length * 10;
    el.bars.setAttribute('viewBox', '0 0 ' + width + ' 100');
    buckets.forEach((bucket, i) => {
      const height = timeline.peak > 0 ? Math.max(bucket.count > 0 ? 2 : 0, 96 * bucket.count / timeline.peak) : 0;
      const slot = document.createElementNS(SVG, 'rect');
      slot.setAttribute('class', 'slot');
      slot.setAttribute('x', String(i * 10));
      slot.setAttribute('y', '0');
      slot.setAttribute('width', '10');
      slot.setAttribute('height', '100');
      const bar = document.createElementNS(SVG, 'rect');
      bar.setAttribute('class', 'bar');
      bar.setAttribute('x', String(i * 10 + 1));
      bar.setAttribute('width', '8');
      bar.setAttribute('y', String(100 - height));
      bar.setAttribute('height', String(height));
      const tip = document.createElementNS(SVG, 'title');
      tip.textContent = bucket.label + ': ' + plural(bucket.count, 'article', 'articles');
      const group = document.createElementNS(SVG, 'g');
      group.setAttribute('data-index', String(i));
      group.append(slot, bar, tip);
      el.bars.append(group);
    });
    el.first.textContent = buckets[0].label;
    el.last.textContent = buckets.length > 1 ? buckets[buckets.length - 1].label : '';
  }

  // Which bucket a pointer's x position is over.
  function bucketAt(clientX) {
    const box = el.bars.getBoundingClientRect();
    const at = Math.floor((clientX - box.left) / box.width * buckets.length);
    return Math.min(buckets.length - 1, Math.max(0, at));
  }

  function markRange(from, to) {
    const [a, b] = from <= to ? [from, to] : [to, from];
    for (const group of el.bars.children) {
      const i = Number(group.getAttribute('data-index'));
      group.classList.toggle('chosen', from >= 0 && i >= a && i <= b);
    }
  }

  let dragFrom = -1;
  el.bars.addEventListener('pointerdown', (event) => {
    if (!buckets.length || event.button !== 0) return;
    event.preventDefault();
    dragFrom = bucketAt(event.clientX);
    el.bars.setPointerCapture(event.pointerId);
    markRange(dragFrom, dragFrom);
  });
  el.bars.addEventListener('pointermove', (event) => {
    if (dragFrom >= 0) markRange(dragFrom, bucketAt(event.clientX));
  });
  el.bars.addEventListener('pointerup', (event) => {
    if (dragFrom < 0) return;
    const to = bucketAt(event.clientX);
    const [a, b] = dragFrom <= to ? [dragFrom, to] : [to, dragFrom];
    dragFrom = -1;
    go({ since: buckets[a].start, until: buckets[b].end, page: 1 });
  });
  el.bars.addEventListener('pointercancel', () => {
    dragFrom = -1;
    markRange(-1, -1);
  });

  // ---------------------------------------------------------------- facets

  function facetItem(text, n, active, changes) {
    const li = node('li');
    const button = node('button', active ? 'facet active' : 'facet');
    button.type = 'button';
    button.setAttribute('aria-pressed', active ? 'true' : 'false');
    button.append(node('span', 'facet-name', text), node('span', 'facet-count', count(n)));
    button.addEventListener('click', () => go(Object.assign({ page: 1 }, changes)));
    li.append(button);
    return li;
  }

  function renderFacets(facets) {
    const sources = facets.sources || [];
    const years = (facets.years || []).filter((y) => y.start && y.count > 0);
    el.facets.hidden = sources.length === 0 && years.length === 0;
    el.sourcesBox.hidden = sources.length === 0;
    el.yearsBox.hidden = years.length === 0;
    el.sources.replaceChildren(...sources.slice(0, 12).map((s) => {
      const active = state.source === s.name;
      return facetItem(s.name, s.count, active, { source: active ? '' : s.name });
    }));
    el.years.replaceChildren(...years.map((y) => {
      const active = state.since === y.start && state.until === y.end;
      return facetItem(y.label, y.count, active,
        active ? { since: '', until: '' } : { since: y.start, until: y.end });
    }));
  }

  // ---------------------------------------------------------------- article view

  async function showArticle(mine) {
    el.results.hidden = true;
    el.articleView.hidden = false;
    el.articleBody.replaceChildren(node('p', 'status', 'loading…'));
    el.back.href = urlOf(Object.assign({}, state, { article: '' }));
    setBusy(true);
    try {
      const p = new URLSearchParams();
      if (state.q.trim()) p.set('q', state.q);
      const found = await getJSON('/api/article/' + encodeURIComponent(state.article) + '?' + p);
      if (mine !== generation) return;
      el.articleBody.replaceChildren(...found.articles.map(articleBlock));
      window.scrollTo(0, 0);
    } catch (error) {
      if (mine !== generation) return;
      el.articleBody.replaceChildren(node('p', 'status error', error.message));
    }
    setBusy(false);
  }

  function articleBlock(article) {
    const block = node('div', 'whole');
    block.append(node('h1', 'headline', article.headline || '(no headline)'));
    const meta = node('p', 'meta');
    meta.append(node('span', 'date', article.date || 'no date'));
    if (article.source) meta.append(node('span', 'source', article.source));
    if (article.author) meta.append(node('span', 'author', 'by ' + article.author));
    meta.append(node('span', 'path', article.path + ':' + article.line));
    meta.append(node('span', 'id', 'id ' + article.id));
    block.append(meta);
    const href = safeHref(article.url);
    if (href) {
      const a = node('a', 'url', href);
      a.href = href;
      a.rel = 'noopener noreferrer nofollow';
      a.target = '_blank';
      const p = node('p', 'link');
      p.append(a);
      block.append(p);
    } else if (article.url) {
      block.append(node('p', 'link unsafe', 'address (not a web link): ' + article.url));
    }
    for (const passage of article.passages || []) {
      const p = node('p', 'passage');
      p.append(marked(passage.text, passage.highlights));
      // A passage's paragraphs are separated by one line break; an empty line between them
      // reads as paragraphs (added once marked, so the highlight offsets still fit).
      for (const child of p.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) child.data = child.data.replace(/\n/g, '\n\n');
      }
      block.append(p);
    }
    return block;
  }

  // Back to the results of the same search (a new history entry, so Back returns here).
  function backToResults() {
    go({ article: '' });
  }

  // ---------------------------------------------------------------- keys and controls

  function select(i) {
    const items = el.hits.children;
    if (!items.length) return;
    selected = Math.min(items.length - 1, Math.max(0, i));
    Array.prototype.forEach.call(items, (item, j) => {
      item.classList.toggle('selected', j === selected);
      if (j === selected) item.setAttribute('aria-current', 'true');
      else item.removeAttribute('aria-current');
    });
    items[selected].scrollIntoView({ block: 'nearest' });
  }

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target instanceof Element
      && target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
    if (typing) {
      if (event.key === 'Escape') {
        // Leaving the box undoes what was typed but not searched, as an address bar does
        // (rather than a search box's own clearing).
        if (target === el.q) {
          event.preventDefault();
          el.q.value = state.q;
        }
        target.blur();
      }
      return;
    }
    if (event.key === '/') {
      event.preventDefault();
      el.q.focus();
      el.q.select();
    } else if (state.article) {
      if (event.key === 'Escape') backToResults();
    } else if (event.key === 'j') {
      select(selected + 1);
    } else if (event.key === 'k') {
      select(selected < 0 ? 0 : selected - 1);
    } else if (event.key === 'Enter' && selected >= 0 && !target.closest('a, button')) {
      const item = el.hits.children[selected];
      if (item) go({ article: item.dataset.id });
    }
  });

  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    el.q.blur();
    go({ q: el.q.value.trim(), page: 1, article: '' });
  });
  el.home.addEventListener('click', (event) => {
    event.preventDefault();
    go({ q: '', since: '', until: '', source: '', sort: 'relevance', page: 1, article: '' });
  });
  el.sort.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-sort]');
    if (button) go({ sort: button.dataset.sort, page: 1 });
  });
  // A new page starts at the top of its results.
  el.prev.addEventListener('click', () => {
    go({ page: Math.max(1, state.page - 1) });
    window.scrollTo(0, 0);
  });
  el.next.addEventListener('click', () => {
    go({ page: state.page + 1 });
    window.scrollTo(0, 0);
  });
  el.back.addEventListener('click', (event) => {
    event.preventDefault();
    backToResults();
  });

  render();
})();
