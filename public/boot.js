// Starts the app. Runs before the wasm is even downloaded, so its one extra job is to begin
// fetching the JSON the first view needs; the app takes that response instead of fetching
// again. Plain ES5 in an external file: no inline script, so a strict CSP holds.
(function () {
  var me = document.currentScript;
  var appBase = new URL('.', me.src);
  var mount = document.querySelector('[data-news-app]');
  var prefetch = (window.__newsPrefetch = {});
  if (mount) {
    var d = mount.dataset;
    if (d.basePath === undefined) d.basePath = appBase.pathname;
    if (d.apiBase === undefined) d.apiBase = new URL('api/', appBase).href;
    var api = new URL(d.apiBase, document.baseURI);
    var slug = d.article;
    if (!slug) {
      var base = d.basePath.replace(/\/+$/, '');
      var path = location.pathname;
      if (path.indexOf(base) === 0) {
        var parts = path.slice(base.length).split('/').filter(Boolean);
        if (parts.length === 2) slug = parts[1];
      }
    }
    var url = /^[a-z0-9-]+$/.test(slug || '')
      ? new URL('articles/' + slug + '.json', api).href
      : new URL('most-read.json', api).href;
    var started = fetch(url);
    // A failure is the app's to report; this only keeps the console free of noise.
    started['catch'](function () {});
    prefetch[url] = started;
  }
  import(me.getAttribute('data-js'))
    .then(function (bindings) {
      return bindings['default']({ module_or_path: me.getAttribute('data-wasm') });
    })
    ['catch'](function (error) {
      if (mount) {
        mount.textContent = 'Không tải được trang. Vui lòng kiểm tra mạng rồi tải lại trang.';
        mount.setAttribute('role', 'alert');
      }
      throw error;
    });
})();
