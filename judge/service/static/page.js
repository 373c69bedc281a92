// The web page of `judge serve`: challenges, a spec, a code box, live status, the verdict.
// Talks only to this server's /api/v1; the events stream is read with fetch so the token can go
// in a header (EventSource cannot send one).
"use strict";

const $ = (id) => document.getElementById(id);
const tokenBox = $("token");
tokenBox.value = localStorage.getItem("judge-token") || "";
tokenBox.addEventListener("change", () => { localStorage.setItem("judge-token", tokenBox.value); loadChallenges(); });
let current = null;

function headers() {
  const h = { "content-type": "application/json" };
  if (tokenBox.value) h["x-auth-token"] = tokenBox.value;
  return h;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: headers() });
  const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) throw new Error(body.field ? `${body.field}: ${body.error}` : body.error);
  return body;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function inline(text) {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1");
}

// Enough markdown for the specs: headings, fenced code, lists, tables as text, paragraphs.
function renderMarkdown(text) {
  const out = [];
  const lines = text.split("\n");
  let paragraph = [], list = null;
  const flush = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(" "))}</p>`);
    paragraph = [];
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("```")) {
      flush();
      const code = [];
      while (++i < lines.length && !lines[i].startsWith("```")) code.push(lines[i]);
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
    } else if (/^#{1,6} /.test(line)) {
      flush();
      const level = Math.min(6, line.indexOf(" ") + 2);
      out.push(`<h${level}>${inline(line.replace(/^#+ /, ""))}</h${level}>`);
    } else if (/^\s*([-*]|\d+\.) /.test(line)) {
      const kind = /^\s*\d+\./.test(line) ? "ol" : "ul";
      if (paragraph.length || list !== kind) { flush(); out.push(`<${kind}>`); list = kind; }
      out.push(`<li>${inline(line.replace(/^\s*([-*]|\d+\.) /, ""))}</li>`);
    } else if (/^\|/.test(line)) {
      flush();
      out.push(`<pre>${escapeHtml(line)}</pre>`);
    } else if (!line.trim()) {
      flush();
    } else if (list && /^\s+/.test(line)) {
      out[out.length - 1] = out[out.length - 1].replace(/<\/li>$/, " " + inline(line.trim()) + "</li>");
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return out.join("\n");
}

async function loadChallenges() {
  const list = $("challenges");
  try {
    const challenges = await api("/api/v1/challenges");
    list.innerHTML = "";
    for (const c of challenges) {
      const item = document.createElement("li");
      item.dataset.id = c.id;
      item.innerHTML = `${escapeHtml(c.title)}<small>${escapeHtml(c.id)} · ${escapeHtml(c.category)}</small>`;
      item.addEventListener("click", () => showChallenge(c.id));
      list.appendChild(item);
    }
  } catch (error) {
    list.innerHTML = `<li class="muted">${escapeHtml(error.message)}</li>`;
  }
}

async function showChallenge(id) {
  const c = await api(`/api/v1/challenges/${encodeURIComponent(id)}`);
  current = c;
  for (const item of document.querySelectorAll("#challenges li")) item.classList.toggle("selected", item.dataset.id === id);
  $("title").textContent = c.title;
  $("facts").textContent = `define ${c.interface.join(", ")} · limits ${c.limits.cpu_seconds} s CPU, ` +
    `${c.limits.wall_seconds} s wall, ${c.limits.memory_mib} MiB`;
  $("spec").innerHTML = renderMarkdown(c.spec);
  $("challenge").hidden = false;
  $("outcome").hidden = true;
}

$("file").addEventListener("change", async () => {
  const file = $("file").files[0];
  if (file) $("source").value = await file.text();
});

function describeProgress(data) {
  if (data.state === "queued") return "queued";
  const p = data.progress;
  if (!p) return `running (attempt ${data.attempt})`;
  const what = p.shrinking ? `${p.step}: shrinking a failure` : p.scaling ? `${p.step} (timed)` : p.step;
  return `running: ${what}` + (p.examples ? `, ${p.examples} examples` : "");
}

function showResult(doc) {
  $("status").textContent = `done in ${doc.wall_seconds} s (${doc.examples} examples)`;
  const verdict = $("verdict");
  verdict.textContent = doc.verdict;
  verdict.className = `verdict ${doc.verdict}`;
  $("message").textContent = doc.message || "";
  for (const name of ["property", "counterexample", "expected", "actual"]) {
    const value = doc[name];
    $(name).textContent = value == null ? "" : value;
    $(name).closest("dd").hidden = value == null;
    document.querySelector(`dt[data-for="${name}"]`).hidden = value == null;
  }
  $("seed").textContent = doc.seed;
  $("replay").textContent = `judge run challenge ${doc.challenge} ${doc.submission} --seed ${doc.seed}`;
  $("result").hidden = false;
}

async function follow(id) {
  const response = await fetch(`/api/v1/judgments/${id}/events`, { headers: headers() });
  if (!response.ok || !response.body) throw new Error(`the events stream answered ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = (block.match(/^event: (.*)$/m) || [])[1];
      const data = (block.match(/^data: (.*)$/m) || [])[1];
      if (!event || !data) continue;
      const parsed = JSON.parse(data);
      if (event === "done") { showResult(parsed); return; }
      $("status").textContent = describeProgress(parsed);
    }
  }
  showResult(await api(`/api/v1/judgments/${id}`));  // the stream ended early: ask once
}

$("submit-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!current) return;
  $("outcome").hidden = false;
  $("result").hidden = true;
  $("status").textContent = "submitting…";
  $("submit").disabled = true;
  try {
    const body = { challenge: current.id, source: $("source").value };
    const seed = $("seed-input").value;
    if (seed !== "") body.seed = Number(seed);
    const file = $("file").files[0];
    if (file) body.filename = file.name;
    const created = await api("/api/v1/judgments", { method: "POST", body: JSON.stringify(body) });
    $("status").textContent = "queued";
    await follow(created.id);
  } catch (error) {
    $("status").textContent = `error: ${error.message}`;
  } finally {
    $("submit").disabled = false;
  }
});

loadChallenges();
