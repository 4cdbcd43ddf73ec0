"use strict";
// The office's chat pages: the connection is the operator's presence (a heartbeat every 30 s); the queue
// reloads when a chat changes; a conversation page shows new messages as they are stored.
(function () {
  if (!window.signalR) return;
  var chat = window.dpoChat;
  var queue = document.getElementById("chat-queue");
  var list = document.getElementById("transcript");
  var root = queue || list;
  if (!root) return;
  var connection = chat.connect(root.dataset.hub);
  var conversation = list ? Number(list.dataset.conversation) : 0;
  function label(line) {
    if (line.author === "visitor") return list.dataset.labelVisitor;
    if (line.author === "system") return list.dataset.labelSystem;
    return line.staffName === list.dataset.me ? list.dataset.labelMe : line.staffName;
  }
  function catchUp() {
    if (!list) return Promise.resolve();
    return connection.invoke("Since", conversation, chat.lastId(list)).then(function (lines) { lines.forEach(function (l) { chat.add(list, l, label); }); });
  }
  if (list) {
    connection.on("message", function (line) {
      if (line.conversationId === conversation) chat.add(list, line, label);
    });
  }
  if (queue) {
    var reload = null;
    connection.on("queue", function () {
      if (reload) return;
      reload = setTimeout(function () { window.location.reload(); }, 500);
    });
  }
  connection.onreconnecting(function () { if (list) chat.showDisconnected(list, true); });
  connection.onreconnected(function () {
    if (list) chat.showDisconnected(list, false);
    if (list) connection.invoke("Watch", conversation).then(catchUp);
  });
  connection.start().then(function () {
    root.dataset.connected = "true";
    setInterval(function () { connection.invoke("Heartbeat").catch(function () { }); }, 30000);
    if (!list) return;
    var form = document.getElementById("chat-form");
    if (form) chat.wireForm(form, function (text) { return connection.invoke("Send", conversation, text); });
    return connection.invoke("Watch", conversation).then(catchUp);
  }).catch(function () { /* The plain forms still work. */ });
})();
