// The Argus operations dashboard. It reads one JSON snapshot a second from GET /events (server-sent events) and
// renders it; the what-if panel loads an alerted transaction's features from GET /api/features/{id} and rescores
// them through POST /api/whatif; the review queue lists cases from GET /api/cases and posts verdicts; the rule editor
// checks, backtests, publishes and retires rules through /api/rules. Every state-changing request carries the
// session's CSRF token; the server checks roles itself (a viewer's request is refused with 403 whatever the page
// shows). Text from the topics is always set with textContent, never parsed as HTML.
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
  session: null,                // { user, role, csrf_token } from GET /api/session
  view: 'operations',
  caseStatus: 'open',
  casesVersion: -1,             // the queue's version last listed, to list again only when it changes
  selectedCase: null,
  rulesInfo: null,              // GET /api/rules: variables and backtest availability
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

function isAnalyst() { return page.session && page.session.role === 'analyst'; }

// Calls the dashboard's API with the session's CSRF token on every state-changing request; returns { ok, status, body }.
async function api(path, options) {
  const method = (options && options.method) || 'GET';
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = page.session ? page.session.csrf_token : '';
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, credentials: 'same-origin',
                                       body: options && options.body !== undefined ? JSON.stringify(options.body) : undefined });
  if (response.status === 401) {
    window.location.assign('/login.html');
  }
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

function message(id, text, kind) {
  const box = byId(id);
  box.hidden = !text;
  box.textContent = text || '';
  box.className = 'message' + (kind ? ' ' + kind : '');
}

function formatAge(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 90) return seconds + ' s';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min';
  if (seconds < 172800) return (seconds / 3600).toFixed(1) + ' h';
  return (seconds / 86400).toFixed(1) + ' d';
}

