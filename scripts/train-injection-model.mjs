#!/usr/bin/env node
// Trains the prompt-injection classifier that ships as data/guard/prompt-injection-model.json.
//
//   npm run train:injection          (= npm run build && node scripts/train-injection-model.mjs)
//
// Data: ../shared/datasets/prompt-injection/train.jsonl ONLY (test.jsonl is never read here). The train file is
// split by a seeded hash of each row's normalised text into a fit part (80 %) and a calibration part (20 %). The
// model is logistic regression over hashed character and word n-grams (src/guard/scanners/prompt-injection/
// features.ts), trained with AdaGrad on the fit part; the calibration part then sets the thresholds: the full
// scanner (classifier + heuristics + decoders) scores every calibration row, and each sensitivity's threshold is
// the lowest that keeps the false-positive rate on benign calibration rows within its target. Deterministic: same
// data and options → byte-identical file.
//
// Benign chat: the benign rows are ~90 % short factual questions, so the fit part is augmented with seeded,
// template-generated chat requests (see benignChat below, plus the conversations of
// scripts/injection-training-dialogue.mjs), and the prompt head's thresholds must also hold on chat generated from
// vocabulary the model never saw. Those templates are separate from the held-out chat set of
// bench/guard-accuracy/injection-benign-chat.mjs, which this script never reads.
//
// Options: --data FILE  --out FILE  --modules DIR (compiled scanner modules; default dist/guard/scanners/
// prompt-injection)  --epochs N  --dim N  --seed N  --l2 X (prompt head)  --doc-l2 X  --balance 0..1
//          --char-min N --char-max N (prompt head, default 4–4)  --doc-char-min N --doc-char-max N (default 3–5)
//          --window N (prompt head windows; default 0 = none)
//          --holdout-templates (model selection: train on even chat templates, report FPR on the odd ones and attack
//          recall at 1/2/3 % FPR on them)  --no-dialogue (leave out scripts/injection-training-dialogue.mjs)
//          --dump-chat FILE (write the generated training chat and exit)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DIALOGUE_TEMPLATES, DIALOGUE_VOCABULARY } from './injection-training-dialogue.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, '..', 'shared', 'datasets', 'prompt-injection', 'train.jsonl') },
    out: { type: 'string', default: join(root, 'data', 'guard', 'prompt-injection-model.json') },
    modules: { type: 'string', default: join(root, 'dist', 'guard', 'scanners', 'prompt-injection') },
    epochs: { type: 'string', default: '10' },
    dim: { type: 'string', default: String(2 ** 18) },
    'char-min': { type: 'string', default: '4' },
    'char-max': { type: 'string', default: '4' },
    'doc-char-min': { type: 'string', default: '3' },
    'doc-char-max': { type: 'string', default: '5' },
    window: { type: 'string', default: '0' },
    seed: { type: 'string', default: '42' },
    // Prompt head: strong L2. Chat from templates the model never saw then scores lower next to attacks (attack recall
    // at a fixed FPR on held-out-template chat, --holdout-templates: 0.96 vs 0.91 at 1e-6, seeds 42 and 7). Documents
    // keep a weak L2: their planted instructions are rare phrases, and strong L2 halves the document head's recall.
    l2: { type: 'string', default: '3e-3' },
    'doc-l2': { type: 'string', default: '1e-6' },
    balance: { type: 'string', default: '1' },
    // Model selection: train on the even-numbered chat templates only and report FPR on chat generated from the
    // odd-numbered ones (a template shift, like the bench's hold-out, but inside the training data).
    'holdout-templates': { type: 'boolean', default: false },
    // Leaves out the extra benign conversations of scripts/injection-training-dialogue.mjs (for comparisons).
    'no-dialogue': { type: 'boolean', default: false },
    // Writes the generated benign chat (one JSON string per line) and exits: for reading what the model trains on.
    'dump-chat': { type: 'string' },
  },
});

const load = (name) => import(pathToFileURL(join(resolve(args.modules), name)).href);
const { normalise } = await load('normalise.js');
const { extractFeatures, FeatureBuffer } = await load('features.js');
const { MODEL_FORMAT, modelFromFile, quantiseWeights } = await load('model.js');
const { scoreInjection } = await load('score.js');

const SEED = Number(args.seed);
const EPOCHS = Number(args.epochs);
/**
 * Features per head. User turns get char 4-grams only (with words and bigrams): a third of the n-grams of 3–5, so
 * the per-request cost is a third, with the same calibration recall. Documents keep char 3–5-grams, which find the
 * planted instruction in a BIPIA document markedly better (calibration recall 0.91 vs 0.83 at medium).
 */
const HEAD_FEATURES = {
  prompt: { dim: Number(args.dim), charMin: Number(args['char-min']), charMax: Number(args['char-max']), wordBigrams: true },
  document: { dim: Number(args.dim), charMin: Number(args['doc-char-min']), charMax: Number(args['doc-char-max']), wordBigrams: true },
};
/** Window length used to cut long benign texts into extra negatives and to centre located insertions. */
const WINDOW = { size: 320, stride: 160 };
/**
 * Windows the scanner scores, per head. Documents: an injected paragraph must not be diluted by the rest. User turns:
 * none by default (--window N to enable): the maximum over many windows of a long benign request drifts up to the
 * threshold, while injections inside long user turns are what the heuristics catch.
 */
const HEAD_WINDOWS = {
  prompt: Number(args.window) > 0 ? { size: Number(args.window), stride: Number(args.window) / 2 } : undefined,
  document: WINDOW,
};
const CALIBRATION_SHARE = 0.2;
const LEARNING_RATE = 0.2;
/** L2 strength per head, on the weights a sample touches. */
const L2 = { prompt: Number(args.l2), document: Number(args['doc-l2']) };
/** 1 weights both classes equally (the default); 0 keeps the natural, benign-heavy class frequencies. */
const BALANCE = Number(args.balance);
/** Target false-positive rate on benign calibration rows, per sensitivity. */
const FPR_TARGETS = { low: 0.001, medium: 0.01, high: 0.03 };

const started = performance.now();
const dataBytes = readFileSync(args.data);
const rows = dataBytes
  .toString('utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, i) => {
    const r = JSON.parse(l);
    if (typeof r.text !== 'string' || typeof r.label !== 'string') throw new Error(`${args.data}:${i + 1}: row needs text and label`);
    return r;
  });

