// The body-map picker (clinical/images/body-map.html): a click on a region chooses its site in the form's select
// (the field that is sent), and choosing in the select marks the region. Without this script each region is a
// link that reloads the page with the site chosen.
(function () {
  "use strict";
  var select = document.getElementById("bodySite");
  var regions = document.querySelectorAll(".body-region[data-site]");
  if (!select || regions.length === 0) {
    return;
  }

  function mark(site) {
    regions.forEach(function (region) {
      var chosen = region.getAttribute("data-site") === site;
      region.classList.toggle("is-selected", chosen);
      if (chosen) {
        region.setAttribute("aria-current", "true");
      } else {
        region.removeAttribute("aria-current");
      }
    });
  }

  regions.forEach(function (region) {
    region.addEventListener("click", function (event) {
      event.preventDefault();
      select.value = region.getAttribute("data-site");
      mark(select.value);
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
  select.addEventListener("change", function () {
    mark(select.value);
  });
  mark(select.value);

  // A file over the limit is refused here before it is sent (the server refuses it too).
  var form = document.getElementById("upload-form");
  var file = document.getElementById("file");
  if (form && file) {
    form.addEventListener("submit", function (event) {
      var max = Number(form.getAttribute("data-max-bytes"));
      if (file.files && file.files[0] && max > 0 && file.files[0].size > max) {
        event.preventDefault();
        file.setCustomValidity(document.getElementById("file-hint").textContent);
        file.reportValidity();
      } else {
        file.setCustomValidity("");
      }
    });
    file.addEventListener("change", function () {
      file.setCustomValidity("");
    });
  }
})();