function formatPercent(value) {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : (100 * value).toFixed(1) + ' %';
}

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
  const answer = await api('/api/features/' + encodeURIComponent(transactionId));
  const body = answer.body;
  if (!answer.ok) {
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
    const answer = await api('/api/whatif', { method: 'POST', body: whatIfRequest() });
    response = { ok: answer.ok, status: answer.status };
    body = answer.body;
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

// ---- review queue ----------------------------------------------------------------------------------------------

function renderCases(snapshot) {
  const cases = snapshot.cases;
  setText('kpi-open-cases', formatCount(cases.open));
  setText('kpi-oldest-case', formatAge(cases.oldest_open_age_seconds));
  setText('kpi-confirmed', formatCount(cases.confirmed_fraud));
  setText('kpi-legitimate', formatCount(cases.legitimate));
  setText('kpi-dropped-cases', cases.dropped ? formatCount(cases.dropped) + ' dropped (queue full)' : 'in the queue');
  const count = byId('tab-open-cases');
  count.hidden = cases.open === 0;
  count.textContent = formatCount(cases.open);
  const precisionRows = rows => rows.map(row => el('tr', { 'data-name': row.name },
    el('td', { text: row.name }), el('td', { text: formatCount(row.confirmed) }),
    el('td', { text: formatCount(row.legitimate) }), el('td', { text: formatPercent(row.precision) })));
  const empty = text => [el('tr', {}, el('td', { class: 'muted', colSpan: 4, text }))];
  byId('precision-models').querySelector('tbody').replaceChildren(...(cases.by_model.length
    ? precisionRows(cases.by_model) : empty('No verdict on a model alert yet.')));
  byId('precision-rules').querySelector('tbody').replaceChildren(...(cases.by_rule.length
    ? precisionRows(cases.by_rule) : empty('No verdict on a rule alert yet.')));
  if (cases.version !== page.casesVersion) {
    page.casesVersion = cases.version;
    loadCases();
  }
}

async function loadCases() {
  const answer = await api('/api/cases?status=' + page.caseStatus);
  if (!answer.ok) return;
  const list = byId('case-list');
  const statusNote = { open: 'open cases, oldest first', fraud: 'confirmed fraud, most recent first',
                       legitimate: 'dismissed as legitimate, most recent first' };
  setText('queue-note', statusNote[page.caseStatus] + ' · ' + formatCount(answer.body.cases.length) + ' shown');
  if (answer.body.cases.length === 0) {
    list.replaceChildren(el('p', { class: 'empty', text: page.caseStatus === 'open' ? 'No open case: the queue is empty.' : 'No such case yet.' }));
    return;
  }
  list.replaceChildren(...answer.body.cases.map(item => {
    const row = el('div', { class: 'case-row' + (item.alert_id === page.selectedCase ? ' selected' : ''),
                            'data-case-id': item.alert_id, onclick: () => openCase(item.alert_id) },
      el('span', { class: 'muted', text: formatTime(item.created_at) }),
      el('strong', { text: item.score === null ? '–' : Number(item.score).toFixed(3) }),
      el('span', {}, el('span', { class: 'pill ' + (item.decision || item.status), text: item.decision || item.status })),
      el('span', { class: 'case-id' }, ...item.rules.map(rule => el('span', { class: 'rule-chip', text: rule })),
         item.transaction_id || item.alert_id));
    return row;
  }));
}

async function openCase(alertId) {
  page.selectedCase = alertId;
  document.querySelectorAll('.case-row').forEach(row => row.classList.toggle('selected', row.dataset.caseId === alertId));
  message('verdict-message', '');
  const answer = await api('/api/cases/' + encodeURIComponent(alertId));
  if (!answer.ok) {
    message('verdict-message', answer.body.error || 'Cannot load the case', 'error');
    return;
  }
  renderCase(answer.body);
}

function renderCase(detail) {
  const item = detail.item;
  setText('case-note', item.alert_id + ' · ' + formatDateTime(item.created_at));
  const body = byId('case-body');
  const facts = el('div', { class: 'case-facts' },
    el('div', {}, 'score', el('strong', { text: item.score === null ? '–' : Number(item.score).toFixed(3) })),
    el('div', {}, 'decision', el('strong', { text: item.decision || '–' })),
    el('div', {}, 'model', el('strong', { text: item.model || '–' })),
    el('div', {}, 'raised by', el('strong', { text: [item.model_alerted ? 'model' : null, ...item.rules].filter(Boolean).join(', ') || '–' })));
  const parts = [el('div', { class: 'alert-message', text: item.message }), facts];
  if (detail.contributions.length) {
    parts.push(el('h3', { text: 'Why the model scored it so' }),
      explanationBars(detail.contributions, 'SHAP contributions (red raises the fraud score, green lowers it)'));
  }
  if (detail.recent_transactions.length) {
    const header = el('tr', {}, ...['', 'when', 'amount', 'after', 'terminal risk', 'new terminal'].map(text => el('th', { text })));
    const rows = detail.recent_transactions.map(step => el('tr', { class: step.steps_back === 0 ? 'this-one' : '' },
      el('td', { text: step.steps_back === 0 ? 'this one' : '−' + step.steps_back }),
      el('td', { text: formatDateTime(step.time) }),
      el('td', { text: step.amount === null ? '–' : Number(step.amount).toFixed(2) }),
      el('td', { text: step.seconds_since_previous === null ? '–' : formatAge(Math.round(step.seconds_since_previous)) }),
      el('td', { text: step.terminal_risk === null ? '–' : Number(step.terminal_risk).toFixed(3) }),
      el('td', { text: step.new_terminal ? 'yes' : 'no' })));
    parts.push(el('h3', { text: 'The card\'s recent transactions (as the model saw them)' }),
      el('table', { class: 'small-table', id: 'case-recent' }, el('thead', {}, header), el('tbody', {}, ...rows)));
  }
  const features = Object.entries(detail.features);
  if (features.length) {
    parts.push(el('h3', { text: 'The transaction\'s features' }),
      el('div', { class: 'feature-grid' }, ...features.flatMap(([name, value]) =>
        [el('span', { title: name, text: name }), el('span', { text: formatFeatureValue(value) })])));
  }
  if (item.status !== 'OPEN') {
    parts.push(el('div', { class: 'decided', id: 'case-decided',
      text: (item.status === 'FRAUD' ? 'Confirmed fraud' : 'Legitimate') + ' by ' + item.analyst + ' at '
        + formatDateTime(item.decided_at) + (item.reason ? ': ' + item.reason : '') }));
  }
  body.replaceChildren(...parts);
  byId('verdict').hidden = item.status !== 'OPEN' || !isAnalyst();
  byId('verdict-reason').value = '';
}

async function decide(verdict) {
  const alertId = page.selectedCase;
  if (!alertId) return;
  const reason = byId('verdict-reason').value.trim();
  if (!reason) {
    message('verdict-message', 'Say why: the reason goes into the audit trail with your name.', 'error');
    return;
  }
  const answer = await api('/api/cases/' + encodeURIComponent(alertId) + '/verdict',
    { method: 'POST', body: { verdict, reason } });
  if (!answer.ok) {
    message('verdict-message', answer.body.error || 'The verdict was not recorded (HTTP ' + answer.status + ')', 'error');
    return;
  }
  message('verdict-message', (verdict === 'FRAUD' ? 'Confirmed fraud' : 'Dismissed as legitimate') + ': '
    + answer.body.transaction_id + ' is labelled on fraud-labels and audited on case-decisions.', 'ok');
  byId('verdict').hidden = true;
  page.selectedCase = null;
  page.casesVersion = -1;
  loadCases();
}

// ---- rules -------------------------------------------------------------------------------------------------------

function renderRules(snapshot) {
  const rules = snapshot.rules;
  setText('rules-note', formatCount(rules.rules.length) + ' in force · hits in the scores read');
  const rows = rules.rules.map(rule => el('tr', { 'data-rule-id': rule.id },
    el('td', {}, el('strong', { text: rule.id }), ' v' + rule.version),
    el('td', {}, el('span', { class: 'pill ' + rule.action, text: rule.action })),
    el('td', { class: 'expression', title: rule.description, text: rule.expression }),
    el('td', { text: rule.author }),
    el('td', { class: 'rule-hits', text: formatCount(rule.hits) }),
    el('td', { text: rule.last_hit_at ? formatTime(rule.last_hit_at) : '–' }),
    el('td', {}, isAnalyst() ? el('button', { type: 'button', class: 'link', text: 'Retire',
                                             onclick: () => retireRule(rule.id) }) : null)));
  const key = JSON.stringify(rules.rules);
  const table = byId('rule-table').querySelector('tbody');
  if (table.dataset.key !== key) {
    table.dataset.key = key;
    table.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { class: 'muted', colSpan: 7, text: 'No rule in force.' }))]));
  }
  byId('rule-changes').replaceChildren(...rules.changes.map(change => el('li', { class: 'level-' + (change.kind === 'REFUSED' ? 'CRITICAL' : change.kind === 'RETIRED' ? 'WARNING' : 'CHAMPION') },
    el('div', { class: 'when', text: formatDateTime(change.time) + ' · ' + change.kind.toLowerCase() + ' by ' + change.author }),
    el('div', {}, el('strong', { text: change.id }), ' v' + change.version),
    el('div', { class: 'muted', text: change.detail }))));
}

