// Werkplaats: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Move focus to an error summary so screen reader and keyboard users land on it.
  function focusFoutsamenvatting(root) {
    var summary = (root || document).querySelector(".foutsamenvatting[data-focus]");
    if (summary) {
      summary.focus();
      return true;
    }
    return false;
  }

  // Announce the result of an HTMX swap in the page's role="status" region.
  function announce(text) {
    var region = document.getElementById("htmx-status");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusFoutsamenvatting(document);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!focusFoutsamenvatting(target)) {
      var focusTarget = target.querySelector("[data-focus-na-swap]");
      if (focusTarget) focusTarget.focus();
    }
    // An outerHTML swap fires this on the new element (detail.target is the old one, gone
    // from the page), and the new element may carry the text itself: a swapped table row.
    var nieuw = event.target;
    var melding = nieuw !== target && nieuw.matches && nieuw.matches("[data-aankondiging]")
      ? nieuw
      : target.querySelector("[data-aankondiging]");
    if (melding) announce(melding.getAttribute("data-aankondiging"));
  });

  // A request that fails (a 4xx/5xx htmx does not swap, or no connection) says so, in Dutch,
  // in the page's [data-htmx-fout] alert region (or the status region).
  function meldFout() {
    var tekst = "Dat lukte niet. Controleer je verbinding en probeer het opnieuw.";
    var regio = document.querySelector("[data-htmx-fout]");
    if (regio) {
      regio.textContent = regio.getAttribute("data-htmx-fout") || tekst;
    } else {
      announce(tekst);
    }
  }
  document.addEventListener("htmx:responseError", meldFout);
  document.addEventListener("htmx:sendError", meldFout);

  // On a phone, fold <details data-klap-smal> (rendered open) above the content, unless the
  // visitor opened it. Without JS it stays open and CSS puts it after the results.
  var smal = window.matchMedia("(max-width: 48rem)");
  var opengeklapt = false;
  function klapIn(root) {
    (root || document).querySelectorAll("details[data-klap-smal]").forEach(function (el) {
      if (smal.matches && !opengeklapt) el.open = false;
      el.classList.toggle("is-ingeklapt", smal.matches);
      el.addEventListener("toggle", function () { opengeklapt = el.open; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { klapIn(document); });
  document.addEventListener("htmx:afterSwap", function (event) { klapIn(event.detail.target); });

  // Confirm destructive actions without inline scripts: <button data-bevestig="...">.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-bevestig]");
    if (el && !window.confirm(el.getAttribute("data-bevestig"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Print buttons: <button data-print>.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
