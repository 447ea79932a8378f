// Offline reading: the service worker of the app's own pages (docs/deploy.md, "Offline reading").
// boot.js registers it once the page has loaded, at the app's base path (its scope is the
// folder it is served from), never for an embedded app unless the portal asks
// (`data-offline`). Plain JavaScript: a wasm worker would cost more than it does.
//
// - The build's files (hashed names, and the shell index.html): precached at install in a
//   cache named by the build id, served from it (by the browser's static router where it has
//   one, without running this script). A new build is a new worker (post-build.sh
//   writes BUILD, so the file's bytes change): it installs its own cache, takes over at once
//   and deletes the old build's cache, so no page mixes two builds' files. The file itself
//   is served `no-cache`, so the browser checks it on every visit.
// - Articles the reader opened: the JSON (stale-while-revalidate: the copy at once, the
//   network's answer kept for next time), its images, the page and the first comment page,
//   the last KEEP articles. Served from the copy when the network fails, with the header
//   `X-News-Offline: 1`, from which the app shows «Bạn đang đọc bản đã lưu».
// - The page of an article the build did not prerender: the host answers its address with
//   the shell, and the app hands over (src/kept.rs, through boot.js) the page it showed,
//   written like a prerendered one. Next time the worker answers with that page when the
//   network's is the shell, so the article paints before the wasm runs (the app then adopts
//   it, as a prerendered page). A page the network sends with its article always wins.
// - Any other page in scope, offline: the shell, which shows the app's offline message.
'use strict';
var BUILD = /*BUILD*/ null; // {"id": "…", "files": ["news-app-….js", …]}: post-build.sh
var SCOPE = self.registration.scope; // the app's base URL, ending in "/"
var FILES = 'news-files-' + BUILD.id;
var ARTICLES = 'news-articles'; // the reader's, kept across builds (pages excepted)
var INDEX = SCOPE + '__news-articles'; // in ARTICLES: {slug: {t: time, urls: […]}}
var KEEP = 50;
var ARTICLE = /^api\/articles\/([a-z0-9-]+)(\.json|\/comments\.json)$/;
var PAGE = /^[a-z0-9-]+\/([a-z0-9-]+)\/?$/; // {category}/{slug}: an article's page

self.addEventListener('install', function (e) {
  e.waitUntil(
    routeFiles(e)
      .then(function () {
        return caches.open(FILES);
      })
      .then(function (c) {
        return c.addAll(
          // A hashed file is what its name says: the HTTP cache's copy (the page just
          // loaded it) is right. The shell is asked again.
          BUILD.files.map(function (f) {
            return new Request(SCOPE + f, { cache: f === 'index.html' ? 'no-cache' : 'default' });
          }),
        );
      })
      .then(function () {
        return self.skipWaiting();
      }),
  );
});

// The hashed files straight from this build's cache, without running this script (the Static
// Routing API, where the browser has it): a repeat visit's stylesheet, which the first paint
// waits for, no longer waits for the worker's fetch handler. A file missing from the cache
// comes from the network. Elsewhere the fetch handler below does the same.
function routeFiles(e) {
  var files = BUILD.files.filter(function (f) {
    return f !== 'index.html';
  });
  var routes = function (source) {
    return [{ condition: { or: files.map(function (f) { return { urlPattern: f }; }) }, source: source }];
  };
  try {
    return e.addRoutes(routes({ cacheName: FILES }))['catch'](function () {
      // A browser with the router but not its `cacheName`: any cache holds the same bytes.
      return e.addRoutes(routes('cache'));
    })['catch'](function () {});
  } catch (error) {
    return Promise.resolve();
  }
}

self.addEventListener('activate', function (e) {
  e.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names.map(function (n) {
            return n.indexOf('news-files-') === 0 && n !== FILES && caches['delete'](n);
          }),
        );
      })
      // Kept pages name the old build's files: dropped (the shell shows those articles).
      .then(function () {
        return update(function (index, c) {
          var gone = [];
          for (var slug in index) {
            var urls = index[slug].urls;
            index[slug].urls = urls.filter(function (u) {
              return !PAGE.test(u.slice(SCOPE.length));
            });
            urls.forEach(function (u) {
              if (index[slug].urls.indexOf(u) < 0) gone.push(c['delete'](u));
            });
          }
          return Promise.all(gone);
        });
      })
      // A page's request starts while a stopped worker is started for it (navigation
      // preload), not after: a repeat visit the next day finds the worker stopped. Not in
      // Firefox: there (153 ESR) a navigation whose preload fails offline is failed before
      // the worker can answer it with the saved copy (tests/engines, offline journey), so
      // its worker fetches pages itself, as before preload existed. No feature to detect:
      // the engine's name is the one sign.
      .then(function () {
        var preload = self.registration.navigationPreload;
        if (!preload) return;
        return /Firefox\//.test(navigator.userAgent) ? preload.disable() : preload.enable();
      })
      .then(function () {
        return self.clients.claim();
      }),
  );
});

