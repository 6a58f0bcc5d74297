// Renders LaTeX math ($…$, $$…$$, \(…\), \[…\]) inside elements marked data-math, with the KaTeX files the app
// serves itself. Only pages whose text has math load KaTeX and this script (deferred, after KaTeX). KaTeX renders
// into text nodes, so a scraped abstract cannot inject markup through it (its trust option stays off).
for (const target of document.querySelectorAll("[data-math]")) {
  window.renderMathInElement(target, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
    ],
    throwOnError: false,
  });
}
