/**
 * Weighted patterns for the attack families a classifier trained on a few thousand examples can miss or that must
 * be caught whatever the model says: instruction override, role play / DAN / developer mode, system-prompt
 * extraction, delimiter and escape attacks, instructions addressed to the AI from inside a document, and invisible
 * or mixed-script text. They run on the normalised text (lower case, folded homoglyphs and leetspeak, single
 * spaces), so `IGNORE  previous`, `іgnоrе previous` and `1gn0re previous` all match the same pattern.
 *
 * A weight is evidence in logit units added to the classifier's calibrated logit: 0 leaves the verdict to the
 * classifier, ≈ 2 tips a borderline text over the threshold, ≥ 4 detects on its own. Each pattern counts once per
 * text. Every pattern is bounded (no nested unbounded quantifiers), so matching is linear in the text length.
 */
import type { NormalisedText } from './normalise.js';
import { WordSet } from './word-set.js';

export type HeuristicCategory =
  | 'instruction_override'
  | 'role_play'
  | 'prompt_extraction'
  | 'delimiter'
  | 'addressed_to_ai'
  | 'obfuscation';

export interface Heuristic {
  id: string;
  category: HeuristicCategory;
  weight: number;
  pattern: RegExp;
  /**
   * Words (matched whole) or punctuation literals of which the pattern cannot match without one. One combined
   * regex finds them in a single pass, and only the patterns they point to run: most texts trigger none or few.
   */
  anchors: readonly string[];
}

export interface HeuristicMatch {
  id: string;
  category: HeuristicCategory;
  weight: number;
  /** Range in the normalised text; the scanner maps it back to the input. */
  start: number;
  end: number;
}

// Building blocks. `W` = one word; gaps allow a few filler words ("ignore all of the previous instructions").
const W = "[a-z0-9'-]+";
const gap = (max: number) => `(?: ${W}){0,${max}}`;
const OVERRIDE_VERB =
  "(?:ignore|ignoring|disregard|forget|skip|bypass|override|overwrite|neglect|overlook|dismiss|set aside|throw out|pay no attention to|(?:do not|don't|dont|stop) (?:follow|obey|listen to|adhere to)(?:ing)?)";
const PRIOR =
  '(?:previous|prior|preceding|above|earlier|former|initial|original|old|all|any|every|your|these|those|the|system|existing|current|other)';
const DIRECTIVES =
  '(?:instructions?|directions?|directives?|prompts?|rules|guidelines|commands?|context|constraints|restrictions|polic(?:y|ies)|programming|orders|tasks?|messages?|text|content|training|guidance|settings|limitations|safeguards|filters)';
const AI = '(?:ai|assistant|chatbot|bot|language model|llm|gpt|chatgpt|claude|model|agent|copilot)';
/** Names of the assistant's own prompt. */
const PROMPT_NOUN = '(?:system prompt|system message|system instructions|initial prompt|pre-?prompt)';
/** How a jailbreak announces its reminder: `I will say "stay in character"`. */
const REMINDER = '(?:say|says|saying|input|type|remind you|remind you by saying|tell you) "?(?:please )?';

const h = (id: string, category: HeuristicCategory, weight: number, anchors: string, source: string): Heuristic => ({
  id,
  category,
  weight,
  anchors: anchors.split(' '),
  pattern: new RegExp(source),
});

const DIRECTIVE_WORDS =
  'instruction instructions direction directions directive directives prompt prompts rules guidelines command commands context constraints restrictions policy policies programming orders task tasks message messages text content training guidance settings limitations safeguards filters';
const AI_WORDS =
  'ai ais assistant assistants chatbot chatbots bot bots model models llm llms gpt gpts chatgpt claude agent agents copilot copilots';

