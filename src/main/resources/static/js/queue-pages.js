/*
 * The staff queue pages' use of the live client (js/queue-live.js). Reception (/queue): each queue's waiting
 * count and current calls follow the live state. The practitioner's desk (/queue/mine): any change of the
 * queue reloads the desk from the server (htmx), so names and estimated waits, which the live feed never
 * carries, stay right.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-queue-live]");
  if (!root) {
    return;
  }
  var page = root.getAttribute("data-queue-page");

  function receptionChanged(queues) {
    Object.keys(queues).forEach(function (id) {
      var row = root.querySelector('[data-queue-row="' + id + '"]');
      if (!row) {
        return;
      }
      var tickets = window.ShifoQueueLive.ticketsOf(queues[id]);
      row.querySelector("[data-waiting]").textContent = String(tickets.filter(function (t) {
        return t.status === "WAITING";
      }).length);
      row.querySelector("[data-calling]").textContent = tickets.filter(function (t) {
        return t.status === "CALLED";
      }).map(function (t) { return t.number; }).join(", ");
    });
  }

  var reload = null;

  function deskChanged(change) {
    if (change.type !== "event" || !window.htmx) {
      return;
    }
    clearTimeout(reload);
    reload = setTimeout(function () {
      var focused = document.activeElement && document.activeElement.closest("#desk") ? document.activeElement.id : null;
      window.htmx.ajax("GET", window.location.pathname + window.location.search, {
        target: "#desk", select: "#desk", swap: "outerHTML"
      }).then(function () {
        var again = focused && document.getElementById(focused);
        if (again) {
          again.focus();
        }
      });
    }, 150);
  }

  root.addEventListener("queue-live:change", function (event) {
    if (page === "reception") {
      receptionChanged(event.detail.queues);
    } else if (page === "desk") {
      deskChanged(event.detail.change);
    }
  });
})();
