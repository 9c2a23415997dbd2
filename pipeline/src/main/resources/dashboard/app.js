// The Argus operations dashboard. It reads one JSON snapshot a second from GET /events (server-sent events) and
// renders it; the what-if panel loads an alerted transaction's features from GET /api/features/{id} and rescores
// them through POST /api/whatif. Text from the topics is always set with textContent, never parsed as HTML.
'use strict';

const STALE_SECONDS = 5;
const COLORS = { transactions: '#2f6fd6', scores: '#7a4fd0', band: '#2f6fd6', actual: '#1b2533', grid: '#e3e8ef',
                 muted: '#66758a', warn: '#d98a1a' };
const LATENCY_STAGES = ['queue', 'model', 'explain', 'total'];

const page = {
  config: null,
  charts: {},
  alertsShown: '',              // ids of the alerts on screen, to re-render the feed only when it changes
  forecastSeries: null,
  renderErrors: 0,              // panels that failed to render; the browser test reads it
  lastEventAt: 0,
};

// ---- small helpers ---------------------------------------------------------------------------------------------

function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name.startsWith('data-')) element.setAttribute(name, value);
    else element[name] = value;
  }
  for (const child of children) {
    if (child !== null && child !== undefined) element.append(child);
  }
  return element;
}

function byId(id) { return document.getElementById(id); }

function setText(id, text) { byId(id).textContent = text; }

function formatRate(value) {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(1);
}

function formatCount(value) { return Number(value).toLocaleString('en-US'); }

function formatMillis(value, samples) {
  if (!samples) return '–';
  if (value >= 1000) return (value / 1000).toFixed(2) + ' s';
  if (value >= 10) return value.toFixed(0) + ' ms';
  return value.toFixed(2) + ' ms';
}

function formatTime(epochMillis) {
  return new Date(epochMillis).toLocaleTimeString('en-GB', { hour12: false });
}

function formatDateTime(epochMillis) {
  const date = new Date(epochMillis);
  return date.toLocaleDateString('en-CA') + ' ' + date.toLocaleTimeString('en-GB', { hour12: false, hour: '2-digit', minute: '2-digit' });
}

function formatSigned(value) { return (value >= 0 ? '+' : '−') + Math.abs(value).toFixed(3); }

function formatFeatureValue(value) {
  if (value === null || value === undefined) return '';
  return Number.isInteger(value) ? String(value) : Number(value).toPrecision(4).replace(/\.?0+$/, '');
}

// Green for low scores through amber to red for high ones: a reading aid, not the decision thresholds.
function riskColor(score) {
  const stops = [[46, 139, 110], [217, 138, 26], [212, 72, 59]];
  const position = Math.min(1, Math.max(0, score)) * (stops.length - 1);
  const low = stops[Math.floor(position)];
  const high = stops[Math.ceil(position)];
  const mix = position - Math.floor(position);
  return 'rgb(' + low.map((channel, i) => Math.round(channel + (high[i] - channel) * mix)).join(',') + ')';
}

function chart(id) {
  if (!page.charts[id]) page.charts[id] = echarts.init(byId(id), null, { renderer: 'canvas' });
  return page.charts[id];
}

function showEmpty(id, text) {
  chart(id).setOption({ title: { text, left: 'center', top: 'middle', textStyle: { color: COLORS.muted, fontSize: 13, fontWeight: 400 } } }, true);
}

const AXIS = {
  axisLine: { lineStyle: { color: COLORS.grid } },
  axisLabel: { color: COLORS.muted, fontSize: 11 },
  splitLine: { lineStyle: { color: COLORS.grid } },
};

// ---- explanation bars (alert feed and what-if) -----------------------------------------------------------------

