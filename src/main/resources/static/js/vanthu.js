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

  // "Ký bằng USB token": the local signing agent lists the token's certificates and signs with the
  // token after the leader types its PIN in the agent; this page only carries the data between the
  // agent and the server (docs/signing-agent.md). Each step is shown as it happens.
  var token = document.getElementById('token-signing');
  if (token && window.fetch) {
    token.hidden = false;
    var agent = token.getAttribute('data-agent');
    var taskId = token.getAttribute('data-task');
    var steps = document.getElementById('token-steps');
    var error = document.getElementById('token-error');
    var button = document.getElementById('sign-token');
    var PAIRING = 'vanthu-agent-pairing';

    var step = function (text) {
      var li = document.createElement('li');
      li.textContent = text;
      steps.appendChild(li);
      return li;
    };
    var fail = function (text) {
      error.textContent = text;
      error.hidden = false;
      button.disabled = false;
    };
    var problem = function (response, fallback) {
      return response.json().then(function (body) {
        if (body && body.errors && body.errors.length) {
          return body.errors.map(function (e) { return e.message; }).join(' ');
        }
        return (body && (body.detail || body.message)) || fallback;
      }, function () { return fallback; });
    };
    // the agent's refusals (docs/signing-agent.md): {"error": code, "message": Vietnamese text}
    var agentProblem = function (response, fallback) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (body.error === 'not_paired') {
          window.localStorage.removeItem(PAIRING);
          throw new Error('Ứng dụng ký số chưa ghép nối với trang này: hãy bấm lại để ghép nối.');
        }
        if (body.error === 'no_token') {
          throw new Error('Chưa thấy thiết bị ký số (USB token): hãy cắm thiết bị vào máy rồi bấm lại.');
        }
        throw new Error(body.message || fallback);
      });
    };
    var callAgent = function (method, path, body) {
      var headers = {'X-Pairing-Token': window.localStorage.getItem(PAIRING) || ''};
      if (body) {
        headers['Content-Type'] = 'application/json';
      }
      return fetch(agent + path, {method: method, headers: headers, body: body ? JSON.stringify(body) : undefined})
        .catch(function () {
          throw new Error('Chưa kết nối được ứng dụng ký số trên máy này. Hãy mở ứng dụng ký số Văn thư'
            + ' (hướng dẫn: docs/signing-agent.md) rồi bấm lại.');
        });
    };
    var callServer = function (path, body) {
      var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
      headers[token.getAttribute('data-csrf-header')] = token.getAttribute('data-csrf');
      return fetch(path, {method: 'POST', headers: headers, credentials: 'same-origin', body: JSON.stringify(body)});
    };
    var paired = function () {
      return callAgent('GET', '/status').then(function (response) {
        return response.ok ? response.json() : {paired: false};
      }).then(function (status) {
        if (status.paired) {
          return true;
        }
        var asking = step('Hãy xác nhận cho phép trang này dùng thiết bị ký số, trong cửa sổ của ứng dụng ký số…');
        return callAgent('POST', '/pair').then(function (response) {
          if (!response.ok) {
            throw new Error('Ứng dụng ký số không cho phép trang này dùng thiết bị ký số (đồng chí đã từ chối ghép nối).');
          }
          return response.json();
        }).then(function (granted) {
          window.localStorage.setItem(PAIRING, granted.pairingToken);
          asking.textContent = 'Đã ghép nối trang này với ứng dụng ký số.';
          return true;
        });
      });
    };

    button.addEventListener('click', function () {
      button.disabled = true;
      error.hidden = true;
      steps.textContent = '';
      var certificate;
      var prepared;
      step('Đang kết nối ứng dụng ký số… (nếu ứng dụng hỏi mã PIN của thiết bị, hãy nhập trong ứng dụng đó)');
      paired().then(function () {
        return callAgent('GET', '/certificates');
      }).then(function (response) {
        if (!response.ok) {
          return agentProblem(response, 'Ứng dụng ký số không đọc được thiết bị ký số.');
        }
        return response.json();
      }).then(function (certificates) {
        if (!certificates.length) {
          throw new Error('Thiết bị ký số không có chứng thư số nào.');
        }
        certificate = certificates[0];
        step('Chứng thư số trên thiết bị: ' + certificate.commonName + '. Đang chuẩn bị văn bản để ký…');
        return callServer('/api/tasks/' + encodeURIComponent(taskId) + '/signature', {certificate: certificate.chain});
      }).then(function (response) {
        if (!response.ok) {
          return problem(response, 'Máy chủ không nhận chứng thư số này.').then(function (m) { throw new Error(m); });
        }
        return response.json();
      }).then(function (request) {
        prepared = request;
        step('Hãy nhập mã PIN của thiết bị ký số trong cửa sổ của ứng dụng ký số…');
        return callAgent('POST', '/sign', {
          certificateId: certificate.id,
          signatureAlgorithm: request.signatureAlgorithm,
          items: [{id: request.requestId, dataToSign: request.dataToSign}]
        });
      }).then(function (response) {
        if (!response.ok) {
          return agentProblem(response, 'Thiết bị ký số không ký được.');
        }
        return response.json();
      }).then(function (signed) {
        step('Thiết bị đã ký. Đang gửi chữ ký về máy chủ và chờ cấp số…');
        return callServer('/api/tasks/' + encodeURIComponent(taskId) + '/signature/' + encodeURIComponent(prepared.requestId),
          {signatureValue: signed.signatures[0].signatureValue});
      }).then(function (response) {
        if (!response.ok) {
          return problem(response, 'Máy chủ không nhận chữ ký.').then(function (m) { throw new Error(m); });
        }
        return response.json();
      }).then(function (doc) {
        var done = step(doc.number
          ? 'Đã ký và ban hành: số ' + doc.number + '.'
          : 'Đã ký. Hệ thống đang cấp số, phát hành và gửi văn bản đến nơi nhận.');
        done.id = 'token-done';
        window.setTimeout(function () {
          window.location.assign('/van-ban/' + encodeURIComponent(token.getAttribute('data-document')));
        }, 1500);
      }).catch(function (e) {
        fail(e.message);
      });
    });
  }

  // the signature check: refuse a too-large file before uploading it (the server refuses it too)
  var file = document.querySelector('input[type=file][data-max-mb]');
  if (file) {
    file.addEventListener('change', function () {
      var max = Number(file.getAttribute('data-max-mb')) * 1024 * 1024;
      file.setCustomValidity(file.files.length && file.files[0].size > max ? 'Tệp quá lớn.' : '');
    });
  }
})();
