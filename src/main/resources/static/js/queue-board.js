/*
 * The lobby board (/queue/board): draws the current calls (newest first, highlighted) and each queue's waiting
 * numbers from the live client's state (js/queue-live.js). Only numbers and rooms are shown. With the sound
 * button on, a new call chimes and is spoken by the browser's speech synthesis in the board's language.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-queue-live]");
  if (!root) {
    return;
  }
  var live = window.ShifoQueueLive;
  var calls = root.querySelector("[data-board-calls]");
  var callsEmpty = root.querySelector("[data-board-calls-empty]");
  var queuesBox = root.querySelector("[data-board-queues]");
  var soundButton = root.querySelector("[data-board-sound]");
  var soundOn = false;
  var audio = null;
  var calledAt = {};
  var clock = 0;
  var MAX_CALLS = 6;
  var MAX_WAITING = 8;

  function text(name, values) {
    return live.format(root.getAttribute("data-text-" + name), values);
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined) {
      node.textContent = content;
    }
    return node;
  }

  function draw(queues, change) {
    var current = [];
    var fresh = change && change.type === "event"
      && (change.event === "TICKET_CALLED" || change.event === "TICKET_RECALLED") ? change.ticket.id : null;
    if (fresh) {
      calledAt[fresh] = ++clock;
    }
    while (queuesBox.firstChild) {
      queuesBox.removeChild(queuesBox.firstChild);
    }
    Object.keys(queues).map(function (id) { return queues[id]; })
      .sort(function (a, b) { return String(a.name).localeCompare(String(b.name)); })
      .forEach(function (queue) {
        var tickets = live.ticketsOf(queue);
        tickets.forEach(function (t) {
          if (t.status === "CALLED") {
            current.push(t);
          }
        });
        var waiting = tickets.filter(function (t) { return t.status === "WAITING"; });
        var box = element("section", "board-queue");
        var heading = element("h3", null, queue.name);
        box.appendChild(heading);
        var list = element("ul", "board-numbers");
        waiting.slice(0, MAX_WAITING).forEach(function (t) {
          list.appendChild(element("li", null, t.number));
        });
        box.appendChild(list);
        if (waiting.length > MAX_WAITING) {
          box.appendChild(element("p", "board-more", text("more", { count: waiting.length - MAX_WAITING })));
        }
        queuesBox.appendChild(box);
      });
    current.sort(function (a, b) { return (calledAt[b.id] || 0) - (calledAt[a.id] || 0); });
    while (calls.firstChild) {
      calls.removeChild(calls.firstChild);
    }
    current.slice(0, MAX_CALLS).forEach(function (t, index) {
      var item = element("li", "board-call" + (t.id === fresh ? " is-new" : "") + (index === 0 ? " is-latest" : ""));
      item.setAttribute("data-ticket", t.number);
      item.appendChild(element("span", "board-call-number", t.number));
      item.appendChild(element("span", "board-call-room", t.room ? text("room", { room: t.room }) : ""));
      calls.appendChild(item);
    });
    callsEmpty.hidden = current.length > 0;
    if (fresh && soundOn) {
      var ticket = change.ticket;
      chime();
      speak(ticket.room ? text("announce", { number: spoken(ticket.number), room: ticket.room })
        : text("announce-no-room", { number: spoken(ticket.number) }));
    }
  }

  /** "A-014" is read as "A 14", not as "A minus fourteen" or letter by letter. */
  function spoken(number) {
    return String(number).replace("-", " ").replace(/ 0+(\d)/, " $1");
  }

  function chime() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) {
      return;
    }
    audio = audio || new Context();
    [[660, 0], [880, 0.25]].forEach(function (tone) {
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      var start = audio.currentTime + tone[1];
      oscillator.frequency.value = tone[0];
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.65);
    });
  }

  function speak(sentence) {
    if (!("speechSynthesis" in window)) {
      return;
    }
    var lang = root.getAttribute("data-voice") || "uz-UZ";
    var utterance = new SpeechSynthesisUtterance(sentence);
    utterance.lang = lang;
    var voice = window.speechSynthesis.getVoices().filter(function (v) {
      return v.lang && v.lang.toLowerCase().indexOf(lang.slice(0, 2).toLowerCase()) === 0;
    })[0];
    if (voice) {
      utterance.voice = voice;
    }
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }

  if (soundButton) {
    soundButton.addEventListener("click", function () {
      // browsers allow sound only after a gesture: this click unlocks audio and speech
      soundOn = !soundOn;
      soundButton.setAttribute("aria-pressed", soundOn ? "true" : "false");
      if (soundOn) {
        chime();
      }
    });
  }

  root.addEventListener("queue-live:change", function (event) {
    draw(event.detail.queues, event.detail.change);
  });
})();
