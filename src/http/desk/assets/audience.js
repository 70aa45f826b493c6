// The Audience page's charts, drawn by uPlot (served at /desk/assets/uplot.js) from the page's
// JSON endpoints. Without scripts the page's tables hold the same figures.

(() => {
  const charts = document.querySelectorAll(".chart[data-src]");
  if (charts.length === 0 || typeof uPlot === "undefined") return;
  const COLORS = [
    "#1d6b4f",
    "#c0392b",
    "#2c5aa0",
    "#b7791f",
    "#6b46c1",
    "#2f855a",
    "#9b2c2c",
    "#2b6cb0",
    "#975a16",
    "#553c9a",
    "#276749",
    "#c05621",
    "#4a5568",
  ];
  const dayX = (d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 1000;
  const width = (el) => Math.max(280, Math.min(960, el.clientWidth || 640));
  const loads = new Map();
  const load = (src) => {
    if (!loads.has(src)) {
      loads.set(
        src,
        fetch(src, { credentials: "same-origin", headers: { accept: "application/json" } }).then(
          (r) => {
            if (!r.ok) throw new Error(`${r.status}`);
            return r.json();
          },
        ),
      );
    }
    return loads.get(src);
  };
  const line = (label, i, scale) => ({
    label,
    stroke: COLORS[i % COLORS.length],
    width: 2,
    scale: scale ?? "y",
  });
  // Days as the page's language writes them (« 2 nov. », not uPlot's American « 11/2 »).
  const dayFormat = new Intl.DateTimeFormat(document.documentElement.lang || "fr", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const dayText = (ts) => dayFormat.format(new Date(ts * 1000));
  const base = (el, series, axes, day) => {
    const [x = {}, ...rest] = axes ?? [{}, { scale: "y" }];
    return {
      width: width(el),
      height: 260,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "UTC"),
      series: [{ label: day, value: (_u, v) => (v == null ? "–" : dayText(v)) }, ...series],
      axes: [{ values: (_u, ticks) => ticks.map(dayText), ...x }, ...rest],
    };
  };
  const draw = {
    readers(el, data) {
      const s = data.series[0];
      if (!s) return null;
      const opts = base(
        el,
        [
          line(data.labels.active, 0, "y"),
          line(data.labels.subscribed, 2, "d"),
          line(data.labels.stopped, 1, "d"),
        ],
        [{}, { scale: "y" }, { scale: "d", side: 1, grid: { show: false } }],
        data.labels.day,
      );
      return [opts, [data.days.map(dayX), s.active, s.subscribed, s.stopped]];
    },
    rubrics(el, data) {
      const rubrics = data.series.slice(1);
      if (rubrics.length === 0) return null;
      const opts = base(
        el,
        rubrics.map((r, i) => line(r.name, i + 3)),
      );
      return [opts, [data.days.map(dayX), ...rubrics.map((r) => r.active)]];
    },
    sent(el, data) {
      const kinds = Object.keys(data.kinds);
      const opts = base(el, [
        ...kinds.map((k, i) => line(data.labels[k], i + 2)),
        { ...line(data.labels.total, 0), width: 3 },
      ]);
      return [opts, [data.days.map(dayX), ...kinds.map((k) => data.kinds[k]), data.total]];
    },
    rates(el, data) {
      const list = [...data.broadcasts].reverse();
      if (list.length === 0) return null;
      const pct = (a, b) => (b > 0 ? Math.round((1000 * a) / b) / 10 : null);
      const bars = uPlot.paths?.bars ? uPlot.paths.bars({ size: [0.4, 40] }) : undefined;
      const bar = (label, i) => ({
        ...line(label, i),
        fill: `${COLORS[i]}99`,
        ...(bars ? { paths: bars } : {}),
      });
      const opts = {
        width: width(el),
        height: 260,
        scales: { x: { time: false }, y: { range: [0, 100] } },
        series: [
          { label: "n°", value: (_u, v) => (v == null ? "" : `n° ${list[v]?.id ?? ""}`) },
          bar(data.labels.delivered, 0),
          bar(data.labels.read, 2),
        ],
        axes: [
          {
            values: (_u, ticks) =>
              ticks.map((t) => (Number.isInteger(t) && list[t] ? `n° ${list[t].id}` : "")),
          },
          { values: (_u, ticks) => ticks.map((t) => `${t} %`) },
        ],
      };
      return [
        opts,
        [
          list.map((_b, i) => i),
          list.map((b) => pct(b.delivered, b.sent)),
          list.map((b) => pct(b.read, b.sent)),
        ],
      ];
    },
  };
  for (const el of charts) {
    const make = draw[el.dataset.kind];
    if (!make) continue;
    load(el.dataset.src)
      .then((data) => {
        const spec = make(el, data);
        if (!spec) return;
        el.removeAttribute("aria-hidden");
        new uPlot(spec[0], spec[1], el);
        el.dataset.drawn = "1";
      })
      .catch(() => {
        el.dataset.drawn = "0";
      });
  }
  document.documentElement.classList.add("js");
})();
