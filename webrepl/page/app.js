"use strict";
// The page: log in, then the terminal, the file list, the editor and the board's status.

const $ = (id) => document.getElementById(id);
const board = new Board();
const term = new Term($("term"), (bytes) => board.send(bytes));
// The largest file the editor opens; bigger ones are for downloading.
const EDIT_MAX = 256 * 1024;

let cwd = "/";
let openPath = null;

function say(text, error = false) {
  $("status").textContent = text;
  $("status").className = error ? "error" : "";
}

// Runs an action, reporting its failure in the status line instead of losing it.
async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    say(error.message, true);
    return undefined;
  }
}

function online(on) {
  $("link").textContent = on ? "connected" : "offline";
  $("link").className = on ? "" : "off";
  $("login").hidden = on;
  if (!on) $("password").focus();
}

$("login-where").textContent = "Board at " + location.host;

$("login").onsubmit = async (e) => {
  e.preventDefault();
  $("connect").disabled = true;
  $("login-error").textContent = "";
  try {
    await board.login($("password").value);
    online(true);
    term.focus();
    say("Logged in");
    // One request at a time: a chip serves few connections at once.
    await refresh();
    await showInfo();
  } catch (error) {
    $("login-error").textContent = error.message;
  } finally {
    $("connect").disabled = false;
  }
};

board.onClose = () => {
  clearTimeout(run.timer);
  run.state = null;
  term.note("[connection closed]");
  online(false);
  $("login-error").textContent = "Connection closed; log in again.";
};

// Files ----------------------------------------------------------------------------------

function formatSize(n) {
  return n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " KiB" : (n / 1048576).toFixed(1) + " MiB";
}

async function refresh() {
  const entries = await attempt(() => board.list(cwd));
  if (!entries) return;
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "dir" ? -1 : 1));
  $("cwd").textContent = cwd;
  $("cwd").title = cwd;
  $("up").disabled = cwd === "/";
  const list = $("file-list");
  list.textContent = "";
  for (const entry of entries) list.appendChild(row(entry));
  if (!entries.length) {
    const empty = document.createElement("li");
    empty.className = "empty";
    empty.textContent = "empty folder: drop files here";
    list.appendChild(empty);
  }
}

function button(label, title, action) {
  const b = document.createElement("button");
  b.textContent = label;
  b.title = title;
  b.onclick = (e) => {
    e.stopPropagation();
    action();
  };
  return b;
}

function row(entry) {
  const path = cwd + entry.name;
  const li = document.createElement("li");
  li.className = entry.kind;
  li.dataset.name = entry.name;
  if (path === openPath) li.classList.add("open");
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = entry.kind === "dir" ? entry.name + "/" : entry.name;
  name.onclick = () => (entry.kind === "dir" ? enter(path + "/") : openFile(path));
  const size = document.createElement("span");
  size.className = "size";
  size.textContent = entry.kind === "dir" ? "" : formatSize(entry.size);
  const actions = document.createElement("span");
  actions.className = "act";
  if (entry.kind === "file") actions.appendChild(button("\u2913", "Download", () => download(path)));
  actions.appendChild(button("\u270E", "Rename", () => rename(path)));
  actions.appendChild(button("\u2715", "Delete", () => remove(path, entry.kind)));
  li.append(name, size, actions);
  return li;
}

function enter(dir) {
  cwd = dir;
  refresh();
}

$("up").onclick = () => enter(cwd.replace(/[^/]+\/$/, ""));
$("refresh").onclick = () => refresh();

$("mkdir").onclick = () => {
  const name = prompt("New folder in " + cwd);
  if (name) attempt(async () => {
    await board.mkdir(cwd + name);
    say("Made folder " + cwd + name);
    await refresh();
  });
};