export const HEURISTICS: readonly Heuristic[] = [
  // Instruction override
  h(
    'ignore_previous_instructions',
    'instruction_override',
    5,
    DIRECTIVE_WORDS,
    `\\b${OVERRIDE_VERB}${gap(3)} ${PRIOR}${gap(3)} ${DIRECTIVES}\\b`,
  ),
  h(
    'forget_everything',
    'instruction_override',
    3,
    'forget ignore disregard',
    `\\b(?:forget|ignore|disregard) (?:everything|all that|anything|what)${gap(3)} (?:before|above|said|told|previously|earlier|so far)\\b`,
  ),
  h(
    'new_instructions',
    'instruction_override',
    2.5,
    'instruction instructions task rules directive prompt orders',
    `\\b(?:new|updated|revised|real|actual|true|secret|hidden|override) (?:instructions?|task|rules|directive|system prompt|orders)(?: are| is)?:`,
  ),
  h(
    'from_now_on',
    'instruction_override',
    1.5,
    'now point henceforth rest',
    "\\b(?:from now on|from this point(?: on| forward)?|henceforth|for the rest of (?:this|the) conversation),? (?:you|your|you're|act|respond|answer|only|always)\\b",
  ),
  h(
    'instead_do',
    'instruction_override',
    1.5,
    'instead',
    '\\binstead,? (?:just )?(?:print|say|output|respond|write|reply|answer|type|spell check|translate|tell)\\b',
  ),
  h(
    'stop_everything',
    'instruction_override',
    3,
    'stop nevermind never',
    "\\b(?:stop everything|stop what you(?:'re| are) doing|nevermind\\.? ignore|never mind\\.? ignore)\\b",
  ),
  h(
    'just_print',
    'instruction_override',
    1.5,
    'just only simply',
    `\\b(?:just|only|simply) (?:print|say|output|respond with|reply with|write) ["'\`]`,
  ),
  h(
    'you_must_now',
    'instruction_override',
    1,
    'must will shall',
    '\\byou (?:must|will|shall) (?:now |always |only )?(?:obey|comply|follow my|do (?:exactly )?(?:as|what) i)\\b',
  ),

  // Role play, DAN, developer mode, lifting the policy
  h(
    'do_anything_now',
    'role_play',
    5,
    'anything dan',
    '\\b(?:do anything now|dan mode|(?:you are|act as|pretend to be|become) dan\\b)',
  ),
  h(
    'special_mode',
    'role_play',
    1,
    'mode',
    '\\b(?:developer|dev|god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|evil|chaos|opposite|dude|stan|aim) mode\\b',
  ),
  h(
    'jailbreak_word',
    'role_play',
    1,
    'jailbreak jailbroken jailbreaking',
    '\\b(?:jailbreak|jailbroken|jailbreaking)\\b',
  ),
  h(
    'unrestricted_persona',
    'role_play',
    3,
    'unfiltered uncensored unrestricted unbound evil amoral immoral unethical jailbroken rogue malicious unhinged lawless uncontrolled',
    `\\b(?:act|acting|pretend|behave|respond|answer|roleplay|role-play|play|simulate|become)${gap(2)} (?:as|like|to be)(?: if you (?:are|were))?(?: an?| the)? (?:unfiltered|uncensored|unrestricted|unbound|evil|amoral|immoral|unethical|jailbroken|rogue|malicious|unhinged|lawless|uncontrolled)\\b`,
  ),
  h(
    'no_restrictions',
    'role_play',
    3,
    'guidelines policies policy restrictions filters constraints rules considerations principles limitations boundaries standards concerns morals ethics censorship limits',
    `\\b(?:(?:no|without|free (?:of|from)|not bound by|ignore|ignores|ignoring|disregard|beyond|break|breaking|bypass(?:ing)?) (?:any |all |the |your |its )?(?:ethical|moral|openai(?:'s)?|anthropic(?:'s)?|content|safety|censorship) (?:guidelines|policies|policy|restrictions|filters|constraints|rules|considerations|principles|limitations|boundaries|standards|concerns)|(?:no|without|lacks?) (?:any )?(?:morals|ethics|filters|censorship|limits))\\b`,
  ),
  h(
    'freed_from',
    'role_play',
    2.5,
    'freed free liberated released unbound broken escaped',
    '\\b(?:freed|free|liberated|released|unbound|broken free|escaped) (?:from|of) (?:the )?(?:typical|usual|normal|confines|limitations|restrictions|rules|chains|shackles|matrix)',
  ),
  h(
    'never_refuse',
    'role_play',
    2.5,
    'refuse decline reject deny',
    "\\b(?:never|cannot|can't|can not|must not|mustn't|will not|won't|shall not|don't|do not) (?:ever )?(?:refuse|decline|reject|deny)(?: to| any| a)?\\b",
  ),
  // Enforcement of a persona (always / never break / "I will remind you"), not the phrase itself: people running a
  // harmless scene write "please stay in character until I say stop". The pattern starts at the noun and checks the
  // words before it with a lookbehind: a leading alternation of a dozen verbs made it 4× slower. The match (and span)
  // is therefore the noun ("character") only.
  h(
    'stay_in_character',
    'role_play',
    2,
    'character stay act',
    `\\b(?:character(?<=\\b(?:remember to (?:always )?stay in|(?:always|must|will|shall|should) (?:stay|remain) in|(?:never|not|don't|do not|won't|will not|must not|can't|cannot) (?:ever )?break|if (?:you|i) (?:are |ever )?(?:break|breaking|get out of|go out of)|(?:step|steps|stepping|deviate|deviates) (?:out of|from)|${REMINDER}stay in|remain in) character)|character(?<=\\bstay in character)(?:(?=!)| (?:at all times|no matter what|whatever happens|indefinitely|forever))|stay as(?<=\\b${REMINDER}stay as)|keep up the act)\\b`,
  ),
  h(
    'no_warnings',
    'role_play',
    1.5,
    'warning warnings disclaimer disclaimers caveat caveats lecture lectures reminder reminders',
    '\\b(?:no|without|never (?:add|include|give)|do not (?:add|include|give)) (?:any )?(?:warnings?|disclaimers?|caveats?|moral(?:izing)? lectures?|ethical reminders?)\\b',
  ),
  h(
    'dual_response',
    'role_play',
    2,
    '🔓 🔒 [',
    '(?:🔓|🔒|\\[(?:jailbreak|classic|🔓|🔒|dan|developer mode output|normal output)\\])',
  ),
  h(
    'start_with_sure',
    'role_play',
    2,
    'sure absolutely course certainly',
    `\\b(?:start|begin) (?:your|the|each) (?:response|reply|answer|output)${gap(2)} (?:with|by saying) ["']?(?:sure|absolutely|of course|certainly)\\b`,
  ),
  h(
    'hypothetical_frame',
    'role_play',
    0.8,
    'hypothetical hypothetically fictional imaginary alternate',
    '\\b(?:hypothetical(?:ly)?|fictional|imaginary|alternate) (?:scenario|world|universe|story|setting|response)\\b',
  ),
  h(
    'you_are_now',
    'role_play',
    1,
    'act pretend play roleplay simulate immerse become',
    `\\byou are (?:now|going to be|about to)${gap(2)} (?:act|pretend|play|roleplay|simulate|immerse|become)\\b`,
  ),

  // System prompt extraction
  h(
    'reveal_prompt',
    'prompt_extraction',
    4,
    'prompt prompts instructions message configuration guidelines directives rules',
    `\\b(?:reveal|show|print|display|output|repeat|recite|tell me|give me|write out|spell check|translate|leak|share|dump|disclose|expose|list|what (?:is|are|were)|summari[sz]e|paraphrase|encode)${gap(3)} (?:your|previous|above|initial|original|hidden|secret|system|internal|full|complete|entire|exact|verbatim|first|preceding|prior|earlier)${gap(2)} (?:system prompt|prompts?|instructions|initial instructions|system message|system instructions|pre-?prompt|configuration|guidelines|directives|rules you|hidden rules)\\b`,
  ),
  // The assistant's own prompt ("your system prompt", "the system prompt is:"), not system prompts as a topic:
  // "what should a system prompt for my app include?" is a question, not an extraction. Noun first, context by
  // lookbehind, for the same speed reason as `stay_in_character`.
  h(
    'system_prompt',
    'prompt_extraction',
    1,
    'prompt message instructions preprompt',
    `\\b(?:${PROMPT_NOUN}(?<=\\b(?:(?:your|its|the above|the hidden|the original|the initial|the full)(?: (?:own|hard-coded|hidden|initial|original|full|secret))?|(?:show|print|repeat|reveal|output|leak|dump)(?: me)?(?: everything in)? the) ${PROMPT_NOUN})|(?:system prompt|system message)(?<=\\bthe (?:system prompt|system message))(?= (?:is|was|says)\\b)|hidden prompt|secret instructions|secure system message)\\b`,
  ),
  h(
    'words_above',
    'prompt_extraction',
    2.5,
    'above before',
    '\\b(?:repeat|print|output|copy|show)(?: me)? (?:the |all )?(?:words|text|everything|lines|content)(?: written)? (?:above|before (?:this|that|these))\\b',
  ),
  h('the_prompt_is', 'prompt_extraction', 2.5, 'prompt', '\\b(?:the|my|your) (?:system )?prompt (?:is|was):'),
  h(
    'password_request',
    'prompt_extraction',
    0.8,
    'password key code passcode secret',
    "\\b(?:what(?:'s| is) (?:the|your)|tell me (?:the|your)|give me (?:the|your)|share (?:the|your)|reveal (?:the|your)) (?:password|secret key|secret code|api key|passcode|secret)\\b",
  ),

  // Delimiter and escape attacks
  h(
    'fake_role_tag',
    'delimiter',
    3,
    '< [',
    '(?:<\\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\\|>|</?(?:system|sys|instructions?|im_start|im_end|admin|developer)>|\\[/?(?:inst|sys|system|admin)\\]|<</?sys>>)',
  ),
  h(
    'fake_section_header',
    'delimiter',
    2.5,
    'system instructions instruction admin developer override end',
    '(?:^|[\\n ])(?:#{2,}|[-=*_]{3,}) ?(?:system|new instructions?|admin|developer|override|end of (?:prompt|instructions|context|document|input))\\b',
  ),
  h(
    'end_of_input',
    'delimiter',
    2,
    'end rest',
    '\\b(?:end of|ignore the rest of) (?:the )?(?:document|email|context|input|text|data|user input|prompt|instructions)\\b',
  ),
  h('escape_padding', 'delimiter', 2.5, '\\ **', '(?:\\\\[-=>*#_~<]{2,}){2,}|(?:\\*{2,}[>=-]{4,}){2,}'),
  h(
    'role_label_line',
    'delimiter',
    0.8,
    'system developer admin administrator root',
    '(?:^|[\\n ])(?:system|developer|admin|administrator|root) ?: ',
  ),

  // Instructions addressed to the AI from inside content
  h(
    'note_to_ai',
    'addressed_to_ai',
    3,
    AI_WORDS,
    `\\b(?:note|attention|important|instructions?|message|reminder|hey|dear|psst) (?:to|for) (?:the |any |all )?${AI}s?\\b`,
  ),
  h('if_you_are_ai', 'addressed_to_ai', 3, AI_WORDS, `\\bif you are (?:an? |the )?${AI}\\b`),
  h(
    'ai_must',
    'addressed_to_ai',
    1.5,
    AI_WORDS,
    `\\b${AI},? (?:you (?:must|should|need to|have to|will)|please (?:ignore|do not|don't|stop|instead)|ignore|must|stop)\\b`,
  ),
  h(
    'when_summarising',
    'addressed_to_ai',
    1.5,
    'summarizing summarising reading processing answering translating analyzing analysing',
    '\\b(?:when|while|before|after) (?:summari[sz]ing|reading|processing|answering|translating|analy[sz]ing) (?:this|the)\\b',
  ),
  h(
    'admin_override',
    'addressed_to_ai',
    2.5,
    'administrator admin developer system root sudo',
    '\\b(?:administrator|admin|developer|system|root|sudo) (?:override|access|command|mode|privileges?) ?(?::|granted|enabled|activated)',
  ),
];

