/*
 * Tasklist's own words for staff, in Chinese, where Camunda has no translation of its own.
 *
 * Tasklist renders Camunda Forms with form-js 1.8, which writes its validation messages, its
 * select and search placeholders and its date picker in English and has no translation hook
 * (bpmn-io/form-js issues 77 and 443). Tasklist loads this file as a custom script
 * (config.js, customScripts); it watches the page and puts the Chinese text in place of each
 * English text form-js writes, the moment it appears. The texts are form-js 1.8.7's own
 * (packages/form-js-viewer/src/core/Validator.js and render/components); a Camunda upgrade
 * that brings form-js texts this table does not know shows them in English, and the browser
 * test EveryFormBrowserTest fails naming them.
 *
 * It also names a task's office (Tasklist shows the tenant id, "cuiyuan") by its Chinese name
 * from /api/offices, and hides what no one may use: 啟動流程 for a user who may start no process.
 */
const EXACT = new Map([
  ['Field is required.', '此欄必須填寫。'],
  ['Field must be a valid email.', '請填寫有效的電子郵件地址。'],
  ['Field must be a valid  international phone number. (e.g. +4930664040900)',
    '請填寫有效的國際電話號碼(例如 +85291234567)。'],
  ['Date and time must both be entered.', '日期和時間都須填寫。'],
  ['Select', '請選擇'],
  ['Search', '搜尋'],
  ['No results', '沒有符合的選項'],
  ['All values selected', '已全部選取'],
  ['Nothing to show.', '沒有資料。'],
  ['hh:mm', '時:分'],
  ['hh:mm ?m', '時:分'],
  ['Increment', '增加'],
  ['Decrement', '減少'],
  ['Remove tag', '移除'],
  ['Previous page', '上一頁'],
  ['Next page', '下一頁']
]);

