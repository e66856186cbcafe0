"use strict";
// A small terminal for the REPL. It draws what MicroPython's REPL sends (text, CR, LF,
// backspace, tab, cursor left/right/up/down, erase in line/screen, SGR colours) into one
// <div> per line, and turns keys into the bytes a VT100 keyboard sends, so line editing,
// history (arrow keys) and Ctrl-C/D/E/A/B work as in a real terminal. Lines wrap where the
// element does; the cursor moves within a line, as MicroPython's line editor expects.

const TERM_KEYS = {
  Enter: "\r", Backspace: "\x7f", Tab: "\t", Escape: "\x1b", Delete: "\x1b[3~",
  ArrowUp: "\x1b[A", ArrowDown: "\x1b[B", ArrowRight: "\x1b[C", ArrowLeft: "\x1b[D",
  Home: "\x1b[H", End: "\x1b[F", PageUp: "\x1b[5~", PageDown: "\x1b[6~",
};
// The 16 ANSI colours (normal, then bright).
const TERM_PALETTE = ["#1b1d23", "#e06c75", "#98c379", "#e5c07b", "#61afef", "#c678dd",
  "#56b6c2", "#d0d0d0", "#6b7280", "#ff7b85", "#b5e890", "#ffd68a", "#7cc4ff", "#e49cf4",
  "#7ee0eb", "#ffffff"];
// How far right cursor movement may go past a line's end.
const TERM_MAX_COLUMNS = 1024;
// Scrollback kept, in lines.
const TERM_MAX_LINES = 2000;
// An escape sequence longer than this is garbage and dropped (a window title can be long).
const TERM_MAX_ESCAPE = 256;

class Term {
  constructor(element, send) {
    this.el = element;
    this.send = send;
    this.reset();
    // Keys arrive in a hidden textarea beside the screen, so that touch keyboards open and input
    // methods compose text; what a key event does not give (composed or predicted text) comes
    // from its input events.
    const input = document.createElement("textarea");
    input.className = "term-input";
    input.setAttribute("aria-label", "REPL input");
    for (const attribute of ["autocapitalize", "autocomplete", "autocorrect"]) input.setAttribute(attribute, "off");
    input.spellcheck = false;
    element.after(input);
    this.input = input;
    input.addEventListener("keydown", (e) => this.key(e));
    input.addEventListener("compositionend", (e) => {
      this.send(e.data);
      input.value = "";
    });
    input.addEventListener("input", (e) => {
      if (e.isComposing) return;
      if (e.inputType === "insertText" && e.data) this.send(e.data);
      else if (e.inputType === "insertLineBreak") this.send("\r");
      else if (e.inputType === "deleteContentBackward") this.send("\x7f");
      input.value = "";
    });
    input.addEventListener("paste", (e) => {
      e.preventDefault();
      this.paste(e.clipboardData.getData("text"));
    });
    input.addEventListener("focus", () => this.touch(this.y));
    input.addEventListener("blur", () => this.touch(this.y));
  }

  focus() {
    this.input.focus({ preventScroll: true });
  }

  reset() {
    this.lines = [[]];
    this.divs = [];
    this.el.textContent = "";
    this.x = 0;
    this.y = 0;
    this.esc = null;
    this.sgr = { fg: -1, bg: -1, bold: false, dim: false, italic: false, under: false, inverse: false };
    this.style = "";
    this.dirty = new Set([0]);
    this.frame = 0;
  }

  // Clears the scrollback, keeping the cursor's line (the prompt, or a program's last line).
  clear() {
    const line = this.lines[this.y];
    const x = this.x;
    this.reset();
    this.lines = [line];
    this.x = x;
  }