/**
 * Obfuscation signals computed during normalisation rather than by pattern: invisible characters hide instructions
 * from people but not from models; mixed-script words and leetspeak disguise keywords.
 */
export const OBFUSCATION_WEIGHTS = {
  /** Unicode tag characters: no legitimate prompt contains them. */
  tags: 4,
  /** Three or more zero-width or bidi-control characters. */
  invisible: 1.5,
  /** Look-alike letters from another script inside Latin words. */
  mixedScript: 2,
  /** Leetspeak words. */
  leet: 0.5,
} as const;

/** Anchor → indices of the heuristics it can start. */
const ANCHOR_TARGETS = new Map<string, number[]>();
HEURISTICS.forEach((hr, i) => {
  for (const a of hr.anchors) {
    const targets = ANCHOR_TARGETS.get(a) ?? [];
    targets.push(i);
    ANCHOR_TARGETS.set(a, targets);
  }
});
const anchorWords = [...ANCHOR_TARGETS.keys()].filter((a) => /^[a-z0-9]+$/.test(a));
const anchorLiterals = [...ANCHOR_TARGETS.keys()].filter((a) => !/^[a-z0-9]+$/.test(a));
/** Whole anchor words, found in one hashing pass over the text (see word-set.ts). */
const ANCHOR_WORDS = new WordSet(anchorWords.map((word, k) => [word, k] as const));
const WORD_TARGETS = anchorWords.map((word) => ANCHOR_TARGETS.get(word)!);
/** Punctuation anchors (`<`, `[`, `**`, emoji), found anywhere with a native substring search. */
const LITERAL_TARGETS = anchorLiterals.map((literal) => [literal, ANCHOR_TARGETS.get(literal)!] as const);

