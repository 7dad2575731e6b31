import type { Rule } from '../../rule.js';
import { cloudfrontTls12 } from './cloudfront-tls12.js';
import { cloudfrontViewerHttps } from './cloudfront-viewer-https.js';
import { cloudfrontWaf } from './cloudfront-waf.js';

/** cloudfront rules, in evaluation order. */
export const cloudfrontRules: Rule[] = [cloudfrontWaf, cloudfrontViewerHttps, cloudfrontTls12];
