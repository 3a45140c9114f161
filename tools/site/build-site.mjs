// make site: renders one course chapter written for mdBook into
// <out>/chapter.html, a page that looks like an mdBook page (its five
// themes, sidebar, menu bar) where each Mermaid diagram is replaced by the
// live dsviz scene that shows it. The app itself is copied into <out> by
// the Makefile first (index.html and its files, embed.js).
//   node tools/site/build-site.mjs --chapter FILE.md --out build/site
//        [--diagrams assets/site/diagrams.json] [--scenes FILE]
// --scenes: the output of `dsviz-cli list` (scene ids and their settings),
// used to check the table; without it only the table's shape is checked.
// Which scene shows which diagram: assets/site/diagrams.json (its _comment
// says how), or a Mermaid comment in the diagram: %% dsviz scene=failure
// mdbook-quiz's {{#quiz FILE.toml}} becomes the quiz scene with that file.
// Problems with the input: one line each on stderr, exit 2.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

function die(msg) {
  console.error(`make site: ${msg}`);
  process.exit(2);
}
function warn(msg) { console.error(`make site: warning: ${msg}`); }

function parseArgs(argv) {
  const o = { chapter: null, out: 'build/site', diagrams: path.join(repo, 'assets/site/diagrams.json'), scenes: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = argv[i + 1];
    const key = { '--chapter': 'chapter', '--out': 'out', '--diagrams': 'diagrams', '--scenes': 'scenes' }[a];
    if (!key) die(`unknown option '${a}' (--chapter, --out, --diagrams, --scenes)`);
    if (v === undefined) die(`${a} needs a value`);
    o[key] = v;
    i++;
  }
  if (!o.chapter) die('no chapter: --chapter FILE.md (make site CHAPTER=FILE.md)');
  return o;
}

