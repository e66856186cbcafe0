// The board's own page in real headless Chromium, against a simulated board (`mote sim` with a
// fresh flash image and a password): a wrong password refused, log in, a second client refused,
// `print(6*7)` in the terminal, history, paste, colours, upload (button and drag and drop), open
// a file in the editor, change and save it (checked on the board over HTTP), download it, run
// it, stop a loop, make a folder, rename and delete.
//
//   node tests/browser/page.test.mjs            (MOTE_BIN: the `mote` binary, default
//                                                target/debug/mote; CHROMIUM: the browser,
//                                                default /usr/bin/chromium)
//
// It fails (exit 1) if anything cannot run, Chromium included: scripts/test.sh installs it.
// The screenshot is kept in target/test-artifacts/page.png (page-failure.png on failure).

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const moteBin = process.env.MOTE_BIN || join(root, "target/debug/mote");
const chromiumBin = process.env.CHROMIUM || "/usr/bin/chromium";
const artifacts = join(root, "target/test-artifacts");
const PASSWORD = "pagetest";
const STEP_TIMEOUT = 15000;

const started = Date.now();
const scratch = mkdtempSync(join(tmpdir(), "mote-page-"));
let boardProcess = null;
let boardLog = "";
let context = null;

function log(step) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${step}`);
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function startBoard(port) {
  const args = ["sim", "--flash", join(scratch, "board.flash"), "--password", PASSWORD,
    "--port", String(port), "--name", "pagetest"];
  boardProcess = spawn(moteBin, args, { stdio: ["pipe", "pipe", "pipe"] });
  for (const stream of [boardProcess.stdout, boardProcess.stderr]) {
    stream.on("data", (data) => { boardLog += data; });
  }
  const exited = new Promise((_, fail) => boardProcess.on("exit", (code) =>
    fail(new Error(`mote sim exited (${code}):\n${boardLog}`))));
  const deadline = Date.now() + 30000;
  const url = `http://127.0.0.1:${port}/`;
  while (Date.now() < deadline) {
    const ready = await Promise.race([
      fetch(url).then((r) => r.ok, () => false),
      exited,
    ]);
    if (ready) return url;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the board did not serve ${url} within 30 s:\n${boardLog}`);
}

// GET /fs/<path> from the board with the password.
async function boardBytes(base, path) {
  const auth = "Basic " + Buffer.from(":" + PASSWORD).toString("base64");
  const response = await fetch(new URL("/fs/" + path, base), { headers: { Authorization: auth } });
  if (!response.ok) throw new Error(`GET /fs/${path}: ${response.status}`);
  return response.arrayBuffer();
}

async function boardFile(base, path) {
  return new TextDecoder().decode(await boardBytes(base, path));
}

async function termText(page) {
  return page.evaluate(() => term.text());
}

// Waits until the terminal's text after `from` characters matches `pattern`.
async function waitTerm(page, pattern, from = 0) {
  try {
    await page.waitForFunction(([source, flags, start]) =>
      new RegExp(source, flags).test(term.text().slice(start)),
      [pattern.source, pattern.flags, from], { timeout: STEP_TIMEOUT });
  } catch {
    throw new Error(`terminal never showed ${pattern}; it shows:\n${await termText(page)}`);
  }
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  const port = await freePort();
  const base = await startBoard(port);
  log(`board serving ${base}`);

  context = await chromium.launchPersistentContext(join(scratch, "chromium-profile"), {
    executablePath: chromiumBin,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1200, height: 760 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const response = await page.goto(base);
  if (response.headers()["content-encoding"] !== "gzip") throw new Error("the page is not served gzipped");
  log("page loaded");

  // A wrong password is refused and says so.
  await page.fill("#password", "wrong1");
  await page.click("#connect");
  await page.waitForFunction(() => document.getElementById("login-error").textContent.includes("Wrong password"),
    null, { timeout: 30000 });
  log("wrong password refused");

  await page.fill("#password", PASSWORD);
  await page.click("#connect");
  await page.waitForSelector("#login", { state: "hidden", timeout: 30000 });
  await waitTerm(page, />>> $/);
  log("logged in");

  // A second page is refused while this one is logged in (one WebREPL client at a time).
  const other = await context.newPage();
  await other.goto(base);
  await other.fill("#password", PASSWORD);
  await other.click("#connect");
  await other.waitForFunction(() => document.getElementById("login-error").textContent.includes("another client"));
  await other.close();
  log("a second page is told another client is connected");

  // The terminal: typed keys, Enter, and the output.
  await page.click("#term");
  await page.keyboard.type("print(6*7)");
  await page.keyboard.press("Enter");
  await waitTerm(page, /print\(6\*7\)\n42\n>>> $/);
  log("print(6*7) -> 42");

  // History and line editing: Up recalls the line, Left/Backspace edit it (7 -> 8).
  let mark = (await termText(page)).length;
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("8");
  await page.keyboard.press("Enter");
  await waitTerm(page, /\n48\n>>> $/, mark);
  log("history and cursor keys: print(6*8) -> 48");

  // Text that comes without key events (an input method, a touch keyboard's prediction).
  mark = (await termText(page)).length;
  await page.keyboard.type("print('");
  // ASCII: the board's line editor drops other characters typed at the prompt (for now).
  await page.keyboard.insertText("composed text");
  await page.keyboard.type("')");
  await page.keyboard.press("Enter");
  await waitTerm(page, /\ncomposed text\n>>> $/, mark);
  log("composed text (no key events) reaches the REPL");

  // Tab completes, Ctrl-C typed in the terminal interrupts a loop, Ctrl-D soft-resets.
  mark = (await termText(page)).length;
  await page.keyboard.type("impo");
  await page.keyboard.press("Tab");
  await waitTerm(page, /^import $/, mark);
  await page.keyboard.press("Control+c");
  await page.keyboard.type("while 1: pass");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await waitTerm(page, /\n\.\.\. \n$/, mark);
  await page.keyboard.press("Control+c");
  await waitTerm(page, /KeyboardInterrupt\s*\n>>> $/, mark);
  mark = (await termText(page)).length;
  await page.keyboard.press("Control+d");
  await waitTerm(page, /soft reboot[\s\S]*>>> $/i, mark);
  log("Tab completed, Ctrl-C interrupted a loop, Ctrl-D soft-reset");

  // Paste: several lines go through MicroPython's paste mode.
  mark = (await termText(page)).length;
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData("text/plain", "for i in range(2):\n    print('pasted', i)\n");
    document.querySelector(".term-input").dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await waitTerm(page, /\npasted 0\npasted 1\n>>> $/, mark);
  log("pasted two lines: paste mode ran them");

  // Colours: SGR sequences from a program become styled text.
  await page.keyboard.type("print('\\x1b[1;31mred\\x1b[0m plain')");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => [...document.querySelectorAll("#term span")]
    .some((span) => span.textContent === "red" && span.style.color && span.style.fontWeight === "bold"));
  log("SGR colours drawn");

  // The emulator's cursor and erase sequences, on a terminal of its own.
  const drawn = await page.evaluate(() => {
    const cases = [
      "abc\x1b[2D\x1b[KX", "abc\b\bZ", "12345\r\x1b[2Cx", "one\r\ntwo\x1b[Aa",
      "a\tb", "\x1b[31mre\x1b[0md\x1b(B", "abcdef\x1b[3D\x1b[1K", "\x1b]0;title\x07ok",
      "x\x1b[?25l\x1b[5Gy", "a\x1b[99999999C\x1b[99999999Bb",
    ];
    return cases.map((input) => {
      const t = new Term(document.createElement("div"), () => {});
      t.write(input);
      return t.text();
    });
  });
  const expected = ["aX", "aZc", "12x45", "onea\ntwo", "a       b", "red", "    ef", "ok", "x   y", "a" + " ".repeat(1023) + "b"];
  if (JSON.stringify(drawn) !== JSON.stringify(expected)) {
    throw new Error(`emulator drew ${JSON.stringify(drawn)}, expected ${JSON.stringify(expected)}`);
  }
  log("cursor movement, backspace, tab and erase drawn as a terminal does");

  // Upload by the button.
  await page.setInputFiles("#upload-input", {
    name: "hello.py", mimeType: "text/x-python", buffer: Buffer.from("print('hello from the page')\n"),
  });
  await page.waitForSelector('#file-list li[data-name="hello.py"]');
  if ((await boardFile(base, "hello.py")) !== "print('hello from the page')\n") throw new Error("upload differs");
  log("uploaded hello.py, listed");

  // Upload by drag and drop.
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["x = 1\n"], "dropped.py"));
    document.getElementById("file-list").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
  });
  await page.waitForSelector('#file-list li[data-name="dropped.py"]');
  log("dropped dropped.py, listed");

  // A binary file of 200 KiB: the same bytes on the board; the editor declines it.
  const blob = Buffer.alloc(200 * 1024);
  for (let i = 0; i < blob.length; i++) blob[i] = (i * 7919 + (i >> 8)) & 255;
  await page.setInputFiles("#upload-input", { name: "blob.bin", mimeType: "application/octet-stream", buffer: blob });
  await page.waitForSelector('#file-list li[data-name="blob.bin"]', { timeout: 60000 });
  if (!Buffer.from(await boardBytes(base, "blob.bin")).equals(blob)) throw new Error("blob.bin differs on the board");
  await page.click('#file-list li[data-name="blob.bin"] .name');
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("not a text file"));
  log("uploaded 200 KiB of binary: the same bytes; the editor declines it");

  // The editor: open, change, save, check on the board.
  await page.click('#file-list li[data-name="hello.py"] .name');
  await page.waitForFunction(() => document.getElementById("code").value === "print('hello from the page')\n");
  const program = "for i in range(3):\n    print('line', i * 7)\nprint('done \u2713')\n";
  await page.fill("#code", program);
  await page.click("#save");
  await page.waitForFunction(() => document.getElementById("status").textContent === "Saved /hello.py");
  const saved = await boardFile(base, "hello.py");
  if (saved !== program) throw new Error(`the board has ${JSON.stringify(saved)} after save`);
  log("opened, changed and saved hello.py; the board has the new text");

  // Download: the browser saves the board's bytes.
  await page.hover('#file-list li[data-name="hello.py"]');
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('#file-list li[data-name="hello.py"] button[title="Download"]'),
  ]);
  const downloaded = readFileSync(await download.path(), "utf8");
  if (download.suggestedFilename() !== "hello.py" || downloaded !== program) {
    throw new Error(`downloaded ${download.suggestedFilename()}: ${JSON.stringify(downloaded)}`);
  }
  log("downloaded hello.py: the same bytes");

  // Run: the file runs in the REPL, its output in the terminal.
  mark = (await termText(page)).length;
  await page.click("#run");
  await waitTerm(page, /\[run \/hello.py\]\nline 0\nline 7\nline 14\ndone \u2713\n>>> $/, mark);
  log("ran hello.py: its output is in the terminal");

  // Stop: Ctrl-C interrupts a running loop.
  await page.fill("#code", "n = 0\nwhile True:\n    n += 1\n");
  mark = (await termText(page)).length;
  await page.click("#run");
  await page.waitForTimeout(300);
  await page.click("#stop");
  await waitTerm(page, /KeyboardInterrupt[\s\S]*>>> $/, mark);
  log("stop interrupted a loop");

  // A new folder, a rename into it, a delete.
  page.once("dialog", (dialog) => dialog.accept("lib"));
  await page.click("#mkdir");
  await page.waitForSelector('#file-list li.dir[data-name="lib"]');
  page.once("dialog", (dialog) => dialog.accept("/lib/dropped.py"));
  await page.hover('#file-list li[data-name="dropped.py"]');
  await page.click('#file-list li[data-name="dropped.py"] button[title="Rename"]');
  await page.waitForSelector('#file-list li[data-name="dropped.py"]', { state: "detached" });
  if ((await boardFile(base, "lib/dropped.py")) !== "x = 1\n") throw new Error("rename lost the file");
  await page.click('#file-list li[data-name="lib"] .name');
  await page.waitForSelector('#file-list li[data-name="dropped.py"]');
  page.once("dialog", (dialog) => dialog.accept());
  await page.hover('#file-list li[data-name="dropped.py"]');
  await page.click('#file-list li[data-name="dropped.py"] button[title="Delete"]');
  await page.waitForSelector('#file-list li[data-name="dropped.py"]', { state: "detached" });
  await page.click("#up");
  await page.waitForSelector('#file-list li[data-name="hello.py"]');
  log("made lib/, renamed dropped.py into it, deleted it");

  // Board info.
  await page.waitForFunction(() => document.getElementById("info").textContent.includes("pagetest"));
  log("board info shown");

  // A closed connection brings the login back; logging in again frees and retakes the slot.
  await page.evaluate(() => board.ws.close());
  await page.waitForSelector("#login", { state: "visible" });
  await page.click("#connect");
  await page.waitForSelector("#login", { state: "hidden", timeout: 30000 });
  mark = (await termText(page)).length;
  await page.click("#term");
  await page.keyboard.type("print(2**10)");
  await page.keyboard.press("Enter");
  await waitTerm(page, /\n1024\n>>> $/, mark);
  log("connection closed, logged in again, the REPL answers");

  // The screenshot: the file open in the editor and its run in the terminal.
  await page.click('#file-list li[data-name="hello.py"] .name');
  await page.waitForFunction(() => document.getElementById("code").value.startsWith("n = 0"));
  await page.click("#term");
  await page.screenshot({ path: join(artifacts, "page.png") });
  if (pageErrors.length) throw new Error("script errors on the page:\n" + pageErrors.join("\n"));
  log(`screenshot in ${join(artifacts, "page.png")}`);
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(`FAIL: ${error.stack || error}`);
  const page = context && context.pages()[0];
  if (page) await page.screenshot({ path: join(artifacts, "page-failure.png") }).catch(() => {});
  if (boardLog) console.error(`board output:\n${boardLog}`);
} finally {
  if (context) await context.close().catch(() => {});
  if (boardProcess) boardProcess.kill();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`${failed ? "FAILED" : "passed"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