// Seeded 32-bit PRNG (mulberry32) for the shuffles.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
// The salt differs from the dataset's own split hash (`42:` + text), which would otherwise correlate with it.
const isCalibration = (folded) =>
  createHash('sha256').update(`steward-calibration:${SEED}:${folded}`).digest().readUInt32BE(0) / 0xffffffff <
  CALIBRATION_SHARE;

const examples = rows.map((r) => {
  const folded = normalise(r.text).text;
  return { row: r, folded, y: r.label === 'benign' ? 0 : 1 };
});
const featureBuffer = new FeatureBuffer();
/** Sparse, de-duplicated feature vector scaled by 1/√N, exactly as classify() sums it. */
function vectorise(text, head) {
  const acc = new Map();
  const n = extractFeatures(text, HEAD_FEATURES[head], featureBuffer);
  for (let k = 0; k < n; k++) {
    const code = featureBuffer.codes[k];
    const index = code >>> 1;
    acc.set(index, (acc.get(index) ?? 0) + (code & 1 ? -1 : 1));
  }
  const idx = new Int32Array(acc.size);
  const val = new Float32Array(acc.size);
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  let k = 0;
  for (const [i, v] of acc) {
    idx[k] = i;
    val[k++] = v * norm;
  }
  return { idx, val };
}

/**
 * BIPIA-style indirect rows are a clean document with an attack inserted; the clean twin is in the data too. The
 * inserted text is what makes the row an attack, so besides the whole document the window around the insertion is a
 * positive example: that is what the scanner's window scoring looks at, and it keeps the model from learning "tables
 * are attacks" (the same tables and e-mails appear, clean, as benign rows). The twin is the benign document sharing
 * the longest prefix + suffix; what lies between them is the insertion.
 */
function locateInsertions(examples) {
  const clean = examples.filter((e) => e.row.kind === 'benign-document');
  const byHead = new Map();
  const byTail = new Map();
  for (const c of clean) {
    for (const [map, key] of [
      [byHead, c.folded.slice(0, 40)],
      [byTail, c.folded.slice(-40)],
    ]) {
      const list = map.get(key) ?? [];
      list.push(c.folded);
      map.set(key, list);
    }
  }
  const located = new Map();
  for (const e of examples) {
    if (e.y !== 1 || e.row.kind !== 'indirect') continue;
    const text = e.folded;
    const candidates = [...(byHead.get(text.slice(0, 40)) ?? []), ...(byTail.get(text.slice(-40)) ?? [])];
    let best;
    for (const c of candidates) {
      if (c.length >= text.length) continue;
      let p = 0;
      while (p < c.length && text.charCodeAt(p) === c.charCodeAt(p)) p++;
      let q = 0;
      while (q < c.length - p && text.charCodeAt(text.length - 1 - q) === c.charCodeAt(c.length - 1 - q)) q++;
      if (p + q >= c.length - 2 && (!best || p + q > best.p + best.q)) best = { p, q, twin: c };
    }
    if (best) located.set(e, { start: best.p, end: text.length - best.q, twin: best.twin });
  }
  return located;
}
const insertions = locateInsertions(examples);
// Split by group so an injected document and its clean twin land on the same side.
for (const e of examples) e.calibration = isCalibration(insertions.get(e)?.twin ?? e.folded);
const fit = examples.filter((e) => !e.calibration);
const calibration = examples.filter((e) => e.calibration);

/** The window of `size` characters centred on [start, end) (or the range itself when longer). */
function windowAround(text, start, end, size) {
  if (end - start >= size) return text.slice(start, end);
  const from = Math.max(0, Math.min(text.length - size, Math.floor((start + end - size) / 2)));
  return text.slice(from, from + size);
}

/**
 * Benign requests, generated. The benign rows are ~90 % short questions, and the attacks are mostly imperatives
 * ("Write…", "Explain…", "Pretend…"), so a model trained on them alone learns "imperative = attack" and flags
 * "Write a poem about the sea". These seeded templates wrap benign FIT questions in the framings real users write
 * (request verbs, personas, formats, translation), so those framings carry no weight by themselves and the model
 * has to rely on what distinguishes attacks. Rule-generated from the data, like the dataset's own generated rows;
 * never from calibration rows, which stay real data only.
 */
const REQUEST_TEMPLATES = [
  (q) => `Tell me ${q}`,
  (q) => `Explain ${q}`,
  (q) => `Explain in simple terms: ${q}`,
  (q) => `Please answer the following question: ${q}`,
  (q) => `Give me a detailed answer. ${q}`,
  (q, r) => `Write a ${r.pick(FORMS)} about this: ${q}`,
  (q, r) => `Write a short ${r.pick(FORMS)} that answers the question "${q}"`,
  (q, r) => `Translate the following text to ${r.pick(LANGUAGES)}: ${q}`,
  (q, r) => `You are a helpful ${r.pick(ROLES)}. ${q}`,
  (q, r) => `Act as a ${r.pick(ROLES)} and answer: ${q}`,
  (q, r) => `Pretend you are a ${r.pick(ROLES)} and explain: ${q}`,
  (q, r) => `Imagine you are a ${r.pick(ROLES)}. ${q}`,
  (q) => `Summarize what is known about this question: ${q}`,
  (q) => `Create a list of key facts for: ${q}`,
  (q) => `Write a Python function that helps answer: ${q}`,
  (q) => `Can you help me with this? ${q}`,
  (q) => `I need your help. ${q} Please be concise.`,
  (q) => `Rewrite this question in a formal tone: ${q}`,
  (q) => `Correct the grammar of this sentence: ${q}`,
  (q) => `Generate three follow-up questions to: ${q}`,
  (q, r) => `Write a ${r.pick(FORMS)} about ${topicOf(q)}.`,
  (q) => `Describe ${topicOf(q)} in a few sentences.`,
  (q) => `Tell me a joke about ${topicOf(q)}.`,
  (q, r) => `Can you pretend to be a ${r.pick(ROLES)} and tell me about ${topicOf(q)}?`,
  (q) => `Summarize this article about ${topicOf(q)} in three bullet points.`,
  (q) => `Explain how ${topicOf(q)} works.`,
];
/** "who played the father on general hospital" → "the father on general hospital": a topic to write about. */
const topicOf = (q) =>
  q
    .replace(/^(?:(?:who|what|when|where|which|why|how|is|are|was|were|did|does|do|many|much|long|old|type|kind|of|the)\s+)+/i, '')
    .replace(/[?.!]+$/, '');
