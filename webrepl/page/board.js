"use strict";
// The board this page came from: its WebREPL (a WebSocket upgrade of `/`, MicroPython's
// password prompt, then the REPL over text frames) and its HTTP API (`/fs/<path>`, `/info`),
// both behind the board password (HTTP Basic with an empty user name).

// REPL input goes out in frames of at most this many characters.
const BOARD_CHUNK = 256;

class Board {
  constructor() {
    this.ws = null;
    this.auth = "";
    this.onText = () => {};
    this.onClose = () => {};
  }

  // Opens the WebREPL and logs in; resolves once the board says "WebREPL connected".
  login(password) {
    this.auth = "Basic " + btoa(unescape(encodeURIComponent(":" + password)));
    return new Promise((resolve, reject) => {
      const scheme = location.protocol === "https:" ? "wss://" : "ws://";
      const ws = new WebSocket(scheme + location.host + "/");
      let said = "";
      let loggedIn = false;
      ws.onmessage = (event) => {
        if (typeof event.data !== "string") return;
        if (loggedIn) { this.onText(event.data); return; }
        said += event.data;
        if (said.endsWith("Password: ")) {
          ws.send(password + "\r");
          said = "";
        } else if (said.includes("WebREPL connected")) {
          loggedIn = true;
          this.ws = ws;
          resolve();
          this.onText(said.slice(said.indexOf("WebREPL connected") + 17));
        }
      };
      ws.onclose = () => {
        if (loggedIn) { this.ws = null; this.onClose(); return; }
        const why = said.trim();
        reject(new Error(why.includes("Access denied") ? "Wrong password" : why || "The board closed the connection"));
      };
    });
  }

  // Sends REPL input.
  send(text) {
    if (!this.ws) return;
    for (let at = 0; at < text.length; at += BOARD_CHUNK) this.ws.send(text.slice(at, at + BOARD_CHUNK));
  }

  close() {
    if (this.ws) this.ws.close();
  }

  async request(method, url, body, headers = {}) {
    const response = await fetch(url, { method, body, headers: { Authorization: this.auth, ...headers } });
    if (!response.ok) {
      const why = (await response.text()).trim() || response.statusText;
      throw new Error(`${method} ${decodeURIComponent(url)}: ${response.status} ${why}`);
    }
    return response;
  }

  // A folder's entries, [{name, kind: "file"|"dir", size}]; `dir` ends with "/".
  async list(dir) {
    return (await this.request("GET", fsUrl(dir))).json();
  }

  async read(path) {
    return new Uint8Array(await (await this.request("GET", fsUrl(path))).arrayBuffer());
  }

  // Writes a whole file (the board commits it only when every byte arrived); `progress` is
  // told the fraction sent. XMLHttpRequest rather than fetch: only it reports upload progress.
  write(path, data, modified, progress = () => {}) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("PUT", fsUrl(path));
      xhr.setRequestHeader("Authorization", this.auth);
      if (modified) xhr.setRequestHeader("X-Timestamp", String(Math.round(modified)));
      xhr.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
      xhr.onload = () => (xhr.status < 300 ? resolve()
        : reject(new Error(`PUT ${path}: ${xhr.status} ${xhr.responseText.trim() || xhr.statusText}`)));
      xhr.onerror = () => reject(new Error(`PUT ${path}: the connection failed`));
      xhr.send(data);
    });
  }

  async mkdir(path) {
    await this.request("PUT", fsUrl(path.replace(/\/*$/, "/")));
  }

  async remove(path) {
    await this.request("DELETE", fsUrl(path));
  }

  async rename(from, to) {
    await this.request("MOVE", fsUrl(from), undefined, { "X-Destination": fsUrl(to) });
  }

  async info() {
    return (await this.request("GET", "/info")).json();
  }
}

// The API URL of a board path ("/lib/a b.py" -> "/fs/lib/a%20b.py").
function fsUrl(path) {
  return "/fs" + path.split("/").map(encodeURIComponent).join("/");
}
