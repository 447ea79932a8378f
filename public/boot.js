// The app's one entry point, for index.html and for a portal that embeds the app alike:
//   <div data-news-app data-article="slug"></div><script src="https://cdn…/boot.js"></script>
// It begins downloading the JSON the first view needs at once (on a page that holds its
// article, after its first frame), in parallel with the wasm (the app takes those responses
// instead of fetching again), adds the app's CSS and preloads when the page lacks them,
// then starts the wasm. An external file, so that a
// strict CSP (script-src 'self') holds. The build writes the hashed names into FILES.
//
// index.html loads it at the top of <head>, before the mount element exists, so that it is
// fetched as soon as the page arrives; past the comforts, it waits for the document to be
// parsed (the mount element's attributes say what to fetch). A portal loads it after the
// mount element, as docs/deploy.md says.
// --- The reader's comforts (owned by src/comforts/, branch `comforts`): the text size step
// and the colour scheme, set before the first paint so that nothing shifts. On <html>, or on
// the mount element when embedded (`data-article`), where the portal decides the scheme with
// `data-theme="auto|light|dark"` (default light) and a stored choice counts only with
// `data-theme-switch`. The island (src/comforts/island.rs) writes the same attributes. ---
(function () {
  var m = document.querySelector('[data-news-app]');
  var embedded = !!(m && m.hasAttribute('data-article'));
  var el = embedded ? m : document.documentElement;
  var s = {};
  try {
    s = localStorage;
  } catch (e) {}
  if (/^[0-3]$/.test(s['na-text-size'])) el.setAttribute('data-na-size', s['na-text-size']);
  var q = window.matchMedia ? matchMedia('(prefers-color-scheme: dark)') : { matches: false };
  function apply() {
    var theme = embedded ? m.getAttribute('data-theme') || 'light' : 'auto';
    if ((!embedded || m.hasAttribute('data-theme-switch')) && /^(light|dark)$/.test(s['na-theme'])) theme = s['na-theme'];
    el.setAttribute('data-na-theme', theme === 'auto' ? (q.matches ? 'dark' : 'light') : theme);
  }
  apply();
  if (q.addEventListener) q.addEventListener('change', apply);
})();
// --- end of the reader's comforts ---

