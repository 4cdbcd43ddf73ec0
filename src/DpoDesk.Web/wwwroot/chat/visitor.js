"use strict";
(function () {
  var list = document.getElementById("transcript");
  if (!list || list.dataset.live !== "true" || !window.signalR) return;
  var chat = window.dpoChat;
  var form = document.getElementById("chat-form");
  function label(line) {
    return line.author === "visitor" ? list.dataset.labelVisitor : line.author === "staff" ? list.dataset.labelStaff : list.dataset.labelSystem;
  }
  function show(line) {
    chat.add(list, line, label);
    if (line.author === "system" && line.body === list.dataset.closedNote && form) {
      // The office closed the chat: the page shows what a closed chat offers.
      window.location.reload();
    }
  }
  var connection = chat.connect(list.dataset.hub);
  connection.on("message", show);
  function catchUp() {
    return connection.invoke("Since", chat.lastId(list)).then(function (lines) { lines.forEach(show); });
  }
  connection.onreconnecting(function () { chat.showDisconnected(list, true); });
  connection.onreconnected(function () { chat.showDisconnected(list, false); catchUp(); });
  connection.onclose(function () { chat.showDisconnected(list, true); });
  connection.start().then(function () {
    list.dataset.connected = "true";
    if (form) chat.wireForm(form, function (text) { return connection.invoke("Send", text); });
    return catchUp();
  }).catch(function () { /* The plain form still works. */ });
})();