function explanationBars(contributions, caption) {
  const container = el('div', { class: 'bars' });
  if (caption) container.append(el('div', { class: 'bars-caption', text: caption }));
  const largest = Math.max(...contributions.map(c => Math.abs(c.value)), 1e-12);
  for (const contribution of contributions) {
    const name = el('div', { class: 'bar-name', title: contribution.name, text: contribution.name });
    if (contribution.feature_value !== null && contribution.feature_value !== undefined) {
      name.append(el('span', { class: 'feature-value', text: ' = ' + formatFeatureValue(contribution.feature_value) }));
    }
    const width = (Math.abs(contribution.value) / largest) * 50;
    const bar = el('div', { class: 'bar contribution ' + (contribution.value >= 0 ? 'positive' : 'negative'),
                            'data-name': contribution.name, 'data-value': String(contribution.value) });
    bar.style.width = width.toFixed(2) + '%';
    container.append(name, el('div', { class: 'bar-track' }, bar),
                     el('div', { class: 'bar-value', text: formatSigned(contribution.value) }));
  }
  return container;
}

// ---- panels ----------------------------------------------------------------------------------------------------

function renderKpis(snapshot) {
  const rates = snapshot.rates;
  const records = snapshot.records_by_topic;
  setText('kpi-transactions-rate', formatRate(rates.transactions_per_second));
  setText('kpi-transactions-total', formatCount(records['transactions'] || 0));
  setText('kpi-scores-rate', formatRate(rates.scores_per_second));
  setText('kpi-scores-total', formatCount(records['fraud-scores'] || 0));
  setText('kpi-alerts-rate', formatRate(rates.alerts_per_minute));
  setText('kpi-alerts-total', formatCount(snapshot.alerts.total));
  const total = snapshot.latency.total;
  setText('kpi-latency-p99', formatMillis(total.p99, total.samples));
  setText('kpi-latency-p50', formatMillis(total.p50, total.samples));
  setText('kpi-latency-p999', formatMillis(total.p999, total.samples));
  setText('kpi-dead-letters', formatCount(snapshot.dead_letters.total));
  setText('kpi-dead-letters-rate', formatRate(rates.rejected_per_second));
  const serving = snapshot.models.serving;
  if (serving.length > 0) {
    const current = serving[0];
    const recent = serving.reduce((sum, model) => sum + model.scores, 0);
    setText('kpi-model', current.model_name + ' ' + current.model_version);
    setText('kpi-model-note', Math.round(100 * current.scores / recent) + ' % of scores read');
  }
  setText('throughput-note', 'records each second of the last ' + snapshot.throughput.transactions.length / 60
    + ' minutes, by record time');
  const unreadable = Object.entries(snapshot.unreadable_by_topic);
  const unreadableChip = byId('unreadable');
  unreadableChip.hidden = unreadable.length === 0;
  if (unreadable.length > 0) {
    const count = unreadable.reduce((sum, [, value]) => sum + value, 0);
    unreadableChip.textContent = formatCount(count) + ' unreadable records';
    unreadableChip.title = unreadable.map(([topic, value]) => topic + ': ' + value).join('\n');
  }
}

function renderThroughput(snapshot) {
  const throughput = snapshot.throughput;
  const points = counts => counts.map((count, second) => [throughput.start + second * 1000, count]);
  chart('chart-throughput').setOption({
    animation: false,
    grid: { left: 48, right: 16, top: 30, bottom: 28 },
    legend: { top: 0, right: 0, textStyle: { color: COLORS.muted }, icon: 'roundRect', itemHeight: 4 },
    tooltip: { trigger: 'axis', valueFormatter: value => formatCount(value) + ' / s' },
    xAxis: { type: 'time', ...AXIS, splitLine: { show: false } },
    yAxis: { type: 'value', min: 0, minInterval: 1, ...AXIS },
    series: [
      { name: 'transactions / s', type: 'line', showSymbol: false, color: COLORS.transactions,
        areaStyle: { opacity: 0.08 }, data: points(throughput.transactions) },
      { name: 'scores / s', type: 'line', showSymbol: false, color: COLORS.scores, data: points(throughput.scores) },
    ],
  });
}