(function () {
  var FILES = /*FILES*/null;
  var me = document.currentScript;
  var appBase = new URL('.', me.src);
  var prefetch = (window.__newsPrefetch = window.__newsPrefetch || {});
  var head = document.head;
  if (!FILES) throw new Error('boot.js: not built by trunk (no file names)');
  var mount, d, basePath, apiBase, api, slug;

  function link(rel, href, extra) {
    var old = document.querySelector('link[href="' + href + '"]') || document.querySelector('link[href="' + new URL(href).pathname + '"]');
    if (old) return old;
    var el = document.createElement('link');
    el.rel = rel;
    el.href = href;
    for (var k in extra) el.setAttribute(k, extra[k]);
    return head.appendChild(el);
  }
  function get(url) {
    if (prefetch[url]) return;
    var started = fetch(url).then(function (res) {
      // The body is read as soon as it arrives, not when the app asks: reading a body takes
      // a task of its own, and then the browser would paint the app's loading state in
      // between. The app (src/api.rs) takes `newsText`, already there, and renders the
      // article in the task the wasm starts in.
      if (res.ok) {
        res.newsText = res.text();
        res.newsText['catch'](function () {});
      }
      return res;
    });
    // A failure is the app's to report, when it takes the response.
    started['catch'](function () {});
    prefetch[url] = started;
  }

  // Whether the mount element `el` holds its article already (prerendered, served, or the
  // worker's copy of the app's page).
  function holdsArticle(el) {
    return !!(el && el.querySelector('[data-news-static]'));
  }

  // After the frame that paints what the page holds: for a page that holds its article.
  // (Waiting for that frame to be on screen, the first contentful paint's entry, measured no
  // faster, and started the app later.)
  function afterPaint(f) {
    requestAnimationFrame(function () {
      setTimeout(f);
    });
  }

  // The rest waits until the mount element is there with what it holds, so that a page
  // holding its article paints first: this script blocks the first render (for the comforts
  // above), and run any earlier it started the JSON's fetches, whose answers came back
  // before that paint. index.html's DOMContentLoaded comes at once: it is that small.
  function boot() {
    mount = document.querySelector('[data-news-app]');
    d = mount ? mount.dataset : {};
    basePath = d.basePath !== undefined ? d.basePath : appBase.pathname;
    apiBase = d.apiBase !== undefined ? d.apiBase : new URL('api/', appBase).href;
    api = new URL(apiBase, document.baseURI);
    slug = d.article;
    go(fragment());
  }

  // 0. An article a portal embeds (`data-article`, its mount element empty) comes as the HTML
  // fragment a portal's server would include (`articles/{slug}.html`, docs/deploy.md): the
  // article paints once that and the stylesheet are here, as on a prerendered page, and the
  // app then adopts it, instead of after the wasm (53 KB) that draws it from the JSON. The
  // wasm starts beside it all the same, and draws the article if its JSON comes first (a
  // CDN without fragments, an article published since the build): no round trip waits for
  // a fragment that may not be there. Only from this script's origin, whose HTML is trusted
  // no more than the script itself (an API on another origin could send markup that runs),
  // and only when it names this build's stylesheet (one of another build, whose addresses
  // may be wrong here, is left). Resolves to whether it is on the page; null where none is
  // asked for.
  function fragment() {
    if (!/^[a-z0-9-]+$/.test(slug || '') || holdsArticle(mount) || api.origin !== appBase.origin) return null;
    var url = new URL('articles/' + slug + '.html', api).href;
    var css = new URL(FILES.css[0], appBase).href;
    var sheet = link('stylesheet', css, {});
    var html = fetch(url, { credentials: 'omit', priority: 'high' }).then(function (res) {
      if (!res.ok) throw new Error(res.status);
      return res.text();
    });
    var styled = new Promise(function (done) {
      if (sheet.sheet) return done();
      sheet.addEventListener('load', done);
      sheet.addEventListener('error', done);
    });
    return Promise.all([html, styled])
      .then(function (got) {
        var t = document.createElement('template');
        t.innerHTML = got[0];
        var f = t.content;
        // The addresses of what it loads are relative to where it came from, as in any
        // document; its links stay the app's paths, as the app writes them.
        var loads = f.querySelectorAll('link[href], img[src], audio[src]');
        for (var i = 0; i < loads.length; i++) {
          var a = loads[i].hasAttribute('src') ? 'src' : 'href';
          loads[i].setAttribute(a, new URL(loads[i].getAttribute(a), url).href);
        }
        var own = f.querySelector('link[rel=stylesheet]');
        var page = null;
        for (var j = 0; j < f.children.length; j++) if (f.children[j].hasAttribute('data-news-static')) page = f.children[j];
        if (!own || own.getAttribute('href') !== css || !page || page.getAttribute('data-news-static') !== slug) return false;
        if (holdsArticle(mount)) return false;
        mount.textContent = '';
        mount.appendChild(f);
        // The benchmark's mark, as the wasm's drawing makes (src/shell.rs).
        requestAnimationFrame(function () {
          performance.mark('news:article');
        });
        return true;
      })
      ['catch'](function () {
        return false;
      });
  }

  // The rest, `coming` the fragment's promise (or null).
  function go(coming) {
    // 1. The data of the first view, now; on a page that holds its article, after its first
    // frame: there the JSON only lets the app adopt the page, and the paint need not wait for
    // fetch()'s work. With a fragment coming, now too: the app draws the article from it if
    // none comes, and adopts the fragment with it if one does.
    var first = [];
    if (!slug) {
      var base = basePath.replace(/\/+$/, '');
      var path = location.pathname;
      if (path.indexOf(base) === 0) {
        var parts = path.slice(base.length).split('/').filter(Boolean);
        // Search and topics (reserved slugs) are neither a category nor an article.
        if (/^(tim-kiem|chu-de)$/.test(parts[0])) parts = [0, 0, 0];
        if (parts.length === 2) slug = parts[1];
        else if (parts.length < 2) {
          // A category page reads its own list (contract v2), the front page the newest.
          var category = /^[a-z0-9-]+$/.test(parts[0] || '') && parts[0];
          first.push(new URL(category ? 'categories/' + category + '.json' : 'latest.json', api).href);
        }
      }
    }
    if (/^[a-z0-9-]+$/.test(slug || '')) first.push(new URL('articles/' + slug + '.json', api).href);
    first.push(new URL('most-read.json', api).href);
    function data() {
      first.forEach(get);
    }
    if (holdsArticle(mount)) afterPaint(data);
    else data();

    // 2. The code, now too; at low priority while a fragment is coming, which with the
    // stylesheet is all its paint waits for.
    var js = new URL(FILES.js, appBase).href;
    var wasm = new URL(FILES.wasm, appBase).href;
    var low = coming ? { fetchpriority: 'low' } : {};
    // From a CDN on another origin these are CORS requests without credentials, like the
    // import() and the fetch they stand for (a preload is used only if mode and credentials
    // match): the CDN must send Access-Control-Allow-Origin (docs/deploy.md, "CORS").
    link('modulepreload', js, low);
    link('preload', wasm, Object.assign({ as: 'fetch', type: 'application/wasm', crossorigin: '' }, low));
    for (var i = 0; i < FILES.css.length; i++) link('stylesheet', new URL(FILES.css[i], appBase).href, {});
    // The app's own part of the wasm (src/whole.rs, one file: scripts/join-parts.mjs), which
    // the main part fetches once started: preloaded at low priority where the main part does
    // not draw first (a page that holds its article, after its first frame; a page that is not an
    // article's). On an article's shell the main part draws the article first and fetches
    // them after its JSON, not beside it: nothing shares the bandwidth the paint waits for.
    // On a page that holds its article the comments' part too: the app adopts the page once
    // its comments are there, and would fetch their part only once it runs.
    function preload(files) {
      for (var j = 0; j < files.length; j++) {
        var href = new URL(files[j], appBase).href;
        link('preload', href, { as: 'fetch', type: 'application/wasm', crossorigin: '', fetchpriority: 'low' });
      }
    }
    function adopting() {
      afterPaint(function () {
        preload(FILES.app.concat(FILES.comments));
      });
    }
    if (holdsArticle(mount)) adopting();
    else if (!slug) preload(FILES.app);

    // 3. The app, once its mount element is there.
    function start() {
      var el = document.querySelector('[data-news-app]');
      if (el) {
        if (el.dataset.basePath === undefined) el.dataset.basePath = basePath;
        if (el.dataset.apiBase === undefined) el.dataset.apiBase = apiBase;
      }
      var shown = holdsArticle(el);
      function run() {
        import(js)
          .then(function (bindings) {
            return bindings['default']({ module_or_path: wasm });
          })
          .then(function (exports) {
            // For measurement (bench/): the wasm's memory, to weigh it after many navigations.
            window.__newsWasm = exports;
          })
          ['catch'](function (error) {
            // A prerendered article stays readable without the app; otherwise say what broke.
            if (el && !holdsArticle(el)) {
              el.textContent = 'Không tải được trang. Vui lòng kiểm tra mạng rồi tải lại trang.';
              el.setAttribute('role', 'alert');
            }
            throw error;
          });
      }
      // A page that holds its article paints it from the HTML and the stylesheet: the app's
      // code (the glue's evaluation, then the wasm's) comes after, not before. The wasm is
      // still downloading then on a first visit.
      if (shown) afterPaint(run);
      else run();
    }
    if (coming) {
      coming.then(function (came) {
        if (came) adopting();
      });
    }
    start();
  }
  if (document.querySelector('[data-news-app]') || document.readyState !== 'loading') boot();
  else document.addEventListener('DOMContentLoaded', boot);

  // 4. Offline reading (public/sw.js; docs/deploy.md, "Offline reading"), nothing of it in the first
  // view: once the page has loaded, the app's own pages register the service worker at the
  // app's base path; an embedded app (data-article) only when the portal asks with
  // data-offline; data-offline="off" turns it off. The worker is then asked to keep what
  // this page fetched before it was there: the article (JSON, comments, page), most-read.
  function offlineOn(o) {
    return o.offline !== undefined ? o.offline !== 'off' : !o.article;
  }
  function offline() {
    var el = document.querySelector('[data-news-app]');
    var o = el ? el.dataset : {};
    if (!offlineOn(o)) return;
    var sw = navigator.serviceWorker;
    sw.register(new URL('sw.js', appBase).href)['catch'](function () {});
    // Under the worker from the start, this page's requests went through it: nothing to
    // fetch again.
    if (servedByWorker) return;
    sw.ready.then(function (reg) {
      var a = /^[a-z0-9-]+$/.test(slug || '') && new URL('articles/' + slug, api).href;
      reg.active.postMessage({
        slug: a && slug,
        urls: a ? [a + '.json', a + '/comments.json'].concat(o.article ? [] : [location.origin + location.pathname]) : [],
        lists: [new URL('most-read.json', api).href],
      });
    });
  }
  if ('serviceWorker' in navigator) {
    var servedByWorker = Boolean(navigator.serviceWorker.controller);
    if (document.readyState === 'complete') offline();
    else addEventListener('load', offline);
    // The page the app writes for an article it showed (src/kept.rs), which the worker
    // answers this address with next time instead of the shell: this document's head (the
    // app gave it the article's title) and the mount element holding that page, built in a
    // document of its own so that nothing in it loads or runs here, without what the
    // reader's choices set on <html> (boot.js sets them again). Only on the app's own pages.
    window.__newsKeep = function (slug, html) {
      var el = document.querySelector('[data-news-app]');
      if (!el || el.dataset.article || !offlineOn(el.dataset)) return;
      var doc = document.implementation.createHTMLDocument('');
      var root = doc.importNode(document.documentElement, false);
      for (var i = root.attributes.length - 1; i >= 0; i--) {
        if (/^data-na-/.test(root.attributes[i].name)) root.removeAttribute(root.attributes[i].name);
      }
      root.appendChild(doc.importNode(document.head, true));
      var mount = root.appendChild(doc.importNode(document.body, false)).appendChild(doc.importNode(el, false));
      mount.innerHTML = html;
      if (!mount.firstElementChild) return;
      mount.firstElementChild.setAttribute('data-news-kept', '');
      var page = { slug: slug, url: location.origin + location.pathname, html: '<!doctype html>' + root.outerHTML };
      navigator.serviceWorker.ready.then(function (reg) {
        reg.active.postMessage({ kept: page });
      });
    };
  }
})();