  // Feeds text from the board.
  write(text) {
    for (const ch of text) {
      if (this.esc !== null) this.escape(ch);
      else if (ch === "\x1b") this.esc = "";
      else if (ch === "\r") this.move(0, this.y);
      else if (ch === "\n") this.move(this.x, this.y + 1);
      else if (ch === "\b") this.move(Math.max(0, this.x - 1), this.y);
      else if (ch === "\t") this.move((this.x + 8) & ~7, this.y);
      else if (ch >= " " && ch !== "\x7f") this.put(ch);
    }
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  // Text shown by the page itself (not from the board), dimmed.
  note(text) {
    this.write("\r\n\x1b[2m" + text + "\x1b[0m\r\n");
  }

  // The plain text on screen (the tests read it).
  text() {
    return this.lines.map((line) => line.map((cell) => cell[0]).join("")).join("\n");
  }

  put(ch) {
    const line = this.lines[this.y];
    while (line.length < this.x) line.push([" ", ""]);
    line[this.x] = [ch, this.style];
    this.move(this.x + 1, this.y);
  }

  move(x, y) {
    this.touch(this.y);
    while (y >= this.lines.length) this.lines.push([]);
    this.x = x;
    this.y = y;
    this.touch(y);
  }

  touch(y) {
    this.dirty.add(y);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  escape(ch) {
    this.esc += ch;
    const seq = this.esc;
    if (seq.length > TERM_MAX_ESCAPE) this.esc = null;
    else if (seq[0] === "]") {
      // An operating system command (a window title): ignored up to BEL or ESC \.
      if (ch === "\x07" || seq.endsWith("\x1b\\")) this.esc = null;
    } else if (seq[0] !== "[") {
      // ESC ( B and the like take one more character; other two-character escapes end here.
      if (!"()".includes(seq[0]) || seq.length === 2) this.esc = null;
    } else if (seq.length > 1 && ch >= "@" && ch <= "~") {
      this.esc = null;
      this.csi(seq.slice(1, -1), ch);
    }
  }

  csi(params, final) {
    const args = params.replace(/^[?>]/, "").split(";").map((p) => parseInt(p, 10) || 0);
    const n = Math.max(1, args[0]);
    const line = this.lines[this.y];
    // The cursor stays on the screen: within its lines, and within TERM_MAX_COLUMNS (or the
    // line) across, so a sequence cannot make the page allocate without bound.
    const column = (x) => Math.min(x, Math.max(TERM_MAX_COLUMNS, line.length));
    const row = (y) => Math.min(y, this.top() + this.rows() - 1);
    switch (final) {
      case "A": this.move(this.x, Math.max(this.top(), this.y - n)); break;
      case "B": this.move(this.x, Math.min(this.y + n, this.lines.length - 1)); break;
      case "C": this.move(column(this.x + n), this.y); break;
      case "D": this.move(Math.max(0, this.x - n), this.y); break;
      case "G": this.move(column(n - 1), this.y); break;
      case "H": case "f": this.move(column(Math.max(1, args[1] || 1) - 1), row(this.top() + n - 1)); break;
      case "K":
        if (args[0] === 0) line.length = Math.min(line.length, this.x);
        else if (args[0] === 1) for (let i = 0; i <= this.x && i < line.length; i++) line[i] = [" ", ""];
        else line.length = 0;
        this.touch(this.y);
        break;
      case "J":
        if (args[0] === 0) {
          line.length = Math.min(line.length, this.x);
          for (let y = this.y + 1; y < this.lines.length; y++) { this.lines[y] = []; this.touch(y); }
        } else if (args[0] >= 2) {
          for (let y = this.top(); y < this.lines.length; y++) { this.lines[y] = []; this.touch(y); }
        }
        this.touch(this.y);
        break;
      case "m": this.setStyle(params === "" ? [0] : args); break;
      case "n": if (args[0] === 6) this.send(`\x1b[${this.y - this.top() + 1};${this.x + 1}R`); break;
    }
  }

  // The first line of the visible screen: cursor addressing counts from it.
  top() {
    return Math.max(0, this.lines.length - this.rows());
  }

  // The rows the screen shows (24 before it is laid out).
  rows() {
    return Math.floor(this.el.clientHeight / 17.5) || 24;
  }

  setStyle(args) {
    const s = this.sgr;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === 0) Object.assign(s, { fg: -1, bg: -1, bold: false, dim: false, italic: false, under: false, inverse: false });
      else if (a === 1) s.bold = true;
      else if (a === 2) s.dim = true;
      else if (a === 3) s.italic = true;
      else if (a === 4) s.under = true;
      else if (a === 7) s.inverse = true;
      else if (a === 22) s.bold = s.dim = false;
      else if (a === 23) s.italic = false;
      else if (a === 24) s.under = false;
      else if (a === 27) s.inverse = false;
      else if (a >= 30 && a <= 37) s.fg = a - 30;
      else if (a === 39) s.fg = -1;
      else if (a >= 40 && a <= 47) s.bg = a - 40;
      else if (a === 49) s.bg = -1;
      else if (a >= 90 && a <= 97) s.fg = a - 82;
      else if (a >= 100 && a <= 107) s.bg = a - 92;
      else if ((a === 38 || a === 48) && args[i + 1] === 5) {
        s[a === 38 ? "fg" : "bg"] = xtermColour(args[i + 2] || 0);
        i += 2;
      } else if ((a === 38 || a === 48) && args[i + 1] === 2) {
        s[a === 38 ? "fg" : "bg"] = `rgb(${args[i + 2] | 0},${args[i + 3] | 0},${args[i + 4] | 0})`;
        i += 4;
      }
    }
    const colour = (c, fallback) => (c === -1 ? fallback : typeof c === "number" ? TERM_PALETTE[c] : c);
    let fg = colour(s.bold && typeof s.fg === "number" && s.fg >= 0 && s.fg < 8 ? s.fg + 8 : s.fg, "");
    let bg = colour(s.bg, "");
    if (s.inverse) [fg, bg] = [bg || "#0e1014", fg || "#d0d0d0"];
    this.style = (fg ? `color:${fg};` : "") + (bg ? `background:${bg};` : "")
      + (s.bold ? "font-weight:bold;" : "") + (s.dim ? "opacity:.6;" : "")
      + (s.italic ? "font-style:italic;" : "") + (s.under ? "text-decoration:underline;" : "");
  }

