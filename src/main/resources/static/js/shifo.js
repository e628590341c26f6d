/*
 * Shifo's staff UI: the few behaviours every page shares. Loaded as a file (never inline) so that a strict
 * Content-Security-Policy can forbid inline scripts.
 */
(function () {
  "use strict";

  /* htmx requests carry the CSRF token the layout publishes in <meta name="_csrf"> and <meta name="_csrf_header">. */
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header && token.content && header.content) {
      event.detail.headers[header.content] = token.content;
    }
  });
})();
