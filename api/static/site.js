// Small behaviours of the pages (no inline handlers, so a strict CSP can forbid inline script).
(function () {
  "use strict";
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
  const inferred = document.getElementById("show-inferred");
  if (inferred) {
    inferred.addEventListener("change", () => {
      document.body.classList.toggle("hide-inferred", !inferred.checked);
    });
  }
  const verbatim = document.getElementById("show-verbatim");
  if (verbatim) {
    verbatim.addEventListener("click", () => {
      const shown = verbatim.getAttribute("aria-expanded") === "true";
      verbatim.setAttribute("aria-expanded", String(!shown));
      document.getElementById("verbatim").hidden = shown;
    });
  }
  // A corpus file opened at a range of lines (#L203-L204, as dcterms:source cites them).
  const range = /^#L(\d+)-L(\d+)$/.exec(location.hash);
  if (range && document.querySelector(".corpus-lines")) {
    for (let n = Number(range[1]); n <= Number(range[2]); n++) {
      const line = document.getElementById("L" + n);
      if (line) line.classList.add("in-range");
    }
    const first = document.getElementById("L" + range[1]);
    if (first) first.scrollIntoView();
  }
})();