  render() {
    this.frame = 0;
    const extra = this.lines.length - TERM_MAX_LINES;
    if (extra > 0) {
      this.lines.splice(0, extra);
      this.divs.splice(0, extra).forEach((div) => div.remove());
      this.y = Math.max(0, this.y - extra);
      this.dirty = new Set([...this.dirty].map((y) => y - extra).filter((y) => y >= 0));
    }
    const atBottom = this.el.scrollTop + this.el.clientHeight >= this.el.scrollHeight - 20;
    while (this.divs.length < this.lines.length) {
      const div = document.createElement("div");
      this.el.appendChild(div);
      this.divs.push(div);
      this.dirty.add(this.divs.length - 1);
    }
    for (const y of this.dirty) if (y < this.lines.length) this.divs[y].innerHTML = this.html(y);
    this.dirty.clear();
    if (atBottom) this.el.scrollTop = this.el.scrollHeight;
  }

  // One line as HTML: runs of one style in one <span>, the cursor in its own.
  html(y) {
    const line = this.lines[y];
    const cursor = y === this.y ? this.x : -1;
    let out = "";
    let run = "";
    let style = null;
    const flush = () => {
      if (run) out += style ? `<span style="${style}">${run}</span>` : run;
      run = "";
    };
    const width = Math.max(line.length, cursor + 1);
    for (let x = 0; x < width; x++) {
      const [ch, cellStyle] = line[x] || [" ", ""];
      const escaped = ch === "<" ? "&lt;" : ch === "&" ? "&amp;" : ch === ">" ? "&gt;" : ch;
      if (x === cursor) {
        flush();
        out += `<span class="cur">${escaped}</span>`;
        continue;
      }
      if (cellStyle !== style) {
        flush();
        style = cellStyle;
      }
      run += escaped;
    }
    flush();
    return out;
  }

  key(e) {
    if (e.isComposing || e.metaKey) return;
    const k = e.key;
    let bytes = TERM_KEYS[k];
    if (e.ctrlKey && !e.altKey) {
      // Ctrl-V and Ctrl-Shift-V paste; Ctrl-C copies when text is selected, else interrupts.
      if (k === "v" || k === "V" || (k === "C" && e.shiftKey)) return;
      if (k === "c" && String(getSelection())) return;
      if (k.length === 1 && /[@-_a-z]/i.test(k)) bytes = String.fromCharCode(k.toUpperCase().charCodeAt(0) & 31);
    } else if (!bytes && k.length === 1) {
      bytes = e.altKey ? "\x1b" + k : k;
    }
    if (bytes) {
      e.preventDefault();
      this.send(bytes);
    }
  }

  // Pasted text is sent as typed, with line ends as the Enter key sends them. Several lines go
  // through MicroPython's paste mode (Ctrl-E ... Ctrl-D), so the REPL does not auto-indent them.
  paste(text) {
    const lines = text.replace(/\r\n?/g, "\n");
    if (lines.includes("\n")) this.send("\x05" + lines.replace(/\n/g, "\r") + "\x04");
    else this.send(lines);
  }
}

// The xterm 256-colour palette: 16 named colours, a 6x6x6 cube, then 24 greys.
function xtermColour(n) {
  if (n < 16) return n;
  if (n >= 232) {
    const v = 8 + 10 * (n - 232);
    return `rgb(${v},${v},${v})`;
  }
  const c = n - 16;
  const level = (i) => (i ? 55 + 40 * i : 0);
  return `rgb(${level(Math.floor(c / 36))},${level(Math.floor(c / 6) % 6)},${level(c % 6)})`;
}
