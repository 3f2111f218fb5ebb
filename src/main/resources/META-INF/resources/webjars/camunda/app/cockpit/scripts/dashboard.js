/*
 * The managers' dashboard (#17) on Cockpit's start page (plugin point cockpit.dashboard): for
 * the offices the user sees, the open complaints by deadline state (each number links to the
 * cases), each deadline's on-time rate and the satisfaction rate over the last 12 months as
 * charts, the month's complaints per class and channel, and the sealed key envelopes waiting for
 * their owners, the oldest first. The figures come from /api/dashboard, which decides who sees
 * what; this script only draws them. The charts are uPlot, copied beside this script by the
 * Maven build (pom.xml, lib/); nothing is loaded from elsewhere.
 */
import uPlot from './lib/uPlot.esm.js';

const STATES = [
  {key: 'onTime', label: '按時'},
  {key: 'dueWithinHour', label: '一小時內到期'},
  {key: 'overdue', label: '已逾期'}
];
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2',
  '#7f7f7f', '#bcbd22', '#17becf'];

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === 'style') {
      node.style.cssText = value;
    } else {
      node.setAttribute(name, value);
    }
  });
  children.flat().forEach(child => {
    node.appendChild(typeof child === 'string' || typeof child === 'number'
      ? document.createTextNode(String(child)) : child);
  });
  return node;
}

function stylesheet() {
  if (document.getElementById('wuye-dashboard-styles')) {
    return;
  }
  const uplotCss = el('link', {rel: 'stylesheet', href: new URL('./lib/uPlot.min.css', import.meta.url).href});
  const own = el('style', {id: 'wuye-dashboard-styles'}, `
    .wuye-dashboard { margin: 0 0 24px; }
    .wuye-dashboard h2 { font-size: 20px; margin: 8px 0 12px; }
    .wuye-dashboard h3 { font-size: 17px; margin: 0 0 10px; }
    .wuye-dashboard h4 { font-size: 14px; margin: 14px 0 6px; color: #555; }
    .wuye-dashboard .wuye-offices { display: flex; flex-wrap: wrap; gap: 16px; }
    .wuye-dashboard .wuye-office { flex: 1 1 480px; min-width: 0; border: 1px solid #ddd; border-radius: 4px; padding: 12px 16px; background: #fff; }
    .wuye-dashboard .wuye-states { display: flex; gap: 12px; }
    .wuye-dashboard .wuye-state { flex: 1; text-align: center; padding: 8px; border-radius: 4px; background: #f4f6f8; }
    .wuye-dashboard .wuye-state a { font-size: 28px; font-weight: bold; display: block; }
    .wuye-dashboard .wuye-state.overdue a { color: #b52b27; }
    .wuye-dashboard .wuye-state.dueWithinHour a { color: #c77c02; }
    .wuye-dashboard .wuye-state.onTime a { color: #2d7d2d; }
    .wuye-dashboard table { width: 100%; border-collapse: collapse; }
    .wuye-dashboard td, .wuye-dashboard th { padding: 3px 6px; border-bottom: 1px solid #eee; text-align: left; }
    .wuye-dashboard .wuye-bar { display: inline-block; height: 10px; background: #1f77b4; vertical-align: middle; margin-right: 6px; }
    .wuye-dashboard .wuye-counts { display: flex; gap: 24px; }
    .wuye-dashboard .wuye-counts > div { flex: 1; }
    .wuye-dashboard .wuye-muted { color: #777; }
    .wuye-dashboard .wuye-error { color: #b52b27; }
  `);
  document.head.appendChild(uplotCss);
  document.head.appendChild(own);
}

function percent(rate) {
  return rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10;
}

/** A line chart over the twelve months: one series per name, rates in per cent. */
function lineChart(title, months, series) {
  const box = el('div', {'class': 'wuye-chart', 'data-chart': title});
  box.appendChild(el('h4', {}, title));
  const data = [months.map((m, i) => i), ...series.map(s => s.values)];
  const options = {
    height: 220,
    legend: {live: false},
    scales: {x: {time: false}, y: {range: [0, 100]}},
    axes: [
      {values: (u, splits) => splits.map(i => months[i] === undefined ? '' : months[i].slice(2))},
      {values: (u, splits) => splits.map(v => v + '%'), size: 48}
    ],
    series: [{label: '月份', value: (u, i) => i === null || months[i] === undefined ? '' : months[i]},
      ...series.map((s, i) => ({
        label: s.label,
        stroke: COLOURS[i % COLOURS.length],
        width: 2,
        spanGaps: true,
        points: {show: true, size: 5},
        value: (u, v) => v === null || v === undefined ? '—' : v + '%'
      }))]
  };
  // drawn once the box is in the page, as wide as it is
  requestAnimationFrame(() => {
    options.width = Math.max(320, box.clientWidth - 8);
    new uPlot(options, data, box);
  });
  return box;
}

