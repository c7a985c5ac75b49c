// The one date picker of every page (issue 26): a button beside a text field marked
// data-picker="date" (dd/MM/yyyy) or data-picker="datetime" (dd/MM/yyyy HH:mm) opens a month
// calendar. The field stays a text field, so what is written never depends on the browser's
// language (a native date input shows mm/dd/yyyy in an en-US browser); typing stays possible.
(function () {
  var MONTHS = ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6',
    'Tháng 7', 'Tháng 8', 'Tháng 9', 'Tháng 10', 'Tháng 11', 'Tháng 12'];
  // Monday first, as Vietnamese calendars are printed
  var DAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'];
  var SHORT = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
  var FIELD = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?\s*$/;
  var counter = 0;

  var two = function (n) { return (n < 10 ? '0' : '') + n; };
  var sameDay = function (a, b) {
    return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  };
  var addDays = function (d, n) { return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n); };
  // the same day of another month, or its last day when that month is shorter
  var addMonths = function (d, n) {
    var last = new Date(d.getFullYear(), d.getMonth() + n + 1, 0).getDate();
    return new Date(d.getFullYear(), d.getMonth() + n, Math.min(d.getDate(), last));
  };
  var weekday = function (d) { return (d.getDay() + 6) % 7; }; // 0 = Monday
  var spoken = function (d) {
    return DAYS[weekday(d)] + ', ngày ' + d.getDate() + ' ' + MONTHS[d.getMonth()].toLowerCase() + ' năm ' + d.getFullYear();
  };

  // what the field holds now: {day, hour, minute}, or null when it is empty or not a real date
  var parse = function (text) {
    var m = FIELD.exec(text || '');
    if (!m) { return null; }
    var day = new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
    if (day.getDate() !== Number(m[1]) || day.getMonth() !== Number(m[2]) - 1) { return null; }
    var hour = m[4] === undefined ? null : Number(m[4]);
    var minute = m[5] === undefined ? null : Number(m[5]);
    if (hour !== null && (hour > 23 || minute > 59)) { hour = null; minute = null; }
    return {day: day, hour: hour, minute: minute};
  };

  var element = function (tag, attributes, text) {
    var e = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  };

  var ICON = 'M5 1v2H3a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V4a1 1 0 0 0-1-1h-2V1H9v2H7V1zM3 6h10v8H3z'
    + 'M4 7h2v2H4zm3 0h2v2H7zm3 0h2v2h-2zM4 10h2v2H4zm3 0h2v2H7z';
  var icon = function () {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('width', '18');
    svg.setAttribute('height', '18');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('fill-rule', 'evenodd');
    path.setAttribute('d', ICON);
    svg.appendChild(path);
    return svg;
  };

  var attach = function (input) {
    var withTime = input.getAttribute('data-picker') === 'datetime';
    var id = input.id || ('picker-field-' + (++counter));
    input.id = id;
    var wrap = element('div', {'class': 'picker-field'});
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var label = document.querySelector('label[for="' + id + '"]');
    var name = label ? label.textContent.replace(/\s+/g, ' ').trim() : '';
    var button = element('button', {
      type: 'button', 'class': 'picker-button', 'aria-haspopup': 'dialog', 'aria-expanded': 'false',
      'aria-controls': id + '-picker', 'data-picker-for': id,
      'aria-label': (withTime ? 'Chọn ngày giờ trên lịch' : 'Chọn ngày trên lịch') + (name ? ': ' + name : ''),
      title: withTime ? 'Chọn ngày giờ trên lịch' : 'Chọn ngày trên lịch'
    });
    button.appendChild(icon());
    wrap.appendChild(button);

    var popup = null;
    var state = null; // {shown: first of the month shown, focus: day with the keyboard, picked: day written}

    var write = function () {
      if (!state.picked) { return; }
      var text = two(state.picked.getDate()) + '/' + two(state.picked.getMonth() + 1) + '/' + state.picked.getFullYear();
      if (withTime) {
        text += ' ' + two(Number(popup.querySelector('.picker-hour').value)) + ':'
          + two(Number(popup.querySelector('.picker-minute').value));
      }
      input.value = text;
      // what listens to the field (checks, warnings) hears a pick as it hears typing
      input.dispatchEvent(new Event('input', {bubbles: true}));
      input.dispatchEvent(new Event('change', {bubbles: true}));
    };

    var close = function (focusButton) {
      if (!popup) { return; }
      popup.remove();
      popup = null;
      button.setAttribute('aria-expanded', 'false');
      document.removeEventListener('mousedown', outside, true);
      document.removeEventListener('touchstart', outside, true);
      if (focusButton) { button.focus(); }
    };
    var outside = function (event) {
      if (popup && !wrap.contains(event.target)) { close(false); }
    };

    var render = function (focusDay) {
      var title = popup.querySelector('.picker-title');
      title.textContent = MONTHS[state.shown.getMonth()] + ' năm ' + state.shown.getFullYear();
      var body = popup.querySelector('tbody');
      body.textContent = '';
      var today = new Date();
      var first = state.shown;
      var start = addDays(first, -weekday(first));
      for (var week = 0; week < 6; week++) {
        var row = element('tr');
        for (var col = 0; col < 7; col++) {
          var day = addDays(start, week * 7 + col);
          var cell = element('td');
          if (day.getMonth() === first.getMonth()) {
            cell.textContent = String(day.getDate());
            cell.setAttribute('role', 'gridcell');
            cell.setAttribute('tabindex', sameDay(day, state.focus) ? '0' : '-1');
            cell.setAttribute('aria-selected', sameDay(day, state.picked) ? 'true' : 'false');
            cell.setAttribute('aria-label', spoken(day));
            cell.setAttribute('data-date', day.getFullYear() + '-' + two(day.getMonth() + 1) + '-' + two(day.getDate()));
            cell.className = 'picker-day' + (col >= 5 ? ' weekend' : '');
            if (sameDay(day, today)) {
              cell.classList.add('today');
              cell.setAttribute('aria-current', 'date');
            }
          }
          row.appendChild(cell);
        }
        // a month needs five or six weeks: no empty sixth row
        if (week < 5 || addDays(start, 35).getMonth() === first.getMonth()) { body.appendChild(row); }
      }
      if (focusDay) {
        var focused = body.querySelector('[tabindex="0"]');
        if (focused) { focused.focus(); }
      }
    };

    var moveTo = function (day) {
      state.focus = day;
      if (day.getMonth() !== state.shown.getMonth() || day.getFullYear() !== state.shown.getFullYear()) {
        state.shown = new Date(day.getFullYear(), day.getMonth(), 1);
      }
      render(true);
    };

    var pick = function (day) {
      state.picked = day;
      state.focus = day;
      write();
      if (withTime) {
        // the day is chosen: the hour is next (the popup stays open until "Xong")
        render(false);
        popup.querySelector('.picker-hour').focus();
      } else {
        close(true);
      }
    };

    var select = function (cls, labelText, count, step, value) {
      var box = element('div', {'class': 'picker-time-part'});
      var selectId = id + '-picker-' + cls;
      box.appendChild(element('label', {'for': selectId}, labelText));
      var s = element('select', {id: selectId, 'class': 'picker-' + cls});
      for (var v = 0; v < count; v += step) {
        s.appendChild(element('option', {value: String(v)}, two(v)));
      }
      if (value % step !== 0) { // a typed 08:07 stays 08:07
        var odd = element('option', {value: String(value)}, two(value));
        s.insertBefore(odd, s.options[Math.floor(value / step) + 1] || null);
      }
      s.value = String(value);
      s.addEventListener('change', write);
      box.appendChild(s);
      return box;
    };

    var open = function () {
      var current = parse(input.value);
      var today = new Date();
      var focus = current ? current.day : new Date(today.getFullYear(), today.getMonth(), today.getDate());
      state = {shown: new Date(focus.getFullYear(), focus.getMonth(), 1), focus: focus,
        picked: current ? current.day : null};
      var titleId = id + '-picker-title';
      popup = element('div', {
        id: id + '-picker', 'class': 'picker-popup', role: 'dialog',
        'aria-label': (withTime ? 'Chọn ngày giờ' : 'Chọn ngày') + (name ? ': ' + name : '')
      });
      var head = element('div', {'class': 'picker-head'});
      var prev = element('button', {type: 'button', 'class': 'picker-prev', 'aria-label': 'Tháng trước'}, '‹');
      var next = element('button', {type: 'button', 'class': 'picker-next', 'aria-label': 'Tháng sau'}, '›');
      var title = element('div', {id: titleId, 'class': 'picker-title', 'aria-live': 'polite'});
      head.appendChild(prev);
      head.appendChild(title);
      head.appendChild(next);
      popup.appendChild(head);
      var grid = element('table', {'class': 'picker-grid', role: 'grid', 'aria-labelledby': titleId});
      var headRow = element('tr');
      DAYS.forEach(function (d, i) {
        var th = element('th', {scope: 'col', abbr: d, title: d}, SHORT[i]);
        if (i >= 5) { th.className = 'weekend'; }
        headRow.appendChild(th);
      });
      var thead = element('thead');
      thead.appendChild(headRow);
      grid.appendChild(thead);
      grid.appendChild(element('tbody'));
      popup.appendChild(grid);
      var foot = element('div', {'class': 'picker-foot'});
      if (withTime) {
        var time = element('div', {'class': 'picker-time'});
        time.appendChild(select('hour', 'Giờ', 24, 1, current && current.hour !== null ? current.hour : 8));
        time.appendChild(select('minute', 'Phút', 60, 5, current && current.minute !== null ? current.minute : 0));
        foot.appendChild(time);
      }
      var todayButton = element('button', {type: 'button', 'class': 'picker-today'}, 'Hôm nay');
      foot.appendChild(todayButton);
      if (withTime) {
        var done = element('button', {type: 'button', 'class': 'picker-done primary'}, 'Xong');
        done.addEventListener('click', function () { close(true); });
        foot.appendChild(done);
      }
      popup.appendChild(foot);
      wrap.appendChild(popup);

      prev.addEventListener('click', function () { moveTo(addMonths(state.focus, -1)); prev.focus(); });
      next.addEventListener('click', function () { moveTo(addMonths(state.focus, 1)); next.focus(); });
      todayButton.addEventListener('click', function () {
        var now = new Date();
        pick(new Date(now.getFullYear(), now.getMonth(), now.getDate()));
      });
      grid.addEventListener('click', function (event) {
        var cell = event.target.closest('td[data-date]');
        if (cell) {
          var p = cell.getAttribute('data-date').split('-');
          pick(new Date(Number(p[0]), Number(p[1]) - 1, Number(p[2])));
        }
      });
      grid.addEventListener('keydown', function (event) {
        var moves = {
          ArrowLeft: function (d) { return addDays(d, -1); },
          ArrowRight: function (d) { return addDays(d, 1); },
          ArrowUp: function (d) { return addDays(d, -7); },
          ArrowDown: function (d) { return addDays(d, 7); },
          Home: function (d) { return addDays(d, -weekday(d)); },
          End: function (d) { return addDays(d, 6 - weekday(d)); },
          PageUp: function (d) { return addMonths(d, event.shiftKey ? -12 : -1); },
          PageDown: function (d) { return addMonths(d, event.shiftKey ? 12 : 1); }
        };
        if (moves[event.key]) {
          event.preventDefault();
          moveTo(moves[event.key](state.focus));
        } else if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          pick(state.focus);
        }
      });
      popup.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          close(true);
        } else if (event.key === 'Tab') {
          // focus stays in the open calendar until it is closed
          var stops = Array.prototype.filter.call(
            popup.querySelectorAll('button, select, [tabindex="0"]'), function (e) { return !e.disabled; });
          var first = stops[0];
          var last = stops[stops.length - 1];
          if (event.shiftKey && document.activeElement === first) {
            event.preventDefault();
            last.focus();
          } else if (!event.shiftKey && document.activeElement === last) {
            event.preventDefault();
            first.focus();
          }
        }
      });
      // Enter on a time list must not submit the form around the field
      popup.addEventListener('keypress', function (event) {
        if (event.key === 'Enter') { event.preventDefault(); }
      });

      button.setAttribute('aria-expanded', 'true');
      render(true);
      // on a narrow screen: not past the window's right edge
      var box = popup.getBoundingClientRect();
      var room = document.documentElement.clientWidth - 8;
      if (box.right > room) {
        popup.style.left = Math.min(0, room - box.right) + 'px';
      }
      document.addEventListener('mousedown', outside, true);
      document.addEventListener('touchstart', outside, true);
    };

    button.addEventListener('click', function () {
      if (popup) { close(true); } else { open(); }
    });
    // Alt+ArrowDown in the field opens the calendar, as it opens a list
    input.addEventListener('keydown', function (event) {
      if (event.altKey && event.key === 'ArrowDown') {
        event.preventDefault();
        if (!popup) { open(); }
      } else if (event.key === 'Escape' && popup) {
        close(false);
      }
    });
  };

  document.querySelectorAll('input[data-picker]').forEach(attach);
})();