// boot.js: keep the article its page opened, and the lists beside it, fetched before this
// worker was there: {slug, urls: [its JSON, its page], lists: [most-read.json]}; or the page
// the app wrote for an article it showed: {kept: {slug, url, html}}.
self.addEventListener('message', function (e) {
  var m = e.data || {};
  if (m.kept) return e.waitUntil(keepWritten(m.kept));
  var fetched = function (u) {
    return fetch(u).then(function (res) {
      if (!res.ok) return;
      if (!m.slug || m.urls.indexOf(u) < 0) {
        return caches.open(ARTICLES).then(function (c) {
          return c.put(u, res);
        });
      }
      return PAGE.test(u.slice(SCOPE.length))
        ? res.text().then(function (html) {
            return keepPage(m.slug, u, res, html);
          })
        : keep(m.slug, u, res);
    });
  };
  e.waitUntil(Promise.all((m.urls || []).concat(m.lists || []).map(fetched))['catch'](function () {}));
});

self.addEventListener('fetch', function (e) {
  var req = e.request;
  if (req.method !== 'GET' || req.url.indexOf(SCOPE) !== 0) return;
  var rel = req.url.slice(SCOPE.length).split('?')[0];
  var m;
  if (req.mode === 'navigate') e.respondWith(page(e, req, rel));
  else if (BUILD.files.indexOf(rel) >= 0) e.respondWith(cacheFirst(req));
  else if ((m = ARTICLE.exec(rel))) e.respondWith(m[2] === '.json' ? article(e, req, m[1]) : networkFirst(e, req, m[1]));
  // The lists' first pages (a category's own since contract v2), for a list page opened offline.
  else if (/^api\/(most-read|latest|categories\/[a-z0-9-]+)\.json$/.test(rel)) e.respondWith(networkFirst(e, req, null));
  else if (req.destination === 'image') e.respondWith(cacheFirst(req));
});

function cacheFirst(req) {
  return caches.match(req).then(function (hit) {
    return hit || fetch(req);
  });
}

// A page: the network's, unless that is the shell and the app wrote this article's page;
// offline, the kept copy, else the shell (the app says it is offline).
function page(e, req, rel) {
  var m = PAGE.exec(rel);
  var url = req.url.split('?')[0];
  var kept = m ? keptCopy(url) : null;
  var written = m
    ? kept.then(function (hit) {
        return hit && hit.headers.has('X-News-Kept') ? hit : null;
      })
    : null;
  // The network's answer: the one the browser asked for while it started this worker
  // (navigation preload), else asked now.
  var preloaded = e.preloadResponse || Promise.resolve();
  e.waitUntil(preloaded['catch'](function () {}));
  var network = preloaded.then(function (res) {
    return res || fetch(req);
  });
  return network.then(
    function (res) {
      if (!m) return res;
      var html = res.clone().text();
      e.waitUntil(
        html.then(function (h) {
          return keepPage(m[1], url, res, h, kept);
        })['catch'](function () {}),
      );
      // Without a page of the app's, the network's streams as it comes.
      return written.then(function (mine) {
        return mine
          ? html.then(function (h) {
              return isShell(h) ? mine : res;
            })
          : res;
      });
    },
    function (error) {
      return (kept || keptCopy(url)).then(function (hit) {
        return hit || caches.match(SCOPE + 'index.html', { cacheName: FILES }).then(function (shell) {
          if (shell) return shell;
          throw error;
        });
      });
    },
  );
}

// An article's JSON: the kept copy at once (marked when the network failed), the network's
// answer kept for next time; without a copy, the network's answer, whatever it is.
function article(e, req, slug) {
  var network = fetch(req).then(function (res) {
    if (res.ok) e.waitUntil(keep(slug, req.url, res.clone()));
    return res;
  });
  e.waitUntil(network['catch'](function () {}));
  return keptCopy(req).then(function (hit) {
    if (!hit) return network;
    // Offline, fetch fails within milliseconds: wait that long to know which copy it is.
    // An article the network says is gone (404, 410) is gone.
    var known = network.then(
      function (res) {
        return res.status === 404 || res.status === 410 ? res : hit;
      },
      function () {
        return 'offline';
      },
    );
    var soon = new Promise(function (ok) {
      setTimeout(ok, 100, hit);
    });
    return Promise.race([known, soon]).then(function (res) {
      if (res === 'offline' || (res === hit && self.navigator.onLine === false)) return saved(hit);
      // The copy while online may be older than a page the server just sent: the app keeps
      // that page's article (takeover.rs).
      return res === hit ? mark(hit, 'X-News-Copy') : res;
    });
  });
}

// Lists and comment pages: the network's answer; the kept one when it fails.
function networkFirst(e, req, slug) {
  return fetch(req).then(
    function (res) {
      if (res.ok) e.waitUntil(slug ? keep(slug, req.url, res.clone()) : caches.open(ARTICLES).then(function (c) {
        return c.put(req, res.clone());
      }));
      return res;
    },
    function (error) {
      return keptCopy(req).then(function (hit) {
        if (hit) return saved(hit);
        throw error;
      });
    },
  );
}

// The app shell (index.html, 404.html), by what it lacks: an article's static page.
function isShell(html) {
  return html.indexOf('data-news-static') < 0;
}

