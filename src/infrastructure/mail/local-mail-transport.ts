/**
 * Development and test transport: each mail becomes an .eml file (the same RFC 822
 * message SMTP would carry) in one directory, named `<timestamp>-<Message-ID>.eml` so
 * that a listing sorts by time. Idempotent per Message-ID: a retried job finds its file
 * and writes nothing. Files appear whole (temp file + rename), never half written.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createTransport, type StreamSentMessageInfo, type Transporter } from 'nodemailer';
import { mailOptions, messageIdHeader, type OutgoingMail } from './mail-message';
import { MailTransportClosedError } from './mail.errors';
import { MailTransport, type MailSendResult } from './mail-transport';

export interface StoredMail {
  /** The Message-ID header, `<…>`. */
  messageId: string;
  /** The recipient's address (without the display name). */
  to: string;
  subject: string;
  /** Absolute path of the .eml file. */
  file: string;
  /** The whole message as stored. */
  raw: string;
  /** The body it was sent for (`OutgoingMail.bodyId`), so that each body's admin sees only its own. */
  bodyId: string | null;
}

export type OnMailStored = (stored: StoredMail) => Promise<void>;

// "20210831T150000123Z": fixed length, sortable, no characters a file system minds.
const TIMESTAMP_LENGTH = 'YYYYMMDDTHHMMSSmmmZ'.length;
const MAX_KEY_LENGTH = 150;

export class LocalMailTransport extends MailTransport {
  private readonly composer: Transporter<StreamSentMessageInfo>;
  private readonly directory: string;
  /** Sends of the same Message-ID run one after the other; the second finds the file. */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(
    directory: string,
    private readonly onStored?: OnMailStored,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    this.directory = path.resolve(directory);
    this.composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<MailSendResult> {
    if (this.closed) throw new MailTransportClosedError();
    const messageId = messageIdHeader(mail.messageId);
    const key = fileKey(messageId);
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.store(mail, messageId, key));
    this.inFlight.set(key, current);
    try {
      await current;
    } finally {
      if (this.inFlight.get(key) === current) this.inFlight.delete(key);
    }
    return { messageId, accepted: true };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async store(mail: OutgoingMail, messageId: string, key: string): Promise<void> {
    await fs.mkdir(this.directory, { recursive: true });
    if (await this.existingFile(key)) return;

    const info = await this.composer.sendMail(mailOptions(mail));
    if (!Buffer.isBuffer(info.message)) throw new Error('nodemailer did not return the message as a buffer');
    const raw = info.message.toString('utf8');
    const file = path.join(this.directory, `${timestamp(this.now())}-${key}.eml`);
    await writeAtomically(file, raw);
    if (!this.onStored) return;
    try {
      await this.onStored({ messageId, to: mail.to.email, subject: mail.subject, file, raw, bodyId: mail.bodyId ?? null });
    } catch (error) {
      // Without the file, the retry stores the mail again and calls onStored again.
      await fs.rm(file, { force: true });
      throw error;
    }
  }

  private async existingFile(key: string): Promise<boolean> {
    const suffix = `-${key}.eml`;
    const names = await fs.readdir(this.directory);
    return names.some((name) => name.length === TIMESTAMP_LENGTH + suffix.length && name.endsWith(suffix));
  }
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

/**
 * The Message-ID without brackets, reversibly escaped for a file name: characters
 * other than letters, digits, `.`, `@` and `-` become `_XX` (UTF-8 bytes in hex). A very
 * long id is cut and completed with a hash after `~`, which the escaping never produces.
 */
export function fileKey(messageId: string): string {
  const bare = messageIdHeader(messageId).slice(1, -1);
  const escaped = Array.from(bare, (char) =>
    /^[A-Za-z0-9.@-]$/.test(char)
      ? char
      : Array.from(Buffer.from(char, 'utf8'), (byte) => `_${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  ).join('');
  if (escaped.length <= MAX_KEY_LENGTH) return escaped;
  const hash = createHash('sha256').update(bare).digest('hex').slice(0, 16);
  return `${escaped.slice(0, MAX_KEY_LENGTH - 17)}~${hash}`;
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
