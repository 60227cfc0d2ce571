/* kg graph page: draws the graph with vis-network and shows evidence on demand.
 *
 * Every string that comes from papers is data: it reaches the page only through
 * textContent, text nodes, attribute values set as properties, or vis-network's canvas
 * labels. Nothing here uses innerHTML, insertAdjacentHTML, document.write or eval.
 */
(function () {
  "use strict";

  var kg = (window.kg = { ready: false, draws: 0, errors: [], stats: {} });
  window.addEventListener("error", function (event) {
    kg.errors.push(String(event.message || event));
  });

  var STYLES = readJson("kg-styles");
  var DATA = readJson("kg-data");
  var META = DATA.meta;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var LARGE = !META.physics;
  var CONCEPT_FONT = LARGE ? 18 : 16;
  var LABEL_THRESHOLD = LARGE ? 9 : 7;  // on-screen px below which vis-network skips a label
  // grey, thin, and (in the browser's physics) long springs: the works float round the concepts
  var BIBLIO_EDGE_STYLE = {
    cites: { color: "#b4bec9", width: 0.8, arrow: true, dashes: false, length: 150 },
    similar_to: { color: "#c9d0d8", width: 0.8, arrow: false, dashes: [2, 4], length: 150 },
    mentions: { color: "#d9dee4", width: 0.6, arrow: false, dashes: false, length: 190 },
    has_mesh_heading: { color: "#e1e4e8", width: 0.5, arrow: false, dashes: false, length: 200 },
  };

  // ---- lookups ---------------------------------------------------------------------------
  var kindStyle = {};
  STYLES.kinds.forEach(function (s) { kindStyle[s.kind] = s; });
  var dirStyle = {};
  STYLES.directions.forEach(function (s) { dirStyle[s.direction] = s; });
  var nodeById = new Map();
  DATA.nodes.forEach(function (n) { nodeById.set(n.id, n); });
  var edgeById = new Map();
  var claimEdge = [];               // claim index -> edge id
  var claimIndex = new Map();       // claim id -> claim index
  var claimsOfNode = new Map();     // node id -> claim indices (as subject or object)
  var claimsOfPaper = new Map();    // paper id -> claim indices with evidence from it
  var neighbours = new Map();       // node id -> [{edge, other, outgoing}]
  DATA.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    pushTo(neighbours, e.from, { edge: e, other: e.to, outgoing: true });
    pushTo(neighbours, e.to, { edge: e, other: e.from, outgoing: false });
    if (e.claim !== undefined) {
      var claim = DATA.claims[e.claim];
      claimEdge[e.claim] = e.id;
      claimIndex.set(claim.id, e.claim);
      pushTo(claimsOfNode, e.from, e.claim);
      if (e.to !== e.from) pushTo(claimsOfNode, e.to, e.claim);
      claim.papers.forEach(function (p) { pushTo(claimsOfPaper, p, e.claim); });
    }
  });

  function pushTo(map, key, value) {
    var list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push(value);
  }

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  // ---- DOM helpers: text only --------------------------------------------------------------
  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      node.appendChild(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https:\/\/[^\s]+$/.test(url) ? url : null;
  }

  function externalLink(url, text) {
    var checked = safeUrl(url);
    if (!checked) return el("span", null, [text]);
    var a = el("a", null, [text]);
    a.href = checked;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function actionButton(text, onClick, title) {
    var button = el("button", "link", [text]);
    button.type = "button";
    if (title) button.title = title;
    button.addEventListener("click", onClick);
    return button;
  }

  function badge(text, kind) {
    return el("span", "badge" + (kind ? " " + kind : ""), [text]);
  }

  function shapeIcon(shape, fill, stroke, size) {
    size = size || 16;
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", size);
    svg.setAttribute("height", size);
    svg.setAttribute("viewBox", "0 0 16 16");
    var c = 8, r = 6, item;
    function poly(points) {
      var p = document.createElementNS(SVG_NS, "polygon");
      p.setAttribute("points", points.map(function (xy) { return xy[0].toFixed(2) + "," + xy[1].toFixed(2); }).join(" "));
      return p;
    }
    function ring(count, inner, start) {
      var pts = [];
      for (var i = 0; i < count * (inner ? 2 : 1); i++) {
        var radius = inner && i % 2 ? inner : r + 1;
        var angle = start + (i * Math.PI * 2) / (count * (inner ? 2 : 1));
        pts.push([c + radius * Math.cos(angle), c + radius * Math.sin(angle)]);
      }
      return poly(pts);
    }
    if (shape === "square") {
      item = document.createElementNS(SVG_NS, "rect");
      item.setAttribute("x", 2.5); item.setAttribute("y", 2.5);
      item.setAttribute("width", 11); item.setAttribute("height", 11);
    } else if (shape === "diamond") item = poly([[8, 1], [15, 8], [8, 15], [1, 8]]);
    else if (shape === "triangle") item = poly([[8, 1.5], [15, 14], [1, 14]]);
    else if (shape === "triangleDown") item = poly([[1, 2], [15, 2], [8, 14.5]]);
    else if (shape === "star") item = ring(5, 3, -Math.PI / 2);
    else if (shape === "hexagon") item = ring(6, 0, 0);
    else {
      item = document.createElementNS(SVG_NS, "circle");
      item.setAttribute("cx", c); item.setAttribute("cy", c); item.setAttribute("r", r);
    }
    item.setAttribute("fill", fill);
    item.setAttribute("stroke", stroke);
    item.setAttribute("stroke-width", "1.3");
    svg.appendChild(item);
    return svg;
  }

  function lineIcon(color, width, dashes, arrow, glow) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", 30);
    svg.setAttribute("height", 14);
    svg.setAttribute("viewBox", "0 0 30 14");
    if (glow) {
      var halo = document.createElementNS(SVG_NS, "line");
      halo.setAttribute("x1", 2); halo.setAttribute("y1", 7); halo.setAttribute("x2", 28); halo.setAttribute("y2", 7);
      halo.setAttribute("stroke", glow); halo.setAttribute("stroke-width", 8); halo.setAttribute("stroke-opacity", 0.55);
      halo.setAttribute("stroke-linecap", "round");
      svg.appendChild(halo);
    }
    var line = document.createElementNS(SVG_NS, "line");
    line.setAttribute("x1", 2); line.setAttribute("y1", 7); line.setAttribute("x2", arrow ? 22 : 28); line.setAttribute("y2", 7);
    line.setAttribute("stroke", color);
    line.setAttribute("stroke-width", width);
    if (dashes) line.setAttribute("stroke-dasharray", dashes);
    svg.appendChild(line);
    if (arrow) {
      var head = document.createElementNS(SVG_NS, "polygon");
      head.setAttribute("points", "21,2.5 29,7 21,11.5");
      head.setAttribute("fill", color);
      svg.appendChild(head);
    }
    return svg;
  }

  // ---- text about nodes and claims ---------------------------------------------------------
  function nameOf(id) {
    var node = nodeById.get(id);
    if (node) return node.name;
    var work = DATA.works[id];
    return work && work.title ? work.title : id;
  }

  function shortName(id, limit) {
    var text = nameOf(id);
    limit = limit || 70;
    return text.length > limit ? text.slice(0, limit - 1).replace(/\s+\S*$/, "") + "…" : text;
  }

  function claimVerb(claim) {
    var style = dirStyle[claim.direction] || { label: claim.direction, negated: "not " + claim.direction };
    return claim.negated ? style.negated : style.label;
  }

  function claimSentence(claim) {
    return nameOf(claim.subject) + " " + claimVerb(claim) + " " + nameOf(claim.object);
  }

  function claimLine(index, showSubject, showObject) {
    var claim = DATA.claims[index];
    var style = dirStyle[claim.direction] || { color: "#777", symbol: "" };
    var parts = [];
    if (showSubject) parts.push(nodeButton(claim.subject));
    var verb = el("span", "arrow", [(style.symbol ? style.symbol + " " : "") + claimVerb(claim)]);
    verb.style.color = style.color;
    parts.push(" ", verb, " ");
    if (showObject) parts.push(nodeButton(claim.object));
    var row = el("li", null, parts);
    row.appendChild(el("div", "num", [
      "confidence " + claim.confidence.toFixed(2) + " · " + plural(claim.papers.length, "paper") + " · " +
      (claim.hedged ? "hedged · " : "") + (claim.negated ? "negated · " : ""),
      actionButton(plural(claim.evidenceTotal, "sentence") + " ›", function () { selectClaim(index, true); },
        "Show the sentences behind this claim"),
    ]));
    return row;
  }

  function nodeButton(id) {
    if (!nodeById.has(id)) return el("span", null, [shortName(id)]);
    return actionButton(shortName(id, 60), function () { focusNode(id); }, nameOf(id));
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function workFacts(work) {
    var facts = el("dl", "facts");
    function fact(term, value) {
      if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
      facts.appendChild(el("dt", null, [term]));
      facts.appendChild(el("dd", null, [Array.isArray(value) ? value.join(", ") : String(value)]));
    }
    fact("Authors", work.authors);
    fact("Journal", work.journal);
    fact("Year", work.year);
    fact("Type", work.types);
    fact("PMID", work.pmid);
    fact("PMCID", work.pmcid);
    fact("DOI", work.doi);
    return facts;
  }

  function workLinks(work) {
    var links = el("div", "links");
    (work ? work.links : []).forEach(function (link) { links.appendChild(externalLink(link.url, link.label)); });
    return links;
  }

  function kindTag(kind) {
    var style = kindStyle[kind] || { label: kind, color: "#bbb", border: "#777", shape: "dot" };
    return el("div", "kindtag", [shapeIcon(style.shape, style.color, style.border, 13), style.label]);
  }

  // ---- vis-network data --------------------------------------------------------------------
  function visNode(node) {
    var style = kindStyle[node.kind] || { color: "#bab0ac", border: "#79706e", shape: "dot" };
    var isWork = node.kind === "paper" || node.kind === "cited_work" || node.kind === "mesh_term";
    var focused = META.focusNodes.indexOf(node.id) >= 0;
    var item = {
      id: node.id,
      label: node.label,
      shape: style.shape,
      size: node.size,
      borderWidth: focused ? 4 : 1.5,
      color: {
        background: style.color, border: focused ? "#111" : style.border,
        highlight: { background: style.color, border: "#111" },
        hover: { background: style.color, border: "#111" },
      },
      font: {
        size: node.kind === "paper" ? 12 : isWork ? 10 : CONCEPT_FONT, color: isWork ? "#5b6673" : "#17202a",
        strokeWidth: 4, strokeColor: "rgba(255,255,255,0.9)",
      },
      hidden: false,
    };
    if (node.x !== undefined) { item.x = node.x; item.y = node.y; }
    return item;
  }

  var pairCount = new Map();
  function curveFor(edge) {
    var key = edge.from < edge.to ? edge.from + "\u0000" + edge.to : edge.to + "\u0000" + edge.from;
    var seen = pairCount.get(key) || 0;
    pairCount.set(key, seen + 1);
    return { enabled: true, type: "curvedCW", roundness: 0.14 + 0.14 * seen };
  }

  function visEdge(edge) {
    if (edge.claim === undefined) {
      var b = BIBLIO_EDGE_STYLE[edge.kind] || BIBLIO_EDGE_STYLE.mentions;
      return {
        id: edge.id, from: edge.from, to: edge.to, width: b.width, dashes: b.dashes, length: b.length,
        color: { color: b.color, highlight: "#7d8a99", hover: "#7d8a99" },
        arrows: { to: { enabled: b.arrow, scaleFactor: 0.45 } },
        smooth: false, hidden: false, selectionWidth: 1,
      };
    }
    var claim = DATA.claims[edge.claim];
    var style = dirStyle[claim.direction] || { color: "#777", arrow: true };
    var item = {
      id: edge.id, from: edge.from, to: edge.to,
      width: 1.5 + 5 * claim.confidence,
      color: { color: style.color, highlight: style.color, hover: style.color, opacity: claim.negated ? 0.75 : 1 },
      dashes: claim.negated ? [2, 5] : claim.hedged ? [9, 6] : false,
      arrows: { to: { enabled: style.arrow, scaleFactor: 0.75 } },
      smooth: LARGE ? false : curveFor(edge),
      hidden: false, selectionWidth: 2, hoverWidth: 1.5,
    };
    if (claim.negated) {
      item.label = "✕ not";
      item.font = { size: 12, color: "#a01010", strokeWidth: 4, strokeColor: "#ffffff", align: "horizontal" };
    }
    item.shadow = loopShadow(claim.cycle && showCycles());
    return item;
  }

  function loopShadow(on) {
    return on ? { enabled: true, color: STYLES.cycleColor, size: 14, x: 0, y: 0 } : { enabled: false };
  }

  // ---- the network ---------------------------------------------------------------------------
  var container = document.getElementById("graph");
  var nodes = new vis.DataSet(DATA.nodes.map(visNode));
  var edges = new vis.DataSet(DATA.edges.map(visEdge));
  var options = {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: !LARGE && DATA.nodes.length <= 150 },
    interaction: {
      hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: LARGE, hideEdgesOnZoom: LARGE,
      navigationButtons: false, keyboard: false, multiselect: false, selectConnectedEdges: false,
    },
    // labels whose on-screen size would be below the threshold are not drawn: on a large
    // graph, concept names appear first as you zoom in, then the works' titles
    nodes: { scaling: { label: { enabled: false, drawThreshold: LABEL_THRESHOLD } } },
    edges: { selectionWidth: 2 },
    physics: LARGE ? false : {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: {
        gravitationalConstant: -80, centralGravity: 0.015, springLength: 100, springConstant: 0.05,
        damping: 0.5, avoidOverlap: 0.7,
      },
      stabilization: { enabled: true, iterations: DATA.nodes.length <= 120 ? 700 : 350, updateInterval: 100, fit: true },
      minVelocity: 0.6,
      maxVelocity: 40,
    },
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  kg.network = network;

  var settled = LARGE;
  network.on("afterDrawing", function (ctx) {
    kg.draws += 1;
    drawOverviewLabels(ctx);
    if (!kg.ready && settled) markReady();
  });

  // When zoomed out so far that vis-network hides labels, name the concepts with the most
  // evidence anyway (at a fixed screen size, skipping any that would overlap): a large page
  // then says at a glance what it is about. Canvas text, so it is never markup.
  var overviewIds = DATA.nodes.filter(function (n) { return !(kindStyle[n.kind] || {}).bibliographic; })
    .sort(function (a, b) { return b.evidence - a.evidence || b.size - a.size || (a.id < b.id ? -1 : 1); })
    .slice(0, 80).map(function (n) { return n.id; });
  function drawOverviewLabels(ctx) {
    var scale = network.getScale();
    if (CONCEPT_FONT * scale >= LABEL_THRESHOLD - 1) return;  // vis-network draws them itself
    var fontSize = 12 / scale, placed = [];
    ctx.save();
    ctx.font = "600 " + fontSize + "px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 4 / scale;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.fillStyle = "#17202a";
    var positions = network.getPositions(overviewIds);
    overviewIds.forEach(function (id) {
      if (!visibleNodes.has(id) || !positions[id]) return;
      var node = nodeById.get(id), p = positions[id];
      var width = ctx.measureText(node.label).width, top = p.y + node.size + 2 / scale;
      var box = [p.x - width / 2, top, p.x + width / 2, top + fontSize];
      for (var i = 0; i < placed.length; i++) {
        var o = placed[i];
        if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) return;
      }
      placed.push(box);
      ctx.strokeText(node.label, p.x, top);
      ctx.fillText(node.label, p.x, top);
    });
    ctx.restore();
  }
  function settle() {
    if (settled) return;
    network.setOptions({ physics: false });
    settled = true;
    network.fit({ animation: false, maxZoomLevel: 1.6 });
  }
  if (!LARGE) {
    network.once("stabilizationIterationsDone", settle);
    setTimeout(settle, 20000);  // never wait longer than that for the layout to settle
  }

  function markReady() {
    kg.ready = true;
    kg.stats.readyMs = Math.round(performance.now());
    // a margin, so no label sticks out of the canvas (labels grow past their nodes when zoomed in)
    network.moveTo({ scale: network.getScale() * (network.getScale() > 1 ? 0.88 : 0.95) });
    document.getElementById("loading").hidden = true;
    updateStats();
    document.body.setAttribute("data-kg-ready", "true");
    followHash();
  }

  // graph.html#<node id> focuses a node; graph.html#claim=<claim id> opens a claim's evidence
  function followHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("claim=") === 0 && claimIndex.has(hash.slice(6))) selectClaim(claimIndex.get(hash.slice(6)), false);
    else if (nodeById.has(hash)) focusNode(hash);
  }

  function updateStats() {
    var s = kg.stats;
    s.nodes = nodes.length;
    s.edges = edges.length;
    s.visibleNodes = visibleNodes.size;
    s.visibleEdges = visibleEdges.size;
    s.drawnNodes = network.body.nodeIndices.length;
    s.drawnEdges = network.body.edgeIndices.length;
    s.claims = DATA.claims.length;
    s.cycles = DATA.cycles.length;
    var body = document.body;
    body.setAttribute("data-kg-nodes", String(s.nodes));
    body.setAttribute("data-kg-edges", String(s.edges));
    body.setAttribute("data-kg-visible-nodes", String(s.visibleNodes));
    body.setAttribute("data-kg-visible-edges", String(s.visibleEdges));
  }

  // ---- filters -------------------------------------------------------------------------------
  var kindOn = {};
  STYLES.kinds.forEach(function (s) { kindOn[s.kind] = s.shown; });
  var dirOn = {};
  STYLES.directions.forEach(function (s) { dirOn[s.direction] = true; });
  var biblioInput = document.getElementById("show-biblio");
  var cyclesInput = document.getElementById("show-cycles");
  var negatedInput = document.getElementById("show-negated");
  var confidenceInput = document.getElementById("min-confidence");
  var visibleNodes = new Set();
  var visibleEdges = new Set();

  function showCycles() {
    return document.getElementById("show-cycles").checked;
  }

  function nodeVisible(node) {
    var style = kindStyle[node.kind];
    var on = kindOn[node.kind] !== false;
    return on && !(style && style.bibliographic && !biblioInput.checked);
  }

  function edgeVisible(edge) {
    if (!visibleNodes.has(edge.from) || !visibleNodes.has(edge.to)) return false;
    if (edge.claim === undefined) return biblioInput.checked;
    var claim = DATA.claims[edge.claim];
    if (!dirOn[claim.direction] && dirOn[claim.direction] !== undefined) return false;
    if (claim.negated && !negatedInput.checked) return false;
    return claim.confidence + 1e-9 >= Number(confidenceInput.value);
  }

  function applyFilters() {
    var nodeChanges = [];
    DATA.nodes.forEach(function (node) {
      var show = nodeVisible(node);
      if (show !== visibleNodes.has(node.id)) nodeChanges.push({ id: node.id, hidden: !show });
      if (show) visibleNodes.add(node.id); else visibleNodes.delete(node.id);
    });
    var edgeChanges = [];
    DATA.edges.forEach(function (edge) {
      var show = edgeVisible(edge);
      if (show !== visibleEdges.has(edge.id)) edgeChanges.push({ id: edge.id, hidden: !show });
      if (show) visibleEdges.add(edge.id); else visibleEdges.delete(edge.id);
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    document.getElementById("min-confidence-value").textContent = Number(confidenceInput.value).toFixed(2);
    if (kg.ready) updateStats();
  }

  function initialVisibility() {
    // everything starts visible in the DataSets; hide what the defaults hide
    DATA.nodes.forEach(function (n) { visibleNodes.add(n.id); });
    DATA.edges.forEach(function (e) { visibleEdges.add(e.id); });
    applyFilters();
  }

  function buildLegend() {
    var counts = {};
    DATA.nodes.forEach(function (n) { counts[n.kind] = (counts[n.kind] || 0) + 1; });
    var list = document.getElementById("kinds");
    STYLES.kinds.forEach(function (style) {
      var count = counts[style.kind] || 0;
      if (!count) return;
      var box = el("input");
      box.type = "checkbox";
      box.checked = style.shown;
      box.dataset.kind = style.kind;
      box.addEventListener("change", function () { kindOn[style.kind] = box.checked; applyFilters(); });
      var row = el("li", null, [
        el("label", null, [box, shapeIcon(style.shape, style.color, style.border), style.label]),
        el("span", "count", [String(count)]),
      ]);
      list.appendChild(row);
    });
    var claimCounts = {};
    DATA.claims.forEach(function (c) { claimCounts[c.direction] = (claimCounts[c.direction] || 0) + 1; });
    var dirs = document.getElementById("directions");
    STYLES.directions.forEach(function (style) {
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.addEventListener("change", function () { dirOn[style.direction] = box.checked; applyFilters(); });
      dirs.appendChild(el("li", claimCounts[style.direction] ? null : "empty", [
        el("label", null, [box, lineIcon(style.color, 3, null, style.arrow), style.label]),
        el("span", "count", [String(claimCounts[style.direction] || 0)]),
      ]));
    });
    var key = document.getElementById("edge-key");
    key.appendChild(el("li", null, [lineIcon("#555", 3, "6 4", true), "dashed: every sentence is hedged (“may”)"]));
    key.appendChild(el("li", null, [lineIcon("#555", 3, "2 4", true), "dotted, ✕ not: negated claim"]));
    key.appendChild(el("li", null, [lineIcon("#555", 6, null, true), "thicker: higher confidence"]));
    key.appendChild(el("li", null, [lineIcon("#555", 2.5, null, true, STYLES.cycleColor), "glow: part of a feedback loop"]));
    key.appendChild(el("li", null, [lineIcon(BIBLIO_EDGE_STYLE.cites.color, 1.5, null, true), "cites / mentions (grey)"]));
  }

  // ---- tooltips (hover) ----------------------------------------------------------------------
  var tip = document.getElementById("tip");

  function showTip(content, pointer) {
    tip.replaceChildren(content);
    tip.hidden = false;
    var stage = container.getBoundingClientRect();
    var x = pointer.x + 16, y = pointer.y + 14;
    var width = tip.offsetWidth, height = tip.offsetHeight;
    if (x + width > stage.width - 8) x = Math.max(8, pointer.x - width - 16);
    if (y + height > stage.height - 8) y = Math.max(8, stage.height - height - 8);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function hideTip() {
    tip.hidden = true;
    tip.replaceChildren();
  }

  function nodeTip(id) {
    var node = nodeById.get(id);
    var box = el("div", null, [kindTag(node.kind), el("div", "title", [node.name])]);
    var work = DATA.works[id];
    if (work) {
      var line = [work.journal, work.year].filter(function (v) { return v; }).join(", ");
      if (line) box.appendChild(el("div", null, [line]));
      var ids = [work.pmid && "PMID " + work.pmid, work.pmcid, work.doi && "DOI " + work.doi]
        .filter(function (v) { return v; }).join(" · ");
      if (ids) box.appendChild(el("div", "num", [ids]));
      var fromHere = (claimsOfPaper.get(id) || []).length;
      if (fromHere) box.appendChild(el("div", "num", [plural(fromHere, "claim") + " with evidence here"]));
    } else {
      box.appendChild(el("div", "num", [id]));
      if (node.synonyms && node.synonyms.length) {
        box.appendChild(el("div", "num", ["also: " + node.synonyms.slice(0, 6).join(", ")]));
      }
      var count = (claimsOfNode.get(id) || []).length;
      if (count) box.appendChild(el("div", "num", [plural(count, "claim") + " · " + plural(node.evidence, "sentence")]));
    }
    box.appendChild(el("div", "num", ["click for details"]));
    return box;
  }

  function edgeTip(edgeId) {
    var edge = edgeById.get(edgeId);
    if (edge.claim === undefined) {
      var verb = { cites: "cites", similar_to: "is similar to", mentions: "mentions", has_mesh_heading: "is indexed with" };
      return el("div", null, [el("div", "title", [shortName(edge.from, 60)]), verb[edge.kind] || edge.kind,
        el("div", "title", [shortName(edge.to, 60)])]);
    }
    var claim = DATA.claims[edge.claim];
    var box = el("div", null, [el("div", "title", [claimSentence(claim)])]);
    box.appendChild(claimBadges(claim));
    claim.evidence.slice(0, 3).forEach(function (ev) {
      box.appendChild(el("div", "sentence", [ev.sentence, el("div", "num", [evidenceMarkers(ev)])]));
    });
    if (claim.evidenceTotal > 3) box.appendChild(el("div", "num", ["+ " + (claim.evidenceTotal - 3) + " more"]));
    box.appendChild(el("div", "num", ["click for every sentence and its paper"]));
    return box;
  }

  function evidenceMarkers(ev) {
    var parts = [shortName(ev.paper, 48), ev.section];
    if (ev.hedged) parts.push("hedged" + (ev.hedgeCue ? " (“" + ev.hedgeCue + "”)" : ""));
    if (ev.negated) parts.push("negated" + (ev.negationCue ? " (“" + ev.negationCue + "”)" : ""));
    return parts.filter(function (p) { return p; }).join(" · ");
  }

  function claimBadges(claim) {
    var badges = el("div", "badges", [
      badge("confidence " + claim.confidence.toFixed(2)),
      badge(plural(claim.papers.length, "paper")),
      badge(plural(claim.evidenceTotal, "sentence")),
    ]);
    if (claim.hedged) badges.appendChild(badge("hedged", "hedged"));
    if (claim.negated) badges.appendChild(badge("negated", "negated"));
    if (claim.cycle) badges.appendChild(badge("feedback loop", "loop"));
    return badges;
  }

  network.on("hoverNode", function (p) { showTip(nodeTip(p.node), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeTip(p.edge), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ---- details panel (click) -------------------------------------------------------------------
  var details = document.getElementById("details");

  function showPanel(children) {
    details.replaceChildren.apply(details, children.filter(function (c) { return c; }));
    details.scrollTop = 0;
  }

  function showNode(id) {
    var node = nodeById.get(id);
    if (!node) return;
    var parts = [kindTag(node.kind), el("h2", null, [node.name])];
    var work = DATA.works[id];
    if (work) {
      parts.push(workFacts(work), workLinks(work));
      var fromHere = claimsOfPaper.get(id) || [];
      if (fromHere.length) {
        parts.push(el("h3", null, ["Claims with evidence from this work"]));
        parts.push(el("ul", "rows", fromHere.map(function (i) { return claimLine(i, true, true); })));
      }
    } else {
      var facts = el("dl", "facts", [el("dt", null, ["Id"]), el("dd", null, [id])]);
      if (node.synonyms && node.synonyms.length) {
        facts.appendChild(el("dt", null, ["Also"]));
        facts.appendChild(el("dd", null, [node.synonyms.join(", ")]));
      }
      parts.push(facts);
      var mine = claimsOfNode.get(id) || [];
      var out = mine.filter(function (i) { return DATA.claims[i].subject === id; });
      var into = mine.filter(function (i) { return DATA.claims[i].subject !== id; });
      if (out.length) {
        parts.push(el("h3", null, ["What it does (" + out.length + ")"]));
        parts.push(el("ul", "rows", out.map(function (i) { return claimLine(i, false, true); })));
      }
      if (into.length) {
        parts.push(el("h3", null, ["What acts on it (" + into.length + ")"]));
        parts.push(el("ul", "rows", into.map(function (i) { return claimLine(i, true, false); })));
      }
    }
    var linked = (neighbours.get(id) || []).filter(function (n) { return n.edge.claim === undefined; });
    if (linked.length) {
      var title = work ? "Linked works and terms" : node.kind === "mesh_term" ? "Works indexed with it"
        : "Works that mention it";
      parts.push(el("h3", null, [title + " (" + linked.length + ")"]));
      parts.push(el("ul", "rows", linked.slice(0, 40).map(function (n) {
        var verb = { cites: n.outgoing ? "cites" : "cited by", similar_to: "similar", mentions: n.outgoing ? "mentions" : "mentioned in",
          has_mesh_heading: n.outgoing ? "MeSH" : "indexes" }[n.edge.kind] || n.edge.kind;
        return el("li", null, [el("span", "num", [verb + " "]), nodeButton(n.other)]);
      })));
      if (linked.length > 40) parts.push(el("p", "muted", ["and " + (linked.length - 40) + " more"]));
    }
    showPanel(parts);
  }

  function showClaim(index) {
    var claim = DATA.claims[index];
    var style = dirStyle[claim.direction] || { color: "#777", symbol: "" };
    var verb = el("span", "arrow", [(style.symbol ? style.symbol + " " : "") + claimVerb(claim)]);
    verb.style.color = style.color;
    var parts = [
      el("div", "kindtag", [lineIcon(style.color, 3, claim.hedged ? "6 4" : null, style.arrow), "Claim"]),
      el("h2", null, [nodeButton(claim.subject), " ", verb, " ", nodeButton(claim.object)]),
      claimBadges(claim),
    ];
    if (claim.contradicts.length) {
      parts.push(el("h3", null, ["Contradicted by"]));
      parts.push(el("ul", "rows", claim.contradicts.map(function (cid) {
        var other = claimIndex.get(cid);
        return other === undefined ? el("li", null, [cid]) : claimLine(other, true, true);
      })));
    }
    parts.push(el("h3", null, ["Evidence (" + claim.evidenceTotal + ")"]));
    parts.push(el("ol", "evidence", claim.evidence.map(function (ev) {
      var work = DATA.works[ev.paper];
      var meta = el("div", "meta", [nodeById.has(ev.paper) ? nodeButton(ev.paper) : shortName(ev.paper)]);
      var where = [ev.section && "section: " + ev.section];
      if (ev.hedged) where.push("hedged" + (ev.hedgeCue ? " (“" + ev.hedgeCue + "”)" : ""));
      if (ev.negated) where.push("negated" + (ev.negationCue ? " (“" + ev.negationCue + "”)" : ""));
      meta.appendChild(el("div", null, [where.filter(function (w) { return w; }).join(" · ")]));
      if (work) meta.appendChild(workLinks(work));
      return el("li", null, [el("blockquote", null, [ev.sentence]), meta]);
    })));
    if (claim.evidenceTotal > claim.evidence.length) {
      parts.push(el("p", "muted", ["Showing " + claim.evidence.length + " of " + claim.evidenceTotal +
        " sentences; claims.tsv lists them all."]));
    }
    showPanel(parts);
  }

  function showSummary() {
    var parts = [el("h2", null, ["Overview"])];
    parts.push(el("p", "help", [
      "Coloured nodes are concepts found in the papers' text; arrows between them are claims, coloured by " +
      "direction. Squares are papers and the works they cite. Click anything for its evidence.",
    ]));
    if (DATA.cycles.length) {
      parts.push(el("h3", null, ["Feedback loops (" + DATA.cycles.length + ")"]));
      parts.push(el("ul", "rows", DATA.cycles.map(function (cycle, i) {
        var names = cycle.nodes.concat([cycle.nodes[0]]).map(function (id) { return shortName(id, 28); });
        return el("li", null, [
          actionButton(names.join(" → "), function () { selectCycle(i); }, "Show this loop"),
          el("div", "num", [cycle.kind === "reinforcing" ? "reinforcing: a vicious (or virtuous) circle"
            : cycle.kind === "balancing" ? "balancing: the loop damps itself" : "mixed: a step is claimed both ways"]),
        ]);
      })));
    }
    if (DATA.claims.length) {
      var order = DATA.claims.map(function (c, i) { return i; }).sort(function (a, b) {
        var ca = DATA.claims[a], cb = DATA.claims[b];
        return cb.confidence - ca.confidence || cb.evidenceTotal - ca.evidenceTotal ||
          cb.papers.length - ca.papers.length || a - b;
      });
      parts.push(el("h3", null, ["Best-supported claims (" + Math.min(15, order.length) + " of " + order.length + ")"]));
      parts.push(el("ul", "rows", order.slice(0, 15).map(function (i) { return claimLine(i, true, true); })));
    } else {
      parts.push(el("p", "muted", ["No claims between concepts were found in these records."]));
    }
    showPanel(parts);
  }

  // ---- selection and focus ---------------------------------------------------------------------
  function revealNode(id) {
    var node = nodeById.get(id);
    if (!node || visibleNodes.has(id)) return;
    var style = kindStyle[node.kind];
    if (style && style.bibliographic) biblioInput.checked = true;
    kindOn[node.kind] = true;
    document.querySelectorAll("#kinds input").forEach(function (box) {
      box.checked = kindOn[box.dataset.kind] !== false;
    });
    applyFilters();
  }

  function focusNode(id) {
    if (!nodeById.has(id)) return;
    revealNode(id);
    network.selectNodes([id], false);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  function selectClaim(index, move) {
    var claim = DATA.claims[index];
    var edgeId = claimEdge[index];
    if (!visibleEdges.has(edgeId)) {
      revealNode(claim.subject);
      revealNode(claim.object);
    }
    network.setSelection({ nodes: [], edges: [edgeId] }, { unselectAll: true, highlightEdges: false });
    if (move) network.fit({ nodes: [claim.subject, claim.object], animation: { duration: 450 } });
    showClaim(index);
  }

  function selectCycle(i) {
    var cycle = DATA.cycles[i];
    var edgeIds = [];
    cycle.claims.forEach(function (step) {
      step.forEach(function (cid) { if (claimIndex.has(cid)) edgeIds.push(claimEdge[claimIndex.get(cid)]); });
    });
    cycle.nodes.forEach(revealNode);
    network.setSelection({ nodes: cycle.nodes, edges: edgeIds }, { unselectAll: true, highlightEdges: false });
    network.fit({ nodes: cycle.nodes, animation: { duration: 450 } });
  }

  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) {
      var edge = edgeById.get(p.edges[0]);
      if (edge.claim !== undefined) showClaim(edge.claim);
      else showPanel([el("h2", null, [shortName(edge.from)]), el("p", null, [edge.kind.replace(/_/g, " ")]),
        el("h2", null, [shortName(edge.to)])]);
    } else showSummary();
  });

  // ---- search ------------------------------------------------------------------------------------
  var searchInput = document.getElementById("search");
  var resultList = document.getElementById("search-results");
  var fold = function (s) { return String(s).toLowerCase().replace(/\s+/g, " ").trim(); };
  var index = DATA.nodes.map(function (n) {
    return { id: n.id, node: n, label: fold(n.name), names: (n.synonyms || []).map(fold), idText: fold(n.id) };
  });

  function search(query) {
    var q = fold(query);
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) {
      var score = -1, why = "";
      if (entry.label === q) score = 0;
      else if (entry.label.indexOf(q) === 0) score = 1;
      else if (entry.label.indexOf(q) > 0) score = 3;
      for (var i = 0; i < entry.names.length && score !== 0; i++) {
        var name = entry.names[i];
        var s = name === q ? 0.5 : name.indexOf(q) === 0 ? 2 : name.indexOf(q) > 0 ? 4 : -1;
        if (s >= 0 && (score < 0 || s < score)) { score = s; why = entry.node.synonyms[i]; }
      }
      if (score < 0 && entry.idText.indexOf(q) >= 0) { score = 5; why = entry.id; }
      if (score >= 0) hits.push({ id: entry.id, score: score, why: why, weight: entry.node.evidence });
    });
    hits.sort(function (a, b) {
      return a.score - b.score || b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    return hits.slice(0, 12);
  }
  kg.search = search;

  var activeResult = 0;
  function renderResults() {
    var hits = search(searchInput.value);
    activeResult = 0;
    resultList.replaceChildren.apply(resultList, hits.map(function (hit, i) {
      var node = nodeById.get(hit.id);
      var item = el("li", i === 0 ? "active" : null, [shortName(hit.id, 60),
        el("span", "why", [(kindStyle[node.kind] || { label: node.kind }).label + (hit.why ? " · " + hit.why : "")])]);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); chooseResult(hit.id); });
      return item;
    }));
    if (!hits.length && fold(searchInput.value)) resultList.appendChild(el("li", "muted", ["no match"]));
    resultList.hidden = !resultList.children.length;
    return hits;
  }

  function chooseResult(id) {
    resultList.hidden = true;
    focusNode(id);
  }

  searchInput.addEventListener("input", renderResults);
  searchInput.addEventListener("keydown", function (event) {
    var items = resultList.querySelectorAll("li");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!items.length) return;
      items[activeResult].classList.remove("active");
      activeResult = (activeResult + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[activeResult].classList.add("active");
    } else if (event.key === "Enter") {
      var hits = search(searchInput.value);
      if (hits.length) chooseResult(hits[Math.min(activeResult, hits.length - 1)].id);
    } else if (event.key === "Escape") {
      searchInput.value = "";
      resultList.hidden = true;
    }
  });
  searchInput.addEventListener("blur", function () { resultList.hidden = true; });
  searchInput.addEventListener("focus", function () { if (searchInput.value) renderResults(); });

  // ---- wiring ------------------------------------------------------------------------------------
  biblioInput.addEventListener("change", applyFilters);
  negatedInput.addEventListener("change", applyFilters);
  confidenceInput.addEventListener("input", applyFilters);
  cyclesInput.addEventListener("change", function () {
    var on = cyclesInput.checked;
    edges.update(DATA.edges.filter(function (e) { return e.claim !== undefined && DATA.claims[e.claim].cycle; })
      .map(function (e) { return { id: e.id, shadow: loopShadow(on) }; }));
  });

  function describe() {
    var summary = document.getElementById("summary");
    var concepts = 0, works = 0, headings = 0;
    DATA.nodes.forEach(function (n) {
      if (n.kind === "paper" || n.kind === "cited_work") works += 1;
      else if (n.kind === "mesh_term") headings += 1;
      else concepts += 1;
    });
    var counts = [plural(concepts, "concept"), plural(DATA.claims.length, "claim"), plural(works, "work")];
    if (headings) counts.push(plural(headings, "MeSH heading"));
    counts.push(plural(DATA.cycles.length, "feedback loop"));
    summary.textContent = counts.join(" · ");
    var notes = [];
    if (META.focus) {
      notes.push("Around “" + META.focus + "”: " + META.depth + (META.depth === 1 ? " hop" : " hops") +
        " (" + META.candidates + " of " + META.totalNodes + " nodes).");
    }
    if (META.capped) {
      notes.push("Showing the " + META.shownNodes + " most connected of " + META.candidates +
        " nodes" + (META.focus ? " in this neighbourhood" : "") + ", so the page stays fast. " +
        "Rebuild with --html-focus to see one neighbourhood whole.");
    }
    if (!META.physics) notes.push("Positions were computed ahead; drag nodes to rearrange.");
    var notice = document.getElementById("notice");
    notice.textContent = notes.join(" ");
    notice.hidden = !notes.length;
    if (META.focus) document.title = "kg: " + META.focus;
  }

  buildLegend();
  describe();
  initialVisibility();
  showSummary();
  window.addEventListener("hashchange", followHash);
  if (!DATA.nodes.length) {
    document.getElementById("loading").textContent = "The graph is empty: no records were read.";
    kg.ready = true;
    updateStats();
    document.body.setAttribute("data-kg-ready", "true");
  }
  kg.showNode = showNode;
  kg.showClaim = showClaim;
  kg.focusNode = focusNode;
  kg.selectCycle = selectCycle;
  kg.applyFilters = applyFilters;
  kg.edgeTip = edgeTip;
  kg.nodeTip = nodeTip;
})();
