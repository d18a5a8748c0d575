// The SPARQL editor: run the textarea's query against /sparql and show a table.
// Plain script, no libraries: the UI must work offline and without a build step.
(function () {
  "use strict";
  const query = document.getElementById("query");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const examples = JSON.parse(document.getElementById("example-data").textContent);

  document.getElementById("examples").addEventListener("change", function (event) {
    const index = event.target.value;
    if (index !== "") {
      query.value = examples[Number(index)].text;
    }
  });

  function cellFor(term) {
    const td = document.createElement("td");
    if (!term) {
      return td;
    }
    if (term.type === "uri") {
      const a = document.createElement("a");
      const base = "https://w3id.org/dortmund-kg/";
      a.href = term.value.startsWith(base) ? "/" + term.value.slice(base.length) : term.value;
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
    }
    return td;
  }

  function render(data) {
    results.replaceChildren();
    if (typeof data.boolean === "boolean") {
      results.textContent = data.boolean ? "true" : "false";
      return;
    }
    const table = document.createElement("table");
    table.id = "result-table";
    const head = table.createTHead().insertRow();
    for (const name of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of data.results.bindings) {
      const row = body.insertRow();
      for (const name of data.head.vars) {
        row.appendChild(cellFor(binding[name]));
      }
    }
    results.appendChild(table);
    status.textContent = data.results.bindings.length + " Zeilen";
  }

  async function run() {
    status.className = "";
    status.textContent = "läuft …";
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: query.value,
    });
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      status.className = "error";
      status.textContent = await response.text();
      return;
    }
    if (type.startsWith("application/sparql-results+json")) {
      render(await response.json());
    } else {
      results.replaceChildren();
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      results.appendChild(pre);
      status.textContent = "";
    }
  }

  document.getElementById("run").addEventListener("click", run);
  for (const link of document.querySelectorAll("#downloads a")) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      const params = new URLSearchParams({ query: query.value, format: link.dataset.format });
      window.location.href = "/sparql?" + params.toString();
    });
  }
})();
