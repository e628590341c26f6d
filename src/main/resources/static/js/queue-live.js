/*
 * The live queue client every queue page uses (reception, the practitioner's desk, the lobby board). No
 * dependencies. It connects to /ws/queue (a staff page by its session cookie, the board with ?display=<token>),
 * subscribes to a branch or a queue, keeps each queue's tickets from the snapshot and the events that follow,
 * and takes a fresh snapshot whenever a sequence number is missing. It pings every 25 s; when the connection
 * drops it reconnects with exponential back-off and jitter (at most 30 s between attempts) and, after 10 failed
 * attempts, shows the offline state with a retry button. Calls are announced in the page's aria-live region.
 *
 * The page's root element carries data-queue-live and data-subscribe-branch or data-subscribe-queue (and
 * data-display on the board); templates/queue/live.html is its status element. Pages listen for the
 * "queue-live:change" event on the root: detail = {queues, change}.
 */
(function () {
  "use strict";

  var PING_MILLIS = 25000;
  var SILENCE_MILLIS = 70000;
  var MAX_DELAY_MILLIS = 30000;
  var FIRST_DELAY_MILLIS = 1000;
  var MAX_ATTEMPTS = 10;
  var FINISHED = { DONE: true, TRANSFERRED: true };

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /** Milliseconds before reconnection attempt n (1-based): doubling from 1 s, capped at 30 s, half of it random. */
  function backoff(attempt) {
    var ceiling = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS * Math.pow(2, attempt - 1));
    return Math.round(ceiling / 2 + Math.random() * ceiling / 2);
  }

  function LiveQueue(root) {
    this.root = root;
    this.status = root.querySelector("[data-live-status]");
    this.announcer = root.querySelector("[data-live-announcer]");
    this.queues = {};
    this.socket = null;
    this.attempt = 0;
    this.timer = null;
    this.pinger = null;
    this.lastHeard = 0;
    this.stopped = false;
    this.opened = 0;
    var retry = root.querySelector("[data-live-retry]");
    var self = this;
    if (retry) {
      retry.addEventListener("click", function () {
        self.attempt = 0;
        self.open();
      });
    }
    window.addEventListener("online", function () {
      if (self.state === "offline" || self.state === "reconnecting") {
        self.attempt = 0;
        self.open();
      }
    });
  }

  LiveQueue.prototype.url = function () {
    var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    var url = scheme + "//" + window.location.host + "/ws/queue";
    var display = this.root.getAttribute("data-display");
    return display ? url + "?display=" + encodeURIComponent(display) : url;
  };

  LiveQueue.prototype.setState = function (state) {
    this.state = state;
    this.root.setAttribute("data-live-state", state);
    if (!this.status) {
      return;
    }
    this.status.setAttribute("data-state", state);
    var text = this.status.querySelector("[data-live-text]");
    if (text) {
      text.textContent = this.status.getAttribute("data-text-" + state) || state;
    }
    var retry = this.status.querySelector("[data-live-retry]");
    if (retry) {
      retry.hidden = state !== "offline";
    }
  };

  LiveQueue.prototype.open = function () {
    var self = this;
    clearTimeout(this.timer);
    this.close();
    this.setState(this.attempt === 0 ? "connecting" : "reconnecting");
    var socket;
    try {
      socket = new WebSocket(this.url());
    } catch (refused) {
      this.retryLater();
      return;
    }
    this.socket = socket;
    socket.onopen = function () {
      self.opened++;
      self.root.setAttribute("data-live-connections", String(self.opened));
      self.lastHeard = Date.now();
      self.subscribe();
      clearInterval(self.pinger);
      self.pinger = setInterval(function () { self.ping(); }, PING_MILLIS);
    };
    socket.onmessage = function (message) {
      self.lastHeard = Date.now();
      var data;
      try {
        data = JSON.parse(message.data);
      } catch (unreadable) {
        return;
      }
      self.receive(data);
    };
    socket.onclose = function () {
      if (self.socket === socket) {
        self.socket = null;
        clearInterval(self.pinger);
        self.retryLater();
      }
    };
  };

  LiveQueue.prototype.close = function () {
    var socket = this.socket;
    this.socket = null;
    clearInterval(this.pinger);
    if (socket) {
      socket.onclose = null;
      try { socket.close(); } catch (ignored) { /* already closed */ }
    }
  };

  LiveQueue.prototype.retryLater = function () {
    if (this.stopped) {
      return;
    }
    if (this.attempt >= MAX_ATTEMPTS) {
      // the last of the attempts failed: data-live-attempt keeps its number
      this.setState("offline");
      return;
    }
    this.attempt++;
    this.root.setAttribute("data-live-attempt", String(this.attempt));
    this.setState("reconnecting");
    var self = this;
    this.timer = setTimeout(function () { self.open(); }, backoff(this.attempt));
  };

  LiveQueue.prototype.send = function (message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
    }
  };

  /** A fresh snapshot of what the page follows: after a (re)connection, or when a sequence number is missing. */
  LiveQueue.prototype.subscribe = function (queueId) {
    var branch = this.root.getAttribute("data-subscribe-branch");
    var queue = queueId || this.root.getAttribute("data-subscribe-queue");
    if (queueId || !branch) {
      this.send({ type: "subscribe", queueId: queue });
    } else {
      this.send({ type: "subscribe", branchId: branch });
    }
  };

  LiveQueue.prototype.ping = function () {
    if (Date.now() - this.lastHeard > SILENCE_MILLIS && this.socket) {
      // nothing heard, not even our pongs: the connection is dead without knowing it
      var socket = this.socket;
      this.socket = null;
      clearInterval(this.pinger);
      try { socket.close(); } catch (ignored) { /* already closed */ }
      this.retryLater();
      return;
    }
    this.send({ type: "ping" });
  };

  LiveQueue.prototype.receive = function (data) {
    if (data.type === "snapshot") {
      var tickets = {};
      var order = [];
      (data.tickets || []).forEach(function (t) {
        tickets[t.id] = t;
        order.push(t.id);
      });
      this.queues[data.queueId] = { id: data.queueId, name: data.name, seq: data.seq, tickets: tickets, order: order };
      this.attempt = 0;
      this.setState("live");
      this.changed({ type: "snapshot", queueId: data.queueId });
    } else if (data.type === "event") {
      var queue = this.queues[data.queueId];
      if (!queue || data.seq > queue.seq + 1) {
        this.subscribe(data.queueId);
        return;
      }
      if (data.seq <= queue.seq) {
        return;
      }
      queue.seq = data.seq;
      var ticket = data.ticket;
      if (FINISHED[ticket.status]) {
        delete queue.tickets[ticket.id];
        queue.order = queue.order.filter(function (id) { return id !== ticket.id; });
      } else {
        var known = queue.tickets[ticket.id];
        if (!known) {
          queue.order.push(ticket.id);
        }
        queue.tickets[ticket.id] = Object.assign(known || {}, ticket);
        if (ticket.status !== "WAITING") {
          delete queue.tickets[ticket.id].position;
        }
      }
      if (data.event === "TICKET_CALLED" || data.event === "TICKET_RECALLED") {
        this.announce(ticket);
      }
      this.changed({ type: "event", queueId: data.queueId, event: data.event, ticket: ticket });
    }
  };

  LiveQueue.prototype.announce = function (ticket) {
    if (!this.announcer || !this.status) {
      return;
    }
    var template = ticket.room
      ? this.status.getAttribute("data-text-call")
      : this.status.getAttribute("data-text-call-no-room");
    this.announcer.textContent = format(template, { number: ticket.number, room: ticket.room || "" });
  };

  LiveQueue.prototype.changed = function (change) {
    this.root.dispatchEvent(new CustomEvent("queue-live:change", { detail: { queues: this.queues, change: change } }));
  };

  /** The tickets of a queue in the order the server gave them (waiting ones by position first). */
  function ticketsOf(queue) {
    return queue.order.map(function (id) { return queue.tickets[id]; }).filter(Boolean);
  }

  window.ShifoQueueLive = { format: format, backoff: backoff, ticketsOf: ticketsOf };

  function start() {
    var root = document.querySelector("[data-queue-live]");
    if (!root || !("WebSocket" in window)) {
      return;
    }
    var live = new LiveQueue(root);
    root.shifoLive = live;
    live.open();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
