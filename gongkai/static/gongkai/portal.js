/* Portal enhancements; every page works without this file. */
(function () {
  "use strict";
  var form = document.getElementById("apply-form");
  if (form) {
    var sync = function () {
      var org = form.querySelector("input[name=applicant_type][value=organisation]");
      var isOrg = !!(org && org.checked);
      Array.prototype.forEach.call(form.querySelectorAll("[data-org-only]"), function (el) { el.hidden = !isOrg; });
      var label = form.querySelector("label[for=id_name] .label-text");
      if (label) { label.textContent = isOrg ? "名称" : "姓名"; }
    };
    form.addEventListener("change", function (e) { if (e.target.name === "applicant_type") { sync(); } });
    sync();
  }
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