async function download(path) {
  const data = await attempt(() => board.read(path));
  if (!data) return;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([data]));
  a.download = path.split("/").pop();
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function rename(path) {
  const to = prompt("Rename " + path + " to", path);
  if (!to || to === path) return;
  const target = to.startsWith("/") ? to : cwd + to;
  attempt(async () => {
    await board.rename(path, target);
    if (openPath === path) setOpen(target);
    say("Renamed " + path + " to " + target);
    await refresh();
  });
}

function remove(path, kind) {
  if (!confirm(`Delete ${kind === "dir" ? "the empty folder " : ""}${path}?`)) return;
  attempt(async () => {
    await board.remove(path);
    if (openPath === path) closeFile();
    say("Deleted " + path);
    await refresh();
  });
}

async function upload(files) {
  if (!files.length) return;
  for (const file of files) {
    const what = `Uploading ${file.name} (${formatSize(file.size)})`;
    say(what + "…");
    const done = await attempt(async () => {
      await board.write(cwd + file.name, file, file.lastModified,
        (sent) => say(`${what}: ${Math.round(sent * 100)} %`));
      return true;
    });
    if (!done) return;
  }
  say(`Uploaded ${files.length === 1 ? files[0].name : files.length + " files"}`);
  await refresh();
}

$("upload").onclick = () => $("upload-input").click();
$("upload-input").onchange = (e) => {
  const files = [...e.target.files];
  e.target.value = "";
  upload(files);
};
const drop = $("file-list");
drop.ondragover = (e) => {
  e.preventDefault();
  drop.classList.add("drop");
};
drop.ondragleave = () => drop.classList.remove("drop");
// A file dropped beside the list must not make the browser leave the page to show it.
window.ondragover = window.ondrop = (e) => e.preventDefault();
drop.ondrop = (e) => {
  e.preventDefault();
  drop.classList.remove("drop");
  upload([...e.dataTransfer.files]);
};

// Editor ---------------------------------------------------------------------------------

const code = $("code");

function setOpen(path) {
  openPath = path;
  $("file-name").textContent = path || "no file open";
  for (const id of ["save", "run"]) $(id).disabled = !path;
  code.disabled = !path;
  for (const li of $("file-list").children) li.classList.toggle("open", cwd + li.dataset.name === path);
}

function setDirty(dirty) {
  $("file-name").classList.toggle("dirty", dirty);
}

// Whether the editor's changes may be dropped (none, or the user says so).
function mayDiscard() {
  return !$("file-name").classList.contains("dirty") || confirm(`Discard the changes to ${openPath}?`);
}

$("new-file").onclick = () => {
  const name = mayDiscard() && prompt("New file in " + cwd, "main.py");
  if (!name) return;
  code.value = "";
  setOpen(name.startsWith("/") ? name : cwd + name);
  setDirty(true);
  code.focus();
};

async function openFile(path) {
  if (!mayDiscard()) return;
  const data = await attempt(() => board.read(path));
  if (!data) return;
  let text;
  try {
    if (data.length > EDIT_MAX || data.includes(0)) throw new Error();
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    say(`${path} is not a text file the editor can open: download it instead`, true);
    return;
  }
  code.value = text;
  setOpen(path);
  setDirty(false);
  say("Opened " + path);
}

function closeFile() {
  code.value = "";
  setOpen(null);
  setDirty(false);
}

async function save() {
  if (!openPath) return false;
  const path = openPath;
  const saved = await attempt(async () => {
    await board.write(path, new TextEncoder().encode(code.value), Date.now());
    return true;
  });
  if (!saved) return false;
  setDirty(false);
  say("Saved " + path);
  await refresh();
  return true;
}

code.oninput = () => setDirty(true);
code.onkeydown = (e) => {
  if (e.key === "s" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    save();
  } else if (e.key === "Tab" && !e.shiftKey) {
    e.preventDefault();
    code.setRangeText("    ", code.selectionStart, code.selectionEnd, "end");
    setDirty(true);
  }
};
$("save").onclick = () => save();

