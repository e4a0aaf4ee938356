/* Anatomy of a Comeback: the quizzes of a static page, with no server and no kernel.
 *
 * Reads the page's student release (salted marks, sealed feedback; see casestudy/quiz/release.py)
 * and checks answers the way the Python engine does (casestudy/quiz/model.py, _keys.py): same
 * number reading, same marks, same messages from the same catalogue (casestudy/i18n.py).
 * A browser test runs the same answers through both and compares the results.
 *
 * Parts, in order: texts; keys (WebCrypto); numbers; checking; saved answers; the view; start.
 * Answers are kept in localStorage under "casestudy.answers.<quiz id>", as the records of an
 * answers file (casestudy/quiz/store.py) plus each answer as the controls hold it.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("casestudy-quiz-data").textContent);
  var CATALOGUE = DATA.catalogue;
  var NB = "\u00a0";
  var LANGS = ["en", "fr"];

  // ------------------------------------------------------------------ texts

  function t(key, lang, values) {
    var entry = CATALOGUE[key] || { en: key };
    var template = entry[lang] || entry.en;
    values = values || {};
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      if (name === "_nb") return NB;
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function pluralKey(base, count, lang) {
    var one = lang === "fr" ? Math.abs(count) < 2 : count === 1;
    return base + (one ? ".one" : ".other");
  }

  function formatNumber(value, lang) {
    var text = Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
    return lang === "fr" ? text.replace(".", ",") : text;
  }

  // Localized.get: the language asked for, else English, else the first text
  function loc(texts, lang) {
    if (!texts) return "";
    if (texts[lang]) return texts[lang];
    if (texts.en) return texts.en;
    var keys = Object.keys(texts);
    return keys.length ? texts[keys[0]] : "";
  }

  function canonical(texts) {
    return texts.en || texts[Object.keys(texts)[0]];
  }

  function codePoints(s) { return Array.from(s).length; }

  // Python's str.strip() and " ".join(s.split()) on the whitespace JavaScript knows
  function strip(s) { return s.replace(/^\s+|\s+$/g, ""); }

  function echo(value) {
    var text = typeof value === "string" ? value : JSON.stringify(value);
    text = strip(text).split(/\s+/).join(" ");
    var chars = Array.from(text);
    return chars.length <= 60 ? text : chars.slice(0, 59).join("") + "\u2026";
  }

  // the allowed markup of casestudy/quiz/markup.py; everything else becomes text
  var ALLOWED = ["B", "STRONG", "I", "EM", "U", "CODE", "PRE", "SUB", "SUP", "BR", "P", "UL", "OL",
    "LI", "SMALL", "Q", "CITE", "A"];

  function safeFragment(html) {
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    var out = document.createDocumentFragment();
    function copy(node, into) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === 3) {
          into.appendChild(document.createTextNode(child.textContent));
        } else if (child.nodeType === 1 && ALLOWED.indexOf(child.tagName) >= 0) {
          var el = document.createElement(child.tagName);
          var href = child.tagName === "A" ? child.getAttribute("href") || "" : "";
          if (/^(https?:|mailto:)/i.test(strip(href))) el.setAttribute("href", strip(href));
          copy(child, el);
          into.appendChild(el);
        } else if (child.nodeType === 1) {
          into.appendChild(document.createTextNode(child.outerHTML));
        }
      });
    }
    copy(doc.body, out);
    return out;
  }

  function plain(html) {
    return new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body.textContent;
  }

  // ------------------------------------------------------------------ keys (mirror of _keys.py)

  var enc = new TextEncoder();
  var subtle = window.crypto && window.crypto.subtle;

  function concat() {
    var total = 0, i;
    for (i = 0; i < arguments.length; i++) total += arguments[i].length;
    var out = new Uint8Array(total), at = 0;
    for (i = 0; i < arguments.length; i++) { out.set(arguments[i], at); at += arguments[i].length; }
    return out;
  }

  function hex(bytes) {
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function sha256(bytes) {
    return subtle.digest("SHA-256", bytes).then(function (d) { return new Uint8Array(d); });
  }

  function hmac(key, message) {
    return subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      .then(function (k) { return subtle.sign("HMAC", k, message); })
      .then(function (d) { return new Uint8Array(d); });
  }

  // json.dumps(parts, ensure_ascii=False, separators=(",", ":")) for strings, ints, bools, lists
  function canonicalParts(parts) { return enc.encode(JSON.stringify(parts)); }

  function derive(salt, parts, iterations) {
    var data = canonicalParts(parts);
    if (iterations) {
      return subtle.importKey("raw", data, "PBKDF2", false, ["deriveBits"]).then(function (k) {
        return subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: enc.encode(salt),
          iterations: iterations }, k, 256);
      }).then(function (bits) { return new Uint8Array(bits); });
    }
    return sha256(concat(enc.encode(salt), new Uint8Array([0]), data));
  }

  function markOf(key, iterations) {
    return hmac(key, enc.encode("mark")).then(function (d) {
      return iterations + "$" + hex(d).slice(0, 32);
    });
  }

  // the key if parts is the answer the mark stands for, else null
  function verify(mark, salt, parts) {
    if (typeof mark !== "string" || mark.indexOf("$") < 0) return Promise.resolve(null);
    var roundsText = mark.slice(0, mark.indexOf("$"));
    if (!/^\s*[+-]?\d+\s*$/.test(roundsText)) return Promise.resolve(null);
    var rounds = parseInt(roundsText, 10);
    if (rounds < 0 || rounds > 10000000) return Promise.resolve(null);
    return derive(salt, parts, rounds).then(function (key) {
      return markOf(key, rounds).then(function (m) { return m === mark ? key : null; });
    });
  }

  function unseal(token, key, purpose) {
    if (!key || typeof token !== "string") return Promise.resolve(null);
    var raw;
    try {
      raw = Uint8Array.from(atob(token), function (c) { return c.charCodeAt(0); });
    } catch (e) { return Promise.resolve(null); }
    if (raw.length < 32) return Promise.resolve(null);
    var nonce = raw.slice(0, 16), cipher = raw.slice(16, raw.length - 16), tag = raw.slice(raw.length - 16);
    return hmac(key, enc.encode("seal:" + purpose)).then(function (subkey) {
      return hmac(subkey, concat(nonce, cipher)).then(function (expected) {
        if (hex(expected.slice(0, 16)) !== hex(tag)) return null;
        var blocks = [];
        for (var i = 0; i * 32 < cipher.length; i++) {
          var counter = new Uint8Array([(i >>> 24) & 255, (i >>> 16) & 255, (i >>> 8) & 255, i & 255]);
          blocks.push(sha256(concat(subkey, nonce, counter)));
        }
        return Promise.all(blocks).then(function (parts) {
          var stream = concat.apply(null, parts);
          var plainBytes = cipher.map(function (b, j) { return b ^ stream[j]; });
          try { return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plainBytes)); }
          catch (e) { return null; }
        });
      });
    });
  }

  // ------------------------------------------------------------------ numbers (model.py)

  function Invalid(key, values) { this.key = key; this.values = values || {}; }

  var PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
  var GROUPED_COMMA = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
  var GROUPED_DOT = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;

  function parsePlain(text, original) {
    var bad = new Invalid("invalid.number", { text: echo(original) });
    var hasComma = text.indexOf(",") >= 0, hasDot = text.indexOf(".") >= 0;
    if (hasComma && hasDot) {
      if (text.lastIndexOf(",") > text.lastIndexOf(".")) {
        if (!GROUPED_DOT.test(text)) throw bad;
        text = text.replace(/\./g, "").replace(",", ".");
      } else {
        if (!GROUPED_COMMA.test(text)) throw bad;
        text = text.replace(/,/g, "");
      }
    } else if (hasComma) {
      if (text.split(",").length > 2) {
        if (!GROUPED_COMMA.test(text)) throw bad;
        text = text.replace(/,/g, "");
      } else {
        var whole = text.split(",")[0], frac = text.split(",")[1];
        var digits = whole.replace(/^[+-]+/, "");
        // "8,046" is 8046 to an English reader and 8.046 to a French one: ask
        if (frac.length === 3 && digits.length >= 1 && digits.length <= 3 && /^\d+$/.test(digits) &&
            digits[0] !== "0") {
          throw new Invalid("invalid.ambiguous_number",
            { text: echo(original), a: whole + frac, b: whole + "." + frac });
        }
        text = whole + "." + frac;
      }
    } else if (text.split(".").length > 2) {
      if (!GROUPED_DOT.test(text)) throw bad;
      text = text.replace(/\./g, "");
    }
    if (!PLAIN.test(text)) throw bad;
    var value = Number(text);
    if (!isFinite(value)) throw bad;
    return value;
  }

  function parseNumber(raw) {
    if (typeof raw === "number") {
      if (!isFinite(raw)) throw new Invalid("invalid.number", { text: echo(String(raw)) });
      return raw;
    }
    if (typeof raw !== "string") throw new Invalid("invalid.type", { expected: "expected.number" });
    if (codePoints(raw) > 100) throw new Invalid("invalid.too_long", { length: codePoints(raw), limit: 100 });
    var text = strip(raw.normalize("NFKC").replace(/[\u2212\u2013\u2012\ufe63]/g, "-"));
    if (!text) throw new Invalid("invalid.empty");
    if (text.slice(-1) === "%") text = text.slice(0, -1).replace(/\s+$/, "");
    text = text.replace(/(?<=\d)[\s'\u2019](?=\d)/g, "").replace(/^([+-])\s+/, "$1");
    if (text.indexOf("/") >= 0) {
      var parts = text.split("/");
      if (parts.length !== 2) throw new Invalid("invalid.number", { text: echo(raw) });
      var numerator = parsePlain(strip(parts[0]), raw), denominator = parsePlain(strip(parts[1]), raw);
      if (denominator === 0) throw new Invalid("invalid.division_by_zero", { text: echo(raw) });
      var value = numerator / denominator;
      if (!isFinite(value)) throw new Invalid("invalid.number", { text: echo(raw) });
      return value;
    }
    return parsePlain(text, raw);
  }

  function roundSignificant(value, digits) {
    if (value === 0 || !isFinite(value)) return value + 0;
    return Number(value.toPrecision(digits));
  }

  // Python's repr(float): shortest digits, "1.0", "1e-05", "1e+16"
  function canonicalNumber(value) {
    value = value + 0;
    if (Object.is(value, -0)) value = 0;
    var parts = value.toExponential().split("e");
    var sign = parts[0][0] === "-" ? "-" : "";
    var digits = parts[0].replace("-", "").replace(".", "");
    var exp = parseInt(parts[1], 10);
    if (exp >= -4 && exp < 16) {
      var point = exp + 1, text;
      if (point <= 0) text = "0." + "0".repeat(-point) + digits;
      else if (point >= digits.length) text = digits + "0".repeat(point - digits.length) + ".0";
      else text = digits.slice(0, point) + "." + digits.slice(point);
      return sign + text;
    }
    var mantissa = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    var e = Math.abs(exp);
    return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" + e : String(e));
  }

  function num(v) { return typeof v === "string" ? Number(v) : v; }

  // ------------------------------------------------------------------ checking (model.py)

  function levenshtein(a, b) {
    a = Array.from(a); b = Array.from(b);
    if (a.length < b.length) { var swap = a; a = b; b = swap; }
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      for (j = 1; j <= b.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] !== b[j - 1] ? 1 : 0)));
      }
      previous = current;
    }
    return previous[b.length];
  }

  function similarity(a, b) {
    var longest = Math.max(codePoints(a), codePoints(b));
    return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
  }

  function textKey(s) { return strip(s.normalize("NFC")); }
  function textNorm(s, matchCase) { s = textKey(s); return matchCase ? s : s.toLowerCase(); }

  function checkLength(value, limit) {
    if (codePoints(value) > limit) throw new Invalid("invalid.too_long", { length: codePoints(value), limit: limit });
  }

  function isIndex(v) { return typeof v === "number" && Number.isInteger(v); }

  function indexOf(v, n, what) {
    if (v === null || v === undefined) throw new Invalid("invalid.empty");
    if (!isIndex(v)) throw new Invalid("invalid.type", { expected: what });
    if (v >= 0 && v < n) return v;
    throw new Invalid("invalid.unknown_choice", { choice: echo(String(v)) });
  }

  // response -> internal form (mirror of each question's normalize)
  function normalize(q, response) {
    if (q.type === "single") {
      if (Array.isArray(response)) {
        if (response.length === 0) throw new Invalid("invalid.empty");
        if (response.length > 1) throw new Invalid("invalid.one_choice");
        response = response[0];
      }
      return indexOf(response, q.choices.length, "expected.choice");
    }
    if (q.type === "multiple") {
      if (response === null || response === undefined) throw new Invalid("invalid.empty");
      if (typeof response === "number") response = [response];
      if (!Array.isArray(response)) throw new Invalid("invalid.type", { expected: "expected.choices" });
      if (response.length > 4 * q.choices.length) {
        throw new Invalid("invalid.too_long", { length: response.length, limit: q.choices.length });
      }
      var seen = {};
      response.forEach(function (v) { seen[indexOf(v, q.choices.length, "expected.choices")] = true; });
      var selected = Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
      if (!selected.length) throw new Invalid("invalid.empty");
      return selected;
    }
    if (q.type === "numeric") {
      if (response === null || response === undefined) throw new Invalid("invalid.empty");
      if (typeof response === "string") checkLength(response, 2000);
      return [typeof response === "string" ? strip(response) : response, parseNumber(response)];
    }
    if (q.type === "text" || q.type === "reflection") {
      if (response === null || response === undefined) throw new Invalid("invalid.empty");
      if (typeof response !== "string") throw new Invalid("invalid.type", { expected: "expected.text" });
      checkLength(response, q.type === "text" ? 2000 : q.max_chars);
      // a lone surrogate cannot be saved as UTF-8 (typed.py's _check_text)
      if (response.isWellFormed ? !response.isWellFormed() : /[\ud800-\udfff]/.test(response.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) {
        throw new Invalid("invalid.encoding");
      }
      var value = q.type === "text" ? textKey(response) : strip(response);
      if (!value) throw new Invalid("invalid.empty");
      return value;
    }
    var n = q.type === "order" ? q.items.length : q.lefts.length;
    var count = q.type === "order" ? q.items.length : q.options.length;
    var what = q.type === "order" ? "expected.sequence" : "expected.pairs";
    if (response === null || response === undefined) throw new Invalid("invalid.empty");
    if (!Array.isArray(response)) throw new Invalid("invalid.type", { expected: what });
    if (response.length > 4 * n) throw new Invalid("invalid.too_long", { length: response.length, limit: n });
    if (q.type === "match" && response.length !== n) {
      throw new Invalid("invalid.match", { matched: response.slice(0, n).filter(function (v) { return v !== null; }).length, total: n });
    }
    var indices = response.map(function (v) { return v === null ? null : indexOf(v, count, what); });
    var placed = indices.filter(function (v, i) { return v !== null && indices.indexOf(v) === i; }).length;
    if (q.type === "order") {
      if (response.length !== n || indices.indexOf(null) >= 0 || placed !== n) {
        throw new Invalid("invalid.order", { placed: placed, total: n });
      }
    } else if (indices.indexOf(null) >= 0) {
      throw new Invalid("invalid.match", { matched: indices.filter(function (v) { return v !== null; }).length, total: n });
    }
    return indices;
  }

  function feedback(plainTexts, sealed, key, lang) {
    if (plainTexts) return Promise.resolve(loc(plainTexts, lang));
    if (!sealed) return Promise.resolve("");
    return unseal(sealed, key, "feedback").then(function (opened) {
      return opened && typeof opened === "object" && Object.keys(opened).length ? loc(opened, lang) : "";
    });
  }

  function solutionKey(q, parts) {
    return q.salt ? derive(q.salt, [q.id, "solution"].concat(parts), 0).then(function (k) { return [k]; })
      : Promise.resolve([]);
  }

  function grade(q, value, lang) {
    var salt = q.salt || "";
    var vfy = function (mark, parts) { return mark ? verify(mark, salt, [q.id].concat(parts)) : Promise.resolve(null); };
    if (q.type === "single" || q.type === "multiple") {
      var isCorrect = function (i) {
        var c = q.choices[i];
        return c.mark ? vfy(c.mark, ["choice", i, true]).then(function (k) { return k !== null; })
          : Promise.resolve(!!c.correct);
      };
      var choiceFeedback = function (i) {
        var c = q.choices[i];
        var key = c.sealed_feedback ? derive(salt, [q.id, "choice-feedback", i], 0) : Promise.resolve(null);
        return key.then(function (k) { return feedback(c.feedback, c.sealed_feedback, k, lang); });
      };
      if (q.type === "single") {
        return isCorrect(value).then(function (correct) {
          return Promise.all([choiceFeedback(value), correct ? solutionKey(q, ["choice", value]) : []])
            .then(function (r) {
              return { correct: correct, fraction: correct ? 1 : 0, messages: [r[0]],
                response: canonical(q.choices[value].text), unlock: r[1] };
            });
        });
      }
      return Promise.all(q.choices.map(function (c, i) { return isCorrect(i); })).then(function (flags) {
        var right = [], chosenRight = [], chosenWrong = [];
        flags.forEach(function (f, i) { if (f) right.push(i); });
        value.forEach(function (i) { (flags[i] ? chosenRight : chosenWrong).push(i); });
        var found = chosenRight.length, wrong = chosenWrong.length, total = right.length;
        var correct = found === total && wrong === 0;
        var messages = [t("multiple.found", lang, { found: found, total: total })];
        if (wrong) messages.push(t("multiple.wrong", lang, { count: wrong }));
        // feedback of the wrongly chosen first: that is what the student needs to read
        return Promise.all(chosenWrong.concat(chosenRight).map(choiceFeedback)).then(function (fbs) {
          return (correct ? solutionKey(q, ["choices", value]) : Promise.resolve([])).then(function (unlock) {
            return { correct: correct, fraction: total ? Math.max(0, found - wrong) / total : 0,
              messages: messages.concat(fbs), response: value.map(function (i) { return canonical(q.choices[i].text); }),
              found: found, total: total, unlock: unlock };
          });
        });
      });
    }
    if (q.type === "numeric") {
      var typed = value[0];
      var x = q.precision ? roundSignificant(value[1], q.precision) : value[1];
      var tryAnswer = function (index) {
        if (index >= q.answers.length) {
          return Promise.resolve({ correct: false, fraction: 0, messages: [loc(q.default_feedback, lang)],
            response: typed, unlock: [] });
        }
        var a = q.answers[index];
        var hit;
        if (a.exact && a.mark) {
          hit = vfy(a.mark, ["value", index, canonicalNumber(x)]);
        } else if (a.exact) {
          var target = num(a.value);
          if (q.precision) target = roundSignificant(target, q.precision);
          hit = Promise.resolve(x === target ? "plain" : null);
        } else {
          var low = num(a.low), high = num(a.high);
          var inside = a.closed ? low <= x && x <= high : low <= x && x < high;
          hit = Promise.resolve(inside ? "plain" : null);
        }
        return hit.then(function (key) {
          if (key === null) return tryAnswer(index + 1);
          var k = key === "plain" ? null : key;
          return feedback(a.feedback, a.sealed_feedback, k, lang).then(function (fb) {
            return { correct: !!a.correct, fraction: a.correct ? 1 : 0, messages: [fb], response: typed,
              unlock: k && a.correct ? [k] : [] };
          });
        });
      };
      return tryAnswer(0);
    }
    if (q.type === "text") {
      var tryText = function (index) {
        if (index >= q.answers.length) {
          return Promise.resolve({ correct: false, fraction: 0, messages: [loc(q.default_feedback, lang)],
            response: value, unlock: [] });
        }
        var a = q.answers[index], fuzzy = false, hit;
        if (a.mark) {
          hit = vfy(a.mark, ["text", index, textNorm(value, a.match_case)]);
        } else {
          var mine = textNorm(value, a.match_case), theirs = textNorm(a.answer, a.match_case);
          var same = mine === theirs;
          if (!same && a.fuzzy_threshold) same = fuzzy = similarity(mine, theirs) >= a.fuzzy_threshold;
          hit = Promise.resolve(same ? "plain" : null);
        }
        return hit.then(function (key) {
          if (key === null) return tryText(index + 1);
          var k = key === "plain" ? null : key;
          return feedback(a.feedback, a.sealed_feedback, k, lang).then(function (fb) {
            var messages = [fb];
            if (fuzzy) messages.unshift(t("text.fuzzy", lang));
            return { correct: !!a.correct, fraction: a.correct ? 1 : 0, messages: messages, response: value,
              unlock: k && a.correct ? [k] : [] };
          });
        });
      };
      return tryText(0);
    }
    if (q.type === "order" || q.type === "match") {
      var isOrder = q.type === "order";
      return Promise.all(value.map(function (v, i) {
        // order: item v at position i; match: left i paired with option v
        if (q.marks) return vfy(q.marks[isOrder ? v : i], isOrder ? ["order", v, i] : ["match", i, v]).then(function (k) { return k !== null; });
        return isOrder ? v === i : !!q.answer && q.answer[i] === v;
      })).then(function (flags) {
        var found = flags.filter(Boolean).length, total = value.length, correct = found === total;
        var response;
        if (isOrder) {
          response = value.map(function (i) { return canonical(q.items[i]); });
        } else {
          response = {};
          value.forEach(function (j, i) { response[canonical(q.lefts[i])] = canonical(q.options[j]); });
        }
        return (correct ? solutionKey(q, [q.type, value]) : Promise.resolve([])).then(function (unlock) {
          return { correct: correct, fraction: found / total,
            messages: [t(isOrder ? "order.found" : "match.found", lang, { found: found, total: total })],
            response: response, found: found, total: total, unlock: unlock };
        });
      });
    }
    return Promise.resolve({ correct: null, fraction: 0, messages: [t("reflection.saved", lang)], response: value, unlock: [] });
  }

  function explanation(q, lang, keys) {
    if (q.explanation) return Promise.resolve(loc(q.explanation, lang));
    var tries = [];
    q.sealed_explanation.forEach(function (token) {
      keys.forEach(function (key) { tries.push(function () { return unseal(token, key, "explanation"); }); });
    });
    var next = function (i) {
      if (i >= tries.length) return Promise.resolve(null);
      return tries[i]().then(function (opened) {
        return opened && typeof opened === "object" && Object.keys(opened).length ? loc(opened, lang) : next(i + 1);
      });
    };
    return next(0);
  }

  function jsonable(value) {
    if (typeof value === "string") {
      var chars = Array.from(value);
      return chars.length <= 500 ? value : chars.slice(0, 500).join("") + "\u2026";
    }
    return value === undefined ? null : value;
  }

  // Question.check: a result, never an exception
  function check(q, response, attempt, lang) {
    var value;
    try {
      value = normalize(q, response);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return Promise.resolve(invalidResult(q, response, attempt, lang, err.key, err.values));
    }
    // a bug must never reach the student as a broken page: it becomes an unchecked answer
    return Promise.resolve().then(function () { return grade(q, value, lang); }).then(function (g) {
      var verdict = g.correct === null ? "result.saved" : g.correct ? "result.correct"
        : g.fraction > 0 ? "result.partial" : "result.incorrect";
      var show = g.correct !== false || (q.reveal_after !== null && attempt >= q.reveal_after);
      return (show ? explanation(q, lang, g.unlock) : Promise.resolve(null)).then(function (text) {
        return { question_id: q.id, correct: g.correct, score: Math.round(q.max_score * g.fraction * 1e6) / 1e6,
          max_score: q.max_score, verdict: t(verdict, lang),
          message: g.messages.filter(function (m) { return m; }).join(" "), explanation: text || null,
          valid: true, response: g.response, attempt: attempt,
          status: g.correct === null ? "saved" : g.correct ? "correct" : g.fraction > 0 ? "partial" : "incorrect" };
      });
    }).catch(function () {
      return invalidResult(q, response, attempt, lang, "invalid.internal", {});
    });
  }

  function invalidResult(q, response, attempt, lang, key, values) {
    if (values.expected) values = Object.assign({}, values, { expected: t(values.expected, lang) });
    return { question_id: q.id, correct: null, score: 0, max_score: q.max_score, verdict: t("result.invalid", lang),
      message: t(key, lang, values), explanation: null, valid: false, response: jsonable(response),
      attempt: attempt, status: "invalid" };
  }

  // ------------------------------------------------------------------ saved answers (store.py)

  function storageKey(quizId) { return "casestudy.answers." + quizId; }

  function loadSaved(quizId) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey(quizId)) || "null");
      return saved && Array.isArray(saved.entries) ? saved : { entries: [] };
    } catch (e) { return { entries: [] }; }
  }

  function store(quizId, saved) {
    try { window.localStorage.setItem(storageKey(quizId), JSON.stringify(saved)); return null; }
    catch (e) { return String(e && e.name || e); }
  }

  function nowIso() { return new Date().toISOString(); }

  // store.make_record
  function makeRecord(quizId, q, result, lang) {
    return { v: 1, timestamp: nowIso(), event: q.type === "reflection" ? "save" : "check", quiz: quizId,
      question_id: q.id, type: q.type, response: result.response, valid: result.valid, correct: result.correct,
      score: result.score, max_score: result.max_score, attempt: result.attempt, lang: lang };
  }

  // the student id (optional) is shared by every page; records without one are the student's
  var STUDENT_KEY = "casestudy.student";

  function studentId() {
    try { return strip(window.localStorage.getItem(STUDENT_KEY) || ""); } catch (e) { return ""; }
  }

  function jsonl(saved, student) {
    return saved.entries.map(function (e) {
      var record = e.record;
      if (student && !record.student_id) record = Object.assign({}, record, { student_id: student });
      return JSON.stringify(record) + "\n";
    }).join("");
  }

  // ------------------------------------------------------------------ the view

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  var ICONS = { correct: "\u2713", incorrect: "\u2717", partial: "\u25d0", invalid: "\u26a0", saved: "\u2713", info: "\u2139" };

  function showFeedback(box, result, lang, restored, note) {
    box.textContent = "";
    box.className = "fb fb-" + result.status;
    box.appendChild(el("span", { class: "icon", "aria-hidden": "true", text: ICONS[result.status] }));
    box.appendChild(el("strong", { text: result.verdict }));
    if (result.message) { box.appendChild(document.createTextNode(" ")); box.appendChild(safeFragment(result.message)); }
    if (result.valid && result.correct !== null) box.appendChild(el("small", { text: " " + t("attempt", lang, { n: result.attempt }) }));
    if (restored) box.appendChild(el("small", { text: " " + t("restored", lang) }));
    if (note) { box.appendChild(el("br")); box.appendChild(el("small", { text: note })); }
    if (result.explanation) {
      box.appendChild(el("br"));
      box.appendChild(el("strong", { text: t("explanation", lang) + " " }));
      box.appendChild(safeFragment(result.explanation));
    }
  }

  function info(box, text) {
    box.textContent = "";
    box.className = "fb fb-info";
    box.appendChild(el("span", { class: "icon", "aria-hidden": "true", text: ICONS.info }));
    box.appendChild(document.createTextNode(text));
  }

  function QuizView(section, quiz) {
    this.section = section;
    this.quiz = quiz;
    this.lang = "en";
    this.states = {};
    this.render();
  }

  QuizView.prototype.render = function () {
    var self = this, quiz = this.quiz, lang = this.lang, section = this.section;
    section.textContent = "";
    section.setAttribute("lang", lang);
    var headingId = "quiz-title-" + quiz.id;
    section.setAttribute("aria-labelledby", headingId);
    var title = quiz.title ? plain(loc(quiz.title, lang)) : quiz.id;
    section.appendChild(el("h2", { id: headingId, text: title }));
    var other = lang === "en" ? "fr" : "en";
    var langButton = el("button", { type: "button", class: "secondary lang-switch", lang: other,
      text: t("site.language", other) });
    langButton.addEventListener("click", function () { self.setLanguage(other); });
    section.appendChild(el("div", { class: "quiz-bar" }, [langButton]));
    section.appendChild(el("p", { class: "quiz-note", text: t("site.stored_note", lang) }));
    if (!subtle) section.appendChild(el("p", { class: "fb fb-invalid", role: "alert", text: t("site.no_crypto", lang) }));
    this.blocks = {};
    quiz.questions.forEach(function (q, i) { self.blocks[q.id] = self.question(q, i + 1); });
    this.progress = el("p", { class: "progress", "aria-live": "polite" });
    var studentInput = el("input", { type: "text", id: "student-" + quiz.id, autocomplete: "off" });
    studentInput.value = studentId();
    studentInput.addEventListener("change", function () {
      try { window.localStorage.setItem(STUDENT_KEY, strip(studentInput.value)); } catch (e) { /* kept for this visit */ }
    });
    var studentRow = el("div", { class: "row student" }, [el("label", { for: studentInput.id,
      text: t("site.student_label", lang) }), studentInput]);
    var download = el("button", { type: "button", class: "download", text: t("site.download", lang) });
    download.addEventListener("click", function () { self.download(); });
    this.resetButton = el("button", { type: "button", class: "secondary reset", text: t("button.reset", lang),
      title: t("site.reset_tooltip", lang) });
    this.resetButton.addEventListener("click", function () { self.reset(); });
    this.resetArmed = false;
    this.status = el("div", { class: "fb", role: "status" });
    section.appendChild(el("div", { class: "quiz-footer" }, [this.progress,
      studentRow, el("div", { class: "quiz-bar" }, [download, this.resetButton]), this.status]));
    this.restore();
  };

  QuizView.prototype.setLanguage = function (lang) {
    var values = {};
    var self = this;
    Object.keys(this.blocks).forEach(function (id) { values[id] = self.blocks[id].read(); });
    this.lang = lang;
    this.render();
    Object.keys(values).forEach(function (id) { self.blocks[id].write(values[id]); });
    var button = this.section.querySelector(".lang-switch");
    if (button) button.focus();
  };

  QuizView.prototype.question = function (q, number) {
    var self = this, lang = this.lang, base = "q-" + this.quiz.id + "-" + q.id;
    var points = q.graded ? t(pluralKey("points", q.points, lang), lang, { points: formatNumber(q.points, lang) })
      : t("heading.not_graded", lang);
    var box = el("div", { class: "quiz-q quiz-" + q.type, id: base, "data-question": q.id });
    var legendId = base + "-text";
    var heading = el("h3", {}, [el("span", { text: t("heading.question", lang, { n: number }) + " " }),
      el("span", { class: "points", text: "(" + points + ")" })]);
    box.appendChild(heading);
    var text = el("div", { class: "quiz-text", id: legendId }, [safeFragment(loc(q.text, lang))]);
    box.appendChild(text);
    if (q.code) box.appendChild(el("pre", {}, [el("code", { text: q.code })]));
    var controls = [], read, write;
    var fieldset = el("fieldset", { "aria-labelledby": legendId });
    var optionText = function (texts) { return plain(loc(texts, lang)); };
    if (q.type === "single" || q.type === "multiple") {
      var kind = q.type === "single" ? "radio" : "checkbox";
      if (q.type === "multiple") fieldset.appendChild(el("p", { class: "hint", text: t("label.select_all", lang) }));
      q.display.forEach(function (i) {
        var input = el("input", { type: kind, name: base, value: String(i), id: base + "-c" + i });
        controls.push(input);
        fieldset.appendChild(el("label", { class: "opt", for: base + "-c" + i }, [input,
          el("span", { text: optionText(q.choices[i].text) })]));
      });
      read = function () {
        var chosen = controls.filter(function (c) { return c.checked; }).map(function (c) { return Number(c.value); });
        return q.type === "single" ? (chosen.length ? chosen[0] : null) : chosen;
      };
      write = function (v) {
        controls.forEach(function (c) {
          c.checked = q.type === "single" ? v === Number(c.value) : Array.isArray(v) && v.indexOf(Number(c.value)) >= 0;
        });
      };
    } else if (q.type === "numeric" || q.type === "text" || q.type === "reflection") {
      var area = q.type === "reflection";
      var input = el(area ? "textarea" : "input", { id: base + "-input", "aria-describedby": legendId,
        placeholder: t(area ? "placeholder.reflection" : q.type === "numeric" ? "placeholder.numeric" : "placeholder.text", lang) });
      if (!area) { input.setAttribute("type", "text"); input.setAttribute("autocomplete", "off"); }
      if (q.type === "numeric") input.setAttribute("inputmode", "text");
      controls.push(input);
      fieldset.appendChild(el("div", { class: "row" }, [el("label", { for: input.id,
        text: t(area ? "label.your_text" : "label.answer", lang) }), input]));
      if (!area) {
        input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); self.submit(q); } });
      }
      read = function () { return input.value; };
      write = function (v) { input.value = v === null || v === undefined ? "" : String(v); };
    } else {
      var isOrder = q.type === "order";
      var options = isOrder ? q.items : q.options;
      fieldset.appendChild(el("p", { class: "hint", text: t(isOrder ? "label.order" : "label.match_help", lang) }));
      // a long item is cut in a phone's select box: the whole texts stay readable above it
      if (isOrder) {
        fieldset.appendChild(el("ul", { class: "items" }, q.display.map(function (j) {
          return el("li", { text: optionText(q.items[j]) });
        })));
      }
      var rows = isOrder ? q.items.length : q.lefts.length;
      for (var r = 0; r < rows; r++) {
        var id = base + "-s" + r;
        var select = el("select", { id: id });
        select.appendChild(el("option", { value: "", text: "—" }));
        q.display.forEach(function (j) { select.appendChild(el("option", { value: String(j), text: optionText(options[j]) })); });
        controls.push(select);
        var labelText = isOrder ? t("label.position", lang, { n: r + 1 })
          : t("label.match", lang, { n: r + 1 }) + ": " + optionText(q.lefts[r]);
        fieldset.appendChild(el("div", { class: "row" }, [el("label", { for: id, text: labelText }), select]));
      }
      read = function () { return controls.map(function (s) { return s.value === "" ? null : Number(s.value); }); };
      write = function (v) {
        controls.forEach(function (s, k) { s.value = Array.isArray(v) && v[k] !== null && v[k] !== undefined ? String(v[k]) : ""; });
      };
    }
    box.appendChild(fieldset);
    var verb = q.type === "reflection" ? "save" : "check";
    var button = el("button", { type: "button", class: "check", text: t("button." + verb, lang),
      "aria-label": t("tooltip." + verb, lang, { n: number }) });
    button.addEventListener("click", function () { self.submit(q); });
    box.appendChild(button);
    var fb = el("div", { class: "fb", "aria-live": "polite", id: base + "-feedback" });
    box.appendChild(fb);
    if (q.source) box.appendChild(el("p", { class: "source", text: t("source", lang, { citation: q.source }) }));
    this.section.appendChild(box);
    return { box: box, read: read, write: write, feedback: fb, button: button, clear: function () { write(null); fb.textContent = ""; fb.className = "fb"; } };
  };

  QuizView.prototype.submit = function (q) {
    var self = this, block = this.blocks[q.id], lang = this.lang;
    var state = this.states[q.id] || { attempts: 0, result: null };
    var attempt = state.attempts + 1;
    var input = block.read();
    if (!subtle) return Promise.resolve(null);  // the note at the top of the quiz says why
    this.disarm();
    this.status.textContent = "";
    this.status.className = "fb";
    block.button.disabled = true;
    return check(q, input, attempt, lang).then(function (result) {
      var saved = loadSaved(self.quiz.id);
      saved.entries.push({ record: makeRecord(self.quiz.id, q, result, lang), input: input });
      var error = store(self.quiz.id, saved);
      if (result.valid) self.states[q.id] = { attempts: attempt, result: result };
      showFeedback(block.feedback, result, lang, false, error ? t("save.failed", lang, { error: error }) : "");
      self.updateProgress();
      block.button.disabled = false;
      return result;
    });
  };

  // QuizSession.restore: each question's last valid answer, checked again
  QuizView.prototype.restore = function () {
    var self = this, last = {}, counts = {};
    this.states = {};
    if (!subtle) {  // nothing can be checked again here; the note at the top says why
      this.restoring = Promise.resolve();
      this.updateProgress();
      return;
    }
    loadSaved(this.quiz.id).entries.forEach(function (entry) {
      var r = entry.record;
      if (r.event === "reset") { last = {}; counts = {}; return; }
      if (self.blocks[r.question_id] && r.valid !== false) {
        counts[r.question_id] = (counts[r.question_id] || 0) + 1;
        last[r.question_id] = entry.input;
      }
    });
    var ids = Object.keys(last);
    this.restoring = Promise.all(ids.map(function (id) {
      var q = self.quiz.questions.filter(function (x) { return x.id === id; })[0];
      return check(q, last[id], counts[id], self.lang).then(function (result) {
        if (!result.valid) return;
        self.states[id] = { attempts: counts[id], result: result };
        self.blocks[id].write(last[id]);
        showFeedback(self.blocks[id].feedback, result, self.lang, true, "");
      });
    })).then(function () { self.updateProgress(); });
    this.updateProgress();
  };

  QuizView.prototype.updateProgress = function () {
    var self = this, answered = 0, score = 0;
    this.quiz.questions.forEach(function (q) {
      var s = self.states[q.id];
      if (s && s.result) { answered += 1; score += s.result.score; }
    });
    score = Math.round(score * 1e6) / 1e6;
    this.progress.textContent = t("progress", this.lang, { answered: answered, total: this.quiz.questions.length,
      score: formatNumber(score, this.lang), max_score: formatNumber(this.quiz.max_score, this.lang) });
  };

  QuizView.prototype.download = function () {
    var input = this.section.querySelector(".student input");
    var student = input ? strip(input.value) : studentId();
    var text = jsonl(loadSaved(this.quiz.id), student);
    var blob = new Blob([text], { type: "application/x-ndjson" });
    var suffix = student ? "-" + student.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 40) : "";
    var link = el("a", { href: URL.createObjectURL(blob), download: "answers-" + this.quiz.id + suffix + ".jsonl" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    info(this.status, t("site.downloaded", this.lang, { count: text ? text.split("\n").length - 1 : 0 }));
  };

  QuizView.prototype.disarm = function () {
    if (this.resetArmed) {
      this.resetArmed = false;
      this.resetButton.textContent = t("button.reset", this.lang);
      this.resetButton.className = "secondary reset";
    }
  };

  // two clicks, so one slip of the keyboard erases nothing
  QuizView.prototype.reset = function () {
    var self = this;
    if (!this.resetArmed) {
      this.resetArmed = true;
      this.resetButton.textContent = t("button.reset_confirm", this.lang);
      this.resetButton.className = "secondary reset armed";
      info(this.status, t("site.reset_warning", this.lang));
      return;
    }
    this.disarm();
    try { window.localStorage.removeItem(storageKey(this.quiz.id)); } catch (e) { /* nothing stored */ }
    this.states = {};
    Object.keys(this.blocks).forEach(function (id) { self.blocks[id].clear(); });
    this.updateProgress();
    info(this.status, t("site.reset_done", this.lang));
  };

  // ------------------------------------------------------------------ start

  var views = {};
  DATA.quizzes.forEach(function (quiz) {
    var section = document.querySelector('section.quiz[data-quiz="' + quiz.id + '"]');
    if (section) views[quiz.id] = new QuizView(section, quiz);
  });

  // for the browser tests, which compare these checks with the Python engine's
  window.casestudyQuiz = {
    views: views,
    check: function (quizId, questionId, response, attempt, lang) {
      var quiz = DATA.quizzes.filter(function (x) { return x.id === quizId; })[0];
      var q = quiz.questions.filter(function (x) { return x.id === questionId; })[0];
      return check(q, response, attempt || 1, lang || "en");
    },
    parseNumber: function (raw) { try { return parseNumber(raw); } catch (e) { return e.key || String(e); } },
    canonicalNumber: canonicalNumber,
    secure: !!subtle,
    languages: LANGS
  };
})();
