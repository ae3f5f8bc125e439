/** Renders TSX (Preact) to an HTML string; escaping is on by default. */
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function html(node: VNode): string {
  return `<!doctype html>${renderToString(node)}`;
}
