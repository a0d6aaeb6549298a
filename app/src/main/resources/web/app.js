// The page of `scratchnet serve`: draw on #pad, send the drawing to /api/predict while drawing,
// and show the prepared 28×28 input, the ten probabilities and every layer's outputs.
'use strict';

const SIDE = 28;
const GRID_WIDTH = 260;     // a layer's grid of units is about this wide, in CSS pixels
const MIN_INTERVAL_MS = 80; // at most this often while drawing; one request in flight at a time

const state = {
  model: null,     // GET /api/model
  weights: null,   // GET /api/weights, or null when the first layer is not dense
  last: null,      // the last /api/predict answer
  sample: null,    // the test digit on the pad: {index, label}, or null for a drawing
  drawing: false,
  inFlight: false,
  dirty: false,    // the pad changed since the last request was sent
  lastSent: 0,
  timer: null,     // a send waiting for MIN_INTERVAL_MS to pass
  generation: 0,   // counts clears, so an answer that arrives after one is dropped
  predictions: 0,  // answers shown so far; tests wait on it
};
window.scratchnet = state;

const $ = (id) => document.getElementById(id);
const pad = $('pad');
const padContext = pad.getContext('2d');

function clearPad() {
  state.generation++;
  padContext.fillStyle = '#000';
  padContext.fillRect(0, 0, pad.width, pad.height);
  state.sample = null;
  state.last = null;
  $('sample').textContent = '';
  $('prediction').textContent = '?';
  $('confidence').textContent = 'Draw something to start.';
  $('verdict').hidden = true;
  drawPixels($('input'), new Array(SIDE * SIDE).fill(0));
  showBars(null);
  $('layers').replaceChildren();
  $('weights-view').hidden = true;
}

// ---- drawing with pointer events (mouse, pen and touch alike) ----

function padPoint(event) {
  const box = pad.getBoundingClientRect();
  return [(event.clientX - box.left) * pad.width / box.width, (event.clientY - box.top) * pad.height / box.height];
}

pad.addEventListener('pointerdown', (event) => {
  event.preventDefault();
  pad.setPointerCapture(event.pointerId);
  state.drawing = true;
  state.sample = null;
  $('sample').textContent = '';
  const [x, y] = padPoint(event);
  padContext.strokeStyle = '#fff';
  padContext.fillStyle = '#fff';
  padContext.lineWidth = 20;
  padContext.lineCap = 'round';
  padContext.lineJoin = 'round';
  padContext.beginPath();
  padContext.arc(x, y, padContext.lineWidth / 2, 0, 2 * Math.PI);
  padContext.fill();
  padContext.beginPath();
  padContext.moveTo(x, y);
  changed();
});

pad.addEventListener('pointermove', (event) => {
  if (!state.drawing) {
    return;
  }
  const [x, y] = padPoint(event);
  padContext.lineTo(x, y);
  padContext.stroke();
  padContext.beginPath();
  padContext.moveTo(x, y);
  changed();
});

for (const type of ['pointerup', 'pointercancel']) {
  pad.addEventListener(type, () => {
    if (state.drawing) {
      state.drawing = false;
      changed();
    }
  });
}

// Throttle: send now if nothing is in flight and the last request is old enough, else later.
function changed() {
  state.dirty = true;
  const wait = state.lastSent + MIN_INTERVAL_MS - performance.now();
  if (state.inFlight) {
    return; // the answer's handler sends again
  }
  if (wait > 0) {
    if (state.timer === null) {
      state.timer = setTimeout(() => {
        state.timer = null;
        changed();
      }, wait);
    }
    return;
  }
  sendPad();
}

function sendPad() {
  state.dirty = false;
  state.inFlight = true;
  state.lastSent = performance.now();
  const generation = state.generation;
  pad.toBlob((png) => predict(png, 'image/png', generation), 'image/png');
}

