import { isolated } from '../domain/text';
import { msg } from './i18n';

/**
 * The line of a notification that names people: "Ana, Bob and 3 more". Each name is an isolated
 * run (domain/text's isolated), so a name carrying a right-to-left override cannot reverse the
 * names after it or the words around them.
 */
export function namesLine(names: readonly string[], total: number): string {
  const shown = names.map(isolated).join(', ');
  const more = total - names.length;
  return more > 0 ? msg('notifyNamesMore', `${shown} and ${more} more`, [shown, String(more)]) : shown;
}