function renderLatency(snapshot) {
  const body = byId('latency-table').querySelector('tbody');
  body.replaceChildren(...LATENCY_STAGES.map(stage => {
    const percentiles = snapshot.latency[stage];
    return el('tr', { 'data-stage': stage },
      el('td', {}, stage, el('span', { class: 'samples', text: formatCount(percentiles.samples) + ' samples' })),
      el('td', { text: formatMillis(percentiles.p50, percentiles.samples) }),
      el('td', { class: 'p99', text: formatMillis(percentiles.p99, percentiles.samples) }),
      el('td', { text: formatMillis(percentiles.p999, percentiles.samples) }));
  }));
}

function renderScores(snapshot) {
  const scores = snapshot.scores;
  setText('scores-note', formatCount(scores.samples) + ' most recent scores');
  if (scores.samples === 0) {
    showEmpty('chart-scores', 'No scores yet');
  } else {
    const labels = scores.histogram.map((_, bin) => (bin * scores.bin_width).toFixed(2));
    chart('chart-scores').setOption({
      title: { show: false },
      animation: false,
      grid: { left: 44, right: 8, top: 10, bottom: 28 },
      tooltip: { trigger: 'axis', formatter: items => 'score ' + items[0].name + '–'
        + (Number(items[0].name) + scores.bin_width).toFixed(2) + ': ' + formatCount(items[0].data.count) },
      xAxis: { type: 'category', data: labels, ...AXIS, axisLabel: { ...AXIS.axisLabel, interval: 3 } },
      yAxis: { type: 'log', min: 1, logBase: 10, ...AXIS },
      series: [{ type: 'bar', barCategoryGap: '8%', data: scores.histogram.map((count, bin) => ({
        value: count > 0 ? count : null, count,
        itemStyle: { color: riskColor((bin + 0.5) * scores.bin_width) },
      })) }],
    }, true);
  }
  byId('decisions').replaceChildren(...Object.entries(scores.decisions).map(([decision, count]) =>
    el('span', {}, el('span', { class: 'pill ' + decision, text: decision }), ' ', el('strong', { text: formatCount(count) }))));
}

function renderAlerts(snapshot) {
  const alerts = snapshot.alerts.recent;
  const kinds = Object.entries(snapshot.alerts.by_kind).map(([kind, count]) => kind.toLowerCase().replace('_', ' ') + ' ' + count);
  setText('alerts-note', 'newest first' + (kinds.length ? ' · since start: ' + kinds.join(' · ') : ''));
  renderWhatIfChoices(alerts);
  const shown = alerts.map(alert => alert.alert_id + (alert.features_held ? '+' : '')).join(',');
  if (shown === page.alertsShown) return;
  page.alertsShown = shown;
  const feed = byId('alert-feed');
  if (alerts.length === 0) {
    feed.replaceChildren(el('p', { class: 'empty', text: 'No alerts yet.' }));
    return;
  }
  feed.replaceChildren(...alerts.map(alertCard));
}

function alertCard(alert) {
  const references = Object.entries(alert.references).map(([key, value]) => key + '=' + value).join('  ');
  const head = el('div', { class: 'alert-head' },
    el('span', { class: 'pill ' + alert.severity, text: alert.severity }),
    el('span', { text: alert.kind.replace('_', ' ') }),
    el('span', { text: formatTime(alert.created_at) }),
    el('span', { class: 'spacer' }));
  if (alert.features_held) {
    head.append(el('button', { type: 'button', class: 'link', text: 'What-if →',
                               onclick: () => loadWhatIf(alert.transaction_id) }));
  }
  const card = el('div', { class: 'alert-card severity-' + alert.severity, 'data-alert-id': alert.alert_id },
    head,
    el('div', { class: 'alert-message', text: alert.message }),
    references ? el('div', { class: 'alert-references', text: references }) : null);
  if (alert.contributions.length > 0) {
    card.append(explanationBars(alert.contributions, 'Why: SHAP contributions to the fraud score (red raises it, green lowers it)'));
  }
  return card;
}

