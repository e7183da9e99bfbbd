import { LANG_SEGMENT } from './i18n.ts';

/** Which routes may run the site's own scripts: only those that carry the submission form's island. */
export const SCRIPT_ROUTES = new RegExp(`^/${LANG_SEGMENT}/(submit(/|$)|account/submissions/\\d+/revise(/|$))`);

/** The page policy for `pathname`: `script-src 'self'` on the form routes, the policy as it is elsewhere. */
export function policyFor(policy: string, pathname: string): string {
  return SCRIPT_ROUTES.test(pathname) ? policy.replace("script-src 'none'", "script-src 'self'") : policy;
}
