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

  // the drafting form's address book: filters the rows by name, unit and position as one types,
  // without diacritics ("ban to chuc" finds "Ban Tổ chức"; đ is not decomposed by NFD, hence by hand)
  var plain = function (text) {
    return (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
  };
  var bookSearch = document.getElementById('book-search');
  var bookFilter = document.getElementById('book-filter');
  var bookList = document.getElementById('book-list');
  if (bookSearch && bookFilter && bookList) {
    bookSearch.hidden = false;
    var bookRows = Array.prototype.slice.call(bookList.querySelectorAll('.book-entry'));
    var bookKeys = bookRows.map(function (row) { return plain(row.getAttribute('data-search')); });
    var bookNone = document.getElementById('book-none');
    var filterBook = function () {
      var words = plain(bookFilter.value).split(' ').filter(function (w) { return w; });
      var shown = 0;
      bookRows.forEach(function (row, i) {
        // a ticked row stays visible, so a filter never hides what will be sent
        var match = row.querySelector('input').checked || words.every(function (w) {
          return bookKeys[i].indexOf(w) >= 0;
        });
        row.hidden = !match;
        if (match) { shown++; }
      });
      if (bookNone) { bookNone.hidden = shown > 0; }
    };
    bookFilter.addEventListener('input', filterBook);
    // Enter in the search box must not submit the draft
    bookFilter.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') { event.preventDefault(); }
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
  // token after the leader types its PIN in the agent; the page only carries the data between the
  // agent and the server (docs/signing-agent.md), and shows each step as it happens. On a task page
  // one document; on the task list every ticked one, with one PIN (ký hàng loạt).
  var tokenSigner = function (box) {
    var agent = box.getAttribute('data-agent');
    var steps = box.querySelector('.token-steps');
    var error = box.querySelector('.token-error');
    var PAIRING = 'vanthu-agent-pairing';
    var api = {};
    api.step = function (text) {
      var li = document.createElement('li');
      li.textContent = text;
      steps.appendChild(li);
      return li;
    };
    api.reset = function () {
      error.hidden = true;
      steps.textContent = '';
    };
    api.fail = function (text) {
      error.textContent = text;
      error.hidden = false;
    };
    var serverProblem = function (response, fallback) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (body.errors && body.errors.length) {
          throw new Error(body.errors.map(function (e) { return e.message; }).join(' '));
        }
        throw new Error(body.detail || fallback);
      });
    };
    // the agent's refusals: {"error": code, "message": Vietnamese text}
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
      headers[box.getAttribute('data-csrf-header')] = box.getAttribute('data-csrf');
      return fetch(path, {method: 'POST', headers: headers, credentials: 'same-origin', body: JSON.stringify(body)})
        .then(function (response) {
          return response.ok ? response.json() : serverProblem(response, 'Máy chủ không nhận yêu cầu ký.');
        });
    };
    // paired with the agent (once, confirmed in the agent), then the token's first certificate
    api.certificate = function () {
      api.step('Đang kết nối ứng dụng ký số… (nếu ứng dụng hỏi mã PIN của thiết bị, hãy nhập trong ứng dụng đó)');
      return callAgent('GET', '/status').then(function (response) {
        return response.ok ? response.json() : {paired: false};
      }).then(function (status) {
        if (status.paired) {
          return null;
        }
        var asking = api.step('Hãy xác nhận cho phép trang này dùng thiết bị ký số, trong cửa sổ của ứng dụng ký số…');
        return callAgent('POST', '/pair').then(function (response) {
          if (!response.ok) {
            throw new Error('Ứng dụng ký số không cho phép trang này dùng thiết bị ký số (đồng chí đã từ chối ghép nối).');
          }
          return response.json();
        }).then(function (granted) {
          window.localStorage.setItem(PAIRING, granted.pairingToken);
          asking.textContent = 'Đã ghép nối trang này với ứng dụng ký số.';
        });
      }).then(function () {
        return callAgent('GET', '/certificates');
      }).then(function (response) {
        return response.ok ? response.json() : agentProblem(response, 'Ứng dụng ký số không đọc được thiết bị ký số.');
      }).then(function (certificates) {
        if (!certificates.length) {
          throw new Error('Thiết bị ký số không có chứng thư số nào.');
        }
        api.step('Chứng thư số trên thiết bị: ' + certificates[0].commonName + '.');
        return certificates[0];
      });
    };
    // step 1 on the server: the data to sign of one task, for this certificate
    api.prepare = function (taskId, certificate) {
      return callServer('/api/tasks/' + encodeURIComponent(taskId) + '/signature', {certificate: certificate.chain});
    };
    // the token signs every prepared item after one PIN, typed in the agent
    api.sign = function (certificate, algorithm, items) {
      api.step('Hãy nhập mã PIN của thiết bị ký số trong cửa sổ của ứng dụng ký số…');
      return callAgent('POST', '/sign', {certificateId: certificate.id, signatureAlgorithm: algorithm, items: items})
        .then(function (response) {
          return response.ok ? response.json() : agentProblem(response, 'Thiết bị ký số không ký được.');
        }).then(function (signed) {
          var values = {};
          signed.signatures.forEach(function (s) { values[s.id] = s.signatureValue; });
          return values;
        });
    };
    // the token's certificate to the administrators, to approve as the leader's (enrolment)
    api.present = function (certificate) {
      return callServer('/api/me/signing-certificate', {certificate: certificate.chain});
    };
    // step 2 on the server: the value back; answers the document
    api.complete = function (taskId, requestId, value) {
      return callServer('/api/tasks/' + encodeURIComponent(taskId) + '/signature/' + encodeURIComponent(requestId),
        {signatureValue: value});
    };
    return api;
  };

  // the task page: this one document
  var token = document.getElementById('token-signing');
  if (token && window.fetch) {
    token.hidden = false;
    var signer = tokenSigner(token);
    var button = document.getElementById('sign-token');
    button.addEventListener('click', function () {
      var taskId = token.getAttribute('data-task');
      var certificate;
      var prepared;
      button.disabled = true;
      signer.reset();
      signer.certificate().then(function (c) {
        certificate = c;
        signer.step('Đang chuẩn bị văn bản để ký…');
        return signer.prepare(taskId, certificate);
      }).then(function (request) {
        prepared = request;
        return signer.sign(certificate, request.signatureAlgorithm,
          [{id: request.requestId, dataToSign: request.dataToSign}]);
      }).then(function (values) {
        signer.step('Thiết bị đã ký. Đang gửi chữ ký về máy chủ và chờ cấp số…');
        return signer.complete(taskId, prepared.requestId, values[prepared.requestId]);
      }).then(function (doc) {
        var done = signer.step(doc.number
          ? 'Đã ký và ban hành: số ' + doc.number + '.'
          : 'Đã ký. Hệ thống đang cấp số, phát hành và gửi văn bản đến nơi nhận.');
        done.id = 'token-done';
        window.setTimeout(function () {
          window.location.assign('/van-ban/' + encodeURIComponent(token.getAttribute('data-document')));
        }, 1500);
      }).catch(function (e) {
        signer.fail(e.message);
        button.disabled = false;
      });
    });
  }

  // the signing PIN page: a new token's certificate presented for enrolment
  var enrolment = document.getElementById('token-enrolment');
  if (enrolment && window.fetch) {
    enrolment.hidden = false;
    var enroller = tokenSigner(enrolment);
    var enrolButton = document.getElementById('enrol-token');
    enrolButton.addEventListener('click', function () {
      enrolButton.disabled = true;
      enroller.reset();
      enroller.certificate().then(function (certificate) {
        return enroller.present(certificate);
      }).then(function (enrolled) {
        enroller.step('Đã gửi chứng thư số "' + enrolled.subject + '" (mã vân tay ' + enrolled.fingerprint.substring(0, 16)
          + '…): chờ quản trị viên duyệt.').id = 'enrol-sent';
        enrolButton.disabled = false;
      }).catch(function (e) {
        enroller.fail(e.message);
        enrolButton.disabled = false;
      });
    });
  }

  // each item's promise after the previous one's: one request at a time to the server
  var inTurn = function (items, each) {
    return items.reduce(function (chain, item) {
      return chain.then(function () { return each(item); });
    }, Promise.resolve());
  };

  // the task list: every ticked document, each with its own signature, one PIN in the agent
  var batchToken = document.getElementById('batch-token');
  if (batchToken && window.fetch) {
    batchToken.hidden = false;
    var batchSigner = tokenSigner(batchToken);
    var batchButton = document.getElementById('batch-sign-token');
    batchButton.addEventListener('click', function () {
      var picked = Array.prototype.map.call(document.querySelectorAll('.batch-pick:checked'), function (c) {
        return {taskId: c.value, title: c.getAttribute('data-title')};
      });
      batchSigner.reset();
      if (!picked.length) {
        batchSigner.fail('Hãy chọn các văn bản cần ký.');
        return;
      }
      batchButton.disabled = true;
      var certificate;
      var ready = [];
      var results = [];
      batchSigner.certificate().then(function (c) {
        certificate = c;
        batchSigner.step('Đang chuẩn bị ' + picked.length + ' văn bản để ký…');
        // one by one: a task the server refuses is reported and left out, the others go on
        return inTurn(picked, function (p) {
          return batchSigner.prepare(p.taskId, certificate).then(function (request) {
            ready.push({pick: p, request: request});
          }, function (e) {
            results.push(p.title + ': ' + e.message);
          });
        });
      }).then(function () {
        if (!ready.length) {
          throw new Error('Không văn bản nào ký được. ' + results.join(' '));
        }
        return batchSigner.sign(certificate, ready[0].request.signatureAlgorithm, ready.map(function (r) {
          return {id: r.request.requestId, dataToSign: r.request.dataToSign};
        }));
      }).then(function (values) {
        batchSigner.step('Thiết bị đã ký ' + ready.length + ' văn bản. Đang gửi chữ ký về máy chủ…');
        return inTurn(ready, function (r) {
          return batchSigner.complete(r.pick.taskId, r.request.requestId, values[r.request.requestId])
            .then(function () {
              results.push(r.pick.title + ': đã ký.');
            }, function (e) {
              results.push(r.pick.title + ': ' + e.message);
            });
        });
      }).then(function () {
        var list = document.createElement('ul');
        list.id = 'batch-token-results';
        results.forEach(function (line) {
          var li = document.createElement('li');
          li.textContent = line;
          list.appendChild(li);
        });
        batchSigner.step('Kết quả từng văn bản:').appendChild(list);
        batchButton.disabled = false;
      }).catch(function (e) {
        batchSigner.fail(e.message);
        batchButton.disabled = false;
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

  // signed, being issued (document page): ask the API every 2 s, for about 2 minutes, until the
  // document is issued (status, number, the sealed PDF) or issuing failed (what happens next)
  var watch = document.getElementById('issue-watch');
  if (watch && window.fetch) {
    var watchText = document.getElementById('issue-watch-text');
    var tries = 0;
    var settle = function (doc) {
      var status = document.getElementById('doc-status');
      if (doc.status === 'ISSUED') {
        if (status) { status.textContent = watch.getAttribute('data-issued'); }
        if (doc.number && !document.getElementById('doc-number')) {
          var line = document.getElementById('doc-line');
          var span = document.createElement('span');
          var strong = document.createElement('strong');
          strong.id = 'doc-number';
          strong.textContent = doc.number;
          span.appendChild(document.createTextNode(' · Số '));
          span.appendChild(strong);
          line.insertBefore(span, line.children[1] || null);
        }
        var heading = document.getElementById('pdf-heading');
        if (heading) { heading.textContent = 'Văn bản đã ký'; }
        // the same URL now answers the issued PDF: a new object element makes the browser fetch it
        var frame = document.getElementById('pdf-frame');
        if (frame) {
          var fresh = frame.cloneNode(true);
          fresh.setAttribute('data', frame.getAttribute('data').split('?')[0] + '?v=' + Date.now());
          frame.parentNode.replaceChild(fresh, frame);
        }
        watchText.textContent = 'Đã ban hành' + (doc.number ? ', số ' + doc.number : '') + '.';
        watch.classList.add('done');
      } else {
        if (status) { status.textContent = watch.getAttribute('data-failed'); }
        watchText.textContent = 'Văn bản đã ký nhưng chưa ban hành được; không có số nào bị cấp, '
          + 'không thư nào được gửi. Văn thư sẽ ban hành lại hoặc trả lại người soạn thảo. '
          + 'Tải lại trang để xem chi tiết.';
        watch.classList.add('failed');
      }
    };
    var poll = function () {
      tries++;
      fetch(watch.getAttribute('data-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (doc) {
          if (doc && (doc.status === 'ISSUED' || doc.status === 'ISSUE_FAILED')) {
            settle(doc);
          } else if (tries < 60) {
            setTimeout(poll, 2000);
          } else {
            watchText.textContent = 'Việc ban hành đang lâu hơn thường lệ. Tải lại trang sau ít phút.';
          }
        })
        .catch(function () { if (tries < 60) { setTimeout(poll, 2000); } });
    };
    setTimeout(poll, 2000);
  }
})();
