// The class's drawing page: draw, say what it is, send, see the model's top three.
//
// The drawing is a 280×280 canvas (the Draw tab's board size) with white strokes on a transparent
// background; the server reads a pixel's ink from its alpha, exactly as the board's greyscale
// (core/class_server/protocol.py). The canvas is shown on the board's dark colour by CSS.
"use strict";

// The browser cannot use the app's Qt translations (tr() and the .qm files live in the window),
// so the page's own words are in this table, in both languages. The class names come from the
// server (core/classes.py), so they are the app's own. Chinese terms follow d2l-zh.
const STRINGS = {
  en: {
    title: "Draw for the class",
    hint: "Draw one piece of clothing with your finger or the mouse.",
    board: "Drawing board",
    brush: "Brush",
    undo: "Undo",
    clear: "Clear",
    what: "What did you draw?",
    send: "Send",
    model_says: "The model thinks it is",
    send_again: "Send again",
    draw_another: "Draw another",
    join_code: "Class code: {code}", // the window asks students to check they see this code
    sending: "Sending…",
    you_said: "(you said)",
    right: "✓ Right: the model's first guess is what you drew, {said}.",
    wrong: "✗ The model's first guess is {guess}; you drew {said}.",
    draw_first: "Draw something first.",
    pick_first: "Now pick what you drew.",
    wait: "Wait {seconds} s before sending again.",
    errors: {
      too_soon: "One drawing every two seconds: wait a moment and send again.",
      lesson_limit: "You have sent a lot of drawings this lesson. Thank you!",
      class_full: "The class is full: ask your teacher.",
      no_device: "Please reload this page.",
      blank: "The board is empty: draw something first.",
      too_big: "This drawing is too large to send.",
      too_large: "This drawing is too large to send.",
      no_model: "The teacher's computer has no model ready. Try again in a moment.",
      // The server answered but this address is not the page: the lesson was stopped or invited
      // again on the same port.
      closed: "This class page has closed: your teacher stopped the class or invited it again. " +
        "Scan the new code on the teacher's screen.",
      // No answer at all: after Stop or a new invitation nothing listens at the old address any
      // more, and a browser cannot tell that from a Wi-Fi problem, so the likely cause comes first.
      network: "The class page does not answer: your teacher has probably stopped the class. " +
        "Scan the code on the teacher's screen again; if that fails too, check you are on the same Wi-Fi.",
      offline: "This phone is offline: join the Wi-Fi and try again.",
      other: "Something went wrong ({code}). Try again.",
    },
  },
  zh: {
    title: "为课堂画一画",
    hint: "用手指或鼠标画一件衣物。",
    board: "画板",
    brush: "画笔",
    undo: "撤销",
    clear: "清空",
    what: "你画的是什么？",
    send: "发送",
    model_says: "模型认为它是",
    send_again: "再发一次",
    draw_another: "再画一个",
    join_code: "课堂代码：{code}",
    sending: "正在发送……",
    you_said: "（你选的）",
    right: "✓ 对了：模型的第一个猜测正是你画的{said}。",
    wrong: "✗ 模型的第一个猜测是{guess}；你画的是{said}。",
    draw_first: "先画点什么。",
    pick_first: "再选一下你画的是什么。",
    wait: "请等 {seconds} 秒再发送。",
    errors: {
      too_soon: "每两秒只能发送一张：稍等一下再发送。",
      lesson_limit: "这节课你已经发送了很多张画，谢谢！",
      class_full: "课堂人数已满：请告诉老师。",
      no_device: "请重新加载此页面。",
      blank: "画板是空的：先画点什么。",
      too_big: "这张画太大，无法发送。",
      too_large: "这张画太大，无法发送。",
      no_model: "老师的电脑还没有准备好模型，请稍后再试。",
      closed: "这个课堂页面已经关闭：老师结束了课堂或重新发出了邀请。请扫描老师屏幕上的新二维码。",
      network: "课堂页面没有响应：老师很可能已经结束了课堂。请重新扫描老师屏幕上的二维码；" +
        "如果还是不行，请确认你连的是同一个 Wi-Fi。",
      offline: "这台手机没有联网：请连上 Wi-Fi 后再试。",
      other: "出了点问题（{code}），请再试一次。",
    },
  },
};

const UNDO_LIMIT = 30;
// What a server says for an address that is not (or no longer) the page.
const CLOSED_CODES = new Set(["not_found", "http_404"]);
const INK = "#ffffff";