// `dsviz-cli list`: "id  Title  (chapter: ...)" then "    key  min to max unit, default d ...".
function parseSceneList(text) {
  const scenes = new Map();
  let cur = null;
  for (const line of text.split('\n')) {
    let m = /^([a-z][a-z0-9_-]*)\s{2}(.+?)\s{2}\(chapter:/.exec(line);
    if (m) { cur = { id: m[1], title: m[2], params: new Map() }; scenes.set(m[1], cur); continue; }
    m = /^\s+([a-z][a-z0-9_]*)\s+(-?[\d.e+-]+) to (-?[\d.e+-]+)/.exec(line);
    if (m && cur) cur.params.set(m[1], { min: Number(m[2]), max: Number(m[3]) });
  }
  return scenes;
}

function loadTable(file, scenes) {
  let j;
  try { j = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) { die(`${file}: ${e.code === 'ENOENT' ? 'not found' : e.message}`); }
  if (!j || !Array.isArray(j.diagrams)) die(`${file}: wants { "diagrams": [ ... ] }`);
  j.diagrams.forEach((r, i) => {
    const where = `${file}: row ${i + 1}`;
    if (!r || typeof r !== 'object') die(`${where}: not an object`);
    const hasMatch = Array.isArray(r.match) && r.match.length > 0 && r.match.every((w) => typeof w === 'string' && w);
    const hasIndex = Number.isInteger(r.index) && r.index >= 1;
    if (!hasMatch && !hasIndex) die(`${where}: needs "match" (a list of words) or "index" (1 = the first diagram)`);
    checkScene(r.scene, r.settings, where, scenes);
    if (r.seed !== undefined && !(Number.isInteger(r.seed) && r.seed >= 0)) die(`${where}: "seed" must be a whole number`);
  });
  return j.diagrams;
}

function checkScene(scene, settings, where, scenes) {
  if (typeof scene !== 'string' || !/^[a-z][a-z0-9_-]*$/.test(scene)) die(`${where}: "scene" must be a scene id, got ${JSON.stringify(scene)}`);
  if (scenes && !scenes.has(scene)) die(`${where}: there is no scene '${scene}' (scenes: ${[...scenes.keys()].join(', ')})`);
  if (settings === undefined) return;
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) die(`${where}: "settings" must be an object (key: value)`);
  for (const [k, v] of Object.entries(settings)) {
    if (typeof v !== 'number' || !isFinite(v)) die(`${where}: setting '${k}' must be a number, got ${JSON.stringify(v)}`);
    if (!scenes) continue;
    const p = scenes.get(scene).params.get(k);
    if (!p) die(`${where}: scene '${scene}' has no setting '${k}' (settings: ${[...scenes.get(scene).params.keys()].join(', ')})`);
    if (v < p.min || v > p.max) die(`${where}: setting '${k}' = ${v} is outside ${p.min} to ${p.max}`);
  }
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

// mdBook's heading ids: lower case, spaces to '-', other punctuation dropped.
function slug(text, used) {
  let s = text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
  if (!s) s = 'section';
  let id = s, n = 1;
  while (used.has(id)) id = `${s}-${n++}`;
  used.add(id);
  return id;
}

// The scene for the n-th diagram (1-based) with source `src`.
function pickScene(src, n, table, scenes, where) {
  const own = /^\s*%%\s*dsviz\s+(\S.*)$/m.exec(src);
  if (own) {
    const q = new URLSearchParams(own[1].trim());
    const scene = q.get('scene');
    q.delete('scene');
    const settings = {};
    let seed;
    for (const [k, v] of q) {
      if (k === 'seed') seed = Number(v);
      else settings[k] = Number(v);
    }
    checkScene(scene, settings, `${where} (its %% dsviz line)`, scenes);
    return { scene, settings, seed, title: null, how: 'its %% dsviz line' };
  }
  const lower = src.toLowerCase();
  for (const r of table) {
    if (r.index !== undefined ? r.index === n : r.match.every((w) => lower.includes(w.toLowerCase())))
      return { scene: r.scene, settings: r.settings || {}, seed: r.seed, title: r.title || null, how: r.index !== undefined ? `index ${r.index}` : `match ${JSON.stringify(r.match)}` };
  }
  return null;
}

function frameSrc(pick) {
  const q = new URLSearchParams({ embed: '1', scene: pick.scene });
  if (pick.seed !== undefined) q.set('seed', String(pick.seed));
  for (const [k, v] of Object.entries(pick.settings || {})) q.set(k, String(v));
  return `index.html?${q}`;
}

function embedHtml(src, title, caption) {
  return `<figure class="dsviz-figure">
<iframe data-dsviz data-src="${escapeHtml(src)}" title="${escapeHtml(title)}"></iframe>
<figcaption>${caption}</figcaption>
</figure>
`;
}

function main() {
  const opt = parseArgs(process.argv.slice(2));
  let md;
  try { md = fs.readFileSync(opt.chapter, 'utf8'); } catch (e) { die(`cannot read the chapter ${opt.chapter}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`); }
  let scenes = null;
  if (opt.scenes) {
    scenes = parseSceneList(fs.readFileSync(opt.scenes, 'utf8'));
    if (!scenes.size) die(`${opt.scenes}: no scenes in it (the output of dsviz-cli list?)`);
  }
  const table = loadTable(opt.diagrams, scenes);
  const out = path.resolve(opt.out);
  if (!fs.existsSync(path.join(out, 'index.html'))) die(`${opt.out}/index.html not found: the app goes there first (make site does)`);
  const chapterDir = path.dirname(path.resolve(opt.chapter));

  // mdbook-quiz: {{#quiz FILE}} on its own line becomes the quiz scene
  // with that file, copied beside the page (?quiz= takes same-site paths).
  const quizzes = [];
  md = md.replace(/^\{\{#quiz\s+([^}\s]+)\s*\}\}\s*$/gm, (line, file) => {
    const candidates = [path.resolve(chapterDir, file), path.join(chapterDir, 'quizzes', path.basename(file))];
    const found = candidates.find((f) => fs.existsSync(f));
    if (!found) {
      warn(`${opt.chapter}: quiz ${file} not found (looked at ${candidates.join(', ')}): left out`);
      return `<p class="dsviz-missing">The quiz ${escapeHtml(file)} was not found when this page was built.</p>\n`;
    }
    const name = path.basename(found).replace(/[^A-Za-z0-9._-]/g, '_');
    quizzes.push({ from: found, name });
    const src = `index.html?${new URLSearchParams({ embed: '1', scene: 'quiz', quiz: `quizzes/${name}` })}`;
    return embedHtml(src, 'dsviz: chapter quiz', `Quiz: <a href="${escapeHtml(src.replace('embed=1&', ''))}">open it full size</a>`);
  });
  for (const l of md.split('\n')) {
    const m = /\{\{#(\w+)/.exec(l);
    if (m && m[1] !== 'quiz') warn(`${opt.chapter}: mdBook's {{#${m[1]} ...}} is not supported here: shown as text`);
  }

  const mdit = new MarkdownIt({ html: true, linkify: false, typographer: false });
  const used = new Set();
  const toc = [];
  let title = null;
  let diagram = 0;
  const unmapped = [], mapped = [];
  mdit.renderer.rules.heading_open = (tokens, i, options, env, self) => {
    const text = tokens[i + 1].children.filter((t) => t.type === 'text' || t.type === 'code_inline').map((t) => t.content).join('');
    const id = slug(text, used);
    tokens[i].attrSet('id', id);
    const level = Number(tokens[i].tag.slice(1));
    if (level === 1 && title === null) title = text;
    if (level === 2) toc.push({ id, text });
    return `${self.renderToken(tokens, i, options)}<a class="header" href="#${id}">`;
  };
  mdit.renderer.rules.heading_close = (tokens, i, options, env, self) => `</a>${self.renderToken(tokens, i, options)}`;
  const fence = mdit.renderer.rules.fence;
  mdit.renderer.rules.fence = (tokens, i, options, env, self) => {
    const t = tokens[i];
    if (t.info.trim().split(/\s+/)[0] !== 'mermaid') return fence(tokens, i, options, env, self);
    const n = ++diagram;
    const where = `${opt.chapter}: diagram ${n} (line ${t.map ? t.map[0] + 1 : '?'})`;
    const pick = pickScene(t.content, n, table, scenes, where);
    const first = t.content.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('%%')).slice(0, 2).join(' / ');
    if (!pick) {
      unmapped.push(`${where}: ${first}`);
      return `<figure class="dsviz-unmapped"><pre><code class="language-mermaid">${escapeHtml(t.content)}</code></pre>
<figcaption>No live scene for this diagram yet (assets/site/diagrams.json maps diagrams to scenes).</figcaption></figure>\n`;
    }
    mapped.push(`diagram ${n} -> ${pick.scene} (${pick.how})`);
    const src = frameSrc(pick);
    const full = src.replace('embed=1&', '');
    return embedHtml(src, `dsviz: ${pick.title || pick.scene}`,
      `Live scene in place of the diagram: ${escapeHtml(pick.title || pick.scene)}. <a href="${escapeHtml(full)}">Open it full size</a>`);
  };
  // Links to other chapters: mdBook serves chapter.md as chapter.html.
  mdit.renderer.rules.link_open = (tokens, i, options, env, self) => {
    const href = tokens[i].attrGet('href') || '';
    if (/^[^:?#]+\.md(#.*)?$/.test(href)) tokens[i].attrSet('href', href.replace(/\.md(#|$)/, '.html$1'));
    return self.renderToken(tokens, i, options);
  };
  let body = mdit.render(md);
  // mdBook's task lists: "- [ ] item" shows a disabled checkbox.
  body = body.replace(/<li>\[( |x|X)\] /g, (m, c) => `<li class="task"><input type="checkbox" disabled${c === ' ' ? '' : ' checked'}> `);

  if (!title) title = path.basename(opt.chapter, '.md');
  fs.mkdirSync(path.join(out, 'quizzes'), { recursive: true });
  for (const q of quizzes) fs.copyFileSync(q.from, path.join(out, 'quizzes', q.name));
  for (const f of ['site.css', 'site.js']) fs.copyFileSync(path.join(here, f), path.join(out, f));

  const tocHtml = toc.map((h) => `<li><a href="#${h.id}">${escapeHtml(h.text)}</a></li>`).join('\n');
  const page = `<!doctype html>
<html lang="en" class="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="site.css">
<script src="site.js"></script>
</head>
<body>
<a class="skip" href="#content">Skip to the chapter</a>
<nav id="sidebar" class="sidebar" aria-label="Table of contents">
<div class="sidebar-scrollbox">
<ol class="chapter">
<li class="chapter-item"><a href="chapter.html" class="active" aria-current="page">${escapeHtml(title)}</a>
<ol class="section">
${tocHtml}
</ol></li>
<li class="chapter-item"><a href="index.html">All scenes (full page)</a></li>
</ol>
</div>
</nav>
<div id="page-wrapper" class="page-wrapper">
<div id="menu-bar" class="menu-bar">
<div class="left-buttons">
<button id="sidebar-toggle" class="icon-button" type="button" title="Table of contents" aria-label="Table of contents" aria-controls="sidebar" aria-expanded="true">
<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M3 5h18v2H3zm0 6h18v2H3zm0 6h18v2H3z"/></svg>
</button>
<button id="theme-toggle" class="icon-button" type="button" title="Change theme" aria-label="Change theme" aria-haspopup="true" aria-expanded="false" aria-controls="theme-list">
<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M7 14c-1.7 0-3 1.3-3 3 0 1.3-1.2 2-2 2 .9 1.2 2.5 2 4 2 2.2 0 4-1.8 4-4 0-1.7-1.3-3-3-3zm13.7-9.4-1.3-1.3a1 1 0 0 0-1.4 0L9 12.3 11.7 15l9-9a1 1 0 0 0 0-1.4z"/></svg>
</button>
<ul id="theme-list" class="theme-popup" role="menu" aria-label="Themes" hidden>
<li role="none"><button role="menuitem" class="theme" id="light" type="button">Light</button></li>
<li role="none"><button role="menuitem" class="theme" id="rust" type="button">Rust</button></li>
<li role="none"><button role="menuitem" class="theme" id="coal" type="button">Coal</button></li>
<li role="none"><button role="menuitem" class="theme" id="navy" type="button">Navy</button></li>
<li role="none"><button role="menuitem" class="theme" id="ayu" type="button">Ayu</button></li>
</ul>
</div>
<h1 class="menu-title">${escapeHtml(title)}</h1>
<div class="right-buttons"><a href="index.html" class="menu-link" title="All scenes in the full page">dsviz</a></div>
</div>
<div id="content" class="content">
<main>
${body}
</main>
</div>
</div>
<script src="embed.js"></script>
</body>
</html>
`;
  fs.writeFileSync(path.join(out, 'chapter.html'), page);
  console.log(`make site: ${path.relative(process.cwd(), path.join(out, 'chapter.html')) || 'chapter.html'} from ${opt.chapter}: ` +
    `${diagram} diagrams, ${mapped.length} live${quizzes.length ? `, ${quizzes.length} quiz` : ''}`);
  for (const m of mapped) console.log(`  ${m}`);
  for (const u of unmapped) warn(`no scene for ${u}: kept as Mermaid source (add a row to ${path.relative(process.cwd(), opt.diagrams)})`);
}

main();