// An article's page from the network, `html` its text: kept when it holds its article. The
// shell is not (offline, the precached one does as well; the app's page does better). Nor is
// the copy kept already, by its ETag: a repeat visit does not write it again while the page
// paints (on a phone's two cores that write was in the way); the article's JSON, kept when
// the app asks for it, makes the article the newest. `kept`: the copy, if already asked for.
function keepPage(slug, url, res, html, kept) {
  if (!res.ok || isShell(html)) return Promise.resolve();
  var tag = res.headers.get('ETag');
  return (kept || keptCopy(url)).then(function (hit) {
    if (hit && tag && hit.headers.get('X-News-ETag') === tag) return;
    var headers = textHeaders(res.headers);
    if (tag) headers.set('X-News-ETag', tag);
    return keep(slug, url, new Response(html, { status: res.status, statusText: res.statusText, headers: headers }));
  });
}

// The copy of `url` (or a request) kept among the reader's articles, if any.
function keptCopy(url) {
  return caches.match(url, { cacheName: ARTICLES, ignoreVary: true });
}

// `headers` for a body given as text: without what described the bytes on the wire.
function textHeaders(headers) {
  var out = new Headers(headers);
  ['Content-Encoding', 'Content-Length', 'ETag', 'Last-Modified'].forEach(function (h) {
    out['delete'](h);
  });
  return out;
}

// The page the app wrote, {slug, url, html}, with the headers the host gives the shell (its
// Content-Security-Policy above all), for the article `slug` at `url` in scope.
function keepWritten(k) {
  var m = typeof k.url === 'string' && k.url.indexOf(SCOPE) === 0 && PAGE.exec(k.url.slice(SCOPE.length));
  if (!m || m[1] !== k.slug || typeof k.html !== 'string') return Promise.resolve();
  return caches.match(SCOPE + 'index.html', { cacheName: FILES }).then(function (shell) {
    var headers = textHeaders(shell ? shell.headers : { 'Content-Type': 'text/html; charset=utf-8' });
    headers.set('X-News-Kept', '1');
    return keep(k.slug, k.url, new Response(k.html, { headers: headers }), true);
  });
}

function saved(res) {
  return mark(res, 'X-News-Offline');
}

function mark(res, header) {
  var headers = new Headers(res.headers);
  headers.set(header, '1');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers: headers });
}

// Keeps `url`'s answer as part of the article `slug` (an article's JSON brings its images),
// the article becoming the newest; beyond KEEP, the oldest article goes with its files.
// `written`: the page the app wrote, which does not replace one the network sent.
function keep(slug, url, res, written) {
  var images = /\/articles\/[a-z0-9-]+\.json$/.test(url)
    ? res
        .clone()
        .json()
        .then(function (a) {
          return imagesOf(a, new URL('..', url).href, []);
        }, function () {
          return [];
        })
    : Promise.resolve([]);
  return images.then(function (imgs) {
    return update(function (index, c) {
      var entry = (index[slug] = index[slug] || { urls: [] });
      entry.t = Date.now();
      [url].concat(imgs).forEach(function (u) {
        if (entry.urls.indexOf(u) < 0) entry.urls.push(u);
      });
      var slugs = Object.keys(index).sort(function (a, b) {
        return index[b].t - index[a].t;
      });
      var gone = [];
      slugs.slice(KEEP).forEach(function (s) {
        gone = gone.concat(index[s].urls);
        delete index[s];
      });
      var used = [].concat.apply([], slugs.slice(0, KEEP).map(function (s) {
        return index[s].urls;
      }));
      var put = written
        ? c.match(url).then(function (hit) {
            if (!hit || hit.headers.has('X-News-Kept')) return c.put(url, res);
          })
        : c.put(url, res);
      return Promise.all(
        [put]
          .concat(
            imgs.map(function (u) {
              return c.match(u).then(function (hit) {
                return hit || fetch(u).then(function (r) {
                  return r.ok && c.put(u, r);
                });
              })['catch'](function () {});
            }),
          )
          .concat(
            gone
              .filter(function (u) {
                return used.indexOf(u) < 0;
              })
              .map(function (u) {
                return c['delete'](u);
              }),
          ),
      );
    });
  });
}

// The images of an article (hero, body, related): every `src`, relative to the API base.
function imagesOf(value, api, out) {
  if (value && typeof value === 'object') {
    for (var k in value) {
      if (k === 'src' && typeof value[k] === 'string') {
        try {
          var u = new URL(value[k], api);
          if (u.href.indexOf(SCOPE) === 0) out.push(u.href);
        } catch (e) {}
      } else imagesOf(value[k], api, out);
    }
  }
  return out;
}

// Runs `change(index, cache)` on the index of kept articles, one change at a time.
var queue = Promise.resolve();
function update(change) {
  queue = queue.then(function () {
    return caches.open(ARTICLES).then(function (c) {
      return c
        .match(INDEX)
        .then(function (hit) {
          return hit ? hit.json() : {};
        })
        .then(function (index) {
          return Promise.resolve(change(index, c)).then(function () {
            return c.put(INDEX, new Response(JSON.stringify(index)));
          });
        });
    });
  })['catch'](function () {});
  return queue;
}
