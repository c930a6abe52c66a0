// The wallboard: log in as a supervisor, draw a tile per agent from GET /agents, keep them
// current from WS /live, refresh the team KPIs from GET /metrics/summary. No build step.
"use strict";

const API = "/api/v1";
const STATUS_LABEL = {
  available: "Available", ringing: "Ringing", on_call: "On call", wrap_up: "Wrap-up",
  break: "Break", not_ready: "Not ready", offline: "Offline",
};
const agents = new Map();
let token = sessionStorage.getItem("wallboard-token");
let socket = null;
let kpiTimer = null;
let kpiSoon = null;

const $ = (id) => document.getElementById(id);

function showLogin(message) {
  token = null;
  sessionStorage.removeItem("wallboard-token");
  if (socket) { socket.onclose = null; socket.close(); socket = null; }
  $("board").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message || "";
}

async function api(path) {
  const answer = await fetch(API + path, { headers: { Authorization: "Bearer " + token } });
  if (answer.status === 401) { showLogin("Your session ended; log in again."); throw new Error("401"); }
  if (!answer.ok) throw new Error(path + ": " + answer.status);
  return answer.json();
}

async function login(event) {
  event.preventDefault();
  const body = { user: $("user").value, password: $("password").value };
  const answer = await fetch(API + "/login", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const reply = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    $("login-error").textContent = answer.status === 429
      ? "Too many failed logins; wait a minute." : (reply.detail || "Login failed.");
    return;
  }
  if (reply.role === "agent") { $("login-error").textContent = "The wallboard is for supervisors."; return; }
  token = reply.token;
  sessionStorage.setItem("wallboard-token", token);
  sessionStorage.setItem("wallboard-user", reply.user);
  start();
}

function start() {
  $("login").hidden = true;
  $("board").hidden = false;
  $("who").textContent = sessionStorage.getItem("wallboard-user") || "";
  connect();
  loadKpis();
  clearInterval(kpiTimer);
  kpiTimer = setInterval(loadKpis, 15000);
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(`${scheme}//${location.host}${API}/live?token=${encodeURIComponent(token)}`);
  // Subscribe first, then read the picture: nothing that happens in between is lost.
  socket.onopen = () => { $("link").classList.add("up"); loadAgents(); };
  socket.onmessage = (message) => apply(JSON.parse(message.data));
  socket.onclose = (closing) => {
    $("link").classList.remove("up");
    if (closing.code === 4401 || closing.code === 1008) { showLogin("Your session ended; log in again."); return; }
    if (token) setTimeout(connect, 2000);
  };
}

async function loadAgents() {
  const rows = await api("/agents");
  agents.clear();
  for (const row of rows) agents.set(row.agent, row);
  $("tiles").replaceChildren(...rows.map(tileFor));
  draw();
}

async function loadKpis() {
  if (!token) return;
  const s = await api("/metrics/summary");
  $("kpi-calls").textContent = s.calls;
  $("kpi-answered").textContent = s.answered;
  $("kpi-rate").textContent = s.connection_rate === null ? "–" : Math.round(s.connection_rate * 100) + "%";
  $("kpi-wait").textContent = s.average_wait_s === null ? "–" : clock(s.average_wait_s);
  $("kpi-duration").textContent = s.average_duration_s === null ? "–" : clock(s.average_duration_s);
  $("kpi-now").textContent = s.inbound_now;
  $("kpi-today").textContent = s.inbound_today;
  countStatuses();
}

function countStatuses() {
  let available = 0, onCall = 0;
  for (const a of agents.values()) {
    if (a.status === "available") available++;
    if (a.status === "on_call") onCall++;
  }
  $("kpi-available").textContent = available;
  $("kpi-oncall").textContent = onCall;
}

function refreshKpisSoon() {
  clearTimeout(kpiSoon);
  kpiSoon = setTimeout(loadKpis, 300);
}

function apply(update) {
  const agent = agents.get(update.agent);
  if (!agent) { loadAgents(); return; }  // an agent this board has not drawn yet
  const d = update.data;
  if (update.type === "status") {
    Object.assign(agent, { status: d.status, reason: d.reason, since: d.since, online: d.status !== "offline" });
    if (d.status === "offline") Object.assign(agent, { current_call: null, call_started_at: null, call_quality: null });
    countStatuses();
  } else if (update.type === "call_started") {
    Object.assign(agent, { current_call: d.call_id, call_started_at: d.answer_time || d.start_time, call_quality: null });
    refreshKpisSoon();
  } else if (update.type === "call_ended") {
    if (agent.current_call === d.call_id) Object.assign(agent, { current_call: null, call_started_at: null, call_quality: null });
    refreshKpisSoon();
  } else if (update.type === "quality") {
    if (agent.current_call === d.call_id) agent.call_quality = d;
  }
  drawTile(agent);
}

function tileFor(agent) {
  const tile = document.createElement("article");
  tile.className = "tile";
  tile.dataset.agent = agent.agent;
  tile.innerHTML = `<div class="name"></div><div class="status"></div><div class="reason"></div>
    <div class="timer"></div><div class="call"></div><div class="group"></div>`;
  tile.querySelector(".name").textContent = agent.agent;
  tile.querySelector(".group").textContent = (agent.skill_groups || []).join(", ");
  return tile;
}

function drawTile(agent) {
  const tile = document.querySelector(`.tile[data-agent="${CSS.escape(agent.agent)}"]`);
  if (!tile) return;
  tile.className = "tile " + agent.status;
  tile.dataset.status = agent.status;
  tile.querySelector(".status").textContent = STATUS_LABEL[agent.status] || agent.status;
  tile.querySelector(".reason").textContent = agent.reason || "";
  tile.querySelector(".timer").textContent = since(agent.since);
  const call = tile.querySelector(".call");
  if (agent.current_call) {
    const mos = agent.call_quality && agent.call_quality.mos;
    call.innerHTML = `<span>☎ <span class="call-time"></span></span>` +
      (mos ? `<span class="mos ${grade(mos)}">MOS ${mos.toFixed(1)}</span>` : "");
    call.querySelector(".call-time").textContent = since(agent.call_started_at);
    tile.dataset.call = agent.current_call;
  } else {
    call.textContent = "";
    delete tile.dataset.call;
  }
}

function draw() { for (const agent of agents.values()) drawTile(agent); }

function grade(mos) { return mos >= 4.0 ? "good" : mos >= 3.6 ? "fair" : "poor"; }

function since(iso) {
  if (!iso) return "";
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  return seconds > 86400 * 30 ? "—" : clock(seconds);
}

function clock(seconds) {
  const s = Math.round(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

$("login-form").addEventListener("submit", login);
$("logout").addEventListener("click", () => {
  fetch(API + "/logout", { method: "POST", headers: { Authorization: "Bearer " + token } });
  showLogin("");
});
setInterval(draw, 1000);
if (token) start(); else showLogin("");