function renderForecast(snapshot) {
  const select = byId('forecast-series');
  const names = snapshot.forecasts.map(series => series.series);
  if (names.length === 0) {
    showEmpty('chart-forecast', 'No forecast yet');
    return;
  }
  if (select.options.length !== names.length) {
    select.replaceChildren(...names.map(name => el('option', { value: name, text: name })));
    select.hidden = names.length < 2;
    if (!names.includes(page.forecastSeries)) page.forecastSeries = names.includes('count/all') ? 'count/all' : names[0];
    select.value = page.forecastSeries;
  }
  const series = snapshot.forecasts.find(candidate => candidate.series === page.forecastSeries) || snapshot.forecasts[0];
  const level = Math.round(series.interval_level * 100);
  const hourly = series.step_seconds >= 3600;
  const step = hourly ? (series.step_seconds / 3600) + ' h' : (series.step_seconds / 60) + ' min';
  setText('forecast-note', series.series + ' per ' + step + ' · ' + series.method + ' · ' + level
    + ' % interval · issued ' + (hourly ? formatDateTime : formatTime)(series.issue_time));
  chart('chart-forecast').setOption({
    title: { show: false },
    animation: false,
    grid: { left: 56, right: 16, top: 30, bottom: 28 },
    legend: { top: 0, right: 0, data: ['actual', 'forecast', level + ' % interval'], textStyle: { color: COLORS.muted } },
    tooltip: { trigger: 'axis', formatter: items => forecastTooltip(series, items[0].axisValue) },
    xAxis: { type: 'time', ...AXIS, splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...AXIS },
    series: [
      { name: 'lower', type: 'line', stack: 'interval', symbol: 'none', lineStyle: { opacity: 0 },
        data: series.forecast.map(point => [point.time, point.lower]) },
      { name: level + ' % interval', type: 'line', stack: 'interval', symbol: 'none', lineStyle: { opacity: 0 },
        color: COLORS.band, areaStyle: { color: COLORS.band, opacity: 0.15 },
        data: series.forecast.map(point => [point.time, point.upper - point.lower]) },
      { name: 'forecast', type: 'line', symbol: 'none', color: COLORS.band, lineStyle: { type: 'dashed', width: 1.5 },
        data: series.forecast.map(point => [point.time, point.mean]) },
      { name: 'actual', type: 'line', symbol: 'circle', symbolSize: 4, color: COLORS.actual, lineStyle: { width: 2 },
        data: series.actual.map(point => [point.time, point.value]) },
    ],
  }, true);
}

function forecastTooltip(series, time) {
  const point = series.forecast.find(candidate => candidate.time === time);
  const actual = series.actual.find(candidate => candidate.time === time);
  const lines = [(series.step_seconds >= 3600 ? formatDateTime : formatTime)(time)];
  if (actual) lines.push('actual ' + formatCount(Math.round(actual.value)));
  if (point) {
    lines.push('forecast ' + formatCount(Math.round(point.mean)) + ' (' + formatCount(Math.round(point.lower)) + '–'
      + formatCount(Math.round(point.upper)) + ')');
  }
  return lines.join('<br>');
}

function renderDeadLetters(snapshot) {
  const reasons = Object.entries(snapshot.dead_letters.by_reason).sort((a, b) => a[1] - b[1]);
  if (reasons.length === 0) {
    showEmpty('chart-dead-letters', 'No dead letters');
    return;
  }
  chart('chart-dead-letters').setOption({
    title: { show: false },
    animation: false,
    grid: { left: 150, right: 40, top: 6, bottom: 20 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, ...AXIS },
    yAxis: { type: 'category', data: reasons.map(([reason]) => reason), ...AXIS, axisTick: { show: false } },
    series: [{ type: 'bar', color: COLORS.warn, barMaxWidth: 18,
               label: { show: true, position: 'right', color: COLORS.muted, fontSize: 11 },
               data: reasons.map(([, count]) => count) }],
  }, true);
}

