// The postsoviet dashboard: a client of the HTTP API (/api/v1). The view (scenario, date, seed,
// levers, assumptions; and which figures) lives in the URL query, so a link reproduces it; every figure shows the
// baseline beside the scenario and offers chart, map or table, its sources and a CSV download.
"use strict";

const API = "/api/v1";
const FIXED = ["scenario", "date", "seed"];
const ASSUMPTION = "a.";
const COLOURS = { baseline: "#9aa5b1", scenario: "#d9480f" };
const SIDES = { Russia: "#c92a2a", West: "#1c7ed6", other: "#adb5bd" };
const state = { levers: [], assumptions: [], models: [], shapes: [], figures: {}, took: {}, generation: 0 };

function token() {
  const match = location.hash.match(/token=([^&]+)/);
  if (match) sessionStorage.setItem("postsoviet-token", decodeURIComponent(match[1]));
  return sessionStorage.getItem("postsoviet-token");
}

async function call(path, body) {
  const headers = { "Content-Type": "application/json" };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(API + path, body === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(body) });
  const data = await response.json();
  if (!response.ok) throw new Error(typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail));
  return data;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

// The view: read from the URL, written back to it on every change.
function readView() {
  const query = new URLSearchParams(location.search);
  const view = { scenario: query.get("scenario") || "baseline", date: query.get("date") || "2030-12-31", seed: Number(query.get("seed") || 0), levers: {}, assumptions: {} };
  for (const lever of state.levers) {
    if (query.has(lever.name)) view.levers[lever.name] = lever.kind === "choice" ? query.get(lever.name) : Number(query.get(lever.name));
  }
  for (const [key, value] of query) {
    if (key.startsWith(ASSUMPTION)) view.assumptions[key.slice(ASSUMPTION.length)] = Number(value);
  }
  return view;
}

function writeView(view) {
  const query = new URLSearchParams({ scenario: view.scenario, date: view.date, seed: String(view.seed) });
  const figures = new URLSearchParams(location.search).get("figures");
  if (figures) query.set("figures", figures);
  for (const [key, value] of Object.entries(view.levers)) query.set(key, String(value));
  for (const [key, value] of Object.entries(view.assumptions)) query.set(ASSUMPTION + key, String(value));
  history.replaceState(null, "", `${location.pathname}?${query}${location.hash}`);
}

function currentView() {
  const view = { scenario: byId("scenario").value, date: byId("date").value, seed: Number(byId("seed").value || 0), levers: {}, assumptions: {} };
  for (const lever of state.levers) {
    const input = byId(`lever-${lever.name}`);
    const value = lever.kind === "choice" ? input.value : Number(input.value);
    if (value !== lever.default) view.levers[lever.name] = value;
  }
  for (const item of state.assumptions) {
    const value = Number(byId(`assumption-${item.name}`).value);
    if (value !== item.nominal) view.assumptions[item.name] = value;
  }
  return view;
}

const byId = (id) => document.getElementById(id);

function slider(id, label, low, high, step, value, unit) {
  const output = el("output", { for: id }, `${value} ${unit}`);
  const input = el("input", { id, type: "range", min: low, max: high, step, value, oninput: () => { output.textContent = `${input.value} ${unit}`; }, onchange: changed });
  return el("div", { class: "control" }, el("label", { for: id }, label, output), input);
}

function leverControl(lever, value) {
  const id = `lever-${lever.name}`;
  if (lever.kind === "choice") {
    const select = el("select", { id, onchange: changed }, ...lever.choices.map((c) => el("option", { value: c }, c)));
    select.value = value;
    return el("div", { class: "control" }, el("label", { for: id }, lever.label), select);
  }
  if (lever.kind === "year") {
    const select = el("select", { id, onchange: changed }, el("option", { value: "0" }, "never"));
    for (let year = lever.low; year <= lever.high; year += 1) select.append(el("option", { value: String(year) }, String(year)));
    select.value = String(value);
    return el("div", { class: "control" }, el("label", { for: id }, lever.label), select);
  }
  return slider(id, lever.label, lever.low, lever.high, lever.step, value, lever.unit);
}

function buildControls(view) {
  byId("scenario").value = view.scenario;
  byId("date").value = view.date;
  byId("seed").value = view.seed;
  byId("levers").replaceChildren(...state.levers.map((lever) => leverControl(lever, view.levers[lever.name] ?? lever.default)));
  const groups = {};
  for (const item of state.assumptions) {
    const [low, , high] = item.distribution.params;
    const value = view.assumptions[item.name] ?? item.nominal;
    (groups[item.model] ||= []).push(slider(`assumption-${item.name}`, item.name.split(".").slice(2).join("."), low, high, "any", value, ""));
  }
  byId("assumptions").replaceChildren(...Object.entries(groups).map(([model, controls]) => el("details", { class: "model" }, el("summary", {}, model), ...controls)));
}

