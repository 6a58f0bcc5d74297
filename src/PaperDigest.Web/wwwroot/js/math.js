// Renders LaTeX math ($…$, $$…$$, \(…\), \[…\]) inside elements marked data-math, with the KaTeX files the app
// serves itself. KaTeX is fetched only by pages that have such elements, and it renders into text nodes, so a
// scraped abstract cannot inject markup through it (KaTeX's trust option stays off).
(() => {
  const script = document.currentScript;
  let loading = null;

  const load = () => loading ??= new Promise((resolve, reject) => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = script.dataset.katexCss;
    document.head.append(css);
    const add = (src, next) => {
      const element = document.createElement("script");
      element.src = src;
      element.onload = next;
      element.onerror = reject;
      document.head.append(element);
    };
    add(script.dataset.katexJs, () => add(script.dataset.katexAutoRender, resolve));
  });

  const render = async () => {
    const targets = document.querySelectorAll("[data-math]:not([data-math-rendered])");
    if (targets.length === 0) return;
    await load();
    for (const target of targets) {
      window.renderMathInElement(target, {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "\\[", right: "\\]", display: true },
          { left: "$", right: "$", display: false },
          { left: "\\(", right: "\\)", display: false },
        ],
        throwOnError: false,
      });
      target.setAttribute("data-math-rendered", "");
    }
  };

  document.addEventListener("DOMContentLoaded", () => {
    render();
    window.Blazor?.addEventListener?.("enhancedload", render);
  });
})();
