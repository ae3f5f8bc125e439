/*
 * Progressive enhancement for the plan import form (ImportPage in src/modules/plans/plan-views.tsx).
 * Without it the form posts natively and the server answers the preview page (or the form with
 * its errors); this script only changes how the same request is sent:
 * - when a file is chosen, the form is sent with XMLHttpRequest so that a large DOCX or XLSX shows
 *   "Đang tải lên: 45 %" with a <progress> bar, then "Đang đọc bảng nhiệm vụ…" while the server
 *   parses it, in the form's role="status" region (aria-live polite);
 * - the answer (preview, or the form with its error summary) replaces the page's <main> and title,
 *   and focus moves to the error summary or to the page heading, as after a page load;
 * - a network failure says so and lets the officer try again; nothing is lost from the form.
 * Every file goes this way, small ones too: the server's reading of a DOCX takes a moment even
 * when the upload does not, and one behaviour is easier to explain and to test than a threshold.
 * Pasted text without a file, and browsers without XHR/FormData/DOMParser, submit natively.
 * The address stays /plans/import (no history entry): reloading shows an empty form instead of
 * asking to post the file again, and the preview links back to the form with "Chọn tệp khác".
 */
(function () {
  'use strict';
  var doc = document;
  var en = doc.documentElement.lang === 'en';
  var TEXT = en
    ? {
        uploading: 'Uploading: {n}%',
        reading: 'Reading the task table…',
        failed: 'Could not send the file. Please try again.',
        tooLarge: 'The file is larger than {mb} MB: choose a smaller file.',
        bar: 'Upload progress',
      }
    : {
        uploading: 'Đang tải lên: {n} %',
        reading: 'Đang đọc bảng nhiệm vụ…',
        failed: 'Không gửi được tệp. Vui lòng thử lại.',
        tooLarge: 'Tệp lớn hơn {mb} MB: hãy chọn tệp nhỏ hơn.',
        bar: 'Tiến độ tải lên',
      };
  // A screen reader reads every change of a live region: the visible bar moves on every event,
  // the words at most once a second.
  var SPEAK_EVERY_MS = 1000;

  if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;

  var summary = doc.querySelector('.error-summary');
  if (summary) summary.focus();

  function statusOf(form) {
    var region = form.querySelector('[data-upload-status]');
    if (!region) {
      region = doc.createElement('div');
      region.setAttribute('role', 'status');
      region.setAttribute('aria-live', 'polite');
      region.setAttribute('data-upload-status', '');
      region.hidden = true;
      form.appendChild(region);
    }
    var bar = region.querySelector('progress');
    var text = region.querySelector('[data-upload-text]');
    if (!bar) {
      bar = doc.createElement('progress');
      bar.max = 100;
      bar.setAttribute('aria-label', TEXT.bar);
      bar.style.display = 'block';
      bar.style.width = '100%';
      bar.style.maxWidth = '24rem';
      region.appendChild(bar);
    }
    if (!text) {
      text = doc.createElement('p');
      text.setAttribute('data-upload-text', '');
      region.appendChild(text);
    }
    return { region: region, bar: bar, text: text };
  }

  /** Puts the server's page in place of the current <main>, as a navigation would. */
  function showPage(html) {
    var page = new DOMParser().parseFromString(html, 'text/html');
    var next = page.querySelector('main');
    var main = doc.querySelector('main');
    if (!next || !main) return false;
    if (page.title) doc.title = page.title;
    // Scripts parsed by DOMParser never run once moved here; the form is enhanced below instead.
    main.replaceWith(doc.adoptNode(next));
    enhance(next);
    window.scrollTo(0, 0);
    var target = next.querySelector('.error-summary') || next.querySelector('h1');
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
    return true;
  }

  function send(form, button, status) {
    var started = 0;
    var spoken = -1;
    var done = false;

    function say(s) {
      status.text.textContent = s;
    }
    function fail() {
      if (done) return;
      done = true;
      form.removeAttribute('data-uploading');
      if (button) button.disabled = false;
      status.bar.hidden = true;
      say(TEXT.failed);
    }

    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    // Same origin: the session and CSRF cookies go with it as with the native post.
    xhr.setRequestHeader('accept', 'text/html');
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable || !e.total) return;
      var n = Math.floor((e.loaded / e.total) * 100);
      status.bar.value = n;
      var now = Date.now();
      if (n !== spoken && (now - started >= SPEAK_EVERY_MS || n === 100)) {
        spoken = n;
        started = now;
        say(TEXT.uploading.replace('{n}', String(n)));
      }
    };
    xhr.upload.onload = function () {
      // An indeterminate bar while the server reads the file.
      status.bar.removeAttribute('value');
      say(TEXT.reading);
    };
    xhr.onload = function () {
      if (done) return;
      // Redirected (the session ended → the login page): go there for real.
      if (xhr.responseURL && xhr.responseURL.split('?')[0] !== form.action.split('?')[0]) {
        done = true;
        window.location.assign(xhr.responseURL);
        return;
      }
      var type = xhr.getResponseHeader('content-type') || '';
      if (type.indexOf('text/html') !== 0 || !showPage(xhr.responseText)) fail();
      else done = true;
    };
    xhr.onerror = fail;
    xhr.onabort = fail;
    xhr.ontimeout = fail;

    started = Date.now();
    status.bar.hidden = false;
    status.bar.value = 0;
    status.region.hidden = false;
    say(TEXT.uploading.replace('{n}', '0'));
    xhr.send(new FormData(form));
  }

  function enhance(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll('form[data-upload-progress]'), function (form) {
      if (form.getAttribute('data-upload-enhanced')) return;
      form.setAttribute('data-upload-enhanced', '1');
      form.addEventListener('submit', function (e) {
        if (form.getAttribute('data-uploading')) {
          e.preventDefault();
          return;
        }
        var file = form.querySelector('input[type="file"]');
        if (!file || !file.files || file.files.length === 0) return; // pasted text: native post
        e.preventDefault();
        // Refuse at once what the server would refuse after the upload (data-max-bytes).
        var max = Number(form.getAttribute('data-max-bytes'));
        if (max > 0 && file.files[0].size > max) {
          var st = statusOf(form);
          st.region.hidden = false;
          st.bar.hidden = true;
          st.text.textContent = TEXT.tooLarge.replace('{mb}', String(Math.round(max / 1048576)));
          file.focus();
          return;
        }
        form.setAttribute('data-uploading', '1');
        var button = e.submitter || form.querySelector('button[type="submit"], button:not([type])');
        if (button) button.disabled = true;
        send(form, button, statusOf(form));
      });
    });
  }

  enhance(doc);
})();