function renderModels(snapshot) {
  const releases = snapshot.models.releases;
  const metricNames = [...new Set(releases.flatMap(release => Object.keys(release.metrics)))].sort().slice(0, 4);
  const table = byId('releases');
  table.querySelector('thead').replaceChildren(el('tr', {},
    el('th', { text: 'model' }), el('th', { text: 'status' }),
    ...metricNames.map(name => el('th', { class: 'metric', text: name.replaceAll('_', ' ') })),
    el('th', { text: 'released' })));
  const rows = releases.map(release => el('tr', {},
    el('td', {}, el('strong', { text: release.name }), ' ' + release.version),
    el('td', {}, el('span', { class: 'pill ' + release.status, text: release.status.replaceAll('_', ' ') })),
    ...metricNames.map(name => el('td', { class: 'metric',
      text: release.metrics[name] === undefined ? '–' : release.metrics[name].toFixed(3) })),
    el('td', { class: 'muted', text: formatDateTime(release.released_at) })));
  table.querySelector('tbody').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { class: 'muted', colSpan: 3, text: 'No model released yet.' }))]));
  byId('history').replaceChildren(...snapshot.models.history.map(entry => el('li', { class: 'level-' + entry.level },
    el('div', { class: 'when', text: formatDateTime(entry.time) + ' · ' + ({ RELEASE: 'release', DECISION: 'model decision' }[entry.kind] || 'model alert') }),
    el('div', {}, el('strong', { text: entry.title }), ' ',
       el('span', { class: 'pill ' + entry.level, text: entry.level.replaceAll('_', ' ') })),
    entry.detail ? el('div', { class: 'muted', text: entry.detail }) : null)));
}

// ---- what-if ---------------------------------------------------------------------------------------------------

function renderWhatIfChoices(alerts) {
  const select = byId('whatif-transaction');
  const held = alerts.filter(alert => alert.features_held && alert.transaction_id);
  const key = held.map(alert => alert.transaction_id).join(',');
  if (select.dataset.key === key) return;
  select.dataset.key = key;
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '', text: held.length ? 'Pick an alerted transaction…' : 'No alerted transaction held yet' }),
    ...held.map(alert => el('option', { value: alert.transaction_id,
      text: alert.transaction_id + ' · ' + formatTime(alert.created_at) + ' · ' + alert.severity.toLowerCase() })));
  if (held.some(alert => alert.transaction_id === chosen)) select.value = chosen;
}

function whatIfMessage(text, isError) {
  const message = byId('whatif-message');
  message.hidden = !text;
  message.textContent = text || '';
  message.classList.toggle('error', Boolean(isError));
}

async function loadWhatIf(transactionId) {
  if (!transactionId) return;
  byId('whatif-transaction').value = transactionId;
  byId('whatif').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  const response = await fetch('/api/features/' + encodeURIComponent(transactionId));
  const body = await response.json();
  if (!response.ok) {
    whatIfMessage(body.error, true);
    return;
  }
  page.whatIfTransaction = body;
  renderWhatIfForm(body);
  byId('whatif-result').hidden = true;
  whatIfMessage(page.config && !page.config.scorer_configured
    ? 'No scorer is configured: start the dashboard with --scorer-url to rescore.' : '', false);
}

function renderWhatIfForm(features) {
  const values = byId('whatif-values');
  values.replaceChildren(...page.config.static_features.flatMap(feature => [
    el('label', { htmlFor: 'value-' + feature.name, title: feature.description, text: feature.name }),
    el('input', { id: 'value-' + feature.name, type: 'number', step: 'any', name: feature.name,
                  value: features.features[feature.name] }),
  ]));
  const header = el('tr', {}, el('th', { text: '#' }),
    ...page.config.sequence_features.map(feature => el('th', { title: feature.description, text: feature.name.replace('SEQ_', '') })));
  const rows = features.sequence.map((step, index) => el('tr', {},
    el('th', { text: String(index - features.sequence.length + 1) }),
    ...page.config.sequence_features.map(feature => el('td', {},
      el('input', { type: 'number', step: 'any', value: step[feature.name], 'data-step': String(index), name: feature.name })))));
  byId('whatif-sequence').replaceChildren(el('table', {}, el('thead', {}, header), el('tbody', {}, ...rows)));
  byId('whatif-form').hidden = false;
}

