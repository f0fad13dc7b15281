// Survey results: a bar chart per closed question and the start-versus-end chart, drawn from the
// json_script tags «survey-charts» and «survey-growth» (CSP: no inline JS).
(() => {
  if (typeof Chart === "undefined") return;
  const read = (id) => {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  };
  const integerAxis = { beginAtZero: true, ticks: { precision: 0 } };
  for (const chart of read("survey-charts") || []) {
    const canvas = document.getElementById(chart.id);
    if (!canvas) continue;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: [{ label: "Ответов", data: chart.counts, backgroundColor: "#0d6efd" }],
      },
      options: {
        indexAxis: chart.horizontal ? "y" : "x",
        plugins: { legend: { display: false } },
        scales: chart.horizontal ? { x: integerAxis } : { y: integerAxis },
      },
    });
  }
  const growth = read("survey-growth");
  const canvas = document.getElementById("chart-growth");
  if (growth && canvas) {
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: growth.labels,
        datasets: [
          { label: "В начале", data: growth.start, backgroundColor: "#adb5bd" },
          { label: "При завершении", data: growth.end, backgroundColor: "#198754" },
        ],
      },
      options: { scales: { y: { beginAtZero: true } } },
    });
  }
})();
