// The timing loop and the QR encoders, as one classic script evaluated both in
// the Chromium bench page and in node, so both realms run the same code.
// Sets globalThis.pwBench.
(function () {
  'use strict';
  const now = () => performance.now();

  /**
   * Times each function of `cases` ([{name, fn}]) in interleaved rounds: every
   * round runs one batch of each case, so drift (GC, frequency scaling) hits all
   * alike. A batch repeats fn until it lasts at least `batchMs` (Chromium
   * coarsens performance.now() to ~0.1 ms without cross-origin isolation).
   * Returns {name: {us (median µs per call), min, max (µs per call over
   * batches), batch (calls per batch), rounds}}.
   */
  function measure(cases, { batchMs = 5, rounds = 21, warmupMs = 100 } = {}) {
    let sink = 0;
    const use = (r) => { sink += r ? 1 : 0; };
    const batch = cases.map(({ fn }) => {
      const start = now();
      let calls = 0;
      while (now() - start < warmupMs || calls < 3) { use(fn()); calls++; }
      const perCall = (now() - start) / calls;
      return Math.max(1, Math.ceil(batchMs / perCall));
    });
    const samples = cases.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (let j = 0; j < cases.length; j++) {
        const i = (j + r) % cases.length;  // rotate who goes first
        const { fn } = cases[i];
        const n = batch[i];
        const t0 = now();
        for (let k = 0; k < n; k++) use(fn());
        samples[i].push(((now() - t0) * 1000) / n);
      }
    }
    const out = {};
    cases.forEach(({ name }, i) => {
      const s = samples[i].sort((a, b) => a - b);
      const m = s.length >> 1;
      out[name] = { us: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, min: s[0], max: s[s.length - 1], batch: batch[i], rounds };
    });
    globalThis.pwBench.sink = sink;  // every result stays observably used
    return out;
  }

  const ECC = ['L', 'M', 'Q', 'H'];

  /** Our SVG path ("M x,y h n v1 h-n z" per dark run, quiet zone included) back to a matrix. */
  function matrixFromPath(result) {
    const symbol = 17 + 4 * result.version;
    const quiet = (result.modules - symbol) / 2;
    const bits = new Uint8Array(symbol * symbol);
    const re = /M(\d+),(\d+)h(\d+)v1h-\d+z/g;
    let m;
    while ((m = re.exec(result.path))) {
      const x0 = +m[1] - quiet, y = +m[2] - quiet, n = +m[3];
      for (let x = x0; x < x0 + n; x++) bits[y * symbol + x] = 1;
    }
    return { size: symbol, version: result.version, ecc: result.ecc, eci: result.eci, bits };
  }

  function matrixFrom(size, version, ecc, dark) {
    const bits = new Uint8Array(size * size);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) bits[y * size + x] = dark(x, y) ? 1 : 0;
    return { size, version, ecc, eci: false, bits };
  }

  /**
   * The QR encoders at error correction M, each as {name, encode(text), matrix(code)}.
   * encode is what is timed: text in, the library's finished code out.
   * `core` is the runtime's wrapper of our qrcode module (web/runtime/wasm.js);
   * our call is exactly the element's (pw_qrcode_render: encode, SVG path, JSON).
   * `coreJs`, when given, is the same module's plain-JS build (wasm2js), timed beside it.
   */
  function qrEncoders(core, g, coreJs) {
    const list = [];
    for (const [name, module] of [['portal-widgets (WASM)', core], ['portal-widgets (plain JS)', coreJs]]) {
      if (!module) continue;
      list.push({
        name,
        encode: (text) => module.call('pw_qrcode_render', text, 'M', '', '', '', 0),
        matrix: (r) => matrixFromPath(r),
      });
    }
    if (g.benchQRCode) {
      list.push({
        name: 'node-qrcode',
        encode: (text) => g.benchQRCode.create(text, { errorCorrectionLevel: 'M' }),
        matrix: (q) => matrixFrom(q.modules.size, q.version, ECC[[1, 0, 3, 2].indexOf(q.errorCorrectionLevel.bit)],
          (x, y) => q.modules.get(y, x)),
      });
    }
    if (g.benchQrcodeGenerator) {
      list.push({
        name: 'qrcode-generator',
        encode: (text) => { const q = g.benchQrcodeGenerator(0, 'M'); q.addData(text, 'Byte'); q.make(); return q; },
        matrix: (q) => matrixFrom(q.getModuleCount(), (q.getModuleCount() - 17) / 4, 'M', (x, y) => q.isDark(y, x)),
      });
    }
    if (g.benchQrcodegen) {
      const QrCode = g.benchQrcodegen.QrCode;
      list.push({
        name: 'nayuki (TS port)',
        encode: (text) => QrCode.encodeText(text, QrCode.Ecc.MEDIUM),
        matrix: (q) => matrixFrom(q.size, q.version, ECC[q.errorCorrectionLevel.ordinal], (x, y) => q.getModule(x, y)),
      });
    }
    return list;
  }

  /** Times every encoder on every input; returns rows and one matrix per (encoder, input) for checking. */
  function benchQr(core, g, inputs, options, coreJs) {
    const encoders = qrEncoders(core, g, coreJs);
    const rows = [];
    for (const input of inputs) {
      const timing = measure(encoders.map((e) => ({ name: e.name, fn: () => e.encode(input.text) })), options);
      for (const e of encoders) {
        const m = e.matrix(e.encode(input.text));
        rows.push({ input: input.name, encoder: e.name, ...timing[e.name], version: m.version, ecc: m.ecc, eci: m.eci,
          size: m.size, bits: Array.from(m.bits).join('') });
      }
    }
    return rows;
  }

  globalThis.pwBench = Object.assign(globalThis.pwBench || {}, { measure, qrEncoders, benchQr, matrixFromPath });
})();
