// The wallboard's call list: filter the calls this supervisor may see (GET /call-list), show one
// call's details, and play its recording in an <audio> element. The element cannot send the
// bearer token, so each playback or download first asks for a short-lived ticket URL
// (POST /recordings/{id}/listen) — which is also what the audit log records. Seeking is the
// browser's own: it asks the audio URL for byte ranges (206).
"use strict";

const calls = new Map();
let chosen = null;

function showView(name) {
  $("tiles").hidden = name !== "floor";
  $("kpis").hidden = name !== "floor";
  $("calls").hidden = name !== "calls";
  $("show-floor").classList.toggle("on", name === "floor");
  $("show-calls").classList.toggle("on", name === "calls");
  document.querySelector(".title h1").textContent = name === "calls" ? "Calls" : "Floor";
  if (name === "calls" && !calls.size) searchCalls();
}

function filterQuery() {
  const query = new URLSearchParams();
  for (const input of $("call-filter").querySelectorAll("input")) {
    const value = input.value.trim();
    if (!value) continue;
    // datetime-local is the browser's local time: the API takes ISO with its offset.
    query.set(input.name, input.type === "datetime-local" ? new Date(value).toISOString() : value);
  }
  return query.toString();
}

async function searchCalls(event) {
  if (event) event.preventDefault();
  $("calls-error").textContent = "";
  let rows;
  try {
    rows = await api("/call-list?" + filterQuery());
  } catch (error) {
    $("calls-error").textContent = String(error.message).endsWith("403")
      ? "That agent or group is not yours to see." : "The calls could not be read.";
    return;
  }
  calls.clear();
  for (const call of rows) calls.set(`${call.agent}/${call.call_id}`, call);
  $("call-rows").replaceChildren(...(rows.length ? rows.map(callRow) : [emptyRow()]));
}

function emptyRow() {
  const row = document.createElement("tr");
  row.className = "empty";
  const cell = row.insertCell();
  cell.colSpan = 8;
  cell.textContent = "No calls match.";
  return row;
}

function theirNumber(call) {
  return call.direction === "inbound" ? call.calling_number : call.called_number;
}

function playable(call) {
  return (call.recordings || []).find((r) => r.complete) || null;
}

function callRow(call) {
  const row = document.createElement("tr");
  row.dataset.key = `${call.agent}/${call.call_id}`;
  row.dataset.call = call.call_id;
  const mos = call.quality && call.quality.mos;
  const recording = playable(call);
  const waiting = !recording && (call.recordings || []).length;
  for (const text of [
    new Date(call.start_time).toLocaleString(), call.agent, call.direction, theirNumber(call),
    clock(call.duration_s), call.disposition || "", mos ? mos.toFixed(1) : "",
    recording ? "▶ " + clock(recording.duration_s) : waiting ? "uploading" : "–",
  ]) row.insertCell().textContent = text;
  if (mos) row.cells[6].className = "mos " + grade(mos);
  if (recording) row.dataset.recording = recording.id;
  row.addEventListener("click", () => showCall(row.dataset.key));
  return row;
}

function showCall(key) {
  const call = calls.get(key);
  if (!call) return;
  chosen = call;
  for (const row of $("call-rows").rows) row.classList.toggle("chosen", row.dataset.key === key);
  $("call-detail").hidden = false;
  $("detail-title").textContent = `${call.agent} · ${theirNumber(call)}`;
  const fields = [
    ["Call", call.call_id], ["Direction", call.direction],
    ["Calling", call.calling_number], ["Called", call.called_number],
    ["Start", new Date(call.start_time).toLocaleString()],
    ["Answered", call.answer_time ? new Date(call.answer_time).toLocaleTimeString() : "no"],
    ["Duration", clock(call.duration_s)], ["Hung up by", call.hung_up_by || ""],
    ["Group", call.skill_group || ""], ["Disposition", call.disposition || ""],
    ["Remarks", call.remarks || ""],
    ["MOS", call.quality && call.quality.mos ? call.quality.mos.toFixed(1) : ""],
  ];
  $("detail-fields").replaceChildren(...fields.flatMap(([name, value]) => {
    const dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = name;
    dd.textContent = value;
    return [dt, dd];
  }));
  const player = $("player");
  player.pause();
  player.removeAttribute("src");
  player.dataset.recording = "";
  player.load();
  $("player-error").textContent = playable(call) ? "" : "No recording of this call (yet).";
  player.hidden = $("play").hidden = $("download").hidden = !playable(call);
}

async function ticketFor(recording, purpose) {
  const answer = await fetch(`${API}/recordings/${recording.id}/listen?purpose=${purpose}`, {
    method: "POST", headers: { Authorization: "Bearer " + token },
  });
  if (answer.status === 401) { showLogin("Your session ended; log in again."); throw new Error("401"); }
  if (!answer.ok) throw new Error("listen: " + answer.status);
  return (await answer.json()).url;
}

// The first press of play fetches the ticket, then plays from it; later presses just play.
async function playChosen() {
  const player = $("player");
  const recording = chosen && playable(chosen);
  if (!recording) return;
  if (player.dataset.recording === recording.id) { if (player.paused) player.play(); return; }
  player.pause();
  try {
    player.src = await ticketFor(recording, "play");
    player.dataset.recording = recording.id;
    await player.play();
  } catch (error) {
    $("player-error").textContent = "The recording could not be played.";
  }
}

async function downloadChosen() {
  const recording = chosen && playable(chosen);
  if (!recording) return;
  const link = document.createElement("a");
  link.href = await ticketFor(recording, "download");
  link.download = `${recording.id}.${recording.format}`;
  link.click();
}

$("show-floor").addEventListener("click", () => showView("floor"));
$("show-calls").addEventListener("click", () => showView("calls"));
$("call-filter").addEventListener("submit", searchCalls);
$("player").addEventListener("play", () => {
  if (!$("player").getAttribute("src")) playChosen();  // the element's own play button
});
$("play").addEventListener("click", playChosen);
$("player").addEventListener("error", () => {
  if ($("player").getAttribute("src")) $("player-error").textContent = "The recording could not be played.";
});
$("download").addEventListener("click", downloadChosen);
