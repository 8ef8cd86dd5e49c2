// The site's page viewer (viewer.html?doc=<doc-id>&page=<n>&box=<x0,top,x1,bottom>): the
// document's source PDF drawn by pdf.js from this site (assets/pdfjs), at the PDF page the link
// names, with the box of the amount that was clicked marked. Phone browsers ignore '#page=N' on
// a PDF link; this works the same everywhere. Every parameter is checked before use: the doc id
// must be one (only its own PDF and package under this site are fetched), the page a number of
// the PDF, the box four numbers; the document's words reach the page as text only.
import * as pdfjsLib from "./pdfjs/pdf.min.js";

pdfjsLib.GlobalWorkerOptions.workerSrc = new URL("./pdfjs/pdf.worker.min.js", import.meta.url).href;

// what a doc id is, as the site's pages say (packages.DOC_ID): the viewer takes nothing else
const DOC_ID = new RegExp(`^(?:${document.getElementById("pdf-viewer").dataset.docId})$`);
const ZOOMS = [1, 1.5, 2, 3];
const MAX_CANVAS_PIXELS = 16 * 1024 * 1024;
const $ = (id) => document.getElementById(id);

const params = new URLSearchParams(window.location.search);
const doc = params.get("doc") || "";
const state = { page: parseInt(params.get("page") || "1", 10) || 1, box: readBox(params.get("box")), zoom: 0,
                find: (params.get("find") || "").slice(0, 40) };
// a phone shows a whole page too small to read a figure: a marked figure opens zoomed in
if (state.box && window.matchMedia("(max-width: 40em)").matches) state.zoom = 2;
let pdf = null;
let labels = {};
let drawing = 0;

function readBox(text) {
  const v = (text || "").split(",").map(Number);
  return v.length === 4 && v.every(Number.isFinite) && v[2] > v[0] && v[3] > v[1] ? v : null;
}

function say(text) {
  $("viewer-status").textContent = text;
  $("viewer-status").hidden = !text;
}

function where(n) {
  const printed = labels[String(n)];
  const total = pdf ? `，共 ${pdf.numPages} 页` : "";
  return printed ? `原文第${printed}页（PDF 第${n}页${total}）` : `PDF 第${n}页${total.replace("，", " / ")}`;
}

function native(n) {
  return new URL(`sources/${doc}.pdf#page=${n}`, window.location.href).href;
}

function remember() {
  const q = new URLSearchParams({ doc: doc, page: String(state.page) });
  if (state.box) q.set("box", state.box.join(","));
  if (state.find) q.set("find", state.find);
  window.history.replaceState(null, "", "?" + q.toString());
}

async function draw(toMark) {
  const ticket = ++drawing;
  const n = state.page;
  $("viewer-where").textContent = where(n);
  $("viewer-native").href = native(n);
  $("viewer-prev").disabled = n <= 1;
  $("viewer-next").disabled = n >= pdf.numPages;
  const page = await pdf.getPage(n);
  const holder = $("viewer-page");
  const fit = Math.max(200, holder.clientWidth) / page.getViewport({ scale: 1 }).width;
  const viewport = page.getViewport({ scale: fit * ZOOMS[state.zoom] });
  // the screen's pixels per CSS pixel, but no canvas above 16 million pixels (a phone browser
  // draws a larger one blank): zoomed in on a sharp screen, the page is drawn a little softer
  const ratio = Math.min(window.devicePixelRatio || 1,
                         Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)));

  const sheet = document.createElement("div");
  sheet.className = "viewer-sheet";
  sheet.style.setProperty("--scale-factor", String(viewport.scale));
  sheet.style.width = `${viewport.width}px`;
  sheet.style.height = `${viewport.height}px`;
  const canvas = document.createElement("canvas");
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  sheet.append(canvas);
  await page.render({ canvasContext: canvas.getContext("2d"), viewport: viewport,
                      transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0] }).promise;
  const words = document.createElement("div");
  words.className = "textLayer";
  sheet.append(words);
  await new pdfjsLib.TextLayer({ textContentSource: page.streamTextContent(), container: words,
                                 viewport: viewport }).render();
  if (ticket !== drawing) return; // a later page or zoom was asked for meanwhile
  let mark = null;
  holder.replaceChildren(sheet);
  if (state.box) {
    // the box is pdfplumber's: points from the top left corner of the page as shown, a page
    // turned by /Rotate already turned (烟台's landscape tables), as pdf.js draws it
    const [x0, top, x1, bottom] = state.box;
    const s = viewport.scale;
    let rect = { left: x0 * s, top: top * s, width: (x1 - x0) * s, height: (bottom - top) * s };
    if (state.find) rect = narrowed(words, rect, state.find) || rect;
    mark = document.createElement("div");
    mark.className = "viewer-mark";
    mark.style.left = `${rect.left - 3}px`;
    mark.style.top = `${rect.top - 3}px`;
    mark.style.width = `${rect.width + 6}px`;
    mark.style.height = `${rect.height + 6}px`;
    mark.title = "所点的数字印在这里";
    sheet.append(mark);
  }
  say("");
  document.body.dataset.viewerPage = String(n);
  if (mark && toMark) mark.scrollIntoView({ block: "center", inline: "center" });
}

