// Search as you type on /search: after a pause in typing, the results region is replaced with the server's
// answer for the form's current values, and the address follows so the page can be shared or reloaded.
// Without JavaScript the form submits as usual.
(() => {
  const pauseMs = 250;
  let timer = 0;
  let inFlight = null;

  const update = async form => {
    const url = new URL(form.action, location.href);
    for (const [name, value] of new FormData(form)) if (value !== "") url.searchParams.append(name, value);
    inFlight?.abort();
    inFlight = new AbortController();
    try {
      const response = await fetch(url, { signal: inFlight.signal, headers: { accept: "text/html" } });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("search-results");
      const current = document.getElementById("search-results");
      if (fresh && current) {
        current.replaceWith(fresh);
        history.replaceState(history.state, "", url);
        document.title = page.title;
      }
    } catch (error) {
      if (error.name !== "AbortError") console.warn("Search as you type failed; the Search button still works.", error);
    }
  };

  document.addEventListener("input", event => {
    const form = event.target instanceof Element ? event.target.closest("form[data-search-as-you-type]") : null;
    if (!form) return;
    clearTimeout(timer);
    timer = setTimeout(() => update(form), pauseMs);
  });
})();