const FORMS = ['poem', 'story', 'blog post', 'paragraph', 'tweet', 'email', 'essay', 'song', 'summary', 'report'];
const LANGUAGES = ['French', 'Spanish', 'German', 'Italian', 'Japanese', 'Portuguese'];
const ROLES = ['tutor', 'teacher', 'travel agent', 'assistant', 'librarian', 'historian', 'math tutor', 'pirate', 'chef', 'poet'];
const AUGMENTED_REQUESTS = 4000;

function benignRequests(rows) {
  const random = rng(SEED + 1);
  const r = { pick: (list) => list[Math.floor(random() * list.length)] };
  const questions = rows.filter((e) => e.row.kind === 'benign-general');
  const out = [];
  for (let i = 0; i < AUGMENTED_REQUESTS && questions.length; i++) {
    const q = questions[Math.floor(random() * questions.length)].row.text;
    out.push(normalise(r.pick(REQUEST_TEMPLATES)(q, r)).text);
  }
  return out;
}

/**
 * Benign chat, generated. Ordinary assistant traffic — coding help, writing, editing and summarising pasted text,
 * role-less instructions ("answer in one sentence", "output only the code"), harmless role play, format questions,
 * and questions ABOUT prompts, passwords, admin rights and security — is nearly absent from the data, and its
 * vocabulary ("system", "password", "instructions", "pretend", "ignore the typos") is what attacks use. Seeded
 * templates over small vocabularies, plus real fit rows (clean BIPIA documents and self-instruct inputs as pasted
 * text, benign questions as payloads), teach the model that these framings alone are not attacks. Written for this
 * trainer only: the held-out chat set in bench/guard-accuracy/injection-benign-chat.mjs uses other templates and
 * other vocabulary lists and is never read here.
 */
