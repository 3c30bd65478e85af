/* app.js - the reception page of amcread serve.
 *
 * Asks for the access token once (kept in sessionStorage: gone when the tab
 * closes), sends the chosen or dropped scan to POST /v1/read?image=1, and
 * shows what was read: the page with the fields outlined (drawn by the
 * server), the values for the patient record with copy buttons, the practice
 * verdict, the warnings and the guarantees with their explanation.
 * Everything read is inserted as text (textContent), never as HTML.
 */
"use strict";

const TOKEN_KEY = "amcread.token";
const $ = (id) => document.getElementById(id);

/* ---- token ------------------------------------------------------------ */

function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

function askToken(message) {
  $("token-section").hidden = false;
  $("upload-section").hidden = !token();
  $("forget-token").hidden = true;
  if (message) setStatus(message, true);
  $("token").value = "";
  $("token").focus();
}

function tokenReady() {
  $("token-section").hidden = true;
  $("upload-section").hidden = false;
  $("forget-token").hidden = false;
}

$("token-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const t = $("token").value.trim();
  if (!t) return;
  sessionStorage.setItem(TOKEN_KEY, t);
  tokenReady();
  setStatus("Jeton enregistré pour cet onglet. Choisissez une attestation.");
  $("file").focus();
});

$("forget-token").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  askToken();
});

/* ---- sending the scan ---------------------------------------------------- */

function setStatus(text, isError) {
  const s = $("status");
  s.textContent = text;
  s.classList.toggle("error", !!isError);
}

const HTTP_MESSAGES = {
  400: "Requête refusée",
  401: "Jeton refusé : saisissez le jeton d'accès du service.",
  413: "Fichier trop gros : 20 Mo au maximum.",
  415: "Ce fichier n'est ni une image (PNG, JPEG, TIFF…) ni un PDF.",
  422: "Le fichier est endommagé ou illisible.",
  503: "Le service est occupé : réessayez dans un instant.",
};

async function send(file) {
  if (!file) return;
  if (!token()) { askToken(); return; }
  const q = new URLSearchParams({ image: "1" });
  if ($("date").value) q.set("date", $("date").value);
  setStatus("Lecture en cours… (quelques secondes)");
  $("result").setAttribute("aria-busy", "true");
  let resp;
  try {
    resp = await fetch("/v1/read?" + q.toString(), {
      method: "POST",
      headers: {
        "Authorization": "Bearer " + token(),
        "Content-Type": file.type || "application/octet-stream",
      },
      body: file,
    });
  } catch (e) {
    $("result").removeAttribute("aria-busy");
    setStatus("Le service amcread ne répond pas. Est-il démarré ?", true);
    return;
  }
  let doc = null;
  try { doc = await resp.json(); } catch (e) { doc = null; }
  $("result").removeAttribute("aria-busy");
  if (resp.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    askToken(HTTP_MESSAGES[401]);
    return;
  }
  if (!resp.ok || !doc || doc.error) {
    const base = HTTP_MESSAGES[resp.status] || ("Erreur " + resp.status);
    const detail = doc && doc.error && doc.error.message ? " (détail : " + doc.error.message + ")" : "";
    setStatus(base + detail, true);
    return;
  }
  setStatus("Lecture terminée : " + (file.name || "fichier") + ".");
  show(doc);
}

$("file").addEventListener("change", () => {
  const f = $("file").files[0];
  send(f);
  $("file").value = "";          /* the same file may be chosen again */
});

const drop = $("drop");
["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (ev) => {
  ev.preventDefault();
  drop.classList.add("over");
}));
["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
drop.addEventListener("drop", (ev) => {
  ev.preventDefault();
  const f = ev.dataTransfer && ev.dataTransfer.files[0];
  send(f);
});
/* a file dropped beside the zone must not make the browser leave the page */
window.addEventListener("dragover", (ev) => ev.preventDefault());
window.addEventListener("drop", (ev) => ev.preventDefault());

/* ---- showing the result ---------------------------------------------------- */

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function frDate(iso) {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4);
}

function yesNo(b) {
  return b === true ? "Oui" : b === false ? "Non" : null;
}

/* Evidence boxes drawn as invisible rectangles over the picture, lit when
 * the matching value is hovered or focused. */
let boxes = {};

function drawOverlay(doc) {
  const svg = $("overlay");
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  boxes = {};
  const img = doc.image;
  if (!img) return;
  svg.setAttribute("viewBox", "0 0 " + img.width + " " + img.height);
  const ns = "http://www.w3.org/2000/svg";
  Object.keys(doc.evidence || {}).forEach((key) => {
    const b = doc.evidence[key].box;
    if (!b || b.page !== img.page) return;
    const r = document.createElementNS(ns, "rect");
    r.setAttribute("x", b.x - 8);
    r.setAttribute("y", b.y - 8);
    r.setAttribute("width", b.w + 16);
    r.setAttribute("height", b.h + 16);
    svg.appendChild(r);
    boxes[key] = r;
  });
}

function link(row, key) {
  if (!key) return;
  const on = () => { row.classList.add("hl"); if (boxes[key]) boxes[key].classList.add("hl"); };
  const off = () => { row.classList.remove("hl"); if (boxes[key]) boxes[key].classList.remove("hl"); };
  row.addEventListener("mouseenter", on);
  row.addEventListener("mouseleave", off);
  row.addEventListener("focusin", on);
  row.addEventListener("focusout", off);
}

async function copy(text, button) {
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch (e) {
    /* older browsers, or a page not seen as secure: the textarea way */
    const t = el("textarea", text);
    document.body.appendChild(t);
    t.select();
    try { ok = document.execCommand("copy"); } catch (e2) { ok = false; }
    document.body.removeChild(t);
  }
  const label = button.textContent;
  button.textContent = ok ? "Copié ✓" : "Échec";
  setTimeout(() => { button.textContent = label; }, 1500);
}

