// Statistics and monitoring pages: Chart.js charts drawn from the json_script tag «statistics-data»
// or «monitoring-data» (CSP: no inline JS). A chart whose canvas is not on the page is skipped.
(() => {
  const source = document.getElementById("statistics-data") || document.getElementById("monitoring-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const draw = (id, config) => {
    const canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  };
  Chart.defaults.aspectRatio = 1.6;
  const integerAxis = { beginAtZero: true, ticks: { precision: 0 } };
  draw("chart-forms", {
    type: "bar",
    data: {
      labels: data.forms.labels,
      datasets: [
        { label: "Наставники", data: data.forms.mentors, backgroundColor: "#0d6efd" },
        { label: "Наставляемые", data: data.forms.mentees, backgroundColor: "#20c997" },
      ],
    },
    options: { scales: { y: integerAxis } },
  });
  draw("chart-pairs", {
    type: "doughnut",
    data: {
      labels: data.pairs.labels,
      datasets: [{ data: data.pairs.values, backgroundColor: ["#adb5bd", "#0d6efd", "#198754", "#dc3545"] }],
    },
    // A doughnut is square by default: keep the height of the bar chart beside it.
    options: { aspectRatio: 1.6 },
  });
  draw("chart-satisfaction", {
    type: "bar",
    data: {
      labels: data.satisfaction.labels,
      datasets: [{ label: "Средняя оценка", data: data.satisfaction.values, backgroundColor: "#6f42c1" }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, max: 10 } } },
  });
  if (data.shares) {
    draw("chart-shares", {
      type: "bar",
      data: {
        labels: data.shares.labels,
        datasets: [{ label: "%", data: data.shares.values, backgroundColor: "#198754" }],
      },
      options: {
        indexAxis: "y",
        aspectRatio: 1.2,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, max: 100 }, y: { ticks: { font: { size: 10 } } } },
      },
    });
  }
})();
