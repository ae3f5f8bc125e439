/*
 * Progressive enhancement for the public request form (src/modules/requests/public-*.tsx).
 * Everything here is optional: the form works the same without it.
 * - moves focus to the error summary, as GOV.UK does;
 * - a character counter under long text boxes;
 * - a live "where will this go" hint from POST /api/v1/requests/preview-routing;
 * - ignores a second click on a submit button while the first submission is under way.
 */
(function () {
  'use strict';
  var doc = document;
  var numbers = doc.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN';

  var summary = doc.querySelector('.error-summary');
  if (summary) summary.focus();

  function debounce(fn, ms) {
    var t;
    return function () {
      clearTimeout(t);
      t = setTimeout(fn, ms);
    };
  }

  // ── character counter ───────────────────────────────────────────────────
  Array.prototype.forEach.call(doc.querySelectorAll('textarea[data-maxlength]'), function (area) {
    var max = Number(area.getAttribute('data-maxlength'));
    var template = area.getAttribute('data-counter') || '{n}/{max}';
    var counter = doc.createElement('p');
    counter.className = 'hint rq-counter';
    counter.id = area.id + '-counter';
    counter.setAttribute('aria-live', 'polite');
    area.insertAdjacentElement('afterend', counter);
    var described = area.getAttribute('aria-describedby');
    area.setAttribute('aria-describedby', (described ? described + ' ' : '') + counter.id);
    function update() {
      var n = area.value.length;
      counter.textContent = template.replace('{n}', n.toLocaleString(numbers)).replace('{max}', max.toLocaleString(numbers));
      counter.classList.toggle('rq-over', n > max);
    }
    update();
    area.addEventListener('input', debounce(update, 200));
  });

  // ── one submission at a time ────────────────────────────────────────────
  Array.prototype.forEach.call(doc.querySelectorAll('form'), function (form) {
    form.addEventListener('submit', function (e) {
      if (form.getAttribute('data-submitting')) {
        e.preventDefault();
        return;
      }
      form.setAttribute('data-submitting', '1');
      setTimeout(function () {
        form.removeAttribute('data-submitting');
      }, 4000);
    });
  });

  // ── routing hint ────────────────────────────────────────────────────────
  var hint = doc.getElementById('routing-hint');
  var form = doc.querySelector('form[data-rq-form]');
  if (!hint || !form || !window.fetch || !window.TextDecoder) return;

  function stateValues() {
    var field = form.querySelector('input[name="state"]');
    if (!field || !field.value) return {};
    try {
      var b64 = field.value.replace(/-/g, '+').replace(/_/g, '/');
      var bin = atob(b64 + '==='.slice((b64.length + 3) % 4));
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return JSON.parse(new TextDecoder().decode(bytes)) || {};
    } catch {
      return {};
    }
  }

  function value(all, name) {
    var el = form.elements.namedItem(name);
    if (el && 'value' in el && el.type !== 'radio') return String(el.value).trim();
    if (el && typeof el.length === 'number') {
      var checked = form.querySelector('input[name="' + name + '"]:checked');
      return checked ? checked.value : '';
    }
    return typeof all[name] === 'string' ? all[name].trim() : '';
  }

  function body() {
    var all = stateValues();
    var v = function (n) {
      return value(all, n);
    };
    var description = v('description');
    if (description.length < 20) return null;
    var out = { description: description.slice(0, 10000) };
    if (/^(request|feedback|complaint)$/.test(v('kind'))) out.kind = v('kind');
    var business = {};
    [
      ['businessName', 'name', 300],
      ['businessTaxCode', 'taxCode', 20],
      ['businessAddress', 'address', 300],
      ['businessWebsite', 'website', 500],
      ['businessPlatform', 'platform', 100],
    ].forEach(function (m) {
      var x = v(m[0]);
      if (x) business[m[1]] = x.slice(0, m[2]);
    });
    if (Object.keys(business).length) out.business = business;
    var transaction = {};
    var product = v('txProduct');
    if (product) transaction.productOrService = product.slice(0, 300);
    var amount = v('txAmount').replace(/[\s.,]|đồng|đ|vnđ|vnd/gi, '');
    if (/^\d{1,15}$/.test(amount)) transaction.amountVnd = Number(amount);
    var place = v('txPlace');
    if ((place === 'commune' || !place) && /^\d{5}$/.test(v('txCommune'))) transaction.place = { communeCode: v('txCommune') };
    else if (place === 'online') transaction.place = { online: true };
    if (Object.keys(transaction).length) out.transaction = transaction;
    return out;
  }

  var last = '';
  var update = debounce(function () {
    var b = body();
    if (!b) {
      hint.hidden = true;
      return;
    }
    var json = JSON.stringify(b);
    if (json === last) return;
    last = json;
    fetch('/api/v1/requests/preview-routing', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: json,
      credentials: 'same-origin',
    })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (p) {
        if (!p || !p.agency || json !== last) return;
        hint.textContent = '';
        var title = doc.createElement('p');
        title.appendChild(doc.createTextNode((hint.getAttribute('data-title') || '') + ': '));
        var strong = doc.createElement('strong');
        strong.textContent = p.agency.name;
        title.appendChild(strong);
        var reason = doc.createElement('p');
        reason.className = 'hint';
        reason.textContent = p.reason || '';
        hint.appendChild(title);
        hint.appendChild(reason);
        hint.hidden = false;
      })
      .catch(function () {
        /* the hint is optional */
      });
  }, 700);

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
})();
