/** Passed through to Django: the browser sees one origin (see src/lib/proxy.ts). */
import type { APIRoute } from 'astro';
import { proxyToBackend } from '../../lib/proxy.ts';
import { clientAddressOf } from '../../lib/backend.ts';

export const ALL: APIRoute = (context) => proxyToBackend(context.request, clientAddressOf(context));