function counts(title, list) {
  const max = Math.max(1, ...list.map(c => c.count));
  const rows = list.length === 0
    ? [el('tr', {}, el('td', {'class': 'wuye-muted'}, '本月尚無投訴'))]
    : list.map(c => el('tr', {},
      el('td', {}, c.label),
      el('td', {}, el('span', {'class': 'wuye-bar', style: 'width:' + Math.round(c.count / max * 120) + 'px'}),
        String(c.count))));
  return el('div', {}, el('h4', {}, title), el('table', {}, el('tbody', {}, rows)));
}

function officeCard(office) {
  const months = office.months.map(m => m.month);
  const deadlines = (office.months[0] || {deadlines: []}).deadlines.map((d, i) => ({
    label: d.label,
    values: office.months.map(m => percent((m.deadlines[i] || {}).onTimeRate))
  }));
  const states = STATES.map(s => el('div', {'class': 'wuye-state ' + s.key, 'data-state': s.key},
    el('a', {
      href: '/app/records/open-complaints?office=' + encodeURIComponent(office.office)
        + '&state=' + s.key,
      target: '_blank', rel: 'noopener'
    }, String(office.open[s.key])),
    el('span', {}, s.label)));
  return el('div', {'class': 'wuye-office', 'data-office': office.office},
    el('h3', {}, office.officeName),
    el('h4', {}, '未結投訴(按最近的期限)'),
    el('div', {'class': 'wuye-states'}, states),
    lineChart('各期限按時完成率(近12個月)', months, deadlines),
    el('div', {'class': 'wuye-counts'},
      counts('本月投訴:按類別(共 ' + office.complaintsThisMonth + ' 宗)', office.byClassification),
      counts('本月投訴:按渠道', office.byChannel)));
}

function envelopes(list) {
  const age = hours => (hours >= 24 ? Math.floor(hours / 24) + ' 日 ' : '') + (hours % 24) + ' 小時';
  const rows = list.length === 0
    ? [el('tr', {}, el('td', {'class': 'wuye-muted', colspan: '6'}, '沒有等候業主領取的鑰匙'))]
    : list.map(e => el('tr', {'data-envelope': e.envelopeNo},
      el('td', {}, el('a', {href: e.href, target: '_blank', rel: 'noopener'}, e.envelopeNo)),
      el('td', {}, e.officeName),
      el('td', {}, e.community),
      el('td', {}, e.place),
      el('td', {}, e.sealedAt.replace('T', ' ')),
      el('td', {}, age(e.ageHours))));
  return el('div', {'class': 'wuye-office'},
    el('h3', {}, '封存鑰匙(專用信封)等候業主領取,最久的在前'),
    el('table', {},
      el('thead', {}, el('tr', {}, ['信封編號', '管理處', '小區', '位置', '封存時間', '已等候']
        .map(h => el('th', {}, h)))),
      el('tbody', {}, rows)));
}

function draw(node, figures) {
  const root = el('section', {'class': 'wuye-dashboard', 'data-month': figures.month},
    el('p', {'class': 'wuye-muted'}, '本月:' + figures.month + '。圖表為近12個月;已結束的月份按已批准的月報。'));
  root.appendChild(el('div', {'class': 'wuye-offices'}, figures.offices.map(officeCard)));
  const satisfaction = figures.offices.map(o => ({
    label: o.officeName,
    values: o.months.map(m => percent(m.satisfactionRate))
  }));
  const months = figures.offices.length > 0 ? figures.offices[0].months.map(m => m.month) : [];
  root.appendChild(el('div', {'class': 'wuye-offices', style: 'margin-top:16px'},
    el('div', {'class': 'wuye-office'}, lineChart('業戶滿意率(近12個月)', months, satisfaction)),
    envelopes(figures.sealedEnvelopes)));
  node.appendChild(root);
}

export default [{
  id: 'wuye.managersDashboard',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: node => {
    stylesheet();
    fetch('/api/dashboard', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(response => {
        if (response.status === 403) {
          return null;   // not a manager: Cockpit's own dashboard only
        }
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(figures => figures && draw(node, figures))
      .catch(() => node.appendChild(el('p', {'class': 'wuye-dashboard wuye-error'},
        '未能載入管理處一覽,請稍後重新整理頁面。')));
  }
}];
