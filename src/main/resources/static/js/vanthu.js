// Small progressive enhancements; every page works without them.
(function () {
  // the phone's folded menu: the stylesheet hides it only once this script runs (class "js")
  document.documentElement.classList.add('js');
  var toggle = document.getElementById('menu-toggle');
  var menu = document.getElementById('menu');
  if (toggle && menu) {
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var open = menu.classList.toggle('open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }

  // the print view's button
  var print = document.getElementById('print-now');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () { window.print(); });
  }

  // "+ Thêm nơi nhận": copies the last free-recipient row with the next index (extra[n].name/email)
  var add = document.getElementById('add-row');
  var rows = document.getElementById('extra-rows');
  if (add && rows) {
    add.hidden = false;
    add.addEventListener('click', function () {
      var last = rows.querySelector('.extra:last-child');
      var index = rows.querySelectorAll('.extra').length;
      var copy = last.cloneNode(true);
      copy.querySelectorAll('input').forEach(function (input) {
        input.name = input.name.replace(/extra\[\d+]/, 'extra[' + index + ']');
        input.id = input.id.replace(/extra\d+/, 'extra' + index);
        input.value = '';
        input.classList.remove('invalid');
      });
      copy.querySelectorAll('label').forEach(function (label) {
        label.htmlFor = label.htmlFor.replace(/extra\d+/, 'extra' + index);
      });
      copy.querySelectorAll('.error').forEach(function (e) { e.remove(); });
      rows.appendChild(copy);
      copy.querySelector('input').focus();
    });
  }

  // forms that ask before doing something final (data-confirm="question"); no inline handlers,
  // which the Content-Security-Policy refuses
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) {
        event.preventDefault();
      }
    });
  });

  // the signature check: refuse a too-large file before uploading it (the server refuses it too)
  var file = document.querySelector('input[type=file][data-max-mb]');
  if (file) {
    file.addEventListener('change', function () {
      var max = Number(file.getAttribute('data-max-mb')) * 1024 * 1024;
      file.setCustomValidity(file.files.length && file.files[0].size > max ? 'Tệp quá lớn.' : '');
    });
  }
})();
