/* The job page: while the batch is analysed, poll its JSON and show the progress; when it
   has finished, reload so the server renders the results. Only text content and numbers
   are set here. */
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var state = box.getAttribute("data-state");
  if (state !== "queued" && state !== "running") { return; }
  var id = box.getAttribute("data-job");

  function show(job) {
    var st = document.getElementById("job-state");
    st.textContent = job.state_zh;
    st.className = "state state-" + job.state;
    document.getElementById("job-stage").textContent = job.stage_zh || "";
    document.getElementById("job-count").textContent = job.total ? (job.done + "/" + job.total) : "";
    var bar = document.getElementById("job-progress");
    if (bar && job.total) { bar.max = job.total; bar.value = job.done; }
  }

  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(id), {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (job) {
        show(job);
        if (job.state === "done" || job.state === "failed") { window.location.reload(); }
        else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