// Figures: one card per model; its quantity, mode (chart, map, table) and data.
// A record's label: its key values, without the view's own day unless nothing else is left.
function label(keys) {
  const parts = keys.split(";");
  const own = `on=${byId("date").value}`;
  const kept = parts.length > 1 ? parts.filter((part) => part !== own) : parts;
  return kept.map((part) => part.split("=")[1]).join(" ");
}
const actorOf = (keys) => (keys.match(/(?:actor|state)=([A-Z]{3})/) || [])[1];

function card(model) {
  const figure = { model, quantity: model.quantities[0].name, mode: null, rows: [] };
  state.figures[model.name] = figure;
  const quantity = el("select", { "aria-label": "quantity", onchange: () => { figure.quantity = quantity.value; figure.mode = null; draw(figure); } }, ...model.quantities.map((q) => el("option", { value: q.name }, `${q.name.split(".")[1]} (${q.unit})`)));
  const modes = ["chart", "map", "table"].map((mode) => el("button", { type: "button", "data-mode": mode, onclick: () => { figure.mode = mode; draw(figure); } }, mode));
  const csv = el("button", { type: "button", onclick: () => download(figure) }, "CSV");
  figure.node = el("div", { class: "card", id: `fig-${model.name}` },
    el("h3", {}, model.name), el("p", { class: "summary" }, model.summary),
    el("div", { class: "toolbar" }, quantity, ...modes, csv),
    el("div", { class: "body" }),
    el("details", { class: "sources" }, el("summary", {}, "Sources"), el("div", { class: "source-list" })));
  figure.modes = modes;
  return figure.node;
}

function rowsOf(figure) {
  return figure.rows.filter((row) => row.quantity === figure.quantity);
}

function mappable(figure) {
  return rowsOf(figure).some((row) => actorOf(row.keys));
}

function draw(figure) {
  const rows = rowsOf(figure);
  const mode = figure.mode || (mappable(figure) ? "map" : "chart");
  for (const button of figure.modes) {
    button.setAttribute("aria-pressed", String(button.dataset.mode === mode));
    button.disabled = button.dataset.mode === "map" && !mappable(figure);
  }
  const body = figure.node.querySelector(".body");
  figure.node.dataset.mode = mode;
  figure.node.dataset.values = JSON.stringify(rows.map((row) => row.scenario));
  if (mode === "table") {
    body.replaceChildren(table(rows));
    return;
  }
  const plot = el("div", { class: "plot" });
  body.replaceChildren(plot);
  const layout = { margin: { l: 48, r: 8, t: 24, b: 60 }, legend: { orientation: "h", y: 1.12 }, font: { size: 11 } };
  if (mode === "map") Plotly.newPlot(plot, mapTraces(rows), mapLayout(layout, rows), { displaylogo: false, responsive: true });
  else Plotly.newPlot(plot, barTraces(rows), { ...layout, barmode: "group", xaxis: { type: "category", automargin: true }, yaxis: { title: rows[0]?.unit || "" } }, { displaylogo: false, responsive: true });
}

function barTraces(rows) {
  return ["baseline", "scenario"].map((side) => ({ type: "bar", name: side, x: rows.map((r) => label(r.keys)), y: rows.map((r) => (typeof r[side] === "number" ? r[side] : null)), text: rows.map((r) => (typeof r[side] === "string" ? r[side] : "")), marker: { color: COLOURS[side] } }));
}

function colour(value, low, high) {
  if (typeof value === "string") return SIDES[value] || "#868e96";
  if (value === null || value === undefined) return "#f1f3f5";
  const t = high > low ? (value - low) / (high - low) : 0.5;
  const mix = (a, b) => Math.round(a + (b - a) * t);
  return `rgb(${mix(255, 201)},${mix(236, 42)},${mix(214, 42)})`;
}

function mapTraces(rows) {
  const numbers = rows.flatMap((r) => [r.baseline, r.scenario]).filter((v) => typeof v === "number");
  const low = Math.min(...numbers), high = Math.max(...numbers);
  const traces = [];
  ["baseline", "scenario"].forEach((side, index) => {
    const values = Object.fromEntries(rows.map((r) => [actorOf(r.keys), r[side]]));
    for (const shape of state.shapes) {
      if (shape.kind !== "country") continue;
      const value = values[shape.id];
      traces.push({ type: "scatter", mode: "lines", x: shape.x, y: shape.y, fill: "toself", fillcolor: colour(value, low, high), line: { color: "#fff", width: 0.5 }, hoverinfo: "text", text: `${shape.name}: ${value ?? "n/a"}`, showlegend: false, xaxis: index ? "x2" : "x", yaxis: index ? "y2" : "y" });
    }
  });
  return traces;
}