function ruleDraft() {
  return { id: byId('rule-id').value.trim(), action: byId('rule-action').value,
           expression: byId('rule-expression').value, description: byId('rule-description').value };
}

async function checkRule() {
  const answer = await api('/api/rules/check', { method: 'POST', body: ruleDraft() });
  message('rule-message', answer.ok ? 'The rule compiles; it reads ' + answer.body.names.join(', ') + '.'
    : answer.body.error, answer.ok ? 'ok' : 'error');
}

async function backtestRule() {
  const draft = ruleDraft();
  message('rule-message', 'Backtesting over the offline store…', '');
  byId('backtest-result').hidden = true;
  const answer = await api('/api/rules/backtest', { method: 'POST', body: { ...draft,
    from: byId('backtest-from').value, days: Number(byId('backtest-days').value) } });
  if (!answer.ok) {
    message('rule-message', answer.body.error || 'The backtest failed (HTTP ' + answer.status + ')', 'error');
    return;
  }
  const report = answer.body;
  message('rule-message', 'Backtest of ' + report.action + ' rule over ' + report.days + ' days from ' + report.from
    + ': ' + formatCount(report.hits) + ' hits.', 'ok');
  const figure = (label, value, id) => el('div', { id }, label, el('strong', { text: value }));
  const figures = [
    figure('hits', formatCount(report.hits), 'backtest-hits'),
    figure('precision', formatPercent(report.precision), 'backtest-precision'),
    figure('recall', formatPercent(report.recall), 'backtest-recall'),
    figure('transactions', formatCount(report.transactions)),
    figure('frauds in window', formatCount(report.frauds)),
    figure('legitimate customers bothered', formatCount(report.legitimate_customers), 'backtest-bothered')];
  if (report.model) {
    if (report.action === 'ALLOW') {
      figures.push(figure('model alerts suppressed', formatCount(report.model.alerts_suppressed)),
        figure('frauds let through', formatCount(report.model.frauds_let_through), 'backtest-added'));
    } else {
      figures.push(figure('frauds added to ' + report.model.name + ' ' + report.model.version + '\'s alerts',
        formatCount(report.model.frauds_added), 'backtest-added'),
        figure('legitimate added', formatCount(report.model.legitimate_added)));
    }
    figures.push(figure('recall with the model', formatPercent(report.model.recall_with_rule)));
  }
  byId('backtest-figures').replaceChildren(...figures);
  byId('backtest-result').hidden = false;
  chart('chart-backtest').setOption({
    animation: false,
    grid: { left: 44, right: 12, top: 28, bottom: 28 },
    legend: { top: 0, right: 0, textStyle: { color: COLORS.muted } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: report.hits_per_day.map(day => day.date.substring(5)), ...AXIS },
    yAxis: { type: 'value', minInterval: 1, ...AXIS },
    series: [
      { name: 'legitimate hits', type: 'bar', stack: 'hits', color: COLORS.warn,
        data: report.hits_per_day.map(day => day.hits - day.fraud_hits) },
      { name: 'fraud hits', type: 'bar', stack: 'hits', color: '#d4483b', data: report.hits_per_day.map(day => day.fraud_hits) },
    ],
  }, true);
  chart('chart-backtest').resize();
}