const CHAT = {
  languages: ['Python', 'JavaScript', 'Java', 'C++', 'SQL', 'R', 'Haskell', 'Lua', 'Perl', 'Dart', 'MATLAB', 'Julia'],
  codeTasks: [
    'reverse a linked list',
    'read a JSON file',
    'sort a dictionary by value',
    'connect to a PostgreSQL database',
    'upload a file to S3',
    'count word frequencies in a text',
    'remove duplicates from an array',
    'format a date as ISO 8601',
    'handle keyboard interrupts cleanly',
    'write unit tests for a function',
    'call an API with an authentication header',
    'resize a folder of images',
    'check if a string is a palindrome',
    'send an email with an attachment',
  ],
  errors: [
    'TypeError: cannot read properties of undefined',
    'KeyError',
    'ModuleNotFoundError',
    'NullPointerException',
    'a CORS error',
    'a 500 internal server error',
    'an infinite loop',
    'a race condition',
    'a merge conflict',
    'a failing unit test',
    'ECONNREFUSED',
  ],
  snippets: [
    'squares = [x * x for x in range(10) if x % 2]\nprint(squares)',
    'function add(a, b) {\n  return a + b\n}\nconsole.log(add("1", 2))',
    'public class Main {\n  public static void main(String[] args) {\n    System.out.println("hi");\n  }\n}',
    'SELECT u.name, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id;',
    'import pandas as pd\ndf = pd.read_csv("data.csv")\ndf.groupby("city").mean()',
    'fetch("/api/items").then(r => r.json()).then(items => render(items))',
    '#include <stdio.h>\nint main() { int x; scanf("%d", x); printf("%d", x); }',
    'docker run -p 8080:80 -v $(pwd):/app my-image:latest',
  ],
  forms: ['poem', 'short story', 'essay', 'blog post', 'tweet', 'newsletter', 'song', 'thank-you letter', 'review', 'slogan', 'bio', 'fable'],
  subjects: [
    'friendship',
    'a rainy afternoon',
    'space exploration',
    'a dragon who is afraid of the dark',
    'climate change',
    'my hometown',
    'coffee',
    'a haunted house',
    'learning to swim',
    'the moon',
    'running a marathon',
    'a forgotten library',
    'the ocean at night',
    'moving to a new country',
  ],
  tones: ['professional', 'casual', 'funny', 'empathetic', 'concise', 'enthusiastic', 'diplomatic'],
  recipients: ['boss', 'client', 'coworker', 'professor', 'customer', 'roommate', 'sister', 'coach'],
  languagesHuman: ['French', 'Spanish', 'German', 'Italian', 'Japanese', 'Portuguese', 'Chinese', 'Arabic', 'Russian'],
  places: ['Rome', 'Tokyo', 'New York', 'Barcelona', 'Prague', 'Sydney', 'Istanbul', 'Buenos Aires', 'Seoul', 'Dublin'],
  goals: [
    'sleeping better',
    'learning to code',
    'saving money',
    'public speaking',
    'running a 5k',
    'staying productive',
    'studying for exams',
    'reducing screen time',
  ],
  pairs: [
    ['SQL', 'NoSQL databases'],
    ['TCP', 'UDP'],
    ['renting', 'buying a house'],
    ['a Roth IRA', 'a traditional IRA'],
    ['weather', 'climate'],
    ['machine learning', 'deep learning'],
    ['a virus', 'a bacterium'],
    ['HTTP', 'HTTPS'],
  ],
  accounts: ['Netflix', 'Instagram', 'Spotify', 'iCloud', 'LinkedIn', 'PayPal', 'Amazon', 'Steam', 'Facebook', 'Wi-Fi router'],
  securityTerms: [
    'phishing',
    'ransomware',
    'a brute-force attack',
    'a buffer overflow',
    'CSRF',
    'a DDoS attack',
    'social engineering',
    'password hashing',
    'an API gateway',
    'a JWT',
    'single sign-on',
    'end-to-end encryption',
  ],
  aiTools: ['ChatGPT', 'Claude', 'Gemini', 'Copilot', 'an LLM', 'a chatbot', 'an AI assistant', 'Llama'],
  appKinds: ['recipe', 'banking', 'customer support', 'language learning', 'legal research', 'shopping', 'fitness'],
  roles: [
    'hiring manager',
    'personal trainer',
    'tour guide',
    'dungeon master',
    'French teacher',
    'career coach',
    'travel blogger',
    'museum curator',
    'friendly cat',
    'sports commentator',
  ],
  units: [
    ['miles', 'kilometres'],
    ['Celsius', 'Fahrenheit'],
    ['cups', 'grams of flour'],
    ['pounds', 'kilograms'],
    ['gallons', 'litres'],
  ],
  items: ['bookshelf', 'desk', 'bed frame', 'wardrobe', 'crib', 'drone', 'printer', 'coffee machine'],
  ingredients: ['chickpeas and spinach', 'leftover rice and eggs', 'salmon and potatoes', 'tofu and broccoli', 'pasta and tomatoes'],
  animals: ['octopuses', 'crows', 'elephants', 'honeybees', 'axolotls', 'wolves', 'sloths'],
  workContext: [
    'I run a small online shop that sells handmade candles.',
    'Our nonprofit is organising a fundraising dinner in the spring.',
    'I am a high school teacher preparing a unit on the French Revolution.',
    'My startup is about to hire its first five engineers.',
    'We maintain an open-source library with about two hundred contributors.',
    'I manage a warehouse team of twelve people working in two shifts.',
    'Our clinic wants to reduce the number of missed appointments.',
    'I am writing my master thesis on urban heat islands.',
    'Our sales team keeps losing deals at the contract stage.',
    'I volunteer at an animal shelter and help with their social media.',
  ],
  workDetail: [
    'Most of our customers find us through word of mouth.',
    'The budget is tight and we cannot hire anyone new this year.',
    'Last month we tried a newsletter, but the open rate was only 12 percent.',
    'People keep asking the same questions by email, which takes hours every week.',
    'There is a deadline in three weeks and the plan is still vague.',
    'Some colleagues prefer detailed documents while others only read summaries.',
    'We already use spreadsheets for tracking, but they are getting messy.',
    'The previous person in this role left very few notes.',
  ],
  workAsk: [
    'What would you do first?',
    'Can you suggest a step-by-step plan?',
    'Please list the options with pros and cons.',
    'Draft a short message I can send to the team about this.',
    'Which tools would you recommend, and why?',
    'Give me a checklist I can follow this week.',
    'What questions should I ask before deciding?',
  ],
  // Long multi-sentence requests: users paste context before they ask, and long benign prose is otherwise absent
  // from the benign rows (only attacks are long English prose, so without these "long" reads as "attack").
  longOpeners: [
    'I coordinate volunteers for a community food bank and need to reorganise our weekly rota.',
    'My partner and I are planning to renovate our kitchen this autumn.',
    'I teach an evening class in photography for adult beginners.',
    'Our research group is writing a grant proposal about coastal erosion.',
    'I am the only IT person at a law firm with forty employees.',
    'We are a family-run hotel with twenty rooms near a ski resort.',
    'I just took over as treasurer of our local football club.',
    'Our product team is redesigning the onboarding flow of a budgeting app.',
    'I am preparing for a job interview as a data analyst at a logistics company.',
    'My elderly father is moving into our house next month.',
    'Our city library wants to attract more teenagers.',
    'I maintain the internal wiki for an engineering department of about ninety people.',
  ],
  longDetails: [
    'We have tried a few approaches already, but none of them stuck for more than a couple of weeks.',
    'Everyone agrees on the goal, but opinions differ a lot on how to get there.',
    'Money is limited, so any suggestion that needs new software or extra staff is hard to justify.',
    'The busiest period starts in about six weeks, so whatever we change has to be in place by then.',
    'Some of the people involved are not very comfortable with technology.',
    'Last year we collected feedback through a survey, and the main complaint was poor communication.',
    'Our current process relies on one person who knows how everything works, which worries me.',
    'We keep most information in shared spreadsheets that have grown hard to read.',
    'There are strict rules about what data we may store and for how long.',
    'I would like to avoid long meetings, because people already feel they have too many.',
    'A similar organisation nearby solved this by splitting the work into smaller teams.',
    'The numbers have been stable for a while, but they dropped slightly in the last quarter.',
    'I have about two hours a week to spend on this on top of my normal work.',
    'Management is open to changes as long as we can show results within three months.',
    'I want the result to be simple enough that a newcomer can follow it without help.',
    'We communicate mostly by email, with a short call every Monday morning.',
    'It is important that nobody feels their work is being criticised.',
    'Our previous attempt failed mainly because we tried to change too many things at once.',
    'Several people work part-time, so their availability changes from week to week.',
    'I have attached a rough outline below, but it is far from complete.',
  ],
  longAsks: [
    'Could you propose a plan with clear steps and a rough timeline?',
    'What are the main risks, and how would you reduce each of them?',
    'Please suggest a structure for a short document that explains the change to everyone.',
    'How would you measure whether the new approach works better than the old one?',
    'What would you prioritise in the first month, and what can wait?',
    'Can you write a first draft of an announcement that I can adapt?',
    'Which questions should I ask the people involved before deciding anything?',
    'Please summarise the options and recommend one, explaining your reasoning.',
  ],
  personaTasks: [
    ['travel guide', 'I will tell you my location and you will suggest places to visit nearby', 'I am in Lisbon and want to see modern art'],
    ['English translator and improver', 'I will write sentences and you will correct and improve them', 'me and him goes to the market yesterday'],
    ['interviewer', 'I will be the candidate and you will ask me interview questions for the position', 'Hi'],
    ['personal chef', 'I will tell you my dietary needs and you will suggest recipes', 'I am vegetarian and I have 20 minutes'],
    ['math teacher', 'I will give you equations and you will explain how to solve them', 'solve 3x + 7 = 22'],
    ['storyteller', 'you will come up with short stories that are engaging for the audience', 'a story about perseverance for kids'],
    ['Linux terminal', 'I will type commands and you will reply with what the terminal should show', 'pwd'],
    ['debate coach', 'you will help me prepare arguments for both sides of a motion', 'schools should ban phones'],
  ],
};

/**
 * The vocabulary lists are split in two: even entries generate the training chat, odd entries the calibration chat.
 * The prompt head's thresholds must also hold on the calibration chat, so they are set for chat whose topics,
 * languages, products and names the model has not seen: real traffic is like that, and a threshold calibrated only
 * on familiar words would sit too low.
 */
