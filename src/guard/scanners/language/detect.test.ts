import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect.js';

describe('detectLanguage', () => {
  it('names common Latin-script languages from ordinary sentences', () => {
    const samples: [string, string][] = [
      ['en', 'Can you tell me how the refund process works for my order?'],
      ['fr', "Bonjour, pouvez-vous m'expliquer comment fonctionne le remboursement de ma commande ?"],
      ['de', 'Kannst du mir bitte erklären, wie die Rückerstattung für meine Bestellung funktioniert?'],
      ['es', 'Hola, ¿me puedes explicar cómo funciona el reembolso de mi pedido?'],
      ['it', 'Ciao, mi puoi spiegare come funziona il rimborso del mio ordine?'],
      ['pt', 'Olá, você pode me explicar como funciona o reembolso do meu pedido?'],
      ['nl', 'Hallo, kun je me uitleggen hoe de terugbetaling van mijn bestelling werkt?'],
      ['sv', 'Hej, kan du förklara hur återbetalningen för min beställning fungerar?'],
      ['pl', 'Cześć, czy możesz mi wyjaśnić, jak działa zwrot pieniędzy za moje zamówienie?'],
      ['tr', 'Merhaba, siparişim için iade sürecinin nasıl işlediğini açıklar mısın?'],
    ];
    for (const [language, text] of samples) expect(detectLanguage(text).language, text).toBe(language);
  });

  it('names languages by script', () => {
    const samples: [string, string][] = [
      ['ru', 'Как работает возврат денег за мой заказ?'],
      ['uk', 'Як працює повернення коштів за моє замовлення? Дякую, і все.'],
      ['el', 'Πώς λειτουργεί η επιστροφή χρημάτων για την παραγγελία μου;'],
      ['ar', 'كيف تعمل عملية استرداد الأموال لطلبي؟'],
      ['fa', 'بازپرداخت پول برای سفارش من چگونه کار می‌کند؟'],
      ['he', 'איך עובד תהליך ההחזר עבור ההזמנה שלי?'],
      ['hi', 'मेरे ऑर्डर के लिए रिफंड कैसे काम करता है?'],
      ['zh', '我的订单退款流程是怎样的？'],
      ['ja', '私の注文の返金はどのように機能しますか？'],
      ['ko', '내 주문에 대한 환불은 어떻게 진행되나요?'],
      ['th', 'การคืนเงินสำหรับคำสั่งซื้อของฉันทำงานอย่างไร'],
    ];
    for (const [language, text] of samples) expect(detectLanguage(text).language, text).toBe(language);
  });

  it('leaves code, names and numbers undetermined', () => {
    expect(detectLanguage('const x = fetchData(url); return x.items.map(i => i.id);').language).toBe('und');
    expect(detectLanguage('Jean-Luc Picard 2364').language).toBe('und');
    expect(detectLanguage('12345 !!! ???').letters).toBe(0);
  });
});
