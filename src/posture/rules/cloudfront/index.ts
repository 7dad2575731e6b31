import type { Rule } from '../../rule.js';
import { cloudfrontAccessLogging } from './cloudfront-access-logging.js';
import { cloudfrontOriginTls12 } from './cloudfront-origin-tls12.js';
import { cloudfrontTls12 } from './cloudfront-tls12.js';
import { cloudfrontViewerHttps } from './cloudfront-viewer-https.js';
import { cloudfrontWaf } from './cloudfront-waf.js';

/** cloudfront rules, in evaluation order. */
export const cloudfrontRules: Rule[] = [
  cloudfrontWaf,
  cloudfrontViewerHttps,
  cloudfrontTls12,
  cloudfrontAccessLogging,
  cloudfrontOriginTls12,
];