// A figure of the words comes with its line's share of the width as its box, which drifts where
// the line mixes Chinese and digits: the figure's own words in the text layer, on the box's line
// and nearest to it, are marked instead (a scan has no text layer, and keeps the box).
function narrowed(layer, rect, text) {
  const origin = layer.getBoundingClientRect();
  const middle = rect.top + rect.height / 2;
  // the text layer's runs on the box's line, left to right, as one string (a figure may be split
  // over two runs where the font changes between its digits)
  const runs = [];
  for (const span of layer.querySelectorAll("span")) {
    const node = span.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE || !node.data) continue;
    const b = span.getBoundingClientRect();
    if (Math.abs(b.top - origin.top + b.height / 2 - middle) <= Math.max(rect.height, b.height) / 2 + 2) {
      runs.push({ node: node, left: b.left });
    }
  }
  runs.sort((x, y) => x.left - y.left);
  let line = "";
  const starts = runs.map((run) => { const at = line.length; line += run.node.data; return at; });
  const place = (offset, end) => {
    let i = starts.length - 1;
    while (i > 0 && (starts[i] > offset || (end && starts[i] === offset))) i--;
    return [runs[i].node, offset - starts[i]];
  };
  // as the link gives it, without and with thousands separators (the data keeps none)
  const plain = text.replace(/,/g, "");
  const grouped = plain.replace(/^(\d+)/, (digits) => digits.replace(/\B(?=(\d{3})+$)/g, ","));
  const forms = [text, plain, grouped].filter((t, i, all) => t && all.indexOf(t) === i);
  let best = null;
  for (const form of forms) {
    for (let i = line.indexOf(form); i >= 0; i = line.indexOf(form, i + 1)) {
      // a whole number, not digits of another ('0' in '2026年', '1.5' in '21.53')
      if (/[\d.,]/.test(line.charAt(i - 1)) || /[\d.,]/.test(line.charAt(i + form.length))) continue;
      const range = document.createRange();
      range.setStart(...place(i, false));
      range.setEnd(...place(i + form.length, true));
      const b = range.getBoundingClientRect();
      const found = { left: b.left - origin.left, top: b.top - origin.top, width: b.width, height: b.height };
      const off = Math.abs(found.left + found.width / 2 - (rect.left + rect.width / 2));
      if (found.width && (!best || off < best.off)) best = { off: off, rect: found };
    }
  }
  return best && best.rect;
}

function go(n) {
  if (!pdf || n < 1 || n > pdf.numPages || n === state.page) return;
  state.page = n;
  state.box = null; // the mark belongs to the page the link named
  state.find = "";
  remember();
  draw(true).catch(failed);
}

function zoom(step) {
  const z = Math.min(ZOOMS.length - 1, Math.max(0, state.zoom + step));
  if (z === state.zoom) return;
  state.zoom = z;
  draw(true).catch(failed);
}

function failed(error) {
  say(`未能显示原文：${error && error.message ? error.message : error}。可改用下面的链接，以浏览器自带阅读器打开 PDF。`);
}

async function start() {
  if (!DOC_ID.test(doc)) {
    say("链接中的文件编号无效，无法打开原文。");
    return;
  }
  $("viewer-back").href = new URL(`${doc}/index.html`, window.location.href).href;
  $("viewer-native").href = native(state.page);
  try {
    const response = await fetch(new URL(`data/${doc}/datapackage.json`, window.location.href));
    if (response.ok) {
      const pkg = await response.json();
      labels = pkg.page_labels && typeof pkg.page_labels === "object" ? pkg.page_labels : {};
      if (typeof pkg.title === "string") {
        $("viewer-back").textContent = `返回：${pkg.title}`;
        document.title = `${pkg.title} · 原文页面`;
      }
    }
  } catch (e) {
    // the page numbers printed on the sheets are a nicety: the PDF's own numbers still work
  }
  pdf = await pdfjsLib.getDocument({
    url: new URL(`sources/${doc}.pdf`, window.location.href).href,
    cMapUrl: new URL("./pdfjs/cmaps/", import.meta.url).href,
    cMapPacked: true,
    standardFontDataUrl: new URL("./pdfjs/standard_fonts/", import.meta.url).href,
    isEvalSupported: false,
  }).promise;
  state.page = Math.min(Math.max(1, state.page), pdf.numPages);
  $("viewer-prev").addEventListener("click", () => go(state.page - 1));
  $("viewer-next").addEventListener("click", () => go(state.page + 1));
  $("viewer-zoom-in").addEventListener("click", () => zoom(1));
  $("viewer-zoom-out").addEventListener("click", () => zoom(-1));
  // redrawn when the column's width changes (a phone turned), not when a phone's toolbar comes
  // and goes as the reader scrolls (that fires resize too), and without scrolling back to the mark
  let resized = null;
  let width = $("viewer-page").clientWidth;
  window.addEventListener("resize", () => {
    clearTimeout(resized);
    resized = setTimeout(() => {
      if ($("viewer-page").clientWidth === width) return;
      width = $("viewer-page").clientWidth;
      draw(false).catch(failed);
    }, 200);
  });
  await draw(true);
}

start().catch(failed);
