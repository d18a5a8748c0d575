// The result table of the SPARQL editor: sortable by any column, paged, IRIs shown prefixed
// and linked to this server's pages where they are its own.
const PAGE = 50;
const BASE = "https://w3id.org/dortmund-kg/";

function shorten(value, prefixes) {
  let best = null;
  for (const [p, ns] of Object.entries(prefixes)) {
    if (value.startsWith(ns) && (!best || ns.length > best[1].length)) best = [p, ns];
  }
  return best ? `${best[0]}:${value.slice(best[1].length)}` : value;
}

function cell(term, prefixes) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const a = document.createElement("a");
    a.href = term.value.startsWith(BASE) ? "/" + term.value.slice(BASE.length) : term.value;
    a.textContent = shorten(term.value, prefixes);
    a.title = term.value;
    td.appendChild(a);
  } else {
    td.textContent = term.value;
    if (term["xml:lang"]) {
      const small = document.createElement("small");
      small.textContent = " @" + term["xml:lang"];
      td.appendChild(small);
    }
    if (/^-?\d+(\.\d+)?$/.test(term.value)) td.className = "num";
  }
  return td;
}

function compare(a, b) {
  if (!a) return b ? 1 : 0;
  if (!b) return -1;
  const x = Number(a.value);
  const y = Number(b.value);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return a.value.localeCompare(b.value, "de");
}

/** Render ``rows`` (arrays of SPARQL JSON terms) under ``columns`` into ``container``. */
export function renderTable(container, columns, rows, prefixes) {
  let page = 0;
  let order = null; // [column index, direction]
  const table = document.createElement("table");
  table.id = "result-table";
  const head = table.createTHead().insertRow();
  const body = table.createTBody();
  const pager = document.createElement("nav");
  pager.className = "pager";
  pager.setAttribute("aria-label", "Ergebnisseiten");

  function draw() {
    body.replaceChildren();
    const sorted = order ? [...rows].sort((a, b) => order[1] * compare(a[order[0]], b[order[0]])) : rows;
    for (const row of sorted.slice(page * PAGE, (page + 1) * PAGE)) {
      const tr = body.insertRow();
      row.forEach((term) => tr.appendChild(cell(term, prefixes)));
    }
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    pager.replaceChildren();
    if (pages > 1) {
      const prev = document.createElement("button");
      prev.type = "button"; prev.textContent = "‹ zurück"; prev.disabled = page === 0;
      prev.onclick = () => { page -= 1; draw(); };
      const next = document.createElement("button");
      next.type = "button"; next.textContent = "weiter ›"; next.disabled = page >= pages - 1;
      next.onclick = () => { page += 1; draw(); };
      const info = document.createElement("span");
      info.id = "page-info";
      info.textContent = ` Seite ${page + 1} von ${pages} `;
      pager.append(prev, info, next);
    }
    head.querySelectorAll("th").forEach((th, i) => {
      th.setAttribute("aria-sort", order && order[0] === i ? (order[1] > 0 ? "ascending" : "descending") : "none");
    });
  }

  columns.forEach((name, i) => {
    const th = document.createElement("th");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = name;
    button.title = "sortieren";
    button.onclick = () => {
      order = order && order[0] === i ? [i, -order[1]] : [i, 1];
      page = 0;
      draw();
    };
    th.appendChild(button);
    head.appendChild(th);
  });
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  wrap.appendChild(table);
  container.replaceChildren(wrap, pager);
  draw();
}
