// The chat made live: shared by the portal's and the office's pages. Without this file the pages work as
// plain forms. Every message shown comes from the server as stored; text is set with textContent only.
"use strict";
window.dpoChat = (function () {
  function lineElement(list, line, labelFor) {
    var item = document.createElement("li");
    item.className = "chat-line chat-" + line.author;
    item.dataset.id = String(line.id);
    var who = document.createElement("span");
    who.className = "chat-who";
    who.textContent = labelFor(line);
    var time = document.createElement("time");
    var at = new Date(line.at.endsWith("Z") ? line.at : line.at + "Z");
    time.dateTime = at.toISOString();
    time.textContent = at.toLocaleTimeString(list.dataset.lang === "en" ? "en-GB" : "pl-PL", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Warsaw" });
    var body = document.createElement("p");
    body.className = "chat-body";
    var notes = JSON.parse(list.dataset.notes || "{}");
    body.textContent = line.author === "system" && notes[line.body] ? notes[line.body] : line.body;
    item.append(who, " ", time, body);
    return item;
  }

  function lastId(list) {
    var ids = Array.from(list.querySelectorAll("li[data-id]")).map(function (li) { return Number(li.dataset.id); });
    return ids.length ? Math.max.apply(null, ids) : 0;
  }

  // Adds a line once, in order of id; returns whether it was new.
  function add(list, line, labelFor) {
    if (list.querySelector('li[data-id="' + line.id + '"]')) return false;
    var empty = list.querySelector(".chat-empty");
    if (empty) empty.remove();
    var element = lineElement(list, line, labelFor);
    var later = Array.from(list.querySelectorAll("li[data-id]")).find(function (li) { return Number(li.dataset.id) > line.id; });
    list.insertBefore(element, later || null);
    return true;
  }

  function connect(url) {
    // Default transports: WebSockets, then server-sent events, then long polling, whatever a proxy lets through.
    return new signalR.HubConnectionBuilder().withUrl(url).withAutomaticReconnect().build();
  }

  // The form sends through the hub; on a refusal the message stays in the box and the reason shows.
  function wireForm(form, send) {
    var box = form.querySelector("textarea");
    var error = form.querySelector("#chat-error");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      send(box.value).then(function (problem) {
        if (problem) {
          error.textContent = problem;
          error.hidden = false;
        } else {
          error.textContent = "";
          error.hidden = true;
          box.value = "";
        }
      }).catch(function () {
        // The hub is not there: post the form as without JavaScript.
        form.submit();
      }).finally(function () {
        button.disabled = false;
        box.focus();
      });
    });
  }

  function showDisconnected(list, on) {
    var id = "chat-disconnected";
    var note = document.getElementById(id);
    if (on && !note) {
      note = document.createElement("p");
      note.id = id;
      note.setAttribute("role", "status");
      note.className = "field-error";
      note.textContent = list.dataset.disconnected;
      list.after(note);
    } else if (!on && note) {
      note.remove();
    }
  }

  return { add: add, lastId: lastId, connect: connect, wireForm: wireForm, showDisconnected: showDisconnected };
})();