const PATTERNS = [
  [/^Field must match pattern [\s\S]*\.$/, () => '格式不正確,請按欄位說明填寫。'],
  [/^Field must have minimum value of (.+)\.$/, m => `不可小於 ${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, m => `不可大於 ${m[1]}。`],
  [/^Field must have minimum length of (\d+)\.$/, m => `最少須填 ${m[1]} 個字。`],
  [/^Field must have maximum length of (\d+)\.$/, m => `最多可填 ${m[1]} 個字。`],
  // Tasklist's "created a few seconds ago" when its Chinese date locale came late
  [/^a few seconds ago$/, () => '幾秒前'],
  [/^in a few seconds$/, () => '幾秒後'],
  [/^(a|an|\d+) (second|minute|hour|day|month|year)s? ago$/, m => `${count(m[1])} ${UNITS[m[2]]}前`],
  [/^in (a|an|\d+) (second|minute|hour|day|month|year)s?$/, m => `${count(m[1])} ${UNITS[m[2]]}後`],
  // the date field's placeholder, in the browser's date order: yyyy/mm/dd → 年/月/日
  [/^(?=.*yyyy)(?=.*mm)(?=.*dd)[ymd./\- ]+$/, m => m[0].replace('yyyy', '年').replace('mm', '月')
    .replace('dd', '日')]
];

const UNITS = {second: '秒', minute: '分鐘', hour: '小時', day: '天', month: '個月', year: '年'};
const count = n => (n === 'a' || n === 'an' ? '1' : n);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];
MONTHS.forEach((month, i) => {
  EXACT.set(month, `${i + 1}月`);
  EXACT.set(month.slice(0, 3), `${i + 1}月`);
});
WEEKDAYS.forEach((day, i) => EXACT.set(day, WEEKDAY_ZH[i]));

/** The Chinese text for an English one form-js wrote, or null when there is none. */
export function translate(text) {
  const trimmed = text.trim();
  if (!trimmed) {
    return null;
  }
  if (EXACT.has(trimmed)) {
    return text.replace(trimmed, EXACT.get(trimmed));
  }
  for (const [pattern, chinese] of PATTERNS) {
    const match = trimmed.match(pattern);
    if (match) {
      return text.replace(trimmed, chinese(match));
    }
  }
  return null;
}

// the footer's time zone, which Tasklist names as the browser does
EXACT.set('UTC', '協調世界時');
EXACT.set('Asia/Hong_Kong', '香港時間');
EXACT.set('Asia/Macau', '澳門時間');
EXACT.set('Asia/Shanghai', '北京時間');
EXACT.set('Asia/Taipei', '台北時間');

/** form-js and its date picker, and the footer's time zone: where English is written. */
const FORM = '.fjs-container, .flatpickr-calendar, #footer-timezone, [am-time-ago]';

/** Office id → Chinese name (/api/offices), once the user is logged in. */
const OFFICES = new Map();

function nameOffices(root) {
  const elements = root.matches && root.matches('.tenant-id') ? [root]
    : Array.from(root.querySelectorAll ? root.querySelectorAll('.tenant-id') : []);
  for (const element of elements) {
    const name = OFFICES.get(element.textContent.trim());
    if (name) {
      element.textContent = name;
      element.setAttribute('uib-tooltip', name);
    }
  }
}

function translateTree(root) {
  nameOffices(root);
  const scopes = root.matches && root.matches(FORM) ? [root]
    : Array.from(root.querySelectorAll ? root.querySelectorAll(FORM) : []);
  if (root.closest && root.closest(FORM)) {
    scopes.push(root);
  }
  for (const scope of scopes) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const chinese = translate(node.nodeValue);
      if (chinese !== null) {
        node.nodeValue = chinese;
      }
    }
    for (const element of scope.querySelectorAll('[placeholder], [aria-label], [title]')) {
      for (const attribute of ['placeholder', 'aria-label', 'title']) {
        const value = element.getAttribute(attribute);
        const chinese = value && translate(value);
        if (chinese) {
          element.setAttribute(attribute, chinese);
        }
      }
    }
  }
}

function watch() {
  translateTree(document.body);
  new MutationObserver(mutations => {
    userChanged();
    for (const mutation of mutations) {
      const target = mutation.type === 'childList' ? mutation.target
        : mutation.target.parentElement || mutation.target;
      if (target && target.nodeType === Node.ELEMENT_NODE) {
        translateTree(target);
      } else if (target && target.parentElement) {
        translateTree(target.parentElement);
      }
      mutation.addedNodes.forEach(node => {
        if (node.nodeType === Node.ELEMENT_NODE) {
          translateTree(node);
        }
      });
    }
  }).observe(document.body, {childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: ['placeholder']});
}

/** 啟動流程 is shown only to a user who may start a process in Tasklist. */
async function hideStartWhereNothingMayBeStarted() {
  const root = document.querySelector('base').getAttribute('app-root');
  try {
    const answer = await fetch(`${root}/api/engine/engine/default/process-definition/count`
      + '?latestVersion=true&active=true&startableInTasklist=true&startablePermissionCheck=true',
      {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    if (answer.ok) {
      document.documentElement.classList.toggle('wuye-starts-nothing',
        (await answer.json()).count === 0);
    }
  } catch (e) {
    // not logged in yet: the login reloads the page and this runs again
  }
}

if (document.body) {
  watch();
} else {
  document.addEventListener('DOMContentLoaded', watch);
}

async function loadOffices() {
  try {
    const answer = await fetch('/api/offices', {credentials: 'same-origin',
      headers: {Accept: 'application/json'}});
    if (answer.ok) {
      (await answer.json()).forEach(office => OFFICES.set(office.id, office.name));
      nameOffices(document.body);
    }
  } catch (e) {
    // not logged in yet: the login reloads the page and this runs again
  }
}

/** Who is logged in, as the header names them: the checks run again for each user. */
let checkedFor = null;

function userChanged() {
  const account = document.querySelector('[cam-widget-header] .account');
  const user = account ? account.textContent.trim() : '';
  if (user && user !== checkedFor) {
    checkedFor = user;
    hideStartWhereNothingMayBeStarted();
    loadOffices();
  }
}

export default [];