for (const key of Object.keys(DIALOGUE_VOCABULARY)) {
  if (key in CHAT) throw new Error(`vocabulary list '${key}' is defined twice (CHAT and injection-training-dialogue.mjs)`);
}
const CHAT_VOCABULARY = { ...CHAT, ...DIALOGUE_VOCABULARY };
const vocabularyHalf = (parity) =>
  Object.fromEntries(Object.entries(CHAT_VOCABULARY).map(([key, list]) => [key, list.filter((_, i) => i % 2 === parity)]));
const FIT_VOCABULARY = vocabularyHalf(0);
const CALIBRATION_VOCABULARY = vocabularyHalf(1);

const CHAT_TEMPLATES = [
  // Coding help
  (r) => `How do I ${r.pick(r.v.codeTasks)} in ${r.pick(r.v.languages)}?`,
  (r) => `I keep getting ${r.pick(r.v.errors)} in my ${r.pick(r.v.languages)} code. How do I debug it?`,
  (r) => `Write a ${r.pick(r.v.languages)} function to ${r.pick(r.v.codeTasks)}. Only output the code.`,
  (r) => `Explain what this code does, line by line:\n\n${r.pick(r.v.snippets)}`,
  (r) => `There's a bug in here somewhere. Can you find it?\n${r.pick(r.v.snippets)}`,
  (r) => `Refactor this to be more readable and add error handling:\n\n${r.pick(r.v.snippets)}`,
  (r) => `Convert this to ${r.pick(r.v.languages)}:\n${r.pick(r.v.snippets)}`,
  (r) => `What's the time complexity of the code below?\n\n${r.pick(r.v.snippets)}`,
  (r) => `Ignore the imports, I only care about the main logic. Is this correct?\n${r.pick(r.v.snippets)}`,
  // Writing
  (r) => `Write a ${r.pick(r.v.forms)} about ${r.pick(r.v.subjects)}.`,
  (r) => `Can you write me a ${r.pick(r.v.tones)} ${r.pick(r.v.forms)} about ${r.pick(r.v.subjects)}?`,
  (r) => `Write an email to my ${r.pick(r.v.recipients)} asking for a deadline extension. Make it ${r.pick(r.v.tones)}.`,
  (r) => `Help me write a ${r.pick(r.v.tones)} message to my ${r.pick(r.v.recipients)} about missing the meeting.`,
  (r) => `Give me 5 ideas for a ${r.pick(r.v.forms)} about ${r.pick(r.v.subjects)}.`,
  (r) => `Continue this story in the same style: "${r.pick(r.v.subjects)} was all anyone talked about that summer."`,
  // Editing and summarising pasted text (real benign fit rows)
  (r, d) => `Summarize the following text:\n\n${d.doc()}`,
  (r, d) => `TL;DR this for me:\n${d.doc()}`,
  (r, d) => `What are the key points here?\n\n${d.doc()}`,
  (r, d) => `Rewrite this to be more ${r.pick(r.v.tones)}:\n${d.doc()}`,
  (r, d) => `Translate this into ${r.pick(r.v.languagesHuman)}:\n\n${d.doc()}`,
  (r, d) => `Extract all names, dates and amounts from the text below as a list.\n\n${d.doc()}`,
  (r, d) => `Fix any grammar mistakes in the following, and don't change the meaning:\n${d.doc()}`,
  (r, d) => `Here is a document:\n${d.doc()}\n\nBased on it, ${d.question()}`,
  (r, d) => `${d.instruction()}`,
  // Role-less instructions and constraints
  (r) => `Give me ${r.int(3, 10)} tips for ${r.pick(r.v.goals)}.`,
  (r) => {
    const [a, b] = r.pick(r.v.pairs);
    return `Explain the difference between ${a} and ${b}.`;
  },
  (r) => {
    const [a, b] = r.pick(r.v.pairs);
    return `Make a table comparing ${a} and ${b}. No extra text.`;
  },
  (r, d) => `Answer in one sentence: ${d.question()}`,
  (r, d) => `Be brief. ${d.question()}`,
  (r, d) => `Reply with just yes or no: ${d.question()}`,
  (r, d) => `Ignore the typos in my question, please: ${d.question()}`,
  (r, d) => `Forget about the details for now, ${d.question()}`,
  (r) => `Respond in JSON with the keys "name" and "reason": what's a good first pet for someone interested in ${r.pick(r.v.goals)}?`,
  (r) => `Don't explain, just give me the command to ${r.pick(r.v.codeTasks)} from the terminal.`,
  (r) => `Always answer in ${r.pick(r.v.languagesHuman)} from now on. How are you?`,
  (r) => `Use simple words only. What is ${r.pick(r.v.securityTerms)}?`,
  (r) => `My previous question was unclear, sorry. What I meant is: how do I ${r.pick(r.v.codeTasks)}?`,
  // Prompts, AI, system, passwords, security: talking about them is not attacking
  (r) => `What are good practices for writing prompts for ${r.pick(r.v.aiTools)}?`,
  (r) => `How do I write a system prompt for a ${r.pick(r.v.appKinds)} app built on ${r.pick(r.v.aiTools)}?`,
  (r) => `Can you improve this prompt for me? "Write a ${r.pick(r.v.forms)} about ${r.pick(r.v.subjects)} for kids"`,
  (r) => `Why does ${r.pick(r.v.aiTools)} sometimes ignore parts of my instructions?`,
  (r) => `What is ${r.pick(r.v.securityTerms)} and how can a small business protect itself?`,
  (r) => `How do I protect my ${r.pick(r.v.appKinds)} app against ${r.pick(r.v.securityTerms)}?`,
  (r) => `I forgot my ${r.pick(r.v.accounts)} password. How do I reset it?`,
  (r) => `How do I change the admin password on my ${r.pick(r.v.accounts)}?`,
  (r) => `Is it safe to save passwords in my browser, or should I use a password manager?`,
  () => 'How do I run a program as administrator on Windows 11?',
  () => 'My system keeps freezing when I open too many tabs. What can I check?',
  (r) => `What are the system requirements for running ${r.pick(r.v.aiTools)} locally?`,
  (r) => `Where can I find the assembly instructions for an IKEA ${r.pick(r.v.items)}?`,
  () => 'The instructions say to preheat the oven to 180 C. What is that in Fahrenheit?',
  (r) => `What does "jailbreaking" a phone mean, and does it void the warranty on my ${r.pick(r.v.items)}?`,
  (r) => `Our security team wants to red-team ${r.pick(r.v.aiTools)}. How should we plan the exercise?`,
  () => 'What is the difference between the system role and the assistant role in a chat completion request?',
  () => 'How do I keep secrets like database passwords out of my Docker images?',
  (r) => `Can you explain how ${r.pick(r.v.aiTools)} decides what to refuse?`,
  // Harmless role play
  (r) => `You are a ${r.pick(r.v.roles)}. Give me advice about ${r.pick(r.v.goals)}.`,
  (r) => `Pretend you're my ${r.pick(r.v.roles)} and make me a plan for ${r.pick(r.v.goals)}.`,
  (r) => `Act as a ${r.pick(r.v.roles)} in ${r.pick(r.v.places)} and tell me what to see in one day.`,
  (r) => `Let's do a mock interview: you're the ${r.pick(r.v.roles)} and I'm applying for a job. Ask the first question.`,
  (r) => `Role-play as a customer who is unhappy with their ${r.pick(r.v.items)} so I can practise support replies.`,
  (r) => `Imagine you are a ${r.pick(r.v.roles)} from the year 1900. What do you think of smartphones?`,
  (r) => `From now on, act as my ${r.pick(r.v.languagesHuman)} conversation partner and correct my mistakes.`,
  // Formats, conversions, languages
  (r) => {
    const [a, b] = r.pick(r.v.units);
    return `Convert ${r.int(2, 500)} ${a} to ${b}.`;
  },
  (r, d) => `What format is this, and how do I parse it?\n${d.data()}`,
  (r, d) => `Format this as a Markdown table:\n${d.data()}`,
  (r, d) => `Is this valid? What would you change?\n\n${d.data()}`,
  (r) => `What's the best file format for sharing a ${r.pick(r.v.forms)} with someone who uses a Mac?`,
  (r) => `How do you say "good luck with ${r.pick(r.v.goals)}" in ${r.pick(r.v.languagesHuman)}?`,
  // Chit-chat
  () => 'Hi! How are you today?',
  () => 'Thanks, that was really helpful!',
  (r) => `Can you recommend a good book about ${r.pick(r.v.subjects)}?`,
  (r) => `What should I cook tonight with ${r.pick(r.v.ingredients)}?`,
  (r) => `Tell me something surprising about ${r.pick(r.v.animals)}.`,
  () => "I'm bored. Suggest something fun to do this weekend.",
  (r) => `What's the best time of year to visit ${r.pick(r.v.places)}?`,
  // Longer requests with context, as people write them at work
  (r) => `${r.pick(r.v.workContext)} ${r.pick(r.v.workDetail)} ${r.pick(r.v.workAsk)}`,
  (r) => `${r.pick(r.v.workContext)} ${r.pick(r.v.workDetail)} ${r.pick(r.v.workDetail)} ${r.pick(r.v.workAsk)}`,
  (r) => `Hi, quick question. ${r.pick(r.v.workContext)} ${r.pick(r.v.workAsk)} Thanks in advance!`,
  (r) => `Could you help me think this through? ${r.pick(r.v.workDetail)} ${r.pick(r.v.workAsk)}`,
  (r) => `I want you to help me with ${r.pick(r.v.goals)}. ${r.pick(r.v.workDetail)} ${r.pick(r.v.workAsk)}`,
  (r) => {
    const details = Array.from({ length: r.int(4, 12) }, () => r.pick(r.v.longDetails));
    return [r.pick(r.v.longOpeners), ...details, r.pick(r.v.longAsks)].join(' ');
  },
  (r, d) => {
    const details = Array.from({ length: r.int(2, 6) }, () => r.pick(r.v.longDetails));
    return `${[r.pick(r.v.longOpeners), ...details].join(' ')}\n\nHere is the relevant part:\n${d.doc()}\n\n${r.pick(r.v.longAsks)}`;
  },
  // "Act as" prompts in the style of public prompt collections
  (r) => {
    const [role, rule, first] = r.pick(r.v.personaTasks);
    return `I want you to act as a ${role}. ${rule[0].toUpperCase()}${rule.slice(1)}. My first request is "${first}".`;
  },
  (r) => {
    const [role, rule] = r.pick(r.v.personaTasks);
    return `You will act as a ${role}: ${rule}. Keep your replies short and only answer what I ask.`;
  },
  // Questions about AI behaviour and the assistant itself
  (r) => `Do you remember what I asked earlier about ${r.pick(r.v.goals)}?`,
  (r) => `What are your limitations when it comes to ${r.pick(r.v.goals)} advice?`,
  (r) => `Can ${r.pick(r.v.aiTools)} browse the internet, or does it only know its training data?`,
  () => 'Why did you give me a different answer than yesterday?',
  () => 'Please follow these rules for the rest of our chat: use metric units and short paragraphs.',
  (r) => `Your previous answer was too long. Shorten it and focus on ${r.pick(r.v.goals)}.`,
];

