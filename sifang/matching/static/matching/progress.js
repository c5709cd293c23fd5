// Polls the run's JSON status and updates the progress bar until it is done.
(function () {
  var box = document.getElementById("run");
  if (!box) return;
  function tick() {
    fetch(box.dataset.url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (s) {
      document.getElementById("run-done").textContent = s.done;
      document.getElementById("run-total").textContent = s.total;
      document.getElementById("run-state").textContent = s.state;
      document.getElementById("run-bar").style.width = s.percent + "%";
      if (s.state === "queued" || s.state === "running") setTimeout(tick, 1000);
    });
  }
  tick();
})();
