/**
 * Backup files through the message contract at any size: Chrome refuses a message over
 * 64 MiB, so a file's text larger than PART_CHARS travels in parts (see messages/transfers.ts).
 */
import type { Send } from '../messages/client';
import { HandraiserError } from '../messages/handraiser-error';
import type { ImportSummary } from '../messages/contract';
import { splitText } from '../messages/transfers';
import { MAX_PARTS, PART_CHARS } from '../messages/wire-names';
import { t } from '../ui/i18n';

/** The backup file's text (indented JSON) and how many people it holds. */
export async function fetchBackupFile(send: Send): Promise<{ text: string; people: number }> {
  const first = await send('exportFile', {});
  const parts = [first.text];
  for (let index = 1; index < first.parts; index++) parts.push((await send('exportPart', { id: first.id!, index })).text);
  return { text: parts.join(''), people: first.people };
}

/**
 * Imports a parsed backup file: in one message when it fits, else its text sent in parts first.
 * `fileText` is the file's own text when the caller has it (JSON.parse(fileText) is `data`): a
 * backup of tens of megabytes is then not written out again here.
 */
export async function importBackup(send: Send, data: unknown, fileText?: string, partChars = PART_CHARS): Promise<{ summary: ImportSummary }> {
  const text = fileText ?? JSON.stringify(data);
  if (text.length <= partChars) return send('importJson', { data });
  const parts = splitText(text, partChars);
  if (parts.length > MAX_PARTS) throw new HandraiserError('invalid', t('importTooLarge'));
  const id = crypto.randomUUID();
  for (const [index, part] of parts.entries()) await send('uploadPart', { id, index, count: parts.length, text: part });
  return send('importJson', { upload: id });
}