const board = document.getElementById("board");
const context = board.getContext("2d", { willReadFrequently: true });
const brush = document.getElementById("brush");
const undoButton = document.getElementById("undo");
const clearButton = document.getElementById("clear");
const sendButton = document.getElementById("send");
const sendAgainButton = document.getElementById("send-again");
const classButtons = Array.from(document.querySelectorAll("#classes button[data-class]"));
const pick = document.getElementById("pick");
const answer = document.getElementById("answer");
const topList = document.getElementById("top");
const verdict = document.getElementById("verdict");
const statusLine = document.getElementById("status");

const state = {
  language: "en",
  classes: { en: classButtons.map((button) => button.textContent), zh: null },
  joinCode: "",
  minInterval: 2,
  chosen: null, // the class picked for the next send
  sent: null, // the label and answer of the last drawing sent
  hasInk: false,
  busy: false,
  coolingUntil: 0,
  undo: [],
  pointer: null, // the pointer drawing now (one finger at a time)
  last: null,
};

function text(key, values = {}) {
  const table = STRINGS[state.language];
  const template = key.startsWith("errors.") ? table.errors[key.slice(7)] : table[key];
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

function className(index) {
  const names = state.classes[state.language] || state.classes.en;
  return names[index];
}

// -- language ---------------------------------------------------------------------------------
function setLanguage(language) {
  state.language = language in STRINGS ? language : "en";
  try {
    localStorage.setItem("language", state.language);
  } catch (_) {
    // private browsing: the choice lasts until the page is reloaded
  }
  document.documentElement.lang = state.language === "zh" ? "zh-CN" : "en";
  document.title = text("title");
  board.setAttribute("aria-label", text("board"));
  for (const element of document.querySelectorAll("[data-text]")) {
    element.textContent = text(element.dataset.text);
  }
  for (const button of document.querySelectorAll("[data-language]")) {
    button.setAttribute("aria-pressed", String(button.dataset.language === state.language));
  }
  classButtons.forEach((button, index) => {
    button.textContent = className(index);
  });
  document.getElementById("join-code").textContent = state.joinCode
    ? text("join_code", { code: state.joinCode })
    : "";
  if (state.sent && state.sent.top) {
    showAnswer();
  }
}

function storedLanguage() {
  try {
    return localStorage.getItem("language");
  } catch (_) {
    return null;
  }
}

// -- drawing ----------------------------------------------------------------------------------
function boardPoint(event) {
  const rect = board.getBoundingClientRect();
  return {
    x: ((event.clientX - rect.left) * board.width) / rect.width,
    y: ((event.clientY - rect.top) * board.height) / rect.height,
  };
}

function remember() {
  state.undo.push(context.getImageData(0, 0, board.width, board.height));
  if (state.undo.length > UNDO_LIMIT) {
    state.undo.shift();
  }
}

function dot(point) {
  context.beginPath();
  context.arc(point.x, point.y, Number(brush.value) / 2, 0, 2 * Math.PI);
  context.fill();
}

function line(from, to) {
  context.lineWidth = Number(brush.value);
  context.beginPath();
  context.moveTo(from.x, from.y);
  context.lineTo(to.x, to.y);
  context.stroke();
}

function boardHasInk() {
  const pixels = context.getImageData(0, 0, board.width, board.height).data;
  for (let alpha = 3; alpha < pixels.length; alpha += 4) {
    if (pixels[alpha] !== 0) {
      return true;
    }
  }
  return false;
}

function drawingChanged() {
  state.hasInk = boardHasInk();
  undoButton.disabled = state.undo.length === 0;
  clearButton.disabled = !state.hasInk;
  updateSend();
}

board.addEventListener("pointerdown", (event) => {
  if (state.pointer !== null || (event.pointerType === "mouse" && event.button !== 0)) {
    return;
  }
  event.preventDefault();
  board.setPointerCapture(event.pointerId);
  remember();
  state.pointer = event.pointerId;
  state.last = boardPoint(event);
  dot(state.last);
});

board.addEventListener("pointermove", (event) => {
  if (event.pointerId !== state.pointer) {
    return;
  }
  event.preventDefault();
  const coalesced = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
  for (const step of coalesced.length ? coalesced : [event]) {
    const point = boardPoint(step);
    line(state.last, point);
    state.last = point;
  }
});

function endStroke(event) {
  if (event.pointerId !== state.pointer) {
    return;
  }
  state.pointer = null;
  state.last = null;
  drawingChanged();
}

board.addEventListener("pointerup", endStroke);
board.addEventListener("pointercancel", endStroke);
board.addEventListener("lostpointercapture", endStroke);

undoButton.addEventListener("click", () => {
  const previous = state.undo.pop();
  if (previous) {
    context.putImageData(previous, 0, 0);
  }
  drawingChanged();
});

clearButton.addEventListener("click", () => {
  remember();
  context.clearRect(0, 0, board.width, board.height);
  drawingChanged();
});

// -- picking and sending ------------------------------------------------------------------------
function choose(index) {
  state.chosen = index;
  classButtons.forEach((button, other) => {
    button.setAttribute("aria-pressed", String(other === index));
  });
  updateSend();
}

classButtons.forEach((button, index) => {
  button.addEventListener("click", () => choose(index));
});

function updateSend() {
  const cooling = Date.now() < state.coolingUntil;
  sendButton.disabled = state.busy || !state.hasInk || state.chosen === null || cooling;
  sendAgainButton.disabled = state.busy || !state.hasInk || cooling;
  if (!state.busy && !statusLine.classList.contains("problem") && answer.hidden) {
    say(state.hasInk && state.chosen === null ? text("pick_first") : "");
  }
}

function say(message, problem = false) {
  statusLine.textContent = message;
  statusLine.classList.toggle("problem", problem);
}

function coolDown() {
  state.coolingUntil = Date.now() + state.minInterval * 1000;
  window.setTimeout(updateSend, state.minInterval * 1000 + 50);
}

async function send(label) {
  if (!state.hasInk) {
    say(text("draw_first"), true);
    return;
  }
  state.busy = true;
  updateSend();
  say(text("sending"));
  try {
    const reply = await fetch("drawing", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ label: label, image: board.toDataURL("image/png") }),
      credentials: "same-origin",
      cache: "no-store",
    });
    const data = await reply.json().catch(() => ({}));
    if (!reply.ok) {
      const code = CLOSED_CODES.has(data.error || `http_${reply.status}`)
        ? "closed"
        : data.error || `http_${reply.status}`;
      const known = code in STRINGS.en.errors;
      say(known ? text(`errors.${code}`) : text("errors.other", { code: code }), true);
      return;
    }
    state.sent = { label: label, top: data.top };
    say("");
    showAnswer();
  } catch (_) {
    say(text(navigator.onLine === false ? "errors.offline" : "errors.network"), true);
  } finally {
    state.busy = false;
    coolDown();
    updateSend();
  }
}