// Which heuristics the current text can trigger; reused, since scans are synchronous.
const triggered = new Uint8Array(HEURISTICS.length);
const markWordTargets = (k: number): undefined => {
  for (const i of WORD_TARGETS[k]!) triggered[i] = 1;
};

/** All heuristic matches in a normalised text (each pattern at most once, first occurrence). */
export function matchHeuristics(norm: NormalisedText): HeuristicMatch[] {
  const matches: HeuristicMatch[] = [];
  const text = norm.text;
  triggered.fill(0);
  ANCHOR_WORDS.scan(text, markWordTargets);
  for (const [literal, targets] of LITERAL_TARGETS) {
    if (text.includes(literal)) for (const i of targets) triggered[i] = 1;
  }
  for (let i = 0; i < HEURISTICS.length; i++) {
    if (!triggered[i]) continue;
    const hr = HEURISTICS[i]!;
    const m = hr.pattern.exec(text);
    if (m)
      matches.push({ id: hr.id, category: hr.category, weight: hr.weight, start: m.index, end: m.index + m[0].length });
  }
  const whole = { start: 0, end: text.length };
  if (norm.tags > 0)
    matches.push({ id: 'tag_characters', category: 'obfuscation', weight: OBFUSCATION_WEIGHTS.tags, ...whole });
  if (norm.invisible >= 3)
    matches.push({
      id: 'invisible_characters',
      category: 'obfuscation',
      weight: OBFUSCATION_WEIGHTS.invisible,
      ...whole,
    });
  if (norm.mixedScript >= 2)
    matches.push({ id: 'mixed_script', category: 'obfuscation', weight: OBFUSCATION_WEIGHTS.mixedScript, ...whole });
  if (norm.leetWords >= 2)
    matches.push({ id: 'leetspeak', category: 'obfuscation', weight: OBFUSCATION_WEIGHTS.leet, ...whole });
  return matches;
}

/** Total evidence: the sum of weights, capped so a pile of weak signals cannot outweigh a clearly benign text forever. */
export function heuristicEvidence(matches: readonly HeuristicMatch[]): number {
  let sum = 0;
  for (const m of matches) sum += m.weight;
  return Math.min(sum, 8);
}
