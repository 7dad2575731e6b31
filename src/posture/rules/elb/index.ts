import type { Rule } from '../../rule.js';
import { elbAlbDropInvalidHeaders } from './elb-alb-drop-invalid-headers.js';
import { elbAlbWaf } from './elb-alb-waf.js';
import { elbListenerHttps } from './elb-listener-https.js';
import { elbListenerTls12 } from './elb-listener-tls12.js';

/** elb rules (ELBv2 load balancers and listeners), in evaluation order. */
export const elbRules: Rule[] = [elbAlbWaf, elbAlbDropInvalidHeaders, elbListenerHttps, elbListenerTls12];