// `generation` is the pad's when the body was taken: an answer for a pad cleared since is dropped.
async function predict(body, type, generation = state.generation) {
  state.inFlight = true;
  try {
    const response = await fetch('api/predict', { method: 'POST', headers: { 'Content-Type': type }, body });
    const answer = await response.json();
    if (generation === state.generation) {
      status(response.ok ? '' : answer.error);
      if (response.ok) {
        show(answer);
      }
    }
  } catch (error) {
    status('The server did not answer (' + error.message + '). Is scratchnet serve still running?');
  } finally {
    state.inFlight = false;
    if (state.dirty) {
      changed();
    }
  }
}

// ---- showing an answer ----

function show(answer) {
  state.last = answer;
  const p = answer.probabilities;
  $('prediction').textContent = String(answer.predicted);
  $('confidence').textContent = percent(p[answer.predicted]) + ' sure';
  const verdict = $('verdict');
  verdict.hidden = state.sample === null;
  if (state.sample !== null) {
    const right = state.sample.label === answer.predicted;
    verdict.textContent = right ? 'Right: the label is ' + state.sample.label + '.'
      : 'Wrong: the label is ' + state.sample.label + ', the network says ' + answer.predicted + '.';
    verdict.className = right ? 'right' : 'wrong';
  }
  drawPixels($('input'), answer.input);
  showBars(answer);
  showLayers(answer.layers);
  state.predictions++;
  document.body.dataset.predictions = String(state.predictions);
}

function percent(p) {
  return (100 * p).toFixed(1) + '%';
}

function showBars(answer) {
  const bars = $('bars');
  if (bars.children.length === 0) {
    for (let digit = 0; digit < 10; digit++) {
      const item = document.createElement('li');
      item.innerHTML = '<span class="label"></span><span class="track"><span class="fill"></span></span><span class="value"></span>';
      item.querySelector('.label').textContent = String(digit);
      bars.append(item);
    }
  }
  [...bars.children].forEach((item, digit) => {
    const p = answer ? answer.probabilities[digit] : 0;
    item.dataset.probability = answer ? String(p) : '';
    item.querySelector('.fill').style.width = (100 * Math.max(0, Math.min(1, p))) + '%';
    item.querySelector('.value').textContent = answer ? percent(p) : '';
    item.classList.toggle('predicted', !!answer && digit === answer.predicted);
    item.classList.toggle('truth', state.sample !== null && digit === state.sample.label);
  });
}

