import type { Rule } from '../../rule.js';
import { elbAccessLogging } from './elb-access-logging.js';
import { elbAlbDropInvalidHeaders } from './elb-alb-drop-invalid-headers.js';
import { elbAlbWaf } from './elb-alb-waf.js';
import { elbListenerHttps } from './elb-listener-https.js';
import { elbListenerTls12 } from './elb-listener-tls12.js';

/** elb rules (ELBv2 load balancers and listeners; classic load balancers for access logs), in evaluation order. */
export const elbRules: Rule[] = [
  elbAlbWaf,
  elbAlbDropInvalidHeaders,
  elbListenerHttps,
  elbListenerTls12,
  elbAccessLogging,
];
