// make-apkg.js OUTDIR: writes third-party-*.apkg with anki-apkg-export
// (a third-party Anki package writer, pinned in package.json), so the
// importer is tested on packages rehearse did not write itself.  Run by
// ../make-fixtures.sh; the outputs are committed and CI never runs this.
'use strict';
const fs = require('fs');
const path = require('path');
const AnkiExport = require('anki-apkg-export').default;

// Fixed clock, so that a re-run writes the same ids.
let clock = 1714560000000;
Date.now = () => (clock += 1000);

const out = process.argv[2];

async function write(name, deck, cards) {
  const apkg = new AnkiExport(deck);
  for (const [front, back, tags] of cards) apkg.addCard(front, back, { tags });
  const zip = await apkg.save();
  fs.writeFileSync(path.join(out, name), zip);
}

const basics = [
  ['What does <code>len()</code> return for a <b>dict</b>?',
   'The number of <i>keys</i>.', ['python', 'builtins']],
  ['Write a generator that yields squares',
   '<pre><code class="language-python">def squares(n):\n' +
   '    for i in range(n):\n        yield i * i\n</code></pre>',
   ['python', 'generators']],
  ['Name three immutable types',
   '<ul><li>int</li><li>str</li><li>tuple</li></ul>', ['python']],
  ['What is 3 &lt; 5 &amp;&amp; "x"?',
   'In Python it is <code>True and "x"</code>, which is <b>"x"</b>.<br>' +
   'See <a href="https://docs.python.org/3/reference/expressions.html">' +
   'the docs</a>.', ['python', 'Operators::Boolean']],
  ['Which image?', '<img src="diagram.png"> and [sound:answer.mp3]', []],
];

write('third-party-basic.apkg', 'Python Interview Basics', basics)
  .catch((e) => { console.error(e); process.exit(1); });
