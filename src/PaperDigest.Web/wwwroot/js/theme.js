// Light, dark or the system's choice. Loaded in <head> so a chosen theme applies before the first paint; without
// JavaScript the stylesheet follows prefers-color-scheme and the toggle stays hidden.
(() => {
  const key = "paperdigest-theme";
  const themes = ["system", "light", "dark"];
  const stored = () => themes.includes(localStorage.getItem(key)) ? localStorage.getItem(key) : "system";

  const apply = () => {
    const theme = stored();
    if (theme === "system") document.documentElement.removeAttribute("data-theme");
    else document.documentElement.setAttribute("data-theme", theme);
    const button = document.getElementById("theme-toggle");
    if (button) {
      button.hidden = false;
      button.textContent = `Theme: ${theme}`;
      button.setAttribute("aria-label", `Colour theme: ${theme}. Change it.`);
    }
  };

  apply();
  document.addEventListener("DOMContentLoaded", apply);
  document.addEventListener("click", event => {
    if (event.target instanceof Element && event.target.id === "theme-toggle") {
      localStorage.setItem(key, themes[(themes.indexOf(stored()) + 1) % themes.length]);
      apply();
    }
  });
})();