// The scorer's POST /score body: the transaction id, every static feature by name, and the sequence.
function whatIfRequest() {
  const features = {};
  for (const input of byId('whatif-values').querySelectorAll('input')) features[input.name] = Number(input.value);
  const sequence = page.whatIfTransaction.sequence.map(() => ({}));
  for (const input of byId('whatif-sequence').querySelectorAll('input')) {
    sequence[Number(input.dataset.step)][input.name] = Number(input.value);
  }
  return { transaction_id: page.whatIfTransaction.transaction_id, features, sequence };
}

async function rescore(event) {
  event.preventDefault();
  whatIfMessage('Scoring…', false);
  let response;
  let body;
  try {
    response = await fetch('/api/whatif', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                            body: JSON.stringify(whatIfRequest()) });
    body = await response.json();
  } catch (error) {
    whatIfMessage('The dashboard did not answer: ' + error.message, true);
    return;
  }
  if (!response.ok) {
    whatIfMessage(body.error || 'The scorer failed (HTTP ' + response.status + ')', true);
    byId('whatif-result').hidden = true;
    return;
  }
  whatIfMessage('', false);
  setText('whatif-score-value', Number(body.score).toFixed(3));
  const decision = byId('whatif-decision');
  decision.textContent = body.decision || '';
  decision.className = 'pill ' + (body.decision || '');
  setText('whatif-model', body.model ? 'by ' + body.model.name + ' ' + body.model.version : '');
  const explanation = body.explanation;
  byId('whatif-bars').replaceChildren(explanation && explanation.contributions.length
    ? explanationBars(explanation.contributions, 'base value ' + Number(explanation.base_value).toFixed(3))
    : el('p', { class: 'empty', text: 'No explanation: the score is below the scorer\'s explain threshold.' }));
  byId('whatif-result').hidden = false;
}

// ---- wiring ----------------------------------------------------------------------------------------------------

function render(snapshot) {
  const panels = [renderKpis, renderThroughput, renderLatency, renderScores, renderAlerts, renderForecast,
                  renderDeadLetters, renderModels];
  for (const panel of panels) {
    try {
      panel(snapshot);
    } catch (error) {
      page.renderErrors += 1;
      document.body.dataset.renderErrors = String(page.renderErrors);
      console.error('cannot render ' + panel.name, error);
    }
  }
  setText('updated', 'updated ' + formatTime(snapshot.generated_at));
}

function setConnection(text, live) {
  const connection = byId('connection');
  connection.textContent = text;
  connection.className = 'chip ' + (live ? 'chip-live' : 'chip-muted');
}

function connect() {
  const events = new EventSource('/events');
  events.addEventListener('snapshot', event => {
    page.lastEventAt = Date.now();
    setConnection('Live', true);
    render(JSON.parse(event.data));
  });
  events.onerror = () => setConnection('Reconnecting…', false);
  // Snapshots come once a second; silence means the dashboard stopped reading the topics.
  setInterval(() => {
    const silentSeconds = Math.round((Date.now() - page.lastEventAt) / 1000);
    if (page.lastEventAt && silentSeconds >= STALE_SECONDS) setConnection('No update for ' + silentSeconds + ' s', false);
  }, 1000);
}

async function start() {
  page.config = await (await fetch('/api/config')).json();
  if (!page.config.scorer_configured) {
    whatIfMessage('No scorer is configured: start the dashboard with --scorer-url http://HOST:PORT to rescore here.', false);
  }
  byId('whatif-load').addEventListener('click', () => loadWhatIf(byId('whatif-transaction').value));
  byId('whatif-form').addEventListener('submit', rescore);
  byId('forecast-series').addEventListener('change', event => { page.forecastSeries = event.target.value; });
  window.addEventListener('resize', () => Object.values(page.charts).forEach(instance => instance.resize()));
  connect();
}

document.addEventListener('DOMContentLoaded', start);