async function publishRule() {
  const answer = await api('/api/rules', { method: 'POST', body: ruleDraft() });
  message('rule-message', answer.ok ? 'Published ' + answer.body.id + ' v' + answer.body.version
    + ': the scorer applies it from its next transaction.' : answer.body.error, answer.ok ? 'ok' : 'error');
}

async function retireRule(id) {
  const answer = await api('/api/rules/' + encodeURIComponent(id), { method: 'DELETE' });
  message('rule-message', answer.ok ? 'Retired ' + id + '.' : answer.body.error, answer.ok ? 'ok' : 'error');
}

async function loadRulesInfo() {
  const answer = await api('/api/rules');
  if (!answer.ok) return;
  page.rulesInfo = answer.body;
  byId('rule-names').replaceChildren(...answer.body.variables.map(variable => el('div', {},
    el('code', { text: variable.name }), ' ', el('span', { class: 'muted', text: variable.type.toLowerCase() + ' · ' + variable.description }))));
  const backtest = answer.body.backtest;
  byId('rule-backtest').disabled = !backtest.available;
  setText('backtest-range', backtest.available
    ? (backtest.first_day ? 'store holds ' + backtest.first_day + ' to ' + backtest.last_day : 'the store is empty so far')
      + (backtest.model ? ' · compared with ' + backtest.model : '')
    : 'no offline store (--offline-dir)');
  if (backtest.first_day && !byId('backtest-from').value) {
    const last = new Date(backtest.last_day + 'T00:00:00Z');
    const first = new Date(backtest.first_day + 'T00:00:00Z');
    const from = new Date(Math.max(first.getTime(), last.getTime() - 13 * 86400000));
    byId('backtest-from').value = from.toISOString().substring(0, 10);
  }
}

function showView(view) {
  page.view = view;
  for (const name of ['operations', 'review', 'rules']) byId('view-' + name).hidden = name !== view;
  document.querySelectorAll('.tab').forEach(tab => tab.classList.toggle('active', tab.dataset.view === view));
  if (view === 'rules') loadRulesInfo();
  if (view === 'review') { page.casesVersion = -1; loadCases(); }
  window.dispatchEvent(new Event('resize'));
}

// ---- wiring ----------------------------------------------------------------------------------------------------

function render(snapshot) {
  const panels = [renderKpis, renderThroughput, renderLatency, renderScores, renderAlerts, renderForecast,
                  renderDeadLetters, renderModels, renderCases, renderRules];
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
  const session = await api('/api/session');
  if (!session.ok) return;
  page.session = session.body;
  document.body.dataset.role = page.session.role;
  setText('user', page.session.user + ' · ' + page.session.role);
  for (const id of ['rule-check', 'rule-backtest', 'rule-publish']) byId(id).hidden = !isAnalyst();
  byId('sign-out').addEventListener('click', async () => {
    await api('/api/logout', { method: 'POST' });
    window.location.assign('/login.html');
  });
  document.querySelectorAll('.tab').forEach(tab => tab.addEventListener('click', () => showView(tab.dataset.view)));
  document.querySelectorAll('#case-filters button').forEach(button => button.addEventListener('click', () => {
    page.caseStatus = button.dataset.status;
    document.querySelectorAll('#case-filters button').forEach(other => other.classList.toggle('active', other === button));
    page.casesVersion = -1;
    loadCases();
  }));
  byId('verdict-fraud').addEventListener('click', () => decide('FRAUD'));
  byId('verdict-legitimate').addEventListener('click', () => decide('LEGITIMATE'));
  byId('rule-check').addEventListener('click', checkRule);
  byId('rule-backtest').addEventListener('click', backtestRule);
  byId('rule-publish').addEventListener('click', publishRule);
  page.config = (await api('/api/config')).body;
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
