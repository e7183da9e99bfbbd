/** Passed through to Django: the browser sees one origin (see src/lib/proxy.ts). */
import type { APIRoute } from 'astro';
import { proxyToBackend } from '../../lib/proxy.ts';

export const ALL: APIRoute = ({ request }) => proxyToBackend(request);