function mapLayout(layout, rows) {
  const axis = { visible: false, scaleanchor: undefined };
  const numbers = rows.flatMap((r) => [r.baseline, r.scenario]).filter((v) => typeof v === "number");
  const key = numbers.length ? `light: ${Math.min(...numbers).toPrecision(3)}, dark: ${Math.max(...numbers).toPrecision(3)} ${rows[0].unit}; grey: no value` : "red: with Russia, blue: with the West, grey: other";
  return { ...layout, margin: { l: 4, r: 4, t: 24, b: 4 }, xaxis: { ...axis, domain: [0, 0.49] }, yaxis: { ...axis, scaleanchor: "x" }, xaxis2: { ...axis, domain: [0.51, 1] }, yaxis2: { ...axis, scaleanchor: "x2" },
    annotations: [{ text: "baseline", x: 0.2, xref: "paper", y: 1.06, yref: "paper", showarrow: false }, { text: "scenario", x: 0.75, xref: "paper", y: 1.06, yref: "paper", showarrow: false }, { text: key, x: 0.5, xref: "paper", y: -0.02, yref: "paper", showarrow: false, font: { size: 10 } }] };
}

function table(rows) {
  const cell = (value) => el("td", { class: typeof value === "number" ? "num" : "" }, typeof value === "number" ? value.toPrecision(4) : String(value ?? ""));
  return el("div", { class: "table" }, el("table", {}, el("tr", {}, ...["keys", "unit", "baseline", "scenario"].map((h) => el("th", {}, h))),
    ...rows.map((r) => el("tr", { class: r.baseline !== r.scenario ? "changed" : "" }, cell(r.keys), cell(r.unit), cell(r.baseline), cell(r.scenario)))));
}

function download(figure) {
  const quote = (value) => (/[",\n]/.test(String(value ?? "")) ? `"${String(value).replaceAll('"', '""')}"` : String(value ?? ""));
  const lines = [["quantity", "keys", "unit", "baseline", "scenario"].join(",")];
  for (const row of figure.rows) lines.push([row.quantity, row.keys, row.unit, row.baseline, row.scenario].map(quote).join(","));
  const link = el("a", { href: URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/csv" })), download: `${figure.model.name}-${byId("date").value}.csv` });
  link.click();
}

// One model at a time, quickest first (as last measured): the server's cores go to one answer at a
// time, so the quick deterministic figures update first instead of waiting behind the slow ones.
async function show(model, view, generation) {
  const figure = state.figures[model.name];
  const started = performance.now();
  try {
    const answer = await call(`/views/${model.name}`, view);
    state.took[model.name] = performance.now() - started;
    if (generation !== state.generation) return;
    figure.rows = answer.rows;
    figure.node.querySelector(".source-list").replaceChildren(el("p", {}, `Reads the world's tables: ${answer.reads.join(", ")}.`), el("ul", {}, ...answer.citations.map((c) => el("li", {}, c))));
    figure.node.dataset.view = JSON.stringify(view);
    draw(figure);
  } catch (error) {
    if (generation === state.generation) figure.node.querySelector(".body").replaceChildren(el("p", { class: "error" }, error.message));
  }
}

async function refresh(view) {
  const generation = ++state.generation;
  document.body.dataset.busy = "true";
  const started = performance.now();
  byId("status").textContent = "Running the models...";
  const order = [...state.models].sort((a, b) => (state.took[a.name] || 0) - (state.took[b.name] || 0));
  for (const model of order) {
    if (generation !== state.generation) return;
    await show(model, view, generation);
  }
  if (generation !== state.generation) return;
  document.body.dataset.busy = "false";
  byId("status").textContent = `Updated in ${((performance.now() - started) / 1000).toFixed(1)} s. Baseline: the world without the scenario's shocks, on the same day.`;
}

function changed() {
  const view = currentView();
  writeView(view);
  refresh(view);
}

async function sample() {
  const view = currentView();
  const status = byId("job");
  try {
    let job = await call("/jobs", { ...view, samples: 64, method: "mc" });
    while (job.status === "queued" || job.status === "running") {
      status.textContent = `job ${job.id}: ${job.status} ${job.done}/${job.total ?? "?"}`;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      job = await call(`/jobs/${job.id}`);
    }
    status.textContent = job.status === "complete" ? `stored as run ${job.run_id}` : `job failed: ${job.error}`;
  } catch (error) {
    status.textContent = error.message;
  }
}

async function start() {
  const [levers, assumptions, models, scenarios, shapes] = await Promise.all([call("/levers"), call("/assumptions"), call("/models"), call("/scenarios"), call("/geometry")]);
  // ?figures=exposure,directions shows only those models' figures.
  const only = new URLSearchParams(location.search).get("figures")?.split(",");
  Object.assign(state, { levers, assumptions, models: only ? models.filter((m) => only.includes(m.name)) : models, shapes: shapes.shapes });
  byId("scenario").replaceChildren(...scenarios.map((s) => el("option", { value: s.name, title: s.description }, s.name)));
  const view = readView();
  buildControls(view);
  byId("figures").replaceChildren(...state.models.map(card));
  for (const id of FIXED) byId(id).addEventListener("change", changed);
  byId("reset").addEventListener("click", () => { buildControls({ ...currentView(), levers: {}, assumptions: {} }); changed(); });
  byId("sample").addEventListener("click", sample);
  writeView(view);
  await refresh(view);
}

start().catch((error) => { byId("status").textContent = `Cannot start: ${error.message}`; });