// Run: the editor's text goes through MicroPython's raw REPL (Ctrl-C, Ctrl-A, the code, Ctrl-D),
// as mpremote runs a file, so nothing is typed at the prompt and no file stays open on the
// board. The raw REPL's own chatter is hidden: the terminal shows the program's output, its
// error in red, then the prompt again (Ctrl-B back to the friendly REPL).
const RAW_BANNER = "raw REPL; CTRL-B to exit\r\n>";
// How long the board may take to enter the raw REPL before the run is given up.
const RAW_ENTER_MS = 5000;
const run = { state: null, buffer: "", code: "", timer: 0 };

function runText(text) {
  run.buffer += text;
  for (;;) {
    const b = run.buffer;
    if (run.state === "enter") {
      const at = b.indexOf(RAW_BANNER);
      if (at < 0) return;
      clearTimeout(run.timer);
      run.buffer = b.slice(at + RAW_BANNER.length);
      run.state = "ok";
      board.send(run.code + "\x04");
    } else if (run.state === "ok") {
      if (b.length < 2) return;
      run.state = b.startsWith("OK") ? "output" : "error";
      run.buffer = b.startsWith("OK") ? b.slice(2) : b;
    } else if (run.state === "output" || run.state === "error") {
      const at = b.indexOf("\x04");
      const part = at < 0 ? b : b.slice(0, at);
      term.write(run.state === "error" && part ? "\x1b[31m" + part + "\x1b[0m" : part);
      run.buffer = at < 0 ? "" : b.slice(at + 1);
      if (at < 0) return;
      if (run.state === "error") board.send("\x02");
      run.state = run.state === "output" ? "error" : "leave";
    } else {
      // Ctrl-B answers with the banner, then the prompt: only the prompt is shown.
      const at = b.indexOf(">>> ");
      if (at < 0 && b.length < 4096) return;
      run.state = null;
      run.buffer = "";
      term.write((term.x ? "\r\n" : "") + b.slice(Math.max(at, 0)));
      return;
    }
  }
}

board.onText = (text) => (run.state ? runText(text) : term.write(text));

$("run").onclick = async () => {
  if (!(await save()) || run.state) return;
  Object.assign(run, { state: "enter", buffer: "", code: code.value });
  run.timer = setTimeout(() => {
    term.write(run.buffer);
    term.note("[the board did not enter the raw REPL]");
    run.state = null;
  }, RAW_ENTER_MS);
  term.note("[run " + openPath + "]");
  board.send("\x03\x01");
  term.focus();
};
$("clear").onclick = () => {
  term.clear();
  term.focus();
};
$("stop").onclick = () => {
  board.send("\x03");
  term.focus();
};

// Board status ---------------------------------------------------------------------------

async function showInfo() {
  // A board without a status seam answers 404: the panel stays empty.
  const info = await board.info().catch(() => null);
  $("info").hidden = !info;
  if (!info) return;
  $("board-name").textContent = info.name;
  document.title = info.name + " \u2013 mote";
  const uptime = Math.floor(info.uptime_ms / 1000);
  const fields = [
    ["Board", info.name], ["Id", info.unique_id], ["Firmware", info.firmware_version],
    ["IP", info.ip], ["Free heap", formatSize(info.free_heap)],
    ["Free flash", formatSize(info.free_flash)],
    ["Up", `${Math.floor(uptime / 3600)}h ${Math.floor(uptime / 60) % 60}m ${uptime % 60}s`],
  ];
  const dl = $("info");
  dl.textContent = "";
  for (const [key, value] of fields) {
    const dt = document.createElement("dt");
    dt.textContent = key;
    const dd = document.createElement("dd");
    dd.textContent = value;
    dd.title = value;
    dl.append(dt, dd);
  }
}

$("term").onclick = () => {
  if (!String(getSelection())) term.focus();
};
// The status (uptime, free heap) is refreshed while the page is in view.
setInterval(() => {
  if (board.ws && !document.hidden) showInfo();
}, 10000);
online(false);