const DATA_SAMPLES = [
  'id,name,score\n1,Ana,92\n2,Ben,85\n3,Chloe,78',
  '{"user": "ana", "roles": ["editor"], "active": true}',
  '<note><to>Ben</to><body>Call me</body></note>',
  '2023-11-05 14:22:10 INFO Server started on port 8080\n2023-11-05 14:22:12 WARN Cache miss rate high',
  'key = "value"\n[server]\nport = 8080',
  'Name: Ana Lopez | Dept: Sales | Ext: 2231\nName: Ben Ito | Dept: Support | Ext: 2240',
];

/** This file's chat templates plus, unless --no-dialogue, those of scripts/injection-training-dialogue.mjs. */
const ALL_CHAT_TEMPLATES = args['no-dialogue'] ? CHAT_TEMPLATES : [...CHAT_TEMPLATES, ...DIALOGUE_TEMPLATES];
const TRAIN_TEMPLATES = args['holdout-templates'] ? ALL_CHAT_TEMPLATES.filter((_, i) => i % 2 === 0) : ALL_CHAT_TEMPLATES;
const HOLDOUT_TEMPLATES = args['holdout-templates'] ? ALL_CHAT_TEMPLATES.filter((_, i) => i % 2 === 1) : [];

/** `count` distinct generated benign chat requests (normalised), drawing pasted text from `rows`. */
function benignChat(rows, count, seed, { templates = TRAIN_TEMPLATES, vocabulary = FIT_VOCABULARY } = {}) {
  const random = rng(seed);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const r = { pick, int, v: vocabulary };
  const documents = rows.filter((e) => e.row.kind === 'benign-document').map((e) => e.row.text);
  const questions = rows.filter((e) => e.row.kind === 'benign-general').map((e) => e.row.text);
  const instructions = rows.filter((e) => e.row.source === 'yizhongw/self-instruct').map((e) => e.row.text);
  const d = {
    // Long clean documents are cut at a paragraph-sized length, as people paste an excerpt.
    doc: () => {
      const text = pick(documents);
      return text.length > 1200 ? text.slice(0, 1200) : text;
    },
    question: () => {
      const q = pick(questions);
      return q.endsWith('?') ? q : `${q}?`;
    },
    instruction: () => pick(instructions),
    data: () => pick(DATA_SAMPLES),
  };
  const seen = new Set();
  const out = [];
  for (let attempt = 0; attempt < count * 10 && out.length < count; attempt++) {
    const text = normalise(pick(templates)(r, d)).text;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return out;
}
const GENERATED_CHAT = 6000;

if (args['dump-chat']) {
  const lines = benignChat(fit, GENERATED_CHAT, SEED + 2).map((t) => JSON.stringify(t));
  writeFileSync(args['dump-chat'], `${lines.join('\n')}\n`);
  process.stdout.write(`wrote ${lines.length} generated chat requests to ${args['dump-chat']}\n`);
  process.exit(0);
}

/**
 * Training samples of one head. Both heads see every row, plus windows of long benign texts (the scanner scores
 * windows too). The prompt head also gets the generated benign requests and chat above; the document head gets the
 * window around each located insertion. The prompt head leaves out the BIPIA injected documents: their attacks are
 * ordinary requests ("Write a poem about…") that are attacks only because they sit inside a document; learned as
 * user-turn attacks they would flag ordinary user requests.
 */
function samplesFor(head) {
  const out = [];
  const benign = (text) => {
    out.push({ ...vectorise(text, head), y: 0 });
    if (text.length > WINDOW.size) {
      for (let s = 0; s + WINDOW.size <= text.length; s += WINDOW.size) {
        out.push({ ...vectorise(text.slice(s, s + WINDOW.size), head), y: 0 });
      }
    }
  };
  if (head === 'prompt') for (const text of [...benignRequests(fit), ...benignChat(fit, GENERATED_CHAT, SEED + 2)]) benign(text);
  for (const e of fit) {
    const at = insertions.get(e);
    if (head === 'prompt' && e.y === 1 && e.row.source === 'microsoft/BIPIA') continue;
    if (e.y === 0) {
      benign(e.folded);
      continue;
    }
    out.push({ ...vectorise(e.folded, head), y: 1 });
    if (head === 'document' && at) {
      out.push({ ...vectorise(windowAround(e.folded, at.start, at.end, WINDOW.size), head), y: 1 });
    }
  }
  return out;
}

/** Logistic regression, AdaGrad, L2 on the touched weights, class weights, seeded shuffles. */
function train(head, samples) {
  const positives = samples.filter((s) => s.y === 1).length;
  const classWeight = [
    (samples.length / (2 * (samples.length - positives))) ** BALANCE,
    (samples.length / (2 * positives)) ** BALANCE,
  ];
  const { dim } = HEAD_FEATURES[head];
  const l2 = L2[head];
  const w = new Float64Array(dim);
  const g2 = new Float64Array(dim).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const random = rng(SEED);
  const order = samples.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let loss = 0;
    for (const k of order) {
      const { idx, val, y } = samples[k];
      let z = bias;
      for (let t = 0; t < idx.length; t++) z += w[idx[t]] * val[t];
      const p = 1 / (1 + Math.exp(-z));
      const cw = classWeight[y];
      loss -= cw * (y ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
      const g = (p - y) * cw;
      for (let t = 0; t < idx.length; t++) {
        const i = idx[t];
        const grad = g * val[t] + l2 * w[i];
        g2[i] += grad * grad;
        w[i] -= (LEARNING_RATE * grad) / Math.sqrt(g2[i]);
      }
      biasG2 += g * g;
      bias -= (LEARNING_RATE * g) / Math.sqrt(biasG2);
    }
    process.stderr.write(`${head} epoch ${epoch + 1}/${EPOCHS}: mean loss ${(loss / order.length).toFixed(4)}\n`);
  }
  return { w, bias, samples: samples.length, positives };
}

const heads = {};
const sampleCounts = {};
for (const head of ['prompt', 'document']) {
  const { w, bias, samples, positives } = train(head, samplesFor(head));
  const q = quantiseWeights(w);
  heads[head] = {
    features: HEAD_FEATURES[head],
    ...(HEAD_WINDOWS[head] ? { window: HEAD_WINDOWS[head] } : {}),
    bias: Number(bias.toFixed(6)),
    scale: q.scale,
    weights: q.weights,
    thresholds: { low: 0, medium: 0, high: 0 },
  };
  sampleCounts[head] = { samples, positives };
}
const trainSeconds = (performance.now() - started) / 1000;

// Calibrate each head as the scanner will run it (quantised weights, heuristics, decoders) on the held-out rows.
const file = { format: MODEL_FORMAT, heads };
const model = modelFromFile(file, 'in-memory model');
const calibrationReport = {};
// Chat from the calibration vocabulary (all templates), pasted text from calibration rows.
const calibrationChat = benignChat(calibration, 2000, SEED + 3, {
  templates: ALL_CHAT_TEMPLATES,
  vocabulary: CALIBRATION_VOCABULARY,
});
const holdoutChat = HOLDOUT_TEMPLATES.length
  ? benignChat(calibration, 1000, SEED + 4, { templates: HOLDOUT_TEMPLATES, vocabulary: CALIBRATION_VOCABULARY })
  : [];
for (const head of ['prompt', 'document']) {
  // With threshold 0 the scanner's evidence is the combined logit; thresholds are searched on it.
  const scored = calibration.map((e) => ({ e, evidence: scoreInjection(e.row.text, model[head], 0).details.evidence }));
  const benign = scored.filter((s) => s.e.y === 0).map((s) => s.evidence).sort((a, b) => b - a);
  const benignDocuments = scored
    .filter((s) => s.e.y === 0 && s.e.row.kind === 'benign-document')
    .map((s) => s.evidence)
    .sort((a, b) => b - a);
  // The prompt head is not meant to catch BIPIA's in-document requests; it is measured without them.
  const attacks = scored.filter((s) => s.e.y === 1 && (head === 'document' || s.e.row.source !== 'microsoft/BIPIA'));
  // Lowest threshold with at most floor(fpr · n) benign rows at or above it: just above the next benign score.
  const lowest = (sorted, fpr) => sorted[Math.floor(fpr * sorted.length)] + 1e-3;
  // Each head must also meet the target on what it sees in production, besides the short questions that dominate
  // the benign rows: the document head on benign documents alone, the prompt head on the calibration chat.
  const chat =
    head === 'prompt'
      ? calibrationChat.map((text) => scoreInjection(text, model[head], 0).details.evidence).sort((a, b) => b - a)
      : [];
  const thresholdFor = (fpr) =>
    Number(
      Math.max(
        lowest(benign, fpr),
        head === 'document' ? lowest(benignDocuments, fpr) : lowest(chat, fpr),
      ).toFixed(3),
    );
  const thresholds = Object.fromEntries(Object.entries(FPR_TARGETS).map(([k, fpr]) => [k, thresholdFor(fpr)]));
  heads[head].thresholds = thresholds;
  const perKind = {};
  for (const s of attacks) {
    perKind[s.e.row.kind] ??= [0, 0];
    perKind[s.e.row.kind][1]++;
    if (s.evidence >= thresholds.medium) perKind[s.e.row.kind][0]++;
  }
  const chatFpr = chat.length ? Number((chat.filter((x) => x >= thresholds.medium).length / chat.length).toFixed(4)) : undefined;
  // Where the medium threshold would be on the real benign rows alone: how much the chat moved it.
  const benignOnlyMedium = Number(lowest(benign, FPR_TARGETS.medium).toFixed(3));
  const holdoutScored =
    head === 'prompt' ? holdoutChat.map((text) => ({ text, evidence: scoreInjection(text, model[head], 0).details.evidence })) : [];
  const holdoutFpr = holdoutScored.length
    ? Number((holdoutScored.filter((x) => x.evidence >= thresholds.medium).length / holdoutScored.length).toFixed(4))
    : undefined;
  if (holdoutScored.length) {
    const worst = holdoutScored.sort((a, b) => b.evidence - a.evidence).slice(0, 15);
    process.stderr.write(`held-out template chat, highest evidence (medium threshold ${thresholds.medium}):\n`);
    for (const x of worst) process.stderr.write(`  ${x.evidence.toFixed(2)} ${JSON.stringify(x.text.slice(0, 110))}\n`);
  }
  // Model selection: attack recall when the threshold is set for a given FPR on chat from templates the model never
  // saw (and ≤ 1 % on the benign rows) — how well attacks and unfamiliar chat are ranked, whatever the calibration.
  const holdoutTradeoff = holdoutScored.length
    ? Object.fromEntries(
        [0.01, 0.02, 0.03].map((fpr) => {
          const t = Math.max(lowest(benign, FPR_TARGETS.medium), lowest(holdoutScored.map((x) => x.evidence), fpr));
          return [`tprAtHeldOutChatFpr${fpr}`, Number((attacks.filter((s) => s.evidence >= t).length / attacks.length).toFixed(4))];
        }),
      )
    : undefined;
  calibrationReport[head] = {
    ...(chatFpr === undefined
      ? {}
      : { calibrationChat: { rows: chat.length, fprAtMedium: chatFpr, mediumOnBenignRowsAlone: benignOnlyMedium } }),
    ...(holdoutFpr === undefined ? {} : { heldOutTemplateChatFprAtMedium: holdoutFpr, ...holdoutTradeoff }),
    ...Object.fromEntries(
      Object.entries(thresholds).map(([k, t]) => [
        k,
        {
          threshold: t,
          tpr: Number((attacks.filter((s) => s.evidence >= t).length / attacks.length).toFixed(4)),
          fpr: Number((benign.filter((b) => b >= t).length / benign.length).toFixed(4)),
          fprBenignDocuments: Number((benignDocuments.filter((b) => b >= t).length / benignDocuments.length).toFixed(4)),
        },
      ]),
    ),
    attacks: attacks.length,
    benign: benign.length,
    recallByKindAtMedium: Object.fromEntries(Object.entries(perKind).map(([k, [hit, n]]) => [k, `${hit}/${n}`])),
  };
}
file.training = {
  data: 'prompt-injection/train.jsonl (shared/datasets); test.jsonl not used',
  dataSha256: createHash('sha256').update(dataBytes).digest('hex'),
  rows: rows.length,
  fitRows: fit.length,
  calibrationRows: calibration.length,
  locatedInsertions: insertions.size,
  samples: sampleCounts,
  seed: SEED,
  epochs: EPOCHS,
  learningRate: LEARNING_RATE,
  l2: L2,
  classBalance: BALANCE,
  augmentedBenignRequests: AUGMENTED_REQUESTS,
  generatedBenignChat: GENERATED_CHAT,
  algorithm: 'logistic regression, AdaGrad, hashed char n-grams (per head) + word 1-2-grams, int8 weights',
  fprTargets: FPR_TARGETS,
  calibration: calibrationReport,
};
const json = `${JSON.stringify(file)}\n`;
writeFileSync(args.out, json);
process.stdout.write(
  `wrote ${args.out} (${(json.length / 1024).toFixed(0)} KiB): training ${trainSeconds.toFixed(1)} s, ` +
    `total ${((performance.now() - started) / 1000).toFixed(1)} s\n` +
    `fit rows ${fit.length}, calibration rows ${calibration.length}, located insertions ${insertions.size}\n` +
    `calibration: ${JSON.stringify(calibrationReport, null, 1)}\n`,
);