function showRecord(doc) {
  const r = doc.patient_record || {};
  const rows = [
    ["N° AMC", r.amc_number, "amc_number"],
    ["N° adhérent", r.adherent_number, "adherent"],
    ["Début des droits", frDate(r.start_of_rights), "start"],
    ["Fin des droits", frDate(r.end_of_rights), "end"],
    ["Type de convention", r.type_convention, "type_convention"],
    ["CSR", r.csr === "" ? "(vide)" : r.csr, "csr"],
    ["Télétransmission AMC", yesNo(r.teletransmission_amc), null],
    ["Tiers payant AMC", yesNo(r.tiers_payant_amc), null],
    ["Organisme complémentaire", doc.amc && doc.amc.name, "amc_name"],
    ["Assuré principal", doc.adherent && doc.adherent.principal, "principal"],
    ["N° de contrat", doc.adherent && doc.adherent.contract, "contract"],
  ];
  const body = $("record").tBodies[0];
  body.textContent = "";
  rows.forEach(([label, value, key]) => {
    const tr = el("tr");
    tr.appendChild(el("th", label)).setAttribute("scope", "row");
    const td = el("td", value === null || value === undefined ? "non lu" : value, "value");
    if (value === null || value === undefined) td.classList.add("missing");
    tr.appendChild(td);
    const cell = el("td", null, "copy");
    if (value !== null && value !== undefined && value !== "(vide)") {
      const b = el("button", "Copier");
      b.type = "button";
      b.setAttribute("aria-label", "Copier " + label + " : " + value);
      b.dataset.field = key || label;
      b.addEventListener("click", () => copy(String(value), b));
      cell.appendChild(b);
    }
    tr.appendChild(cell);
    link(tr, key);
    body.appendChild(tr);
  });
}

const VERDICT = {
  yes: "Tiers payant AMC possible pour l'appareillage",
  after_pec: "Tiers payant AMC après accord (prise en charge)",
  no: "Pas de tiers payant AMC pour l'appareillage",
  unknown: "À vérifier sur l'attestation",
};

function showVerdict(doc) {
  const p = doc.practice || {};
  const tp = p.tiers_payant_amc || "unknown";
  const v = $("verdict");
  v.textContent = VERDICT[tp] || VERDICT.unknown;
  v.className = "verdict " + (VERDICT[tp] ? tp : "unknown");
  $("verdict-detail").textContent = p.domain
    ? "Domaine " + p.domain + (p.value ? " : " + p.value : "")
    : "";
  $("verdict-explanation").textContent = p.explanation || "";
}

function showWarnings(doc) {
  const ul = $("warnings");
  ul.textContent = "";
  const w = doc.warnings || [];
  w.forEach((x) => ul.appendChild(el("li", x.message)));
  if (!w.length) ul.appendChild(el("li", "Aucun."));
}

function showBeneficiaries(doc) {
  const body = $("beneficiaries").tBodies[0];
  body.textContent = "";
  (doc.beneficiaries || []).forEach((b, i) => {
    const tr = el("tr");
    tr.tabIndex = 0;
    tr.appendChild(el("td", b.name || "non lu"));
    tr.appendChild(el("td", frDate(b.birth_date) || "non lu"));
    tr.appendChild(el("td", b.rank || ""));
    const nir = el("td", b.nir || "non lu");
    if (b.nir && b.nir_valid === false) nir.appendChild(el("span", " clé invalide, à vérifier", "flag"));
    tr.appendChild(nir);
    link(tr, "beneficiaries[" + i + "].name");
    body.appendChild(tr);
  });
}

function showGuarantees(doc) {
  const body = $("guarantees").tBodies[0];
  body.textContent = "";
  (doc.guarantees || []).forEach((g, i) => {
    const tr = el("tr");
    tr.tabIndex = 0;
    const code = el("td");
    code.appendChild(el("span", g.code, "code"));
    if (g.conventions && g.conventions.length) code.appendChild(el("span", g.conventions.join(", "), "conv"));
    tr.appendChild(code);
    tr.appendChild(el("td", g.value || g.raw || "non lu"));
    const ex = el("td");
    if (g.label) ex.appendChild(el("span", g.label, "label"));
    ex.appendChild(el("span", g.explanation || ""));
    tr.appendChild(ex);
    link(tr, "guarantees[" + i + "]");
    body.appendChild(tr);
  });
}

const SUMMARY = {
  ok: "Lecture complète : vérifiez d'un coup d'œil, puis reportez les valeurs.",
  incomplete: "Lecture incomplète ou douteuse : vérifiez les champs signalés sur l'attestation.",
  not_a_certificate: "Ce document ne semble pas être une attestation de tiers payant.",
};

function show(doc) {
  const s = $("summary");
  s.textContent = SUMMARY[doc.status] || doc.status;
  s.className = "summary " + doc.status;
  const img = $("page-img");
  if (doc.image && doc.image.base64) {
    img.src = "data:" + doc.image.media_type + ";base64," + doc.image.base64;
    img.alt = "Page 1 de l'attestation telle que lue, champs lus encadrés";
    $("page-figure").hidden = false;
  } else {
    img.removeAttribute("src");
    $("page-figure").hidden = true;
  }
  drawOverlay(doc);
  showVerdict(doc);
  showWarnings(doc);
  showRecord(doc);
  showBeneficiaries(doc);
  showGuarantees(doc);
  $("result").hidden = false;
  $("result-title").focus();
}

/* ---- start ------------------------------------------------------------- */

(function start() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  $("date").value = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  if (token()) tokenReady();
  else askToken();
})();