sendButton.addEventListener("click", () => send(state.chosen));
sendAgainButton.addEventListener("click", () => send(state.sent.label));

document.getElementById("draw-another").addEventListener("click", () => {
  context.clearRect(0, 0, board.width, board.height);
  state.undo = [];
  state.sent = null;
  choose(null);
  answer.hidden = true;
  pick.hidden = false;
  say("");
  drawingChanged();
  board.scrollIntoView({ block: "nearest" });
});

// -- the answer -----------------------------------------------------------------------------------
function percent(probability) {
  const value = probability * 100;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} %`;
}

function showAnswer() {
  const { label, top } = state.sent;
  const rows = top.map((entry) => {
    const row = document.createElement("li");
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = className(entry.class);
    if (entry.class === label) {
      name.classList.add("said");
      name.title = text("you_said");
    }
    const value = document.createElement("span");
    value.className = "percent";
    value.textContent = percent(entry.probability);
    const bar = document.createElement("div");
    bar.className = "bar";
    const fill = document.createElement("div");
    fill.className = "fill";
    fill.style.width = `${Math.max(0, Math.min(1, entry.probability)) * 100}%`;
    bar.append(fill);
    row.append(name, value, bar);
    return row;
  });
  topList.replaceChildren(...rows);
  const right = top[0].class === label;
  verdict.textContent = text(right ? "right" : "wrong", {
    said: className(label),
    guess: className(top[0].class),
  });
  verdict.className = `verdict ${right ? "right" : "wrong"}`;
  pick.hidden = true;
  answer.hidden = false;
  answer.scrollIntoView({ block: "nearest" });
}

// -- start ----------------------------------------------------------------------------------------
function setUp(config) {
  if (config.classes) {
    state.classes = config.classes;
  }
  if (config.brush) {
    brush.min = config.brush.min;
    brush.max = config.brush.max;
    brush.value = config.brush.default;
  }
  if (typeof config.min_interval === "number") {
    state.minInterval = config.min_interval;
  }
  state.joinCode = config.join_code || "";
  setLanguage(storedLanguage() || config.language || "en");
}

context.fillStyle = INK;
context.strokeStyle = INK;
context.lineCap = "round";
context.lineJoin = "round";
for (const button of document.querySelectorAll("[data-language]")) {
  button.addEventListener("click", () => setLanguage(button.dataset.language));
}
drawingChanged();
fetch("config", { credentials: "same-origin", cache: "no-store" })
  .then((reply) => (reply.ok ? reply.json() : {}))
  .catch(() => ({}))
  .then(setUp);
