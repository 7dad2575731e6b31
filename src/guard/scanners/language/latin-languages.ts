/**
 * Frequent function words of common Latin-script languages (our own short lists: the words a sentence can hardly
 * avoid), and letters that only some of them use. A word listed for k languages counts 1/k for each. Polish `i`
 * (and) is left out: it is the English pronoun.
 */
export const LATIN_MARKERS: Record<string, readonly string[]> = {
  en: 'the and is are was were of to in that it with for this you have has not be on what which would there their from they will can my your how please about an do does who where when why did him her his she he we our us at by but if or as so been'.split(
    ' ',
  ),
  fr: "le la les des est et une un du que qui pas pour dans sur avec ce cette sont mais nous vous je il elle au aux être très plus ou où comment merci bonjour c'est j'ai quel quelle pourquoi quand leur".split(
    ' ',
  ),
  de: 'der die das und ist nicht ein eine zu den dem mit sich auf für von ich du sie es wir ihr sind auch wie bitte was aber oder noch nur wenn kann haben werden warum wann wo wer welche dass'.split(
    ' ',
  ),
  es: 'el los las es y del que en un una por para con no se lo como más pero sus está son muy también yo qué cómo gracias hola porque esta este dónde cuándo quién cuál'.split(
    ' ',
  ),
  it: 'il lo gli della di che è e non per una un sono con mi ti ci questo questa come anche ma più perché grazie ciao nel alla delle dei dove quando chi cosa'.split(
    ' ',
  ),
  pt: 'o os as de do da dos das que não em um uma é com para por se mais mas como você eu ele ela muito obrigado olá também isso está são onde quando quem qual'.split(
    ' ',
  ),
  nl: 'de het een en van ik te dat die is niet met zijn op voor ook je hij maar wat hoe wij jullie bedankt alstublieft naar bij deze dit heeft kan waarom wanneer waar wie welke'.split(
    ' ',
  ),
  sv: 'och att det som en på är av för med till den har inte jag om ett men vi de så kan hur tack också var från eller mycket varför när vem vilken'.split(
    ' ',
  ),
  pl: 'w nie się na że z do to jest jak co ale po tak za od o jego dla czy ja ty oraz już bardzo dziękuję proszę może tylko dlaczego kiedy gdzie kto'.split(
    ' ',
  ),
  tr: 've bir bu da de için ile ne çok ama gibi daha var yok ben sen o değil mi mı nasıl teşekkür lütfen olarak kadar sonra şey her neden zaman nerede kim'.split(
    ' ',
  ),
  id: 'yang dan di ini itu dengan untuk tidak dari dalam akan pada ada saya anda kami bisa juga atau sudah terima kasih apa bagaimana mengapa kapan mana siapa'.split(
    ' ',
  ),
};

/** Letters that point to a language (weight 0.5 each, split like words when shared). */
export const LATIN_LETTER_HINTS: Record<string, readonly string[]> = {
  ß: ['de'],
  ä: ['de', 'sv'],
  ö: ['de', 'sv', 'tr'],
  ü: ['de', 'tr'],
  ñ: ['es'],
  ã: ['pt'],
  õ: ['pt'],
  ç: ['fr', 'pt', 'tr'],
  ğ: ['tr'],
  ş: ['tr'],
  ı: ['tr'],
  ł: ['pl'],
  ą: ['pl'],
  ę: ['pl'],
  ś: ['pl'],
  ź: ['pl'],
  ż: ['pl'],
  ć: ['pl'],
  ń: ['pl'],
  å: ['sv'],
  è: ['fr', 'it'],
  à: ['fr', 'it', 'pt'],
  ù: ['fr', 'it'],
  ê: ['fr', 'pt'],
  œ: ['fr'],
  ì: ['it'],
  ò: ['it'],
};

export const LATIN_LANGUAGES: readonly string[] = Object.keys(LATIN_MARKERS);
