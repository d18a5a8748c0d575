// The SPARQL editor: CodeMirror 6 with the SPARQL mode, bundled by esbuild (`make assets`)
// into api/static/vendor/editor.bundle.js and served by the app; nothing comes from a CDN.
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { renderTable } from "./table.js";

const data = JSON.parse(document.getElementById("editor-data").textContent);
const prefixes = data.prefixes; // {"dokg": "https://w3id.org/dortmund-kg/def/", ...}
const examples = data.examples; // [{name, summary, text, body, params: [...]}]
const status = document.getElementById("status");
const results = document.getElementById("results");
const select = document.getElementById("examples");
const form = document.getElementById("params");
const permalink = document.getElementById("permalink");
let example = null; // the chosen named query while its text is unchanged

const view = new EditorView({
  doc: document.getElementById("query").value,
  extensions: [
    basicSetup,
    StreamLanguage.define(sparql),
    lintGutter(),
    Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { run(); return true; } }])),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && example && update.transactions.some((t) => t.isUserEvent("input") || t.isUserEvent("delete"))) {
        example = null;
        form.replaceChildren();
      }
    }),
    EditorView.contentAttributes.of({ "aria-label": "SPARQL-Abfrage" }),
  ],
});
document.getElementById("query").replaceWith(view.dom);
view.dom.id = "query-editor";
window.sparqlEditor = view; // for the browser tests and the console

function text() { return view.state.doc.toString(); }
function setText(value) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
}

/** The query with a PREFIX line for every known prefix it uses but does not declare. */
export function withPrefixes(query) {
  const missing = Object.entries(prefixes).filter(([p]) =>
    new RegExp(`(^|[\\s(/^|])${p}:`).test(query.replace(/<[^>]*>|"[^"]*"/g, "")) &&
    !new RegExp(`PREFIX\\s+${p}:`, "i").test(query));
  return missing.map(([p, ns]) => `PREFIX ${p}: <${ns}>\n`).join("") + query;
}

function showError(message, added) {
  status.className = "error";
  status.textContent = message;
  const at = /(?:at|line) (\d+):(\d+)/.exec(message);
  if (!at) { view.dispatch(setDiagnostics(view.state, [])); return; }
  const lineNo = Number(at[1]) - added;
  if (lineNo < 1 || lineNo > view.state.doc.lines) return;
  const line = view.state.doc.line(lineNo);
  const from = Math.min(line.from + Number(at[2]), line.to);
  view.dispatch(setDiagnostics(view.state, [
    { from, to: Math.min(from + 1, view.state.doc.length), severity: "error", message },
  ]));
  status.textContent = `Zeile ${lineNo}, Spalte ${at[2]}: ${message}`;
}

function paramsForm(chosen, values) {
  form.replaceChildren();
  for (const p of chosen.params) {
    const label = document.createElement("label");
    label.textContent = p.name + (p.required ? " *" : "") + " ";
    const input = p.values.length ? document.createElement("select") : document.createElement("input");
    if (p.values.length) {
      input.append(new Option("–", ""), ...p.values.map((v) => new Option(v, v)));
    }
    input.name = p.name;
    input.id = "param-" + p.name;
    input.value = values.get(p.name) ?? p.example ?? p.default ?? "";
    if (p.description) input.title = p.description;
    label.appendChild(input);
    form.appendChild(label);
  }
}

function choose(name, values) {
  const chosen = examples.find((e) => e.name === name);
  if (!chosen) return;
  select.value = name;
  setText(chosen.body);
  example = chosen;
  paramsForm(chosen, values);
}

function updatePermalink() {
  const url = new URL(location.pathname, location.origin);
  if (example) {
    url.searchParams.set("example", example.name);
    for (const input of form.querySelectorAll("[name]")) {
      if (input.value) url.searchParams.set(input.name, input.value);
    }
  } else {
    url.searchParams.set("query", text());
  }
  history.replaceState(null, "", url);
  permalink.href = url.pathname + url.search;
  permalink.hidden = false;
}

async function run() {
  status.className = "";
  status.textContent = "läuft …";
  view.dispatch(setDiagnostics(view.state, []));
  updatePermalink();
  let response;
  let added = 0;
  const started = performance.now();
  if (example) {
    const url = new URL("/queries/" + example.name, location.origin);
    for (const input of form.querySelectorAll("[name]")) {
      if (input.value) url.searchParams.set(input.name, input.value);
    }
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } else {
    const query = withPrefixes(text());
    added = query.split("\n").length - text().split("\n").length;
    response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/sparql-query",
        Accept: "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: query,
    });
  }
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok) {
    const body = await response.text();
    let message = body;
    try { message = JSON.parse(body).error || body; } catch (e) { /* plain text */ }
    showError(message.trim(), added);
    return;
  }
  const ms = Math.round(performance.now() - started);
  if (type.startsWith("application/sparql-results+json")) {
    const json = await response.json();
    if (typeof json.boolean === "boolean") {
      results.textContent = json.boolean ? "ja (true)" : "nein (false)";
      status.textContent = `${ms} ms`;
      return;
    }
    const rows = json.results.bindings.map((b) => json.head.vars.map((v) => b[v] || null));
    renderTable(results, json.head.vars, rows, prefixes);
    status.textContent = `${rows.length} Zeilen · ${ms} ms`;
  } else if (type.startsWith("application/json")) {
    const json = await response.json();
    const rows = json.rows.map((r) => json.columns.map((c) => {
      const v = r[c];
      if (v === undefined || v === null) return null;
      return { type: /^https?:\/\//.test(String(v)) ? "uri" : "literal", value: String(v) };
    }));
    renderTable(results, json.columns, rows, prefixes);
    status.textContent = `${rows.length} Zeilen · ${ms} ms`;
  } else {
    const pre = document.createElement("pre");
    pre.textContent = await response.text();
    results.replaceChildren(pre);
    status.textContent = `${ms} ms`;
  }
}

select.addEventListener("change", () => {
  if (select.value) choose(select.value, new Map()); else { example = null; form.replaceChildren(); }
});
document.getElementById("run").addEventListener("click", run);
for (const link of document.querySelectorAll("#downloads a")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const url = new URL("/sparql", location.origin);
    url.searchParams.set("query", withPrefixes(text()));
    url.searchParams.set("format", link.dataset.format);
    location.href = url.toString();
  });
}

const params = new URLSearchParams(location.search);
if (params.get("example")) {
  choose(params.get("example"), params);
  run();
} else if (params.get("query")) {
  setText(params.get("query"));
  run();
}