/** Grey 28×28 picture from 784 values 0..255, drawn into a 28×28 canvas that CSS scales up. */
function drawPixels(canvas, pixels) {
  const context = canvas.getContext('2d');
  const image = context.createImageData(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const v = Math.round(pixels[i]);
    image.data.set([v, v, v, 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
}

// Colour of one output: blue below zero, black at zero, through orange to pale yellow at the layer's largest |value|.
function colour(value, scale) {
  const t = scale > 0 ? Math.max(-1, Math.min(1, value / scale)) : 0;
  if (t < 0) {
    const s = -t;
    return `rgb(${Math.round(20 + 30 * s)}, ${Math.round(24 + 110 * s)}, ${Math.round(34 + 200 * s)})`;
  }
  return `rgb(${Math.round(20 + 235 * Math.min(1, 1.6 * t))}, ${Math.round(24 + 206 * t * t)}, ${Math.round(34 + 90 * t * t * t)})`;
}

function showLayers(layers) {
  const container = $('layers');
  if (container.children.length !== layers.length) {
    container.replaceChildren(...layers.map(makeLayerCard));
  }
  layers.forEach((layer, k) => drawLayer(container.children[k], layer, k === layers.length - 1));
}

function makeLayerCard(layer, k) {
  const card = document.createElement('figure');
  card.className = 'layer';
  const caption = document.createElement('figcaption');
  const title = document.createElement('strong');
  title.textContent = 'Layer ' + (k + 1) + ' · ' + layer.name;
  const detail = document.createElement('span');
  detail.className = 'note unit-detail';
  caption.append(title, detail);
  const canvas = document.createElement('canvas');
  card.append(caption, canvas);
  canvas.addEventListener('mousemove', (event) => {
    card.hovering = true;
    hoverUnit(card, event);
  });
  canvas.addEventListener('mouseleave', () => {
    card.hovering = false;
    card.hoveredUnit = undefined;
    if (card.layer) {
      drawLayer(card, card.layer, card.isOutput);
    }
    detail.textContent = card.dataset.summary || '';
  });
  return card;
}

// Units as a grid: feature maps side by side when the layer has a [channels, height, width] shape,
// else one square per unit, as close to a square block as the count allows; the output layer in one row.
function layout(layer, isOutput) {
  const n = layer.values.length;
  if (layer.shape) {
    const [c, h, w] = layer.shape;
    return { maps: c, rows: h, cols: w, gap: 6 };
  }
  return { maps: 1, rows: Math.ceil(n / columns(n, isOutput)), cols: columns(n, isOutput), gap: 0 };
}

// About twice as wide as high; a width that divides the count when there is one nearby, so no row is ragged.
function columns(n, isOutput) {
  if (isOutput) {
    return n;
  }
  const wide = Math.ceil(Math.sqrt(2 * n));
  for (let c = wide; c <= 2 * wide; c++) {
    if (n % c === 0) {
      return c;
    }
  }
  return wide;
}

function drawLayer(card, layer, isOutput) {
  const grid = layout(layer, isOutput);
  const cell = layer.shape ? Math.max(3, Math.floor(GRID_WIDTH / 2 / grid.cols))
    : Math.max(6, Math.min(isOutput ? 30 : 26, Math.floor(GRID_WIDTH / grid.cols)));
  const mapWidth = grid.cols * cell;
  const canvas = card.querySelector('canvas');
  const width = grid.maps * mapWidth + (grid.maps - 1) * grid.gap;
  const height = grid.rows * cell + (isOutput ? 16 : 0);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, width, height);
  let scale = 0;
  for (const v of layer.values) {
    scale = Math.max(scale, Math.abs(v));
  }
  const perMap = grid.rows * grid.cols;
  layer.values.forEach((v, i) => {
    const map = Math.floor(i / perMap);
    const j = i % perMap;
    const x = map * (mapWidth + grid.gap) + (j % grid.cols) * cell;
    const y = Math.floor(j / grid.cols) * cell;
    context.fillStyle = colour(v, scale);
    context.fillRect(x + 1, y + 1, cell - 2, cell - 2);
  });
  if (card.hoveredUnit !== undefined && card.hoveredUnit < layer.values.length) {
    const u = card.hoveredUnit;
    const map = Math.floor(u / perMap);
    const j = u % perMap;
    context.strokeStyle = '#0ea5e9';
    context.lineWidth = 2;
    context.strokeRect(map * (mapWidth + grid.gap) + (j % grid.cols) * cell + 1, Math.floor(j / grid.cols) * cell + 1,
      cell - 2, cell - 2);
  }
  if (isOutput) {
    context.fillStyle = '#475569';
    context.font = '12px system-ui, sans-serif';
    context.textAlign = 'center';
    for (let i = 0; i < layer.values.length; i++) {
      context.fillText(String(i), i * cell + cell / 2, grid.rows * cell + 13);
    }
  }
  card.layer = layer;
  card.isOutput = isOutput;
  card.grid = { ...grid, cell, mapWidth };
  const units = layer.values.length + ' units';
  const active = layer.values.filter((v) => v > 0).length;
  card.dataset.summary = isOutput
    ? units + ' · raw scores (logits), before softmax turns them into the probabilities above'
    : units + ' · ' + active + ' above zero · largest ' + scale.toFixed(2);
  const detail = card.querySelector('.unit-detail');
  if (!card.hovering) {
    detail.textContent = card.dataset.summary;
  }
}

// ---- hovering a unit: its value, and for the first layer its incoming weights as a picture ----

function hoverUnit(card, event) {
  const layer = card.layer;
  const grid = card.grid;
  if (!layer) {
    return;
  }
  const box = event.target.getBoundingClientRect();
  const x = event.clientX - box.left;
  const y = event.clientY - box.top;
  const map = Math.floor(x / (grid.mapWidth + grid.gap));
  const col = Math.floor((x - map * (grid.mapWidth + grid.gap)) / grid.cell);
  const row = Math.floor(y / grid.cell);
  if (col < 0 || col >= grid.cols || row < 0 || row >= grid.rows) {
    return;
  }
  const unit = map * grid.rows * grid.cols + row * grid.cols + col;
  if (unit >= layer.values.length) {
    return;
  }
  card.querySelector('.unit-detail').textContent = 'unit ' + unit + ' outputs ' + layer.values[unit].toFixed(3);
  if (card.hoveredUnit !== unit) {
    card.hoveredUnit = unit;
    drawLayer(card, layer, card.isOutput);
  }
  if (!state.weights || state.weights.layer !== layer.index) {
    return;
  }
  showWeights(unit, layer.values[unit]);
}

function showWeights(unit, output) {
  const w = state.weights.weights[unit];
  let scale = 0;
  for (const v of w) {
    scale = Math.max(scale, Math.abs(v));
  }
  const canvas = $('weights');
  const context = canvas.getContext('2d');
  const image = context.createImageData(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const t = scale > 0 ? w[i] / scale : 0;
    // White at zero, red for positive weights, blue for negative.
    const rgb = t >= 0 ? [255, 255 * (1 - t), 255 * (1 - t)] : [255 * (1 + t), 255 * (1 + t * 0.6), 255];
    image.data.set([...rgb.map(Math.round), 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
  $('weights-caption').textContent = 'Unit ' + unit + ' of layer 1 outputs ' + output.toFixed(3)
    + ': the sum of pixel × weight over these 784 pixels, plus a bias, through the activation.';
  $('weights-view').hidden = false;
}

// ---- test digits (serve --data) ----

async function loadDigit(query) {
  status('');
  try {
    const response = await fetch('api/digit?' + query);
    const digit = await response.json();
    if (!response.ok) {
      status(digit.error);
      return;
    }
    // Show the test image on the pad, ten times larger, so drawing over it still works.
    const small = document.createElement('canvas');
    small.width = SIDE;
    small.height = SIDE;
    drawPixels(small, digit.pixels);
    padContext.imageSmoothingEnabled = true;
    padContext.drawImage(small, 0, 0, pad.width, pad.height);
    state.sample = { index: digit.index, label: digit.label };
    $('sample').textContent = 'Test image ' + digit.index + ', labelled ' + digit.label + ' by a person.';
    await predict(JSON.stringify(digit.pixels), 'application/json');
  } catch (error) {
    status('Could not load a test digit (' + error.message + ').');
  }
}

function randomBelow(n) {
  return Math.floor(Math.random() * n);
}

function status(text) {
  $('status').textContent = text || '';
  $('status').hidden = !text;
}

async function start() {
  clearPad();
  status('');
  $('clear').addEventListener('click', clearPad);
  $('random').addEventListener('click', () => loadDigit('index=' + randomBelow(state.model.testDigits)));
  $('wrong').addEventListener('click', () => loadDigit('misclassified=' + randomBelow(state.model.misclassified)));
  try {
    const response = await fetch('api/model');
    state.model = await response.json();
    const m = state.model;
    $('model').textContent = m.model + ': ' + m.architecture + ', ' + m.parameters.toLocaleString('en') + ' weights and biases';
    $('random').hidden = !(m.testDigits > 0);
    $('wrong').hidden = !(m.misclassified > 0);
    if (m.testDigits > 0) {
      $('random').title = 'One of the ' + m.testDigits + ' MNIST test images';
      $('wrong').title = 'One of the ' + m.misclassified + ' test images this model misclassifies';
    }
    const weights = await fetch('api/weights');
    if (weights.ok) {
      state.weights = await weights.json();
      $('weights-hint').hidden = false;
    }
  } catch (error) {
    status('Could not reach the server (' + error.message + ').');
  }
}

start();
